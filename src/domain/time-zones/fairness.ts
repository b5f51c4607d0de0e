import { DateTime } from 'luxon';
import { keepsDaysApart, searchFairRotation } from './fair-rotation.ts';
import {
  Categorizer,
  DAYTIME,
  EARLY,
  LATE,
  LOCAL_TIME_CATEGORIES,
  NIGHT,
  resolveFairnessOptions,
  type FairnessOptions,
  type LocalTimeCategory,
} from './local-time-category.ts';
import { isKnownTimeZone, ZoneClock } from './zone-clock.ts';
import { REGIONS, regionOfTimeZone, type Region } from './zones.ts';

/** The rule that keeps consecutive days apart, shared with the fair-rotation search. */
export { keepsDaysApart };

export {
  DEFAULT_FAIRNESS_OPTIONS,
  EARLY_HOURS,
  LATE_HOURS,
  LOCAL_TIME_CATEGORIES,
  type FairnessOptions,
  type LocalTimeCategory,
} from './local-time-category.ts';
export { ZoneClock } from './zone-clock.ts';

// Time-zone fairness. Invitees come from 40+ governments, so any session time is someone's
// night. This module tells organizers, per session, how many invitees a time falls for in
// their daytime, early, late or at night, and suggests times that put more people in
// daytime or that rotate the night sessions across the days instead of always asking the
// same people to stay up.
//
// Everything is pure and deterministic: instants come in as ISO strings, results depend only
// on the arguments (the invitees' order does not matter), and time-zone rules come from the
// runtime's IANA database through luxon. Internally instants are minutes since the epoch.

/** How many invitees (or person-sessions, for a day or a plan) fall in each category. */
export interface FairnessCounts {
  daytime: number;
  early: number;
  late: number;
  night: number;
  total: number;
}

/** The counts for the invitees of one world region. */
export interface RegionCounts {
  region: Region;
  counts: FairnessCounts;
}

/** A session's start and end as instants (ISO 8601); all this module needs of a session. */
export interface SessionTimes {
  startsAt: string;
  endsAt: string;
}

/** How a session's time falls for the invitees, overall and for each region. */
export interface SessionAssessment {
  startsAt: string;
  endsAt: string;
  counts: FairnessCounts;
  /** Every region of REGIONS, in that order, including those without invitees. */
  byRegion: RegionCounts[];
}

/** Another start time for a session, with how it would fall for the invitees. */
export interface SessionTimeSuggestion {
  startsAt: string;
  endsAt: string;
  /** Minutes from the session's current start; 0 means "keep it where it is". */
  shiftMinutes: number;
  counts: FairnessCounts;
}

/** A day's sessions moved together by one offset, and how that falls (in person-sessions). */
export interface DayShift {
  offsetMinutes: number;
  /** One count per invitee and session: 15 sessions and 100 invitees make a total of 1,500. */
  counts: FairnessCounts;
  /** Invitees with at least one session at night on that day. */
  inviteesWithNight: number;
}

/** The best offset for one day, beside what the day looks like now. */
export interface DayShiftSuggestion {
  current: DayShift;
  best: DayShift;
}

/** The two ways of planning several days: each day at its best, or nights shared out fairly. */
export const PLAN_MODES = ['most-daytime', 'fair-rotation'] as const;
export type PlanMode = (typeof PLAN_MODES)[number];

/**
 * How a plan was found, so the page can say whether it is proven best: each day on its own,
 * every combination tried, or improved step by step from the most-daytime plan.
 */
export type PlanSearch = 'per-day' | 'exhaustive' | 'coordinate-descent';

/** How a plan falls for the invitees of one region across all the days. */
export interface RegionNightDays {
  region: Region;
  invitees: number;
  /** Invitees with a night session on at least one day. */
  inviteesWithNight: number;
  /** The most days on which any invitee of the region has a night session. */
  maxNightDays: number;
}

