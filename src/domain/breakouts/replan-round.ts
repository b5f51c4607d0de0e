/**
 * Re-plans one breakout round live, when people drop out or join late after the plan was
 * published. People sitting in a room that still works keep it, so that nobody is sent
 * elsewhere without need; only the gaps are filled. A room that falls below the minimum is
 * refilled by joiners or, when there are too few, by as few people as possible from rooms
 * with room to spare; when there are too few people for the rooms, the emptiest rooms are
 * closed and their people seated elsewhere; when there are too many, rooms are opened.
 * Everyone who has to be seated goes where they add the least cost, in the contract's order
 * (apart pairs, repeats with every other round, same government, maturity mix, same role),
 * then a short local search moves or swaps only those people. Pure and deterministic: the
 * clock and the seed come in; `maxIterations` bounds the work, the time limit only guards it.
 */
import type { BreakoutPerson, BreakoutScore } from './breakout-problem.ts';
import { intern, mulberry32 } from './allocate-breakout-rooms.ts';

export interface ReplanRoundInput {
  /** Everyone who may sit in this round, joiners included (extra people are ignored). */
  people: BreakoutPerson[];
  roomSize: { min: number; max: number };
  /** Pairs that must never share a room. */
  apart?: [string, string][];
  /**
   * Every other round, held or planned (earlier days and the plan's other rounds), as rooms
   * of ids: pairs that met there count as met.
   */
  otherRounds: string[][][];
  /** This round as planned now: its rooms, each a list of ids. */
  rooms: string[][];
  /** Ids who will miss this round after all. */
  absent: string[];
  /** Ids who now take part in this round and have no room yet. */
  joined: string[];
}

export interface ReplanRoundOptions {
  seed: number;
  /** A guard only: the search normally ends well before it (100 ms is plenty for 300). */
  timeLimitMs: number;
  now: () => number;
  /** Search steps after the placement; the result is deterministic unless time runs out. */
  maxIterations?: number;
}

export interface ReplannedRound {
  /** The rooms: rooms that survive keep their order; opened rooms come last. */
  rooms: string[][];
  /** For each room, the index of the planned room it continues, or -1 for an opened room. */
  from: number[];
  /** People who were seated before and now sit in another room. */
  moved: string[];
  /** Joiners, now seated. */
  placed: string[];
  /** This round's cost: repeats count pairs that met in another round. */
  score: BreakoutScore;
  elapsedMs: number;
}

/** The round cannot be re-planned: too few or too many people for the room sizes, or an unknown id. */
export class ReplanRoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplanRoundError';
  }
}

const W_APART = 1e9;
const W_REPEAT = 1e6;
const W_GOVERNMENT = 1e3;
const W_NO_MIX = 10;

