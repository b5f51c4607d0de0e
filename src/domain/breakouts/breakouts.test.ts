import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { describe, it } from 'node:test';
import { allocateBreakoutRooms, mulberry32 } from './allocate-breakout-rooms.ts';
import { checkProblem, type BreakoutProblem } from './breakout-problem.ts';
import { compareScores, isValid, scoreSchedule, validityProblems } from './score-schedule.ts';

const ids = (count: number, prefix = 'p') =>
  Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(3, '0')}`);

function golfers(groups: number, size: number, weeks: number): BreakoutProblem {
  return {
    rounds: weeks,
    roomSize: { min: size, max: size },
    people: ids(groups * size).map((id) => ({ id })),
    apart: [],
    history: [],
  };
}

/** A random convening that `checkProblem` accepts. */
function randomConvening(seed: number): BreakoutProblem {
  const random = mulberry32(seed);
  const pick = <T>(values: T[]): T => values[Math.floor(random() * values.length)] as T;
  const min = 3 + Math.floor(random() * 3);
  const max = min + Math.floor(random() * 3);
  const rounds = 1 + Math.floor(random() * 5);
  const count = max + Math.floor(random() * 60);
  const people = ids(count).map((id) => ({
    id,
    government: pick(['EE', 'KE', 'JP', 'BR', 'NZ']),
    role: pick(['engineer', 'minister', 'designer']),
    maturity: pick(['starting', 'momentum']),
    absent: random() < 0.2 ? [Math.floor(random() * rounds)] : [],
  }));
  const raw = { rounds, roomSize: { min, max }, people, apart: [[people[0]!.id, people[1]!.id]] };
  const checked = checkProblem(raw);
  return checked.ok ? checked.problem : randomConvening(seed + 1000);
}

const fakeClock = () => {
  let t = 0;
  return () => (t += 1);
};

describe('checkProblem', () => {
  it('lists every problem in plain words', () => {
    const result = checkProblem({
      rounds: 0,
      roomSize: { min: 5, max: 3 },
      people: [{ id: 'a', absent: [-1] }, { id: 'a' }, {}],
      apart: [['a', 'zz']],
    });
    assert.equal(result.ok, false);
    const text = result.ok ? '' : result.problems.join('\n');
    assert.match(text, /"rounds" must be a whole number of at least 1/);
    assert.match(text, /"roomSize.min" \(5\) is larger than "roomSize.max" \(3\)/);
    assert.match(text, /the id "a" is used twice/);
    assert.match(text, /person 3 has no "id"/);
    assert.match(text, /absent round -1 is out of range/);
    assert.match(text, /unknown id "zz"/);
  });

  it('rejects a round that cannot be split, naming it', () => {
    const people = ids(8).map((id, i) => ({ id, absent: i === 0 ? [1] : [] }));
    const result = checkProblem({ rounds: 2, roomSize: { min: 4, max: 4 }, people });
    assert.deepEqual(result.ok ? [] : result.problems, [
      'round 1: 7 people are present, which cannot be split into rooms of exactly 4.',
    ]);
  });

  it('accepts a well-formed problem', () => {
    const result = checkProblem({
      rounds: 2,
      roomSize: { min: 2, max: 3 },
      people: ids(5).map((id) => ({ id })),
    });
    assert.equal(result.ok, true);
  });
});

describe('scoreSchedule', () => {
  it('counts every component on a hand-made case', () => {
    const problem: BreakoutProblem = {
      rounds: 2,
      roomSize: { min: 2, max: 2 },
      people: [
        { id: 'a', government: 'EE', role: 'engineer', maturity: 'starting' },
        { id: 'b', government: 'EE', role: 'engineer', maturity: 'starting' },
        { id: 'c', government: 'KE', role: 'minister', maturity: 'momentum' },
        { id: 'd', government: 'JP', role: 'engineer', maturity: 'momentum' },
      ],
      apart: [['a', 'b']],
      history: [[['c', 'd']]],
    };
    const rounds = [
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ];
    assert.ok(isValid(problem, rounds));
    assert.deepEqual(scoreSchedule(problem, rounds), {
      apartViolations: 2,
      repeatPairs: 3, // a-b twice (1 repeat), c-d in history and twice more (2 repeats)
      sameGovernmentPairs: 2,
      roomsWithoutMaturityMix: 4,
      duplicateRolePairs: 2,
    });
  });

  it('finds broken hard rules', () => {
    const problem = golfers(2, 2, 1);
    problem.people[0]!.absent = [0];
    const problems = validityProblems(problem, [[['p001', 'p002', 'p003']]]);
    assert.ok(problems.some((line) => line.includes('"p001" is absent but placed')));
    assert.ok(problems.some((line) => line.includes('"p004" is not placed')));
    assert.ok(problems.some((line) => line.includes('3 people, not 2 to 2')));
  });

  it('compares lexicographically in the contract order', () => {
    const zero = {
      apartViolations: 0,
      repeatPairs: 0,
      sameGovernmentPairs: 0,
      roomsWithoutMaturityMix: 0,
      duplicateRolePairs: 0,
    };
    assert.ok(compareScores({ ...zero, repeatPairs: 1 }, { ...zero, sameGovernmentPairs: 99 }) > 0);
    assert.ok(
      compareScores({ ...zero, duplicateRolePairs: 1 }, { ...zero, roomsWithoutMaturityMix: 1 }) <
        0,
    );
    assert.equal(compareScores(zero, { ...zero }), 0);
  });
});

describe('allocateBreakoutRooms', () => {
  it('keeps every hard rule over many seeded inputs', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const problem = randomConvening(seed);
      const schedule = allocateBreakoutRooms(problem, { seed, timeLimitMs: 20, now: fakeClock() });
      assert.deepEqual(validityProblems(problem, schedule.rounds), [], `seed ${seed}`);
      assert.deepEqual(schedule.score, scoreSchedule(problem, schedule.rounds), `seed ${seed}`);
    }
  });

  it('gives the same schedule for the same seed', () => {
    const problem = randomConvening(7);
    const run = (seed: number) =>
      allocateBreakoutRooms(problem, { seed, timeLimitMs: 30, now: fakeClock() }).rounds;
    assert.deepEqual(run(3), run(3));
  });

  it('keeps apart pairs apart when it can', () => {
    const problem = golfers(3, 2, 1);
    problem.apart = [
      ['p001', 'p002'],
      ['p001', 'p003'],
      ['p002', 'p003'],
    ];
    const schedule = allocateBreakoutRooms(problem, { seed: 1, timeLimitMs: 50, now: fakeClock() });
    assert.equal(schedule.score.apartViolations, 0);
  });

  it('solves the Social Golfer 5-3-7 (Kirkman) with no repeats within 5 s', () => {
    const problem = golfers(5, 3, 7);
    for (const seed of [1, 2, 3]) {
      const schedule = allocateBreakoutRooms(problem, {
        seed,
        timeLimitMs: 5000,
        now: () => performance.now(),
      });
      assert.ok(isValid(problem, schedule.rounds));
      assert.equal(schedule.score.repeatPairs, 0, `seed ${seed}`);
      assert.ok(schedule.elapsedMs < 5000);
    }
  });
});
