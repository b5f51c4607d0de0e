import type { FastifyInstance } from 'fastify';

/** Reports whether the product can serve: used by load balancers and people on call. */
export async function healthRoutes(
  app: FastifyInstance,
  options: { checkHealth: () => Promise<{ database: string; migration: string | null }> },
) {
  app.get('/healthz', { config: { skipActor: true } }, async (_request, reply) => {
    try {
      const { database, migration } = await options.checkHealth();
      return reply.code(200).send({ status: 'ok', database, migration });
    } catch (error) {
      app.log.error({ err: error }, 'health check failed: database unreachable');
      return reply
        .code(503)
        .send({ status: 'unavailable', reason: 'The database cannot be reached.' });
    }
  });
}
