import type { FastifyInstance, FastifyRequest } from 'fastify';
import { listAcquaintances } from '../../../app/directory/people-met.queries.ts';
import type { UseCaseDeps } from '../../../app/deps.ts';
import { authorize, requireSignedIn } from '../../plugins/actor.ts';
import {
  peopleMetCsv,
  peopleMetVcards,
  presentPeopleMet,
} from '../../presenters/people-met.presenter.ts';

/**
 * Each person's private list of the people they met, in breakout rooms and session rooms, and
 * its exports as CSV and vCard. Only the person themself sees it.
 */
export async function peopleMetRoutes(app: FastifyInstance, { deps }: { deps: UseCaseDeps }) {
  /** Who is asking, once the policy allows them their own list, and the zone to show times in. */
  const load = async (request: FastifyRequest) => {
    authorize(request, 'people-met.view', {
      personId: request.actor.kind === 'person' ? request.actor.personId : undefined,
    });
    const person = requireSignedIn(request);
    const [people, [record]] = await Promise.all([
      listAcquaintances(deps, person.personId),
      deps.store.people.findPeopleByIds([person.personId]),
    ]);
    const zone = request.viewerTimeZone ?? record?.timeZone ?? 'UTC';
    return { people, zone };
  };

  app.get('/people-met', async (request, reply) => {
    const { people, zone } = await load(request);
    return reply.render('directory/people-met.njk', {
      title: 'People you met',
      people: presentPeopleMet(people, zone),
      zone: zone.replace(/_/g, ' '),
    });
  });

  app.get('/people-met.csv', async (request, reply) => {
    const { people, zone } = await load(request);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="people-you-met.csv"')
      .header('cache-control', 'private, no-store')
      .send(peopleMetCsv(people, zone));
  });

  app.get('/people-met.vcf', async (request, reply) => {
    const { people, zone } = await load(request);
    return reply
      .type('text/vcard; charset=utf-8')
      .header('content-disposition', 'attachment; filename="people-you-met.vcf"')
      .header('cache-control', 'private, no-store')
      .send(peopleMetVcards(people, zone));
  });
}