/** One offset per day for several days, with what it means for the invitees. */
export interface FairnessPlan {
  mode: PlanMode;
  search: PlanSearch;
  /** In the order the days were given. */
  days: DayShift[];
  /** Person-sessions over all days. */
  totals: FairnessCounts;
  totalShiftMinutes: number;
  /** The most days on which any one invitee has a night session: what fair rotation minimises. */
  maxNightDays: number;
  /** Entry n: how many invitees have a night session on exactly n days (n = 0 … days). */
  nightDaysHistogram: number[];
  byRegion: RegionNightDays[];
}

/** A group of invitees who share a time zone, and the clock that knows its offsets. */
export interface AudienceGroup {
  timeZone: string;
  region: Region;
  count: number;
  clock: ZoneClock;
}

/**
 * The invitees as this module needs them: grouped by time zone, so that 2,000 invitees in
 * 60 zones cost 60 classifications per session. Prepare it once and reuse it for every call.
 */
export interface Audience {
  /** Sorted by time-zone name, so results never depend on the invitees' order. */
  groups: readonly AudienceGroup[];
  /** Invitees with a time zone the runtime knows; the ones counted everywhere. */
  size: number;
  /** Invitees whose time zone the runtime does not know; left out of every count. */
  unknownTimeZoneCount: number;
}

const STEP_MINUTES = 30;
const MAX_DAY_SHIFT_MINUTES = 12 * 60;
/** Above this many combinations of day offsets, fair rotation stops trying them all. */
const DEFAULT_MAX_EXHAUSTIVE_COMBINATIONS = 200_000;

/** A session as minutes since the epoch. */
interface Span {
  start: number;
  end: number;
}

function toMinutes(iso: string): number {
  const instant = DateTime.fromISO(iso, { zone: 'utc' });
  if (!instant.isValid) throw new RangeError(`"${iso}" is not an ISO 8601 date and time.`);
  return instant.toMillis() / 60_000;
}

function toIso(minute: number): string {
  const iso = DateTime.fromMillis(minute * 60_000, { zone: 'utc' }).toISO({
    suppressMilliseconds: true,
  });
  if (iso === null) throw new RangeError(`${minute} minutes is outside the supported dates.`);
  return iso;
}

function toSpan(session: SessionTimes): Span {
  const span = { start: toMinutes(session.startsAt), end: toMinutes(session.endsAt) };
  if (span.end <= span.start) {
    throw new RangeError(
      `A session must end after it starts (${session.startsAt} to ${session.endsAt}).`,
    );
  }
  return span;
}

function emptyCounts(): FairnessCounts {
  return { daytime: 0, early: 0, late: 0, night: 0, total: 0 };
}

function addToCounts(counts: FairnessCounts, category: number, people: number): void {
  if (category === DAYTIME) counts.daytime += people;
  else if (category === EARLY) counts.early += people;
  else if (category === LATE) counts.late += people;
  else counts.night += people;
  counts.total += people;
}

/**
 * Groups invitees by time zone for the other functions. Invitees whose zone the runtime does
 * not know are counted apart, so one bad record does not stop the organizer's page.
 */
export function prepareAudience(timeZones: Iterable<string>): Audience {
  const counts = new Map<string, number>();
  let unknownTimeZoneCount = 0;
  let size = 0;
  for (const zone of timeZones) {
    if (!isKnownTimeZone(zone)) {
      unknownTimeZoneCount++;
      continue;
    }
    counts.set(zone, (counts.get(zone) ?? 0) + 1);
    size++;
  }
  const groups = [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([timeZone, count]) => ({
      timeZone,
      region: regionOfTimeZone(timeZone),
      count,
      clock: new ZoneClock(timeZone),
    }));
  return { groups, size, unknownTimeZoneCount };
}

/**
 * How a session's time falls for someone in `timeZone`: daytime when it lies wholly within the
 * daytime hours of one local day; early when it lies within the two hours before daytime and
 * daytime; late when within daytime and the three hours after; night otherwise.
 */
export function classifyLocalTime(
  session: SessionTimes,
  timeZone: string,
  options?: Partial<FairnessOptions>,
): LocalTimeCategory {
  const { start, end } = toSpan(session);
  const categorize = new Categorizer(resolveFairnessOptions(options)).forZone(
    new ZoneClock(timeZone),
    start,
    end,
  );
  return LOCAL_TIME_CATEGORIES[categorize(start, end)] ?? 'night';
}

