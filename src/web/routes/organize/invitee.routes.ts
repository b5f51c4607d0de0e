import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError, type UseCaseDeps } from '../../../app/deps.ts';
import { exportAttendeeList } from '../../../app/invitees/export-attendee-list.ts';
import {
  confirmInviteeImport,
  previewInviteeImport,
  type InviteeImportPreview,
} from '../../../app/invitees/import-invitees.ts';
import { INVITEE_CSV_COLUMNS } from '../../../app/invitees/invitee-file.ts';
import { listInvitees } from '../../../app/invitees/invitee.queries.ts';
import type { ImportProblem } from '../../../app/programme/programme-document.ts';
import type { Edition } from '../../../domain/convening/edition.ts';
import type { FieldError } from '../../../domain/shared/result.ts';
import { authorize } from '../../plugins/actor.ts';
import { isUploadTooLarge, UPLOAD_TOO_LARGE } from '../../plugins/uploads.ts';
import { presentForm } from '../../presenters/form.presenter.ts';
import {
  importedBanner,
  importedPath,
  presentInviteeList,
  presentPreview,
  presentProblems,
} from '../../presenters/invitees.presenter.ts';

type Params = { slug: string };
type Body = Record<string, unknown>;

/** Finds the edition in the address and asks the policy whether the actor manages its invitees. */
async function authorizeInvitees(deps: UseCaseDeps, request: FastifyRequest): Promise<Edition> {
  const { slug } = request.params as Params;
  const edition = await deps.store.programme.findEditionBySlug(slug);
  if (!edition) throw new NotFoundError(`The edition "${slug}"`);
  authorize(request, 'invitees.manage', { editionId: edition.id, editionStatus: edition.status });
  return edition;
}

function textField(body: Body, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : '';
}

/** The invitee list, importing invitees from a CSV file, and the attendee list as a file. */
export async function inviteeRoutes(app: FastifyInstance, { deps }: { deps: UseCaseDeps }) {
  // An upload over the limits is refused before any handler runs: say so, with the way back.
  app.setErrorHandler(async (error, request, reply) => {
    if (!isUploadTooLarge(error)) throw error;
    const { slug } = request.params as Params;
    return reply.render(
      'error.njk',
      { ...UPLOAD_TOO_LARGE, backPath: `/organize/editions/${slug}/invitees/import` },
      413,
    );
  });

  const renderImportForm = (
    reply: FastifyReply,
    edition: Edition,
    options: {
      pasted?: string;
      errors?: FieldError[];
      problems?: ImportProblem[];
      /** Where the rows with problems came from: the file chosen, or the rows pasted in the box. */
      source?: 'file' | 'csv';
    } = {},
  ) => {
    const problems = options.problems ?? [];
    const errors = options.errors ?? [];
    const source = options.source ?? 'file';
    // The field the rows came from is the one marked, so the error is read where it is fixed.
    const sourceError =
      problems.length === 0
        ? []
        : source === 'csv'
          ? [
              {
                field: 'csv',
                message: 'Fix the problems listed above in the rows, then check them again.',
              },
            ]
          : [
              {
                field: 'file',
                message: 'Fix the problems listed above, then check the file again.',
              },
            ];
    return reply.render(
      'organize/invitee-import.njk',
      {
        title: 'Import invitees',
        edition,
        columns: INVITEE_CSV_COLUMNS,
        form: presentForm({ csv: options.pasted ?? '' }, [...errors, ...sourceError]),
        problems: problems.length > 0 ? presentProblems(problems, source) : null,
        pastedRows: source === 'csv',
        errorTitlePrefix: problems.length > 0,
      },
      errors.length > 0 || problems.length > 0 ? 400 : 200,
    );
  };

  const renderPreview = (
    reply: FastifyReply,
    edition: Edition,
    preview: InviteeImportPreview,
    changedMeanwhile = false,
  ) =>
    reply.render(
      'organize/invitee-import-preview.njk',
      {
        title: 'Check the changes before importing',
        edition,
        preview: presentPreview(preview),
        text: preview.text,
        fingerprint: preview.fingerprint,
        hasChanges: preview.hasChanges,
        changedMeanwhile,
      },
      changedMeanwhile ? 409 : 200,
    );

  app.get<{ Params: Params; Querystring: Record<string, string | undefined> }>(
    '/editions/:slug/invitees',
    async (request, reply) => {
      await authorizeInvitees(deps, request);
      const list = await listInvitees(deps, request.params.slug);
      return reply.render('organize/invitees.njk', {
        title: `Invitees: ${list.edition.name}`,
        edition: list.edition,
        ...presentInviteeList(list),
        done: importedBanner(request.query),
      });
    },
  );

  app.get<{ Params: Params }>('/editions/:slug/invitees/import', async (request, reply) =>
    renderImportForm(reply, await authorizeInvitees(deps, request)),
  );

  app.post<{ Params: Params; Body: Body }>(
    '/editions/:slug/invitees/import',
    async (request, reply) => {
      const edition = await authorizeInvitees(deps, request);
      const body = request.body ?? {};
      const upload = Buffer.isBuffer(body.file) && body.file.length > 0 ? body.file : null;
      const pasted = textField(body, 'csv');
      if (!upload && pasted.trim() === '') {
        return renderImportForm(reply, edition, {
          errors: [
            {
              field: 'file',
              message: 'Choose a CSV file to upload, or paste the rows of the file into the box.',
            },
          ],
        });
      }
      if (upload && pasted.trim() !== '') {
        return renderImportForm(reply, edition, {
          pasted,
          errors: [
            {
              field: 'file',
              message:
                'Choose a file or paste the rows, not both. Empty the box to import the file.',
            },
          ],
        });
      }
      const check = await previewInviteeImport(deps, edition.slug, upload ?? pasted);
      if (!check.ok)
        return renderImportForm(reply, edition, {
          pasted,
          problems: check.problems,
          source: upload ? 'file' : 'csv',
        });
      return renderPreview(reply, edition, check.preview);
    },
  );

  app.post<{ Params: Params; Body: Body }>(
    '/editions/:slug/invitees/import/confirm',
    async (request, reply) => {
      const edition = await authorizeInvitees(deps, request);
      const body = request.body ?? {};
      const outcome = await confirmInviteeImport(
        deps,
        request.actor,
        edition.slug,
        textField(body, 'csv'),
        textField(body, 'fingerprint'),
      );
      if (outcome.status === 'refused')
        return renderImportForm(reply, edition, { problems: outcome.problems });
      if (outcome.status === 'changed') return renderPreview(reply, edition, outcome.preview, true);
      return reply.redirect(importedPath(edition.slug, outcome.counts), 303);
    },
  );

  app.get<{ Params: Params }>('/editions/:slug/attendees.csv', async (request, reply) => {
    const edition = await authorizeInvitees(deps, request);
    const file = await exportAttendeeList(deps, request.actor, edition.slug);
    return (
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        // Personal data, accessibility needs among it: no copy is kept along the way.
        .header('cache-control', 'no-store')
        .send(file.csv)
    );
  });
}
