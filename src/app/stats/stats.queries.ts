import type { Actor } from '../../domain/access/actor.ts';
import type { Edition } from '../../domain/convening/edition.ts';
import { can } from '../../domain/policy/policy.ts';
import { pickCurrentEdition } from '../../domain/programme/current-edition.ts';
import {
  countInRanges,
  countNewPeopleMet,
  mean,
  median,
  summariseRepresentation,
  type CountRange,
  type Representation,
} from '../../domain/stats/convening-numbers.ts';
import { NotFoundError, type UseCaseDeps } from '../deps.ts';
import type { SessionActivity } from '../ports.ts';

type Deps = Pick<UseCaseDeps, 'store' | 'clock'>;

/** How many new people the attendees met in breakout rooms, as a distribution: no one is named. */
export interface NewPeopleMet {
  /** People placed in at least one room of a published round held so far. */
  placed: number;
  ranges: { range: CountRange; count: number }[];
  mean: number | null;
  median: number | null;
}

/** The numbers of one edition, aggregates only. */
export interface EditionStats {
  edition: Edition;
  representation: Representation;
  /** Registered attendees who were registered for an earlier edition too. */
  returning: number;
  /** Distinct people who joined at least one session room. */
  roomAttendees: number;
  /** Sessions (breaks aside) in the programme. */
  sessionsInProgramme: number;
  /** Sessions held so far, or whose room someone joined already, in time order. */
  sessions: SessionActivity[];
  totals: { attendance: number; questions: number; messages: number };
  newPeopleMet: NewPeopleMet;
}

/** One edition's row in the numbers across editions. */
export interface EditionTotals {
  edition: Edition;
  registered: number;
  governments: number;
  countries: number;
  sessions: number;
  roomAttendees: number;
  /** Per-session attendance added up: one person in three sessions counts three times. */
  attendance: number;
  questions: number;
  messages: number;
  returning: number;
}

/** Finds the edition whose numbers are asked for; whether the asker may see them is the caller's check. */
export async function findEditionForStats(deps: Deps, slug: string): Promise<Edition> {
  const edition = await deps.store.programme.findEditionBySlug(slug);
  if (!edition) throw new NotFoundError(`The edition "${slug}"`);
  return edition;
}

/** The edition "/stats" shows: the same one "/programme" does; null when none is public. */
export async function findCurrentEditionForStats(deps: Deps): Promise<Edition | null> {
  return pickCurrentEdition(await deps.store.programme.listEditions(), deps.clock.now());
}

const isCounted = (session: { format: string }) => session.format !== 'break';

/** Works out the numbers of one edition as of now. */
export async function loadEditionStats(deps: Deps, edition: Edition): Promise<EditionStats> {
  const { stats } = deps.store;
  const now = deps.clock.now().toISOString();
  const ids = [edition.id];
  const earlierIds = (await deps.store.programme.listEditions())
    .filter((other) => other.id !== edition.id && other.startDate < edition.startDate)
    .map((other) => other.id);
  const [byGovernment, returning, roomAttendees, activity, meetings, earlierMeetings] =
    await Promise.all([
      stats.countRegisteredByGovernment(ids),
      stats.countReturning(ids),
      stats.countRoomAttendees(ids),
      stats.listSessionActivity(ids),
      stats.listMeetings(ids, now),
      stats.listMeetings(earlierIds, now),
    ]);
  const programme = activity.filter(isCounted);
  const sessions = programme.filter(
    (s) => s.startsAt <= now || s.attendees + s.questions + s.messages > 0,
  );
  const newCounts = [...countNewPeopleMet(meetings, earlierMeetings).values()];
  return {
    edition,
    representation: summariseRepresentation(byGovernment),
    returning: returning.get(edition.id) ?? 0,
    roomAttendees: roomAttendees.get(edition.id) ?? 0,
    sessionsInProgramme: programme.length,
    sessions,
    totals: {
      attendance: sum(sessions.map((s) => s.attendees)),
      questions: sum(sessions.map((s) => s.questions)),
      messages: sum(sessions.map((s) => s.messages)),
    },
    newPeopleMet: {
      placed: newCounts.length,
      ranges: countInRanges(newCounts),
      mean: mean(newCounts),
      median: median(newCounts),
    },
  };
}

/** One row per edition the actor may see, newest first: the numbers side by side. */
export async function loadStatsAcrossEditions(deps: Deps, actor: Actor): Promise<EditionTotals[]> {
  const editions = (await deps.store.programme.listEditions()).filter((edition) =>
    can(actor, 'stats.view', { editionId: edition.id, editionStatus: edition.status }),
  );
  const ids = editions.map((edition) => edition.id);
  const { stats } = deps.store;
  const [byGovernment, returning, roomAttendees, activity] = await Promise.all([
    stats.countRegisteredByGovernment(ids),
    stats.countReturning(ids),
    stats.countRoomAttendees(ids),
    stats.listSessionActivity(ids),
  ]);
  return editions.map((edition) => {
    const representation = summariseRepresentation(
      byGovernment.filter((row) => row.editionId === edition.id),
    );
    const sessions = activity.filter((s) => s.editionId === edition.id && isCounted(s));
    return {
      edition,
      registered: representation.registered,
      governments: representation.governments,
      countries: representation.countries.length,
      sessions: sessions.length,
      roomAttendees: roomAttendees.get(edition.id) ?? 0,
      attendance: sum(sessions.map((s) => s.attendees)),
      questions: sum(sessions.map((s) => s.questions)),
      messages: sum(sessions.map((s) => s.messages)),
      returning: returning.get(edition.id) ?? 0,
    };
  });
}

function sum(values: number[]): number {
  return values.reduce((total, v) => total + v, 0);
}