/** How one session falls for the invitees, overall and by region: what the organizer sees per session. */
export function assessSession(
  session: SessionTimes,
  audience: Audience,
  options?: Partial<FairnessOptions>,
): SessionAssessment {
  const { start, end } = toSpan(session);
  const categorizer = new Categorizer(resolveFairnessOptions(options));
  const counts = emptyCounts();
  const byRegion = new Map<Region, FairnessCounts>(
    REGIONS.map((region) => [region, emptyCounts()]),
  );
  for (const group of audience.groups) {
    const category = categorizer.forZone(group.clock, start, end)(start, end);
    addToCounts(counts, category, group.count);
    const regionCounts = byRegion.get(group.region);
    if (regionCounts) addToCounts(regionCounts, category, group.count);
  }
  return {
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    counts,
    byRegion: REGIONS.map((region) => ({ region, counts: byRegion.get(region) ?? emptyCounts() })),
  };
}

/** The first instant of the calendar date on which `minute` falls in `zone`, and of the next date. */
function localDayBounds(minute: number, zone: string): { from: number; to: number } {
  const date = DateTime.fromMillis(minute * 60_000, { zone }).toISODate();
  if (date === null) throw new RangeError(`${minute} minutes is outside the supported dates.`);
  // Luxon moves a midnight that does not exist to the first instant that does.
  const from = DateTime.fromISO(date, { zone });
  const to = DateTime.fromISO(from.plus({ days: 1 }).toISODate() ?? date, { zone });
  return { from: from.toMillis() / 60_000, to: to.toMillis() / 60_000 };
}

/**
 * The best few start times for a session: every half hour of its date in the edition's home
 * time zone, keeping its length, ranked by most invitees in daytime, then fewest at night,
 * then closest to the current start (then earliest, so ties are always broken the same way).
 */
export function suggestSessionTimes(
  session: SessionTimes,
  audience: Audience,
  homeTimeZone: string,
  options: Partial<FairnessOptions> & { limit?: number } = {},
): SessionTimeSuggestion[] {
  const { start, end } = toSpan(session);
  const categorizer = new Categorizer(resolveFairnessOptions(options));
  const limit = options.limit ?? 3;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`limit must be a whole number of 1 or more, not ${String(limit)}.`);
  }
  if (!isKnownTimeZone(homeTimeZone)) {
    throw new RangeError(`"${homeTimeZone}" is not a known time zone.`);
  }
  const length = end - start;
  const day = localDayBounds(start, homeTimeZone);
  const candidates: { start: number; shiftMinutes: number; counts: FairnessCounts }[] = [];
  for (let candidate = day.from; candidate < day.to; candidate += STEP_MINUTES) {
    candidates.push({ start: candidate, shiftMinutes: candidate - start, counts: emptyCounts() });
  }
  for (const group of audience.groups) {
    const categorize = categorizer.forZone(group.clock, day.from, day.to + length);
    for (const candidate of candidates) {
      const category = categorize(candidate.start, candidate.start + length);
      addToCounts(candidate.counts, category, group.count);
    }
  }
  return candidates
    .sort(
      (a, b) =>
        b.counts.daytime - a.counts.daytime ||
        a.counts.night - b.counts.night ||
        Math.abs(a.shiftMinutes) - Math.abs(b.shiftMinutes) ||
        a.shiftMinutes - b.shiftMinutes,
    )
    .slice(0, limit)
    .map((candidate) => ({
      startsAt: toIso(candidate.start),
      endsAt: toIso(candidate.start + length),
      shiftMinutes: candidate.shiftMinutes,
      counts: candidate.counts,
    }));
}

/** What every offset of one day does: the precomputation behind day suggestions and plans. */
interface DayTable {
  offsets: number[];
  shifts: DayShift[];
  /** Per offset, the indices of the audience groups with a night session that day. */
  nightGroups: Int32Array[];
}

