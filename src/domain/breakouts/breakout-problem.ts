/**
 * The breakout allocation problem of docs/contracts (breakouts.md): who meets in which room,
 * round by round. `checkProblem` turns untrusted JSON into a problem, or lists every problem
 * with it in plain words.
 */

export interface BreakoutPerson {
  id: string;
  government?: string;
  role?: string;
  maturity?: string;
  /** 0-based rounds this person misses. */
  absent?: number[];
}

export interface BreakoutProblem {
  rounds: number;
  roomSize: { min: number; max: number };
  people: BreakoutPerson[];
  apart: [string, string][];
  /** Rounds already held: each a list of rooms, each a list of person ids. */
  history: string[][][];
  seed?: number;
  timeLimitMs?: number;
}

export interface BreakoutScore {
  apartViolations: number;
  repeatPairs: number;
  sameGovernmentPairs: number;
  roomsWithoutMaturityMix: number;
  duplicateRolePairs: number;
}

export interface BreakoutSchedule {
  /** rounds[r] lists the rooms of round r, each room a list of person ids. */
  rounds: string[][][];
  score: BreakoutScore;
  elapsedMs: number;
}

export type CheckedProblem =
  { ok: true; problem: BreakoutProblem } | { ok: false; problems: string[] };

/**
 * How many people sit in each room of a round with `present` people: the fewest rooms that
 * fit, sizes as equal as possible. Null when no split within [min, max] exists.
 */
export function roomSizesFor(present: number, min: number, max: number): number[] | null {
  if (present === 0) return [];
  const rooms = Math.ceil(present / max);
  if (rooms * min > present) return null;
  const base = Math.floor(present / rooms);
  const larger = present % rooms;
  return Array.from({ length: rooms }, (_, index) => (index < larger ? base + 1 : base));
}

