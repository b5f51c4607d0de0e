import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { bundledMigrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

/** Which database engine a connection talks to. */
export type DatabaseKind = 'sqlite' | 'postgresql';

/** Where the database is: a SQLite file (the embedded default) or a PostgreSQL address. */
export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgresql'; url: string };

/** A database connection with what the rest of the product needs to know about it. */
export interface DatabaseConnection {
  kind: DatabaseKind;
  db: Kysely<Database>;
  close(): Promise<void>;
}

/** Opens the database; SQLite files are created with their folder when missing. */
export function openDatabase(target: DatabaseTarget): DatabaseConnection {
  if (target.kind === 'sqlite') {
    if (target.file !== ':memory:') mkdirSync(dirname(target.file), { recursive: true });
    const file = new SqliteDatabase(target.file);
    file.pragma('journal_mode = WAL');
    file.pragma('foreign_keys = ON');
    file.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: file }) });
    return { kind: 'sqlite', db, close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: 10,
    // A request waits this long for a free connection before failing: generous, so a burst
    // queues rather than fails on a busy server.
    connectionTimeoutMillis: 15_000,
  });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kind: 'postgresql', db, close: () => db.destroy() };
}

/** Brings the schema up to date; throws with the failing migration's name when one fails. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string | null> {
  const migrator = new Migrator({ db, provider: bundledMigrations });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(error)}`);
  }
  return currentMigration(db);
}

/** The name of the newest migration applied to the database, or null when none is. */
export async function currentMigration(db: Kysely<Database>): Promise<string | null> {
  const migrations = await new Migrator({ db, provider: bundledMigrations }).getMigrations();
  const applied = migrations.filter((migration) => migration.executedAt !== undefined);
  return applied.at(-1)?.name ?? null;
}

/** Answers whether the database can be reached right now. */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
