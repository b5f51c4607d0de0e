import { DateTime, IANAZone } from 'luxon';
import { isValidTimeZone, REGIONS, regionOfTimeZone, type Region } from './zones.ts';

// Time-zone fairness. Invitees come from 40+ governments, so any session time is someone's
// night. This module tells organizers, per session, how many invitees a time falls for in
// their daytime, early, late or at night, and suggests times that put more people in
// daytime or that rotate the night sessions across the days instead of always asking the
// same people to stay up.
//
// Everything is pure and deterministic: instants come in as ISO strings, results depend only
// on the arguments (the invitees' order does not matter), and time-zone rules come from the
// runtime's IANA database through luxon. Internally instants are minutes since the epoch.

/** The local hours an edition counts as daytime; editions store them, 08:00–20:00 by default. */
export interface FairnessOptions {
  /** First daytime hour, 0–23. */
  daytimeStartHour: number;
  /** Hour daytime ends (exclusive), 1–24, after the start. */
  daytimeEndHour: number;
}

/** The daytime most people recognise (08:00–20:00), used when an edition has not set its own. */
export const DEFAULT_FAIRNESS_OPTIONS: Readonly<FairnessOptions> = {
  daytimeStartHour: 8,
  daytimeEndHour: 20,
};

/** How many hours before daytime still count as "early" rather than night (06:00–08:00 by default). */
export const EARLY_HOURS = 2;
/** How many hours after daytime still count as "late" rather than night (20:00–23:00 by default). */
export const LATE_HOURS = 3;

/** How a session's time falls for one invitee, from best to worst. */
export const LOCAL_TIME_CATEGORIES = ['daytime', 'early', 'late', 'night'] as const;
export type LocalTimeCategory = (typeof LOCAL_TIME_CATEGORIES)[number];

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

const MINUTES_PER_DAY = 1440;
const STEP_MINUTES = 30;
const MAX_DAY_SHIFT_MINUTES = 12 * 60;
/** Offsets cached in chunks of 8 days, found by sampling every 12 hours and then bisecting. */
const CHUNK_MINUTES = 8 * MINUTES_PER_DAY;
const SAMPLE_MINUTES = 12 * 60;
/** Further than any UTC offset (−12:00 to +14:00), so a search from here starts before a wall time. */
const OFFSET_BOUND_MINUTES = 18 * 60;
/** The windows of a session reach at most a day either side plus 27 hours; 3 days is safe. */
const WINDOW_MARGIN_MINUTES = 3 * MINUTES_PER_DAY;
/** Above this many combinations of day offsets, fair rotation stops trying them all. */
const DEFAULT_MAX_EXHAUSTIVE_COMBINATIONS = 200_000;

/**
 * A time zone's UTC offsets over time, looked up in minutes since the epoch. Offsets are
 * cached in 8-day chunks, so a week's programme asks the IANA database a few dozen times per
 * zone instead of once per session and candidate time.
 */
export class ZoneClock {
  readonly #zone: IANAZone;
  readonly #chunks = new Map<number, { transitions: { at: number; offset: number }[] }>();
  readonly #startOffsets = new Map<number, number>();

  constructor(readonly timeZone: string) {
    if (!isValidTimeZone(timeZone)) throw new RangeError(`"${timeZone}" is not a known time zone.`);
    this.#zone = IANAZone.create(timeZone);
  }

  /** The zone's offset from UTC, in minutes, at an instant. */
  offsetAt(minute: number): number {
    const index = Math.floor(minute / CHUNK_MINUTES);
    let offset = this.#startOffset(index);
    for (const transition of this.#chunk(index).transitions) {
      if (transition.at > minute) break;
      offset = transition.offset;
    }
    return offset;
  }

  /** The offset when it stays the same from `from` to `to`, or null when the clocks change between. */
  constantOffsetBetween(from: number, to: number): number | null {
    const offset = this.offsetAt(from);
    for (let index = Math.floor(from / CHUNK_MINUTES); index * CHUNK_MINUTES <= to; index++) {
      for (const transition of this.#chunk(index).transitions) {
        if (transition.at > from && transition.at <= to) return null;
      }
    }
    return offset;
  }