function listDayOffsets(): number[] {
  const offsets: number[] = [];
  for (
    let offset = -MAX_DAY_SHIFT_MINUTES;
    offset <= MAX_DAY_SHIFT_MINUTES;
    offset += STEP_MINUTES
  ) {
    offsets.push(offset);
  }
  return offsets;
}

function buildDayTable(spans: Span[], audience: Audience, categorizer: Categorizer): DayTable {
  if (spans.length === 0) return buildEmptyDayTable();
  const offsets = listDayOffsets();
  const shifts = offsets.map((offsetMinutes) => ({
    offsetMinutes,
    counts: emptyCounts(),
    inviteesWithNight: 0,
  }));
  const nightLists: number[][] = offsets.map(() => []);
  const from = Math.min(...spans.map((span) => span.start)) - MAX_DAY_SHIFT_MINUTES;
  const to = Math.max(...spans.map((span) => span.end)) + MAX_DAY_SHIFT_MINUTES;
  audience.groups.forEach((group, groupIndex) => {
    const categorize = categorizer.forZone(group.clock, from, to);
    offsets.forEach((offset, offsetIndex) => {
      const shift = shifts[offsetIndex];
      if (!shift) return;
      let hasNight = false;
      for (const span of spans) {
        const category = categorize(span.start + offset, span.end + offset);
        addToCounts(shift.counts, category, group.count);
        if (category === NIGHT) hasNight = true;
      }
      if (hasNight) {
        shift.inviteesWithNight += group.count;
        nightLists[offsetIndex]?.push(groupIndex);
      }
    });
  });
  return { offsets, shifts, nightGroups: nightLists.map((list) => Int32Array.from(list)) };
}

function requireShift(table: DayTable, index: number): DayShift {
  const shift = table.shifts[index];
  if (!shift) throw new RangeError(`No day offset at index ${index}.`);
  return shift;
}

/**
 * Most daytime, then fewest night person-sessions, then the smallest move (earlier on a tie),
 * among the offsets `allows` lets through (offset 0 always is).
 */
function pickBestOffsetIndex(
  table: DayTable,
  allows: (offsetMinutes: number) => boolean = () => true,
): number {
  let best = table.offsets.indexOf(0);
  table.shifts.forEach((shift, index) => {
    if (!allows(shift.offsetMinutes)) return;
    const current = requireShift(table, best);
    const isBetter =
      shift.counts.daytime - current.counts.daytime ||
      current.counts.night - shift.counts.night ||
      Math.abs(current.offsetMinutes) - Math.abs(shift.offsetMinutes);
    if (isBetter > 0) best = index;
  });
  return best;
}

function toSpans(sessions: readonly SessionTimes[]): Span[] {
  return sessions.map(toSpan);
}

/**
 * For each day but the last, the minutes from its last session's end to the next day's first
 * start: moving the day later by more than that than the next one (offset minus the next
 * day's offset) would make the two days overlap. Null where the days already overlap as they
 * are, or where either has no sessions: no limit is set there.
 */
export function gapsBetweenDays(days: readonly (readonly SessionTimes[])[]): (number | null)[] {
  const bounds = days.map((sessions) => {
    const spans = toSpans(sessions);
    return spans.length === 0
      ? null
      : {
          start: Math.min(...spans.map((span) => span.start)),
          end: Math.max(...spans.map((span) => span.end)),
        };
  });
  return bounds.slice(0, -1).map((day, index) => {
    const next = bounds[index + 1];
    if (!day || !next) return null;
    const gap = next.start - day.end;
    return gap >= 0 ? gap : null;
  });
}

/**
 * The most-daytime offsets under the rule that days never overlap: each day's own best when
 * those keep the days apart (the usual case), otherwise the best chain of offsets found by
 * dynamic programming over the days (most daytime, then fewest night person-sessions, then
 * the smallest total move), which keeps the days apart.
 */
