import type { Actor } from '../../domain/access/actor.ts';
import {
  CHAT_KINDS,
  CHAT_KIND_LABELS,
  sortChat,
  type ChatKind,
} from '../../domain/live/chat-sorting.ts';
import { segmentText, type TextSegment } from '../../domain/live/live-text.ts';
import {
  isPublicQuestion,
  sortQuestions,
  type QuestionSort,
  type QuestionStatus,
} from '../../domain/live/questions.ts';
import type { ReactionCounts } from '../../domain/live/reactions.ts';
import { replyExcerpt, type RoomPerson } from '../../domain/live/room-events.ts';
import { can } from '../../domain/policy/policy.ts';
import type { UseCaseDeps } from '../deps.ts';
import type { SessionAttendance, StoredMessage } from '../ports.ts';
import { PRESENCE_TIMEOUT_MS } from './presence.ts';
import { moderates, type RoomContext } from './room-context.ts';
import { lookupRoomPeople } from './room-people.ts';
import { themesOfSubjects, type SubjectThemes } from '../themes/theme-tags.ts';

/** How many of the newest messages a room page shows; older ones are in the log. */
export const MESSAGES_SHOWN = 200;
/** How many people present are named on the page; the count covers everyone. */
export const PEOPLE_NAMED = 100;
/** How many of the newest messages the sorted chat reads after the session. */
export const MESSAGES_SORTED = 5000;

export interface RoomMessageView {
  id: string;
  seq: number;
  author: RoomPerson;
  text: string;
  segments: TextSegment[];
  replyTo: { id: string; authorName: string; excerpt: string } | null;
  postedAt: string;
  hidden: boolean;
  mine: boolean;
  /** Whether a moderator asked the message in Q&A (shown to moderators only). */
  askedInQa: boolean;
  /** In the sorted chat, for moderators: the message's confirmed themes and suggestions. */
  themes: TaggingView | null;
}

export interface RoomQuestionView {
  id: string;
  askedSeq: number;
  text: string;
  segments: TextSegment[];
  anonymous: boolean;
  /** Null when anonymous to this viewer. */
  askedBy: RoomPerson | null;
  status: QuestionStatus;
  votes: number;
  askedAt: string;
  mine: boolean;
  votedByMe: boolean;
  pinned: boolean;
  /** For moderators: the question's confirmed themes and suggestions. */
  themes: TaggingView | null;
}

/** The chat under one heading of the sorted chat. */
export interface SortedChatGroup {
  kind: ChatKind;
  label: string;
  messages: RoomMessageView[];
}

/** Everything a room page shows to one person, as of one event number. */
export interface RoomView {
  /** The number of the newest event the page reflects; live updates continue after it. */
  lastSeq: number;
  isModerator: boolean;
  canTakePart: boolean;
  mutedMe: boolean;
  messages: RoomMessageView[];
  questions: RoomQuestionView[];
  pinned: RoomQuestionView | null;
  reactionTotals: ReactionCounts;
  present: { count: number; people: RoomPerson[] };
  /** For moderators: who is muted, and attendance so far. */
  muted: RoomPerson[];
  attendance: SessionAttendance | null;
  /** For moderators once the session has ended: the chat's visible messages, sorted. */
  sortedChat: SortedChatGroup[] | null;
}

/** A subject's confirmed and suggested themes, and the edition's other themes to choose from. */
export interface TaggingView extends SubjectThemes {
  untagged: { id: string; name: string }[];
}

