import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError, type UseCaseDeps } from '../../../app/deps.ts';
import {
  grantEditionRole,
  listEditionTeam,
  revokeEditionRole,
} from '../../../app/roles/edition-roles.ts';
import { EDITION_ROLE_LABELS, GRANTED_ROLES } from '../../../domain/access/roles.ts';
import type { FieldError } from '../../../domain/shared/result.ts';
import { authorize } from '../../plugins/actor.ts';
import { presentForm } from '../../presenters/form.presenter.ts';

type Params = { slug: string };
type Body = Record<string, unknown>;

/** Messages shown once after a change, chosen by a key in the address so nothing else can be injected. */
const DONE: Record<string, string> = {
  granted: 'The role was given.',
  revoked: 'The role was removed.',
};

async function authorizeRoles(deps: UseCaseDeps, request: FastifyRequest) {
  const { slug } = request.params as Params;
  const edition = await deps.store.programme.findEditionBySlug(slug);
  if (!edition) throw new NotFoundError(`The edition "${slug}"`);
  authorize(request, 'roles.manage', { editionId: edition.id, editionStatus: edition.status });
  return edition;
}

/** Who runs an edition: giving people the organizer, moderator and rapporteur roles, and taking them away. */
export async function roleRoutes(app: FastifyInstance, { deps }: { deps: UseCaseDeps }) {
  const renderPage = async (
    reply: FastifyReply,
    request: FastifyRequest,
    options: { values?: Body; errors?: FieldError[]; done?: string; revokeError?: string } = {},
  ) => {
    const { slug } = request.params as Params;
    const team = await listEditionTeam(deps, slug);
    const errors = options.errors ?? [];
    const selfId = request.actor.kind === 'person' ? request.actor.personId : null;
    return reply.render(
      'organize/people.njk',
      {
        title: `People who run ${team.edition.name}`,
        edition: team.edition,
        groups: GRANTED_ROLES.map((role) => ({
          role,
          label: `${EDITION_ROLE_LABELS[role]}s`,
          members: team.members
            .filter((member) => member.role === role)
            .map(({ person }) => ({ ...person, isSelf: person.id === selfId })),
        })),
        roles: GRANTED_ROLES.map((value) => ({ value, label: EDITION_ROLE_LABELS[value] })),
        form: presentForm(options.values ?? { role: 'moderator' }, errors),
        done: options.done ? DONE[options.done] : undefined,
        revokeError: options.revokeError,
      },
      errors.length > 0 ? 400 : options.revokeError ? 409 : 200,
    );
  };

  app.get<{ Params: Params; Querystring: { done?: string } }>(
    '/editions/:slug/people',
    async (request, reply) => {
      await authorizeRoles(deps, request);
      return renderPage(reply, request, { done: request.query.done });
    },
  );

  app.post<{ Params: Params; Body: Body }>('/editions/:slug/people', async (request, reply) => {
    const edition = await authorizeRoles(deps, request);
    const body = request.body ?? {};
    const result = await grantEditionRole(deps, request.actor, edition.slug, body);
    if (!result.ok) return renderPage(reply, request, { values: body, errors: result.errors });
    return reply.redirect(`/organize/editions/${edition.slug}/people?done=granted`, 303);
  });

  app.post<{ Params: Params; Body: Body }>(
    '/editions/:slug/people/revoke',
    async (request, reply) => {
      const edition = await authorizeRoles(deps, request);
      const body = request.body ?? {};
      const outcome = await revokeEditionRole(
        deps,
        request.actor,
        edition.slug,
        String(body.personId ?? ''),
        String(body.role ?? ''),
      );
      if (!outcome.ok) return renderPage(reply, request, { revokeError: outcome.reason });
      const isSelf =
        request.actor.kind === 'person' && request.actor.personId === outcome.member.person.id;
      // Someone who stepped down as organizer can no longer see the page: take them somewhere they can.
      if (isSelf && outcome.member.role === 'organizer') return reply.redirect('/account', 303);
      return reply.redirect(`/organize/editions/${edition.slug}/people?done=revoked`, 303);
    },
  );
}