function pickMostDaytimeOffsets(tables: DayTable[], gaps: (number | null)[]): number[] {
  const own = tables.map((table) => pickBestOffsetIndex(table));
  const offsetOf = (day: number, index: number) => requireShift(tables[day]!, index).offsetMinutes;
  const apart = own.every(
    (index, day) =>
      day === own.length - 1 ||
      keepsDaysApart(gaps[day], offsetOf(day, index), offsetOf(day + 1, own[day + 1] ?? 0)),
  );
  if (apart) return own;
  type Score = { daytime: number; night: number; shift: number };
  const better = (a: Score, b: Score) =>
    a.daytime - b.daytime || b.night - a.night || b.shift - a.shift;
  const scoreOf = (shift: DayShift): Score => ({
    daytime: shift.counts.daytime,
    night: shift.counts.night,
    shift: Math.abs(shift.offsetMinutes),
  });
  // best[day][index]: the best score of days 0..day with `index` on `day`; from: the index before.
  const best: (Score | null)[][] = [];
  const from: number[][] = [];
  tables.forEach((table, day) => {
    best[day] = [];
    from[day] = [];
    table.shifts.forEach((shift, index) => {
      const own = scoreOf(shift);
      if (day === 0) {
        best[day]![index] = own;
        from[day]![index] = -1;
        return;
      }
      let chosen: Score | null = null;
      let chosenFrom = -1;
      tables[day - 1]!.shifts.forEach((previous, previousIndex) => {
        const before = best[day - 1]![previousIndex];
        if (!before || !keepsDaysApart(gaps[day - 1], previous.offsetMinutes, shift.offsetMinutes))
          return;
        const total = {
          daytime: before.daytime + own.daytime,
          night: before.night + own.night,
          shift: before.shift + own.shift,
        };
        if (!chosen || better(total, chosen) > 0) {
          chosen = total;
          chosenFrom = previousIndex;
        }
      });
      best[day]![index] = chosen;
      from[day]![index] = chosenFrom;
    });
  });
  const last = tables.length - 1;
  let pick = -1;
  best[last]!.forEach((score, index) => {
    if (score && (pick === -1 || better(score, best[last]![pick]!) > 0)) pick = index;
  });
  // Offset 0 on every day always keeps them apart, so a chain exists.
  const picks = new Array<number>(tables.length).fill(0);
  for (let day = last; day >= 0; day--) {
    picks[day] = pick;
    pick = from[day]![pick] ?? -1;
  }
  return picks;
}

/**
 * The one offset (half-hour steps, up to 12 hours either way) that moves all of a day's
 * sessions together, keeping their order and gaps, with the most daytime person-sessions.
 * `between` keeps the moved day between its neighbours as they are: its first session starts
 * no earlier than `notBefore` (the day before's end) and its last ends no later than
 * `notAfter` (the next day's start), so moving this day alone never makes two days overlap.
 */
export function suggestDayShift(
  sessions: readonly SessionTimes[],
  audience: Audience,
  options?: Partial<FairnessOptions>,
  between: { notBefore?: string; notAfter?: string } = {},
): DayShiftSuggestion {
  const categorizer = new Categorizer(resolveFairnessOptions(options));
  const spans = toSpans(sessions);
  const table = buildDayTable(spans, audience, categorizer);
  const first = Math.min(...spans.map((span) => span.start));
  const last = Math.max(...spans.map((span) => span.end));
  const notBefore = between.notBefore ? toMinutes(between.notBefore) : -Infinity;
  const notAfter = between.notAfter ? toMinutes(between.notAfter) : Infinity;
  // A limit the day already breaks as it is sets no bound (offset 0 must stay possible).
  const fits = (offset: number) =>
    (first < notBefore || first + offset >= notBefore) &&
    (last > notAfter || last + offset <= notAfter);
  return {
    current: requireShift(table, table.offsets.indexOf(0)),
    best: requireShift(table, pickBestOffsetIndex(table, fits)),
  };
}

function buildDayTables(
  days: readonly (readonly SessionTimes[])[],
  audience: Audience,
  options: Partial<FairnessOptions> | undefined,
): DayTable[] {
  const categorizer = new Categorizer(resolveFairnessOptions(options));
  return days.map((sessions) => buildDayTable(toSpans(sessions), audience, categorizer));
}

