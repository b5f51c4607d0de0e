import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { affineRounds } from './affine-start.ts';
import { allocateBreakoutRooms, mulberry32 } from './allocate-breakout-rooms.ts';
import { checkProblem, roomSizesFor, type BreakoutProblem } from './breakout-problem.ts';
import { ReplanRoundError, replanRound, type ReplanRoundInput } from './replan-round.ts';
import { scoreSchedule, validityProblems } from './score-schedule.ts';

/** A clock that only moves when read, so results never depend on the machine's speed. */
const fakeClock = () => {
  let t = 0;
  return () => (t += 1);
};
const options = (seed: number) => ({
  seed,
  timeLimitMs: 1e9,
  now: fakeClock(),
  maxIterations: 150,
});

/** A random problem that `checkProblem` accepts: 4–200 people, absences, apart, history. */
function randomProblem(seed: number): BreakoutProblem {
  const random = mulberry32(seed);
  const below = (n: number) => Math.floor(random() * n);
  for (;;) {
    const min = 2 + below(4);
    const max = min + below(4);
    const rounds = 1 + below(8);
    const count = 4 + below(197);
    const governments = 1 + below(40);
    const people = Array.from({ length: count }, (_, i) => ({
      id: `p${i}`,
      ...(random() < 0.9 ? { government: `G${below(governments)}` } : {}),
      ...(random() < 0.9 ? { role: `r${below(8)}` } : {}),
      ...(random() < 0.8 ? { maturity: random() < 0.5 ? 'starting' : 'momentum' } : {}),
      absent: random() < 0.15 ? [below(rounds)] : [],
    }));
    const apart = Array.from({ length: below(5) }, () => [`p${below(count)}`, `p${below(count)}`]);
    const history = Array.from({ length: below(3) }, () => {
      const ids = people.map((person) => person.id).filter(() => random() < 0.7);
      const rooms: string[][] = [];
      for (let at = 0; at < ids.length; at += min) rooms.push(ids.slice(at, at + min));
      return rooms;
    });
    const checked = checkProblem({
      rounds,
      roomSize: { min, max },
      people,
      apart: apart.filter(([a, b]) => a !== b),
      history,
    });
    if (checked.ok) return checked.problem;
  }
}

describe('allocateBreakoutRooms over seeded random problems', () => {
  it('places everyone present once per round, nobody absent, every room within bounds', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const problem = randomProblem(seed);
      const schedule = allocateBreakoutRooms(problem, options(seed));
      assert.deepEqual(validityProblems(problem, schedule.rounds), [], `seed ${seed}`);
      assert.deepEqual(schedule.score, scoreSchedule(problem, schedule.rounds), `seed ${seed}`);
    }
  });

  it('gives the same schedule for the same seed', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const problem = randomProblem(1000 + seed);
      const first = allocateBreakoutRooms(problem, options(seed));
      const second = allocateBreakoutRooms(problem, options(seed));
      assert.deepEqual(first.rounds, second.rounds, `seed ${seed}`);
    }
  });

  it('returns at once when nothing better exists', () => {
    const problem: BreakoutProblem = {
      rounds: 4,
      roomSize: { min: 4, max: 4 },
      people: Array.from({ length: 16 }, (_, i) => ({ id: `g${i}` })),
      apart: [],
      history: [],
    };
    const schedule = allocateBreakoutRooms(problem, {
      seed: 1,
      timeLimitMs: 60_000,
      now: fakeClock(),
    });
    assert.equal(schedule.score.repeatPairs, 0);
    assert.ok(schedule.elapsedMs < 1000);
  });
});

/** A round of a random problem re-planned after random drop-outs and late joiners. */
function randomReplan(seed: number): { input: ReplanRoundInput; problem: BreakoutProblem } {
  const problem = randomProblem(seed);
  const random = mulberry32(seed * 7 + 1);
  const schedule = allocateBreakoutRooms(problem, { ...options(seed), maxIterations: 20 });
  const r = Math.floor(random() * problem.rounds);
  const rooms = schedule.rounds[r]!;
  const seated = new Set(rooms.flat());
  const dropRate = random() * 0.4;
  const absent = [...seated].filter(() => random() < dropRate);
  const joined = problem.people.map((p) => p.id).filter((id) => !seated.has(id) && random() < 0.8);
  const newcomers = Array.from({ length: Math.floor(random() * 6) }, (_, i) => ({
    id: `new${i}`,
    government: `G${i}`,
    role: 'r1',
  }));
  return {
    problem,
    input: {
      people: [...problem.people, ...newcomers],
      roomSize: problem.roomSize,
      apart: problem.apart,
      otherRounds: [...problem.history, ...schedule.rounds.filter((_, k) => k !== r)],
      rooms,
      absent,
      joined: [...joined, ...newcomers.map((person) => person.id)],
    },
  };
}

