import type { FastifyInstance, FastifyReply } from 'fastify';
import type { UseCaseDeps } from '../../../app/deps.ts';
import {
  changeEditionStatus,
  createEdition,
  updateEdition,
} from '../../../app/programme/programme.commands.ts';
import { loadProgramme } from '../../../app/programme/programme.queries.ts';
import { nextEditionStatuses } from '../../../domain/convening/edition-lifecycle.ts';
import {
  EDITION_FORMAT_LABELS,
  EDITION_FORMATS,
  EDITION_STATUS_LABELS,
  EDITION_STATUSES,
  type Edition,
  type EditionStatus,
} from '../../../domain/convening/edition.ts';
import type { FieldError } from '../../../domain/shared/result.ts';
import { DONE_MESSAGES, presentForm } from '../../presenters/form.presenter.ts';
import { presentProgramme } from '../../presenters/programme.presenter.ts';

type Body = Record<string, unknown>;

const STATUS_ACTIONS: Record<EditionStatus, string> = {
  draft: 'Move back to draft',
  published: 'Publish the programme',
  live: 'Start the live event',
  archived: 'Archive the edition',
};

/** Values of an edition as its form shows them. */
export function editionFormValues(edition: Edition): Body {
  return { ...edition, hosts: edition.hosts.join('\n') };
}

/** Creating, editing and moving an edition through its lifecycle. */
export async function editionRoutes(app: FastifyInstance, { deps }: { deps: UseCaseDeps }) {
  const renderForm = (
    reply: FastifyReply,
    values: Body,
    errors: FieldError[],
    edition: Edition | null,
  ) =>
    reply.render(
      'organize/edition-form.njk',
      {
        title: edition ? `Edit ${edition.name}` : 'Create an edition',
        edition,
        form: presentForm(values, errors),
        formats: EDITION_FORMATS.map((value) => ({ value, label: EDITION_FORMAT_LABELS[value] })),
      },
      errors.length > 0 ? 400 : 200,
    );

  const renderOverview = async (
    reply: FastifyReply,
    slug: string,
    done: string | undefined,
    statusError?: string,
  ) => {
    const programme = await loadProgramme(deps, slug);
    const presented = presentProgramme(programme, programme.edition.homeTimeZone, deps.clock.now());
    return reply.render(
      'organize/edition.njk',
      {
        title: programme.edition.name,
        ...presented,
        done: done ? DONE_MESSAGES[done] : undefined,
        statusError,
        statusActions: nextEditionStatuses(programme.edition.status).map((to) => ({
          to,
          label: STATUS_ACTIONS[to],
        })),
        statusLabels: EDITION_STATUS_LABELS,
        sessionCount: programme.sessions.length,
      },
      statusError ? 409 : 200,
    );
  };

  app.get('/editions/new', async (_request, reply) =>
    renderForm(
      reply,
      { format: 'remote', daytimeStartHour: 8, daytimeEndHour: 20, homeTimeZone: 'Europe/London' },
      [],
      null,
    ),
  );

  app.post<{ Body: Body }>('/editions', async (request, reply) => {
    const result = await createEdition(deps, request.actor, request.body ?? {});
    if (!result.ok) return renderForm(reply, request.body ?? {}, result.errors, null);
    return reply.redirect(`/organize/editions/${result.value.slug}?done=edition-created`, 303);
  });

  app.get<{ Params: { slug: string }; Querystring: { done?: string } }>(
    '/editions/:slug',
    async (request, reply) => renderOverview(reply, request.params.slug, request.query.done),
  );

  app.get<{ Params: { slug: string } }>('/editions/:slug/edit', async (request, reply) => {
    const { edition } = await loadProgramme(deps, request.params.slug);
    return renderForm(reply, editionFormValues(edition), [], edition);
  });

  app.post<{ Params: { slug: string }; Body: Body }>(
    '/editions/:slug/edit',
    async (request, reply) => {
      const result = await updateEdition(
        deps,
        request.actor,
        request.params.slug,
        request.body ?? {},
      );
      if (!result.ok) {
        const { edition } = await loadProgramme(deps, request.params.slug);
        return renderForm(reply, request.body ?? {}, result.errors, edition);
      }
      return reply.redirect(`/organize/editions/${result.value.slug}?done=edition-saved`, 303);
    },
  );

  app.post<{ Params: { slug: string }; Body: { to?: string } }>(
    '/editions/:slug/status',
    async (request, reply) => {
      const to = String(request.body?.to ?? '');
      if (!(EDITION_STATUSES as readonly string[]).includes(to)) {
        return renderOverview(
          reply,
          request.params.slug,
          undefined,
          `"${to}" is not a status an edition can have. Use one of the buttons.`,
        );
      }
      const check = await changeEditionStatus(
        deps,
        request.actor,
        request.params.slug,
        to as EditionStatus,
      );
      if (!check.allowed)
        return renderOverview(reply, request.params.slug, undefined, check.reason);
      return reply.redirect(`/organize/editions/${request.params.slug}?done=status-changed`, 303);
    },
  );
}
