import type { Edition } from '../../domain/convening/edition.ts';
import type { Session, SessionFormat } from '../../domain/convening/session.ts';
import {
  assessSession,
  planFairRotation,
  planMostDaytime,
  prepareAudience,
  suggestDayShift,
  suggestSessionTimes,
  type DayShift,
  type FairnessOptions,
  type FairnessPlan,
  type SessionAssessment,
  type SessionTimeSuggestion,
} from '../../domain/time-zones/fairness.ts';
import { instantToLocal, REGIONS, type Region } from '../../domain/time-zones/zones.ts';
import { NotFoundError, type UseCaseDeps } from '../deps.ts';

/** A date and wall-clock time in the edition's home time zone, ready to print. */
export interface HomeTime {
  /** YYYY-MM-DD */
  date: string;
  /** HH:mm */
  time: string;
}

/** A suggested start time for a session, with its start and end in the home time zone. */
export interface SessionSuggestionView extends SessionTimeSuggestion {
  homeStart: HomeTime;
  homeEnd: HomeTime;
}

/** How one session's time falls for the invitees, and the best few times it could move to. */
export interface SessionFairnessView {
  sessionId: string;
  title: string;
  format: SessionFormat;
  startsAt: string;
  endsAt: string;
  homeStart: HomeTime;
  homeEnd: HomeTime;
  /** Counts per category (daytime, early, late, night) overall and for every region. */
  assessment: SessionAssessment;
  /** Best first; a suggestion with shiftMinutes 0 means the current time is among the best. */
  suggestions: SessionSuggestionView[];
}

/** One day of the programme: what it looks like now and the offset that gives it the most daytime. */
export interface DayFairnessView {
  /** The day's date in the home time zone. */
  date: string;
  /** The sessions the day's counts cover (breaks excluded), in order. */
  sessionIds: string[];
  current: DayShift;
  best: DayShift;
  /** When the day's first session starts now, and would start after the best offset. */
  currentFirstStart: HomeTime;
  bestFirstStart: HomeTime;
}

/** One day of a multi-day plan: its offset, its counts and where its first session would start. */
export interface PlanDayView extends DayShift {
  date: string;
  firstStart: HomeTime;
}

/** A plan for all the days, as the page shows it. */
export interface PlanView extends Omit<FairnessPlan, 'days'> {
  days: PlanDayView[];
}

/** Everything the organizer's time-zone fairness page shows for an edition. */
export interface EditionFairness {
  edition: Pick<Edition, 'id' | 'slug' | 'name' | 'homeTimeZone'>;
  /** The daytime hours the edition uses; early is the 2 hours before, late the 3 hours after. */
  daytime: FairnessOptions;
  invitees: {
    total: number;
    /** Invitees whose time zone the runtime does not know; left out of every count. */
    unknownTimeZone: number;
    /** Every region of REGIONS, in that order, with how many invitees (with a known zone) it has. */
    byRegion: { region: Region; count: number }[];
  };
  /** Every session except breaks, in programme order. */
  sessions: SessionFairnessView[];
  /** Days with at least one session other than a break, by date. */
  days: DayFairnessView[];
  plans: { mostDaytime: PlanView; fairRotation: PlanView };
}

/** How many suggestions each session gets. */
const SUGGESTIONS_PER_SESSION = 3;

function toHomeTime(instant: string, homeTimeZone: string): HomeTime {
  return instantToLocal(instant, homeTimeZone);
}

function shiftInstant(instant: string, minutes: number): string {
  return new Date(Date.parse(instant) + minutes * 60_000).toISOString();
}

/**
 * Judges an edition's programme against its invitees' time zones: per session how many are in
 * daytime, early, late or at night (by region) with better times; per day the best offset;
 * and two plans for all days, one for the most daytime and one that rotates the nights.
 */
