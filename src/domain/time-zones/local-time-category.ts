import { MINUTES_PER_DAY, type ZoneClock } from './zone-clock.ts';

// The categories of time-zone fairness: whether a session falls in someone's daytime, early
// morning, late evening or night, given the daytime hours the edition uses.

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

/** Checks the daytime hours and fills in the defaults. */
export function resolveFairnessOptions(options: Partial<FairnessOptions> = {}): FairnessOptions {
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

/**
 * The windows that can hold a session start at most 29 hours (the longest window) before it
 * and end at most 32 hours after, so where the offset is constant from 2 days before a
 * session to 2 days after, plain arithmetic gives the same answer as the zone's rules.
 */
const WINDOW_MARGIN_MINUTES = 2 * MINUTES_PER_DAY;

/** The categories as indices into LOCAL_TIME_CATEGORIES, for the hot loops. */
export const DAYTIME = 0;
export const EARLY = 1;
export const LATE = 2;
export const NIGHT = 3;
/** How far the wall clock can jump back when clocks change (two hours at most, in Antarctica/Troll). */
const CLOCK_CHANGE_SLACK_MINUTES = 180;

/** A category's local window, in minutes from the midnight of a local day (may pass 0 or 24:00). */
interface Window {
  category: number;
  from: number;
  to: number;
}

/** The windows in the order they are tried: daytime first, as early and late both contain it. */
function windowsOf({ daytimeStartHour: start, daytimeEndHour: end }: FairnessOptions): Window[] {
  return [
    { category: DAYTIME, from: start * 60, to: end * 60 },
    { category: EARLY, from: (start - EARLY_HOURS) * 60, to: end * 60 },
    { category: LATE, from: start * 60, to: (end + LATE_HOURS) * 60 },
  ];
}

function minuteOfDay(wall: number): number {
  return ((wall % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
}

/**
 * Puts sessions in categories under one set of daytime hours. Where a zone's offset does not
 * change nearby, the category depends only on the local minute a session starts and its length,
 * so it keeps a 1,440-entry table per length and looks the answer up; near a change of offset
 * it turns each window into instants through the zone's rules.
 */
export class Categorizer {
  readonly #windows: Window[];
  readonly #tables = new Map<number, Uint8Array>();
  // Sessions come in runs of the same length; remembering the last table skips a lookup.
  #lastLength = Number.NaN;
  #lastTable: Uint8Array = new Uint8Array(0);

  constructor(options: FairnessOptions) {
    this.#windows = windowsOf(options);
  }

  /** A categorizer for sessions of one zone that lie between `from` and `to`. */
  forZone(clock: ZoneClock, from: number, to: number): (start: number, end: number) => number {
    const low = from - WINDOW_MARGIN_MINUTES;
    const initialOffset = clock.offsetAt(low);
    const changes = clock.listChangesBetween(low, to + WINDOW_MARGIN_MINUTES);
    if (changes.length === 0) return (start, end) => this.#withOffset(initialOffset, start, end);
    return (start, end) => {
      let offset = initialOffset;
      for (const change of changes) {
        if (change.at > end + WINDOW_MARGIN_MINUTES) break;
        if (change.at > start - WINDOW_MARGIN_MINUTES) return this.#acrossChange(clock, start, end);
        offset = change.offset;
      }
      return this.#withOffset(offset, start, end);
    };
  }

  #withOffset(offset: number, start: number, end: number): number {
    const local = minuteOfDay(start + offset);
    const length = end - start;
    if (!Number.isInteger(local) || !Number.isInteger(length)) return this.#compute(local, length);
    if (length !== this.#lastLength) {
      this.#lastLength = length;
      this.#lastTable = this.#tableFor(length);
    }
    return this.#lastTable[local] ?? NIGHT;
  }

  /** The category of a session of `length` minutes for each local minute it may start at. */
  #tableFor(length: number): Uint8Array {
    let table = this.#tables.get(length);
    if (!table) {
      table = new Uint8Array(MINUTES_PER_DAY);
      for (let minute = 0; minute < MINUTES_PER_DAY; minute++) {
        table[minute] = this.#compute(minute, length);
      }
      this.#tables.set(length, table);
    }
    return table;
  }

  #compute(startMinuteOfDay: number, length: number): number {
    for (const window of this.#windows) {
      // The window of the day before, of the start's day, and of the day after.
      for (let day = -1; day <= 1; day++) {
        const relativeStart = startMinuteOfDay - day * MINUTES_PER_DAY;
        if (window.from <= relativeStart && relativeStart + length <= window.to) {
          return window.category;
        }
      }
    }
    return NIGHT;
  }

  #acrossChange(clock: ZoneClock, start: number, end: number): number {
    const startWall = start + clock.offsetAt(start);
    const startDay = Math.floor(startWall / MINUTES_PER_DAY);
    for (const window of this.#windows) {
      for (let day = startDay - 1; day <= startDay + 1; day++) {
        const midnight = day * MINUTES_PER_DAY;
        // Only windows that can hold the start are worth turning into instants.
        if (midnight + window.from > startWall + CLOCK_CHANGE_SLACK_MINUTES) continue;
        if (midnight + window.to <= startWall) continue;
        if (
          clock.firstInstantAtWall(midnight + window.from) <= start &&
          end <= clock.firstInstantAtWall(midnight + window.to)
        ) {
          return window.category;
        }
      }
    }
    return NIGHT;
  }
}
