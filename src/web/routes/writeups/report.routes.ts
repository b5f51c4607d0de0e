import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError, type UseCaseDeps } from '../../../app/deps.ts';
import {
  firstReportDraft,
  loadPublishedReport,
  loadReport,
  reportAttributionLeaks,
  saveReport,
  type ReportSaved,
} from '../../../app/writeups/report.ts';
import type { Edition } from '../../../domain/convening/edition.ts';
import type { FieldError } from '../../../domain/shared/result.ts';
import { REPORT_LIMITS } from '../../../domain/writeups/report.ts';
import { authorize } from '../../plugins/actor.ts';
import { presentForm } from '../../presenters/form.presenter.ts';
import { formatDateTime } from '../../presenters/time.ts';

type Body = Record<string, unknown>;

const DONE: Record<string, string> = {
  saved: 'The report was saved.',
  published: 'The report was published. Anyone who may see the edition can read it.',
  draft: 'The report is a draft again: it is no longer public.',
};

async function findEdition(deps: UseCaseDeps, slug: string): Promise<Edition> {
  const edition = await deps.store.programme.findEditionBySlug(slug);
  if (!edition) throw new NotFoundError(`The edition "${slug}"`);
  return edition;
}

/** The edition's published "themes and takeaways" report, printable; 404 until published. */
export async function reportPagesRoutes(app: FastifyInstance, { deps }: { deps: UseCaseDeps }) {
  app.get<{ Params: { slug: string } }>('/editions/:slug/report', async (request, reply) => {
    const edition = await findEdition(deps, request.params.slug);
    authorize(request, 'writeups.read', { editionId: edition.id, editionStatus: edition.status });
    const report = await loadPublishedReport(deps, edition);
    const zone = request.viewerTimeZone ?? edition.homeTimeZone;
    return reply.render('writeups/report.njk', {
      title: `Themes and takeaways: ${edition.name}`,
      edition: { ...edition, path: `/editions/${edition.slug}` },
      report,
      published: formatDateTime(report.publishedAt ?? report.updatedAt, zone),
    });
  });
}

/** Organizers draft, edit, publish and unpublish the edition's report (under /organize). */
export async function organizeReportRoutes(app: FastifyInstance, { deps }: { deps: UseCaseDeps }) {
  const authorizeReport = async (request: FastifyRequest<{ Params: { slug: string } }>) => {
    const edition = await findEdition(deps, request.params.slug);
    authorize(request, 'writeups.manage', {
      editionId: edition.id,
      editionStatus: edition.status,
    });
    return edition;
  };

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    edition: Edition,
    options: {
      values?: Body;
      errors?: FieldError[];
      conflict?: Extract<ReportSaved, { kind: 'conflict' }>;
      done?: string;
    } = {},
  ) => {
    const report = await loadReport(deps, edition);
    const errors = options.errors ?? [];
    const body = report?.body ?? (await firstReportDraft(deps, request.actor, edition));
    const status = report?.status ?? 'draft';
    const text = typeof options.values?.body === 'string' ? options.values.body : body;
    const leaks = await reportAttributionLeaks(deps, edition, text);
    return reply.render(
      'writeups/organize-report.njk',
      {
        title: `Report: ${edition.name}`,
        edition,
        isPublished: status === 'published',
        savedState: report
          ? `${formatDateTime(report.updatedAt, edition.homeTimeZone)} (version ${report.version})`
          : null,
        baseVersion: options.conflict ? options.conflict.theirs.version : (report?.version ?? 0),
        limits: REPORT_LIMITS,
        conflict: options.conflict
          ? { version: options.conflict.theirs.version, body: options.conflict.theirs.body }
          : null,
        form: presentForm({ body, ...(options.values ?? {}) }, errors),
        done: options.done ? DONE[options.done] : undefined,
        publicUrl: `/editions/${edition.slug}/report`,
        leaks,
      },
      options.conflict ? 409 : errors.length > 0 ? 400 : 200,
    );
  };

  const address = '/editions/:slug/report';

  app.get<{ Params: { slug: string }; Querystring: { done?: string } }>(
    address,
    async (request, reply) => {
      const edition = await authorizeReport(request);
      return render(request, reply, edition, { done: request.query.done });
    },
  );

  app.post<{ Params: { slug: string }; Body: Body }>(address, async (request, reply) => {
    const edition = await authorizeReport(request);
    const body = (request.body ?? {}) as Body;
    const result = await saveReport(deps, request.actor, edition, {
      body: body.body,
      baseVersion: body.baseVersion,
      moveTo: body.moveTo,
      namesChecked: body.namesChecked,
    });
    if (!result.ok) return render(request, reply, edition, { values: body, errors: result.errors });
    if (result.value.kind === 'conflict')
      return render(request, reply, edition, { values: body, conflict: result.value });
    const done =
      typeof body.moveTo === 'string' && body.moveTo !== '' ? result.value.report.status : 'saved';
    return reply.redirect(`/organize/editions/${edition.slug}/report?done=${done}`, 303);
  });
}
