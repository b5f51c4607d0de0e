import type { FastifyInstance } from 'fastify';
import type { UseCaseDeps } from '../../../app/deps.ts';
import { listSuggestedPeers } from '../../../app/peers/suggested-peers.ts';
import { PEER_WEIGHTS } from '../../../domain/peers/suggest-peers.ts';
import { authorize, requireSignedIn } from '../../plugins/actor.ts';

/** Suggested peers: people from other governments worth meeting, each with the reasons why. */
export async function peerRoutes(app: FastifyInstance, { deps }: { deps: UseCaseDeps }) {
  app.get('/peers', async (request, reply) => {
    const actor = requireSignedIn(request);
    authorize(request, 'peers.view');
    const suggestions = await listSuggestedPeers(deps, actor);
    return reply.render('peers/suggestions.njk', {
      title: 'People worth meeting',
      weights: PEER_WEIGHTS,
      suggestions: suggestions.map((s) => ({
        ...s,
        reasons: s.reasons.map((reason) => reason.charAt(0).toUpperCase() + reason.slice(1)),
        askPath: `/introductions/ask/${encodeURIComponent(s.personId)}`,
      })),
    });
  });
}