  /**
   * The first instant at which the local clock shows `wall` (minutes since the epoch, read as
   * local time) or later. A wall time that occurs twice (clocks going back) counts from its
   * first occurrence; one that is skipped (clocks going forward) from the moment of the jump.
   */
  firstInstantAtWall(wall: number): number {
    let instant = wall - OFFSET_BOUND_MINUTES;
    const limit = wall + OFFSET_BOUND_MINUTES;
    for (;;) {
      const offset = this.offsetAt(instant);
      const next = this.#nextTransitionAfter(instant, limit);
      // On [instant, next) the clock shows [instant + offset, next + offset).
      if (next + offset > wall || next >= limit) return Math.max(instant, wall - offset);
      instant = next;
    }
  }

  #nextTransitionAfter(minute: number, limit: number): number {
    for (let index = Math.floor(minute / CHUNK_MINUTES); index * CHUNK_MINUTES <= limit; index++) {
      for (const transition of this.#chunk(index).transitions) {
        if (transition.at > minute) return Math.min(transition.at, limit);
      }
    }
    return limit;
  }

  #rawOffset(minute: number): number {
    return this.#zone.offset(minute * 60_000);
  }

  #startOffset(index: number): number {
    let offset = this.#startOffsets.get(index);
    if (offset === undefined) {
      offset = this.#rawOffset(index * CHUNK_MINUTES);
      this.#startOffsets.set(index, offset);
    }
    return offset;
  }

  /** Every change of offset in the chunk, including one exactly at its start. */
  #chunk(index: number): { transitions: { at: number; offset: number }[] } {
    const cached = this.#chunks.get(index);
    if (cached) return cached;
    const start = index * CHUNK_MINUTES;
    const end = start + CHUNK_MINUTES;
    const transitions: { at: number; offset: number }[] = [];
    let previous = this.#rawOffset(start - 1);
    let from = start - 1;
    // Clocks never change twice within 12 hours, so sampling finds every change; bisection
    // then finds its minute.
    for (let sample = start; sample <= end; sample += SAMPLE_MINUTES) {
      const target = this.#rawOffset(sample);
      while (previous !== target) {
        let low = from;
        let high = sample;
        while (high - low > 1) {
          const middle = Math.floor((low + high) / 2);
          if (this.#rawOffset(middle) === previous) low = middle;
          else high = middle;
        }
        previous = this.#rawOffset(high);
        if (high < end) transitions.push({ at: high, offset: previous });
        from = high;
      }
      from = sample;
    }
    const chunk = { transitions };
    this.#chunks.set(index, chunk);
    return chunk;
  }
}

/** Checks the daytime hours and fills in the defaults. */
function resolveOptions(options: Partial<FairnessOptions> = {}): FairnessOptions {
  const daytimeStartHour = options.daytimeStartHour ?? DEFAULT_FAIRNESS_OPTIONS.daytimeStartHour;
  const daytimeEndHour = options.daytimeEndHour ?? DEFAULT_FAIRNESS_OPTIONS.daytimeEndHour;
  if (!Number.isInteger(daytimeStartHour) || daytimeStartHour < 0 || daytimeStartHour > 23) {
    throw new RangeError(
      `daytimeStartHour must be a whole hour from 0 to 23, not ${String(daytimeStartHour)}.`,
    );
  }
  if (!Number.isInteger(daytimeEndHour) || daytimeEndHour < 1 || daytimeEndHour > 24) {
    throw new RangeError(
      `daytimeEndHour must be a whole hour from 1 to 24, not ${String(daytimeEndHour)}.`,
    );
  }
  if (daytimeEndHour <= daytimeStartHour) {
    throw new RangeError(
      `Daytime must end after it starts (${daytimeStartHour}:00 to ${daytimeEndHour}:00).`,
    );
  }
  return { daytimeStartHour, daytimeEndHour };
}

/** A category's local window, in minutes from the midnight of a local day (may pass 0 or 24:00). */
interface Window {
  category: Exclude<LocalTimeCategory, 'night'>;
  from: number;
  to: number;
}

/** The windows in the order they are tried: daytime first, as early and late both contain it. */
function windowsOf({ daytimeStartHour: start, daytimeEndHour: end }: FairnessOptions): Window[] {
  return [
    { category: 'daytime', from: start * 60, to: end * 60 },
    { category: 'early', from: (start - EARLY_HOURS) * 60, to: end * 60 },
    { category: 'late', from: start * 60, to: (end + LATE_HOURS) * 60 },
  ];
}

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

