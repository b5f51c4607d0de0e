import type { FastifyInstance } from 'fastify';
import type { UseCaseDeps } from '../../../app/deps.ts';
import { deleteDay, saveDay } from '../../../app/programme/programme.commands.ts';
import { presentForm } from '../../presenters/form.presenter.ts';
import { formatLongDate } from '../../presenters/time.ts';
import { datesOf } from './dates.ts';
import { registerEditionRecordRoutes } from './edition-record.routes.ts';

/** Adding, changing and deleting the days of an edition, with their theme and guiding question. */
export async function dayRoutes(app: FastifyInstance, { deps }: { deps: UseCaseDeps }) {
  registerEditionRecordRoutes(app, deps, {
    plural: 'days',
    idParam: 'dayId',
    missing: 'The day',
    done: { saved: 'day-saved', deleted: 'day-deleted' },
    find: (programme, id) => programme.days.find((day) => day.id === id),
    valuesForNew: (programme) => {
      // Offer the first date that has no day yet.
      const taken = new Set(programme.days.map((day) => day.date));
      return { date: datesOf(programme.edition).find((date) => !taken.has(date)) ?? '' };
    },
    valuesForEdit: (day) => ({ ...day }),
    renderForm: (reply, programme, dayId, { values, errors }) =>
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
      ),
    save: saveDay,
    remove: deleteDay,
    describeDeletion: (day) => ({
      title: `Delete the day ${formatLongDate(day.date)}?`,
      explanation:
        'Its theme and guiding question will be removed. Its sessions stay in the programme under their date.',
    }),
  });
}
