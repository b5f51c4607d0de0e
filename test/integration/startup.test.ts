import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startServer, type RunningServer } from '../e2e/support/server.ts';
import {
  createTestDatabase,
  isPostgresReachable,
  servicesRequired,
  type TestDatabase,
} from '../support/databases.ts';
import { LATEST_MIGRATION } from '../support/migrations.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('starting Convene as the README says', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => server.stop());

  it('creates the SQLite database and loads the demo convening on first start', async () => {
    const health = await fetch(`${server.url}/healthz`);
    assert.deepEqual(await health.json(), {
      status: 'ok',
      database: 'sqlite',
      migration: LATEST_MIGRATION,
    });
    const programme = await (await fetch(`${server.url}/programme`)).text();
    assert.match(programme, /<h1>Digital Services Convening 2020<\/h1>/);
    assert.match(programme, /Day 1: NOW[\s\S]*Day 2: LATER[\s\S]*Day 3: NEXT/);
    const editions = await (await fetch(`${server.url}/editions`)).text();
    assert.match(editions, /Digital Services Convening 2019[\s\S]*Boston[\s\S]*Archived/);
    assert.match(editions, /Digital Services Convening 2018/);
  });
});

describe('starting Convene on PostgreSQL', () => {
  let database: TestDatabase | undefined;
  let server: RunningServer | undefined;
  before(async () => {
    if (!(await isPostgresReachable())) {
      if (servicesRequired)
        throw new Error('PostgreSQL is not reachable, and CONVENE_REQUIRE_SERVICES=1 requires it.');
      return;
    }
    database = await createTestDatabase('postgresql');
    server = await startServer({
      env: {
        DATABASE_URL: database.env.DATABASE_URL!,
        CONVENE_DEMO: 'on',
        // Mail goes to an SMTP server (none listens there; nothing is queued), not the outbox.
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: '2',
      },
    });
  });
  after(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('uses the database named by DATABASE_URL and loads the demo there when asked', async (t) => {
    if (!server) return t.skip('PostgreSQL is not reachable at 127.0.0.1:5432');
    const health = await (await fetch(`${server.url}/healthz`)).json();
    assert.deepEqual(health, { status: 'ok', database: 'postgresql', migration: LATEST_MIGRATION });
    const programme = await (await fetch(`${server.url}/programme`)).text();
    assert.match(programme, /Digital Services Convening 2020/);
    assert.doesNotMatch(programme, /Development mode/, 'no outbox banner when mail is sent');
    const organize = await fetch(`${server.url}/organize`, { redirect: 'manual' });
    assert.equal(organize.status, 303, 'a signed-out visitor is asked to sign in');
    assert.equal(organize.headers.get('location'), '/sign-in');
  });
});

describe('refusing a configuration it cannot use', () => {
  const start = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_TEST_CONTEXT: undefined,
        CONVENE_DATA_DIR: '/nonexistent/never-created',
        ...env,
      },
      encoding: 'utf8',
      timeout: 30_000,
    });

  for (const [variable, value, message] of [
    ['PORT', 'eighty', /PORT="eighty" is not allowed: a whole number from 1 to 65535/],
    [
      'DATABASE_URL',
      'mysql://localhost/convene',
      /DATABASE_URL="mysql:\/\/localhost\/convene" is not allowed/,
    ],
    ['CONVENE_DEMO', 'perhaps', /CONVENE_DEMO="perhaps" is not allowed: use on or off/],
  ] as const) {
    it(`stops with a message naming ${variable}, its value and what is allowed`, () => {
      const result = start({ [variable]: value });
      assert.equal(result.status, 2);
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    });
  }
});
