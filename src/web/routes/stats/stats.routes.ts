import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UseCaseDeps } from '../../../app/deps.ts';
import {
  findCurrentEditionForStats,
  findEditionForStats,
  loadEditionStats,
  loadStatsAcrossEditions,
} from '../../../app/stats/stats.queries.ts';
import type { Edition } from '../../../domain/convening/edition.ts';
import { authorize } from '../../plugins/actor.ts';
import {
  presentEditionStats,
  presentStatsAcrossEditions,
} from '../../presenters/stats.presenter.ts';

/** The numbers of a convening: each edition's, the current edition's, and across editions. Aggregates only. */
export async function statsRoutes(app: FastifyInstance, { deps }: { deps: UseCaseDeps }) {
  const renderEdition = async (
    request: FastifyRequest,
    reply: FastifyReply,
    edition: Edition,
    isCurrent: boolean,
  ) => {
    // As for the edition's programme: a draft's numbers are for its own people only.
    authorize(request, 'stats.view', { editionId: edition.id, editionStatus: edition.status });
    const stats = await loadEditionStats(deps, edition);
    return reply.render('stats/edition-stats.njk', presentEditionStats(stats, { isCurrent }));
  };

  app.get('/stats', async (request, reply) => {
    const edition = await findCurrentEditionForStats(deps);
    if (!edition) return reply.render('stats/no-stats.njk', { title: 'The numbers' });
    return renderEdition(request, reply, edition, true);
  });

  app.get<{ Params: { slug: string } }>('/editions/:slug/stats', async (request, reply) =>
    renderEdition(request, reply, await findEditionForStats(deps, request.params.slug), false),
  );

  app.get('/stats/editions', async (request, reply) => {
    const rows = await loadStatsAcrossEditions(deps, request.actor);
    return reply.render('stats/across-editions.njk', presentStatsAcrossEditions(rows));
  });
}
