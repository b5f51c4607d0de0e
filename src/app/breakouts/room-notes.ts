import type { Actor } from '../../domain/access/actor.ts';
import type { BreakoutRoom } from '../../domain/breakout-plan/breakout-plan.ts';
import type { Session } from '../../domain/convening/session.ts';
import {
  checkNotes,
  decideNotesSave,
  type Notes,
  type NoteSections,
  type NotesInput,
} from '../../domain/notes/notes.ts';
import { can, type PolicySubject } from '../../domain/policy/policy.ts';
import { accepted, rejected, type Checked } from '../../domain/shared/result.ts';
import { NotFoundError, type UseCaseDeps } from '../deps.ts';
import {
  loadBreakoutContext,
  type BreakoutContext,
  type BreakoutParticipant,
} from './breakout-context.ts';

/** A breakout room with its notes, as its rapporteur and the people in it see them. */
export interface RoomNotesView {
  context: BreakoutContext;
  round: Session;
  /** 1, 2, 3…: the round's place among the edition's breakout rounds. */
  roundNumber: number;
  room: BreakoutRoom;
  members: BreakoutParticipant[];
  rapporteur: BreakoutParticipant | null;
  notes: Notes | null;
  /** Who saved the notes last, by the name others see; null when nobody has or they left. */
  savedByName: string | null;
}

/** What the policy needs to know about a room: its edition, rapporteur and members. */
export function roomNotesSubject(view: Pick<RoomNotesView, 'context' | 'room'>): PolicySubject {
  return {
    editionId: view.context.edition.id,
    editionStatus: view.context.edition.status,
    rapporteurId: view.room.rapporteurId,
    memberIds: view.room.memberIds,
  };
}

/** Raised when someone who may not take a room's notes tries to save them. */
export class NotesPermissionError extends Error {
  constructor() {
    super(
      "Only the room's rapporteur, the edition's rapporteurs and its organizers can write these notes.",
    );
    this.name = 'NotesPermissionError';
  }
}

/** Reads a room of the edition with its notes; NotFoundError for an unknown edition or room. */
export async function loadRoomNotes(
  deps: UseCaseDeps,
  slug: string,
  roomId: string,
): Promise<RoomNotesView> {
  const context = await loadBreakoutContext(deps.store, slug);
  const room = context.rooms.find((candidate) => candidate.id === roomId);
  const index = room ? context.rounds.findIndex((round) => round.id === room.sessionId) : -1;
  const round = context.rounds[index];
  if (!room || !round) throw new NotFoundError('The breakout room');
  const notes = await deps.store.notes.findRoomNotes(room.id);
  const byId = (id: string | null) => (id ? (context.peopleById.get(id) ?? null) : null);
  let savedByName = byId(notes?.updatedBy ?? null)?.name ?? null;
  if (notes?.updatedBy && !savedByName)
    savedByName = (await deps.store.people.findPeopleByIds([notes.updatedBy]))[0]?.name ?? null;
  return {
    context,
    round,
    roundNumber: index + 1,
    room,
    members: room.memberIds
      .flatMap((id) => byId(id) ?? [])
      .sort((a, b) => a.name.localeCompare(b.name, 'en')),
    rapporteur: byId(room.rapporteurId),
    notes,
    savedByName,
  };
}

/** What saving a room's notes came to, for the writer. */
export type RoomNotesSaved =
  | { kind: 'saved'; version: number }
  | { kind: 'unchanged'; version: number }
  | { kind: 'conflict'; theirs: Notes; yours: NoteSections; theirsSavedBy: string | null };

/**
 * Saves a room's notes for the write-ups. The writer names the version they started from; if
 * someone saved since, nothing is written and both texts come back so the writer can merge
 * them (the same happens when two saves race: the store writes only over the version read).
 */
export async function saveRoomNotes(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  roomId: string,
  input: NotesInput,
): Promise<Checked<RoomNotesSaved>> {
  const view = await loadRoomNotes(deps, slug, roomId);
  if (!can(actor, 'breakouts.take-notes', roomNotesSubject(view)) || actor.kind !== 'person')
    throw new NotesPermissionError();
  const checked = checkNotes(input);
  if (!checked.ok) return rejected(checked.errors);
  const { sections, baseVersion } = checked.value;
  const conflict = (theirs: Notes): Checked<RoomNotesSaved> => {
    const by = theirs.updatedBy ? view.context.peopleById.get(theirs.updatedBy) : undefined;
    return accepted({
      kind: 'conflict',
      theirs,
      yours: sections,
      theirsSavedBy: by?.name ?? null,
    });
  };
  const decision = decideNotesSave(view.notes, baseVersion, sections);
  if (decision.kind === 'conflict') return conflict(decision.theirs);
  if (decision.kind === 'unchanged') return accepted(decision);

  const { room, round, context } = view;
  const notes: Notes = {
    id: view.notes?.id ?? deps.ids.next(),
    editionId: context.edition.id,
    sessionId: round.id,
    breakoutRoomId: room.id,
    kind: 'breakout-room',
    roomName: room.name,
    sections,
    version: decision.version,
    updatedBy: actor.personId,
    updatedAt: deps.clock.now().toISOString(),
  };
  // Not in the audit log: notes are the room's content, saved often, not a change to the edition.
  const saved = await deps.store.notes.saveNotesIfUnchanged(notes);
  if (saved) return accepted({ kind: 'saved', version: notes.version });
  // Someone saved between reading and writing: show the writer what they saved.
  const theirs = await deps.store.notes.findRoomNotes(room.id);
  if (!theirs) throw new NotFoundError('The breakout room');
  return conflict(theirs);
}
