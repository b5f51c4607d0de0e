import type { Edition } from '../../domain/convening/edition.ts';
import type { Session } from '../../domain/convening/session.ts';
import {
  newBreakoutPlan,
  type BreakoutPlan,
  type BreakoutRoom,
} from '../../domain/breakout-plan/breakout-plan.ts';
import type { BreakoutPerson, BreakoutProblem } from '../../domain/breakouts/breakout-problem.ts';
import type { Government, Person } from '../../domain/people/person.ts';
import { classifyLocalTime } from '../../domain/time-zones/fairness.ts';
import { isKnownTimeZone } from '../../domain/time-zones/zone-clock.ts';
import type { Actor } from '../../domain/access/actor.ts';
import { can } from '../../domain/policy/policy.ts';
import { NotFoundError } from '../deps.ts';
import type { BreakoutAbsence, Store } from '../ports.ts';

/** Someone who takes part in breakout rounds: a registered invitee, with how others see them. */
export interface BreakoutParticipant {
  person: Person;
  /** The name they chose when registering, or their record's. */
  name: string;
  government: Government | null;
  /** The zone of their registration, or of their record. */
  timeZone: string;
}

/** Everything about an edition's breakout rooms, read at once for a use case. */
export interface BreakoutContext {
  edition: Edition;
  plan: BreakoutPlan;
  /** The edition's breakout-round sessions, earliest first: round 1, 2, 3… */
  rounds: Session[];
  /** Registered invitees, by name. */
  participants: BreakoutParticipant[];
  /** Everyone named in a room, pair or absence, registered or not any more. */
  peopleById: Map<string, BreakoutParticipant>;
  rooms: BreakoutRoom[];
  apart: [string, string][];
  absences: BreakoutAbsence[];
  roundLinks: Map<string, string>;
  /** The edition's rapporteurs, who may take notes in a room. */
  rapporteurIds: string[];
}

/** Reads the edition and everything about its breakout rooms; NotFoundError for an unknown edition. */
export async function loadBreakoutContext(store: Store, slug: string): Promise<BreakoutContext> {
  const edition = await store.programme.findEditionBySlug(slug);
  if (!edition) throw new NotFoundError(`The edition "${slug}"`);
  const [plan, sessions, progress, rooms, apart, absences, roundLinks, governments, members] =
    await Promise.all([
      store.breakouts.findPlan(edition.id),
      store.programme.listSessions(edition.id),
      store.access.listInviteeProgress(edition.id),
      store.breakouts.listRooms(edition.id),
      store.breakouts.listApartPairs(edition.id),
      store.breakouts.listAbsences(edition.id),
      store.breakouts.listRoundLinks(edition.id),
      store.people.listGovernments(),
      store.access.listMembers(edition.id),
    ]);
  const rapporteurIds = members
    .filter((member) => member.role === 'rapporteur')
    .map((member) => member.personId);
  const rounds = sessions
    .filter((session) => session.format === 'breakout-round')
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id));
  const registeredIds = new Set(
    progress.filter((p) => p.status === 'registered').map((p) => p.personId),
  );
  const namedIds = new Set([
    ...registeredIds,
    ...rooms.flatMap((room) => room.memberIds),
    ...apart.flat(),
    ...absences.map((absence) => absence.personId),
    ...rapporteurIds,
    ...rooms.flatMap((room) => room.rapporteurId ?? []),
  ]);
  const people = await store.people.findPeopleByIds([...namedIds]);
  const governmentById = new Map(governments.map((g) => [g.id, g]));
  const peopleById = new Map<string, BreakoutParticipant>();
  for (const person of people) {
    const registration = await store.registrations.findRegistration(edition.id, person.id);
    peopleById.set(person.id, {
      person,
      name: registration?.displayName || person.name,
      government: person.governmentId ? (governmentById.get(person.governmentId) ?? null) : null,
      timeZone: registration?.timeZone || person.timeZone,
    });
  }
  const participants = [...registeredIds]
    .flatMap((id) => peopleById.get(id) ?? [])
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.person.id.localeCompare(b.person.id));
  return {
    edition,
    plan: plan ?? newBreakoutPlan(edition.id),
    rounds,
    participants,
    peopleById,
    rooms,
    apart,
    absences,
    roundLinks,
    rapporteurIds,
  };
}

/** Whether a round falls in someone's night, where they cannot be asked to join it. */
export function isNightFor(edition: Edition, round: Session, timeZone: string): boolean {
  if (!isKnownTimeZone(timeZone)) return false;
  return (
    classifyLocalTime(round, timeZone, {
      daytimeStartHour: edition.daytimeStartHour,
      daytimeEndHour: edition.daytimeEndHour,
    }) === 'night'
  );
}

