import type { Actor } from '../../domain/access/actor.ts';
import type { Edition, Theme } from '../../domain/convening/edition.ts';
import type { Session } from '../../domain/convening/session.ts';
import { NOTE_SECTIONS, type Notes } from '../../domain/notes/notes.ts';
import { can } from '../../domain/policy/policy.ts';
import {
  findAttributionLeaks,
  type AttributionRule,
  type SessionParticipant,
  type Writeup,
} from '../../domain/writeups/writeup.ts';
import { NotFoundError, type UseCaseDeps } from '../deps.ts';
import { loadWriteupContext } from '../writeups/writeups.ts';

type Deps = Pick<UseCaseDeps, 'store'>;

/**
 * Everything of an edition gathered under one theme, as the person asking may see it. Under the
 * Chatham House rule, a question, chat message or line of notes that names anyone who was in
 * the session or their government is left out.
 */
export interface ThemeGathering {
  theme: Theme;
  /** Sessions given the theme in the programme, in time order. */
  sessions: Session[];
  /** Published write-ups tagged with the theme. */
  writeups: { writeup: Writeup; session: Session }[];
  /** False for those who are not the edition's people: they see sessions and write-ups only. */
  showsContributions: boolean;
  /** Questions still shown in their room (visible or answered), never who asked them. */
  questions: { text: string; session: Session }[];
  /** Chat messages not hidden, never who wrote them. */
  messages: { text: string; session: Session }[];
  /**
   * Notes with their written sections. The room is named only when the session is attributable;
   * under the Chatham House rule the quotes cleared for attribution are left out too.
   */
  notes: {
    session: Session;
    roomName: string | null;
    sections: { label: string; text: string }[];
  }[];
}

/** What the gathering reads once per edition. */
interface EditionMaterial {
  themes: Theme[];
  sessions: Map<string, Session>;
  writeups: Map<string, Writeup>;
  rules: Map<string, AttributionRule>;
}

async function loadMaterial(deps: Deps, edition: Edition): Promise<EditionMaterial> {
  const [themes, sessions, writeups, rules] = await Promise.all([
    deps.store.programme.listThemes(edition.id),
    deps.store.programme.listSessions(edition.id),
    deps.store.writeups.listWriteups(edition.id),
    deps.store.writeups.listAttributions(edition.id),
  ]);
  return {
    themes,
    sessions: new Map(sessions.map((s) => [s.id, s])),
    writeups: new Map(writeups.map((w) => [w.id, w])),
    rules,
  };
}

const byStart = (a: Session, b: Session) =>
  a.startsAt.localeCompare(b.startsAt) || a.title.localeCompare(b.title);

