import type { Day } from '../convening/edition.ts';
import type { Session } from '../convening/session.ts';
import { instantToLocal } from '../time-zones/zones.ts';

/** Where a session stands relative to now, for marking "now" and "next" while the event runs. */
export type SessionTiming = 'past' | 'now' | 'next' | 'later';

/** A day of the programme with its sessions in order. */
export interface TimelineDay<S extends Session> {
  date: string;
  day: Day | null;
  sessions: { session: S; timing: SessionTiming }[];
}

/**
 * Groups sessions by their date in the edition's home time zone, and marks the sessions
 * running now and the ones starting next. "Next" is only marked while the event runs, from
 * the start of the first session to the end of the last one.
 */
export function buildTimeline<S extends Session>(
  sessions: S[],
  days: Day[],
  homeTimeZone: string,
  now: Date,
): TimelineDay<S>[] {
  // Instants are compared as numbers: the same instant can be written with or without milliseconds.
  const nowMs = now.getTime();
  const ordered = [...sessions].sort(
    (a, b) => ms(a.startsAt) - ms(b.startsAt) || a.title.localeCompare(b.title),
  );
  const first = ordered[0];
  const lastEnd = Math.max(...ordered.map((s) => ms(s.endsAt)));
  const isRunning = first !== undefined && ms(first.startsAt) <= nowMs && nowMs < lastEnd;
  const nextStart = isRunning ? ordered.find((s) => ms(s.startsAt) > nowMs)?.startsAt : undefined;

  const byDate = new Map<string, TimelineDay<S>>();
  for (const day of days) byDate.set(day.date, { date: day.date, day, sessions: [] });
  for (const session of ordered) {
    const date = instantToLocal(session.startsAt, homeTimeZone).date;
    const entry = byDate.get(date) ?? { date, day: null, sessions: [] };
    byDate.set(date, entry);
    entry.sessions.push({ session, timing: timingOf(session, nowMs, nextStart) });
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

function ms(instant: string): number {
  return Date.parse(instant);
}

function timingOf(session: Session, nowMs: number, nextStart: string | undefined): SessionTiming {
  if (ms(session.endsAt) <= nowMs) return 'past';
  if (ms(session.startsAt) <= nowMs) return 'now';
  if (nextStart !== undefined && session.startsAt === nextStart) return 'next';
  return 'later';
}
