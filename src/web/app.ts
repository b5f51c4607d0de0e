import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import { resolveSession } from '../app/access/sign-in.ts';
import type { Actor } from '../domain/access/actor.ts';
import type { Action } from '../domain/policy/policy.ts';
import type { UseCaseDeps } from '../app/deps.ts';
import { NotFoundError } from '../app/deps.ts';
import type { CalendarRenderer, FeedRenderer, MarkdownRenderer } from '../app/ports.ts';
import type { OutboxReader, RoomFeed } from '../app/ports.ts';
import type { PresenceTracker } from '../app/live/presence.ts';
import type { ReactionBursts } from '../app/live/reactions.ts';
import { roomRoutes } from './routes/live/room.routes.ts';
import { breakoutRoomRoutes } from './routes/programme/breakout-room.routes.ts';
import { breakoutNotesRoutes } from './routes/programme/breakout-notes.routes.ts';
import { writeupPagesRoutes } from './routes/writeups/writeup-pages.routes.ts';
import { subscriptionRoutes } from './routes/writeups/subscription.routes.ts';
import { reportPagesRoutes } from './routes/writeups/report.routes.ts';
import { themePagesRoutes } from './routes/themes/theme-pages.routes.ts';
import { sessionNotesRoutes } from './routes/writeups/session-notes.routes.ts';
import { DEFAULT_BREAKOUT_OPTIONS } from '../app/breakouts/plan-breakout-rounds.ts';
import { actorPlugin, ForbiddenError, SignInRequiredError } from './plugins/actor.ts';
import { csrfPlugin, CsrfError } from './plugins/csrf.ts';
import { timeZonePlugin } from './plugins/time-zone.ts';
import { isUploadTooLarge, UPLOAD_TOO_LARGE, uploadsPlugin } from './plugins/uploads.ts';
import { viewsPlugin } from './plugins/views.ts';
import { accountRoutes } from './routes/access/account.routes.ts';
import { accountDataRoutes } from './routes/access/account-data.routes.ts';
import { signInRoutes } from './routes/access/sign-in.routes.ts';
import { organizeRoutes } from './routes/organize/organize.routes.ts';
import { programmeRoutes } from './routes/programme/programme.routes.ts';
import { privacyRoutes } from './routes/privacy/privacy.routes.ts';
import { registrationRoutes } from './routes/registration/registration.routes.ts';
import { statsRoutes } from './routes/stats/stats.routes.ts';
import { healthRoutes } from './routes/system/health.routes.ts';
import { preferencesRoutes } from './routes/system/preferences.routes.ts';
import { devOutboxRoutes } from './routes/system/dev-outbox.routes.ts';
import { directoryRoutes } from './routes/directory/directory.routes.ts';
import { peopleMetRoutes } from './routes/directory/people-met.routes.ts';
import { resourceRoutes } from './routes/resources/resource.routes.ts';
import { introductionRoutes } from './routes/introductions/introductions.routes.ts';
import { peerRoutes } from './routes/peers/peers.routes.ts';

/** What the web layer needs from the composition root. */
export interface WebOptions {
  deps: UseCaseDeps;
  calendar: CalendarRenderer;
  /** Renders what people write (notes, write-ups) as safe HTML; pages use it as `| markdown`. */
  markdown: MarkdownRenderer;
  /** Writes Atom feeds, for routes that offer one. */
  feeds: FeedRenderer;
  checkHealth: () => Promise<{ database: string; migration: string | null }>;
  publicUrl: string;
  /** Whether mail is written to the development outbox instead of being sent. */
  hasOutbox: boolean;
  /**
   * Reads the outbox folder for the development outbox page (/dev/outbox); null when mail is
   * sent through SMTP or in production, and then the page does not exist.
   */
  devOutbox?: OutboxReader | null;
  /** Sign-in requests allowed per network address and per email address in each window. */
  signInRateLimit?: { perAddress: number; perEmail: number; windowMinutes: number };
  /** Signs cookies; the same on every server of one installation. */
  cookieSecret: string;
  /** Cache compiled templates (off while developing so edits show at once). */
  cacheViews: boolean;
  logger?: FastifyServerOptions['logger'];
  /** How long planning breakout rooms may search; 3 seconds unless a test wants it shorter. */
  breakoutTimeLimitMs?: number;
  logRequests?: boolean;
  /**
   * A Redis client (ioredis) where every server process counts rate limits together; without
   * one, each process counts its own.
   */
  rateLimitRedis?: unknown;
  /** Prefix of the rate-limit keys in Redis. */
  rateLimitNamespace?: string;
  /** Session rooms: live delivery, presence, reaction bursts and the video server to embed. */
  live: {
    feed: RoomFeed;
    presence: PresenceTracker;
    reactions: ReactionBursts;
    jitsiDomain: string | null;
  };
}

