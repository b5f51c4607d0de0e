import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError, type UseCaseDeps } from '../../../app/deps.ts';
import {
  checkConfirmLink,
  confirmSubscription,
  subscribeToWriteups,
  unsubscribeFromWriteups,
} from '../../../app/writeups/subscriptions.ts';
import { normaliseEmail } from '../../../domain/people/person.ts';
import { authorize } from '../../plugins/actor.ts';
import { presentForm } from '../../presenters/form.presenter.ts';

/** Subscribe requests allowed per network address and per email address in each window. */
export interface SubscriptionRateLimit {
  perAddress: number;
  perEmail: number;
  windowMinutes: number;
}

const NO_LONGER_VALID = {
  title: 'This link is no longer valid',
  paragraphs: [
    'You are not subscribed with this link: the address was already unsubscribed, or the link is not complete. Nothing more will be sent because of it.',
  ],
};

/**
 * Email subscriptions to an edition's new write-ups: subscribing (double opt-in), confirming,
 * and unsubscribing from the link of any email alone, by GET or by the one-click POST of
 * RFC 8058 that mail clients send without a page or a cookie.
 */
export async function subscriptionRoutes(
  app: FastifyInstance,
  options: { deps: UseCaseDeps; rateLimit?: SubscriptionRateLimit },
) {
  const { deps } = options;
  const { perAddress, perEmail, windowMinutes } = options.rateLimit ?? {
    perAddress: 20,
    perEmail: 5,
    windowMinutes: 15,
  };
  // As for sign-in: one limit per network address, one per email address (subscribed or not,
  // so the limit tells nobody whether an address is).
  const perAddressLimit = app.createRateLimit({
    max: perAddress,
    timeWindow: windowMinutes * 60_000,
    keyGenerator: (request) => `writeup-subscribe-address:${request.ip}`,
  });
  const perEmailLimit = app.createRateLimit({
    max: perEmail,
    timeWindow: windowMinutes * 60_000,
    keyGenerator: (request) =>
      `writeup-subscribe-email:${normaliseEmail(String((request.body as { email?: unknown } | undefined)?.email ?? ''))}`,
  });
  const limitSubscribeRequests = async (request: FastifyRequest, reply: FastifyReply) => {
    for (const [limit, what] of [
      [perAddressLimit, 'this network'],
      [perEmailLimit, 'this email address'],
    ] as const) {
      const result = await limit(request);
      if (!result.isAllowed && result.isExceeded) {
        reply.header('retry-after', String(result.ttlInSeconds));
        return reply.render(
          'error.njk',
          {
            title: 'Too many requests to subscribe',
            message: `There have been too many requests to subscribe from ${what}. Wait ${windowMinutes} minutes, then try again. The emails already sent still work.`,
          },
          429,
        );
      }
    }
  };

  const findEdition = async (request: FastifyRequest, slug: string) => {
    const edition = await deps.store.programme.findEditionBySlug(slug);
    if (!edition) throw new NotFoundError(`The edition "${slug}"`);
    authorize(request, 'writeups.read', { editionId: edition.id, editionStatus: edition.status });
    return { ...edition, path: `/editions/${edition.slug}` };
  };

  app.post<{ Params: { slug: string }; Body: { email?: string } }>(
    '/editions/:slug/writeups/subscribe',
    { preHandler: limitSubscribeRequests },
    async (request, reply) => {
      const edition = await findEdition(request, request.params.slug);
      const email = String(request.body?.email ?? '').trim();
      const result = await subscribeToWriteups(deps, edition, email);
      if (!result.ok)
        return reply.render(
          'writeups/subscribe.njk',
          {
            title: `Subscribe to write-ups: ${edition.name}`,
            edition,
            subscribeForm: presentForm({ email }, result.errors),
          },
          400,
        );
      // The same answer whether or not the address was subscribed already.
      return reply.render('writeups/subscription-message.njk', {
        title: 'Check your email',
        notice: `If ${result.value.email} is not subscribed yet, we have sent it a link to confirm.`,
        paragraphs: [
          `Nothing about the write-ups of ${edition.name} is sent until the link is followed. If nothing arrives, check your spam folder.`,
        ],
        showOutbox: true,
        links: [{ href: `${edition.path}/writeups`, text: 'Back to the write-ups' }],
      });
    },
  );

  const confirmPath = (token: string) => `/writeups/subscriptions/confirm/${token}`;

  // Opening the link only shows a button: a mail scanner that opens links must not subscribe
  // anyone, or double opt-in would prove nothing.
  app.get<{ Params: { token: string } }>(
    '/writeups/subscriptions/confirm/:token',
    async (request, reply) => {
      const link = await checkConfirmLink(deps, request.params.token);
      if (!link.ok)
        return reply.render(
          'writeups/subscription-message.njk',
          {
            title: 'This link is no longer valid',
            paragraphs: [
              'Only the link in the newest confirmation email works, until you unsubscribe. Ask again from the write-ups page if you want to subscribe.',
            ],
          },
          404,
        );
      return reply.render('writeups/subscription-message.njk', {
        title: 'Confirm your subscription',
        paragraphs: [
          `${link.email} will be emailed when a new write-up of ${link.edition.name} is published.`,
        ],
        confirmAction: confirmPath(request.params.token),
      });
    },
  );

  app.post<{ Params: { token: string } }>(
    '/writeups/subscriptions/confirm/:token',
    async (request, reply) => {
      const result = await confirmSubscription(deps, request.params.token);
      if (!result.ok)
        return reply.render('writeups/subscription-message.njk', NO_LONGER_VALID, 404);
      return reply.render('writeups/subscription-message.njk', {
        title: 'You are subscribed',
        notice: `${result.email} will be emailed when a new write-up of ${result.edition.name} is published.`,
        paragraphs: ['Every email has a link to unsubscribe in one click.'],
        links: [{ href: `/editions/${result.edition.slug}/writeups`, text: 'Read the write-ups' }],
      });
    },
  );

  const unsubscribe = async (
    request: FastifyRequest<{ Params: { token: string } }>,
    reply: FastifyReply,
  ) => {
    const result = await unsubscribeFromWriteups(deps, request.params.token);
    if (!result.ok) return reply.render('writeups/subscription-message.njk', NO_LONGER_VALID, 404);
    const writeups = `/editions/${result.edition.slug}/writeups`;
    return reply.render('writeups/subscription-message.njk', {
      title: 'You are unsubscribed',
      notice: `${result.email} will not be emailed about write-ups of ${result.edition.name} any more.`,
      paragraphs: ['Convene no longer keeps the address for this subscription.'],
      links: [
        { href: `${writeups}#subscribe-title`, text: 'Subscribe again' },
        { href: writeups, text: 'Read the write-ups' },
      ],
    });
  };

  // The link works alone: opening it unsubscribes, with no sign-in and no button, as the
  // emails promise. The POST is RFC 8058's one-click unsubscribe from the List-Unsubscribe
  // header; the token in the address authorizes it, so it needs no CSRF token.
  app.get('/writeups/unsubscribe/:token', unsubscribe);
  app.post('/writeups/unsubscribe/:token', { config: { authorizedByToken: true } }, unsubscribe);
}
