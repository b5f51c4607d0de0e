import type { FastifyInstance } from 'fastify';
import { loadMyBreakoutRooms } from '../../../app/breakouts/breakout.queries.ts';
import { NotFoundError, type UseCaseDeps } from '../../../app/deps.ts';
import { authorize } from '../../plugins/actor.ts';
import { presentMyBreakoutRooms } from '../../presenters/breakouts.presenter.ts';

/** "Your breakout room": the room each of the edition's people sits in, once published. */
export async function breakoutRoomRoutes(app: FastifyInstance, { deps }: { deps: UseCaseDeps }) {
  app.get<{ Params: { slug: string } }>('/editions/:slug/breakouts', async (request, reply) => {
    const edition = await deps.store.programme.findEditionBySlug(request.params.slug);
    if (!edition) throw new NotFoundError(`The edition "${request.params.slug}"`);
    authorize(request, 'breakouts.view-own', {
      editionId: edition.id,
      editionStatus: edition.status,
    });
    const mine = await loadMyBreakoutRooms(deps, request.actor, edition.slug);
    const viewerId = request.actor.kind === 'person' ? request.actor.personId : '';
    const zone = request.viewerTimeZone ?? edition.homeTimeZone;
    return reply.render('programme/breakouts.njk', {
      title: 'Your breakout room',
      edition: { ...edition, path: `/editions/${edition.slug}` },
      shownTimeZone: zone,
      homeTimeZone: edition.homeTimeZone,
      // This page shows each member's own time instead of the organizers'.
      withoutHomeTime: true,
      ...presentMyBreakoutRooms(mine, viewerId, zone, deps.clock.now()),
    });
  });
}
