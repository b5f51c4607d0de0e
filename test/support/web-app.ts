import type { FastifyInstance } from 'fastify';
import { createIcalCalendarRenderer } from '../../src/adapters/calendar/ical-calendar.ts';
import { currentMigration, pingDatabase } from '../../src/adapters/db/database.ts';
import { createStore } from '../../src/adapters/db/store.ts';
import type { UseCaseDeps } from '../../src/app/deps.ts';
import { buildWebApp } from '../../src/web/app.ts';
import { fixedClock, sequentialIds } from './fixed-clock.ts';
import type { TestDatabase } from './databases.ts';

/** The web application over a test database, with a clock the test controls. */
export interface TestWebApp {
  app: FastifyInstance;
  deps: UseCaseDeps;
  clock: ReturnType<typeof fixedClock>;
}

/** Builds the real web application (no port) over a real test database. */
export async function buildTestWebApp(
  database: TestDatabase,
  options: { devOrganizer?: boolean; now?: string; publicUrl?: string } = {},
): Promise<TestWebApp> {
  const clock = fixedClock(options.now ?? '2021-06-01T12:00:00Z');
  const deps: UseCaseDeps = {
    store: createStore(database.connection.db),
    clock,
    ids: sequentialIds(`t${Math.random().toString(36).slice(2, 6)}`),
  };
  const app = await buildWebApp({
    deps,
    calendar: createIcalCalendarRenderer({ clock }),
    checkHealth: async () => {
      await pingDatabase(database.connection.db);
      return {
        database: database.connection.kind,
        migration: await currentMigration(database.connection.db),
      };
    },
    publicUrl: options.publicUrl ?? 'http://localhost:3000',
    devOrganizer: options.devOrganizer ?? true,
    cacheViews: true,
  });
  return { app, deps, clock };
}

/** Encodes a form body as a browser does, repeating keys for lists. */
export function formBody(fields: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, item);
  }
  return params.toString();
}

/** Posts a form the way a browser without JavaScript does. */
export function postForm(
  app: FastifyInstance,
  url: string,
  fields: Record<string, string | string[]>,
  cookies: Record<string, string> = {},
) {
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    cookies,
    payload: formBody(fields),
  });
}
