/**
 * Runs Convene's checks, in order, stopping at the first failing step:
 * typecheck, lint, then one node:test run over the unit, integration and browser tests.
 *
 *   node scripts/test.mjs                       everything (what `npm test` and CI run)
 *   node scripts/test.mjs unit|integration|browser   only those tests (one or more kinds)
 *   node scripts/test.mjs path/to/x.test.ts     only those test files or folders
 *
 * Suites whose service is missing (PostgreSQL, Redis, nginx, Chromium) skip themselves and are named
 * plainly before and after the run; with CONVENE_REQUIRE_SERVICES=1 a missing service
 * fails the run instead, so CI can never pass by skipping.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import pg from 'pg';
import { Redis } from 'ioredis';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
// The same as test/support/nginx.ts: the load balancer of the scale-out test, Debian's nginx.
const NGINX = '/usr/sbin/nginx';
/** The test files that need nginx (besides PostgreSQL). */
const NGINX_SUITES = [join('test', 'integration', 'live-scale-out.test.ts')];
// The same default as test/support/databases.ts, so the runner and the suites agree.
const POSTGRES_URL =
  process.env.CONVENE_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const servicesRequired = process.env.CONVENE_REQUIRE_SERVICES === '1';
// The same default as test/support/redis.ts.
const REDIS_URL = process.env.CONVENE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** The test files that need Redis. */
const REDIS_SUITES = [join('test', 'integration', 'rate-limits-shared.test.ts')];
// A backstop against a hung test file (a server that never stops, a browser that never
// closes): in Node 20 --test-timeout limits each test file as a whole.
const FILE_TIMEOUT_MS = 5 * 60 * 1000;
// Test files run two at a time: on two cores three at a time took no less time (the browser
// journeys keep the processor busy) and made timing-sensitive tests wait longer.
// CONVENE_TEST_CONCURRENCY changes it (1 runs one file at a time, to read a failure alone).
const CONCURRENCY = (() => {
  const asked = process.env.CONVENE_TEST_CONCURRENCY;
  if (asked === undefined || asked === '') return 2;
  if (!/^[1-9]\d?$/.test(asked)) {
    console.error(`CONVENE_TEST_CONCURRENCY must be a whole number from 1 to 99, not "${asked}".`);
    process.exit(2);
  }
  return Number(asked);
})();

/** Where each kind of test lives, and the services its suites need. */
const KINDS = {
  unit: { folder: 'src', needs: [] },
  integration: { folder: join('test', 'integration'), needs: ['postgresql'] },
  browser: { folder: join('test', 'e2e'), needs: ['chromium'] },
};

/** Lists the *.test.ts files under a folder of the repository, relative to its root. */
function findTestFiles(folder) {
  const absolute = resolve(ROOT, folder);
  if (!existsSync(absolute)) return [];
  if (statSync(absolute).isFile()) return [relative(ROOT, absolute)];
  return readdirSync(absolute, { recursive: true })
    .filter((name) => name.endsWith('.test.ts') && !name.split(sep).includes('node_modules'))
    .map((name) => relative(ROOT, join(absolute, name)))
    .sort();
}

/** Says which kind of test a file is, from the folder it lives in. */
function kindOf(file) {
  for (const [kind, { folder }] of Object.entries(KINDS)) {
    if (file === folder || file.startsWith(folder + sep)) return kind;
  }
  return 'unit';
}

/** Turns the command-line arguments into the test files to run. */
function selectTestFiles(args) {
  if (args.length === 0) return Object.values(KINDS).flatMap(({ folder }) => findTestFiles(folder));
  const files = [];
  for (const arg of args) {
    if (arg in KINDS) files.push(...findTestFiles(KINDS[arg].folder));
    else if (existsSync(resolve(ROOT, arg))) files.push(...findTestFiles(arg));
    else {
      console.error(
        `"${arg}" is neither a kind of test (unit, integration, browser) nor a test file or folder.`,
      );
      process.exit(2);
    }
  }
  return [...new Set(files)];
}

/** Answers whether PostgreSQL accepts connections, and where it was looked for. */
async function checkPostgres() {
  const url = new URL(POSTGRES_URL);
  const where = `${url.hostname}:${url.port || '5432'}`;
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return { available: true, where };
  } catch {
    return { available: false, where };
  } finally {
    await client.end().catch(() => {});
  }
}

