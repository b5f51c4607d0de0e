/**
 * Allocates people to breakout rooms, round by round (the contract in breakouts.md).
 *
 * Per round the room sizes are fixed first (the fewest rooms that fit, sizes as equal as
 * possible). A greedy pass seats each person in the room where they add the least cost; then
 * simulated annealing with restarts swaps two people in different rooms of one round. A swap
 * is costed incrementally from a matrix of pair meeting counts, so it takes O(room size).
 * The search cost is a weighted sum that follows the contract's order; the best schedule is
 * kept by comparing the exact score components in that order. Pure: time comes from `now`,
 * randomness from a seeded generator.
 */
import {
  presentByRound,
  roomSizesFor,
  type BreakoutProblem,
  type BreakoutSchedule,
} from './breakout-problem.ts';
import { scoreSchedule } from './score-schedule.ts';

export interface AllocateOptions {
  seed: number;
  timeLimitMs: number;
  /** Milliseconds from any fixed origin; performance.now in production, a fake in tests. */
  now: () => number;
  /** Called now and then with the best score so far. */
  onProgress?: (progress: { iterations: number; best: number[] }) => void;
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
const WEIGHTS = [1e9, 1e6, 1e3, 10, 1] as const;

function lexLess(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  for (let k = 0; k < 5; k++) {
    const x = a[k] as number;
    const y = b[k] as number;
    if (x !== y) return x < y;
  }
  return false;
}

/** Interns optional text values as small integers; -1 for none. */
function intern(values: (string | undefined)[]): Int32Array {
  const codes = new Map<string, number>();
  return Int32Array.from(values, (value) => {
    if (value === undefined) return -1;
    let code = codes.get(value);
    if (code === undefined) codes.set(value, (code = codes.size));
    return code;
  });
}

/** Solves a problem that `checkProblem` accepted. */
export function allocateBreakoutRooms(
  problem: BreakoutProblem,
  options: AllocateOptions,
): BreakoutSchedule {
  const started = options.now();
  const deadline = started + options.timeLimitMs;
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
  // Pair meeting counts (history and the current schedule): O(n²) memory, 2 bytes a pair.
  const meet = new Uint16Array(n * n);
  for (const rooms of problem.history)
    for (const room of rooms) {
      const members = room.flatMap((id) => indexOf.get(id) ?? []);
      for (let x = 0; x < members.length; x++)
        for (let y = x + 1; y < members.length; y++) {
          const i = members[x] as number;
          const j = members[y] as number;
          meet[i * n + j] = meet[i * n + j]! + 1;
          meet[j * n + i] = meet[j * n + i]! + 1;
        }
    }

  const staticCost = (i: number, j: number): number =>
    apart[i * n + j]! * WEIGHTS[APART] +
    (government[i]! >= 0 && government[i] === government[j] ? WEIGHTS[GOVERNMENT] : 0) +
    (role[i]! >= 0 && role[i] === role[j] ? WEIGHTS[ROLE] : 0);

  // Each round is a slot array: room k holds slots [start[k], start[k] + size[k]).
  const { min, max } = problem.roomSize;
  const present = presentByRound(problem);
  const rounds = present.map((people, round) => {
    const sizes = roomSizesFor(people.length, min, max);
    if (sizes === null) throw new Error(`round ${round} cannot be split into rooms`);
    const starts: number[] = [];
    let at = 0;
    for (const size of sizes) {
      starts.push(at);
      at += size;
    }
    const mixedRound = new Set(people.map((i) => maturity[i]).filter((m) => m! >= 0)).size >= 2;
    return {
      slots: new Int32Array(people.length),
      roomOfSlot: Int32Array.from(
        sizes.flatMap((size, room) => Array.from({ length: size }, () => room)),
      ),
      starts,
      sizes,
      mixedRound,
      // Per room, how many members hold each maturity value, and how many distinct values.
      maturityCounts: new Int32Array(sizes.length * maturityKinds),
      distinct: new Int32Array(sizes.length),
    };
  });

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

  // Greedy start: people in a seeded order, each to the open room where they add least.
  rounds.forEach((round, r) => {
    const order = [...(present[r] ?? [])];
    for (let k = order.length - 1; k > 0; k--) {
      const swapWith = Math.floor(random() * (k + 1));
      [order[k], order[swapWith]] = [order[swapWith] as number, order[k] as number];
    }
    const filled = round.sizes.map(() => 0);
    for (const person of order) {
      let bestRoom = -1;
      let bestCost = Infinity;
      round.sizes.forEach((size, room) => {
        const count = filled[room] as number;
        if (count >= size) return;
        let cost = 0;
        const start = round.starts[room] as number;
        for (let s = start; s < start + count; s++) {
          const other = round.slots[s] as number;
          cost +=
            staticCost(person, other) + (meet[person * n + other]! >= 1 ? WEIGHTS[REPEAT] : 0);
        }
        cost += random() * 0.5; // break ties without favouring the first room
        if (cost < bestCost) {
          bestCost = cost;
          bestRoom = room;
        }
      });
      const start = round.starts[bestRoom] as number;
      const count = filled[bestRoom] as number;
      for (let s = start; s < start + count; s++) addPair(person, round.slots[s] as number, 1);
      round.slots[start + count] = person;
      filled[bestRoom] = count + 1;
      const m = maturity[person] as number;
      if (m >= 0) {
        const key = bestRoom * maturityKinds + m;
        round.maturityCounts[key] = round.maturityCounts[key]! + 1;
        if (round.maturityCounts[key] === 1)
          round.distinct[bestRoom] = round.distinct[bestRoom]! + 1;
      }
    }
    if (round.mixedRound)
      for (let room = 0; room < round.sizes.length; room++)
        if (round.distinct[room]! < 2) components[NO_MIX] = components[NO_MIX]! + 1;
  });

  const best = {
    components: Float64Array.from(components),
    slots: rounds.map((round) => Int32Array.from(round.slots)),
  };
  const remember = (): void => {
    best.components.set(components);
    rounds.forEach((round, r) => best.slots[r]!.set(round.slots));
  };
  const perfect = (): boolean => best.components.every((value) => value === 0);

  // Rounds where a swap is possible (at least two rooms), weighted by their size.
  const swappable = rounds.flatMap((round, r) => (round.sizes.length >= 2 ? [r] : []));
  const delta = new Float64Array(5);
  let iterations = 0;

  if (swappable.length > 0 && !perfect()) {
    const pickRound = (): number => {
      // Larger rounds get proportionally more moves.
      const total = swappable.reduce((sum, r) => sum + rounds[r]!.slots.length, 0);
      let ticket = random() * total;
      for (const r of swappable) {
        ticket -= rounds[r]!.slots.length;
        if (ticket < 0) return r;
      }
      return swappable[swappable.length - 1] as number;
    };
    const hot = 2e6;
    const cold = 0.2;
    const cycleLength = Math.max(
      50_000,
      40 * rounds.reduce((sum, round) => sum + round.slots.length, 0) * 10,
    );
    let temperature = hot;
    const cooling = Math.pow(cold / hot, 1 / cycleLength);
    let stepInCycle = 0;
    let r = pickRound();

    const costOf = (values: Float64Array): number =>
      values[0]! * WEIGHTS[0] +
      values[1]! * WEIGHTS[1] +
      values[2]! * WEIGHTS[2] +
      values[3]! * WEIGHTS[3] +
      values[4]! * WEIGHTS[4];

    while (true) {
      if ((iterations & 1023) === 0) {
        if (options.now() >= deadline) break;
        r = pickRound();
        if ((iterations & 0xfffff) === 0)
          options.onProgress?.({ iterations, best: Array.from(best.components) });
      }
      iterations++;
      if ((iterations & 15) === 0) r = pickRound();
      const round = rounds[r]!;
      const length = round.slots.length;
      const slotA = Math.floor(random() * length);
      const slotB = Math.floor(random() * length);
      const roomA = round.roomOfSlot[slotA] as number;
      const roomB = round.roomOfSlot[slotB] as number;
      if (roomA === roomB) continue;
      const a = round.slots[slotA] as number;
      const b = round.slots[slotB] as number;

      // Incremental change of every component for swapping a and b.
      delta.fill(0);
      const pairDelta = (leaving: number, joining: number, other: number): void => {
        const out = leaving * n + other;
        const into = joining * n + other;
        if (meet[out]! >= 2) delta[REPEAT] = delta[REPEAT]! - 1;
        if (meet[into]! >= 1) delta[REPEAT] = delta[REPEAT]! + 1;
        delta[APART] = delta[APART]! + apart[into]! - apart[out]!;
        const gl = government[leaving]!;
        const gj = government[joining]!;
        const go = government[other]!;
        delta[GOVERNMENT] =
          delta[GOVERNMENT]! + (gj >= 0 && gj === go ? 1 : 0) - (gl >= 0 && gl === go ? 1 : 0);
        const rl = role[leaving]!;
        const rj = role[joining]!;
        const ro = role[other]!;
        delta[ROLE] =
          delta[ROLE]! + (rj >= 0 && rj === ro ? 1 : 0) - (rl >= 0 && rl === ro ? 1 : 0);
      };
      const startA = round.starts[roomA] as number;
      const endA = startA + round.sizes[roomA]!;
      for (let s = startA; s < endA; s++) if (s !== slotA) pairDelta(a, b, round.slots[s]!);
      const startB = round.starts[roomB] as number;
      const endB = startB + round.sizes[roomB]!;
      for (let s = startB; s < endB; s++) if (s !== slotB) pairDelta(b, a, round.slots[s]!);
      const ma = maturity[a]!;
      const mb = maturity[b]!;
      let distinctA = round.distinct[roomA]!;
      let distinctB = round.distinct[roomB]!;
      if (round.mixedRound && ma !== mb) {
        const before = (distinctA < 2 ? 1 : 0) + (distinctB < 2 ? 1 : 0);
        if (ma >= 0 && round.maturityCounts[roomA * maturityKinds + ma] === 1) distinctA--;
        if (mb >= 0 && round.maturityCounts[roomA * maturityKinds + mb] === 0) distinctA++;
        if (mb >= 0 && round.maturityCounts[roomB * maturityKinds + mb] === 1) distinctB--;
        if (ma >= 0 && round.maturityCounts[roomB * maturityKinds + ma] === 0) distinctB++;
        delta[NO_MIX] = (distinctA < 2 ? 1 : 0) + (distinctB < 2 ? 1 : 0) - before;
      }

      const change = costOf(delta);
      temperature *= cooling;
      if (++stepInCycle >= cycleLength) {
        stepInCycle = 0;
        temperature = hot;
      }
      if (change > 0 && random() >= Math.exp(-change / temperature)) continue;

      // Apply the swap.
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
      if (ma !== mb) {
        if (ma >= 0) {
          round.maturityCounts[roomA * maturityKinds + ma] =
            round.maturityCounts[roomA * maturityKinds + ma]! - 1;
          round.maturityCounts[roomB * maturityKinds + ma] =
            round.maturityCounts[roomB * maturityKinds + ma]! + 1;
        }
        if (mb >= 0) {
          round.maturityCounts[roomB * maturityKinds + mb] =
            round.maturityCounts[roomB * maturityKinds + mb]! - 1;
          round.maturityCounts[roomA * maturityKinds + mb] =
            round.maturityCounts[roomA * maturityKinds + mb]! + 1;
        }
        if (round.mixedRound) components[NO_MIX] = components[NO_MIX]! + delta[NO_MIX]!;
        round.distinct[roomA] = countDistinct(round.maturityCounts, roomA, maturityKinds);
        round.distinct[roomB] = countDistinct(round.maturityCounts, roomB, maturityKinds);
      }
      if (change < 0 && lexLess(components, best.components)) {
        remember();
        if (perfect()) break;
      }
    }
  }

  const schedule = best.slots.map((slots, r) => {
    const round = rounds[r]!;
    return round.sizes.map((size, room) => {
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

function countDistinct(counts: Int32Array, room: number, kinds: number): number {
  let distinct = 0;
  for (let m = 0; m < kinds; m++) if (counts[room * kinds + m]! > 0) distinct++;
  return distinct;
}
