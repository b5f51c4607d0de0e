import type { FastifyInstance, FastifyReply } from 'fastify';
import type { UseCaseDeps } from '../../../app/deps.ts';
import {
  checkAccountDeletion,
  deleteAccount,
  DELETED_ACCOUNT_LABEL,
} from '../../../app/privacy/delete-account.ts';
import { exportPersonalData } from '../../../app/privacy/export-personal-data.ts';
import { authorize, requireSignedIn } from '../../plugins/actor.ts';

export interface AccountDataRouteOptions {
  deps: UseCaseDeps;
  /** The cookie that holds the browser's session, cleared when the account is deleted. */
  sessionCookie: string;
}

/** A person's own data: download everything held about them, or delete their account. */
export async function accountDataRoutes(app: FastifyInstance, options: AccountDataRouteOptions) {
  const { deps } = options;

  app.get('/account/data.json', async (request, reply) => {
    const person = requireSignedIn(request);
    authorize(request, 'account.view', { personId: person.personId });
    const data = await exportPersonalData(deps, person);
    const date = data.exportedAt.slice(0, 10);
    return (
      reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="convene-your-data-${date}.json"`)
        // Personal data: never kept by a shared cache or the browser's back button.
        .header('cache-control', 'no-store')
        .send(`${JSON.stringify(data, null, 2)}\n`)
    );
  });

  const renderDeletePage = async (
    reply: FastifyReply,
    onlyOrganizerOf: { slug: string; name: string }[],
    status = 200,
  ) =>
    reply.render(
      'access/delete-account.njk',
      { title: 'Delete your account', onlyOrganizerOf, deletedLabel: DELETED_ACCOUNT_LABEL },
      status,
    );

  app.get('/account/delete', async (request, reply) => {
    const person = requireSignedIn(request);
    authorize(request, 'account.delete', { personId: person.personId });
    const check = await checkAccountDeletion(deps, person);
    return renderDeletePage(reply, check.allowed ? [] : check.onlyOrganizerOf);
  });

  app.post('/account/delete', async (request, reply) => {
    const person = requireSignedIn(request);
    authorize(request, 'account.delete', { personId: person.personId });
    const result = await deleteAccount(deps, person);
    if (!result.allowed) return renderDeletePage(reply, result.onlyOrganizerOf, 409);
    reply.clearCookie(options.sessionCookie, { path: '/' });
    return reply.redirect('/account/deleted', 303);
  });

  app.get('/account/deleted', async (_request, reply) =>
    reply.render('access/account-deleted.njk', { title: 'Your account has been deleted' }),
  );
}
