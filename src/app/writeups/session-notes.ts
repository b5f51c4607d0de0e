import type { Actor } from '../../domain/access/actor.ts';
import type { Edition } from '../../domain/convening/edition.ts';
import type { Session } from '../../domain/convening/session.ts';
import {
  checkNotes,
  decideNotesSave,
  type Notes,
  type NoteSections,
  type NotesInput,
} from '../../domain/notes/notes.ts';
import { can } from '../../domain/policy/policy.ts';
import { accepted, rejected, type Checked } from '../../domain/shared/result.ts';
import { NotFoundError, type UseCaseDeps } from '../deps.ts';

/** A session with the notes about it as a whole. */
export interface SessionNotesView {
  edition: Edition;
  session: Session;
  notes: Notes | null;
  savedByName: string | null;
}

/** Reads a session of the edition and its notes; NotFoundError for an unknown one or a break. */
export async function loadSessionNotes(
  deps: UseCaseDeps,
  slug: string,
  sessionId: string,
): Promise<SessionNotesView> {
  const edition = await deps.store.programme.findEditionBySlug(slug);
  const session = edition ? await deps.store.programme.findSession(sessionId) : null;
  if (!edition || !session || session.editionId !== edition.id || session.format === 'break')
    throw new NotFoundError('The session');
  const notes = await deps.store.notes.findSessionNotes(session.id);
  const savedBy = notes?.updatedBy
    ? (await deps.store.people.findPeopleByIds([notes.updatedBy]))[0]
    : undefined;
  return { edition, session, notes, savedByName: savedBy?.name ?? null };
}

/** Raised when someone who may not write a session's notes tries to save them. */
export class SessionNotesPermissionError extends Error {
  constructor() {
    super('Only the edition’s rapporteurs and organizers can write the notes of a session.');
    this.name = 'SessionNotesPermissionError';
  }
}

export type SessionNotesSaved =
  | { kind: 'saved'; version: number }
  | { kind: 'unchanged'; version: number }
  | { kind: 'conflict'; theirs: Notes; yours: NoteSections };

/** Saves a session's notes, never over someone's newer save (both texts come back instead). */
export async function saveSessionNotes(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  sessionId: string,
  input: NotesInput,
): Promise<Checked<SessionNotesSaved>> {
  const view = await loadSessionNotes(deps, slug, sessionId);
  const subject = { editionId: view.edition.id, editionStatus: view.edition.status };
  if (actor.kind !== 'person' || !can(actor, 'session-notes.write', subject))
    throw new SessionNotesPermissionError();
  const checked = checkNotes(input);
  if (!checked.ok) return rejected(checked.errors);
  const decision = decideNotesSave(view.notes, checked.value.baseVersion, checked.value.sections);
  if (decision.kind !== 'saved') return accepted(decision);
  const notes: Notes = {
    id: view.notes?.id ?? deps.ids.next(),
    kind: 'session',
    editionId: view.edition.id,
    sessionId: view.session.id,
    breakoutRoomId: null,
    roomName: '',
    sections: checked.value.sections,
    version: decision.version,
    updatedBy: actor.personId,
    updatedAt: deps.clock.now().toISOString(),
  };
  if (await deps.store.notes.saveNotesIfUnchanged(notes))
    return accepted({ kind: 'saved', version: notes.version });
  const theirs = await deps.store.notes.findSessionNotes(view.session.id);
  if (!theirs) throw new NotFoundError('The session');
  return accepted({ kind: 'conflict', theirs, yours: checked.value.sections });
}