/** Re-plans one round after drop-outs and late joiners; see the module comment. */
export function replanRound(input: ReplanRoundInput, options: ReplanRoundOptions): ReplannedRound {
  const started = options.now();
  const random = mulberry32(options.seed);
  const { min, max } = input.roomSize;
  const byId = new Map(input.people.map((person) => [person.id, person]));
  const absent = new Set(input.absent);
  const seated = new Set(input.rooms.flat());
  for (const id of [...seated, ...input.joined])
    if (!byId.has(id)) throw new ReplanRoundError(`"${id}" is not among the people.`);

  // The people of this round, as small indexes: seated people first, then joiners.
  const ids: string[] = [];
  const indexOf = new Map<string, number>();
  const add = (id: string): void => {
    if (absent.has(id) || indexOf.has(id)) return;
    indexOf.set(id, ids.length);
    ids.push(id);
  };
  input.rooms.flat().forEach(add);
  const joiners = input.joined.filter((id) => !absent.has(id) && !indexOf.has(id));
  joiners.forEach(add);
  const n = ids.length;
  const people = ids.map((id) => byId.get(id) as BreakoutPerson);
  const government = intern(people.map((person) => person.government));
  const role = intern(people.map((person) => person.role));
  const maturity = intern(people.map((person) => person.maturity));
  const kinds = Math.max(0, ...maturity) + 1;
  const isMixedRound = new Set(maturity.filter((m) => m >= 0)).size >= 2;

  // Pair costs with respect to every other round: n² numbers, small for one round.
  const pairCost = new Float64Array(n * n);
  const bump = (i: number, j: number, by: number): void => {
    pairCost[i * n + j] = pairCost[i * n + j]! + by;
    pairCost[j * n + i] = pairCost[j * n + i]! + by;
  };
  const met = new Uint8Array(n * n);
  for (const round of input.otherRounds)
    for (const room of round) {
      const members = room.flatMap((id) => indexOf.get(id) ?? []);
      for (let x = 0; x < members.length; x++)
        for (let y = x + 1; y < members.length; y++) {
          met[members[x]! * n + members[y]!] = 1;
          met[members[y]! * n + members[x]!] = 1;
        }
    }
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      let cost = met[i * n + j]! * W_REPEAT;
      if (government[i]! >= 0 && government[i] === government[j]) cost += W_GOVERNMENT;
      if (role[i]! >= 0 && role[i] === role[j]) cost += 1;
      bump(i, j, cost);
    }
  const apartPair = new Uint8Array(n * n);
  for (const [a, b] of input.apart ?? []) {
    const i = indexOf.get(a);
    const j = indexOf.get(b);
    if (i === undefined || j === undefined || i === j || apartPair[i * n + j] === 1) continue;
    apartPair[i * n + j] = 1;
    apartPair[j * n + i] = 1;
    bump(i, j, W_APART);
  }

  // Rooms after the drop-outs; then close or open rooms so that everyone fits.
  const rooms: number[][] = input.rooms.map((room) => room.flatMap((id) => indexOf.get(id) ?? []));
  const fewest = Math.ceil(n / max);
  const most = Math.floor(n / min);
  if (n > 0 && fewest > most)
    throw new ReplanRoundError(
      `${n} people cannot be split into rooms of ${min === max ? `exactly ${min}` : `${min} to ${max}`}.`,
    );
  const target = n === 0 ? 0 : Math.min(Math.max(rooms.length, fewest), most);
  const floating: number[] = [];
  const open = rooms.map((_, index) => index);
  while (open.length > target) {
    // Close the emptiest room (the later one on a tie): the fewest people move.
    let emptiest = open.length - 1;
    for (let k = open.length - 1; k >= 0; k--)
      if (rooms[open[k]!]!.length < rooms[open[emptiest]!]!.length) emptiest = k;
    floating.push(...rooms[open[emptiest]!]!);
    rooms[open[emptiest]!] = [];
    open.splice(emptiest, 1);
  }
  while (open.length < target) {
    open.push(rooms.length);
    rooms.push([]);
  }

  const costIn = (person: number, room: number[], except = -1): number => {
    let cost = 0;
    for (const other of room)
      if (other !== person && other !== except) cost += pairCost[person * n + other]!;
    return cost;
  };
  const noMix = (room: number[]): number => {
    if (!isMixedRound) return 0;
    const seen = new Uint8Array(kinds);
    let distinct = 0;
    for (const person of room) {
      const m = maturity[person]!;
      if (m >= 0 && seen[m] === 0) {
        seen[m] = 1;
        distinct++;
      }
    }
    return distinct < 2 ? W_NO_MIX : 0;
  };
  // A room over the maximum (a plan made with other bounds) gives up its costliest people.
  for (const k of open)
    while (rooms[k]!.length > max) floating.push(takeCostliest(rooms[k]!, costIn));

  // Rooms below the minimum with too few people to seat: take from rooms with spare people.
  const deficit = (): number =>
    open.reduce((sum, k) => sum + Math.max(0, min - rooms[k]!.length), 0);
  const floatingCount = () => floating.length + joiners.length;
  while (deficit() > floatingCount()) {
    let donor = -1;
    for (const k of open)
      if (rooms[k]!.length > min && (donor < 0 || rooms[k]!.length > rooms[donor]!.length))
        donor = k;
    if (donor < 0) break; // cannot happen: n ≥ rooms × min
    floating.push(takeCostliest(rooms[donor]!, costIn));
  }

  // Seat everyone without a room, each where they add least; rooms below the minimum first
  // when there are only just enough people for them.
  const toSeat = [...floating, ...joiners.map((id) => indexOf.get(id)!)];
  for (let k = toSeat.length - 1; k > 0; k--) {
    const other = Math.floor(random() * (k + 1));
    [toSeat[k], toSeat[other]] = [toSeat[other]!, toSeat[k]!];
  }
  toSeat.forEach((person, at) => {
    const mustFill = toSeat.length - at <= deficit();
    let best = -1;
    let bestCost = Infinity;
    for (const k of open) {
      const room = rooms[k]!;
      if (room.length >= max || (mustFill && room.length >= min)) continue;
      room.push(person);
      const cost = costIn(person, room) + noMix(room) - (room.length <= min ? 0.5 : 0);
      room.pop();
      if (cost < bestCost) {
        bestCost = cost;
        best = k;
      }
    }
    rooms[best]!.push(person);
  });

  // Short local search over the people who had to be seated: move one, or swap two.
  const roomCost = (room: number[]): number => {
    let cost = noMix(room);
    for (let x = 0; x < room.length; x++)
      for (let y = x + 1; y < room.length; y++) cost += pairCost[room[x]! * n + room[y]!]!;
    return cost;
  };
  const movable = new Uint8Array(n);
  for (const person of toSeat) movable[person] = 1;
  const roomOf = new Int32Array(n);
  for (const k of open) for (const person of rooms[k]!) roomOf[person] = k;
  const passes = options.maxIterations ?? 20;
  for (let pass = 0; pass < passes; pass++) {
    if (options.now() - started > options.timeLimitMs) break;
    let improved = false;
    for (const person of toSeat) {
      for (const k of open) {
        const from = rooms[roomOf[person]!]!;
        const to = rooms[k]!;
        if (to === from) continue;
        const before = roomCost(from) + roomCost(to);
        const at = from.indexOf(person);
        if (to.length < max && from.length > min) {
          from.splice(at, 1);
          to.push(person);
          if (roomCost(from) + roomCost(to) < before) {
            roomOf[person] = k;
            improved = true;
            continue;
          }
          to.pop();
          from.splice(at, 0, person);
        }
        for (let o = 0; o < to.length; o++) {
          const other = to[o]!;
          if (movable[other] === 0) continue;
          from[at] = other;
          to[o] = person;
          if (roomCost(from) + roomCost(to) < before) {
            roomOf[other] = roomOf[person]!;
            roomOf[person] = k;
            improved = true;
            break;
          }
          from[at] = person;
          to[o] = other;
        }
      }
    }
    if (!improved) break;
  }

  const before = new Map<string, number>();
  input.rooms.forEach((room, k) => room.forEach((id) => before.set(id, k)));
  const result = open.map((k) => rooms[k]!.map((person) => ids[person]!).sort());
  const moved: string[] = [];
  open.forEach((k) => {
    for (const person of rooms[k]!) {
      const was = before.get(ids[person]!);
      if (was !== undefined && was !== k) moved.push(ids[person]!);
    }
  });
  return {
    rooms: result,
    from: open.map((k) => (k < input.rooms.length ? k : -1)),
    moved: moved.sort(),
    placed: [...joiners].sort(),
    score: scoreRound(
      open.map((k) => rooms[k]!),
      (i, j) => ({ apart: apartPair[i * n + j]!, met: met[i * n + j]! }),
      { government, role, maturity, isMixedRound },
    ),
    elapsedMs: Math.round(options.now() - started),
  };
}

