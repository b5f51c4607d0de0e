/**
 * The composition root: the one place where adapters are chosen and wired to the use cases
 * and the web layer. Run directly (`npm start`), it starts the server on the configured port:
 * reads the configuration, opens and migrates the database, loads the demo on an empty
 * embedded database, and serves the web application until asked to stop.
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
import { createWinkThemeSuggester } from './adapters/nlp/wink-theme-suggester.ts';
import { createIcalCalendarRenderer } from './adapters/calendar/ical-calendar.ts';
import { createAtomFeedRenderer } from './adapters/feed/atom-feed.ts';
import { createMarkdownRenderer } from './adapters/markdown/markdown-renderer.ts';
import { DEMO_NOTE } from './app/demo/demo-convening.ts';
import { loadDemoIfEmpty } from './app/demo/load-demo.ts';
import { buildWebApp } from './web/app.ts';
import { RoomHub } from './adapters/realtime/room-hub.ts';
import { createPgRoomWake } from './adapters/realtime/pg-room-wake.ts';
import { PresenceTracker } from './app/live/presence.ts';
import { ReactionBursts } from './app/live/reactions.ts';
import { startLiveWorkers } from './app/live/live-workers.ts';
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import type { UseCaseDeps } from './app/deps.ts';
import type { Clock, IdGenerator, Links, Mailer } from './app/ports.ts';
import { createOutboxMailer, createSmtpMailer } from './adapters/mail/nodemailer-mailer.ts';
import { createOutboxReader } from './adapters/mail/outbox-reader.ts';
import { startMailWorker, type MailWorker } from './app/invitations/mail-worker.ts';
import { createCryptoSecrets } from './adapters/security/crypto-secrets.ts';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { ConfigError, readConfig, type Config } from './config.ts';

/** Everything wired for one process: the use cases' dependencies and how to shut down. */
export interface Composition {
  config: Config;
  connection: DatabaseConnection;
  deps: UseCaseDeps;
  /** Delivers session rooms' events to the clients connected to this process. */
  hub: RoomHub;
  /** Signs cookies: CONVENE_SECRET, or a random secret kept in the data folder on the embedded default. */
  cookieSecret: string;
  /** Answers the database kind and migration version, or throws when the database is unreachable. */
  checkHealth(): Promise<{ database: string; migration: string | null }>;
  close(): Promise<void>;
}

const systemClock: Clock = { now: () => new Date() };
const randomIds: IdGenerator = { next: () => randomUUID() };

/** Names this server process in the presence records, so its connections can be closed if it stops. */
function nodeId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * The Redis client for shared rate limits: a request never waits for Redis to come back (no
 * offline queue, one retry), so an outage means no limits for a while, never a hung request.
 */
function createRateLimitRedis(url: string): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
  });
}

/** How often the mail worker looks for email to send. */
const MAIL_WORKER_INTERVAL_MS = 2000;

/** Addresses that emails link to, on the public address people use. */
export function linksFor(publicUrl: string): Links {
  return {
    signIn: (token) => `${publicUrl}/sign-in/${token}`,
    invitation: (token) => `${publicUrl}/invitations/${token}`,
    page: (path) => `${publicUrl}${path}`,
  };
}

/** Keeps one random secret per data folder, so cookies stay valid across restarts. */
function readOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** Opens the configured database, brings it up to date and wires the use cases. */
export async function compose(
  config: Config = readConfig(),
  overrides: Partial<Pick<UseCaseDeps, 'clock' | 'ids' | 'mailer'>> = {},
): Promise<Composition> {
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
  const clock = overrides.clock ?? systemClock;
  const mailer: Mailer =
    overrides.mailer ??
    (config.smtp
      ? createSmtpMailer(config.smtp, config.mailFrom)
      : createOutboxMailer(config.outboxDir, config.mailFrom, () => clock.now()));
  const store = createStore(connection.db);
  const hub = new RoomHub(store);
  const deps: UseCaseDeps = {
    store,
    clock,
    ids: overrides.ids ?? randomIds,
    secrets: createCryptoSecrets(),
    mailer,
    links: linksFor(config.publicUrl),
    rooms: hub,
    themes: createWinkThemeSuggester(),
  };
  return {
    config,
    connection,
    deps,
    hub,
    cookieSecret: config.secret ?? readOrCreateSecret(config.dataDir),
    checkHealth: async () => {
      await pingDatabase(connection.db);
      return { database: connection.kind, migration: await currentMigration(connection.db) };
    },
    close: async () => {
      hub.close();
      await connection.close();
    },
  };
}

