import type { FastifyInstance } from 'fastify';
import { createIcalCalendarRenderer } from '../../src/adapters/calendar/ical-calendar.ts';
import { createAtomFeedRenderer } from '../../src/adapters/feed/atom-feed.ts';
import { createMarkdownRenderer } from '../../src/adapters/markdown/markdown-renderer.ts';
import { currentMigration, pingDatabase } from '../../src/adapters/db/database.ts';
import { createOutboxReader } from '../../src/adapters/mail/outbox-reader.ts';
import type { Mailer } from '../../src/app/ports.ts';
import type { UseCaseDeps } from '../../src/app/deps.ts';
import { buildWebApp } from '../../src/web/app.ts';
import { RoomHub, type RoomHubOptions } from '../../src/adapters/realtime/room-hub.ts';
import { PresenceTracker } from '../../src/app/live/presence.ts';
import { ReactionBursts } from '../../src/app/live/reactions.ts';
import { buildTestDeps } from './deps.ts';
import type { fixedClock } from './fixed-clock.ts';
import type { TestDatabase } from './databases.ts';

/** The web application over a test database, with a clock the test controls. */
export interface TestWebApp {
  app: FastifyInstance;
  deps: UseCaseDeps;
  clock: ReturnType<typeof fixedClock>;
  /** The folder mail is written to, and its messages. */
  outboxDir: string;
  readOutbox: () => { file: string; raw: string }[];
  hub: RoomHub;
  presence: PresenceTracker;
  reactions: ReactionBursts;
}

/**
 * Builds the real web application (no port) over a real test database. Mail goes to an outbox
 * folder, listed at /dev/outbox, unless the test gives a mailer (such as SMTP to a server it
 * started): then, as with SMTP_HOST set, there is no outbox page.
 */
export async function buildTestWebApp(
  database: TestDatabase,
  options: {
    now?: string;
    publicUrl?: string;
    mailer?: Mailer;
    jitsiDomain?: string | null;
    /** Tuning of the rooms' hub, such as a small memory of recent events. */
    hub?: RoomHubOptions;
    /** A Redis client and key prefix, to count rate limits across several apps. */
    rateLimitRedis?: unknown;
    rateLimitNamespace?: string;
  } = {},
): Promise<TestWebApp> {
  const { deps, clock, outboxDir, readOutbox } = buildTestDeps(database, options);
  // Live rooms as in production: the hub reads the room's log; flushes run when a test asks.
  const hub = new RoomHub(deps.store, { pollMs: 200, ...options.hub });
  deps.rooms = hub;
  const presence = new PresenceTracker(deps, `test-node-${process.pid}`);
  const reactions = new ReactionBursts(deps);
  const app = await buildWebApp({
    deps,
    calendar: createIcalCalendarRenderer({ clock }),
    markdown: createMarkdownRenderer(),
    feeds: createAtomFeedRenderer(),
    checkHealth: async () => {
      await pingDatabase(database.connection.db);
      return {
        database: database.connection.kind,
        migration: await currentMigration(database.connection.db),
      };
    },
    publicUrl: options.publicUrl ?? 'http://localhost:3000',
    cookieSecret: 'a-test-secret-that-is-long-enough-for-signing',
    hasOutbox: options.mailer === undefined,
    devOutbox: options.mailer === undefined ? createOutboxReader(outboxDir) : null,
    cacheViews: true,
    // Planning breakout rooms searches for a fraction of a second: enough for the small editions of tests.
    breakoutTimeLimitMs: 200,
    rateLimitRedis: options.rateLimitRedis,
    rateLimitNamespace: options.rateLimitNamespace,
    live: {
      feed: hub,
      presence,
      reactions,
      jitsiDomain: 'jitsiDomain' in options ? (options.jitsiDomain ?? null) : 'meet.jit.si',
    },
  });
  app.addHook('onClose', async () => hub.close());
  return { app, deps, clock, outboxDir, readOutbox, hub, presence, reactions };
}

/** Encodes a form body as a browser does, repeating keys for lists. */
export function formBody(fields: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, item);
  }
  return params.toString();
}

/** A page's CSRF token and the cookie it belongs to, as a browser holds them after loading a form. */
export async function fetchCsrf(app: FastifyInstance, cookies: Record<string, string> = {}) {
  const page = await app.inject({ url: '/sign-in', cookies });
  const token = page.body.match(/name="_csrf" value="([^"]+)"/)?.[1];
  const cookie = page.cookies.find((c) => c.name === 'convene_csrf')?.value ?? cookies.convene_csrf;
  if (!token || !cookie) throw new Error('The sign-in page carried no CSRF token.');
  return { token, cookies: { ...cookies, convene_csrf: cookie } };
}

/** Posts a form the way a browser without JavaScript does, with the token of a page it loaded. */
export async function postForm(
  app: FastifyInstance,
  url: string,
  fields: Record<string, string | string[]>,
  cookies: Record<string, string> = {},
) {
  const csrf = await fetchCsrf(app, cookies);
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    cookies: csrf.cookies,
    payload: formBody({ _csrf: csrf.token, ...fields }),
  });
}

/**
 * Asserts that a request was refused: 403, or, for someone signed out opening a page, a
 * redirect to sign in (which is how the product answers them).
 */
export function assertRefused(
  response: { statusCode: number; headers: Record<string, unknown> },
  label = '',
): void {
  const isSentToSignIn =
    response.statusCode === 303 && String(response.headers.location).startsWith('/sign-in');
  if (response.statusCode !== 403 && !isSentToSignIn) {
    throw new Error(
      `${label ? `${label}: ` : ''}expected 403 or a redirect to /sign-in, got ${response.statusCode}`,
    );
  }
}
