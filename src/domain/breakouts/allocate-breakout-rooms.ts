/**
 * Allocates people to breakout rooms, round by round (the contract in breakouts.md).
 *
 * Per round the room sizes are fixed first (the fewest rooms that fit, sizes as equal as
 * possible). The start: rounds shaped like the Social Golfer problem (everyone present, equal
 * rooms, no history) come from finite-field geometry where it applies (affine-start.ts); the
 * others from a greedy pass that seats each person where they add the least cost. Then a
 * conflict-directed tabu search (after Dotú & Van Hentenryck's local search for the Social
 * Golfer problem): take the people in conflict at the most important level still above zero
 * (all of them, up to 16, when the problem has at most 1,000 seats; else the worst of a few
 * drawn at random in one round), try every swap of each with a person in another room of the
 * same round, and make the best swap that is not tabu, even when it is worse; the two people
 * may not move again in that round for 1 to 3 steps. When the search stalls it goes back to
 * the best schedule with a few random swaps (or, for geometry starts, starts afresh with fewer
 * rounds from geometry). Every swap is costed from a matrix of pair meeting counts in
 * O(room size), with no rescoring and no allocation in the loop.
 *
 * The search cost is a weighted sum that follows the contract's order; the best schedule is
 * kept by comparing the exact components in that order, and the search stops early once every
 * component is at a lower bound (so nothing better exists). Pure: time comes from `now`,
 * randomness from a seeded generator; with `maxIterations`, or when it stops early, the result
 * does not depend on the machine's speed. Memory: n² matrices (3 bytes a pair, 5 with
 * history: 12 MB for 2,000 people); the greedy start costs rounds × people²; a step costs
 * O(people × room size) of one round, times the people in conflict weighed.
 */
import {
  presentByRound,
  roomSizesFor,
  type BreakoutProblem,
  type BreakoutSchedule,
} from './breakout-problem.ts';
import { affineRounds } from './affine-start.ts';
import { scoreSchedule } from './score-schedule.ts';

export interface AllocateOptions {
  seed: number;
  timeLimitMs: number;
  /** Milliseconds from any fixed origin; performance.now in production, a fake in tests. */
  now: () => number;
  /** Called now and then with the best score so far. */
  onProgress?: (progress: { iterations: number; best: number[] }) => void;
  /** Stop after this many search steps (for tests that must not depend on the clock). */
  maxIterations?: number;
}

/** mulberry32: a small, fast, seeded generator of numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Component indexes, in the contract's order, and the search weights that follow it.
const APART = 0;
const REPEAT = 1;
const GOVERNMENT = 2;
const NO_MIX = 3;
const ROLE = 4;
const W_APART = 1e9;
const W_REPEAT = 1e6;
const W_GOVERNMENT = 1e3;
const W_NO_MIX = 10;
const W_ROLE = 1;

function lexLess(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  for (let k = 0; k < 5; k++) {
    const x = a[k] as number;
    const y = b[k] as number;
    if (x !== y) return x < y;
  }
  return false;
}

const costOf = (values: ArrayLike<number>): number =>
  (values[APART] as number) * W_APART +
  (values[REPEAT] as number) * W_REPEAT +
  (values[GOVERNMENT] as number) * W_GOVERNMENT +
  (values[NO_MIX] as number) * W_NO_MIX +
  (values[ROLE] as number) * W_ROLE;

/** Interns optional text values as small integers; -1 for none. */
export function intern(values: (string | undefined)[]): Int32Array {
  const codes = new Map<string, number>();
  return Int32Array.from(values, (value) => {
    if (value === undefined) return -1;
    let code = codes.get(value);
    if (code === undefined) codes.set(value, (code = codes.size));
    return code;
  });
}

