import type { Actor } from '../../domain/access/actor.ts';
import {
  freeRoomNumbers,
  rotateRapporteurs,
  type BreakoutRoom,
} from '../../domain/breakout-plan/breakout-plan.ts';
import { replanRound, ReplanRoundError } from '../../domain/breakouts/replan-round.ts';
import { scoreSchedule } from '../../domain/breakouts/score-schedule.ts';
import { can } from '../../domain/policy/policy.ts';
import { accepted, rejected, type Checked, type FieldError } from '../../domain/shared/result.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { NotFoundError, type UseCaseDeps } from '../deps.ts';
import type { Store } from '../ports.ts';
import {
  loadBreakoutContext,
  loadHistory,
  roomsByRound,
  scoringProblem,
  toBreakoutPerson,
  type BreakoutContext,
  claimRooms,
  ROOMS_CHANGED_MEANWHILE,
  RoomsChangedMeanwhileError,
} from './breakout-context.ts';
import { openRoom, type BreakoutOptions } from './plan-breakout-rounds.ts';

/** Who the organizer says is missing from a round, and who came late to it. */
export interface RoundChanges {
  absentIds: string[];
  joinedIds: string[];
}

/** Names of the people a re-plan moved and placed, for the organizer's message. */
export interface ReplannedRoundSummary {
  moved: string[];
  placed: string[];
}

/** A live re-plan is quick: people are waiting to go into their rooms. */
const REPLAN_TIME_LIMIT_MS = 100;

/** Elapsed milliseconds for the time limit; not the clock of record, which is deps.clock. */
const elapsed = () => performance.now();

/** The field of the form for a round's changes, where its problems are shown. */
export const replanField = (roundSessionId: string) => `replan-${roundSessionId}`;

/**
 * Re-plans one round of a published plan live, when people drop out or join late: people whose
 * room still works keep it, rooms that continue keep their id, meeting link and rapporteur, and
 * attendees' open pages are told through the round session's room log. Nothing changes when
 * the changes are refused.
 */