/** Reads a room as one person sees it: hidden messages and queued questions only where they may. */
export async function loadRoomView(
  deps: Pick<UseCaseDeps, 'store' | 'clock' | 'themes'>,
  context: RoomContext,
  actor: Actor,
  sort: QuestionSort,
): Promise<RoomView> {
  const { store } = deps;
  const sessionId = context.session.id;
  const me = actor.kind === 'person' ? actor.personId : null;
  const isModerator = moderates(actor, context);
  // The number first: anything newer than what is read below arrives live, at worst twice over
  // the same state, never missing.
  const lastSeq = (await store.live.lastSeqs([sessionId])).get(sessionId) ?? 0;
  const seenSince = new Date(deps.clock.now().getTime() - PRESENCE_TIMEOUT_MS).toISOString();
  const sortsChat = isModerator && context.state === 'ended';
  const [read, questions, voted, mutedIds, totals, presentIds] = await Promise.all([
    store.live.listMessages(sessionId, sortsChat ? MESSAGES_SORTED : MESSAGES_SHOWN),
    store.live.listQuestions(sessionId),
    me ? store.live.listVotedQuestionIds(sessionId, me) : Promise.resolve([]),
    store.live.listMuted(sessionId),
    store.live.reactionTotals(sessionId),
    store.live.listPresent(sessionId, seenSince),
  ]);
  const messages = read.slice(-MESSAGES_SHOWN);
  const visibleMessages = messages.filter((m) => !m.hiddenAt || isModerator || m.authorId === me);
  // The sorted chat reads every visible message, older ones than the page shows included.
  const sortedMessages = sortsChat ? read.filter((m) => !m.hiddenAt) : [];
  const promoted = isModerator
    ? await store.live.listPromotions(sessionId)
    : new Map<string, string>();
  const visibleQuestions = questions.filter(
    (q) => isPublicQuestion(q.status) || isModerator || q.askerId === me,
  );
  const replyIds = [...visibleMessages, ...sortedMessages]
    .map((m) => m.replyToId)
    .filter((id): id is string => id !== null);
  const replied = new Map<string, { authorId: string; text: string }>();
  for (const id of new Set(replyIds)) {
    const found = await store.live.findMessage(id);
    if (found) replied.set(id, { authorId: found.authorId, text: found.text });
  }
  const people = await lookupRoomPeople(store, [
    ...visibleMessages.map((m) => m.authorId),
    ...sortedMessages.map((m) => m.authorId),
    ...[...replied.values()].map((r) => r.authorId),
    ...visibleQuestions.map((q) => q.askerId),
    ...presentIds.slice(0, PEOPLE_NAMED),
    ...(isModerator ? mutedIds : []),
  ]);
  const votedIds = new Set(voted);
  const editionThemes = isModerator ? await store.programme.listThemes(context.edition.id) : [];
  const questionThemes = isModerator
    ? await themesOfSubjects(deps, editionThemes, 'question', visibleQuestions)
    : new Map<string, SubjectThemes>();
  const taggingOf = (themes: SubjectThemes | undefined): TaggingView => {
    const tagged = themes?.tagged ?? [];
    return {
      tagged,
      suggested: themes?.suggested ?? [],
      untagged: editionThemes
        .filter((theme) => !tagged.some((t) => t.themeId === theme.id))
        .map((theme) => ({ id: theme.id, name: theme.name })),
    };
  };
  const messageThemes = sortsChat
    ? await themesOfSubjects(deps, editionThemes, 'message', sortedMessages)
    : new Map<string, SubjectThemes>();
  const questionViews = sortQuestions(
    visibleQuestions.map((q): RoomQuestionView => ({
      id: q.id,
      askedSeq: q.seq,
      text: q.text,
      segments: segmentText(q.text),
      anonymous: q.anonymous,
      askedBy: !q.anonymous || isModerator || q.askerId === me ? people.get(q.askerId)! : null,
      status: q.status,
      votes: q.votes,
      askedAt: q.askedAt,
      mine: q.askerId === me,
      votedByMe: votedIds.has(q.id),
      pinned: context.room.pinnedQuestionId === q.id,
      themes: isModerator ? taggingOf(questionThemes.get(q.id)) : null,
    })),
    sort,
  );
  const toView = (m: StoredMessage): RoomMessageView => {
    const reply = m.replyToId ? replied.get(m.replyToId) : undefined;
    return {
      id: m.id,
      seq: m.seq,
      author: people.get(m.authorId)!,
      text: m.text,
      segments: segmentText(m.text),
      replyTo: m.replyToId
        ? {
            id: m.replyToId,
            authorName: reply ? people.get(reply.authorId)!.name : 'Former participant',
            excerpt: reply ? replyExcerpt(reply.text) : '',
          }
        : null,
      postedAt: m.postedAt,
      hidden: m.hiddenAt !== null,
      mine: m.authorId === me,
      askedInQa: promoted.has(m.id),
      themes: null,
    };
  };
  return {
    lastSeq,
    isModerator,
    canTakePart: can(actor, 'room.take-part', context.subject),
    mutedMe: me !== null && mutedIds.includes(me),
    messages: visibleMessages.map(toView),
    questions: questionViews,
    pinned: questionViews.find((q) => q.pinned) ?? null,
    reactionTotals: totals,
    present: {
      count: presentIds.length,
      people: presentIds.slice(0, PEOPLE_NAMED).map((id) => people.get(id)!),
    },
    muted: isModerator ? mutedIds.map((id) => people.get(id)!) : [],
    attendance: isModerator ? await store.live.attendance(sessionId) : null,
    sortedChat: sortsChat
      ? sortedChatOf(
          sortedMessages.map((m) => ({ ...toView(m), themes: taggingOf(messageThemes.get(m.id)) })),
        )
      : null,
  };
}

function sortedChatOf(messages: RoomMessageView[]): SortedChatGroup[] {
  const sorted = sortChat(messages);
  return CHAT_KINDS.map((kind) => ({
    kind,
    label: CHAT_KIND_LABELS[kind],
    messages: sorted[kind],
  }));
}