describe('replanRound over seeded random rounds', () => {
  it('keeps rooms that still work, drops the absent, seats joiners, stays within bounds', () => {
    let replanned = 0;
    for (let seed = 1; seed <= 80; seed++) {
      const { input } = randomReplan(seed);
      const { min, max } = input.roomSize;
      const absent = new Set(input.absent);
      const expected = new Set(
        [...input.rooms.flat(), ...input.joined].filter((id) => !absent.has(id)),
      );
      if (roomSizesFor(expected.size, min, max) === null) {
        assert.throws(() => replanRound(input, options(seed)), ReplanRoundError, `seed ${seed}`);
        continue;
      }
      replanned++;
      const result = replanRound(input, options(seed));
      const placed = result.rooms.flat();
      assert.equal(placed.length, new Set(placed).size, `seed ${seed}: someone placed twice`);
      assert.deepEqual(new Set(placed), expected, `seed ${seed}`);
      for (const room of result.rooms)
        assert.ok(room.length >= min && room.length <= max, `seed ${seed}: ${room.length}`);
      const moved = new Set(result.moved);
      result.from.forEach((k, index) => {
        if (k < 0) return;
        for (const id of input.rooms[k]!)
          if (!absent.has(id) && !moved.has(id))
            assert.ok(result.rooms[index]!.includes(id), `seed ${seed}: ${id} left its room`);
      });
      // Nobody moves when every room still works and the joiners fit in the free places.
      const remaining = input.rooms.map((room) => room.filter((id) => !absent.has(id)).length);
      const joiners = expected.size - remaining.reduce((sum, size) => sum + size, 0);
      const free = remaining.reduce((sum, size) => sum + max - size, 0);
      if (remaining.every((size) => size >= min && size <= max) && joiners <= free)
        assert.deepEqual(result.moved, [], `seed ${seed}`);
      assert.deepEqual(
        replanRound(input, options(seed)),
        result,
        `seed ${seed}: not deterministic`,
      );
    }
    assert.ok(replanned > 40);
  });

  it('refills a room that falls below the minimum by moving as few people as possible', () => {
    const people = Array.from({ length: 13 }, (_, i) => ({ id: `p${i}` }));
    const rooms = [
      ['p0', 'p1', 'p2', 'p3', 'p4'],
      ['p5', 'p6', 'p7', 'p8'],
      ['p9', 'p10', 'p11', 'p12'],
    ];
    const result = replanRound(
      { people, roomSize: { min: 4, max: 5 }, otherRounds: [], rooms, absent: ['p5'], joined: [] },
      options(1),
    );
    assert.equal(result.moved.length, 1);
    assert.ok(result.moved[0]!.match(/^p[0-4]$/));
    assert.deepEqual(result.from, [0, 1, 2]);
  });
});

describe('affineRounds', () => {
  it('never seats the same two people together twice', () => {
    for (const [rooms, size] of [
      [8, 4],
      [5, 3],
      [7, 7],
      [16, 4],
      [4, 2],
    ] as const) {
      const order = Int32Array.from({ length: rooms * size }, (_, i) => i);
      const rounds = affineRounds(rooms, size, rooms + 1, order);
      assert.equal(rounds.length, rooms % size === 0 ? rooms + 1 : rooms);
      const met = new Set<string>();
      for (const round of rounds) {
        assert.deepEqual(
          round.flat().sort((a, b) => a - b),
          [...order],
        );
        for (const room of round) {
          assert.equal(room.length, size);
          for (const a of room)
            for (const b of room)
              if (a < b) {
                assert.ok(!met.has(`${a}-${b}`), `${rooms}-${size}: ${a} and ${b} meet twice`);
                met.add(`${a}-${b}`);
              }
        }
      }
    }
  });

  it('does not apply when there are more people per room than rooms, or rooms are not a prime power', () => {
    assert.deepEqual(affineRounds(3, 4, 3, new Int32Array(12)), []);
    assert.deepEqual(affineRounds(10, 4, 3, new Int32Array(40)), []);
  });
});
