import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UseCaseDeps } from '../../../app/deps.ts';
import {
  checkLink,
  completeSignIn,
  requestSignInLink,
  SESSION_DAYS,
  signOut,
  SIGN_IN_LINK_MINUTES,
  type LinkProblem,
} from '../../../app/access/sign-in.ts';
import { normaliseEmail } from '../../../domain/people/person.ts';
import { DONE_MESSAGES, presentForm } from '../../presenters/form.presenter.ts';
import { safeReturnPath } from '../system/preferences.routes.ts';

export interface SignInRouteOptions {
  deps: UseCaseDeps;
  secureCookies: boolean;
  sessionCookie: string;
  /** Where a visitor sent to sign in wanted to go. */
  returnCookie: string;
  /** Whether mail goes to the development outbox, so the page can point to it. */
  hasOutbox: boolean;
  /** Sign-in requests allowed per address and per email in each window. */
  rateLimit: { perAddress: number; perEmail: number; windowMinutes: number };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const LINK_PROBLEMS: Record<LinkProblem, { title: string; message: string }> = {
  unknown: {
    title: 'This link does not work',
    message: 'Check that you copied the whole link from the email, or ask for a new one.',
  },
  used: {
    title: 'This link has already been used',
    message: 'Each link works once. Ask for a new link to sign in.',
  },
  expired: {
    title: 'This link has expired',
    message: `Sign-in links work for ${SIGN_IN_LINK_MINUTES} minutes and invitation links for 14 days. Ask for a new link to sign in.`,
  },
};

/** Passwordless sign-in by emailed link, and signing out. */
export async function signInRoutes(app: FastifyInstance, options: SignInRouteOptions) {
  const { deps } = options;
  const { perAddress, perEmail, windowMinutes } = options.rateLimit;
  // Two limits: one per network address, one per email address (known or not, so the limit
  // itself never tells anyone whether an address is invited).
  const perAddressLimit = app.createRateLimit({
    max: perAddress,
    timeWindow: windowMinutes * 60_000,
    keyGenerator: (request) => `sign-in-address:${request.ip}`,
  });
  const perEmailLimit = app.createRateLimit({
    max: perEmail,
    timeWindow: windowMinutes * 60_000,
    keyGenerator: (request) =>
      `sign-in-email:${normaliseEmail(String((request.body as { email?: unknown } | undefined)?.email ?? ''))}`,
  });
  const limitSignInRequests = async (request: FastifyRequest, reply: FastifyReply) => {
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
            title: 'Too many requests for a sign-in link',
            message: `You have asked for too many links from ${what}. Wait ${windowMinutes} minutes, then try again. The links already sent still work.`,
            backPath: '/sign-in',
          },
          429,
        );
      }
    }
  };

  const setSession = (reply: FastifyReply, token: string) =>
    reply.setCookie(options.sessionCookie, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: options.secureCookies,
      maxAge: SESSION_DAYS * 24 * 60 * 60,
    });

  app.get<{ Querystring: { done?: string } }>('/sign-in', async (request, reply) => {
    if (request.actor.kind === 'person')
      return reply.render('access/signed-in.njk', { title: 'You are signed in' });
    const done = request.query.done ? DONE_MESSAGES[request.query.done] : undefined;
    return reply.render('access/sign-in.njk', { title: 'Sign in', form: presentForm({}), done });
  });

  app.post<{ Body: { email?: string } }>(
    '/sign-in',
    { preHandler: limitSignInRequests },
    async (request, reply) => {
      const email = String(request.body?.email ?? '').trim();
      if (!EMAIL.test(email)) {
        const message = email
          ? 'Enter an email address in the correct format, like name@example.org.'
          : 'Enter your email address.';
        return reply.render(
          'access/sign-in.njk',
          { title: 'Sign in', form: presentForm({ email }, [{ field: 'email', message }]) },
          400,
        );
      }
      await requestSignInLink(deps, email);
      return reply.render('access/check-email.njk', {
        title: 'Check your email',
        email,
        minutes: SIGN_IN_LINK_MINUTES,
        hasOutbox: options.hasOutbox,
      });
    },
  );

  const linkPage =
    (purpose: 'sign-in' | 'invitation') =>
    async (request: FastifyRequest<{ Params: { token: string } }>, reply: FastifyReply) => {
      const problem = await checkLink(deps, request.params.token, purpose);
      if (problem)
        return reply.render(
          'access/link-problem.njk',
          { ...LINK_PROBLEMS[problem] },
          problem === 'unknown' ? 404 : 410,
        );
      // Following the link only shows a button: mail scanners that open links must not use them up.
      return reply.render('access/confirm-link.njk', {
        title: purpose === 'invitation' ? 'Your invitation' : 'Sign in to Convene',
        purpose,
        action: request.url,
      });
    };

  const useLink =
    (purpose: 'sign-in' | 'invitation') =>
    async (request: FastifyRequest<{ Params: { token: string } }>, reply: FastifyReply) => {
      const result = await completeSignIn(deps, request.params.token, purpose);
      if (!result.ok)
        return reply.render(
          'access/link-problem.njk',
          { ...LINK_PROBLEMS[result.problem] },
          result.problem === 'unknown' ? 404 : 410,
        );
      setSession(reply, result.sessionToken);
      if (purpose === 'invitation' && result.editionId) {
        const edition = await deps.store.programme.findEditionById(result.editionId);
        if (edition) return reply.redirect(`/editions/${edition.slug}/registration`, 303);
      }
      const wanted = request.cookies[options.returnCookie];
      if (wanted) {
        reply.clearCookie(options.returnCookie, { path: '/' });
        const path = safeReturnPath(wanted);
        if (path !== '/programme' || wanted === '/programme') return reply.redirect(path, 303);
      }
      return reply.redirect('/account?done=signed-in', 303);
    };

  app.get('/sign-in/:token', linkPage('sign-in'));
  app.post('/sign-in/:token', useLink('sign-in'));
  app.get('/invitations/:token', linkPage('invitation'));
  app.post('/invitations/:token', useLink('invitation'));

  app.post('/sign-out', async (request, reply) => {
    await signOut(deps, request.cookies[options.sessionCookie]);
    reply.clearCookie(options.sessionCookie, { path: '/' });
    return reply.redirect('/sign-in?done=signed-out', 303);
  });
}
