import type { Actor } from '../../domain/access/actor.ts';
import type { BreakoutRoom } from '../../domain/breakout-plan/breakout-plan.ts';
import type { Session } from '../../domain/convening/session.ts';
import { PERSON_ROLE_LABELS } from '../../domain/people/person.ts';
import type { Notes } from '../../domain/notes/notes.ts';
import { writeCsv } from '../csv/write-csv.ts';
import { NotFoundError, type UseCaseDeps } from '../deps.ts';
import {
  absenceReason,
  loadBreakoutContext,
  type BreakoutContext,
  type BreakoutParticipant,
} from './breakout-context.ts';
import { listPeopleMet } from './people-met.ts';

/** A room with its members, as organizers and attendees see it. */
export interface RoomView {
  room: BreakoutRoom;
  members: BreakoutParticipant[];
  /** The round's one meeting link when it has one, otherwise the room's own. */
  videoUrl: string;
}

/** One breakout round with its rooms and who misses it. */
export interface RoundView {
  round: Session;
  number: number;
  meetingUrl: string;
  rooms: RoomView[];
  absent: { participant: BreakoutParticipant; reason: 'marked' | 'night' }[];
}

/** What the organizers' breakout page shows. */
export interface BreakoutBoard {
  context: BreakoutContext;
  rounds: RoundView[];
  /** The notes of every room, rooms dissolved by a re-plan included (their room id is null). */
  notes: Notes[];
  /** The names of the people who saved those notes last. */
  noteAuthors: Map<string, string>;
}

function memberOf(context: BreakoutContext, id: string): BreakoutParticipant[] {
  const participant = context.peopleById.get(id);
  return participant ? [participant] : [];
}

function roundViews(context: BreakoutContext): RoundView[] {
  return context.rounds.map((round, index) => {
    const meetingUrl = context.roundLinks.get(round.id) ?? '';
    return {
      round,
      number: index + 1,
      meetingUrl,
      rooms: context.rooms
        .filter((room) => room.sessionId === round.id)
        .map((room) => ({
          room,
          members: room.memberIds
            .flatMap((id) => memberOf(context, id))
            .sort((a, b) => a.name.localeCompare(b.name, 'en')),
          videoUrl: meetingUrl || room.videoUrl,
        })),
      absent: context.participants.flatMap((participant) => {
        const reason = absenceReason(context, round, participant);
        return reason ? [{ participant, reason }] : [];
      }),
    };
  });
}

/** The edition's breakout settings, rounds and rooms, for its organizers. */
export async function loadBreakoutBoard(deps: UseCaseDeps, slug: string): Promise<BreakoutBoard> {
  const context = await loadBreakoutContext(deps.store, slug);
  const notes = await deps.store.notes.listEditionNotes(context.edition.id);
  const authorIds = [...new Set(notes.flatMap((n) => n.updatedBy ?? []))];
  const noteAuthors = new Map(
    (await deps.store.people.findPeopleByIds(authorIds)).map((person) => [
      person.id,
      context.peopleById.get(person.id)?.name ?? person.name,
    ]),
  );
  return { context, rounds: roundViews(context), notes, noteAuthors };
}

/** A person's rooms in the published plan, round by round. */
export interface MyBreakoutRooms {
  context: BreakoutContext;
  isPublished: boolean;
  rounds: { round: Session; number: number; room: RoomView | null }[];
  /** Rooms of this edition that have notes. */
  notedRoomIds: Set<string>;
  /** How many people, from how many governments, the person has met in breakout rooms so far. */
  met: { people: number; governments: number };
}

/** The rooms the signed-in person sits in, once the organizers published them. */
export async function loadMyBreakoutRooms(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
): Promise<MyBreakoutRooms> {
  const context = await loadBreakoutContext(deps.store, slug);
  const personId = actor.kind === 'person' ? actor.personId : '';
  const isPublished = context.plan.status === 'published';
  const notes = await deps.store.notes.listEditionNotes(context.edition.id);
  const met = personId ? await listPeopleMet(deps, personId) : [];
  return {
    context,
    isPublished,
    notedRoomIds: new Set(notes.flatMap((n) => n.breakoutRoomId ?? [])),
    met: {
      people: met.length,
      governments: new Set(met.flatMap((m) => m.government?.id ?? [])).size,
    },
    rounds: roundViews(context).map((view) => ({
      round: view.round,
      number: view.number,
      room: isPublished
        ? (view.rooms.find((room) => room.room.memberIds.includes(personId)) ?? null)
        : null,
    })),
  };
}

/** Round, room, name, email, government, role: every room of every round as a spreadsheet. */
export async function exportBreakoutRooms(deps: UseCaseDeps, slug: string): Promise<string> {
  const board = await loadBreakoutBoard(deps, slug);
  const rows = board.rounds.flatMap((round) =>
    round.rooms.flatMap((room) =>
      room.members.map((member) => [
        `Round ${round.number}: ${round.round.title}`,
        room.room.name,
        member.name,
        member.person.email,
        member.government?.country ?? '',
        PERSON_ROLE_LABELS[member.person.role],
      ]),
    ),
  );
  return writeCsv(['Round', 'Room', 'Name', 'Email', 'Government', 'Role'], rows);
}

/**
 * Zoom's file for pre-assigning breakout rooms of one meeting (one round): exactly the two
 * columns Zoom reads, a row per person.
 */
export async function exportZoomPreAssignment(
  deps: UseCaseDeps,
  slug: string,
  sessionId: string,
): Promise<{ csv: string; roundNumber: number }> {
  const board = await loadBreakoutBoard(deps, slug);
  const round = board.rounds.find((view) => view.round.id === sessionId);
  if (!round) throw new NotFoundError('The breakout round');
  const rows = round.rooms.flatMap((room) =>
    room.members.map((member) => [room.room.name, member.person.email]),
  );
  return {
    csv: writeCsv(['Pre-assign Room Name', 'Email Address'], rows),
    roundNumber: round.number,
  };
}