/** Why someone misses a round, if they do: the organizers said so, or it is their night. */
export function absenceReason(
  context: BreakoutContext,
  round: Session,
  participant: BreakoutParticipant,
): 'marked' | 'night' | null {
  if (
    context.absences.some((a) => a.sessionId === round.id && a.personId === participant.person.id)
  )
    return 'marked';
  return isNightFor(context.edition, round, participant.timeZone) ? 'night' : null;
}

/** A participant as the allocator sees them: government code, role, maturity, rounds missed. */
export function toBreakoutPerson(
  context: BreakoutContext,
  participant: BreakoutParticipant,
  alsoAbsent: (roundIndex: number) => boolean = () => false,
): BreakoutPerson {
  const absent = context.rounds.flatMap((round, index) =>
    absenceReason(context, round, participant) !== null || alsoAbsent(index) ? [index] : [],
  );
  return {
    id: participant.person.id,
    ...(participant.government ? { government: participant.government.code } : {}),
    role: participant.person.role,
    maturity: participant.person.maturity,
    ...(absent.length > 0 ? { absent } : {}),
  };
}

/** Rooms of earlier editions' published plans: pairs who met there count as having met. */
export async function loadHistory(store: Store, edition: Edition): Promise<string[][][]> {
  const earlier = (await store.programme.listEditions()).filter(
    (other) => other.id !== edition.id && other.startDate < edition.startDate,
  );
  const history: string[][][] = [];
  for (const other of earlier) {
    const plan = await store.breakouts.findPlan(other.id);
    if (plan?.status !== 'published') continue;
    const bySession = new Map<string, string[][]>();
    for (const room of await store.breakouts.listRooms(other.id))
      bySession.set(room.sessionId, [...(bySession.get(room.sessionId) ?? []), room.memberIds]);
    history.push(...bySession.values());
  }
  return history;
}

/** The rooms of each round as the allocator writes them: rounds[r] lists room member ids. */
export function roomsByRound(context: BreakoutContext): string[][][] {
  return context.rounds.map((round) =>
    context.rooms.filter((room) => room.sessionId === round.id).map((room) => room.memberIds),
  );
}

/** The whole problem (no room fixed), to score the rooms as they stand. */
export function scoringProblem(context: BreakoutContext, history: string[][][]): BreakoutProblem {
  const known = new Set(context.participants.map((p) => p.person.id));
  const everyone = [...context.peopleById.values()];
  return {
    rounds: context.rounds.length,
    roomSize: context.plan.roomSize,
    people: everyone.map((participant) => toBreakoutPerson(context, participant)),
    apart: context.apart.filter(([a, b]) => known.has(a) && known.has(b)),
    history,
  };
}

/** Raised when someone who does not organize the edition asks to change its breakout rooms. */
export class BreakoutPermissionError extends Error {
  constructor() {
    super('Only the organizers of this edition can form its breakout rooms.');
    this.name = 'BreakoutPermissionError';
  }
}

/** Loads the edition's breakout rooms for a change, after asking the policy whether the actor may make it. */
export async function loadBreakoutContextToManage(
  store: Store,
  slug: string,
  actor: Actor,
): Promise<BreakoutContext> {
  const context = await loadBreakoutContext(store, slug);
  const { edition } = context;
  if (!can(actor, 'breakouts.manage', { editionId: edition.id, editionStatus: edition.status }))
    throw new BreakoutPermissionError();
  return context;
}

/** What someone is told when another organizer changed the rooms between their read and write. */
export const ROOMS_CHANGED_MEANWHILE =
  'Someone else changed these breakout rooms at the same moment, so nothing was changed. The page now shows the rooms as they are: make your change again if it is still needed.';

/** Raised inside a change's transaction when the rooms changed since they were read. */
export class RoomsChangedMeanwhileError extends Error {
  constructor() {
    super(ROOMS_CHANGED_MEANWHILE);
    this.name = 'RoomsChangedMeanwhileError';
  }
}

/**
 * Claims the rooms for a change, first thing in its transaction: moves the plan's revision on
 * from the one the change read, or throws (rolling the transaction back) when someone else
 * changed them since. Two changes made at once cannot then both apply to what they read.
 */
export async function claimRooms(store: Store, context: BreakoutContext): Promise<void> {
  if (!(await store.breakouts.claimRevision(context.edition.id, context.plan.revision)))
    throw new RoomsChangedMeanwhileError();
}