function takeCostliest(room: number[], costIn: (person: number, room: number[]) => number): number {
  let worst = 0;
  for (let k = 1; k < room.length; k++)
    if (costIn(room[k]!, room) > costIn(room[worst]!, room)) worst = k;
  return room.splice(worst, 1)[0]!;
}

/** The contract's components for one round; a repeat is a pair that met in another round. */
function scoreRound(
  rooms: number[][],
  pair: (i: number, j: number) => { apart: number; met: number },
  codes: { government: Int32Array; role: Int32Array; maturity: Int32Array; isMixedRound: boolean },
): BreakoutScore {
  const { government, role, maturity, isMixedRound } = codes;
  const score: BreakoutScore = {
    apartViolations: 0,
    repeatPairs: 0,
    sameGovernmentPairs: 0,
    roomsWithoutMaturityMix: 0,
    duplicateRolePairs: 0,
  };
  for (const room of rooms) {
    if (isMixedRound && new Set(room.map((i) => maturity[i]!).filter((m) => m >= 0)).size < 2)
      score.roomsWithoutMaturityMix++;
    for (let x = 0; x < room.length; x++)
      for (let y = x + 1; y < room.length; y++) {
        const i = room[x]!;
        const j = room[y]!;
        const { apart, met } = pair(i, j);
        score.apartViolations += apart;
        score.repeatPairs += met;
        if (government[i]! >= 0 && government[i] === government[j]) score.sameGovernmentPairs++;
        if (role[i]! >= 0 && role[i] === role[j]) score.duplicateRolePairs++;
      }
  }
  return score;
}