/** A session's category where the offset is constant: plain arithmetic on the minute of day. */
function categorizeWithOffset(
  offset: number,
  start: number,
  end: number,
  windows: Window[],
): LocalTimeCategory {
  const minuteOfDay =
    (((start + offset) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  const length = end - start;
  for (const window of windows) {
    // The window of the day before, of the start's day, and of the day after.
    for (let day = -1; day <= 1; day++) {
      const relativeStart = minuteOfDay - day * MINUTES_PER_DAY;
      if (window.from <= relativeStart && relativeStart + length <= window.to)
        return window.category;
    }
  }
  return 'night';
}

/** A session's category near a change of offset: the windows become instants through the zone's rules. */
function categorizeAcrossChange(
  clock: ZoneClock,
  start: number,
  end: number,
  windows: Window[],
): LocalTimeCategory {
  const startDay = Math.floor((start + clock.offsetAt(start)) / MINUTES_PER_DAY);
  for (const window of windows) {
    for (let day = startDay - 1; day <= startDay + 1; day++) {
      const midnight = day * MINUTES_PER_DAY;
      if (
        clock.firstInstantAtWall(midnight + window.from) <= start &&
        end <= clock.firstInstantAtWall(midnight + window.to)
      ) {
        return window.category;
      }
    }
  }
  return 'night';
}

/**
 * A categorizer for sessions of a zone that all lie between `from` and `to`: when the clocks do
 * not change anywhere near, it skips the zone's rules and uses arithmetic (the common, fast case).
 */
function categorizerFor(
  clock: ZoneClock,
  from: number,
  to: number,
  windows: Window[],
): (start: number, end: number) => LocalTimeCategory {
  const offset = clock.constantOffsetBetween(
    from - WINDOW_MARGIN_MINUTES,
    to + WINDOW_MARGIN_MINUTES,
  );
  if (offset !== null) return (start, end) => categorizeWithOffset(offset, start, end, windows);
  return (start, end) => categorizeAcrossChange(clock, start, end, windows);
}

function emptyCounts(): FairnessCounts {
  return { daytime: 0, early: 0, late: 0, night: 0, total: 0 };
}

function addToCounts(counts: FairnessCounts, category: LocalTimeCategory, people: number): void {
  counts[category] += people;
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
    if (!isValidTimeZone(zone)) {
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
  const clock = new ZoneClock(timeZone);
  return categorizerFor(clock, start, end, windowsOf(resolveOptions(options)))(start, end);
}

/** How one session falls for the invitees, overall and by region: what the organizer sees per session. */
export function assessSession(
  session: SessionTimes,
  audience: Audience,
  options?: Partial<FairnessOptions>,
): SessionAssessment {
  const { start, end } = toSpan(session);
  const windows = windowsOf(resolveOptions(options));
  const counts = emptyCounts();
  const byRegion = new Map<Region, FairnessCounts>(REGIONS.map((region) => [region, emptyCounts()]));
  for (const group of audience.groups) {
    const category = categorizerFor(group.clock, start, end, windows)(start, end);
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
  const windows = windowsOf(resolveOptions(options));
  const limit = options.limit ?? 3;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`limit must be a whole number of 1 or more, not ${String(limit)}.`);
  }
  if (!isValidTimeZone(homeTimeZone)) {
    throw new RangeError(`"${homeTimeZone}" is not a known time zone.`);
  }
  const length = end - start;
  const day = localDayBounds(start, homeTimeZone);
  const candidates: SessionTimeSuggestion[] = [];
  for (let candidate = day.from; candidate < day.to; candidate += STEP_MINUTES) {
    candidates.push({
      startsAt: toIso(candidate),
      endsAt: toIso(candidate + length),
      shiftMinutes: candidate - start,
      counts: emptyCounts(),
    });
  }
  for (const group of audience.groups) {
    const categorize = categorizerFor(group.clock, day.from, day.to + length, windows);
    for (const candidate of candidates) {
      const candidateStart = start + candidate.shiftMinutes;
      addToCounts(candidate.counts, categorize(candidateStart, candidateStart + length), group.count);
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
    .slice(0, limit);
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
  for (let offset = -MAX_DAY_SHIFT_MINUTES; offset <= MAX_DAY_SHIFT_MINUTES; offset += STEP_MINUTES) {
    offsets.push(offset);
  }
  return offsets;
}

function buildDayTable(spans: Span[], audience: Audience, windows: Window[]): DayTable {
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
    const categorize = categorizerFor(group.clock, from, to, windows);
    offsets.forEach((offset, offsetIndex) => {
      const shift = shifts[offsetIndex];
      if (!shift) return;
      let hasNight = false;
      for (const span of spans) {
        const category = categorize(span.start + offset, span.end + offset);
        addToCounts(shift.counts, category, group.count);
        if (category === 'night') hasNight = true;
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

/** Most daytime, then fewest night person-sessions, then the smallest move (earlier on a tie). */
function pickBestOffsetIndex(table: DayTable): number {
  let best = 0;
  table.shifts.forEach((shift, index) => {
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
 * The one offset (half-hour steps, up to 12 hours either way) that moves all of a day's
 * sessions together, keeping their order and gaps, with the most daytime person-sessions.
 */
export function suggestDayShift(
  sessions: readonly SessionTimes[],
  audience: Audience,
  options?: Partial<FairnessOptions>,
): DayShiftSuggestion {
  const table = buildDayTable(toSpans(sessions), audience, windowsOf(resolveOptions(options)));
  return {
    current: requireShift(table, table.offsets.indexOf(0)),
    best: requireShift(table, pickBestOffsetIndex(table)),
  };
}

function buildDayTables(
  days: readonly (readonly SessionTimes[])[],
  audience: Audience,
  options: Partial<FairnessOptions> | undefined,
): DayTable[] {
  const windows = windowsOf(resolveOptions(options));
  return days.map((sessions) => buildDayTable(toSpans(sessions), audience, windows));
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
    for (const group of table.nightGroups[pick] ?? []) nightDays[group] = (nightDays[group] ?? 0) + 1;
    for (const category of LOCAL_TIME_CATEGORIES) {
      addToCounts(totals, category, shift.counts[category]);
    }
    return shift;
  });
  const histogram = new Array<number>(tables.length + 1).fill(0);
  const byRegion = new Map<Region, RegionNightDays>(
    REGIONS.map((region) => [region, { region, invitees: 0, inviteesWithNight: 0, maxNightDays: 0 }]),
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
 * daytime overall, even when that puts the same people at night every day.
 */
export function planMostDaytime(
  days: readonly (readonly SessionTimes[])[],
  audience: Audience,
  options?: Partial<FairnessOptions>,
): FairnessPlan {
  const tables = buildDayTables(days, audience, options);
  return summarisePlan('most-daytime', 'per-day', tables, tables.map(pickBestOffsetIndex), audience);
}

/** One offset a day may take in the fair-rotation search. */
interface Choice {
  index: number;
  daytime: number;
  shift: number;
  signedShift: number;
  night: Int32Array;
  nightBits: Uint32Array;
}

function listChoices(table: DayTable, groupCount: number): Choice[] {
  return table.shifts.map((shift, index) => {
    const night = table.nightGroups[index] ?? new Int32Array(0);
    const nightBits = new Uint32Array(Math.ceil(groupCount / 32));
    for (const group of night) {
      const word = group >>> 5;
      nightBits[word] = (nightBits[word] ?? 0) | (1 << (group & 31));
    }
    return {
      index,
      daytime: shift.counts.daytime,
      shift: Math.abs(shift.offsetMinutes),
      signedShift: shift.offsetMinutes,
      night,
      nightBits,
    };
  });
}

function isSubset(a: Uint32Array, b: Uint32Array): boolean {
  for (let word = 0; word < a.length; word++) {
    const bits = a[word] ?? 0;
    if ((bits & (b[word] ?? 0)) !== bits) return false;
  }
  return true;
}

/** Whether choosing `a` instead of `b` can never make a plan worse: no more nights, no less daytime, no bigger move. */
function dominates(a: Choice, b: Choice): boolean {
  return a.daytime >= b.daytime && a.shift <= b.shift && isSubset(a.nightBits, b.nightBits);
}

/** A day's choices without the dominated ones, most daytime first, then smallest move. */
function pruneChoices(choices: Choice[]): Choice[] {
  const ordered = [...choices].sort(
    (a, b) => b.daytime - a.daytime || a.shift - b.shift || a.signedShift - b.signedShift,
  );
  return ordered.filter((choice, position) =>
    ordered.every(
      (other, otherPosition) =>
        other === choice ||
        !dominates(other, choice) ||
        (dominates(choice, other) && position < otherPosition),
    ),
  );
}

interface PlanScore {
  maxNight: number;
  daytime: number;
  shift: number;
}

function isBetterScore(a: PlanScore, b: PlanScore): boolean {
  if (a.maxNight !== b.maxNight) return a.maxNight < b.maxNight;
  if (a.daytime !== b.daytime) return a.daytime > b.daytime;
  return a.shift < b.shift;
}

/**
 * Tries every combination of the days' undominated offsets, depth first, cutting branches that
 * cannot beat the best plan found so far. Exact for the fair-rotation objective.
 */
function searchExhaustively(choices: Choice[][], groupCount: number): number[] {
  const dayCount = choices.length;
  // The most daytime and the smallest move still possible from each day on, for cutting branches.
  const daytimeAfter = new Array<number>(dayCount + 1).fill(0);
  const shiftAfter = new Array<number>(dayCount + 1).fill(0);
  for (let day = dayCount - 1; day >= 0; day--) {
    const list = choices[day] ?? [];
    daytimeAfter[day] = (daytimeAfter[day + 1] ?? 0) + Math.max(0, ...list.map((c) => c.daytime));
    shiftAfter[day] = (shiftAfter[day + 1] ?? 0) + Math.min(...list.map((c) => c.shift));
  }
  const nightDays = new Int32Array(groupCount);
  const path: number[] = new Array<number>(dayCount).fill(0);
  let best: PlanScore = { maxNight: Infinity, daytime: -Infinity, shift: Infinity };
  let bestPath: number[] = [];

  const visit = (day: number, maxNight: number, daytime: number, shift: number): void => {
    if (day === dayCount) {
      const score = { maxNight, daytime, shift };
      if (isBetterScore(score, best)) {
        best = score;
        bestPath = [...path];
      }
      return;
    }
    for (const choice of choices[day] ?? []) {
      let nextMax = maxNight;
      for (const group of choice.night) {
        const count = (nightDays[group] ?? 0) + 1;
        nightDays[group] = count;
        if (count > nextMax) nextMax = count;
      }
      const daytimeBound = daytime + choice.daytime + (daytimeAfter[day + 1] ?? 0);
      const shiftBound = shift + choice.shift + (shiftAfter[day + 1] ?? 0);
      const canImprove =
        nextMax < best.maxNight ||
        (nextMax === best.maxNight &&
          (daytimeBound > best.daytime ||
            (daytimeBound === best.daytime && shiftBound < best.shift)));
      if (canImprove) {
        path[day] = choice.index;
        visit(day + 1, nextMax, daytime + choice.daytime, shift + choice.shift);
      }
      for (const group of choice.night) nightDays[group] = (nightDays[group] ?? 0) - 1;
    }
  };
  visit(0, 0, 0, 0);
  return bestPath;
}

/**
 * Improves the most-daytime plan one day at a time, for when there are too many combinations
 * to try. First it shares the nights out: a day takes the offset that most lowers the number
 * of invitees with the most night days (comparing the whole distribution from the top, so a
 * step helps even before the maximum drops); then, keeping that maximum, it wins back daytime
 * and shortens the moves. Each accepted step strictly improves, so it ends; it is fast but may
 * stop short of the best plan.
 */
function searchByCoordinateDescent(
  choices: Choice[][],
  start: number[],
  audience: Audience,
): number[] {
  const groupCount = audience.groups.length;
  const weights = audience.groups.map((group) => group.count);
  const dayCount = choices.length;
  const picks = [...start];
  const nightDays = new Int32Array(groupCount);
  const choiceAt = (day: number, index: number): Choice => {
    const choice = choices[day]?.[index];
    if (!choice) throw new RangeError(`No choice ${index} on day ${day}.`);
    return choice;
  };
  picks.forEach((pick, day) => {
    for (const group of choiceAt(day, pick).night) nightDays[group] = (nightDays[group] ?? 0) + 1;
  });
  const move = (day: number, from: number, to: number): void => {
    for (const group of choiceAt(day, from).night) nightDays[group] = (nightDays[group] ?? 0) - 1;
    for (const group of choiceAt(day, to).night) nightDays[group] = (nightDays[group] ?? 0) + 1;
  };
  const histogram = (): number[] => {
    const counts = new Array<number>(dayCount + 1).fill(0);
    nightDays.forEach((days, group) => {
      counts[days] = (counts[days] ?? 0) + (weights[group] ?? 0);
    });
    return counts;
  };
  const totals = (): { daytime: number; shift: number } => {
    let daytime = 0;
    let shift = 0;
    picks.forEach((pick, day) => {
      daytime += choiceAt(day, pick).daytime;
      shift += choiceAt(day, pick).shift;
    });
    return { daytime, shift };
  };
  // Negative when a is better: fewer invitees on the most night days, then more daytime, then less shift.
  const compareSpread = (
    a: { histogram: number[]; daytime: number; shift: number },
    b: { histogram: number[]; daytime: number; shift: number },
  ): number => {
    for (let days = dayCount; days > 0; days--) {
      const difference = (a.histogram[days] ?? 0) - (b.histogram[days] ?? 0);
      if (difference !== 0) return difference;
    }
    return b.daytime - a.daytime || a.shift - b.shift;
  };
  const maxNight = (): number => Math.max(0, ...nightDays);

  // Phase 1: share the nights out.
  for (let improved = true; improved; ) {
    improved = false;
    for (let day = 0; day < dayCount; day++) {
      const current = picks[day] ?? 0;
      let best = { index: current, histogram: histogram(), ...totals() };
      for (let index = 0; index < (choices[day]?.length ?? 0); index++) {
        if (index === current) continue;
        move(day, current, index);
        picks[day] = index;
        const candidate = { index, histogram: histogram(), ...totals() };
        if (compareSpread(candidate, best) < 0) best = candidate;
        move(day, index, current);
        picks[day] = current;
      }
      if (best.index !== current) {
        move(day, current, best.index);
        picks[day] = best.index;
        improved = true;
      }
    }
  }

  // Phase 2: keep the largest number of night days, win back daytime and shorten moves.
  const ceiling = maxNight();
  for (let improved = true; improved; ) {
    improved = false;
    for (let day = 0; day < dayCount; day++) {
      const current = picks[day] ?? 0;
      let bestIndex = current;
      for (let index = 0; index < (choices[day]?.length ?? 0); index++) {
        const candidate = choiceAt(day, index);
        const incumbent = choiceAt(day, bestIndex);
        const isBetter =
          candidate.daytime > incumbent.daytime ||
          (candidate.daytime === incumbent.daytime && candidate.shift < incumbent.shift);
        if (!isBetter) continue;
        move(day, current, index);
        if (maxNight() <= ceiling) bestIndex = index;
        move(day, index, current);
      }
      if (bestIndex !== current) {
        move(day, current, bestIndex);
        picks[day] = bestIndex;
        improved = true;
      }
    }
  }
  return picks.map((pick, day) => choiceAt(day, pick).index);
}

/**
 * Plans several days so that night sessions rotate: it minimises the most days on which any
 * one invitee has a night session (so the same people are not always the ones up at night),
 * then maximises total daytime, then minimises the total move. When the undominated offsets
 * of the days combine in at most `maxExhaustiveCombinations` ways (200,000 by default) every
 * combination is weighed and the plan is the best there is (`search: 'exhaustive'`);
 * otherwise it improves the most-daytime plan by coordinate descent
 * (`search: 'coordinate-descent'`), which is fast but not proven best.
 */
export function planFairRotation(
  days: readonly (readonly SessionTimes[])[],
  audience: Audience,
  options: Partial<FairnessOptions> & { maxExhaustiveCombinations?: number } = {},
): FairnessPlan {
  const tables = buildDayTables(days, audience, options);
  const groupCount = audience.groups.length;
  const allChoices = tables.map((table) => listChoices(table, groupCount));
  const pruned = allChoices.map(pruneChoices);
  const limit = options.maxExhaustiveCombinations ?? DEFAULT_MAX_EXHAUSTIVE_COMBINATIONS;
  const combinations = pruned.reduce((product, list) => product * list.length, 1);
  if (combinations <= limit) {
    const picks = searchExhaustively(pruned, groupCount);
    return summarisePlan('fair-rotation', 'exhaustive', tables, picks, audience);
  }
  const start = tables.map(pickBestOffsetIndex);
  const picks = searchByCoordinateDescent(allChoices, start, audience);
  return summarisePlan('fair-rotation', 'coordinate-descent', tables, picks, audience);
}
