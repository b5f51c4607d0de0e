import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isOrganizerAnywhere, type Actor } from '../../domain/access/actor.ts';
import { can, type Action, type PolicySubject } from '../../domain/policy/policy.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
}

/** Raised when the policy says no; answered with a 403 page that says what to do. */
export class ForbiddenError extends Error {
  constructor(readonly action: Action) {
    super(`You do not have permission to do this (${action}).`);
    this.name = 'ForbiddenError';
  }
}

/** Raised when a page is for signed-in people and nobody is signed in: answered by asking them to sign in. */
export class SignInRequiredError extends Error {
  constructor() {
    super('Sign in to see this page.');
    this.name = 'SignInRequiredError';
  }
}

/** Narrows the actor to a signed-in person, or asks the visitor to sign in first. */
export function requireSignedIn(request: FastifyRequest): Extract<Actor, { kind: 'person' }> {
  if (request.actor.kind !== 'person') throw new SignInRequiredError();
  return request.actor;
}

/** Asks the policy module; throws ForbiddenError when the actor may not do the action. */
export function authorize(
  request: FastifyRequest,
  action: Action,
  subject: PolicySubject = {},
): void {
  if (!can(request.actor, action, subject)) throw new ForbiddenError(action);
}

/** Works out who is asking on every request, through the function the app is given. */
export const actorPlugin = fp(
  async (
    app: FastifyInstance,
    options: { resolveActor: (request: FastifyRequest) => Promise<Actor> },
  ) => {
    // Fastify wants a decorator's initial value; the hook below sets the real one on every request.
    (app.decorateRequest as (name: string, value: unknown) => void).call(app, 'actor', null);
    app.addHook('preHandler', async (request: FastifyRequest) => {
      // The health check answers about the database alone, even when looking up a session would fail.
      if ((request.routeOptions.config as { skipActor?: boolean } | undefined)?.skipActor) {
        request.actor = { kind: 'visitor' };
        return;
      }
      request.actor = await options.resolveActor(request);
      request.pageGlobals.actor =
        request.actor.kind === 'person'
          ? { name: request.actor.name, email: request.actor.email }
          : null;
      request.pageGlobals.isOrganizer = isOrganizerAnywhere(request.actor);
    });
  },
);
