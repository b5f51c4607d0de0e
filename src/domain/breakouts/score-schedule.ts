/**
 * The score of a breakout schedule, exactly as the contract defines it, and the order that
 * says which of two schedules is better.
 */
import { presentByRound, type BreakoutProblem, type BreakoutScore } from './breakout-problem.ts';

/** The contract's order: better on the first component where two scores differ. */
export const SCORE_ORDER = [
  'apartViolations',
  'repeatPairs',
  'sameGovernmentPairs',
  'roomsWithoutMaturityMix',
  'duplicateRolePairs',
] as const satisfies readonly (keyof BreakoutScore)[];

/** Negative when `a` is better than `b`, positive when worse, 0 when equal. */
export function compareScores(a: BreakoutScore, b: BreakoutScore): number {
  for (const key of SCORE_ORDER) if (a[key] !== b[key]) return a[key] - b[key];
  return 0;
}

export const isPerfect = (score: BreakoutScore): boolean =>
  SCORE_ORDER.every((key) => score[key] === 0);

/** Every way `rounds` breaks the hard rules, in plain words; empty when valid. */
export function validityProblems(problem: BreakoutProblem, rounds: string[][][]): string[] {
  const problems: string[] = [];
  const { min, max } = problem.roomSize;
  if (rounds.length !== problem.rounds)
    problems.push(`the schedule has ${rounds.length} rounds, not ${problem.rounds}.`);
  const known = new Set(problem.people.map((person) => person.id));
  const present = presentByRound(problem);
  rounds.forEach((rooms, round) => {
    const expected = new Set((present[round] ?? []).map((index) => problem.people[index]?.id));
    const seen = new Set<string>();
    rooms.forEach((room, index) => {
      if (room.length < min || room.length > max)
        problems.push(
          `round ${round}, room ${index}: ${room.length} people, not ${min} to ${max}.`,
        );
      for (const id of room) {
        if (!known.has(id)) problems.push(`round ${round}: unknown id "${id}".`);
        else if (!expected.has(id)) problems.push(`round ${round}: "${id}" is absent but placed.`);
        if (seen.has(id)) problems.push(`round ${round}: "${id}" is placed twice.`);
        seen.add(id);
      }
    });
    for (const id of expected)
      if (id !== undefined && !seen.has(id))
        problems.push(`round ${round}: "${id}" is not placed.`);
  });
  return problems;
}

export const isValid = (problem: BreakoutProblem, rounds: string[][][]): boolean =>
  validityProblems(problem, rounds).length === 0;

const pairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/**
 * Scores a schedule. A room lacks maturity mix when fewer than two distinct maturity values
 * sit in it while at least two are present in that round (people without one are ignored).
 */
export function scoreSchedule(problem: BreakoutProblem, rounds: string[][][]): BreakoutScore {
  const byId = new Map(problem.people.map((person) => [person.id, person]));
  const apart = new Set(problem.apart.map(([a, b]) => pairKey(a, b)));
  const meetings = new Map<string, number>();
  const meet = (rooms: string[][]): void => {
    for (const room of rooms)
      for (let i = 0; i < room.length; i++)
        for (let j = i + 1; j < room.length; j++) {
          const key = pairKey(room[i] as string, room[j] as string);
          meetings.set(key, (meetings.get(key) ?? 0) + 1);
        }
  };
  for (const rooms of problem.history) meet(rooms);

  const score: BreakoutScore = {
    apartViolations: 0,
    repeatPairs: 0,
    sameGovernmentPairs: 0,
    roomsWithoutMaturityMix: 0,
    duplicateRolePairs: 0,
  };
  for (const rooms of rounds) {
    meet(rooms);
    const maturities = (room: string[]) =>
      new Set(room.flatMap((id) => byId.get(id)?.maturity ?? []));
    const roundMixed = maturities(rooms.flat()).size >= 2;
    for (const room of rooms) {
      if (roundMixed && maturities(room).size < 2) score.roomsWithoutMaturityMix++;
      for (let i = 0; i < room.length; i++)
        for (let j = i + 1; j < room.length; j++) {
          const a = room[i] as string;
          const b = room[j] as string;
          const first = byId.get(a);
          const second = byId.get(b);
          if (apart.has(pairKey(a, b))) score.apartViolations++;
          if (first?.government !== undefined && first.government === second?.government)
            score.sameGovernmentPairs++;
          if (first?.role !== undefined && first.role === second?.role) score.duplicateRolePairs++;
        }
    }
  }
  for (const count of meetings.values()) if (count > 1) score.repeatPairs += count - 1;
  return score;
}
