import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UseCaseDeps } from '../../../app/deps.ts';
import {
  answerIntroduction,
  blockPerson,
  listIntroductions,
  loadAskTarget,
  requestIntroduction,
  unblockPerson,
  type IntroductionProblem,
} from '../../../app/introductions/introductions.ts';
import {
  ASKER_OUTCOME_LABELS,
  DECLINE_GRACE_DAYS,
  INTRODUCTION_MESSAGE_MAX_LENGTH,
  INTRODUCTIONS_PER_DAY,
} from '../../../domain/introductions/introduction.ts';
import type { FieldError } from '../../../domain/shared/result.ts';
import { authorize, requireSignedIn } from '../../plugins/actor.ts';
import { presentForm } from '../../presenters/form.presenter.ts';
import { formatDateTime } from '../../presenters/time.ts';

type Body = Record<string, unknown>;

/** Banners after a change, chosen by a key so nothing else can be injected. */
const DONE: Record<string, string> = {
  asked: 'Your request was sent. You will get an email with their address if they accept.',
  accepted:
    'You accepted the introduction. Convene is emailing you both each other’s email address.',
  declined: 'You declined the request. They are not told.',
  blocked:
    'The person is blocked: their requests waiting for you were declined, and they cannot ask you again. They are not told.',
  unblocked: 'The person is no longer blocked.',
};

const STATUS_LABELS = {
  pending: 'Waiting for your answer',
  accepted: 'You accepted',
  declined: 'You declined',
} as const;

/** Signed-in people of any edition only, before anything is looked up. */
function authorizeIntroductions(request: FastifyRequest) {
  const actor = requireSignedIn(request);
  authorize(request, 'introductions.use');
  return actor;
}

/**
 * Introductions with consent: asking (from the directory, a suggested peer or someone met),
 * answering, blocking and unblocking, and the page of one's requests. No page here ever shows an
 * email address: they are only ever sent by email, once a request is accepted.
 */
export async function introductionRoutes(app: FastifyInstance, { deps }: { deps: UseCaseDeps }) {
  const renderProblem = (reply: FastifyReply, problem: IntroductionProblem, backPath: string) =>
    reply.render(
      'error.njk',
      {
        title:
          problem.status === 429
            ? 'You cannot ask for more introductions yet'
            : 'There is a problem with the request',
        message: problem.errors.map((error) => error.message).join(' '),
        backPath,
      },
      problem.status,
    );

  app.get<{ Querystring: { done?: string } }>('/introductions', async (request, reply) => {
    const actor = authorizeIntroductions(request);
    const overview = await listIntroductions(deps, actor);
    const zone = request.viewerTimeZone ?? 'UTC';
    return reply.render('introductions/list.njk', {
      title: 'Introductions',
      done: request.query.done ? DONE[request.query.done] : undefined,
      graceDays: DECLINE_GRACE_DAYS,
      incoming: overview.incoming.map((i) => ({
        ...i,
        when: formatDateTime(i.createdAt, zone),
        statusLabel: STATUS_LABELS[i.status],
        paragraphs: i.message.split(/\n+/),
      })),
      outgoing: overview.outgoing.map((i) => ({
        ...i,
        when: formatDateTime(i.createdAt, zone),
        outcomeLabel: ASKER_OUTCOME_LABELS[i.outcome],
        paragraphs: i.message.split(/\n+/),
      })),
      blocked: overview.blocked.map((b) => ({ ...b, when: formatDateTime(b.blockedAt, zone) })),
    });
  });

  const renderAsk = async (
    request: FastifyRequest<{ Params: { personId: string } }>,
    reply: FastifyReply,
    options: { values?: Body; errors?: FieldError[]; status?: number } = {},
  ) => {
    const actor = authorizeIntroductions(request);
    const target = await loadAskTarget(deps, actor, request.params.personId);
    const errors = options.errors ?? [];
    return reply.render(
      'introductions/ask.njk',
      {
        title: `Ask for an introduction to ${target.name}`,
        target,
        isSelf: target.id === actor.personId,
        action: `/introductions/ask/${encodeURIComponent(target.id)}`,
        messageLimit: INTRODUCTION_MESSAGE_MAX_LENGTH.toLocaleString('en-GB'),
        perDay: INTRODUCTIONS_PER_DAY,
        form: presentForm(options.values ?? {}, errors),
      },
      options.status ?? (errors.length > 0 ? 400 : 200),
    );
  };

  app.get<{ Params: { personId: string } }>('/introductions/ask/:personId', (request, reply) =>
    renderAsk(request, reply),
  );

  app.post<{ Params: { personId: string }; Body: Body }>(
    '/introductions/ask/:personId',
    async (request, reply) => {
      const actor = authorizeIntroductions(request);
      const body = (request.body ?? {}) as Body;
      const result = await requestIntroduction(deps, actor, {
        personId: request.params.personId,
        message: body.message,
      });
      if (result.ok) return reply.redirect('/introductions?done=asked', 303);
      if (result.status === 429) {
        if (result.refusal?.reason === 'rate-limited')
          reply.header(
            'retry-after',
            String(
              Math.max(
                1,
                Math.ceil((Date.parse(result.refusal.retryAt) - deps.clock.now().getTime()) / 1000),
              ),
            ),
          );
        return renderProblem(reply, result, '/introductions');
      }
      return renderAsk(request, reply, {
        values: { message: body.message },
        errors: result.errors,
        status: result.status,
      });
    },
  );

  app.post<{ Params: { introductionId: string }; Body: Body }>(
    '/introductions/:introductionId/answer',
    async (request, reply) => {
      const actor = authorizeIntroductions(request);
      const body = (request.body ?? {}) as Body;
      const result = await answerIntroduction(
        deps,
        actor,
        request.params.introductionId,
        body.decision,
      );
      if (!result.ok) return renderProblem(reply, result, '/introductions');
      return reply.redirect(`/introductions?done=${result.status}`, 303);
    },
  );

  app.post<{ Body: Body }>('/introductions/blocks', async (request, reply) => {
    const actor = authorizeIntroductions(request);
    const body = (request.body ?? {}) as Body;
    const personId = typeof body.personId === 'string' ? body.personId : '';
    if (!personId)
      return renderProblem(
        reply,
        {
          ok: false,
          status: 400,
          errors: [{ field: 'personId', message: 'Choose the person to block. Reload the page.' }],
        },
        '/introductions',
      );
    const result = await blockPerson(deps, actor, personId);
    if (!result.ok) return renderProblem(reply, result, '/introductions');
    return reply.redirect('/introductions?done=blocked#blocked', 303);
  });

  app.post<{ Params: { personId: string } }>(
    '/introductions/blocks/:personId/remove',
    async (request, reply) => {
      const actor = authorizeIntroductions(request);
      await unblockPerson(deps, actor, request.params.personId);
      return reply.redirect('/introductions?done=unblocked#blocked', 303);
    },
  );
}