async function gather(
  deps: Deps,
  actor: Actor,
  edition: Edition,
  material: EditionMaterial,
  theme: Theme,
): Promise<ThemeGathering> {
  const { store } = deps;
  const showsContributions = can(actor, 'themes.read-tagged', {
    editionId: edition.id,
    editionStatus: edition.status,
  });
  const tags = await store.themeTags.listTagged(edition.id, theme.id);
  const ids = (kind: string) => tags.filter((t) => t.subjectKind === kind).map((t) => t.subjectId);
  const sessionOf = (id: string) => material.sessions.get(id);
  const isChathamHouse = (session: Session) =>
    (material.rules.get(session.id) ?? 'attributable') === 'chatham-house';
  const people = new Map<string, SessionParticipant[]>();
  /** The text as it may be shown: under the Chatham House rule, without lines naming anyone. */
  const shown = async (session: Session, text: string): Promise<string> => {
    if (!isChathamHouse(session)) return text;
    let participants = people.get(session.id);
    if (!participants) {
      participants = (await loadWriteupContext(store, edition.slug, session.id)).participants;
      people.set(session.id, participants);
    }
    const found = participants;
    return text
      .split('\n')
      .filter((line) => findAttributionLeaks(line, found).length === 0)
      .join('\n')
      .trim();
  };

  const writeups = ids('writeup')
    .map((id) => material.writeups.get(id))
    .filter((w): w is Writeup => w?.status === 'published')
    .flatMap((writeup) => {
      const session = sessionOf(writeup.sessionId);
      return session ? [{ writeup, session }] : [];
    })
    .sort((a, b) => byStart(a.session, b.session));
  const gathering: ThemeGathering = {
    theme,
    sessions: [...material.sessions.values()]
      .filter((s) => s.themeIds.includes(theme.id))
      .sort(byStart),
    writeups,
    showsContributions,
    questions: [],
    messages: [],
    notes: [],
  };
  if (!showsContributions) return gathering;

  for (const id of ids('question')) {
    const question = await store.live.findQuestion(id);
    const session = question ? sessionOf(question.sessionId) : undefined;
    if (question && session && (question.status === 'visible' || question.status === 'answered')) {
      const text = await shown(session, question.text);
      if (text) gathering.questions.push({ text, session });
    }
  }
  for (const id of ids('message')) {
    const message = await store.live.findMessage(id);
    const session = message ? sessionOf(message.sessionId) : undefined;
    if (message && session && message.hiddenAt === null) {
      const text = await shown(session, message.text);
      if (text) gathering.messages.push({ text, session });
    }
  }
  // Notes are shown to those who may read them where they were written: a session's notes to
  // its note-takers and organizers, a breakout room's to its members too; notes of a room
  // dissolved by re-planning to note-takers and organizers only.
  const rooms = new Map((await store.breakouts.listRooms(edition.id)).map((r) => [r.id, r]));
  const editionSubject = { editionId: edition.id, editionStatus: edition.status };
  const mayRead = (notes: Notes): boolean => {
    if (notes.kind === 'session') return can(actor, 'session-notes.write', editionSubject);
    const room = notes.breakoutRoomId ? rooms.get(notes.breakoutRoomId) : undefined;
    return can(actor, 'breakouts.read-notes', {
      ...editionSubject,
      rapporteurId: room?.rapporteurId ?? null,
      memberIds: room?.memberIds ?? [],
    });
  };
  for (const id of ids('notes')) {
    const notes = await store.notes.findNotes(id);
    const session = notes ? sessionOf(notes.sessionId) : undefined;
    if (!notes || !session || notes.editionId !== edition.id || !mayRead(notes)) continue;
    const chatham = isChathamHouse(session);
    const sections: { label: string; text: string }[] = [];
    for (const { key, label } of NOTE_SECTIONS) {
      if (chatham && key === 'quotes') continue;
      const text = await shown(session, notes.sections[key].trim());
      if (text !== '') sections.push({ label, text });
    }
    if (sections.length === 0) continue;
    gathering.notes.push({
      session,
      roomName: chatham || notes.kind !== 'breakout-room' ? null : notes.roomName || null,
      sections,
    });
  }
  const inOrder = <T extends { session: Session }>(items: T[]) =>
    items.sort((a, b) => byStart(a.session, b.session));
  inOrder(gathering.questions);
  inOrder(gathering.messages);
  inOrder(gathering.notes);
  return gathering;
}

/**
 * A theme's page: across the edition's days and sessions, the sessions with the theme and the
 * published write-ups tagged with it; for the edition's people also its tagged questions,
 * chat messages and notes. The route asks `writeups.read` first. NotFoundError for a theme of
 * another edition.
 */
export async function loadThemePage(
  deps: Deps,
  actor: Actor,
  edition: Edition,
  themeId: string,
): Promise<ThemeGathering> {
  const material = await loadMaterial(deps, edition);
  const theme = material.themes.find((t) => t.id === themeId);
  if (!theme) throw new NotFoundError('The theme');
  return gather(deps, actor, edition, material, theme);
}

/** Every theme of the edition, gathered as for its page (for the list and its counts). */
export async function loadThemes(
  deps: Deps,
  actor: Actor,
  edition: Edition,
): Promise<ThemeGathering[]> {
  const material = await loadMaterial(deps, edition);
  const themes = [...material.themes].sort((a, b) => a.position - b.position);
  const gathered: ThemeGathering[] = [];
  for (const theme of themes) gathered.push(await gather(deps, actor, edition, material, theme));
  return gathered;
}
