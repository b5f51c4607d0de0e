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
  const nowIso = now.toISOString();
  const ordered = [...sessions].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.title.localeCompare(b.title));
  const first = ordered[0];
  const last = ordered.reduce<S | undefined>((latest, s) => (!latest || s.endsAt > latest.endsAt ? s : latest), undefined);
  const isRunning = first !== undefined && last !== undefined && first.startsAt <= nowIso && nowIso < last.endsAt;
  const nextStart = isRunning ? ordered.find((s) => s.startsAt > nowIso)?.startsAt : undefined;

  const byDate = new Map<string, TimelineDay<S>>();
  for (const day of days) byDate.set(day.date, { date: day.date, day, sessions: [] });
  for (const session of ordered) {
    const date = instantToLocal(session.startsAt, homeTimeZone).date;
    const entry = byDate.get(date) ?? { date, day: null, sessions: [] };
    byDate.set(date, entry);
    entry.sessions.push({ session, timing: timingOf(session, nowIso, nextStart) });
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

function timingOf(session: Session, nowIso: string, nextStart: string | undefined): SessionTiming {
  if (session.endsAt <= nowIso) return 'past';
  if (session.startsAt <= nowIso) return 'now';
  if (nextStart !== undefined && session.startsAt === nextStart) return 'next';
  return 'later';
}
