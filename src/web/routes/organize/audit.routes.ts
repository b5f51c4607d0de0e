import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import type { UseCaseDeps } from '../../../app/deps.ts';
import { loadProgramme } from '../../../app/programme/programme.queries.ts';
import { authorize } from '../../plugins/actor.ts';

/** How many entries the audit page shows, newest first. */
const AUDIT_PAGE_SIZE = 500;

/** The audit log of an edition: who did what, and when, for its organizers. */
export async function auditRoutes(app: FastifyInstance, { deps }: { deps: UseCaseDeps }) {
  app.get<{ Params: { slug: string } }>('/editions/:slug/audit', async (request, reply) => {
    const { edition } = await loadProgramme(deps, request.params.slug);
    authorize(request, 'audit.view', { editionId: edition.id, editionStatus: edition.status });
    const entries = await deps.store.audit.listForEdition(edition.id, AUDIT_PAGE_SIZE);
    const zone = request.viewerTimeZone ?? edition.homeTimeZone;
    return reply.render('organize/audit.njk', {
      title: `Audit log: ${edition.name}`,
      edition,
      zone,
      entries: entries.map((entry) => ({
        ...entry,
        when: DateTime.fromISO(entry.at, { zone: 'utc' })
          .setZone(zone)
          .setLocale('en-GB')
          .toFormat('d LLL yyyy, HH:mm:ss ZZZZ'),
      })),
      limit: AUDIT_PAGE_SIZE,
    });
  });
}