const CLIENT = fileURLToPath(new URL('./client', import.meta.url));

/** A method and address pattern the app answers, such as GET /editions/:slug. */
export interface RegisteredRoute {
  method: string;
  url: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    registeredRoutes: RegisteredRoute[];
  }
}

const FORBIDDEN_FOR_ORGANIZERS =
  'This page is for the organizers of this edition. If you should have access, ask one of them to give you the organizer role.';

const PEOPLE_OF_A_CONVENING =
  'Shared resources are for the people who took part in a convening: its attendees, speakers and team. If you registered, sign in with the email address you registered with.';

/** What a person is told when the policy says no, by the action they tried. */
const FORBIDDEN_MESSAGES: Partial<Record<Action, string>> = {
  'edition.view':
    'This edition is not published yet. Its programme is open to its organizers and team only.',
  'edition.create': 'Only organizers of a convening can start a new edition.',
  'registration.respond': 'Only people invited to this edition can register for it.',
  'stats.view':
    'This edition is not published yet. Its numbers are open to its organizers and team only.',
  'writeups.comment':
    'Only the people of this edition (registered attendees, speakers and its team) can comment on its write-ups.',
  'resources.browse': PEOPLE_OF_A_CONVENING,
  'resources.share': PEOPLE_OF_A_CONVENING,
  'resources.comment': PEOPLE_OF_A_CONVENING,
  'resources.edit-own': 'Only the person who shared a resource can change or withdraw it.',
  'resources.moderate': 'Only organizers can hide or show shared resources and their comments.',
  'directory.browse':
    'The directory is for the people who took part in a convening: its attendees, speakers and team. If you registered, sign in with the email address you registered with.',
  'directory.choose-own':
    'Only the people who took part in a convening can appear in the directory. If you registered, sign in with the email address you registered with.',
  'people-met.view': 'You can only see the people you met yourself.',
  'introductions.use':
    'Introductions are between the people who took part in a convening: its attendees, speakers and team. If you registered, sign in with the email address you registered with.',
  'peers.view':
    'Suggestions of people worth meeting are for the people who took part in a convening. If you registered, sign in with the email address you registered with.',
  'account.view': 'You can only see your own account.',
  'account.delete': 'You can only delete your own account.',
};

/** The page a signed-out visitor asked for, to return to once they have signed in. */
export const RETURN_COOKIE = 'convene_return';

/** The cookie that holds a signed-in browser's session token. */
export const SESSION_COOKIE = 'convene_session';

