/**
 * The composition root: the one place where adapters are chosen and wired to the use cases
 * and the web layer. Run directly, it starts the server on the configured port.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  currentMigration,
  migrateToLatest,
  openDatabase,
  pingDatabase,
  type DatabaseConnection,
} from './adapters/db/database.ts';
import { createStore } from './adapters/db/store.ts';
import type { UseCaseDeps } from './app/deps.ts';
import type { Clock, IdGenerator } from './app/ports.ts';
import { readConfig, type Config } from './config.ts';

/** Everything wired for one process: the use cases' dependencies and how to shut down. */
export interface Composition {
  config: Config;
  connection: DatabaseConnection;
  deps: UseCaseDeps;
  /** Answers the database kind and migration version, or throws when the database is unreachable. */
  checkHealth(): Promise<{ database: string; migration: string | null }>;
  close(): Promise<void>;
}

const systemClock: Clock = { now: () => new Date() };
const randomIds: IdGenerator = { next: () => randomUUID() };

/** Opens the configured database, brings it up to date and wires the use cases. */
export async function compose(config: Config = readConfig(), overrides: Partial<Pick<UseCaseDeps, 'clock' | 'ids'>> = {}): Promise<Composition> {
  const connection = openDatabase(
    config.databaseUrl
      ? { kind: 'postgresql', url: config.databaseUrl }
      : { kind: 'sqlite', file: join(config.dataDir, 'convene.sqlite') },
  );
  try {
    await migrateToLatest(connection.db);
  } catch (error) {
    await connection.close();
    throw error;
  }
  const deps: UseCaseDeps = {
    store: createStore(connection.db),
    clock: overrides.clock ?? systemClock,
    ids: overrides.ids ?? randomIds,
  };
  return {
    config,
    connection,
    deps,
    checkHealth: async () => {
      await pingDatabase(connection.db);
      return { database: connection.kind, migration: await currentMigration(connection.db) };
    },
    close: () => connection.close(),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { startServer } = await import('./server.ts');
  await startServer();
}
