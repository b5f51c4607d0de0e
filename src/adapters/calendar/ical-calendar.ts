import ical, {
  escape,
  ICalCalendarMethod,
  ICalEventTransparency,
  type ICalCalendar,
} from 'ical-generator';
import { NotFoundError } from '../../app/deps.ts';
import type { CalendarLinks, CalendarRenderer, Clock } from '../../app/ports.ts';
import type {
  EditionProgramme,
  SessionWithContributors,
} from '../../app/programme/programme.queries.ts';
import type { SessionContributor } from '../../domain/convening/session.ts';

/** What the renderer needs from outside: the time stamped on each event (DTSTAMP). */
export interface IcalCalendarOptions {
  clock?: Clock;
}

const systemClock: Clock = { now: () => new Date() };

/**
 * Renders programmes as iCalendar files with ical-generator. Times are written in UTC, so
 * every calendar app shows them in its own user's time zone without needing VTIMEZONE data.
 */
export function createIcalCalendarRenderer(options: IcalCalendarOptions = {}): CalendarRenderer {
  const clock = options.clock ?? systemClock;
  return {
    renderProgramme(programme, links) {
      const calendar = createCalendar(programme);
      const stamp = clock.now();
      for (const session of programme.sessions)
        addEvent(calendar, programme, session, links, stamp);
      return calendar.toString();
    },
    renderSession(programme, sessionId, links) {
      const session = programme.sessions.find((candidate) => candidate.id === sessionId);
      if (!session) throw new NotFoundError('The session');
      const calendar = createCalendar(programme);
      addEvent(calendar, programme, session, links, clock.now());
      return calendar.toString();
    },
  };
}

function createCalendar(programme: EditionProgramme): ICalCalendar {
  return ical({
    // ical-generator writes NAME and X-WR-CALNAME as given, so the TEXT escaping of
    // RFC 5545 section 3.3.11 is done here: an edition name may hold commas or semicolons.
    name: escape(programme.edition.name, false),
    prodId: { company: 'Convene', product: 'Convene programme', language: 'EN' },
    // PUBLISH: a calendar to subscribe to or import, not an invitation to reply to.
    method: ICalCalendarMethod.PUBLISH,
  });
}

function addEvent(
  calendar: ICalCalendar,
  programme: EditionProgramme,
  session: SessionWithContributors,
  links: CalendarLinks,
  stamp: Date,
): void {
  const sessionUrl = links.sessionUrl(session.id);
  const themeNames = session.themeIds
    .map((themeId) => programme.themes.find((theme) => theme.id === themeId)?.name)
    .filter((name): name is string => name !== undefined);
  calendar.createEvent({
    // The UID stays the same on every export, so a re-imported calendar updates the
    // event instead of adding a copy (RFC 5545 section 3.8.4.7).
    id: `${session.id}@${new URL(links.programmeUrl).hostname}`,
    stamp,
    // Raised whenever the time, title or place changed, so the new version replaces the old.
    sequence: session.calendarSequence,
    start: new Date(session.startsAt),
    end: new Date(session.endsAt),
    summary: session.title,
    description: describeSession(session, themeNames, sessionUrl),
    url: sessionUrl,
    location: locationOf(programme, session, sessionUrl),
    categories: themeNames.map((name) => ({ name })),
    // A break leaves people free: calendar apps do not show it as busy time.
    transparency:
      session.format === 'break' ? ICalEventTransparency.TRANSPARENT : ICalEventTransparency.OPAQUE,
  });
}

/**
 * Where to go: the session room for a session with video (calendars may be shared publicly, so
 * the meeting address itself stays inside the room, for signed-in attendees), else the venue.
 */
function locationOf(
  programme: EditionProgramme,
  session: SessionWithContributors,
  sessionUrl: string,
): string {
  if (session.videoUrl) return `${sessionUrl}/room`;
  const { format, location } = programme.edition;
  return format !== 'remote' && location ? location : 'Online';
}

/** Plain text for DESCRIPTION; emails are left out, as the calendar may be shared publicly. */
function describeSession(
  session: SessionWithContributors,
  themeNames: string[],
  sessionUrl: string,
): string {
  const sections: string[] = [];
  if (session.description) sections.push(session.description);
  for (const [part, heading] of [
    ['speaker', 'Speakers'],
    ['moderator', 'Moderators'],
  ] as const) {
    const people = session.contributors.filter((contributor) => contributor.part === part);
    if (people.length > 0) sections.push([`${heading}:`, ...people.map(describePerson)].join('\n'));
  }
  if (themeNames.length > 0) sections.push(`Themes: ${themeNames.join('; ')}`);
  sections.push(`Session page: ${sessionUrl}`);
  return sections.join('\n\n');
}

function describePerson(person: SessionContributor): string {
  const details = [person.role, person.government].filter((detail) => detail.length > 0);
  return `- ${person.name}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
}
