import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { checkProblem } from '../../src/domain/breakouts/breakout-problem.ts';
import { isValid, scoreSchedule } from '../../src/domain/breakouts/score-schedule.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLE = join(ROOT, 'test/fixtures/breakouts/sgp-5-3-7.json');
const STACK_TRACE = /^\s+at .+:\d+:\d+\)?$/m;

function convene(args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/convene.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('convene breakouts solve', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'convene-breakouts-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a valid schedule with its score on standard output', () => {
    const { status, stdout, stderr } = convene([
      'breakouts',
      'solve',
      '--input',
      EXAMPLE,
      '--time-limit-ms',
      '3000',
      '--seed',
      '2',
    ]);
    assert.equal(status, 0, stderr);
    const schedule = JSON.parse(stdout) as { rounds: string[][][]; score: unknown };
    const checked = checkProblem(JSON.parse(readFileSync(EXAMPLE, 'utf8')));
    assert.ok(checked.ok);
    assert.ok(isValid(checked.problem, schedule.rounds));
    assert.deepEqual(schedule.score, scoreSchedule(checked.problem, schedule.rounds));
    assert.match(stderr, /Allocating 15 people over 7 rounds/);
  });

  it('writes to --output and gives the same schedule for the same seed', () => {
    const first = join(dir, 'first.json');
    const second = join(dir, 'second.json');
    for (const output of [first, second]) {
      const run = convene([
        'breakouts',
        'solve',
        '--input',
        EXAMPLE,
        '--output',
        output,
        '--seed',
        '1',
      ]);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout, '');
    }
    const rounds = (file: string) =>
      (JSON.parse(readFileSync(file, 'utf8')) as { rounds: unknown }).rounds;
    assert.deepEqual(rounds(first), rounds(second));
  });

  for (const [name, content, message] of [
    ['broken.json', '{"rounds": 2,', /broken\.json: not valid JSON/],
    [
      'seven.json',
      JSON.stringify({
        rounds: 1,
        roomSize: { min: 4, max: 4 },
        people: ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => ({ id })),
      }),
      /seven\.json: round 0: 7 people are present, which cannot be split into rooms of exactly 4\./,
    ],
    [
      'empty.json',
      JSON.stringify({ rounds: 2, roomSize: { min: 2, max: 3 }, people: [] }),
      /empty\.json: "people" must be a non-empty list\./,
    ],
    [
      'twice.json',
      JSON.stringify({
        rounds: 1,
        roomSize: { min: 2, max: 2 },
        people: [{ id: 'a' }, { id: 'b' }, { id: 'a' }, { id: 'c' }],
      }),
      /twice\.json: person 3: the id "a" is used twice\./,
    ],
    [
      'apart.json',
      JSON.stringify({
        rounds: 1,
        roomSize: { min: 2, max: 2 },
        people: [{ id: 'a' }, { id: 'b' }],
        apart: [['a', 'zz']],
      }),
      /apart\.json: apart pair 1 names an unknown id "zz"\./,
    ],
    [
      'history.json',
      JSON.stringify({
        rounds: 1,
        roomSize: { min: 2, max: 2 },
        people: [{ id: 'a' }, { id: 'b' }],
        history: [[['a', 'b', 'p9']]],
      }),
      /history\.json: "history" names an unknown id: "p9"\. Use only the ids of "people"\./,
    ],
  ] as const) {
    it(`exits with code 2 and one line for ${name}`, () => {
      const file = join(dir, name);
      writeFileSync(file, content);
      const { status, stdout, stderr } = convene(['breakouts', 'solve', '--input', file]);
      assert.equal(status, 2);
      assert.equal(stdout, '');
      assert.match(stderr, message);
      assert.equal(stderr.trim().split('\n').length, 1, stderr);
      assert.doesNotMatch(stderr, STACK_TRACE);
    });
  }

  it('exits with code 2 for a missing file', () => {
    const { status, stderr } = convene(['breakouts', 'solve', '--input', join(dir, 'none.json')]);
    assert.equal(status, 2);
    assert.match(stderr, /none\.json: there is no such file/);
  });
});