/** Starts the server on the configured port; exits with a plain message when the configuration is wrong. */
export async function startServer(
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  let config: Config;
  try {
    config = readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Convene cannot start: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const composition = await compose(config);
  if (config.loadDemo) {
    const loaded = await loadDemoIfEmpty(composition.deps);
    if (loaded)
      process.stderr.write(`Loaded the demo convening into the empty database. ${DEMO_NOTE}\n`);
  }
  // With REDIS_URL every server process counts rate limits together (sign-in, session rooms).
  const redis = config.redisUrl ? createRateLimitRedis(config.redisUrl) : null;
  const presence = new PresenceTracker(composition.deps, nodeId());
  const reactions = new ReactionBursts(composition.deps);
  // The development outbox page shows every sign-in link: never in production.
  const usesOutbox = config.smtp === null && !config.isProduction;
  const app = await buildWebApp({
    deps: composition.deps,
    calendar: createIcalCalendarRenderer(),
    markdown: createMarkdownRenderer(),
    feeds: createAtomFeedRenderer(),
    checkHealth: composition.checkHealth,
    publicUrl: config.publicUrl,
    cookieSecret: composition.cookieSecret,
    hasOutbox: config.smtp === null,
    devOutbox: usesOutbox ? createOutboxReader(config.outboxDir) : null,
    cacheViews: config.isProduction,
    // Logs, the mail worker's progress among them, go to standard error like every other report.
    logger: { level: config.logLevel, stream: process.stderr },
    logRequests: ['debug', 'trace'].includes(config.logLevel),
    live: { feed: composition.hub, presence, reactions, jitsiDomain: config.jitsiDomain },
    rateLimitRedis: redis ?? undefined,
  });
  if (redis)
    redis.on('error', (error: Error) =>
      app.log.warn(
        `Redis (rate limits) cannot be reached: ${error.message}; limits are not applied until it can.`,
      ),
    );
  // Background workers, stopped (their current step finished) when the server closes.
  const workers: MailWorker[] = [];
  const liveWorkers = startLiveWorkers(presence, reactions, app.log.child({ worker: 'live' }));
  // With PostgreSQL, several server processes share the rooms: each wakes the others' clients.
  const wake = config.databaseUrl
    ? createPgRoomWake(config.databaseUrl, {
        wake: (sessionId) => composition.hub.wake(sessionId),
        wakeAll: () => composition.hub.wakeAll(),
        log: (message) => app.log.warn(message),
      })
    : null;
  if (wake) composition.hub.connect(wake);
  app.addHook('preClose', async () => {
    // Open room streams end first (their clients reconnect elsewhere), so the server can close.
    composition.hub.close();
  });
  app.addHook('onClose', async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await liveWorkers.stop();
    await wake?.close();
    redis?.disconnect();
  });
  const stop = async (signal: string) => {
    app.log.info(`${signal} received: finishing open requests, then stopping`);
    await app.close();
    await composition.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  // Sending starts once the server listens, so a start-up that fails sends nothing.
  workers.push(
    startMailWorker(composition.deps, {
      intervalMs: MAIL_WORKER_INTERVAL_MS,
      log: app.log.child({ worker: 'mail' }),
    }),
  );
  const where = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  process.stderr.write(
    `Convene is running at ${where} (database: ${composition.connection.kind}${config.databaseUrl ? '' : `, data in ${config.dataDir}`}).\n` +
      (usesOutbox
        ? `No SMTP server is set (SMTP_HOST): email is written to ${config.outboxDir} and listed at ${where}/dev/outbox.\n` +
          `Sign in at ${where}/sign-in as organizer@example.org, moderator@example.org, rapporteur@example.org, or the attendees attendee@example.org and attendee2@example.org, and find the link there.\n`
        : ''),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await startServer();
}
