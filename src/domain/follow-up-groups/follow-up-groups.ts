import { allocateBreakoutRooms } from '../breakouts/allocate-breakout-rooms.ts';
import { checkProblem, roomSizesFor } from '../breakouts/breakout-problem.ts';
import { accepted, rejected, type Checked, type FieldError } from '../shared/result.ts';

/** The smallest and largest follow-up group an organizer may ask for. */
export const GROUP_SIZE_LIMITS = { min: 2, max: 12 } as const;
/** What the form offers first: small enough for everyone to speak on a call. */
export const DEFAULT_GROUP_SIZES = { min: 3, max: 5 } as const;

/** A person to place in a follow-up group. */
export interface GroupCandidate {
  id: string;
  governmentId: string | null;
}

/** Where follow-up groups stand for an edition and theme: formed, then introduced by email. */
export const GROUPING_STATUSES = ['draft', 'sent'] as const;
export type GroupingStatus = (typeof GROUPING_STATUSES)[number];

const wholeNumber = (raw: unknown): number | null => {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  return /^\d{1,3}$/.test(text) ? Number(text) : null;
};

/** Checks the group sizes an organizer asked for: whole numbers from 2 to 12, smallest first. */
export function checkGroupSizes(
  rawMin: unknown,
  rawMax: unknown,
): Checked<{ min: number; max: number }> {
  const errors: FieldError[] = [];
  const { min: low, max: high } = GROUP_SIZE_LIMITS;
  const min = wholeNumber(rawMin);
  const max = wholeNumber(rawMax);
  if (min === null || min < low || min > high)
    errors.push({
      field: 'minSize',
      message: `Enter the smallest group size as a whole number from ${low} to ${high}.`,
    });
  if (max === null || max < low || max > high)
    errors.push({
      field: 'maxSize',
      message: `Enter the largest group size as a whole number from ${low} to ${high}.`,
    });
  if (errors.length === 0 && min! > max!)
    errors.push({
      field: 'maxSize',
      message: `The largest group size (${max}) is smaller than the smallest (${min}). Enter a largest size of at least ${min}.`,
    });
  return errors.length > 0 ? rejected(errors) : accepted({ min: min!, max: max! });
}

/**
 * Splits the people who named a struggle into follow-up groups with the breakout allocator:
 * one round, sizes within [min, max] and as equal as possible, people of one government kept
 * apart where the numbers allow, and pairs who already met in `history` (earlier breakout
 * rooms) spread out where possible. Deterministic for a seed and an iteration budget.
 */
export function formFollowUpGroups(
  people: readonly GroupCandidate[],
  sizes: { min: number; max: number },
  options: {
    seed: number;
    history?: string[][];
    now: () => number;
    timeLimitMs: number;
    maxIterations?: number;
  },
): Checked<string[][]> {
  if (people.length < sizes.min)
    return rejected([
      {
        field: 'minSize',
        message: `Only ${people.length} ${people.length === 1 ? 'person' : 'people'} named this theme, fewer than the smallest group of ${sizes.min}. Choose a smaller size or another theme.`,
      },
    ]);
  if (roomSizesFor(people.length, sizes.min, sizes.max) === null)
    return rejected([
      {
        field: 'minSize',
        message: `${people.length} people cannot be split into groups of ${sizes.min} to ${sizes.max}. Widen the range, for example a smallest size of ${Math.max(GROUP_SIZE_LIMITS.min, sizes.min - 1)}.`,
      },
    ]);
  const ids = new Set(people.map((person) => person.id));
  // Only meetings among these people matter; the allocator refuses ids it does not know.
  const history = (options.history ?? [])
    .map((room) => room.filter((id) => ids.has(id)))
    .filter((room) => room.length > 1);
  const checked = checkProblem({
    rounds: 1,
    roomSize: sizes,
    people: people.map((person) => ({
      id: person.id,
      ...(person.governmentId ? { government: person.governmentId } : {}),
    })),
    apart: [],
    history: history.length > 0 ? [history] : [],
    seed: options.seed,
  });
  if (!checked.ok)
    return rejected(checked.problems.map((message) => ({ field: 'minSize', message })));
  const schedule = allocateBreakoutRooms(checked.problem, {
    seed: options.seed,
    timeLimitMs: options.timeLimitMs,
    now: options.now,
    ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
  });
  return accepted((schedule.rounds[0] ?? []).filter((group) => group.length > 0));
}

/** Pairs of one government placed in one group: what a good split keeps as low as it can. */
export function countSameGovernmentPairs(
  groups: readonly (readonly string[])[],
  governmentOf: ReadonlyMap<string, string | null>,
): number {
  let pairs = 0;
  for (const group of groups)
    for (let i = 0; i < group.length; i++)
      for (let j = i + 1; j < group.length; j++) {
        const a = governmentOf.get(group[i]!);
        const b = governmentOf.get(group[j]!);
        if (a && a === b) pairs++;
      }
  return pairs;
}

/** One follow-up group: its members and the suggested first call (an hour from `suggestedStart`, UTC). */
export interface FollowUpGroup {
  id: string;
  number: number;
  suggestedStart: string;
  memberIds: string[];
}

/** The follow-up groups of one edition and theme, as formed by an organizer. */
export interface FollowUpGrouping {
  id: string;
  editionId: string;
  themeId: string;
  minSize: number;
  maxSize: number;
  status: GroupingStatus;
  formedBy: string | null;
  formedAt: string;
  /** The mail batch of the introductions, once sent. */
  batchId: string | null;
  sentAt: string | null;
  groups: FollowUpGroup[];
}