export async function replanPublishedRound(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  roundSessionId: string,
  changes: RoundChanges,
  options: Pick<BreakoutOptions, 'jitsiDomain'>,
): Promise<Checked<ReplannedRoundSummary>> {
  const context = await loadBreakoutContext(deps.store, slug);
  const { edition, plan } = context;
  const field = replanField(roundSessionId);
  const refuse = (message: string) => rejected<ReplannedRoundSummary>([{ field, message }]);
  if (!can(actor, 'breakouts.manage', { editionId: edition.id, editionStatus: edition.status }))
    return refuse('Only the organizers of this edition can re-plan a breakout round.');
  const roundIndex = context.rounds.findIndex((r) => r.id === roundSessionId);
  const round = context.rounds[roundIndex];
  if (!round) throw new NotFoundError('The breakout round');
  if (plan.status !== 'published')
    return refuse('Only published rooms can be re-planned. Plan the rounds again instead.');

  const planned = context.rooms.filter((room) => room.sessionId === round.id);
  const inRound = new Set(planned.flatMap((room) => room.memberIds));
  const registered = new Set(context.participants.map((p) => p.person.id));
  const absentIds = [...new Set(changes.absentIds)];
  const joinedIds = [...new Set(changes.joinedIds)];
  // People not named in the edition's breakout rooms, to tell "not registered" from "unknown".
  const others = await deps.store.people.findPeopleByIds(
    [...absentIds, ...joinedIds].filter((id) => !context.peopleById.has(id)),
  );
  const nameOfStranger = new Map(others.map((person) => [person.id, person.name]));
  const problems = [...absentIds, ...joinedIds]
    .filter((id) => !context.peopleById.has(id))
    .map((id) => {
      const name = nameOfStranger.get(id);
      return name
        ? `${name} is not registered for ${edition.name}, so cannot take part in its breakout rooms.`
        : `There is nobody with the id “${id}”. Choose people from the list.`;
    });
  problems.push(
    ...absentIds.flatMap((id) => checkAbsent(context, id, inRound)),
    ...joinedIds.flatMap((id) => checkJoined(context, id, registered, inRound)),
  );
  if (absentIds.length === 0 && joinedIds.length === 0)
    problems.push('Choose who is not there, or who joined late, then re-plan the round.');
  if (problems.length > 0)
    return rejected(problems.map((message): FieldError => ({ field, message })));

  const history = await loadHistory(deps.store, edition);
  const otherRounds = roomsByRound(context).filter((_, index) => index !== roundIndex);
  const people = [...inRound, ...joinedIds].flatMap((id) => {
    const participant = context.peopleById.get(id);
    return participant ? [toBreakoutPerson(context, participant)] : [];
  });
  const known = new Set(people.map((person) => person.id));
  let replanned;
  try {
    replanned = replanRound(
      {
        people,
        roomSize: plan.roomSize,
        apart: context.apart.filter(([a, b]) => known.has(a) && known.has(b)),
        otherRounds: [...history, ...otherRounds],
        rooms: planned.map((room) => room.memberIds),
        absent: absentIds,
        joined: joinedIds,
      },
      { seed: plan.seed, timeLimitMs: REPLAN_TIME_LIMIT_MS, now: elapsed },
    );
  } catch (error) {
    if (!(error instanceof ReplanRoundError)) throw error;
    const present = inRound.size - absentIds.length + joinedIds.length;
    const { min, max } = plan.roomSize;
    return refuse(
      `The ${present} ${present === 1 ? 'person' : 'people'} present cannot be split into rooms of ${min} to ${max}. Change the room sizes or who is present.`,
    );
  }

  const continuing = replanned.from.flatMap((from) => planned[from] ?? []);
  const numbers = freeRoomNumbers(
    continuing.map((room) => room.number),
    replanned.from.filter((from) => from < 0).length,
  );
  let opened = 0;
  const replannedRooms: BreakoutRoom[] = replanned.rooms.map((memberIds, index) => {
    const kept = planned[replanned.from[index] ?? -1];
    // A rapporteur who is no longer in the room hands over to the next in the rotation.
    if (kept)
      return {
        ...kept,
        memberIds,
        rapporteurId:
          kept.rapporteurId && memberIds.includes(kept.rapporteurId) ? kept.rapporteurId : null,
      };
    const number = numbers[opened++] ?? planned.length + opened;
    const where = {
      editionId: edition.id,
      editionSlug: edition.slug,
      sessionId: round.id,
      roundNumber: roundIndex + 1,
    };
    return openRoom(deps, where, number, memberIds, options.jitsiDomain);
  });
  // Rooms without a rapporteur get one by rotation, counting the turns of the other rounds.
  const otherRooms = context.rooms.filter((room) => room.sessionId !== round.id);
  const rooms = rotateRapporteurs([otherRooms, replannedRooms])[1] ?? replannedRooms;
  const nameOf = (id: string) => context.peopleById.get(id)?.name ?? 'Someone';

  try {
    await deps.store.transaction(async (store) => {
      await claimRooms(store, context);
      // Replaced whole: continuing rooms go back with the same id, link and rapporteur.
      await store.breakouts.replaceRooms(round.id, [], rooms);
      for (const personId of absentIds)
        if (!context.absences.some((a) => a.sessionId === round.id && a.personId === personId))
          await store.breakouts.addAbsence({ sessionId: round.id, personId });
      // A late joiner who was marked absent is there after all.
      for (const personId of joinedIds)
        if (context.absences.some((a) => a.sessionId === round.id && a.personId === personId))
          await store.breakouts.removeAbsence({ sessionId: round.id, personId });
      const after: BreakoutContext = {
        ...context,
        rooms: await store.breakouts.listRooms(edition.id),
      };
      await store.breakouts.savePlan({
        ...plan,
        score: scoreSchedule(scoringProblem(after, history), roomsByRound(after)),
      });
      await appendBreakoutsChanged(deps, store, round.id, actor);
      await recordAudit(
        deps,
        store,
        actor,
        edition.id,
        'breakouts.round-replanned',
        `Re-planned ${round.title}: ${absentIds.length} not there, ${joinedIds.length} joined late, ${replanned.moved.length} moved.`,
      );
    });
  } catch (error) {
    if (error instanceof RoomsChangedMeanwhileError)
      return rejected([{ field: 'plan', message: ROOMS_CHANGED_MEANWHILE }]);
    throw error;
  }
  deps.rooms.roomChanged(round.id);
  return accepted({ moved: replanned.moved.map(nameOf), placed: replanned.placed.map(nameOf) });
}

/**
 * Adds `breakouts.changed` to a round session's room log, so that attendees' open pages show
 * their new room. Call inside the transaction that changes the rooms, and wake the room after.
 */
export async function appendBreakoutsChanged(
  deps: Pick<UseCaseDeps, 'clock'>,
  store: Store,
  roundSessionId: string,
  actor: Actor,
): Promise<void> {
  await store.live.lockRoom(roundSessionId);
  await store.live.appendEvent(roundSessionId, {
    at: deps.clock.now().toISOString(),
    actorId: actor.kind === 'person' ? actor.personId : null,
    payload: { type: 'breakouts.changed' },
  });
}

function checkAbsent(context: BreakoutContext, id: string, inRound: Set<string>): string[] {
  const person = context.peopleById.get(id);
  if (!person) return [];
  if (!inRound.has(id))
    return [`${person.name} has no room in this round, so cannot be marked as not there.`];
  return [];
}

function checkJoined(
  context: BreakoutContext,
  id: string,
  registered: Set<string>,
  inRound: Set<string>,
): string[] {
  const person = context.peopleById.get(id);
  if (!person) return [];
  if (!registered.has(id))
    return [
      `${person.name} is not registered for ${context.edition.name}, so cannot join a breakout room.`,
    ];
  if (inRound.has(id)) return [`${person.name} already has a room in this round.`];
  return [];
}
