import type { FastifyInstance, FastifyReply } from 'fastify';
import { NotFoundError, type UseCaseDeps } from '../../../app/deps.ts';
import { deleteDay, saveDay } from '../../../app/programme/programme.commands.ts';
import { loadProgramme, type EditionProgramme } from '../../../app/programme/programme.queries.ts';
import type { FieldError } from '../../../domain/shared/result.ts';
import { presentForm } from '../../presenters/form.presenter.ts';
import { formatLongDate } from '../../presenters/time.ts';
import { datesOf } from './dates.ts';

type Body = Record<string, unknown>;
type Params = { slug: string; dayId: string };

/** Adding, changing and deleting the days of an edition, with their theme and guiding question. */
export async function dayRoutes(app: FastifyInstance, { deps }: { deps: UseCaseDeps }) {
  const renderForm = (
    reply: FastifyReply,
    programme: EditionProgramme,
    dayId: string | null,
    values: Body,
    errors: FieldError[],
  ) =>
    reply.render(
      'organize/day-form.njk',
      {
        title: dayId ? 'Edit a day' : 'Add a day',
        edition: programme.edition,
        dayId,
        form: presentForm(values, errors),
        dates: datesOf(programme.edition).map((date) => ({
          value: date,
          label: formatLongDate(date),
        })),
      },
      errors.length > 0 ? 400 : 200,
    );
  const findDay = (programme: EditionProgramme, dayId: string) => {
    const day = programme.days.find((candidate) => candidate.id === dayId);
    if (!day) throw new NotFoundError('The day');
    return day;
  };

  app.get<{ Params: { slug: string } }>('/editions/:slug/days/new', async (request, reply) => {
    const programme = await loadProgramme(deps, request.params.slug);
    const taken = new Set(programme.days.map((day) => day.date));
    return renderForm(
      reply,
      programme,
      null,
      { date: datesOf(programme.edition).find((date) => !taken.has(date)) ?? '' },
      [],
    );
  });

  app.post<{ Params: { slug: string }; Body: Body }>(
    '/editions/:slug/days',
    async (request, reply) => {
      const result = await saveDay(
        deps,
        request.actor,
        request.params.slug,
        null,
        request.body ?? {},
      );
      if (result.ok)
        return reply.redirect(`/organize/editions/${request.params.slug}?done=day-saved#days`, 303);
      return renderForm(
        reply,
        await loadProgramme(deps, request.params.slug),
        null,
        request.body ?? {},
        result.errors,
      );
    },
  );

  app.get<{ Params: Params }>('/editions/:slug/days/:dayId/edit', async (request, reply) => {
    const programme = await loadProgramme(deps, request.params.slug);
    const day = findDay(programme, request.params.dayId);
    return renderForm(reply, programme, day.id, { ...day }, []);
  });

  app.post<{ Params: Params; Body: Body }>(
    '/editions/:slug/days/:dayId/edit',
    async (request, reply) => {
      const result = await saveDay(
        deps,
        request.actor,
        request.params.slug,
        request.params.dayId,
        request.body ?? {},
      );
      if (result.ok)
        return reply.redirect(`/organize/editions/${request.params.slug}?done=day-saved#days`, 303);
      return renderForm(
        reply,
        await loadProgramme(deps, request.params.slug),
        request.params.dayId,
        request.body ?? {},
        result.errors,
      );
    },
  );

  app.get<{ Params: Params }>('/editions/:slug/days/:dayId/delete', async (request, reply) => {
    const programme = await loadProgramme(deps, request.params.slug);
    const day = findDay(programme, request.params.dayId);
    return reply.render('organize/confirm-delete.njk', {
      title: `Delete the day ${formatLongDate(day.date)}?`,
      edition: programme.edition,
      explanation:
        'Its theme and guiding question will be removed. Its sessions stay in the programme under their date.',
      action: `/organize/editions/${programme.edition.slug}/days/${day.id}/delete`,
      cancelPath: `/organize/editions/${programme.edition.slug}#days`,
    });
  });

  app.post<{ Params: Params }>('/editions/:slug/days/:dayId/delete', async (request, reply) => {
    await deleteDay(deps, request.actor, request.params.slug, request.params.dayId);
    return reply.redirect(`/organize/editions/${request.params.slug}?done=day-deleted#days`, 303);
  });
}
