import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  addApartPair,
  moveBreakoutMember,
  publishBreakoutRooms,
  removeApartPair,
  saveBreakoutSettings,
  saveRoundLink,
  setBreakoutAbsence,
  setBreakoutRoomLocked,
  setBreakoutRoomRapporteur,
} from '../../../app/breakouts/breakout.commands.ts';
import {
  exportBreakoutRooms,
  exportZoomPreAssignment,
  loadBreakoutBoard,
} from '../../../app/breakouts/breakout.queries.ts';
import {
  DEFAULT_BREAKOUT_OPTIONS,
  planBreakoutRounds,
  type BreakoutOptions,
} from '../../../app/breakouts/plan-breakout-rounds.ts';
import {
  replanField,
  replanPublishedRound,
} from '../../../app/breakouts/replan-published-round.ts';
import { NotFoundError, type UseCaseDeps } from '../../../app/deps.ts';
import type { Edition } from '../../../domain/convening/edition.ts';
import type { Checked, FieldError } from '../../../domain/shared/result.ts';
import { authorize } from '../../plugins/actor.ts';
import {
  BREAKOUT_DONE,
  describeReplan,
  presentBreakoutBoard,
} from '../../presenters/breakouts.presenter.ts';
import { presentForm } from '../../presenters/form.presenter.ts';

type Params = { slug: string };

/** The ids ticked in a group of checkboxes: none, one (a string) or several (an array). */
const idsOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String).filter(Boolean);
type Body = Record<string, unknown>;

/** Which rounds the page shows: one round by its number, or all of them. */
type RoundShown = number | 'all';

/** A round asked for in the address or carried by a form; null for none or nonsense. */
function roundAsked(raw: unknown): RoundShown | null {
  if (raw === 'all') return 'all';
  return typeof raw === 'string' && /^[1-9]\d{0,2}$/.test(raw) ? Number(raw) : null;
}

async function authorizeBreakouts(deps: UseCaseDeps, request: FastifyRequest): Promise<Edition> {
  const { slug } = request.params as Params;
  const edition = await deps.store.programme.findEditionBySlug(slug);
  if (!edition) throw new NotFoundError(`The edition "${slug}"`);
  authorize(request, 'breakouts.manage', { editionId: edition.id, editionStatus: edition.status });
  return edition;
}

/**
 * Forming breakout rooms: settings, pairs kept apart, absences, planning every round, moving
 * people, locking rooms, publishing, and the files for Zoom, spreadsheets and print. Every form
 * works without JavaScript; dragging a person to another room (breakouts-organize.js) submits
 * the same move form.
 */
