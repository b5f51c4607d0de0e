import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError, type UseCaseDeps } from '../../../app/deps.ts';
import {
  queueInvitations,
  retryFailedInvitations,
} from '../../../app/invitations/invitation.commands.ts';
import { loadInvitationOverview } from '../../../app/invitations/invitation.queries.ts';
import { authorize } from '../../plugins/actor.ts';
import {
  describeInvitationsDone,
  presentInvitationOverview,
} from '../../presenters/invitations.presenter.ts';

type Params = { slug: string };
type DoneQuery = { done?: string; queued?: string; skipped?: string; requeued?: string };

/** Sending personal invitations by email and following each one: sent, opened, answered. */
export async function invitationRoutes(app: FastifyInstance, { deps }: { deps: UseCaseDeps }) {
  const authorizeFor = async (request: FastifyRequest<{ Params: Params }>) => {
    const edition = await deps.store.programme.findEditionBySlug(request.params.slug);
    if (!edition) throw new NotFoundError(`The edition "${request.params.slug}"`);
    authorize(request, 'invitees.manage', {
      editionId: edition.id,
      editionStatus: edition.status,
    });
  };

  const renderPage = async (
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    extra: { done?: string; problem?: string } = {},
  ) => {
    const overview = await loadInvitationOverview(deps, request.params.slug);
    const zone = request.viewerTimeZone ?? overview.edition.homeTimeZone;
    return reply.render(
      'organize/invitations.njk',
      {
        title: `Invitations: ${overview.edition.name}`,
        ...presentInvitationOverview(overview, zone),
        ...extra,
        errorTitlePrefix: extra.problem !== undefined,
      },
      extra.problem ? 409 : 200,
    );
  };

  const pagePath = (slug: string) => `/organize/editions/${encodeURIComponent(slug)}/invitations`;

  app.get<{ Params: Params; Querystring: DoneQuery }>(
    '/editions/:slug/invitations',
    async (request, reply) => {
      await authorizeFor(request);
      return renderPage(request, reply, { done: describeInvitationsDone(request.query) });
    },
  );

  app.post<{ Params: Params; Body: { personIds?: string | string[] } }>(
    '/editions/:slug/invitations',
    async (request, reply) => {
      await authorizeFor(request);
      const raw = request.body?.personIds;
      const personIds = raw === undefined ? undefined : [raw].flat().map(String);
      const result = await queueInvitations(deps, request.actor, request.params.slug, {
        ...(personIds ? { personIds } : {}),
      });
      if (!result.ok) return renderPage(request, reply, { problem: result.reason });
      return reply.redirect(
        `${pagePath(request.params.slug)}?done=queued&queued=${result.queued}&skipped=${result.skipped}`,
        303,
      );
    },
  );

  app.post<{ Params: Params; Body: { mailId?: string } }>(
    '/editions/:slug/invitations/retry',
    async (request, reply) => {
      await authorizeFor(request);
      const mailId = request.body?.mailId ? String(request.body.mailId) : undefined;
      const result = await retryFailedInvitations(deps, request.actor, request.params.slug, {
        ...(mailId ? { mailId } : {}),
      });
      if (!result.ok) return renderPage(request, reply, { problem: result.reason });
      return reply.redirect(
        `${pagePath(request.params.slug)}?done=requeued&requeued=${result.requeued}`,
        303,
      );
    },
  );
}
