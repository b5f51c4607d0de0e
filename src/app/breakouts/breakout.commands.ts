import type { Actor } from '../../domain/access/actor.ts';
import { checkMove, checkRoomSizeBounds } from '../../domain/breakout-plan/breakout-plan.ts';
import type { RawInput } from '../../domain/convening/programme-input.ts';
import { scoreSchedule } from '../../domain/breakouts/score-schedule.ts';
import { accepted, rejected, type Checked, type FieldError } from '../../domain/shared/result.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { NotFoundError, type UseCaseDeps } from '../deps.ts';
import type { Store } from '../ports.ts';
import {
  loadBreakoutContextToManage,
  loadHistory,
  roomsByRound,
  scoringProblem,
  type BreakoutContext,
  claimRooms,
  ROOMS_CHANGED_MEANWHILE,
  RoomsChangedMeanwhileError,
} from './breakout-context.ts';
import { appendBreakoutsChanged } from './replan-published-round.ts';

const text = (raw: RawInput, name: string): string => {
  const value = raw[name];
  return typeof value === 'string' ? value.trim() : '';
};

function isHttpsLink(link: string): boolean {
  try {
    return new URL(link).protocol === 'https:';
  } catch {
    return false;
  }
}

const fail = <T>(field: string, message: string): Checked<T> => rejected([{ field, message }]);

/** Scores the rooms as they are now and keeps the score with the plan. */
async function rescore(store: Store, context: BreakoutContext): Promise<void> {
  const after = { ...context, rooms: await store.breakouts.listRooms(context.edition.id) };
  const history = await loadHistory(store, context.edition);
  await store.breakouts.savePlan({
    ...context.plan,
    score:
      after.rooms.length > 0
        ? scoreSchedule(scoringProblem(after, history), roomsByRound(after))
        : null,
  });
}

/** Sets the smallest and largest room size for the next plan. */
export async function saveBreakoutSettings(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  raw: RawInput,
): Promise<Checked<null>> {
  const checked = checkRoomSizeBounds({ min: raw.min, max: raw.max });
  if (!checked.ok) return checked;
  const context = await loadBreakoutContextToManage(deps.store, slug, actor);
  await deps.store.transaction(async (store) => {
    await store.breakouts.savePlan({ ...context.plan, roomSize: checked.value });
    await recordAudit(
      deps,
      store,
      actor,
      context.edition.id,
      'breakouts.settings-changed',
      `Set breakout rooms of ${context.edition.name} to ${checked.value.min} to ${checked.value.max} people.`,
    );
  });
  return accepted(null);
}

/** A registered participant chosen in a form, or the message for the field. */
function chooseParticipant(context: BreakoutContext, raw: RawInput, field: string, what: string) {
  const id = text(raw, field);
  if (!id) return { error: { field, message: `Choose ${what}.` } };
  const participant = context.participants.find((p) => p.person.id === id);
  if (!participant)
    return {
      error: {
        field,
        message: `Choose ${what} from the list: only people registered for ${context.edition.name} can be chosen.`,
      },
    };
  return { participant };
}

/** Keeps two registered people out of the same room in every round. */
export async function addApartPair(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  raw: RawInput,
): Promise<Checked<null>> {
  const context = await loadBreakoutContextToManage(deps.store, slug, actor);
  const first = chooseParticipant(context, raw, 'first', 'the first person');
  const second = chooseParticipant(context, raw, 'second', 'the second person');
  const errors = [first.error, second.error].filter((e): e is FieldError => e !== undefined);
  if (errors.length > 0 || !first.participant || !second.participant) return rejected(errors);
  if (first.participant.person.id === second.participant.person.id)
    return fail(
      'second',
      `Choose two different people: ${first.participant.name} cannot be kept apart from themselves.`,
    );
  const pair = [first.participant.person.id, second.participant.person.id].sort() as [
    string,
    string,
  ];
  await deps.store.transaction(async (store) => {
    await store.breakouts.addApartPair(context.edition.id, pair);
    await recordAudit(
      deps,
      store,
      actor,
      context.edition.id,
      'breakouts.pair-kept-apart',
      `Kept ${first.participant.name} and ${second.participant.name} in different breakout rooms.`,
    );
  });
  return accepted(null);
}