/** Answers whether Redis answers PING, and where it was looked for. */
async function checkRedis() {
  const url = new URL(REDIS_URL);
  const where = `${url.hostname}:${url.port || '6379'}`;
  const client = new Redis(REDIS_URL, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 10_000,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return { available: (await client.ping()) === 'PONG', where };
  } catch {
    return { available: false, where };
  } finally {
    client.disconnect();
  }
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Checks the services the selected tests need; answers what will be skipped and what is missing. */
async function checkServices(files) {
  const kinds = new Set(files.map(kindOf));
  const missing = [];
  if (kinds.has('integration')) {
    const postgres = await checkPostgres();
    if (!postgres.available) {
      missing.push({
        skipped: `SKIPPED: PostgreSQL integration suites (PostgreSQL not reachable at ${postgres.where})`,
        required: `FAILED: PostgreSQL is not reachable at ${postgres.where}, and CONVENE_REQUIRE_SERVICES=1 requires it.`,
      });
    }
  }
  if (files.some((file) => NGINX_SUITES.includes(file)) && !isExecutable(NGINX)) {
    missing.push({
      skipped: `SKIPPED: the scale-out suite (nginx not found at ${NGINX}; install it with: apt-get install nginx)`,
      required: `FAILED: nginx is not installed at ${NGINX}, and CONVENE_REQUIRE_SERVICES=1 requires it.`,
    });
  }
  if (files.some((file) => REDIS_SUITES.includes(file))) {
    const redis = await checkRedis();
    if (!redis.available)
      missing.push({
        skipped: `SKIPPED: the shared rate-limit suite (Redis not reachable at ${redis.where})`,
        required: `FAILED: Redis is not reachable at ${redis.where}, and CONVENE_REQUIRE_SERVICES=1 requires it.`,
      });
  }
  if (kinds.has('browser') && !isExecutable(CHROMIUM)) {
    missing.push({
      skipped: `SKIPPED: browser tests (Chromium not found at ${CHROMIUM}; install it with: apt-get install chromium)`,
      required: `FAILED: Chromium is not installed at ${CHROMIUM}, and CONVENE_REQUIRE_SERVICES=1 requires it.`,
    });
  }
  return missing;
}

/** Runs one step with its output shown as it comes; answers whether it passed. */
function runStep(title, command, args) {
  console.log(`\n== ${title}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.error) console.error(`Could not run ${command}: ${result.error.message}`);
  return result.status === 0;
}

/** Runs the test files in one node:test run, echoing its output and keeping it for the counts. */
function runTests(files) {
  const args = [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${CONCURRENCY}`,
    '--test-reporter=spec',
    `--test-timeout=${FILE_TIMEOUT_MS}`,
    ...files,
  ];
  console.log(`\n== Tests: node ${args.slice(0, -files.length).join(' ')} (${files.length} files)`);
  const env = { ...process.env, NODE_ENV: 'test' };
  // The output goes through a pipe to be counted; keep the colours on a terminal.
  if (process.stdout.isTTY && env.FORCE_COLOR === undefined && env.NO_COLOR === undefined) {
    env.FORCE_COLOR = '1';
  }
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout.setEncoding('utf8');
  let output = '';
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    output += chunk;
  });
  return new Promise((done) => {
    child.on('error', (error) => {
      console.error(`Could not start the test run: ${error.message}`);
      done({ code: 1, output });
    });
    child.on('close', (code) => done({ code: code ?? 1, output }));
  });
}

/**
 * Reads the counts from the spec reporter's closing lines (ℹ pass N, ℹ fail N, ...).
 * Cancelled tests (a failed `before` hook, a timed-out file) count as failed. A skipped
 * suite is not in Node's own "skipped" count, so skipped also counts each "﹣ name (…ms)"
 * line, which the reporter prints once per skipped test or suite.
 */
function readCounts(output) {
  const text = stripVTControlCharacters(output);
  const last = (name) => {
    const matches = [...text.matchAll(new RegExp(`^ℹ ${name} (\\d+)$`, 'gm'))];
    const match = matches.at(-1);
    return match ? Number(match[1]) : undefined;
  };
  const pass = last('pass');
  const fail = last('fail');
  const cancelled = last('cancelled');
  const skipped = last('skipped');
  const todo = last('todo');
  if ([pass, fail, cancelled, skipped].includes(undefined)) return undefined;
  const skippedLines = text.match(/^\s*﹣ .* \(\d+(\.\d+)?ms\)/gm)?.length ?? 0;
  return {
    passed: pass,
    failed: fail + cancelled,
    skipped: Math.max(skipped, skippedLines),
    todo: todo ?? 0,
  };
}

function printSkipped(missing) {
  for (const { skipped } of missing) console.log(skipped);
}

async function main() {
  const args = process.argv.slice(2);
  const files = selectTestFiles(args);

  if (args.length === 0) {
    if (!runStep('Typecheck', 'npx', ['tsc', '--noEmit'])) return fail('the typecheck');
    if (!runStep('Lint', 'npx', ['eslint', '--max-warnings=0', '.'])) return fail('the lint');
    if (!runStep('Format', 'npx', ['prettier', '--check', '.'])) return fail('the format check');
  }

  const missing = await checkServices(files);
  if (missing.length > 0 && servicesRequired) {
    for (const { required } of missing) console.error(required);
    return 1;
  }
  console.log('');
  if (missing.length > 0) printSkipped(missing);
  else console.log('All services the selected tests need are available.');

  if (files.length === 0) {
    console.log('\nNo test files found.\n0 passed, 0 failed, 0 skipped');
    return 0;
  }

  const { code, output } = await runTests(files);
  const counts = readCounts(output);
  console.log('');
  if (!counts) {
    console.log(`Could not read the test counts from the output (the run exited with ${code}).`);
    return 1;
  }
  console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  if (counts.todo > 0) console.log(`(${counts.todo} marked todo, not counted above)`);
  printSkipped(missing);
  return code !== 0 || counts.failed > 0 ? 1 : 0;
}

function fail(step) {
  console.error(`\nFAILED: ${step}. Fix it and run npm test again.`);
  return 1;
}

process.exitCode = await main();
