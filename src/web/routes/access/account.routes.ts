import type { FastifyInstance } from 'fastify';
import type { UseCaseDeps } from '../../../app/deps.ts';
import { EDITION_ROLE_LABELS } from '../../../domain/access/roles.ts';
import { authorize } from '../../plugins/actor.ts';
import { DONE_MESSAGES } from '../../presenters/form.presenter.ts';

/** A signed-in person's own page: who they are signed in as, their roles and invitations. */
export async function accountRoutes(app: FastifyInstance, { deps }: { deps: UseCaseDeps }) {
  app.get<{ Querystring: { done?: string } }>('/account', async (request, reply) => {
    if (request.actor.kind !== 'person') return reply.redirect('/sign-in', 303);
    authorize(request, 'account.view', { personId: request.actor.personId });
    const editions = await deps.store.programme.listEditions();
    const actor = request.actor;
    const rows = editions
      .map((edition) => ({
        name: edition.name,
        slug: edition.slug,
        roles: actor.memberships
          .filter((m) => m.editionId === edition.id)
          .map((m) => EDITION_ROLE_LABELS[m.role]),
        isInvited: actor.invitedEditionIds.includes(edition.id),
      }))
      .filter((row) => row.roles.length > 0 || row.isInvited);
    return reply.render('access/account.njk', {
      title: 'Your account',
      editions: rows,
      done: request.query.done ? DONE_MESSAGES[request.query.done] : undefined,
    });
  });
}
