import type { FastifyInstance } from 'fastify';
import type { UseCaseDeps } from '../../../app/deps.ts';
import { EDITION_ROLE_LABELS } from '../../../domain/access/roles.ts';
import { can } from '../../../domain/policy/policy.ts';
import { authorize, requireSignedIn } from '../../plugins/actor.ts';
import { DONE_MESSAGES } from '../../presenters/form.presenter.ts';

/** How an invitee's answer reads on their account page. */
const ANSWER_LABELS: Record<string, string> = {
  invited: 'Not answered yet',
  registered: 'You are registered',
  declined: 'You cannot attend',
};

/** A signed-in person's own page: who they are signed in as, their roles and invitations, their data. */
export async function accountRoutes(app: FastifyInstance, { deps }: { deps: UseCaseDeps }) {
  app.get<{ Querystring: { done?: string } }>('/account', async (request, reply) => {
    const person = requireSignedIn(request);
    authorize(request, 'account.view', { personId: person.personId });
    const actor = person;
    const [editions, invitations] = await Promise.all([
      deps.store.programme.listEditions(),
      deps.store.access.listInvitationsOf(actor.personId),
    ]);
    const rows = editions
      .map((edition) => {
        const invitation = invitations.find((i) => i.editionId === edition.id);
        const canRespond = can(actor, 'registration.respond', {
          editionId: edition.id,
          editionStatus: edition.status,
        });
        return {
          name: edition.name,
          slug: edition.slug,
          roles: actor.memberships
            .filter((m) => m.editionId === edition.id)
            .map((m) => EDITION_ROLE_LABELS[m.role]),
          isInvited: actor.invitedEditionIds.includes(edition.id),
          answer: invitation ? ANSWER_LABELS[invitation.status] : null,
          registration:
            invitation && canRespond
              ? {
                  path: `/editions/${edition.slug}/registration`,
                  label: invitation.status === 'invited' ? 'Register' : 'Change your answers',
                }
              : null,
        };
      })
      .filter((row) => row.roles.length > 0 || row.isInvited);
    return reply.render('access/account.njk', {
      title: 'Your account',
      editions: rows,
      canUseDirectory: can(actor, 'directory.browse'),
      done: request.query.done ? DONE_MESSAGES[request.query.done] : undefined,
    });
  });
}
