import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route is authorized by a secret token in its address alone, and needs no CSRF token. */
    authorizedByToken?: boolean;
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Raised when a form arrives without the token of a page we served: expired, or sent from another site. */
export class CsrfError extends Error {
  constructor() {
    super(
      'This form has expired or was not sent from Convene. Go back, reload the page and try again.',
    );
    this.name = 'CsrfError';
  }
}

/**
 * Cross-site request forgery protection on every state-changing request: each page carries a
 * token (forms include partials/csrf.njk) tied to a signed cookie, and a request without a
 * matching token is refused before any handler runs.
 */
export const csrfPlugin = fp(async (app: FastifyInstance, options: { secureCookies: boolean }) => {
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'convene_csrf',
    cookieOpts: {
      signed: true,
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: options.secureCookies,
    },
    // Forms send the token as a field; scripts and other clients may send it as a header.
    getToken: (request: FastifyRequest) =>
      (request.body as { _csrf?: string } | undefined)?._csrf ??
      (request.headers['x-csrf-token'] as string | undefined),
  });
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const config = request.routeOptions.config as
      { skipActor?: boolean; authorizedByToken?: boolean } | undefined;
    // A route marked `authorizedByToken` acts only on what a secret token in its own address
    // names (one-click unsubscribe, RFC 8058: a mail client posts without any page or cookie).
    // A forged request would need the token, which only its email holds; so no CSRF token.
    if (UNSAFE_METHODS.has(request.method) && !config?.authorizedByToken) {
      await new Promise<void>((resolve, reject) => {
        app.csrfProtection(request, reply, (error?: Error) =>
          error ? reject(new CsrfError()) : resolve(),
        );
      });
    }
    // Every page gets a token for its forms; the same secret cookie serves them all.
    if (!config?.skipActor && !request.url.startsWith('/assets/'))
      request.pageGlobals.csrfToken = reply.generateCsrf();
  });
});