/** Builds the Fastify application: third-party plugins first, then our own, then the routes. */
export async function buildWebApp(options: WebOptions): Promise<FastifyInstance> {
  const isHttps = options.publicUrl.startsWith('https:');
  const app = Fastify({
    logger: options.logger ?? false,
    // One line per request drowns what matters; set LOG_LEVEL=debug to see them.
    logController: new LogController({ disableRequestLogging: !options.logRequests }),
    bodyLimit: 1024 * 1024,
    trustProxy: true,
  });
  // Every route the app serves, so tests can walk them all for every role.
  const routes: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url });
    }
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        // Session rooms embed meetings from the configured Jitsi server, and nothing else.
        frameSrc: options.live.jitsiDomain ? [`https://${options.live.jitsiDomain}`] : ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        ...(isHttps ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: isHttps ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(fastifyCookie, { secret: options.cookieSecret });
  await app.register(fastifyFormbody);
  await app.register(uploadsPlugin);
  await app.register(csrfPlugin, { secureCookies: isHttps });
  // Limits are set per route (sign-in, session rooms); nothing else is limited by default. With
  // Redis, all server processes share the counts; if Redis cannot be reached, requests go
  // through unlimited rather than fail.
  await app.register(fastifyRateLimit, {
    global: false,
    ...(options.rateLimitRedis
      ? {
          redis: options.rateLimitRedis,
          nameSpace: options.rateLimitNamespace ?? 'convene-rate-limit-',
          skipOnError: true,
        }
      : {}),
  });
  await app.register(fastifyStatic, {
    root: CLIENT,
    prefix: '/assets/',
    maxAge: isHttps ? '1h' : 0,
  });
  await app.register(viewsPlugin, { cache: options.cacheViews, markdown: options.markdown });
  await app.register(actorPlugin, {
    resolveActor: (request: FastifyRequest): Promise<Actor> =>
      resolveSession(options.deps, request.cookies[SESSION_COOKIE]),
  });
  app.addHook('onRequest', async (request) => {
    request.pageGlobals.hasOutbox = options.hasOutbox;
  });
  await app.register(timeZonePlugin);

  app.setNotFoundHandler((request, reply) =>
    reply.render(
      'error.njk',
      {
        title: 'Page not found',
        message:
          'If you typed the address, check it is correct. If you followed a link, it may be out of date.',
      },
      404,
    ),
  );
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof NotFoundError) {
      return reply.render(
        'error.njk',
        { title: 'Page not found', message: `${error.message} It may have been moved or deleted.` },
        404,
      );
    }
    const code = typeof error === 'object' && error && 'code' in error ? String(error.code) : '';
    if (error instanceof CsrfError || code.startsWith('FST_CSRF')) {
      return reply.render(
        'error.njk',
        { title: 'This form has expired', message: new CsrfError().message },
        403,
      );
    }
    if (isUploadTooLarge(error)) return reply.render('error.njk', UPLOAD_TOO_LARGE, 413);
    // Someone signed out who opens a page for signed-in people is asked to sign in first.
    if (
      error instanceof SignInRequiredError ||
      (error instanceof ForbiddenError &&
        request.actor?.kind === 'visitor' &&
        request.method === 'GET')
    ) {
      // Remembered for a short while, so that signing in returns them to the page they wanted.
      if (request.method === 'GET')
        reply.setCookie(RETURN_COOKIE, request.url, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          maxAge: 60 * 60,
          secure: isHttps,
        });
      return reply.redirect('/sign-in', 303);
    }
    if (error instanceof ForbiddenError) {
      return reply.render(
        'error.njk',
        {
          title: 'You cannot see this page',
          message: FORBIDDEN_MESSAGES[error.action] ?? FORBIDDEN_FOR_ORGANIZERS,
        },
        403,
      );
    }
    const status =
      typeof error === 'object' && error && 'statusCode' in error ? Number(error.statusCode) : 500;
    if (status >= 400 && status < 500) {
      return reply.render(
        'error.njk',
        {
          title: 'There is a problem with the request',
          message: error instanceof Error ? error.message : String(error),
        },
        status,
      );
    }
    request.log.error({ err: error }, 'request failed');
    return reply.render(
      'error.njk',
      {
        title: 'Sorry, there is a problem with the service',
        message: 'Try again later. Nothing you entered was saved.',
      },
      500,
    );
  });

  await app.register(healthRoutes, { checkHealth: options.checkHealth });
  await app.register(preferencesRoutes, { secureCookies: isHttps });
  if (options.devOutbox) await app.register(devOutboxRoutes, { outbox: options.devOutbox });
  await app.register(programmeRoutes, {
    deps: options.deps,
    calendar: options.calendar,
    publicUrl: options.publicUrl,
  });
  await app.register(organizeRoutes, {
    deps: options.deps,
    breakouts: {
      jitsiDomain: options.live.jitsiDomain,
      timeLimitMs: options.breakoutTimeLimitMs ?? DEFAULT_BREAKOUT_OPTIONS.timeLimitMs,
    },
  });
  await app.register(signInRoutes, {
    deps: options.deps,
    secureCookies: isHttps,
    sessionCookie: SESSION_COOKIE,
    returnCookie: RETURN_COOKIE,
    hasOutbox: options.hasOutbox,
    rateLimit: options.signInRateLimit ?? { perAddress: 30, perEmail: 5, windowMinutes: 15 },
  });
  await app.register(accountRoutes, { deps: options.deps });
  await app.register(accountDataRoutes, { deps: options.deps, sessionCookie: SESSION_COOKIE });
  await app.register(registrationRoutes, { deps: options.deps });
  await app.register(privacyRoutes);
  await app.register(roomRoutes, { deps: options.deps, ...options.live });
  await app.register(breakoutRoomRoutes, { deps: options.deps });
  await app.register(breakoutNotesRoutes, { deps: options.deps });
  await app.register(sessionNotesRoutes, { deps: options.deps });
  await app.register(writeupPagesRoutes, {
    deps: options.deps,
    feeds: options.feeds,
    markdown: options.markdown,
  });
  await app.register(subscriptionRoutes, { deps: options.deps });
  await app.register(statsRoutes, { deps: options.deps });
  await app.register(themePagesRoutes, { deps: options.deps });
  await app.register(reportPagesRoutes, { deps: options.deps });
  await app.register(directoryRoutes, { deps: options.deps });
  await app.register(peopleMetRoutes, { deps: options.deps });
  await app.register(resourceRoutes, { deps: options.deps });
  await app.register(introductionRoutes, { deps: options.deps });
  await app.register(peerRoutes, { deps: options.deps });
  return app;
}
