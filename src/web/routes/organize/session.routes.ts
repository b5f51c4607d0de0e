import type { FastifyInstance, FastifyReply } from 'fastify';
import { NotFoundError, type UseCaseDeps } from '../../../app/deps.ts';
import { deleteSession, saveSession } from '../../../app/programme/programme.commands.ts';
import { loadProgramme, type EditionProgramme } from '../../../app/programme/programme.queries.ts';
import { SESSION_FORMAT_LABELS, SESSION_FORMATS } from '../../../domain/convening/session.ts';
import type { FieldError } from '../../../domain/shared/result.ts';
import { instantToLocal } from '../../../domain/time-zones/zones.ts';
import { presentForm } from '../../presenters/form.presenter.ts';
import { formatLongDate } from '../../presenters/time.ts';
import { datesOf } from './dates.ts';

type Body = Record<string, unknown>;
type Params = { slug: string; sessionId: string };

/** Adding, changing and deleting the sessions of an edition. Times are entered in the edition's home time zone. */
export async function sessionRoutes(app: FastifyInstance, { deps }: { deps: UseCaseDeps }) {
  const renderForm = (
    reply: FastifyReply,
    programme: EditionProgramme,
    sessionId: string | null,
    values: Body,
    errors: FieldError[],
    isSuggestion = false,
  ) => {
    const chosenThemes = new Set(
      Array.isArray(values.themes)
        ? values.themes.map(String)
        : values.themes
          ? [String(values.themes)]
          : [],
    );
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
        themes: programme.themes.map((theme) => ({
          ...theme,
          checked: chosenThemes.has(theme.id),
        })),
        isSuggestion,
      },
      errors.length > 0 ? 400 : 200,
    );
  };
  const findSession = (programme: EditionProgramme, sessionId: string) => {
    const session = programme.sessions.find((candidate) => candidate.id === sessionId);
    if (!session) throw new NotFoundError('The session');
    return session;
  };
  const back = (slug: string, done: string) => `/organize/editions/${slug}?done=${done}#sessions`;

  app.get<{ Params: { slug: string } }>('/editions/:slug/sessions/new', async (request, reply) => {
    const programme = await loadProgramme(deps, request.params.slug);
    return renderForm(
      reply,
      programme,
      null,
      { date: programme.edition.startDate, format: 'talk' },
      [],
    );
  });

  app.post<{ Params: { slug: string }; Body: Body }>(
    '/editions/:slug/sessions',
    async (request, reply) => {
      const result = await saveSession(
        deps,
        request.actor,
        request.params.slug,
        null,
        request.body ?? {},
      );
      if (result.ok) return reply.redirect(back(request.params.slug, 'session-saved'), 303);
      return renderForm(
        reply,
        await loadProgramme(deps, request.params.slug),
        null,
        request.body ?? {},
        result.errors,
      );
    },
  );

  // A suggestion from the fairness page arrives as ?date=&startTime=&endTime= and is shown, not saved.
  app.get<{ Params: Params; Querystring: { date?: string; startTime?: string; endTime?: string } }>(
    '/editions/:slug/sessions/:sessionId/edit',
    async (request, reply) => {
      const programme = await loadProgramme(deps, request.params.slug);
      const session = findSession(programme, request.params.sessionId);
      const zone = programme.edition.homeTimeZone;
      const start = instantToLocal(session.startsAt, zone);
      return renderForm(
        reply,
        programme,
        session.id,
        {
          title: session.title,
          format: session.format,
          date: request.query.date ?? start.date,
          startTime: request.query.startTime ?? start.time,
          endTime: request.query.endTime ?? instantToLocal(session.endsAt, zone).time,
          description: session.description,
          videoUrl: session.videoUrl,
          speakers: session.contributors
            .filter((c) => c.part === 'speaker')
            .map((c) => c.email)
            .join('\n'),
          moderators: session.contributors
            .filter((c) => c.part === 'moderator')
            .map((c) => c.email)
            .join('\n'),
          themes: session.themeIds,
        },
        [],
        request.query.startTime !== undefined,
      );
    },
  );

  app.post<{ Params: Params; Body: Body }>(
    '/editions/:slug/sessions/:sessionId/edit',
    async (request, reply) => {
      const result = await saveSession(
        deps,
        request.actor,
        request.params.slug,
        request.params.sessionId,
        request.body ?? {},
      );
      if (result.ok) return reply.redirect(back(request.params.slug, 'session-saved'), 303);
      return renderForm(
        reply,
        await loadProgramme(deps, request.params.slug),
        request.params.sessionId,
        request.body ?? {},
        result.errors,
      );
    },
  );

  app.get<{ Params: Params }>(
    '/editions/:slug/sessions/:sessionId/delete',
    async (request, reply) => {
      const programme = await loadProgramme(deps, request.params.slug);
      const session = findSession(programme, request.params.sessionId);
      return reply.render('organize/confirm-delete.njk', {
        title: `Delete the session “${session.title}”?`,
        edition: programme.edition,
        explanation: 'It will be removed from the programme and from people’s calendar feeds.',
        action: `/organize/editions/${programme.edition.slug}/sessions/${session.id}/delete`,
        cancelPath: `/organize/editions/${programme.edition.slug}#sessions`,
      });
    },
  );

  app.post<{ Params: Params }>(
    '/editions/:slug/sessions/:sessionId/delete',
    async (request, reply) => {
      await deleteSession(deps, request.actor, request.params.slug, request.params.sessionId);
      return reply.redirect(back(request.params.slug, 'session-deleted'), 303);
    },
  );
}
