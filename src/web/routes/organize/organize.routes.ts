import type { FastifyInstance } from 'fastify';
import { NotFoundError, type UseCaseDeps } from '../../../app/deps.ts';
import { listEditions } from '../../../app/programme/programme.queries.ts';
import { EDITION_STATUS_LABELS } from '../../../domain/convening/edition.ts';
import { authorize } from '../../plugins/actor.ts';
import { formatDateSpan } from '../../presenters/time.ts';
import type { BreakoutOptions } from '../../../app/breakouts/plan-breakout-rounds.ts';
import { auditRoutes } from './audit.routes.ts';
import { breakoutRoutes } from './breakout.routes.ts';
import { organizeWriteupsRoutes } from '../writeups/organize-writeups.routes.ts';
import { organizeReportRoutes } from '../writeups/report.routes.ts';
import { dayRoutes } from './day.routes.ts';
import { editionRoutes } from './edition.routes.ts';
import { fairnessRoutes } from './fairness.routes.ts';
import { inviteeRoutes } from './invitee.routes.ts';
import { roleRoutes } from './role.routes.ts';
import { invitationRoutes } from './invitation.routes.ts';
import { sessionRoutes } from './session.routes.ts';
import { themeRoutes } from './theme.routes.ts';
import { followUpGroupRoutes } from './follow-up-group.routes.ts';

/** The organizer's pages: every route under /organize asks the policy first. */
export async function organizeRoutes(
  app: FastifyInstance,
  options: { deps: UseCaseDeps; breakouts?: BreakoutOptions },
) {
  await app.register(
    async (organize) => {
      // Every organizer page asks the policy: about the edition in its address, or, for the
      // list and a new edition, whether the person organizes any edition at all.
      organize.addHook('preHandler', async (request) => {
        const slug = (request.params as { slug?: string }).slug;
        if (slug === undefined) return authorize(request, 'edition.create');
        const edition = await options.deps.store.programme.findEditionBySlug(slug);
        if (!edition) throw new NotFoundError(`The edition "${slug}"`);
        authorize(request, 'edition.manage', {
          editionId: edition.id,
          editionStatus: edition.status,
        });
      });

      organize.get('/', async (_request, reply) => {
        const editions = await listEditions(options.deps);
        return reply.render('organize/index.njk', {
          title: 'Organize',
          editions: editions.map((edition) => ({
            ...edition,
            dateSpan: formatDateSpan(edition.startDate, edition.endDate),
            statusLabel: EDITION_STATUS_LABELS[edition.status],
          })),
        });
      });

      await organize.register(editionRoutes, options);
      await organize.register(dayRoutes, options);
      await organize.register(themeRoutes, options);
      await organize.register(sessionRoutes, options);
      await organize.register(fairnessRoutes, options);
      await organize.register(auditRoutes, options);
      await organize.register(inviteeRoutes, options);
      await organize.register(roleRoutes, options);
      await organize.register(invitationRoutes, options);
      await organize.register(breakoutRoutes, options);
      await organize.register(organizeWriteupsRoutes, options);
      await organize.register(organizeReportRoutes, options);
      await organize.register(followUpGroupRoutes, options);
    },
    { prefix: '/organize' },
  );
}