export async function assessEditionFairness(
  deps: Pick<UseCaseDeps, 'store'>,
  slug: string,
): Promise<EditionFairness> {
  const edition = await deps.store.programme.findEditionBySlug(slug);
  if (!edition) throw new NotFoundError(`The edition "${slug}"`);
  const [sessions, invitees] = await Promise.all([
    deps.store.programme.listSessions(edition.id),
    deps.store.people.listInvitees(edition.id),
  ]);
  const home = edition.homeTimeZone;
  const options: FairnessOptions = {
    daytimeStartHour: edition.daytimeStartHour,
    daytimeEndHour: edition.daytimeEndHour,
  };
  const audience = prepareAudience(invitees.map((person) => person.timeZone));
  // Breaks move with their day but nobody needs to be awake for them, so they are not judged.
  const judged = sessions
    .filter((session) => session.format !== 'break')
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.title.localeCompare(b.title));

  const sessionViews = judged.map((session) => ({
    sessionId: session.id,
    title: session.title,
    format: session.format,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    homeStart: toHomeTime(session.startsAt, home),
    homeEnd: toHomeTime(session.endsAt, home),
    assessment: assessSession(session, audience, options),
    suggestions: suggestSessionTimes(session, audience, home, {
      ...options,
      limit: SUGGESTIONS_PER_SESSION,
    }).map((suggestion) => ({
      ...suggestion,
      homeStart: toHomeTime(suggestion.startsAt, home),
      homeEnd: toHomeTime(suggestion.endsAt, home),
    })),
  }));

  const days = groupByHomeDate(judged, home);
  const firstStartAfter = (daySessions: Session[], offsetMinutes: number): HomeTime => {
    const first = daySessions[0];
    if (!first) throw new Error('A day of the programme has no sessions.');
    return toHomeTime(shiftInstant(first.startsAt, offsetMinutes), home);
  };
  const dayViews = days.map(({ date, sessions: daySessions }, index) => {
    // Moved alone, a day stays between its neighbours as they are.
    const before = days[index - 1]?.sessions ?? [];
    const after = days[index + 1]?.sessions ?? [];
    const notBefore = before.reduce<string | undefined>(
      (latest, session) => (latest && latest > session.endsAt ? latest : session.endsAt),
      undefined,
    );
    const notAfter = after.reduce<string | undefined>(
      (earliest, session) =>
        earliest && earliest < session.startsAt ? earliest : session.startsAt,
      undefined,
    );
    const { current, best } = suggestDayShift(daySessions, audience, options, {
      ...(notBefore ? { notBefore } : {}),
      ...(notAfter ? { notAfter } : {}),
    });
    return {
      date,
      sessionIds: daySessions.map((session) => session.id),
      current,
      best,
      currentFirstStart: firstStartAfter(daySessions, 0),
      bestFirstStart: firstStartAfter(daySessions, best.offsetMinutes),
    };
  });

  const toPlanView = (plan: FairnessPlan): PlanView => ({
    ...plan,
    days: plan.days.map((day, index) => {
      const { date, sessions: daySessions } = days[index] ?? { date: '', sessions: [] };
      return { ...day, date, firstStart: firstStartAfter(daySessions, day.offsetMinutes) };
    }),
  });
  const daySessionLists = days.map((day) => day.sessions);

  return {
    edition: { id: edition.id, slug: edition.slug, name: edition.name, homeTimeZone: home },
    daytime: options,
    invitees: {
      total: invitees.length,
      unknownTimeZone: audience.unknownTimeZoneCount,
      byRegion: REGIONS.map((region) => ({
        region,
        count: audience.groups
          .filter((group) => group.region === region)
          .reduce((sum, group) => sum + group.count, 0),
      })),
    },
    sessions: sessionViews,
    days: dayViews,
    plans: {
      mostDaytime: toPlanView(planMostDaytime(daySessionLists, audience, options)),
      fairRotation: toPlanView(planFairRotation(daySessionLists, audience, options)),
    },
  };
}

/** Sessions (already in order) grouped by the date they start on in the home time zone. */
function groupByHomeDate(
  sessions: Session[],
  homeTimeZone: string,
): { date: string; sessions: Session[] }[] {
  const byDate = new Map<string, Session[]>();
  for (const session of sessions) {
    const { date } = instantToLocal(session.startsAt, homeTimeZone);
    const list = byDate.get(date) ?? [];
    list.push(session);
    byDate.set(date, list);
  }
  return [...byDate.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, list]) => ({ date, sessions: list }));
}
