import type { FastifyInstance } from 'fastify';
import type { UseCaseDeps } from '../../../app/deps.ts';
import { assessEditionFairness } from '../../../app/programme/assess-fairness.ts';
import { authorize } from '../../plugins/actor.ts';
import { presentFairness } from '../../presenters/fairness.presenter.ts';

/** Time-zone fairness of an edition's programme for its invitees, with better times suggested. */
export async function fairnessRoutes(app: FastifyInstance, { deps }: { deps: UseCaseDeps }) {
  app.get<{ Params: { slug: string } }>('/editions/:slug/fairness', async (request, reply) => {
    const fairness = await assessEditionFairness(deps, request.params.slug);
    authorize(request, 'fairness.view', { editionId: fairness.edition.id });
    return reply.render('organize/fairness.njk', {
      title: `Time-zone fairness: ${fairness.edition.name}`,
      ...presentFairness(fairness),
    });
  });
}