export async function breakoutRoutes(
  app: FastifyInstance,
  {
    deps,
    breakouts = DEFAULT_BREAKOUT_OPTIONS,
  }: { deps: UseCaseDeps; breakouts?: BreakoutOptions },
) {
  const base = (edition: Edition) => `/organize/editions/${edition.slug}/breakouts`;

  const renderBoard = async (
    reply: FastifyReply,
    edition: Edition,
    options: {
      values?: Body;
      errors?: FieldError[];
      done?: string;
      doneText?: string;
      round?: RoundShown | null;
    } = {},
  ) => {
    const loaded = await loadBreakoutBoard(deps, edition.slug);
    const board = presentBreakoutBoard(loaded);
    // One round at a time (a large edition's rounds make a very long page): the one asked
    // for, else the round under way, else the next, else the first.
    const now = deps.clock.now().toISOString();
    const rounds = loaded.rounds;
    const asked = options.round ?? null;
    const shownRound: RoundShown =
      asked === 'all' || (asked !== null && asked <= rounds.length)
        ? asked
        : ((
            rounds.find((r) => r.round.startsAt <= now && now < r.round.endsAt) ??
            rounds.find((r) => r.round.startsAt > now) ??
            rounds[0]
          )?.number ?? 1);
    const errors = options.errors ?? [];
    return reply.render(
      'organize/breakouts.njk',
      {
        // The layout adds "Error: " to the title when the form has errors.
        title: `Breakout rooms: ${edition.name}`,
        edition,
        board,
        shownRound,
        form: presentForm(
          { min: board.roomSize.min, max: board.roomSize.max, ...options.values },
          errors,
        ),
        done: options.doneText ?? (options.done ? BREAKOUT_DONE[options.done] : undefined),
      },
      errors.length > 0 ? 400 : 200,
    );
  };

  /** Answers a form: back to the page with a message, or the page again with the problems. */
  const answer = async (
    request: FastifyRequest,
    reply: FastifyReply,
    edition: Edition,
    result: Checked<unknown>,
    done: string,
    anchor = '',
  ) => {
    const round = shownRoundOf(request);
    if (!result.ok)
      return renderBoard(reply, edition, {
        values: (request.body ?? {}) as Body,
        errors: result.errors,
        round,
      });
    return reply.redirect(`${base(edition)}?done=${done}${roundQuery(round)}${anchor}`, 303);
  };
  /** The round the page showed when a form of a round was sent: the page comes back to it. */
  const shownRoundOf = (request: FastifyRequest) =>
    roundAsked(((request.body ?? {}) as Body).shownRound);
  const roundQuery = (round: RoundShown | null) => (round === null ? '' : `&round=${round}`);

  app.get<{ Params: Params; Querystring: { done?: string; round?: string } }>(
    '/editions/:slug/breakouts',
    async (request, reply) =>
      renderBoard(reply, await authorizeBreakouts(deps, request), {
        done: request.query.done,
        round: roundAsked(request.query.round),
      }),
  );

  app.post<{ Params: Params; Body: Body }>(
    '/editions/:slug/breakouts/settings',
    async (request, reply) => {
      const edition = await authorizeBreakouts(deps, request);
      const result = await saveBreakoutSettings(
        deps,
        request.actor,
        edition.slug,
        request.body ?? {},
      );
      return answer(request, reply, edition, result, 'settings', '#settings');
    },
  );

  app.post<{ Params: Params; Body: Body }>(
    '/editions/:slug/breakouts/apart',
    async (request, reply) => {
      const edition = await authorizeBreakouts(deps, request);
      const result = await addApartPair(deps, request.actor, edition.slug, request.body ?? {});
      return answer(request, reply, edition, result, 'apart', '#apart');
    },
  );

  app.post<{ Params: Params; Body: Body }>(
    '/editions/:slug/breakouts/apart/remove',
    async (request, reply) => {
      const edition = await authorizeBreakouts(deps, request);
      await removeApartPair(deps, request.actor, edition.slug, request.body ?? {});
      return reply.redirect(`${base(edition)}?done=apart-removed#apart`, 303);
    },
  );

  app.post<{ Params: Params; Body: Body }>(
    '/editions/:slug/breakouts/absences',
    async (request, reply) => {
      const edition = await authorizeBreakouts(deps, request);
      const result = await setBreakoutAbsence(
        deps,
        request.actor,
        edition.slug,
        request.body ?? {},
        true,
      );
      return answer(request, reply, edition, result, 'absent', '#absences');
    },
  );

  app.post<{ Params: Params; Body: Body }>(
    '/editions/:slug/breakouts/absences/remove',
    async (request, reply) => {
      const edition = await authorizeBreakouts(deps, request);
      const result = await setBreakoutAbsence(
        deps,
        request.actor,
        edition.slug,
        request.body ?? {},
        false,
      );
      return answer(request, reply, edition, result, 'present', '#absences');
    },
  );

  app.post<{ Params: Params & { sessionId: string }; Body: Body }>(
    '/editions/:slug/breakouts/rounds/:sessionId/link',
    async (request, reply) => {
      const edition = await authorizeBreakouts(deps, request);
      const result = await saveRoundLink(
        deps,
        request.actor,
        edition.slug,
        request.params.sessionId,
        request.body ?? {},
      );
      return answer(request, reply, edition, result, 'link');
    },
  );

  app.post<{ Params: Params }>('/editions/:slug/breakouts/plan', async (request, reply) => {
    const edition = await authorizeBreakouts(deps, request);
    const result = await planBreakoutRounds(deps, request.actor, edition.slug, breakouts, {
      keepLocked: false,
    });
    const held = result.ok && result.value.heldRounds > 0 ? '-held' : '';
    return answer(request, reply, edition, result, `planned${held}`, '#rounds');
  });

  app.post<{ Params: Params }>('/editions/:slug/breakouts/regenerate', async (request, reply) => {
    const edition = await authorizeBreakouts(deps, request);
    const result = await planBreakoutRounds(deps, request.actor, edition.slug, breakouts, {
      keepLocked: true,
    });
    const held = result.ok && result.value.heldRounds > 0 ? '-held' : '';
    return answer(request, reply, edition, result, `regenerated${held}`, '#rounds');
  });

  app.post<{ Params: Params; Body: Body }>(
    '/editions/:slug/breakouts/move',
    async (request, reply) => {
      const edition = await authorizeBreakouts(deps, request);
      const result = await moveBreakoutMember(
        deps,
        request.actor,
        edition.slug,
        request.body ?? {},
      );
      return answer(request, reply, edition, result, 'moved', '#rounds');
    },
  );

  app.post<{ Params: Params & { roomId: string }; Body: Body }>(
    '/editions/:slug/breakouts/rooms/:roomId/lock',
    async (request, reply) => {
      const edition = await authorizeBreakouts(deps, request);
      const locked = String((request.body ?? {}).locked ?? '') !== 'false';
      await setBreakoutRoomLocked(deps, request.actor, edition.slug, request.params.roomId, locked);
      return reply.redirect(
        `${base(edition)}?done=${locked ? 'locked' : 'unlocked'}${roundQuery(shownRoundOf(request))}#room-${request.params.roomId}`,
        303,
      );
    },
  );

  app.post<{ Params: Params & { roomId: string }; Body: Body }>(
    '/editions/:slug/breakouts/rooms/:roomId/rapporteur',
    async (request, reply) => {
      const edition = await authorizeBreakouts(deps, request);
      const result = await setBreakoutRoomRapporteur(
        deps,
        request.actor,
        edition.slug,
        request.params.roomId,
        request.body ?? {},
      );
      return answer(
        request,
        reply,
        edition,
        result,
        'rapporteur',
        `#room-${request.params.roomId}`,
      );
    },
  );

  app.post<{ Params: Params & { sessionId: string }; Body: Body }>(
    '/editions/:slug/breakouts/rounds/:sessionId/replan',
    async (request, reply) => {
      const edition = await authorizeBreakouts(deps, request);
      const body = request.body ?? {};
      const result = await replanPublishedRound(
        deps,
        request.actor,
        edition.slug,
        request.params.sessionId,
        { absentIds: idsOf(body.absentIds), joinedIds: idsOf(body.joinedIds) },
        breakouts,
      );
      if (!result.ok)
        return renderBoard(reply, edition, {
          values: {
            [replanField(request.params.sessionId)]: {
              absentIds: idsOf(body.absentIds),
              joinedIds: idsOf(body.joinedIds),
            },
          },
          errors: result.errors,
          round: shownRoundOf(request),
        });
      // Shown at once rather than after a redirect: the names are not known to the next request.
      return renderBoard(reply, edition, {
        doneText: describeReplan(result.value),
        round: shownRoundOf(request),
      });
    },
  );

  app.post<{ Params: Params; Body: Body }>(
    '/editions/:slug/breakouts/publish',
    async (request, reply) => {
      const edition = await authorizeBreakouts(deps, request);
      const result = await publishBreakoutRooms(
        deps,
        request.actor,
        edition.slug,
        (request.body ?? {}).revision,
      );
      return answer(request, reply, edition, result, 'published');
    },
  );

  app.get<{ Params: Params }>('/editions/:slug/breakouts/rooms.csv', async (request, reply) => {
    const edition = await authorizeBreakouts(deps, request);
    const csv = await exportBreakoutRooms(deps, edition.slug);
    return (
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${edition.slug}-breakout-rooms.csv"`)
        // Names and email addresses: no copy is kept along the way.
        .header('cache-control', 'no-store')
        .send(csv)
    );
  });

  app.get<{ Params: Params & { sessionId: string } }>(
    '/editions/:slug/breakouts/rounds/:sessionId/zoom.csv',
    async (request, reply) => {
      const edition = await authorizeBreakouts(deps, request);
      const { csv, roundNumber } = await exportZoomPreAssignment(
        deps,
        edition.slug,
        request.params.sessionId,
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="${edition.slug}-round-${roundNumber}-zoom-breakout-rooms.csv"`,
        )
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );

  app.get<{ Params: Params }>('/editions/:slug/breakouts/print', async (request, reply) => {
    const edition = await authorizeBreakouts(deps, request);
    const board = presentBreakoutBoard(await loadBreakoutBoard(deps, edition.slug));
    return reply.render('organize/breakouts-print.njk', {
      title: `Breakout rooms: ${edition.name}`,
      edition,
      board,
    });
  });
}
