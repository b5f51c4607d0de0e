import type { Actor } from '../../domain/access/actor.ts';
import type { Theme } from '../../domain/convening/edition.ts';
import { NOTE_SECTIONS, type Notes } from '../../domain/notes/notes.ts';
import { can, type Action, type PolicySubject } from '../../domain/policy/policy.ts';
import type { ThemeSuggestion } from '../../domain/themes/theme-scoring.ts';
import {
  parseThemeSubjectKind,
  type ThemeSubjectKind,
  type ThemeTag,
} from '../../domain/themes/theme-tags.ts';
import { roomNotesSubject, loadRoomNotes } from '../breakouts/room-notes.ts';
import { NotFoundError, type UseCaseDeps } from '../deps.ts';
import { findRoom } from '../live/room-context.ts';

type Deps = Pick<UseCaseDeps, 'store' | 'clock' | 'themes'>;

/** Why a theme could not be confirmed or removed, with the status a web client gets. */
export class ThemeTagError extends Error {
  readonly status: number;
  constructor(
    readonly code: 'invalid' | 'not-found' | 'forbidden' | 'conflict',
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ThemeTagError';
    this.status = { invalid: 400, 'not-found': 404, forbidden: 403, conflict: 409 }[code];
  }
}

/** Something that can carry themes, with its text and who may tag it. */
export interface ThemeSubject {
  kind: ThemeSubjectKind;
  id: string;
  editionId: string;
  /** The session it was said in (for notes, the breakout round or session they are about). */
  sessionId: string;
  /** For notes: the breakout room they are about, while it exists. */
  breakoutRoomId: string | null;
  text: string;
}

/** A suggested theme, by name, with the words that made it. */
export interface SuggestedTheme extends ThemeSuggestion {
  name: string;
}

/** A subject's confirmed themes and the suggestions not yet confirmed. */
export interface SubjectThemes {
  tagged: { themeId: string; name: string }[];
  suggested: SuggestedTheme[];
}

/** The text of a set of notes, section by section, as one text to read for themes. */
export function notesText(notes: Notes): string {
  return NOTE_SECTIONS.map(({ key }) => notes.sections[key]).join('\n\n');
}

/** The text of a write-up, as one text to read for themes. */
export function writeupText(writeup: { title: string; summary: string; body: string }): string {
  return [writeup.title, writeup.summary, writeup.body].join('\n\n');
}

/**
 * Loads a question, a chat message, a set of notes or a write-up; null when there is none.
 * A write-up is found through its session (`place.writeupOfSessionId`), as the store reads it.
 */
async function loadSubject(
  deps: Deps,
  kind: ThemeSubjectKind,
  subjectId: string,
  place: SubjectPlace = {},
): Promise<ThemeSubject | null> {
  const { store } = deps;
  if (kind === 'question' || kind === 'message') {
    const found =
      kind === 'question'
        ? await store.live.findQuestion(subjectId)
        : await store.live.findMessage(subjectId);
    if (!found) return null;
    const session = await store.programme.findSession(found.sessionId);
    if (!session) return null;
    return {
      kind,
      id: found.id,
      editionId: session.editionId,
      sessionId: session.id,
      breakoutRoomId: null,
      text: found.text,
    };
  }
  if (kind === 'notes') {
    const notes = await store.notes.findNotes(subjectId);
    if (!notes) return null;
    return {
      kind,
      id: notes.id,
      editionId: notes.editionId,
      sessionId: notes.sessionId,
      breakoutRoomId: notes.breakoutRoomId,
      text: notesText(notes),
    };
  }
  if (place.writeupOfSessionId === undefined) return null;
  const writeup = await store.writeups.findWriteup(place.writeupOfSessionId);
  if (!writeup || writeup.id !== subjectId) return null;
  return {
    kind,
    id: writeup.id,
    editionId: writeup.editionId,
    sessionId: writeup.sessionId,
    breakoutRoomId: null,
    text: writeupText(writeup),
  };
}

