import { IANAZone } from 'luxon';

/** Minutes in a calendar day without a change of clocks. */
export const MINUTES_PER_DAY = 1440;
/** Offsets cached in chunks of 8 days, found by sampling once a day and then bisecting. */
const CHUNK_MINUTES = 8 * MINUTES_PER_DAY;
const SAMPLE_MINUTES = MINUTES_PER_DAY;
/** Further than any UTC offset (−12:00 to +14:00), so a search from here starts before a wall time. */
const OFFSET_BOUND_MINUTES = 18 * 60;

/**
 * Whether the runtime knows the zone. Unlike IANAZone.isValidZone, IANAZone.create caches per
 * name, so checking 2,000 invitees in 60 zones asks the runtime 60 times, not 2,000.
 */
export function isKnownTimeZone(zone: string): boolean {
  return zone.length > 0 && IANAZone.create(zone).isValid;
}

interface OffsetChunk {
  /** The offset at the chunk's first minute. */
  startOffset: number;
  /** Every change of offset in the chunk, including one exactly at its start. */
  transitions: { at: number; offset: number }[];
}

/**
 * A time zone's UTC offsets over time, looked up in minutes since the epoch. Offsets are
 * cached in 8-day chunks, so a week's programme asks the IANA database a few dozen times per
 * zone instead of once per session and candidate time.
 */
export class ZoneClock {
  readonly timeZone: string;
  readonly #zone: IANAZone;
  readonly #chunks = new Map<number, OffsetChunk>();
  readonly #instantsAtWall = new Map<number, number>();

  constructor(timeZone: string) {
    if (!isKnownTimeZone(timeZone)) throw new RangeError(`"${timeZone}" is not a known time zone.`);
    this.timeZone = timeZone;
    this.#zone = IANAZone.create(timeZone);
  }

  /** The zone's offset from UTC, in minutes, at an instant. */
  offsetAt(minute: number): number {
    const chunk = this.#chunk(Math.floor(minute / CHUNK_MINUTES));
    let offset = chunk.startOffset;
    for (const transition of chunk.transitions) {
      if (transition.at > minute) break;
      offset = transition.offset;
    }
    return offset;
  }

  /** Every change of offset after `from` and up to `to`, in order, with the offset it brings. */
  listChangesBetween(from: number, to: number): { at: number; offset: number }[] {
    const changes: { at: number; offset: number }[] = [];
    for (let index = Math.floor(from / CHUNK_MINUTES); index * CHUNK_MINUTES <= to; index++) {
      for (const transition of this.#chunk(index).transitions) {
        if (transition.at > from && transition.at <= to) changes.push(transition);
      }
    }
    return changes;
  }

  /**
   * The first instant at which the local clock shows `wall` (minutes since the epoch, read as
   * local time) or later. A wall time that occurs twice (clocks going back) counts from its
   * first occurrence; one that is skipped (clocks going forward) from the moment of the jump.
   */
  firstInstantAtWall(wall: number): number {
    // Windows start and end at the same few wall times day after day, so answers repeat.
    let instant = this.#instantsAtWall.get(wall);
    if (instant === undefined) {
      instant = this.#searchInstantAtWall(wall);
      this.#instantsAtWall.set(wall, instant);
    }
    return instant;
  }

  #searchInstantAtWall(wall: number): number {
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

  #chunk(index: number): OffsetChunk {
    const cached = this.#chunks.get(index);
    if (cached) return cached;
    const start = index * CHUNK_MINUTES;
    const end = start + CHUNK_MINUTES;
    const startOffset = this.#rawOffset(start);
    const transitions: { at: number; offset: number }[] = [];
    let previous = this.#rawOffset(start - 1);
    let from = start - 1;
    // From 2000 to 2030 no zone in the IANA database changes its offset twice within a week
    // (checked over every zone), so sampling once a day finds every change; bisection then
    // finds its minute.
    for (let sample = start; sample <= end; sample += SAMPLE_MINUTES) {
      const target = sample === start ? startOffset : this.#rawOffset(sample);
      while (previous !== target) {
        let low = from;
        let high = sample;
        while (high - low > 1) {
          const middle = Math.floor((low + high) / 2);
          if (this.#rawOffset(middle) === previous) low = middle;
          else high = middle;
        }
        previous = high === sample ? target : this.#rawOffset(high);
        if (high < end) transitions.push({ at: high, offset: previous });
        from = high;
      }
      from = sample;
    }
    const chunk = { startOffset, transitions };
    this.#chunks.set(index, chunk);
    return chunk;
  }
}
