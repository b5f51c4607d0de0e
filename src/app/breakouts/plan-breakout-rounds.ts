import type { Actor } from '../../domain/access/actor.ts';
import {
  freeRoomNumbers,
  rotateRapporteurs,
  jitsiRoomUrl,
  roomName,
  type BreakoutRoom,
} from '../../domain/breakout-plan/breakout-plan.ts';
import { allocateBreakoutRooms } from '../../domain/breakouts/allocate-breakout-rooms.ts';
import { checkProblem, roomSizesFor } from '../../domain/breakouts/breakout-problem.ts';
import { scoreSchedule } from '../../domain/breakouts/score-schedule.ts';
import { accepted, rejected, type Checked } from '../../domain/shared/result.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { UseCaseDeps } from '../deps.ts';
import {
  loadBreakoutContextToManage,
  loadHistory,
  roomsByRound,
  scoringProblem,
  toBreakoutPerson,
  type BreakoutContext,
  claimRooms,
  ROOMS_CHANGED_MEANWHILE,
  RoomsChangedMeanwhileError,
} from './breakout-context.ts';

/**
 * A room opened by planning or re-planning: the next free number, its own meeting on the
 * configured Jitsi server (a random part in its name, so it cannot be guessed), unlocked and
 * without a rapporteur yet.
 */
export function openRoom(
  deps: Pick<UseCaseDeps, 'ids' | 'secrets'>,
  where: { editionId: string; editionSlug: string; sessionId: string; roundNumber: number },
  number: number,
  memberIds: string[],
  jitsiDomain: string | null,
): BreakoutRoom {
  return {
    id: deps.ids.next(),
    editionId: where.editionId,
    sessionId: where.sessionId,
    number,
    name: roomName(number),
    videoUrl: jitsiDomain
      ? jitsiRoomUrl(
          jitsiDomain,
          where.editionSlug,
          where.roundNumber,
          number,
          deps.secrets
            .newToken()
            .replace(/[^A-Za-z0-9]/g, '')
            .slice(0, 12),
        )
      : '',
    locked: false,
    rapporteurId: null,
    memberIds,
  };
}

/** How breakout rooms are formed in this installation. */
export interface BreakoutOptions {
  /** The Jitsi server each room gets a meeting on; null: no link unless the round has one. */
  jitsiDomain: string | null;
  /** How long the allocator may search (it returns its best rooms when time runs out). */
  timeLimitMs: number;
}

/** Three seconds: long enough for good rooms for a few hundred people, short enough to wait for. */
export const DEFAULT_BREAKOUT_OPTIONS: BreakoutOptions = {
  jitsiDomain: 'meet.jit.si',
  timeLimitMs: 3000,
};

/** Elapsed milliseconds for the allocator's time limit; not the clock of record, which is deps.clock. */
const elapsed = () => performance.now();

/**
 * Plans every breakout round of the edition at once, from the people registered, and stores the
 * rooms as a draft with their score. People miss a round when it falls in their night (by the
 * time zone of their registration) or when an organizer marked them absent; pairs kept apart and
 * earlier editions' published rooms (as meetings already held) shape the rooms.
 *
 * Once the plan was published, rounds that have started keep their rooms (people met there)
 * and count as history for the others; planning again then makes the plan a draft until it is
 * published again.
 *
 * With `keepLocked`, locked rooms and their members stay as they are. The allocator has no
 * notion of a fixed room, so each locked room's members are marked absent from that round (the
 * allocator places everyone else around them), and the locked rooms join the history, as if
 * already held: the allocator then avoids pairing their members again in the other rounds,
 * which is what would happen if the allocator had placed them itself.
 */
