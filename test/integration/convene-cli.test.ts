import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { describeEachDatabase } from '../support/databases.ts';
import { LATEST_MIGRATION } from '../support/migrations.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `convene` as people do, through the bin shim, in a process of its own. */
function convene(args: string[], env: Record<string, string>) {
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  delete inherited.CONVENE_DATA_DIR;
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/convene.js'), ...args], {
    cwd: ROOT,
    env: { ...inherited, NODE_ENV: 'test', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** What a stack trace looks like in Node's output. */
const STACK_TRACE = /^\s+at .+:\d+:\d+\)?$/m;

describe('the convene command', () => {
  let dataDir: string;
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'convene-cli-'));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  for (const [args, usage] of [
    [['--help'], 'Usage: convene [options] [command]'],
    [['programme', '--help'], 'Usage: convene programme [options] [command]'],
    [['programme', 'import', '--help'], 'Usage: convene programme import [options] <file>'],
    [['migrate', '--help'], 'Usage: convene migrate [options]'],
    [['serve', '--help'], 'Usage: convene serve [options]'],
  ] as const) {
    it(`explains itself with "convene ${args.join(' ')}"`, () => {
      const result = convene([...args], { CONVENE_DATA_DIR: dataDir });
      assert.equal(result.status, 0, result.stderr);
      assert.ok(result.stdout.startsWith(usage), result.stdout);
    });
  }

  it('names the options of an import in its help', () => {
    const { stdout } = convene(['programme', 'import', '--help'], { CONVENE_DATA_DIR: dataDir });
    assert.match(stdout, /--edition <slug>/);
    assert.match(stdout, /--dry-run/);
  });

  it('answers an unknown command with its usage and exit code 2', () => {
    const result = convene(['publish'], { CONVENE_DATA_DIR: dataDir });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /unknown command 'publish'/);
  });

  it('stops with exit code 2 and the plain message of a configuration error', () => {
    const result = convene(['migrate'], { CONVENE_DATA_DIR: dataDir, PORT: 'eighty' });
    assert.equal(result.status, 2);
    assert.equal(
      result.stderr,
      'convene: PORT="eighty" is not allowed: a whole number from 1 to 65535.\n',
    );
  });
});

describeEachDatabase('importing a programme with the convene command', (database) => {
  let workDir: string;
  const run = (args: string[]) => convene(args, database().env);
  before(() => {
    workDir = mkdtempSync(join(tmpdir(), 'convene-cli-files-'));
  });
  after(() => rmSync(workDir, { recursive: true, force: true }));

  const countSessions = async () => {
    const row = await database()
      .connection.db.selectFrom('sessions')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it('brings the database up to date and prints its version', () => {
    const result = run(['migrate']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`is up to date: migration ${LATEST_MIGRATION}\\.`));
  });

  it('imports the sample CSV of sessions into the edition that the sample JSON creates', () => {
    const json = run(['programme', 'import', 'docs/samples/programme.json']);
    assert.equal(json.status, 0, json.stderr);
    assert.match(json.stdout, /^Imported programme\.json:$/m);
    assert.match(json.stdout, /^ {2}editions: 1 created, 0 updated, 0 unchanged$/m);
    assert.match(json.stderr, /Reading programme\.json…/);

    const csv = run([
      'programme',
      'import',
      'docs/samples/programme-sessions.csv',
      '--edition',
      'dsc-2021',
    ]);
    assert.equal(csv.status, 0, csv.stderr);
    assert.match(csv.stdout, /^ {2}sessions: 5 created, 0 updated, 0 unchanged$/m);
    assert.match(csv.stdout, /^ {2}days: 2 created, 0 updated, 1 unchanged$/m);
  });

  it('checks a file without writing it on a dry run', async () => {
    const before = await countSessions();
    const result = run([
      'programme',
      'import',
      'docs/samples/programme-sessions.csv',
      '--edition',
      'dsc-2021',
      '--dry-run',
    ]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(
      result.stdout,
      /^Dry run: programme-sessions\.csv is correct, and nothing was written\./,
    );
    assert.match(result.stdout, /sessions: 0 created, 0 updated, 5 unchanged/);
    assert.equal(await countSessions(), before);
  });

  it('refuses a bad CSV with exit code 2, listing every problem by row and column, without a stack trace', async () => {
    const file = join(workDir, 'bad-sessions.csv');
    writeFileSync(
      file,
      [
        'date,title,format,start_time,end_time,speakers,themes',
        '2021-11-17,Good session,talk,09:00,10:00,kadri.tamm@example.org,Vendor lock-in and budgets',
        '2021-11-17,Late start,talk,9am,10:00,,',
        '2021-11-17,"A title, with a comma",lecture,11:00,12:00,nobody@example.org,Unknown theme',
      ].join('\n'),
    );
    const before = await countSessions();
    const result = run(['programme', 'import', file, '--edition', 'dsc-2021']);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    const lines = result.stderr.split('\n');
    assert.ok(
      lines.includes('bad-sessions.csv has 4 problems, so nothing was imported:'),
      result.stderr,
    );
    for (const expected of [
      /^ {2}row 3, column start_time: Enter the start time/,
      /^ {2}row 4, column format: Format "lecture" is not one we know/,
      /^ {2}row 4, column speakers: Nobody with the email nobody@example\.org/,
      /^ {2}row 4, column themes: This edition has no theme "Unknown theme"/,
    ]) {
      assert.ok(
        lines.some((line) => expected.test(line)),
        `no line matches ${String(expected)} in:\n${result.stderr}`,
      );
    }
    assert.doesNotMatch(result.stderr, STACK_TRACE);
    assert.equal(await countSessions(), before);
  });

  it('reports a JSON syntax error at its line and column with exit code 2', () => {
    const file = join(workDir, 'broken.json');
    writeFileSync(file, '{\n  "editions": [\n    { "slug": "dsc-2021", }\n  ]\n}\n');
    const result = run(['programme', 'import', file]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^ {2}line 3, column 27: The file is not valid JSON: /m);
    assert.doesNotMatch(result.stderr, STACK_TRACE);
  });

  it('says plainly when the file does not exist', () => {
    const result = run([
      'programme',
      'import',
      join(workDir, 'missing.csv'),
      '--edition',
      'dsc-2021',
    ]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^missing\.csv: there is no such file\.$/m);
    assert.doesNotMatch(result.stderr, STACK_TRACE);
  });
});
