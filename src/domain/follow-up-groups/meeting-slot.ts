import {
  assessSession,
  prepareAudience,
  type FairnessCounts,
  type FairnessOptions,
} from '../time-zones/fairness.ts';

/** A suggested call: one hour, with how it falls for the people invited to it. */
export interface MeetingSlot {
  startsAt: string;
  endsAt: string;
  counts: FairnessCounts;
}

/** Days of the week (0 = Sunday, UTC) on which a first call is suggested: Tuesday to Thursday. */
export const SLOT_WEEKDAYS = [2, 3, 4] as const;
/** How far ahead a slot is looked for, and how much notice people are given at least. */
export const SLOT_SEARCH_DAYS = 14;
export const SLOT_NOTICE_DAYS = 2;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The one-hour slot, on a Tuesday, Wednesday or Thursday (UTC) from two days after `now` to
 * two weeks later, that falls most comfortably for a group's time zones, judged as the
 * programme's fairness page judges sessions: the most people in their daytime, then the
 * fewest at night, then the fewest early or late, then the earliest. Whole hours of UTC only,
 * so every member reads a plain time. Pure: the result depends only on the arguments.
 */
export function suggestMeetingSlot(
  timeZones: readonly string[],
  now: Date,
  options: Partial<FairnessOptions> = {},
): MeetingSlot {
  const audience = prepareAudience(timeZones);
  const first =
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + SLOT_NOTICE_DAYS * DAY;
  let best: MeetingSlot | null = null;
  for (let day = 0; day < SLOT_SEARCH_DAYS; day++) {
    const midnight = first + day * DAY;
    if (!(SLOT_WEEKDAYS as readonly number[]).includes(new Date(midnight).getUTCDay())) continue;
    for (let hour = 0; hour < 24; hour++) {
      const start = midnight + hour * HOUR;
      const slot = {
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + HOUR).toISOString(),
      };
      const { counts } = assessSession(slot, audience, options);
      if (best === null || isMoreComfortable(counts, best.counts)) best = { ...slot, counts };
    }
  }
  // SLOT_SEARCH_DAYS covers two weeks, so there is always a Tuesday.
  return best!;
}

/** Strictly better: ties keep the earlier slot, which was seen first. */
function isMoreComfortable(a: FairnessCounts, b: FairnessCounts): boolean {
  if (a.daytime !== b.daytime) return a.daytime > b.daytime;
  if (a.night !== b.night) return a.night < b.night;
  return a.early + a.late < b.early + b.late;
}
