import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { can, type Action, type Actor, type PolicySubject } from '../../domain/policy/policy.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
}

/** Raised when the policy says no; answered with a 403 page that says what to do. */
export class ForbiddenError extends Error {
  constructor(action: Action) {
    super(`You do not have permission to do this (${action}).`);
    this.name = 'ForbiddenError';
  }
}

/** Asks the policy module; throws ForbiddenError when the actor may not do the action. */
export function authorize(
  request: FastifyRequest,
  action: Action,
  subject: PolicySubject = {},
): void {
  if (!can(request.actor, action, subject)) throw new ForbiddenError(action);
}

/**
 * Works out who is asking. Until sign-in exists, the development switch makes everyone an
 * organizer on the embedded default; without it everyone is a visitor.
 */
export const actorPlugin = fp(async (app: FastifyInstance, options: { devOrganizer: boolean }) => {
  // Fastify wants a decorator's initial value; the hook below sets the real one on every request.
  (app.decorateRequest as (name: string, value: unknown) => void).call(app, 'actor', null);
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    request.actor = options.devOrganizer
      ? { kind: 'organizer', via: 'development-switch' }
      : { kind: 'visitor' };
    request.pageGlobals.isOrganizer = request.actor.kind === 'organizer';
    request.pageGlobals.devOrganizer = options.devOrganizer;
  });
});