/** What the policy is asked about a subject, and the action that lets someone tag it. */
async function tagPermission(
  deps: UseCaseDeps,
  subject: ThemeSubject,
): Promise<{ action: Action; policySubject: PolicySubject }> {
  const edition = await deps.store.programme.findEditionById(subject.editionId);
  if (!edition) throw new NotFoundError('The edition');
  if (subject.kind === 'writeup')
    return {
      action: 'writeups.manage',
      policySubject: { editionId: edition.id, editionStatus: edition.status },
    };
  if (subject.kind === 'notes') {
    // The room's rapporteur, the edition's rapporteurs and organizers; notes of a dissolved
    // room or of a whole session, the edition's rapporteurs and organizers.
    if (subject.breakoutRoomId) {
      const view = await loadRoomNotes(deps, edition.slug, subject.breakoutRoomId).catch(
        (error: unknown) => {
          if (error instanceof NotFoundError) return null;
          throw error;
        },
      );
      if (view) return { action: 'breakouts.take-notes', policySubject: roomNotesSubject(view) };
    }
    return {
      action: 'breakouts.take-notes',
      policySubject: { editionId: edition.id, editionStatus: edition.status },
    };
  }
  const context = await findRoom(deps, edition.slug, subject.sessionId);
  return { action: 'room.moderate', policySubject: context.subject };
}

/** Where the form that names the subject was: the subject must be there (a room, a breakout room's notes). */
export interface SubjectPlace {
  sessionId?: string;
  notesOfRoomId?: string;
  /** The write-up editor's session: write-ups are tagged there only. */
  writeupOfSessionId?: string;
}

async function loadTaggable(
  deps: UseCaseDeps,
  actor: Actor,
  rawKind: unknown,
  rawSubjectId: unknown,
  place: SubjectPlace,
): Promise<{ subject: ThemeSubject; personId: string }> {
  const kind = parseThemeSubjectKind(rawKind);
  // A write-up is tagged on its own editor only, which names its session.
  if (!kind || (kind === 'writeup' && place.writeupOfSessionId === undefined))
    throw new ThemeTagError(
      'invalid',
      'Choose what to tag: a question, a chat message or notes.',
      'kind',
    );
  if (typeof rawSubjectId !== 'string' || rawSubjectId === '')
    throw new ThemeTagError('invalid', `Choose the ${kind} to tag.`, 'subjectId');
  const subject = await loadSubject(deps, kind, rawSubjectId, place);
  const elsewhere =
    subject !== null &&
    ((place.sessionId !== undefined && subject.sessionId !== place.sessionId) ||
      (place.notesOfRoomId !== undefined && subject.breakoutRoomId !== place.notesOfRoomId));
  if (!subject || elsewhere)
    throw new ThemeTagError(
      'not-found',
      kind === 'notes'
        ? 'Those notes were not found. Reload the page.'
        : kind === 'writeup'
          ? 'Save the write-up before tagging it with themes.'
          : `That ${kind} is not in this session. Reload the room.`,
    );
  const { action, policySubject } = await tagPermission(deps, subject);
  if (actor.kind !== 'person' || !can(actor, action, policySubject))
    throw new ThemeTagError(
      'forbidden',
      subject.kind === 'notes'
        ? 'Only those who write these notes can tag them with themes.'
        : subject.kind === 'writeup'
          ? 'Only the organizers of this edition can tag its write-ups with themes.'
          : 'Only the moderators and organizers of this session can tag its questions and messages with themes.',
    );
  return { subject, personId: actor.personId };
}

async function themeOfEdition(deps: Deps, editionId: string, themeId: unknown): Promise<Theme> {
  const themes = await deps.store.programme.listThemes(editionId);
  const theme = themes.find((candidate) => candidate.id === themeId);
  if (!theme)
    throw new ThemeTagError(
      'invalid',
      'That theme is not one of this edition’s themes. Reload the page and choose one of those shown.',
      'themeId',
    );
  return theme;
}