/** Fewest pairs sharing a value when `members` (value codes) are spread over `rooms` rooms. */
function evenSplitPairs(members: number[], codes: Int32Array, rooms: number): number {
  const counts = new Map<number, number>();
  for (const i of members) {
    const code = codes[i] as number;
    if (code >= 0) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  let pairs = 0;
  for (const count of counts.values()) {
    const base = Math.floor(count / rooms);
    const larger = count % rooms;
    pairs += (larger * ((base + 1) * base)) / 2 + (rooms - larger) * ((base * (base - 1)) / 2);
  }
  return pairs;
}

/** Shuffles in place (Fisher–Yates) and answers the array. */
function shuffled(values: Int32Array, random: () => number): Int32Array {
  for (let k = values.length - 1; k > 0; k--) {
    const other = Math.floor(random() * (k + 1));
    const value = values[k]!;
    values[k] = values[other]!;
    values[other] = value;
  }
  return values;
}

/** Solves a problem that `checkProblem` accepted. */
export function allocateBreakoutRooms(
  problem: BreakoutProblem,
  options: AllocateOptions,
): BreakoutSchedule {
  const started = options.now();
  const deadline = started + options.timeLimitMs;
  const maxIterations = options.maxIterations ?? Infinity;
  const random = mulberry32(options.seed);
  const n = problem.people.length;
  const indexOf = new Map(problem.people.map((person, index) => [person.id, index]));
  const government = intern(problem.people.map((person) => person.government));
  const role = intern(problem.people.map((person) => person.role));
  const maturity = intern(problem.people.map((person) => person.maturity));
  const maturityKinds = Math.max(0, ...maturity) + 1;

  const apart = new Uint8Array(n * n);
  for (const [a, b] of problem.apart) {
    const i = indexOf.get(a);
    const j = indexOf.get(b);
    if (i === undefined || j === undefined) continue;
    apart[i * n + j] = 1;
    apart[j * n + i] = 1;
  }
  // Pair meeting counts (history and the current schedule): 2 bytes a pair.
  const meet = new Uint16Array(n * n);
  for (const rooms of problem.history)
    for (const room of rooms) {
      const members = room.flatMap((id) => indexOf.get(id) ?? []);
      for (let x = 0; x < members.length; x++)
        for (let y = x + 1; y < members.length; y++) {
          const i = members[x] as number;
          const j = members[y] as number;
          if (i === j) continue;
          meet[i * n + j] = meet[i * n + j]! + 1;
          meet[j * n + i] = meet[j * n + i]! + 1;
        }
    }
  const historyMeet = problem.history.length > 0 ? Uint16Array.from(meet) : null;

  // Cost of a pair that is not together now if it were; and of a pair together now.
  const staticCost = (i: number, j: number): number =>
    apart[i * n + j]! * W_APART +
    (government[i]! >= 0 && government[i] === government[j] ? W_GOVERNMENT : 0) +
    (role[i]! >= 0 && role[i] === role[j] ? W_ROLE : 0);
  const joinCost = (i: number, j: number): number =>
    staticCost(i, j) + (meet[i * n + j]! >= 1 ? W_REPEAT : 0);
  const stayCost = (i: number, j: number): number =>
    staticCost(i, j) + (meet[i * n + j]! >= 2 ? W_REPEAT : 0);

  // Each round is a slot array: room k holds slots [start[k], start[k] + size[k]).
  const { min, max } = problem.roomSize;
  const present = presentByRound(problem);
  const lowerBound = new Float64Array(5);
  const rounds = present.map((people, round) => {
    const sizes = roomSizesFor(people.length, min, max);
    if (sizes === null) throw new Error(`round ${round} cannot be split into rooms`);
    const starts: number[] = [];
    let at = 0;
    for (const size of sizes) {
      starts.push(at);
      at += size;
    }
    const counts = new Map<number, number>();
    for (const i of people)
      if (maturity[i]! >= 0) counts.set(maturity[i]!, (counts.get(maturity[i]!) ?? 0) + 1);
    const mixedRound = counts.size >= 2;
    if (mixedRound) {
      const withMaturity = [...counts.values()].reduce((sum, c) => sum + c, 0);
      const mixable = Math.min(
        sizes.length,
        withMaturity - Math.max(...counts.values()),
        Math.floor(withMaturity / 2),
      );
      lowerBound[NO_MIX] = lowerBound[NO_MIX]! + sizes.length - mixable;
    }
    lowerBound[GOVERNMENT] =
      lowerBound[GOVERNMENT]! + evenSplitPairs(people, government, sizes.length);
    lowerBound[ROLE] = lowerBound[ROLE]! + evenSplitPairs(people, role, sizes.length);
    return {
      slots: new Int32Array(people.length),
      roomOfSlot: Int32Array.from(
        sizes.flatMap((size, room) => Array.from({ length: size }, () => room)),
      ),
      starts: Int32Array.from(starts),
      sizes: Int32Array.from(sizes),
      mixedRound,
      // Per room, how many members hold each maturity value, and how many distinct values.
      maturityCounts: new Int32Array(sizes.length * maturityKinds),
      distinct: new Int32Array(sizes.length),
    };
  });
  type Round = (typeof rounds)[number];

  const components = new Float64Array(5);
  const addPair = (i: number, j: number, sign: 1 | -1): void => {
    const key = i * n + j;
    if (sign === 1) {
      if (meet[key]! >= 1) components[REPEAT] = components[REPEAT]! + 1;
      meet[key] = meet[key]! + 1;
      meet[j * n + i] = meet[j * n + i]! + 1;
    } else {
      if (meet[key]! >= 2) components[REPEAT] = components[REPEAT]! - 1;
      meet[key] = meet[key]! - 1;
      meet[j * n + i] = meet[j * n + i]! - 1;
    }
    components[APART] = components[APART]! + sign * apart[key]!;
    if (government[i]! >= 0 && government[i] === government[j])
      components[GOVERNMENT] = components[GOVERNMENT]! + sign;
    if (role[i]! >= 0 && role[i] === role[j]) components[ROLE] = components[ROLE]! + sign;
  };
  const countMaturity = (round: Round, room: number, person: number, sign: 1 | -1): void => {
    const m = maturity[person] as number;
    if (m < 0) return;
    const key = room * maturityKinds + m;
    round.maturityCounts[key] = round.maturityCounts[key]! + sign;
    if (sign === 1 && round.maturityCounts[key] === 1) round.distinct[room]! += 1;
    if (sign === -1 && round.maturityCounts[key] === 0) round.distinct[room]! -= 1;
  };
  const noMixRooms = (round: Round): number => {
    if (!round.mixedRound) return 0;
    let count = 0;
    for (let room = 0; room < round.sizes.length; room++) if (round.distinct[room]! < 2) count++;
    return count;
  };

  // Rounds where everyone is present in equal rooms start from finite-field geometry.
  const isGolferShaped =
    problem.history.length === 0 &&
    rounds.every((round) => round.slots.length === n && round.sizes.every((size) => size === min));
  const groups = isGolferShaped ? n / min : 0;

  /**
   * A fresh start: the first `affineWeeks` rounds from finite-field geometry when the rounds
   * are Social-Golfer-shaped, the others greedily (people in a seeded order, each to the open
   * room where they add least).
   */
  const construct = (affineWeeks: number): void => {
    if (historyMeet === null) meet.fill(0);
    else meet.set(historyMeet);
    components.fill(0);
    const affine = isGolferShaped
      ? affineRounds(
          groups,
          min,
          Math.min(affineWeeks, rounds.length),
          shuffled(
            Int32Array.from({ length: n }, (_, i) => i),
            random,
          ),
        )
      : [];
    rounds.forEach((round, r) => {
      round.maturityCounts.fill(0);
      round.distinct.fill(0);
      const planned = affine[r];
      if (planned !== undefined) {
        planned.forEach((members, room) => {
          const start = round.starts[room]!;
          members.forEach((person, k) => {
            for (let s = start; s < start + k; s++) addPair(person, round.slots[s]!, 1);
            round.slots[start + k] = person;
            countMaturity(round, room, person, 1);
          });
        });
        components[NO_MIX] = components[NO_MIX]! + noMixRooms(round);
        return;
      }
      const order = shuffled(Int32Array.from(present[r] ?? []), random);
      const filled = new Int32Array(round.sizes.length);
      for (const person of order) {
        let bestRoom = -1;
        let bestCost = Infinity;
        const m = maturity[person] as number;
        for (let room = 0; room < round.sizes.length; room++) {
          const count = filled[room] as number;
          if (count >= round.sizes[room]!) continue;
          let cost = 0;
          const start = round.starts[room] as number;
          for (let s = start; s < start + count; s++) cost += joinCost(person, round.slots[s]!);
          // Prefer a room this person's maturity would mix; break ties at random.
          if (round.mixedRound && m >= 0 && round.maturityCounts[room * maturityKinds + m]! > 0)
            cost += W_NO_MIX / (count + 1);
          cost += random() * 0.5;
          if (cost < bestCost) {
            bestCost = cost;
            bestRoom = room;
          }
        }
        const start = round.starts[bestRoom] as number;
        const count = filled[bestRoom] as number;
        for (let s = start; s < start + count; s++) addPair(person, round.slots[s] as number, 1);
        round.slots[start + count] = person;
        filled[bestRoom] = count + 1;
        countMaturity(round, bestRoom, person, 1);
      }
      components[NO_MIX] = components[NO_MIX]! + noMixRooms(round);
    });
  };
  construct(rounds.length);
  const hasGeometry = isGolferShaped && affineRounds(groups, min, 1, new Int32Array(n)).length > 0;

  const best = {
    components: Float64Array.from(components),
    slots: rounds.map((round) => Int32Array.from(round.slots)),
  };
  const remember = (): void => {
    best.components.set(components);
    rounds.forEach((round, r) => best.slots[r]!.set(round.slots));
  };
  const atLowerBound = (): boolean => best.components.every((v, k) => v <= lowerBound[k]!);

  /** Puts the best schedule back, rebuilding the meeting matrix and the room counts. */
  const restoreBest = (): void => {
    if (historyMeet === null) meet.fill(0);
    else meet.set(historyMeet);
    components.fill(0);
    rounds.forEach((round, r) => {
      round.slots.set(best.slots[r]!);
      round.maturityCounts.fill(0);
      round.distinct.fill(0);
      for (let room = 0; room < round.sizes.length; room++) {
        const start = round.starts[room]!;
        const end = start + round.sizes[room]!;
        for (let s = start; s < end; s++) {
          for (let t = start; t < s; t++) addPair(round.slots[s]!, round.slots[t]!, 1);
          countMaturity(round, room, round.slots[s]!, 1);
        }
      }
      components[NO_MIX] = components[NO_MIX]! + noMixRooms(round);
    });
  };

  // Change of rooms without mix if `leaving` leaves room A for B and `joining` goes B to A.
  const noMixDelta = (round: Round, roomA: number, roomB: number, a: number, b: number) => {
    const ma = maturity[a]!;
    const mb = maturity[b]!;
    if (!round.mixedRound || ma === mb) return 0;
    let distinctA = round.distinct[roomA]!;
    let distinctB = round.distinct[roomB]!;
    const before = (distinctA < 2 ? 1 : 0) + (distinctB < 2 ? 1 : 0);
    if (ma >= 0 && round.maturityCounts[roomA * maturityKinds + ma] === 1) distinctA--;
    if (mb >= 0 && round.maturityCounts[roomA * maturityKinds + mb] === 0) distinctA++;
    if (mb >= 0 && round.maturityCounts[roomB * maturityKinds + mb] === 1) distinctB--;
    if (ma >= 0 && round.maturityCounts[roomB * maturityKinds + ma] === 0) distinctB++;
    return (distinctA < 2 ? 1 : 0) + (distinctB < 2 ? 1 : 0) - before;
  };

  const swap = (round: Round, slotA: number, slotB: number): void => {
    const roomA = round.roomOfSlot[slotA]!;
    const roomB = round.roomOfSlot[slotB]!;
    const a = round.slots[slotA]!;
    const b = round.slots[slotB]!;
    const startA = round.starts[roomA]!;
    const endA = startA + round.sizes[roomA]!;
    const startB = round.starts[roomB]!;
    const endB = startB + round.sizes[roomB]!;
    const before = round.mixedRound ? noMixRooms(round) : 0;
    for (let s = startA; s < endA; s++)
      if (s !== slotA) {
        addPair(a, round.slots[s]!, -1);
        addPair(b, round.slots[s]!, 1);
      }
    for (let s = startB; s < endB; s++)
      if (s !== slotB) {
        addPair(b, round.slots[s]!, -1);
        addPair(a, round.slots[s]!, 1);
      }
    round.slots[slotA] = b;
    round.slots[slotB] = a;
    if (maturity[a] !== maturity[b]) {
      countMaturity(round, roomA, a, -1);
      countMaturity(round, roomB, b, -1);
      countMaturity(round, roomA, b, 1);
      countMaturity(round, roomB, a, 1);
      if (round.mixedRound) components[NO_MIX] = components[NO_MIX]! + noMixRooms(round) - before;
    }
  };

  // Rounds where a swap is possible (at least two rooms), weighted by their size.
  const swappable = rounds.flatMap((round, r) => (round.sizes.length >= 2 ? [r] : []));
  const totalSlots = swappable.reduce((sum, r) => sum + rounds[r]!.slots.length, 0);
  const pickRound = (): number => {
    let ticket = random() * totalSlots;
    for (const r of swappable) {
      ticket -= rounds[r]!.slots.length;
      if (ticket < 0) return r;
    }
    return swappable[swappable.length - 1] as number;
  };
  // tabu[r * n + person]: the step until which this person may not move in round r.
  const tabu = new Float64Array(rounds.length * n);
  let iterations = 0;
  let current = costOf(components);
  let bestCost = current;
  let lastImprovement = 0;
  const stallLimit = Math.max(2000, 20 * n);
  // A short tabu tenure (1 to 3 steps) did best on the Social Golfer instances of the bench;
  // 4–15 and longer left one or two more repeats in 5 s.
  const tenure = (): number => iterations + 1 + Math.floor(random() * 3);
  const kickMax = 4;
  const tournament = 8;

  /** How much the person in `slot` costs in their room now. */
  const conflictOf = (round: Round, slot: number): number => {
    const person = round.slots[slot]!;
    const room = round.roomOfSlot[slot]!;
    const start = round.starts[room]!;
    const end = start + round.sizes[room]!;
    let cost = round.mixedRound && round.distinct[room]! < 2 ? W_NO_MIX : 0;
    for (let o = start; o < end; o++) if (o !== slot) cost += stayCost(person, round.slots[o]!);
    return cost;
  };
  // The best move found so far in this step.
  const move = { delta: Infinity, round: -1, slotA: -1, slotB: -1, ties: 0 };
  /** Weighs every swap of the person in `slotA` with someone in another room of round r. */
  const consider = (r: number, slotA: number, isTabuA: boolean): void => {
    const round = rounds[r]!;
    const tabuBase = r * n;
    const a = round.slots[slotA]!;
    const roomA = round.roomOfSlot[slotA]!;
    const startA = round.starts[roomA]!;
    const endA = startA + round.sizes[roomA]!;
    let leaveA = 0;
    for (let s = startA; s < endA; s++) if (s !== slotA) leaveA += stayCost(a, round.slots[s]!);
    for (let roomB = 0; roomB < round.sizes.length; roomB++) {
      if (roomB === roomA) continue;
      const startB = round.starts[roomB]!;
      const endB = startB + round.sizes[roomB]!;
      let joinB = 0;
      for (let s = startB; s < endB; s++) joinB += joinCost(a, round.slots[s]!);
      for (let slotB = startB; slotB < endB; slotB++) {
        const b = round.slots[slotB]!;
        let delta = joinB - joinCost(a, b) - leaveA;
        for (let s = startA; s < endA; s++) if (s !== slotA) delta += joinCost(b, round.slots[s]!);
        for (let s = startB; s < endB; s++) if (s !== slotB) delta -= stayCost(b, round.slots[s]!);
        delta += W_NO_MIX * noMixDelta(round, roomA, roomB, a, b);
        // Aspiration: a tabu move is allowed when it beats the best cost found.
        if ((isTabuA || tabu[tabuBase + b]! > iterations) && current + delta >= bestCost) continue;
        if (delta < move.delta) {
          move.delta = delta;
          move.ties = 1;
        } else if (delta > move.delta || random() * ++move.ties >= 1) continue;
        move.round = r;
        move.slotA = slotA;
        move.slotB = slotB;
      }
    }
  };
  const fullNeighbourhood = totalSlots <= 1000;
  const conflictRound = new Int32Array(totalSlots);
  const conflictSlot = new Int32Array(totalSlots);
  // Weighing 16 people in conflict a step beat 24 and 48 on the bench (more steps a second).
  const maxConflicts = 16;

  if (swappable.length > 0 && !atLowerBound()) {
    while (iterations < maxIterations) {
      if ((iterations & 31) === 0) {
        if (options.now() >= deadline) break;
        if ((iterations & 0x3ffff) === 0)
          options.onProgress?.({ iterations, best: Array.from(best.components) });
      }
      iterations++;

      if (iterations - lastImprovement > stallLimit) {
        // Stuck: back to the best schedule, shaken by a few random swaps. When the rounds come
        // from geometry, start afresh instead, with up to three rounds fewer from it: a
        // perfect start for q + 1 rounds can be a dead end for more (8-4-10: 16 repeats).
        if (hasGeometry) construct(groups + 1 - Math.floor(random() * Math.min(4, groups)));
        else restoreBest();
        const kicks = 1 + Math.floor(random() * kickMax);
        for (let k = 0; k < kicks; k++) {
          const round = rounds[pickRound()]!;
          const slotA = Math.floor(random() * round.slots.length);
          const slotB = Math.floor(random() * round.slots.length);
          if (round.roomOfSlot[slotA] !== round.roomOfSlot[slotB]) swap(round, slotA, slotB);
        }
        current = costOf(components);
        lastImprovement = iterations;
      }

      move.delta = Infinity;
      move.round = -1;
      move.ties = 0;
      if (fullNeighbourhood) {
        // Small problems: the best swap of anyone in conflict at the most important level
        // still above zero, over every round (a random sample when there are many).
        const threshold =
          components[APART]! > 0
            ? W_APART
            : components[REPEAT]! > 0
              ? W_REPEAT
              : components[GOVERNMENT]! > 0
                ? W_GOVERNMENT
                : W_ROLE;
        let found = 0;
        for (const r of swappable) {
          const round = rounds[r]!;
          for (let s = 0; s < round.slots.length; s++)
            if (conflictOf(round, s) >= threshold) {
              conflictRound[found] = r;
              conflictSlot[found++] = s;
            }
        }
        const take = Math.min(found, maxConflicts);
        for (let k = 0; k < take; k++) {
          const pick = found > maxConflicts ? k + Math.floor(random() * (found - k)) : k;
          const r = conflictRound[pick]!;
          const s = conflictSlot[pick]!;
          conflictRound[pick] = conflictRound[k]!;
          conflictSlot[pick] = conflictSlot[k]!;
          consider(r, s, tabu[r * n + rounds[r]!.slots[s]!]! > iterations);
        }
      } else {
        // The person in most conflict among a few drawn at random (not tabu, if possible).
        const r = pickRound();
        const round = rounds[r]!;
        let slotA = -1;
        let worst = 0;
        for (let t = 0; t < tournament; t++) {
          const s = Math.floor(random() * round.slots.length);
          let cost = conflictOf(round, s);
          if (tabu[r * n + round.slots[s]!]! > iterations) cost *= 0.001;
          if (cost > worst) {
            worst = cost;
            slotA = s;
          }
        }
        if (slotA >= 0) consider(r, slotA, false);
      }
      if (move.round < 0) continue;
      const round = rounds[move.round]!;
      const slotA = move.slotA;
      const bestSlot = move.slotB;
      const bestDelta = move.delta;
      const tabuBase = move.round * n;
      const a = round.slots[slotA]!;
      const b = round.slots[bestSlot]!;
      swap(round, slotA, bestSlot);
      current += bestDelta;
      tabu[tabuBase + a] = tenure();
      tabu[tabuBase + b] = tenure();
      if (current < bestCost) {
        bestCost = current;
        lastImprovement = iterations;
      }
      if (bestDelta < 0 && lexLess(components, best.components)) {
        remember();
        if (atLowerBound()) break;
      }
    }
  }

  const schedule = best.slots.map((slots, r) => {
    const round = rounds[r]!;
    return Array.from(round.sizes, (size, room) => {
      const start = round.starts[room] as number;
      return Array.from(slots.subarray(start, start + size))
        .sort((x, y) => x - y)
        .map((index) => problem.people[index]!.id);
    });
  });
  options.onProgress?.({ iterations, best: Array.from(best.components) });
  return {
    rounds: schedule,
    score: scoreSchedule(problem, schedule),
    elapsedMs: Math.round(options.now() - started),
  };
}