export async function planBreakoutRounds(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  options: BreakoutOptions,
  { keepLocked }: { keepLocked: boolean },
): Promise<Checked<{ rooms: number; heldRounds: number }>> {
  const context = await loadBreakoutContextToManage(deps.store, slug, actor);
  const { edition, rounds, participants, plan } = context;
  if (rounds.length === 0)
    return rejected([
      {
        field: 'plan',
        message: `${edition.name} has no breakout rounds. Add a session of the format “Breakout round” to the programme first.`,
      },
    ]);
  if (participants.length === 0)
    return rejected([
      {
        field: 'plan',
        message: `Nobody has registered for ${edition.name} yet, so there is nobody to put in rooms.`,
      },
    ]);

  // Rounds of a published plan that have started were held: their rooms are who actually met,
  // so they stay as they are and count as history for the rounds still to come.
  const now = deps.clock.now().toISOString();
  const heldRoundIds = new Set(
    plan.status === 'published'
      ? rounds.filter((round) => round.startsAt <= now).map((round) => round.id)
      : [],
  );
  const locked = context.rooms.filter(
    (room) => heldRoundIds.has(room.sessionId) || (keepLocked && room.locked),
  );
  const lockedIn = (roundIndex: number, personId: string) =>
    locked.some(
      (room) => room.sessionId === rounds[roundIndex]?.id && room.memberIds.includes(personId),
    );
  const earlier = await loadHistory(deps.store, edition);
  // Kept rooms as history, one entry per round (a person sits in one room per round).
  const lockedRounds = rounds
    .map((round) => locked.filter((room) => room.sessionId === round.id).map((r) => r.memberIds))
    .filter((roomsOfRound) => roomsOfRound.length > 0);
  const people = participants.map((participant) =>
    toBreakoutPerson(
      context,
      participant,
      (index) =>
        heldRoundIds.has(rounds[index]?.id ?? '') || lockedIn(index, participant.person.id),
    ),
  );
  const { min, max } = plan.roomSize;
  const problems = rounds.flatMap((round, index) => {
    const present = people.filter((person) => !person.absent?.includes(index)).length;
    if (roomSizesFor(present, min, max) !== null) return [];
    const sizes = min === max ? `exactly ${min}` : `${min} to ${max}`;
    return [
      {
        field: 'plan',
        message: `Round ${index + 1} (${round.title}): ${present} ${present === 1 ? 'person is' : 'people are'} free to take part, which cannot be split into rooms of ${sizes}. Change the room sizes, or mark fewer people absent.`,
      },
    ];
  });
  if (problems.length > 0) return rejected(problems);

  const known = new Set(people.map((person) => person.id));
  const seed = keepLocked ? plan.seed + 1 : plan.seed;
  const checked = checkProblem({
    rounds: rounds.length,
    roomSize: plan.roomSize,
    people,
    apart: context.apart.filter(([a, b]) => known.has(a) && known.has(b)),
    // Only meetings among the people planned for count (the allocator knows nobody else).
    history: [...earlier, ...lockedRounds].map((round) =>
      round.map((room) => room.filter((id) => known.has(id))),
    ),
    seed,
    timeLimitMs: options.timeLimitMs,
  });
  if (!checked.ok) return rejected(checked.problems.map((message) => ({ field: 'plan', message })));
  const schedule = allocateBreakoutRooms(checked.problem, {
    seed,
    timeLimitMs: options.timeLimitMs,
    now: elapsed,
  });

  // Every round's rooms first (locked ones kept as they are), so that rapporteurs can be picked
  // by rotation over all the rounds in order.
  const planned = rounds.map((round, index) => {
    const kept = locked.filter((room) => room.sessionId === round.id);
    const groups = schedule.rounds[index] ?? [];
    const numbers = freeRoomNumbers(
      kept.map((room) => room.number),
      groups.length,
    );
    const where = {
      editionId: edition.id,
      editionSlug: edition.slug,
      sessionId: round.id,
      roundNumber: index + 1,
    };
    const fresh: BreakoutRoom[] = groups.map((memberIds, k) =>
      openRoom(deps, where, numbers[k] ?? k + 1, memberIds, options.jitsiDomain),
    );
    return { round, kept, fresh };
  });
  const withRapporteurs = rotateRapporteurs(planned.map(({ kept, fresh }) => [...kept, ...fresh]));

  let count: number;
  try {
    count = await deps.store.transaction(async (store) => {
      await claimRooms(store, context);
      let total = 0;
      for (const [index, { round, kept }] of planned.entries()) {
        const fresh = (withRapporteurs[index] ?? []).slice(kept.length);
        await store.breakouts.replaceRooms(
          round.id,
          kept.map((room) => room.id),
          fresh,
        );
        total += kept.length + fresh.length;
      }
      const after: BreakoutContext = {
        ...context,
        rooms: await store.breakouts.listRooms(edition.id),
      };
      await store.breakouts.savePlan({
        ...plan,
        // New rooms are a draft again: attendees see them once an organizer publishes them.
        status: 'draft',
        seed,
        score: scoreSchedule(scoringProblem(after, earlier), roomsByRound(after)),
        plannedAt: deps.clock.now().toISOString(),
        publishedBy: null,
        publishedAt: null,
      });
      await recordAudit(
        deps,
        store,
        actor,
        edition.id,
        keepLocked ? 'breakouts.regenerated' : 'breakouts.planned',
        `${keepLocked ? 'Planned again, keeping locked rooms,' : 'Planned'} ${rounds.length} breakout ${rounds.length === 1 ? 'round' : 'rounds'} of ${edition.name}: ${total} rooms.`,
      );
      return total;
    });
  } catch (error) {
    if (error instanceof RoomsChangedMeanwhileError)
      return rejected([{ field: 'plan', message: ROOMS_CHANGED_MEANWHILE }]);
    throw error;
  }
  return accepted({ rooms: count, heldRounds: heldRoundIds.size });
}
