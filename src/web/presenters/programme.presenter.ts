import type {
  EditionProgramme,
  SessionWithContributors,
} from '../../app/programme/programme.queries.ts';
import { EDITION_FORMAT_LABELS, EDITION_STATUS_LABELS } from '../../domain/convening/edition.ts';
import { SESSION_FORMAT_LABELS } from '../../domain/convening/session.ts';
import { buildTimeline, type SessionTiming } from '../../domain/programme/timeline.ts';
import {
  formatDateSpan,
  formatLongDate,
  formatShortDate,
  formatTimeRange,
  isSameOffset,
} from './time.ts';

/** A session as the programme and session pages show it, times already in both zones. */
export interface SessionCard {
  id: string;
  title: string;
  format: string;
  isBreak: boolean;
  viewerTime: string;
  viewerDate: string;
  isOnAnotherDateForViewer: boolean;
  homeTime: string | null;
  timing: SessionTiming;
  description: string;
  videoUrl: string;
  speakers: { name: string; role: string; government: string }[];
  moderators: { name: string; role: string; government: string }[];
  themes: { id: string; name: string }[];
  path: string;
}

/** Turns one session into what a page shows, in the viewer's zone beside the edition's. */
export function presentSession(
  programme: EditionProgramme,
  session: SessionWithContributors,
  viewerZone: string,
  timing: SessionTiming,
): SessionCard {
  const home = programme.edition.homeTimeZone;
  return {
    id: session.id,
    title: session.title,
    format: SESSION_FORMAT_LABELS[session.format],
    isBreak: session.format === 'break',
    viewerTime: formatTimeRange(session.startsAt, session.endsAt, viewerZone),
    viewerDate: formatShortDate(session.startsAt, viewerZone),
    // A session listed under its day in the organizers' zone may fall on another date for the viewer.
    isOnAnotherDateForViewer:
      formatShortDate(session.startsAt, viewerZone) !== formatShortDate(session.startsAt, home),
    homeTime: isSameOffset(viewerZone, home, session.startsAt)
      ? null
      : formatTimeRange(session.startsAt, session.endsAt, home),
    timing,
    description: session.description,
    videoUrl: session.videoUrl,
    speakers: contributorsOf(session, 'speaker'),
    moderators: contributorsOf(session, 'moderator'),
    themes: session.themeIds
      .flatMap((id) => programme.themes.filter((theme) => theme.id === id))
      .map(({ id, name }) => ({ id, name })),
    path: `/editions/${programme.edition.slug}/sessions/${session.id}`,
  };
}

/** The programme page: the edition, its days in order and its sessions grouped by theme. */
export function presentProgramme(programme: EditionProgramme, viewerZone: string, now: Date) {
  const { edition } = programme;
  const timeline = buildTimeline(programme.sessions, programme.days, edition.homeTimeZone, now);
  const days = timeline.map((entry, index) => ({
    number: index + 1,
    dayId: entry.day?.id ?? null,
    date: entry.date,
    longDate: formatLongDate(entry.date),
    themeLabel: entry.day?.themeLabel ?? '',
    guidingQuestion: entry.day?.guidingQuestion ?? '',
    sessions: entry.sessions.map(({ session, timing }) =>
      presentSession(programme, session, viewerZone, timing),
    ),
  }));
  const allSessions = days.flatMap((day) => day.sessions);
  const themes = programme.themes.map((theme) => ({
    id: theme.id,
    name: theme.name,
    description: theme.description,
    sessions: allSessions.filter((session) => session.themes.some((t) => t.id === theme.id)),
  }));
  return {
    edition: {
      ...edition,
      dateSpan: formatDateSpan(edition.startDate, edition.endDate),
      formatLabel: EDITION_FORMAT_LABELS[edition.format],
      statusLabel: EDITION_STATUS_LABELS[edition.status],
      hostsText: edition.hosts.join(' and '),
      path: `/editions/${edition.slug}`,
    },
    days,
    themes,
    isRunning: allSessions.some((session) => session.timing === 'now' || session.timing === 'next'),
  };
}

/** Speakers or moderators as the public sees them: name, role and government, never an email. */
function contributorsOf(session: SessionWithContributors, part: 'speaker' | 'moderator') {
  return session.contributors
    .filter((c) => c.part === part)
    .map(({ name, role, government }) => ({ name, role, government }));
}
