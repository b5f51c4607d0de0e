import type { FastifyInstance } from 'fastify';
import type { UseCaseDeps } from '../../../app/deps.ts';
import { deleteSession, saveSession } from '../../../app/programme/programme.commands.ts';
import type { SessionWithContributors } from '../../../app/programme/programme.queries.ts';
import { SESSION_FORMAT_LABELS, SESSION_FORMATS } from '../../../domain/convening/session.ts';
import { instantToLocal } from '../../../domain/time-zones/zones.ts';
import { presentForm } from '../../presenters/form.presenter.ts';
import { formatLongDate } from '../../presenters/time.ts';
import { datesOf } from './dates.ts';
import { registerEditionRecordRoutes, type FormValues } from './edition-record.routes.ts';

function emailsOf(session: SessionWithContributors, part: 'speaker' | 'moderator'): string {
  return session.contributors
    .filter((contributor) => contributor.part === part)
    .map((contributor) => contributor.email)
    .join('\n');
}

function chosenThemes(values: FormValues): Set<string> {
  const themes = values.themes;
  return new Set(Array.isArray(themes) ? themes.map(String) : themes ? [String(themes)] : []);
}

/** Adding, changing and deleting the sessions of an edition. Times are entered in the edition's home time zone. */
export async function sessionRoutes(app: FastifyInstance, { deps }: { deps: UseCaseDeps }) {
  registerEditionRecordRoutes(app, deps, {
    plural: 'sessions',
    idParam: 'sessionId',
    missing: 'The session',
    done: { saved: 'session-saved', deleted: 'session-deleted' },
    find: (programme, id) => programme.sessions.find((session) => session.id === id),
    valuesForNew: (programme) => ({ date: programme.edition.startDate, format: 'talk' }),
    // A suggestion from the fairness page arrives as ?date=&startTime=&endTime= and is shown, not saved.
    valuesForEdit: (session, programme, query) => {
      const zone = programme.edition.homeTimeZone;
      const start = instantToLocal(session.startsAt, zone);
      return {
        title: session.title,
        format: session.format,
        date: query.date ?? start.date,
        startTime: query.startTime ?? start.time,
        endTime: query.endTime ?? instantToLocal(session.endsAt, zone).time,
        description: session.description,
        videoUrl: session.videoUrl,
        speakers: emailsOf(session, 'speaker'),
        moderators: emailsOf(session, 'moderator'),
        themes: session.themeIds,
      };
    },
    renderForm: (reply, programme, sessionId, { values, errors, query }) => {
      const chosen = chosenThemes(values);
      return reply.render(
        'organize/session-form.njk',
        {
          title: sessionId ? 'Edit a session' : 'Add a session',
          edition: programme.edition,
          sessionId,
          form: presentForm(values, errors),
          formats: SESSION_FORMATS.map((value) => ({ value, label: SESSION_FORMAT_LABELS[value] })),
          dates: datesOf(programme.edition).map((date) => ({
            value: date,
            label: formatLongDate(date),
          })),
          themes: programme.themes.map((theme) => ({ ...theme, checked: chosen.has(theme.id) })),
          isSuggestion: query?.startTime !== undefined,
        },
        errors.length > 0 ? 400 : 200,
      );
    },
    save: saveSession,
    remove: deleteSession,
    describeDeletion: (session) => ({
      title: `Delete the session “${session.title}”?`,
      explanation: 'It will be removed from the programme and from people’s calendar feeds.',
    }),
  });
}
