import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PresenceTracker } from '../../../app/live/presence.ts';
import type { ReactionBursts } from '../../../app/live/reactions.ts';
import {
  findRoom,
  moderates,
  requireModerator,
  type RoomContext,
} from '../../../app/live/room-context.ts';
import { RoomError } from '../../../app/live/room-errors.ts';
import {
  askQuestion,
  endRoom,
  hideMessage,
  mutePerson,
  pinQuestion,
  postMessage,
  promoteMessage,
  setQuestionStatus,
  updateRoomSettings,
  upvoteQuestion,
  type RoomAddress,
} from '../../../app/live/room.commands.ts';
import { loadRoomView } from '../../../app/live/room.queries.ts';
import { confirmTheme, removeTheme, ThemeTagError } from '../../../app/themes/theme-tags.ts';
import { replyExcerpt } from '../../../domain/live/room-events.ts';
import { NotFoundError, type UseCaseDeps } from '../../../app/deps.ts';
import type { RoomFeed } from '../../../app/ports.ts';
import { QUESTION_SORTS, type QuestionSort } from '../../../domain/live/questions.ts';
import { can } from '../../../domain/policy/policy.ts';
import {
  authorize,
  ForbiddenError,
  requireSignedIn,
  SignInRequiredError,
} from '../../plugins/actor.ts';
import { CsrfError } from '../../plugins/csrf.ts';
import { presentRoom } from '../../presenters/room.presenter.ts';

/** Posts allowed per person and room in each window; a flood is refused before it costs anything. */
export const ROOM_RATE_LIMITS = {
  messages: { max: 10, seconds: 30, doing: 'sending messages', again: 'post again' },
  questions: { max: 5, seconds: 60, doing: 'asking questions', again: 'ask again' },
  votes: { max: 30, seconds: 60, doing: 'voting', again: 'vote again' },
  reactions: { max: 20, seconds: 10, doing: 'reacting', again: 'react again' },
} as const;
type Limited = keyof typeof ROOM_RATE_LIMITS;

const SIGN_IN_TO_TAKE_PART = 'Sign in to take part in this session room.';

/** Live streams one person may hold open in one room (tabs, devices). */
const MAX_STREAMS_PER_PERSON = 5;

export interface RoomRouteOptions {
  deps: UseCaseDeps;
  feed: RoomFeed;
  presence: PresenceTracker;
  reactions: ReactionBursts;
  /** The Jitsi server whose rooms are embedded; other video links open in a new tab. */
  jitsiDomain: string | null;
}

interface RoomParams {
  slug: string;
  sessionId: string;
}

type Body = Record<string, unknown>;

const BASE = '/editions/:slug/sessions/:sessionId/room';

/** Whether the client asked for JSON (the page's script) rather than a page (a form without script). */
function wantsJson(request: FastifyRequest): boolean {
  return String(request.headers.accept ?? '').includes('application/json');
}

function field(body: unknown, name: string): unknown {
  return body && typeof body === 'object' ? (body as Body)[name] : undefined;
}

function isOn(value: unknown): boolean {
  return value === 'on' || value === 'true' || value === '1' || value === true;
}

function roomPath(params: RoomParams): string {
  return `/editions/${encodeURIComponent(params.slug)}/sessions/${encodeURIComponent(params.sessionId)}/room`;
}

/** Reads the number of the last event a client saw, from the stream's reconnect header or the address. */
export function parseLastSeen(header: unknown, query: unknown): number | null | 'invalid' {
  const raw =
    typeof header === 'string' && header !== ''
      ? header
      : typeof query === 'string' && query !== ''
        ? query
        : null;
  if (raw === null) return null;
  if (!/^\d{1,15}$/.test(raw)) return 'invalid';
  return Number(raw);
}

/**
 * Session rooms: the page, its live stream, and every form. Each form works without script
 * (the browser posts it and comes back to the room) and with it (JSON in, JSON out).
 */