/** Lets a pair kept apart share a room again. */
export async function removeApartPair(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  raw: RawInput,
): Promise<void> {
  const context = await loadBreakoutContextToManage(deps.store, slug, actor);
  const pair = [text(raw, 'first'), text(raw, 'second')].sort() as [string, string];
  if (!context.apart.some(([a, b]) => a === pair[0] && b === pair[1]))
    throw new NotFoundError('The pair kept apart');
  await deps.store.transaction(async (store) => {
    await store.breakouts.removeApartPair(context.edition.id, pair);
    await recordAudit(
      deps,
      store,
      actor,
      context.edition.id,
      'breakouts.pair-allowed',
      'Let a pair kept apart share a breakout room again.',
    );
  });
}

/** Marks a registered person absent from one round, or present again. */
export async function setBreakoutAbsence(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  raw: RawInput,
  absent: boolean,
): Promise<Checked<null>> {
  const context = await loadBreakoutContextToManage(deps.store, slug, actor);
  const chosen = chooseParticipant(context, raw, 'personId', 'the person');
  const round = context.rounds.find((r) => r.id === text(raw, 'sessionId'));
  const errors = [
    ...(chosen.error ? [chosen.error] : []),
    ...(round ? [] : [{ field: 'sessionId', message: 'Choose a breakout round from the list.' }]),
  ];
  if (errors.length > 0 || !chosen.participant || !round) return rejected(errors);
  const absence = { sessionId: round.id, personId: chosen.participant.person.id };
  await deps.store.transaction(async (store) => {
    if (absent) await store.breakouts.addAbsence(absence);
    else await store.breakouts.removeAbsence(absence);
    await recordAudit(
      deps,
      store,
      actor,
      context.edition.id,
      absent ? 'breakouts.absence-marked' : 'breakouts.absence-removed',
      `Marked ${chosen.participant.name} ${absent ? 'absent from' : 'present in'} ${round.title}.`,
    );
  });
  return accepted(null);
}

/**
 * Gives a round one meeting link for all its rooms (for tools that split a meeting into rooms
 * themselves, such as Zoom with pre-assigned rooms); an empty link gives each room its own again.
 */
export async function saveRoundLink(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  sessionId: string,
  raw: RawInput,
): Promise<Checked<null>> {
  const context = await loadBreakoutContextToManage(deps.store, slug, actor);
  const round = context.rounds.find((r) => r.id === sessionId);
  if (!round) throw new NotFoundError('The breakout round');
  const link = text(raw, 'meetingUrl');
  if (link !== '' && !isHttpsLink(link))
    return fail(
      `meetingUrl-${round.id}`,
      'Enter the meeting link as a web address starting with https://, or leave it empty to give each room its own.',
    );
  await deps.store.transaction(async (store) => {
    await store.breakouts.saveRoundLink(round.id, link);
    await recordAudit(
      deps,
      store,
      actor,
      context.edition.id,
      'breakouts.round-link-changed',
      link
        ? `Gave ${round.title} one meeting link for all its rooms.`
        : `Gave each room of ${round.title} its own meeting.`,
    );
  });
  return accepted(null);
}

/** Moves a person to another room of the same round, keeping every room within the size bounds. */
export async function moveBreakoutMember(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  raw: RawInput,
): Promise<Checked<null>> {
  const context = await loadBreakoutContextToManage(deps.store, slug, actor);
  const target = context.rooms.find((room) => room.id === text(raw, 'roomId'));
  const personId = text(raw, 'personId');
  const person = context.peopleById.get(personId);
  if (!target || !person)
    return fail(
      'rooms',
      !person
        ? 'The person to move is not in any room. Plan the rounds again if people changed.'
        : 'Choose a room of the same round to move them to.',
    );
  const round = context.rooms.filter((room) => room.sessionId === target.sessionId);
  const checked = checkMove(round, personId, person.name, target.id, context.plan.roomSize);
  if (!checked.ok) return fail(`move-${target.sessionId}-${personId}`, checked.message);
  try {
    await deps.store.transaction(async (store) => {
      await claimRooms(store, context);
      await store.breakouts.moveMember(target.sessionId, personId, target.id);
      await rescore(store, context);
      if (context.plan.status === 'published')
        await appendBreakoutsChanged(deps, store, target.sessionId, actor);
      await recordAudit(
        deps,
        store,
        actor,
        context.edition.id,
        'breakouts.person-moved',
        `Moved ${person.name} from ${checked.move.from.name} to ${checked.move.to.name}.`,
      );
    });
  } catch (error) {
    if (error instanceof RoomsChangedMeanwhileError) return fail('plan', ROOMS_CHANGED_MEANWHILE);
    throw error;
  }
  if (context.plan.status === 'published') deps.rooms.roomChanged(target.sessionId);
  return accepted(null);
}