/** Who is present in each round, as indexes into `people`. */
export function presentByRound(problem: BreakoutProblem): number[][] {
  return Array.from({ length: problem.rounds }, (_, round) =>
    problem.people.flatMap((person, index) => (person.absent?.includes(round) ? [] : [index])),
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isWholeNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value);

/** Checks untrusted input against the contract; answers the problem or every problem found. */
export function checkProblem(raw: unknown): CheckedProblem {
  const problems: string[] = [];
  if (!isRecord(raw)) return { ok: false, problems: ['The input must be a JSON object.'] };

  const rounds = raw.rounds;
  const roundsOk = isWholeNumber(rounds) && rounds >= 1;
  if (!roundsOk) problems.push('"rounds" must be a whole number of at least 1.');

  let min = 0;
  let max = 0;
  let sizesOk = false;
  if (!isRecord(raw.roomSize)) {
    problems.push('"roomSize" must be an object with "min" and "max".');
  } else {
    const { min: rawMin, max: rawMax } = raw.roomSize;
    if (!isWholeNumber(rawMin) || rawMin < 1)
      problems.push('"roomSize.min" must be a whole number of at least 1.');
    if (!isWholeNumber(rawMax) || rawMax < 1)
      problems.push('"roomSize.max" must be a whole number of at least 1.');
    if (isWholeNumber(rawMin) && isWholeNumber(rawMax) && rawMin >= 1 && rawMax >= 1) {
      if (rawMin > rawMax)
        problems.push(`"roomSize.min" (${rawMin}) is larger than "roomSize.max" (${rawMax}).`);
      else {
        min = rawMin;
        max = rawMax;
        sizesOk = true;
      }
    }
  }

  const people: BreakoutPerson[] = [];
  const ids = new Set<string>();
  if (!Array.isArray(raw.people) || raw.people.length === 0) {
    problems.push('"people" must be a non-empty list.');
  } else {
    raw.people.forEach((entry: unknown, index) => {
      const where = `person ${index + 1}`;
      if (!isRecord(entry)) {
        problems.push(`${where} must be an object with an "id".`);
        return;
      }
      const id = entry.id;
      if (typeof id !== 'string' || id.trim() === '') {
        problems.push(`${where} has no "id".`);
        return;
      }
      if (ids.has(id)) problems.push(`${where}: the id "${id}" is used twice.`);
      ids.add(id);
      const person: BreakoutPerson = { id };
      for (const field of ['government', 'role', 'maturity'] as const) {
        const value = entry[field];
        if (value === undefined || value === null) continue;
        if (typeof value !== 'string') problems.push(`${id}: "${field}" must be text.`);
        else person[field] = value;
      }
      if (entry.absent !== undefined) {
        if (!Array.isArray(entry.absent) || !entry.absent.every(isWholeNumber)) {
          problems.push(`${id}: "absent" must be a list of round numbers.`);
        } else {
          const absent = entry.absent as number[];
          for (const round of absent) {
            if (round < 0 || (roundsOk && round >= (rounds as number)))
              problems.push(
                `${id}: absent round ${round} is out of range (rounds are 0 to ${roundsOk ? (rounds as number) - 1 : '?'}).`,
              );
          }
          person.absent = [...new Set(absent)];
        }
      }
      people.push(person);
    });
  }

  const apart: [string, string][] = [];
  if (raw.apart !== undefined) {
    if (!Array.isArray(raw.apart)) problems.push('"apart" must be a list of pairs of ids.');
    else
      raw.apart.forEach((pair: unknown, index) => {
        if (
          !Array.isArray(pair) ||
          pair.length !== 2 ||
          typeof pair[0] !== 'string' ||
          typeof pair[1] !== 'string'
        ) {
          problems.push(`apart pair ${index + 1} must be a pair of two ids.`);
          return;
        }
        const [first, second] = pair as [string, string];
        for (const id of [first, second])
          if (!ids.has(id)) problems.push(`apart pair ${index + 1} names an unknown id "${id}".`);
        if (first === second) problems.push(`apart pair ${index + 1} names "${first}" twice.`);
        apart.push([first, second]);
      });
  }

  const history: string[][][] = [];
  if (raw.history !== undefined) {
    const wellFormed =
      Array.isArray(raw.history) &&
      raw.history.every(
        (round: unknown) =>
          Array.isArray(round) &&
          round.every(
            (room: unknown) =>
              Array.isArray(room) && room.every((id: unknown) => typeof id === 'string'),
          ),
      );
    if (!wellFormed)
      problems.push('"history" must be a list of rounds, each a list of rooms of ids.');
    else {
      // An unknown id is most likely a typo that would silently lose a meeting: name it.
      const unknown = new Set(
        (raw.history as string[][][]).flat(2).filter((id) => ids.size > 0 && !ids.has(id)),
      );
      if (unknown.size > 0)
        problems.push(
          `"history" names ${unknown.size === 1 ? 'an unknown id' : `${unknown.size} unknown ids`}: ${[
            ...unknown,
          ]
            .slice(0, 5)
            .map((id) => `"${id}"`)
            .join(', ')}${unknown.size > 5 ? ', …' : ''}. Use only the ids of "people".`,
        );
      history.push(...(raw.history as string[][][]));
    }
  }

  if (raw.seed !== undefined && !isWholeNumber(raw.seed))
    problems.push('"seed" must be a whole number.');
  if (raw.timeLimitMs !== undefined && (!isWholeNumber(raw.timeLimitMs) || raw.timeLimitMs < 0))
    problems.push('"timeLimitMs" must be a whole number of milliseconds.');

  const problem: BreakoutProblem = {
    rounds: roundsOk ? (rounds as number) : 0,
    roomSize: { min, max },
    people,
    apart,
    history,
    ...(isWholeNumber(raw.seed) ? { seed: raw.seed } : {}),
    ...(isWholeNumber(raw.timeLimitMs) ? { timeLimitMs: raw.timeLimitMs } : {}),
  };

  if (roundsOk && sizesOk && people.length > 0) {
    presentByRound(problem).forEach((present, round) => {
      if (roomSizesFor(present.length, min, max) === null)
        problems.push(
          `round ${round}: ${present.length} ${present.length === 1 ? 'person is' : 'people are'} present, which cannot be split into rooms of ${min === max ? `exactly ${min}` : `${min} to ${max}`}.`,
        );
    });
  }

  return problems.length > 0 ? { ok: false, problems } : { ok: true, problem };
}