/**
 * Suggests the edition's themes for a question, chat message, notes or write-up (named with its
 * session in `place.writeupOfSessionId`), from its text, on this machine; themes already confirmed for it are left
 * out. NotFoundError for an unknown subject.
 */
export async function suggestThemesFor(
  deps: Deps,
  kind: ThemeSubjectKind,
  subjectId: string,
  place: SubjectPlace = {},
): Promise<SuggestedTheme[]> {
  const subject = await loadSubject(deps, kind, subjectId, place);
  if (!subject) throw new NotFoundError(`The ${kind}`);
  const themes = await deps.store.programme.listThemes(subject.editionId);
  const found = await themesOfSubjects(deps, themes, kind, [subject]);
  return found.get(subject.id)?.suggested ?? [];
}

/**
 * Confirmed themes and suggestions for several subjects of one kind at once (the questions of
 * a room), given the edition's themes.
 */
export async function themesOfSubjects(
  deps: Pick<UseCaseDeps, 'store' | 'themes'>,
  themes: Theme[],
  kind: ThemeSubjectKind,
  subjects: { id: string; text: string }[],
): Promise<Map<string, SubjectThemes>> {
  const result = new Map<string, SubjectThemes>();
  if (themes.length === 0 || subjects.length === 0) return result;
  const byId = new Map(themes.map((theme) => [theme.id, theme]));
  const tags = await deps.store.themeTags.listTagsOf(
    kind,
    subjects.map((s) => s.id),
  );
  for (const subject of subjects) {
    const tagged = tags
      .filter((tag) => tag.subjectId === subject.id && byId.has(tag.themeId))
      .map((tag) => ({ themeId: tag.themeId, name: byId.get(tag.themeId)!.name }));
    const taggedIds = new Set(tagged.map((t) => t.themeId));
    const suggested = deps.themes
      .suggest(subject.text, themes)
      .filter((s) => !taggedIds.has(s.themeId))
      .map((s) => ({ ...s, name: byId.get(s.themeId)!.name }));
    result.set(subject.id, { tagged, suggested });
  }
  return result;
}

/**
 * Confirms a theme for a question, chat message, notes or write-up: from then on it counts.
 * Moderators and organizers of the session tag its questions and messages; those who write
 * notes tag them; organizers tag write-ups (named with their session in `place`).
 */
export async function confirmTheme(
  deps: UseCaseDeps,
  actor: Actor,
  kind: unknown,
  subjectId: unknown,
  themeId: unknown,
  place: SubjectPlace = {},
): Promise<ThemeTag> {
  const { subject, personId } = await loadTaggable(deps, actor, kind, subjectId, place);
  const theme = await themeOfEdition(deps, subject.editionId, themeId);
  const tag: ThemeTag = {
    editionId: subject.editionId,
    subjectKind: subject.kind,
    subjectId: subject.id,
    themeId: theme.id,
    taggedBy: personId,
    taggedAt: deps.clock.now().toISOString(),
  };
  if (!(await deps.store.themeTags.addTag(tag)))
    throw new ThemeTagError('conflict', `This ${subject.kind} is already tagged “${theme.name}”.`);
  return tag;
}

/** Takes a confirmed theme off a question, chat message, notes or write-up; the same people may. */
export async function removeTheme(
  deps: UseCaseDeps,
  actor: Actor,
  kind: unknown,
  subjectId: unknown,
  themeId: unknown,
  place: SubjectPlace = {},
): Promise<void> {
  const { subject } = await loadTaggable(deps, actor, kind, subjectId, place);
  const theme = await themeOfEdition(deps, subject.editionId, themeId);
  if (!(await deps.store.themeTags.removeTag(subject.kind, subject.id, theme.id)))
    throw new ThemeTagError('conflict', `This ${subject.kind} is not tagged “${theme.name}”.`);
}

/** Everything of an edition tagged with a theme, for the theme's page. */
export async function listTagged(
  deps: Pick<UseCaseDeps, 'store'>,
  editionId: string,
  themeId: string,
): Promise<ThemeTag[]> {
  return deps.store.themeTags.listTagged(editionId, themeId);
}
