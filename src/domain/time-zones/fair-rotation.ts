// The search behind the fair-rotation plan: one offset per day such that the most days on
// which any one invitee has a night session is as small as possible, then the most daytime,
// then the smallest total move, never moving two consecutive days into each other. Exact
// (branch and bound) when the combinations are few, otherwise coordinate descent from the
// most-daytime plan.

/**
 * Whether two consecutive days moved by these offsets keep their order, with no overlap: `gap`
 * is the minutes from the first day's last end to the next day's first start (null or
 * undefined: no limit, see gapsBetweenDays in fairness.ts).
 */
export function keepsDaysApart(
  gap: number | null | undefined,
  offsetMinutes: number,
  nextOffsetMinutes: number,
): boolean {
  return gap === null || gap === undefined || offsetMinutes - nextOffsetMinutes <= gap;
}

/** What the search needs of one day: per offset, its move, its daytime and who is at night. */
export interface RotationDay {
  /** Per offset: the move in minutes and the daytime person-sessions it gives. */
  offsets: { offsetMinutes: number; daytime: number }[];
  /** Per offset: the indices of the groups with at least one night session that day. */
  nightGroups: Int32Array[];
}

/** The chosen offset index for each day, and how it was found. */
export interface RotationResult {
  picks: number[];
  search: 'exhaustive' | 'coordinate-descent';
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

/**
 * Merges the audience groups that are at night on exactly the same days at every offset: for
 * the search they are one weighted "pattern". Zones that share an offset all week merge, so
 * 400 zones search as fast as the 40 or so offsets they use.
 */
function groupByNightPattern(
  days: RotationDay[],
  groupWeights: number[],
): { patternOf: Int32Array; weights: number[] } {
  const tokens: string[][] = groupWeights.map(() => []);
  days.forEach((rotationDay, day) => {
    rotationDay.nightGroups.forEach((groups, offset) => {
      for (const group of groups) tokens[group]?.push(`${day}:${offset}`);
    });
  });
  const patterns = new Map<string, number>();
  const weights: number[] = [];
  const patternOf = new Int32Array(groupWeights.length);
  groupWeights.forEach((count, index) => {
    const key = (tokens[index] ?? []).join(',');
    let pattern = patterns.get(key);
    if (pattern === undefined) {
      pattern = weights.length;
      patterns.set(key, pattern);
      weights.push(0);
    }
    weights[pattern] = (weights[pattern] ?? 0) + count;
    patternOf[index] = pattern;
  });
  return { patternOf, weights };
}

function listChoices(day: RotationDay, patternOf: Int32Array, patternCount: number): Choice[] {
  return day.offsets.map((offset, index) => {
    const patterns = new Set<number>();
    for (const group of day.nightGroups[index] ?? []) patterns.add(patternOf[group] ?? 0);
    const night = Int32Array.from([...patterns].sort((a, b) => a - b));
    const nightBits = new Uint32Array(Math.ceil(patternCount / 32));
    for (const group of night) {
      const word = group >>> 5;
      nightBits[word] = (nightBits[word] ?? 0) | (1 << (group & 31));
    }
    return {
      index,
      daytime: offset.daytime,
      shift: Math.abs(offset.offsetMinutes),
      signedShift: offset.offsetMinutes,
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
function searchExhaustively(
  choices: Choice[][],
  groupCount: number,
  gaps: (number | null)[],
): number[] {
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
  const shiftsOnPath: number[] = new Array<number>(dayCount).fill(0);
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
      if (day > 0 && !keepsDaysApart(gaps[day - 1], shiftsOnPath[day - 1] ?? 0, choice.signedShift))
        continue;
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
        shiftsOnPath[day] = choice.signedShift;
        visit(day + 1, nextMax, daytime + choice.daytime, shift + choice.shift);
      }
      for (const group of choice.night) nightDays[group] = (nightDays[group] ?? 0) - 1;
    }
  };
  visit(0, 0, 0, 0);
  return bestPath;
}

/** A plan under construction: each day's choice, with the night days per group kept up to date. */
class PlanState {
  readonly picks: Choice[];
  /** Entry n: how many invitees have night sessions on exactly n days. */
  readonly histogram: number[];
  daytime = 0;
  shift = 0;
  readonly #nightDays: Int32Array;
  readonly #weights: number[];

  constructor(picks: Choice[], weights: number[]) {
    this.picks = [...picks];
    this.#weights = weights;
    this.#nightDays = new Int32Array(weights.length);
    this.histogram = new Array<number>(picks.length + 1).fill(0);
    this.histogram[0] = weights.reduce((sum, weight) => sum + weight, 0);
    for (const choice of picks) this.#add(choice, 1);
  }

  /** The most days on which any invitee has a night session. */
  get maxNight(): number {
    for (let days = this.histogram.length - 1; days > 0; days--) {
      if ((this.histogram[days] ?? 0) > 0) return days;
    }
    return 0;
  }

  choose(day: number, choice: Choice): void {
    const previous = this.picks[day];
    if (previous) this.#add(previous, -1);
    this.picks[day] = choice;
    this.#add(choice, 1);
  }

  #add(choice: Choice, sign: 1 | -1): void {
    this.daytime += sign * choice.daytime;
    this.shift += sign * choice.shift;
    for (const group of choice.night) {
      const before = this.#nightDays[group] ?? 0;
      const weight = this.#weights[group] ?? 0;
      this.#nightDays[group] = before + sign;
      this.histogram[before] = (this.histogram[before] ?? 0) - weight;
      this.histogram[before + sign] = (this.histogram[before + sign] ?? 0) + weight;
    }
  }
}

/**
 * Improves the most-daytime plan step by step, for when there are too many combinations to
 * try. A step changes one day's offset (to any other), or, when no such step helps, two days'
 * at once (among their undominated offsets). Phase 1 shares the nights out: it lowers the
 * number of invitees with the most night days, comparing the whole distribution from the top
 * so that a step counts even before the maximum drops. Phase 2 keeps that maximum and wins
 * back daytime, then shortens the moves. Every step strictly improves, so it ends; it is fast
 * but may stop short of the best plan.
 */
function searchByCoordinateDescent(
  allChoices: Choice[][],
  prunedChoices: Choice[][],
  start: number[],
  weights: number[],
  gaps: (number | null)[],
): number[] {
  const dayCount = allChoices.length;
  const initial = start.map((index, day) => {
    const choice = allChoices[day]?.[index];
    if (!choice) throw new RangeError(`No offset ${index} on day ${day}.`);
    return choice;
  });
  const state = new PlanState(initial, weights);
  /** Whether the days around these keep apart with the picks as they are now. */
  const keepsApart = (days: number[]): boolean =>
    days.every(
      (day) =>
        (day === 0 ||
          keepsDaysApart(
            gaps[day - 1],
            state.picks[day - 1]?.signedShift ?? 0,
            state.picks[day]?.signedShift ?? 0,
          )) &&
        (day === dayCount - 1 ||
          keepsDaysApart(
            gaps[day],
            state.picks[day]?.signedShift ?? 0,
            state.picks[day + 1]?.signedShift ?? 0,
          )),
    );

  /** Tries each step, keeps the best if it beats the current plan, and says whether it did. */
  const takeBestStep = <S>(
    days: number[],
    options: Choice[][],
    score: () => S | null,
    compare: (a: S, b: S) => number,
  ): boolean => {
    const current = score();
    if (current === null) return false;
    const original = days.map((day) => state.picks[day]);
    let best = current;
    let bestStep: Choice[] | null = null;
    const visit = (position: number, step: Choice[]): void => {
      if (position === days.length) {
        if (!keepsApart(days)) return;
        const candidate = score();
        if (candidate !== null && compare(candidate, best) < 0) {
          best = candidate;
          bestStep = [...step];
        }
        return;
      }
      const day = days[position] ?? 0;
      for (const choice of options[position] ?? []) {
        if (choice === original[position]) continue;
        state.choose(day, choice);
        step.push(choice);
        visit(position + 1, step);
        step.pop();
      }
      const back = original[position];
      if (back) state.choose(day, back);
    };
    visit(0, []);
    const chosen: Choice[] | null = bestStep;
    if (!chosen) return false;
    days.forEach((day, position) => {
      const choice = chosen[position];
      if (choice) state.choose(day, choice);
    });
    return true;
  };

  const descend = <S>(score: () => S | null, compare: (a: S, b: S) => number): void => {
    for (let improved = true; improved;) {
      improved = false;
      for (let day = 0; day < dayCount; day++) {
        if (takeBestStep([day], [allChoices[day] ?? []], score, compare)) improved = true;
      }
      if (improved) continue;
      for (let first = 0; first < dayCount; first++) {
        for (let second = first + 1; second < dayCount; second++) {
          const options = [prunedChoices[first] ?? [], prunedChoices[second] ?? []];
          if (takeBestStep([first, second], options, score, compare)) improved = true;
        }
      }
    }
  };

  // Phase 1: fewer invitees on the most night days (then more daytime, then less shift).
  type Spread = { histogram: number[]; daytime: number; shift: number };
  descend<Spread>(
    () => ({ histogram: [...state.histogram], daytime: state.daytime, shift: state.shift }),
    (a, b) => {
      for (let days = dayCount; days > 0; days--) {
        const difference = (a.histogram[days] ?? 0) - (b.histogram[days] ?? 0);
        if (difference !== 0) return difference;
      }
      return b.daytime - a.daytime || a.shift - b.shift;
    },
  );
  // Phase 2: within the largest number of night days reached, more daytime, then less shift.
  const ceiling = state.maxNight;
  descend<{ daytime: number; shift: number }>(
    () => (state.maxNight <= ceiling ? { daytime: state.daytime, shift: state.shift } : null),
    (a, b) => b.daytime - a.daytime || a.shift - b.shift,
  );
  return state.picks.map((choice) => choice.index);
}

/**
 * Finds one offset per day for the fair-rotation plan. `start` is the most-daytime plan (an
 * offset index per day), where coordinate descent begins. Groups that are at night on the same
 * days at every offset are merged first, and offsets that can never beat another on the same
 * day are dropped; when the rest combine in at most `maxExhaustiveCombinations` ways, every
 * combination is weighed (the result is the best there is), otherwise coordinate descent
 * improves `start`.
 */
export function searchFairRotation(
  days: RotationDay[],
  groupWeights: number[],
  start: number[],
  maxExhaustiveCombinations: number,
  gaps: (number | null)[] = [],
): RotationResult {
  const { patternOf, weights } = groupByNightPattern(days, groupWeights);
  const allChoices = days.map((day) => listChoices(day, patternOf, weights.length));
  // A dropped offset may be the one that keeps a day apart from its neighbour. Where the
  // offsets kept could move two days into each other, both days keep every offset, until no
  // pair of days with offsets dropped can meet: the search over what is left is still exact.
  const pruned = allChoices.map(pruneChoices);
  const meets = (first: number) => {
    const latest = Math.max(...(pruned[first] ?? []).map((choice) => choice.signedShift));
    const earliest = Math.min(...(pruned[first + 1] ?? []).map((choice) => choice.signedShift));
    return !keepsDaysApart(gaps[first], latest, earliest);
  };
  for (let widened = true; widened;) {
    widened = false;
    for (let first = 0; first < days.length - 1; first++) {
      if (!meets(first)) continue;
      for (const day of [first, first + 1]) {
        if (pruned[day]!.length === allChoices[day]!.length) continue;
        pruned[day] = allChoices[day]!;
        widened = true;
      }
    }
  }
  const combinations = pruned.reduce((product, list) => product * list.length, 1);
  if (combinations <= maxExhaustiveCombinations) {
    return { picks: searchExhaustively(pruned, weights.length, gaps), search: 'exhaustive' };
  }
  return {
    picks: searchByCoordinateDescent(allChoices, pruned, start, weights, gaps),
    search: 'coordinate-descent',
  };
}