/** Locks a room, so planning again keeps it and its members, or unlocks it. */
export async function setBreakoutRoomLocked(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  roomId: string,
  locked: boolean,
): Promise<void> {
  const context = await loadBreakoutContextToManage(deps.store, slug, actor);
  const room = context.rooms.find((r) => r.id === roomId);
  if (!room) throw new NotFoundError('The breakout room');
  const round = context.rounds.find((r) => r.id === room.sessionId);
  await deps.store.transaction(async (store) => {
    await store.breakouts.setRoomLocked(room.id, locked);
    await recordAudit(
      deps,
      store,
      actor,
      context.edition.id,
      locked ? 'breakouts.room-locked' : 'breakouts.room-unlocked',
      `${locked ? 'Locked' : 'Unlocked'} ${room.name} of ${round?.title ?? 'a breakout round'}.`,
    );
  });
}

/** Names who takes notes in a room: one of the edition's rapporteurs or the room's members, or nobody. */
export async function setBreakoutRoomRapporteur(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  roomId: string,
  raw: RawInput,
): Promise<Checked<null>> {
  const context = await loadBreakoutContextToManage(deps.store, slug, actor);
  const room = context.rooms.find((r) => r.id === roomId);
  if (!room) throw new NotFoundError('The breakout room');
  const chosen = text(raw, 'rapporteurId');
  if (chosen !== '' && !context.rapporteurIds.includes(chosen) && !room.memberIds.includes(chosen))
    return fail(
      `rapporteur-${room.id}`,
      `Choose one of the edition’s rapporteurs or a member of ${room.name} to take notes, or nobody.`,
    );
  const name = chosen ? (context.peopleById.get(chosen)?.name ?? 'someone') : '';
  await deps.store.transaction(async (store) => {
    await store.breakouts.setRoomRapporteur(room.id, chosen || null);
    await recordAudit(
      deps,
      store,
      actor,
      context.edition.id,
      'breakouts.rapporteur-changed',
      chosen
        ? `Asked ${name} to take notes in ${room.name}.`
        : `Nobody takes notes in ${room.name}.`,
    );
  });
  return accepted(null);
}

/** Publishes the rooms: every member then sees their room on "Your breakout room". */
export async function publishBreakoutRooms(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  seenRevision?: unknown,
): Promise<Checked<null>> {
  const context = await loadBreakoutContextToManage(deps.store, slug, actor);
  if (context.rooms.length === 0)
    return fail('plan', 'There are no rooms to publish yet. Plan all rounds first.');
  // The organizer publishes the rooms they looked at, never ones changed since they loaded them.
  if (seenRevision !== undefined && String(seenRevision) !== String(context.plan.revision))
    return fail(
      'plan',
      'The rooms changed after you opened this page (someone planned again or moved people), so they were not published. Check the rooms below, then publish them.',
    );
  try {
    await deps.store.transaction(async (store) => {
      await claimRooms(store, context);
      await store.breakouts.savePlan({
        ...context.plan,
        status: 'published',
        publishedBy: actor.kind === 'person' ? actor.personId : null,
        publishedAt: deps.clock.now().toISOString(),
      });
      await recordAudit(
        deps,
        store,
        actor,
        context.edition.id,
        'breakouts.published',
        `Published the breakout rooms of ${context.edition.name}.`,
      );
      for (const round of context.rounds)
        await appendBreakoutsChanged(deps, store, round.id, actor);
    });
  } catch (error) {
    if (error instanceof RoomsChangedMeanwhileError) return fail('plan', ROOMS_CHANGED_MEANWHILE);
    throw error;
  }
  for (const round of context.rounds) deps.rooms.roomChanged(round.id);
  return accepted(null);
}
