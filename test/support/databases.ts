import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import {
  migrateToLatest,
  openDatabase,
  type DatabaseConnection,
} from '../../src/adapters/db/database.ts';

/** The PostgreSQL server the integration tests use; each run makes its own database on it. */
export const POSTGRES_ADMIN_URL =
  process.env.CONVENE_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** Whether a missing service must fail the run (CI) instead of skipping its suite (a laptop). */
export const servicesRequired = process.env.CONVENE_REQUIRE_SERVICES === '1';

let postgresReachable: Promise<boolean> | undefined;

/** Answers once per process whether PostgreSQL accepts connections. */
export function isPostgresReachable(): Promise<boolean> {
  postgresReachable ??= (async () => {
    const client = new pg.Client({
      connectionString: POSTGRES_ADMIN_URL,
      // Generous: on a busy machine a first connection can take seconds, and a slow answer
      // must not read as "not there" (the suite would be skipped, or fail under CI).
      connectionTimeoutMillis: 10_000,
    });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return postgresReachable;
}

/** A fresh, migrated database of one kind, and how to throw it away. */
export interface TestDatabase {
  connection: DatabaseConnection;
  /** The address a separate process would use: a file for SQLite, a URL for PostgreSQL. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** Creates an empty database of the kind, migrated to the latest version. */
export async function createTestDatabase(kind: 'sqlite' | 'postgresql'): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'convene-test-'));
    const file = join(dir, 'convene.sqlite');
    const connection = openDatabase({ kind: 'sqlite', file });
    await migrateToLatest(connection.db);
    return {
      connection,
      env: { CONVENE_DATA_DIR: dir },
      drop: async () => {
        await connection.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `convene_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  const connection = openDatabase({ kind: 'postgresql', url: url.toString() });
  await migrateToLatest(connection.db);
  return {
    connection,
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      await connection.close();
      const cleanup = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** Checked once when a test file loads, so suites can be declared synchronously. */
const postgresAvailable = await isPostgresReachable();

/**
 * Runs a suite once per database kind: SQLite always, PostgreSQL when reachable. Without
 * PostgreSQL the suite is skipped with a plain reason, or fails when services are required.
 */
export function describeEachDatabase(title: string, suite: (db: () => TestDatabase) => void): void {
  for (const kind of ['sqlite', 'postgresql'] as const) {
    if (kind === 'postgresql' && !postgresAvailable) {
      if (servicesRequired) {
        describe(`${title} [postgresql]`, () => {
          before(() => {
            throw new Error(
              `PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL}, and CONVENE_REQUIRE_SERVICES=1 requires it.`,
            );
          });
          it('needs PostgreSQL', () => {});
        });
      } else {
        describe(
          `${title} [postgresql]`,
          { skip: `PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL}` },
          () => {},
        );
      }
      continue;
    }
    describe(`${title} [${kind}]`, () => {
      let database: TestDatabase | undefined;
      before(async () => {
        database = await createTestDatabase(kind);
      });
      after(async () => {
        await database?.drop();
      });
      suite(() => {
        if (!database) throw new Error('The test database was not created.');
        return database;
      });
    });
  }
}