export async function roomRoutes(app: FastifyInstance, options: RoomRouteOptions) {
  const { deps, feed, presence, reactions } = options;
  const limits = Object.fromEntries(
    Object.entries(ROOM_RATE_LIMITS).map(([kind, limit]) => [
      kind,
      app.createRateLimit({
        max: limit.max,
        timeWindow: limit.seconds * 1000,
        keyGenerator: (request) => {
          const params = request.params as RoomParams;
          const who = request.actor.kind === 'person' ? request.actor.personId : request.ip;
          return `room:${kind}:${params.sessionId}:${who}`;
        },
      }),
    ]),
  ) as Record<Limited, ReturnType<typeof app.createRateLimit>>;
  const streams = new Map<string, number>();

  const address = (request: FastifyRequest): RoomAddress => request.params as RoomParams;

  async function limit(request: FastifyRequest, reply: FastifyReply, kind: Limited): Promise<void> {
    const result = await limits[kind](request);
    if (!result.isAllowed && result.isExceeded) {
      reply.header('retry-after', String(result.ttlInSeconds));
      throw new RoomError(
        'rate-limited',
        `You are ${ROOM_RATE_LIMITS[kind].doing} faster than this room allows (${ROOM_RATE_LIMITS[kind].max} every ${ROOM_RATE_LIMITS[kind].seconds} seconds). You can ${ROOM_RATE_LIMITS[kind].again} in ${result.ttlInSeconds} second${result.ttlInSeconds === 1 ? '' : 's'}.`,
        undefined,
        result.ttlInSeconds,
      );
    }
  }

  async function renderRoom(
    request: FastifyRequest,
    reply: FastifyReply,
    context: RoomContext,
    extra: { error?: { message: string; field?: string; form: string }; values?: Body } = {},
    status = 200,
  ) {
    const query = request.query as { sort?: string };
    const sort: QuestionSort = QUESTION_SORTS.includes(query.sort as QuestionSort)
      ? (query.sort as QuestionSort)
      : 'votes';
    const view = await loadRoomView(deps, context, request.actor, sort);
    const zone = request.viewerTimeZone ?? context.edition.homeTimeZone;
    // Replying without script: the message's Reply link comes back here with its id.
    const replyToId = (request.query as { replyTo?: string }).replyTo ?? extra.values?.replyTo;
    const repliedTo = view.messages.find(
      (m) => m.id === replyToId && (!m.hidden || view.isModerator),
    );
    return reply.render(
      'live/room.njk',
      {
        ...presentRoom(context, view, {
          zone,
          sort,
          jitsiDomain: options.jitsiDomain,
          basePath: roomPath(request.params as RoomParams),
        }),
        me: request.actor.kind === 'person' ? request.actor.personId : null,
        error: extra.error ?? null,
        values: extra.values ?? {},
        replyTo: repliedTo
          ? { id: repliedTo.id, author: repliedTo.author, excerpt: replyExcerpt(repliedTo.text) }
          : null,
      },
      status,
    );
  }

  /** Answers a refusal: JSON for the script, or the room page with the message for a plain form. */
  async function refuse(
    request: FastifyRequest,
    reply: FastifyReply,
    error: RoomError,
    form: string,
  ) {
    const retryAfterSeconds = (error as RoomError & { retryAfterSeconds?: number })
      .retryAfterSeconds;
    // Rooms are for signed-in people: a visitor is asked to sign in, never shown the room.
    if (request.actor.kind !== 'person') {
      if (!wantsJson(request)) return reply.redirect('/sign-in', 303);
      return reply.code(401).send({
        error: {
          code: 'sign-in',
          message: SIGN_IN_TO_TAKE_PART,
          field: null,
          retryAfterSeconds: null,
        },
      });
    }
    if (wantsJson(request))
      return reply.code(error.status).send({
        error: {
          code: error.code,
          message: error.message,
          field: error.field ?? null,
          retryAfterSeconds: retryAfterSeconds ?? null,
        },
      });
    const params = request.params as RoomParams;
    const context = await findRoom(deps, params.slug, params.sessionId);
    // Someone outside the edition is refused without being shown the room's chat.
    if (!can(request.actor, 'room.enter', context.subject))
      return reply.render(
        'error.njk',
        { title: 'You cannot take part in this session room', message: error.message },
        error.status,
      );
    // A form that is not on the page (closed rooms, moderators' forms) shows its message at the top.
    const shownIn = error.code === 'ended' || error.code === 'forbidden' ? 'page' : form;
    return renderRoom(
      request,
      reply,
      context,
      {
        error: { message: error.message, field: error.field, form: shownIn },
        values: (request.body ?? {}) as Body,
      },
      error.status,
    );
  }

  /** Runs a room form: success goes back to the room (or answers JSON); a RoomError is shown where it happened. */
  function handle<T>(
    form: string,
    anchor: string | ((request: FastifyRequest) => string),
    work: (request: FastifyRequest, reply: FastifyReply) => Promise<T>,
  ) {
    return async (request: FastifyRequest, reply: FastifyReply) => {
      try {
        const result = await work(request, reply);
        if (wantsJson(request)) return reply.code(200).send({ ok: true, ...(result as object) });
        const fragment = typeof anchor === 'string' ? anchor : anchor(request);
        return reply.redirect(`${roomPath(request.params as RoomParams)}${fragment}`, 303);
      } catch (error) {
        if (error instanceof RoomError) return refuse(request, reply, error, form);
        throw error;
      }
    };
  }

  app.get<{ Params: RoomParams }>(BASE, async (request, reply) => {
    const context = await findRoom(deps, request.params.slug, request.params.sessionId);
    authorize(request, 'room.enter', context.subject);
    return renderRoom(request, reply, context);
  });

  app.get<{ Params: RoomParams; Querystring: { after?: string; once?: string } }>(
    `${BASE}/events`,
    async (request, reply) => {
      const context = await findRoom(deps, request.params.slug, request.params.sessionId);
      authorize(request, 'room.enter', context.subject);
      const person = requireSignedIn(request);
      const after = parseLastSeen(request.headers['last-event-id'], request.query.after);
      if (after === 'invalid')
        return reply
          .code(400)
          .type('application/json')
          .send({
            error: {
              code: 'invalid',
              message:
                'The last event number (Last-Event-ID or after=) must be a whole number, such as 42. Leave it out to receive only new events.',
            },
          });
      const streamKey = `${context.session.id}:${person.personId}`;
      if ((streams.get(streamKey) ?? 0) >= MAX_STREAMS_PER_PERSON)
        return reply
          .code(429)
          .type('application/json')
          .send({
            error: {
              code: 'conflict',
              message: `You have this room open in ${MAX_STREAMS_PER_PERSON} places already. Close one of them and reload.`,
            },
          });
      streams.set(streamKey, (streams.get(streamKey) ?? 0) + 1);

      reply.hijack();
      const raw = reply.raw;
      // Under app.inject the socket is a stand-in without setNoDelay.
      raw.socket?.setNoDelay?.(true);
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        // Tells nginx not to hold events back in its buffer.
        'x-accel-buffering': 'no',
      });
      raw.write('retry: 2000\n\n');
      let closed = false;
      let stop: (() => void) | null = null;
      const connectionId = request.query.once
        ? null
        : presence.join(context.session.id, person.personId);
      const cleanUp = () => {
        if (closed) return;
        closed = true;
        stop?.();
        if (connectionId) presence.leave(connectionId);
        const left = (streams.get(streamKey) ?? 1) - 1;
        if (left > 0) streams.set(streamKey, left);
        else streams.delete(streamKey);
      };
      raw.on('close', cleanUp);
      try {
        stop = await feed.subscribe(context.session.id, after ?? (request.query.once ? 0 : null), {
          moderator: moderates(person, context),
          viewerId: person.personId,
          write: (chunk) => raw.write(chunk),
          pending: () => raw.writableLength,
          drained: () =>
            new Promise<void>((resolve) => {
              if (closed) return resolve();
              raw.once('drain', () => resolve());
              raw.once('close', () => resolve());
            }),
          isClosed: () => closed,
          end: () => raw.end(),
        });
        if (closed) stop();
        // A one-off read (for clients that cannot keep a stream open): what is there now, then the end.
        if (request.query.once) raw.end();
      } catch (error) {
        request.log.error({ err: error }, 'could not open a room stream');
        raw.end();
        cleanUp();
      }
    },
  );

  app.post<{ Params: RoomParams }>(
    `${BASE}/messages`,
    handle('message', '#chat', async (request, reply) => {
      await limit(request, reply, 'messages');
      const { message, event } = await postMessage(deps, address(request), request.actor, {
        text: field(request.body, 'text'),
        replyTo: field(request.body, 'replyTo'),
      });
      return { seq: event.seq, messageId: message.id };
    }),
  );

  app.post<{ Params: RoomParams & { messageId: string } }>(
    `${BASE}/messages/:messageId/hide`,
    handle('moderation', '#chat', async (request) => {
      const event = await hideMessage(deps, address(request), request.actor, {
        messageId: (request.params as { messageId: string }).messageId,
        hidden: field(request.body, 'hidden') !== 'false',
      });
      return { seq: event.seq };
    }),
  );

  app.post<{ Params: RoomParams & { messageId: string } }>(
    `${BASE}/messages/:messageId/promote`,
    handle('promote', '#questions', async (request) => {
      const { question, event } = await promoteMessage(deps, address(request), request.actor, {
        messageId: (request.params as { messageId: string }).messageId,
      });
      return { seq: event.seq, questionId: question.id, status: question.status };
    }),
  );

  /** Confirms or removes a theme of a question or message of this room, for its moderators. */
  function tagTheme(change: typeof confirmTheme | typeof removeTheme) {
    // Back to where the moderator tagged: the question, or the message in the sorted chat.
    const backTo = (request: FastifyRequest) =>
      field(request.body, 'kind') === 'message' ? '#chat-sorted' : '#questions';
    return handle('themes', backTo, async (request) => {
      const params = request.params as RoomParams;
      const context = await findRoom(deps, params.slug, params.sessionId);
      requireModerator(request.actor, context);
      try {
        await change(
          deps,
          request.actor,
          field(request.body, 'kind'),
          field(request.body, 'subjectId'),
          field(request.body, 'themeId'),
          { sessionId: context.session.id },
        );
      } catch (error) {
        if (error instanceof ThemeTagError)
          throw new RoomError(error.code, error.message, error.field);
        throw error;
      }
      return {};
    });
  }
  app.post<{ Params: RoomParams }>(`${BASE}/themes/confirm`, tagTheme(confirmTheme));
  app.post<{ Params: RoomParams }>(`${BASE}/themes/remove`, tagTheme(removeTheme));

  app.post<{ Params: RoomParams }>(
    `${BASE}/questions`,
    handle('question', '#questions', async (request, reply) => {
      await limit(request, reply, 'questions');
      const { question, event } = await askQuestion(deps, address(request), request.actor, {
        text: field(request.body, 'text'),
        anonymous: isOn(field(request.body, 'anonymous')),
      });
      return { seq: event.seq, questionId: question.id, status: question.status };
    }),
  );

  app.post<{ Params: RoomParams & { questionId: string } }>(
    `${BASE}/questions/:questionId/vote`,
    handle('vote', '#questions', async (request, reply) => {
      await limit(request, reply, 'votes');
      const { votes, event } = await upvoteQuestion(deps, address(request), request.actor, {
        questionId: (request.params as { questionId: string }).questionId,
      });
      return { seq: event.seq, votes };
    }),
  );

  app.post<{ Params: RoomParams & { questionId: string } }>(
    `${BASE}/questions/:questionId/status`,
    handle('moderation', '#questions', async (request) => {
      const event = await setQuestionStatus(deps, address(request), request.actor, {
        questionId: (request.params as { questionId: string }).questionId,
        status: field(request.body, 'status'),
      });
      return { seq: event.seq };
    }),
  );

  app.post<{ Params: RoomParams }>(
    `${BASE}/pin`,
    handle('moderation', '#questions', async (request) => {
      const questionId = field(request.body, 'questionId');
      const event = await pinQuestion(deps, address(request), request.actor, {
        questionId: typeof questionId === 'string' && questionId !== '' ? questionId : null,
      });
      return { seq: event.seq };
    }),
  );

  app.post<{ Params: RoomParams }>(
    `${BASE}/reactions`,
    handle('reaction', '#reactions', async (request, reply) => {
      await limit(request, reply, 'reactions');
      await reactions.react(address(request), request.actor, field(request.body, 'kind'));
      // Without script the browser comes straight back to the room: send the burst now, so the
      // page it loads counts this reaction. With script the burst goes with the others.
      if (!wantsJson(request)) await reactions.flush();
      return {};
    }),
  );

  app.post<{ Params: RoomParams }>(
    `${BASE}/mutes`,
    handle('moderation', '#people', async (request) => {
      const event = await mutePerson(deps, address(request), request.actor, {
        personId: field(request.body, 'personId'),
        muted: field(request.body, 'muted') !== 'false',
      });
      return { seq: event.seq };
    }),
  );

  app.post<{ Params: RoomParams }>(
    `${BASE}/settings`,
    handle('settings', '#moderation', async (request) => {
      const event = await updateRoomSettings(deps, address(request), request.actor, {
        queueEnabled: isOn(field(request.body, 'queueEnabled')),
        askingLocked: isOn(field(request.body, 'askingLocked')),
      });
      return { seq: event.seq };
    }),
  );

  app.post<{ Params: RoomParams }>(
    `${BASE}/state`,
    handle('settings', '#moderation', async (request) => {
      const event = await endRoom(deps, address(request), request.actor, {
        ended: field(request.body, 'ended') !== 'false',
      });
      return { seq: event.seq };
    }),
  );

  // Refusals from the policy or for unknown rooms, answered as JSON to the script.
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof RoomError) return refuse(request, reply, error, 'page');
    if (wantsJson(request)) {
      const answer = (status: number, code: string, message: string) =>
        reply.code(status).send({ error: { code, message, field: null, retryAfterSeconds: null } });
      if (error instanceof NotFoundError) return answer(404, 'not-found', error.message);
      if (error instanceof CsrfError || String(error.code ?? '').startsWith('FST_CSRF'))
        return answer(403, 'expired', new CsrfError().message);
      if (
        error instanceof SignInRequiredError ||
        (error instanceof ForbiddenError && request.actor?.kind !== 'person')
      )
        return answer(401, 'sign-in', SIGN_IN_TO_TAKE_PART);
      if (error instanceof ForbiddenError) return answer(403, 'forbidden', error.message);
    }
    if (wantsJson(request) && typeof error.statusCode === 'number' && error.statusCode < 500) {
      return reply.code(error.statusCode).send({
        error: { code: 'invalid', message: error.message, field: null, retryAfterSeconds: null },
      });
    }
    throw error;
  });
}