function buildEmptyDayTable(): DayTable {
  const offsets = listDayOffsets();
  return {
    offsets,
    shifts: offsets.map((offsetMinutes) => ({
      offsetMinutes,
      counts: emptyCounts(),
      inviteesWithNight: 0,
    })),
    nightGroups: offsets.map(() => new Int32Array(0)),
  };
}

/** Puts the chosen offsets together into a plan, with the night days per invitee and region. */
function summarisePlan(
  mode: PlanMode,
  search: PlanSearch,
  tables: DayTable[],
  picks: number[],
  audience: Audience,
): FairnessPlan {
  const nightDays = new Int32Array(audience.groups.length);
  const totals = emptyCounts();
  const days = tables.map((table, dayIndex) => {
    const pick = picks[dayIndex] ?? 0;
    const shift = requireShift(table, pick);
    for (const group of table.nightGroups[pick] ?? [])
      nightDays[group] = (nightDays[group] ?? 0) + 1;
    for (const category of LOCAL_TIME_CATEGORIES) totals[category] += shift.counts[category];
    totals.total += shift.counts.total;
    return shift;
  });
  const histogram = new Array<number>(tables.length + 1).fill(0);
  const byRegion = new Map<Region, RegionNightDays>(
    REGIONS.map((region) => [
      region,
      { region, invitees: 0, inviteesWithNight: 0, maxNightDays: 0 },
    ]),
  );
  audience.groups.forEach((group, index) => {
    const count = nightDays[index] ?? 0;
    histogram[count] = (histogram[count] ?? 0) + group.count;
    const region = byRegion.get(group.region);
    if (!region) return;
    region.invitees += group.count;
    if (count > 0) region.inviteesWithNight += group.count;
    region.maxNightDays = Math.max(region.maxNightDays, count);
  });
  return {
    mode,
    search,
    days,
    totals,
    totalShiftMinutes: days.reduce((sum, day) => sum + Math.abs(day.offsetMinutes), 0),
    maxNightDays: Math.max(0, ...nightDays),
    nightDaysHistogram: histogram,
    byRegion: [...byRegion.values()],
  };
}

/**
 * Plans several days by giving each its own best offset (as suggestDayShift does): the most
 * daytime overall, even when that puts the same people at night every day. Days are never
 * moved into each other: where their own best offsets would make two days overlap, the plan
 * is the best one that keeps every day apart.
 */
export function planMostDaytime(
  days: readonly (readonly SessionTimes[])[],
  audience: Audience,
  options?: Partial<FairnessOptions>,
): FairnessPlan {
  const tables = buildDayTables(days, audience, options);
  return summarisePlan(
    'most-daytime',
    'per-day',
    tables,
    pickMostDaytimeOffsets(tables, gapsBetweenDays(days)),
    audience,
  );
}

/**
 * Plans several days so that night sessions rotate: it minimises the most days on which any
 * one invitee has a night session (so the same people are not always the ones up at night),
 * then maximises total daytime, then minimises the total move. When the offsets worth trying
 * combine in at most `maxExhaustiveCombinations` ways (200,000 by default) every combination
 * is weighed and the plan is the best there is (`search: 'exhaustive'`); otherwise it
 * improves the most-daytime plan by coordinate descent (`search: 'coordinate-descent'`),
 * which is fast but not proven best. Like every plan, it never moves two days into each other.
 */
export function planFairRotation(
  days: readonly (readonly SessionTimes[])[],
  audience: Audience,
  options: Partial<FairnessOptions> & { maxExhaustiveCombinations?: number } = {},
): FairnessPlan {
  const tables = buildDayTables(days, audience, options);
  const gaps = gapsBetweenDays(days);
  const { picks, search } = searchFairRotation(
    tables.map((table) => ({
      offsets: table.shifts.map((shift) => ({
        offsetMinutes: shift.offsetMinutes,
        daytime: shift.counts.daytime,
      })),
      nightGroups: table.nightGroups,
    })),
    audience.groups.map((group) => group.count),
    pickMostDaytimeOffsets(tables, gaps),
    options.maxExhaustiveCombinations ?? DEFAULT_MAX_EXHAUSTIVE_COMBINATIONS,
    gaps,
  );
  return summarisePlan('fair-rotation', search, tables, picks, audience);
}
