import type { Actor } from '../../domain/access/actor.ts';
import type { Edition } from '../../domain/convening/edition.ts';
import type { Session } from '../../domain/convening/session.ts';
import { can, type PolicySubject } from '../../domain/policy/policy.ts';
import { roomState, type RoomState } from '../../domain/live/room-state.ts';
import { NotFoundError, type UseCaseDeps } from '../deps.ts';
import type { Store, StoredRoom } from '../ports.ts';
import { RoomError } from './room-errors.ts';

/** A session room and what decides who may do what in it. */
export interface RoomContext {
  edition: Edition;
  session: Session;
  room: StoredRoom;
  state: RoomState;
  /** What the policy is asked about: the edition and the session's own moderators. */
  subject: PolicySubject;
}

/**
 * Finds a session's room through its edition's address. Breaks have no room. Throws
 * NotFoundError for an unknown edition or session, or one of another edition.
 */
export async function findRoom(
  deps: Pick<UseCaseDeps, 'store' | 'clock'>,
  slug: string,
  sessionId: string,
  store: Store = deps.store,
): Promise<RoomContext> {
  const edition = await store.programme.findEditionBySlug(slug);
  if (!edition) throw new NotFoundError('This edition');
  const session = await store.programme.findSession(sessionId);
  if (!session || session.editionId !== edition.id || session.format === 'break')
    throw new NotFoundError('This session room');
  const contributors = await store.programme.listContributors([session.id]);
  const room = await store.live.findRoom(session.id);
  return {
    edition,
    session,
    room,
    state: roomState(
      {
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        endedAt: room.endedAt,
        openedAt: room.openedAt,
      },
      deps.clock.now(),
    ),
    subject: {
      editionId: edition.id,
      editionStatus: edition.status,
      sessionModeratorIds: contributors
        .filter((c) => c.part === 'moderator')
        .map((c) => c.personId),
    },
  };
}

/** Whether the actor moderates this room. */
export function moderates(actor: Actor, context: RoomContext): boolean {
  return can(actor, 'room.moderate', context.subject);
}

/** The signed-in person taking part, or a refusal saying who may. */
export function requireParticipant(
  actor: Actor,
  context: RoomContext,
): Extract<Actor, { kind: 'person' }> {
  if (actor.kind !== 'person' || !can(actor, 'room.take-part', context.subject))
    throw new RoomError(
      'forbidden',
      'Only registered attendees, speakers and the team of this edition can take part in its session rooms.',
    );
  return actor;
}

/** The moderator acting, or a refusal. */
export function requireModerator(
  actor: Actor,
  context: RoomContext,
): Extract<Actor, { kind: 'person' }> {
  const person = requireParticipant(actor, context);
  if (!moderates(person, context))
    throw new RoomError(
      'forbidden',
      'Only the moderators and organizers of this session can do this.',
    );
  return person;
}

/** Refuses changes once the session has ended: its chat and questions stay readable only. */
export function requireOpen(context: RoomContext, what: string): void {
  if (context.state === 'ended')
    throw new RoomError(
      'ended',
      `This session has ended, so ${what} is closed. The chat and questions stay here to read.`,
    );
}
