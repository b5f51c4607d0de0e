import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { UseCaseDeps } from '../../../app/deps.ts';
import type { CalendarRenderer } from '../../../app/ports.ts';
import {
  listEditions,
  loadCurrentProgramme,
  loadProgramme,
  loadSession,
  type EditionProgramme,
} from '../../../app/programme/programme.queries.ts';
import { listPlannedSessionIds } from '../../../app/registration/registration.queries.ts';
import { EDITION_STATUS_LABELS } from '../../../domain/convening/edition.ts';
import { can } from '../../../domain/policy/policy.ts';
import { buildTimeline } from '../../../domain/programme/timeline.ts';
import { authorize } from '../../plugins/actor.ts';
import { presentProgramme, presentSession } from '../../presenters/programme.presenter.ts';
import { formatDateSpan } from '../../presenters/time.ts';

export interface ProgrammeRouteOptions {
  deps: UseCaseDeps;
  calendar: CalendarRenderer;
  publicUrl: string;
}

/** The programme for people: the current edition, each edition's own, sessions, calendars and the archive. */
export async function programmeRoutes(app: FastifyInstance, options: ProgrammeRouteOptions) {
  const { deps, calendar, publicUrl } = options;
  const viewerZone = (request: FastifyRequest, programme: EditionProgramme) =>
    request.viewerTimeZone ?? programme.edition.homeTimeZone;
  const calendarLinks = (slug: string) => ({
    programmeUrl: `${publicUrl}/editions/${slug}`,
    sessionUrl: (sessionId: string) => `${publicUrl}/editions/${slug}/sessions/${sessionId}`,
  });

  const renderProgramme = async (
    request: FastifyRequest,
    programme: EditionProgramme,
    isCurrent: boolean,
  ) => {
    const presented = presentProgramme(programme, viewerZone(request, programme), deps.clock.now());
    // A registered attendee sees the sessions they plan to attend marked, in words as well as style.
    const planned = new Set(await listPlannedSessionIds(deps, request.actor, programme.edition.id));
    return {
      ...presented,
      days: presented.days.map((day) => ({
        ...day,
        sessions: day.sessions.map((session) => ({
          ...session,
          isPlanned: planned.has(session.id),
        })),
      })),
      hasPlannedSessions: planned.size > 0,
      // The edition's people find their breakout rooms from the programme too.
      breakoutsPath:
        programme.sessions.some((session) => session.format === 'breakout-round') &&
        can(request.actor, 'breakouts.view-own', { editionId: programme.edition.id })
          ? `/editions/${programme.edition.slug}/breakouts`
          : null,
      isCurrent,
      homeTimeZone: programme.edition.homeTimeZone,
      shownTimeZone: viewerZone(request, programme),
      calendarPath: isCurrent
        ? '/programme.ics'
        : `/editions/${programme.edition.slug}/programme.ics`,
    };
  };

  app.get('/', async (_request, reply) => reply.redirect('/programme', 302));

  app.get('/programme', async (request, reply) => {
    const programme = await loadCurrentProgramme(deps);
    if (!programme) return reply.render('programme/no-programme.njk', { title: 'Programme' });
    return reply.render('programme/programme.njk', await renderProgramme(request, programme, true));
  });

  app.get('/programme.ics', async (request, reply) => {
    const programme = await loadCurrentProgramme(deps);
    if (!programme)
      return reply.code(404).type('text/plain').send('No programme has been published yet.');
    return sendCalendar(
      reply,
      `${programme.edition.slug}.ics`,
      calendar.renderProgramme(programme, calendarLinks(programme.edition.slug)),
    );
  });

  app.get<{ Params: { slug: string } }>('/editions/:slug', async (request, reply) => {
    const programme = await loadProgramme(deps, request.params.slug);
    authorize(request, 'edition.view', {
      editionId: programme.edition.id,
      editionStatus: programme.edition.status,
    });
    return reply.render(
      'programme/programme.njk',
      await renderProgramme(request, programme, false),
    );
  });

  app.get<{ Params: { slug: string } }>('/editions/:slug/programme.ics', async (request, reply) => {
    const programme = await loadProgramme(deps, request.params.slug);
    authorize(request, 'edition.view', {
      editionId: programme.edition.id,
      editionStatus: programme.edition.status,
    });
    return sendCalendar(
      reply,
      `${programme.edition.slug}.ics`,
      calendar.renderProgramme(programme, calendarLinks(programme.edition.slug)),
    );
  });

  app.get<{ Params: { slug: string; sessionId: string } }>(
    '/editions/:slug/sessions/:sessionId/calendar.ics',
    async (request, reply) => {
      const { programme, session } = await loadSession(
        deps,
        request.params.slug,
        request.params.sessionId,
      );
      authorize(request, 'edition.view', {
        editionId: programme.edition.id,
        editionStatus: programme.edition.status,
      });
      return sendCalendar(
        reply,
        `${programme.edition.slug}-${slugify(session.title)}.ics`,
        calendar.renderSession(programme, session.id, calendarLinks(programme.edition.slug)),
      );
    },
  );

  app.get<{ Params: { slug: string; sessionId: string } }>(
    '/editions/:slug/sessions/:sessionId',
    async (request, reply) => {
      const { programme, session } = await loadSession(
        deps,
        request.params.slug,
        request.params.sessionId,
      );
      authorize(request, 'edition.view', {
        editionId: programme.edition.id,
        editionStatus: programme.edition.status,
      });
      const zone = viewerZone(request, programme);
      const timing =
        buildTimeline(
          programme.sessions,
          programme.days,
          programme.edition.homeTimeZone,
          deps.clock.now(),
        )
          .flatMap((day) => day.sessions)
          .find((entry) => entry.session.id === session.id)?.timing ?? 'later';
      const presented = presentProgramme(programme, zone, deps.clock.now());
      // The room (with the video) is for the edition's people; everyone else sees the programme entry.
      const canEnterRoom =
        session.format !== 'break' &&
        can(request.actor, 'room.enter', {
          editionId: programme.edition.id,
          editionStatus: programme.edition.status,
        });
      const card = presentSession(programme, session, zone, timing);
      return reply.render('programme/session.njk', {
        edition: presented.edition,
        session: canEnterRoom ? card : { ...card, videoUrl: '' },
        roomPath: canEnterRoom
          ? `/editions/${programme.edition.slug}/sessions/${session.id}/room`
          : null,
        isSignedIn: request.actor.kind === 'person',
        isBreak: session.format === 'break',
        breakoutsPath:
          session.format === 'breakout-round' &&
          can(request.actor, 'breakouts.view-own', { editionId: programme.edition.id })
            ? `/editions/${programme.edition.slug}/breakouts`
            : null,
        homeTimeZone: programme.edition.homeTimeZone,
        shownTimeZone: zone,
        calendarPath: `/editions/${programme.edition.slug}/sessions/${session.id}/calendar.ics`,
      });
    },
  );

  app.get('/editions', async (request, reply) => {
    const editions = (await listEditions(deps)).filter((edition) =>
      can(request.actor, 'edition.view', { editionId: edition.id, editionStatus: edition.status }),
    );
    return reply.render('programme/editions.njk', {
      title: 'All editions',
      editions: editions.map((edition) => ({
        ...edition,
        path: `/editions/${edition.slug}`,
        dateSpan: formatDateSpan(edition.startDate, edition.endDate),
        statusLabel: EDITION_STATUS_LABELS[edition.status],
        hostsText: edition.hosts.join(' and '),
      })),
    });
  });
}

function sendCalendar(reply: import('fastify').FastifyReply, filename: string, body: string) {
  return reply
    .type('text/calendar; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(body);
}

function slugify(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 50) || 'session'
  );
}
