import type { Actor } from '../../domain/access/actor.ts';
import { checkLiveText, TEXT_LIMITS } from '../../domain/live/live-text.ts';
import {
  canMoveQuestion,
  isPublicQuestion,
  QUESTION_STATUSES,
  refusedMoveMessage,
} from '../../domain/live/questions.ts';
import {
  replyExcerpt,
  type RoomEvent,
  type RoomEventPayload,
} from '../../domain/live/room-events.ts';
import type { UseCaseDeps } from '../deps.ts';
import type { Store, StoredMessage, StoredQuestion } from '../ports.ts';
import {
  findRoom,
  moderates,
  requireModerator,
  requireOpen,
  requireParticipant,
  type RoomContext,
} from './room-context.ts';
import { RoomError } from './room-errors.ts';

/** Which room a command is for, as named in its address. */
export interface RoomAddress {
  slug: string;
  sessionId: string;
}

type Deps = Pick<UseCaseDeps, 'store' | 'clock' | 'ids' | 'rooms'>;

/**
 * Runs a change to one room in one transaction with the room held, so that its checks and the
 * event it appends see the same state; then wakes the room's listeners. A RoomError changes nothing.
 */
async function changeRoom<T>(
  deps: Deps,
  address: RoomAddress,
  work: (
    store: Store,
    context: RoomContext,
    append: (actorId: string | null, payload: RoomEventPayload) => Promise<RoomEvent>,
  ) => Promise<T>,
): Promise<T> {
  // Changes to one room wait their turn in this process before taking a database connection:
  // they would wait for the room's lock anyway, and a burst (everyone votes at once) must not
  // hold every pooled connection while it waits, starving other rooms and pages.
  const result = await inTurn(address.sessionId, () =>
    deps.store.transaction(async (store) => {
      const context = await findRoom(deps, address.slug, address.sessionId, store);
      await store.live.lockRoom(context.session.id);
      const at = deps.clock.now().toISOString();
      return work(store, context, (actorId, payload) =>
        store.live.appendEvent(context.session.id, { at, actorId, payload }),
      );
    }),
  );
  deps.rooms.roomChanged(address.sessionId);
  return result;
}

/** The last change queued for each room in this process, to run the next one after it. */
const turns = new Map<string, Promise<unknown>>();

/** Runs `work` after every change to the same room queued before it in this process. */
async function inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
  const before = turns.get(key) ?? Promise.resolve();
  const mine = before.then(work, work);
  const settled = mine.then(
    () => undefined,
    () => undefined,
  );
  turns.set(key, settled);
  try {
    return await mine;
  } finally {
    // The queue of a room nobody is changing is forgotten.
    if (turns.get(key) === settled) turns.delete(key);
  }
}

async function refuseWhenMuted(
  store: Store,
  context: RoomContext,
  personId: string,
): Promise<void> {
  if (await store.live.isMuted(context.session.id, personId))
    throw new RoomError(
      'muted',
      'A moderator has muted you in this session, so you cannot post messages or questions here. You can still read, vote and react.',
    );
}

function checkedText(kind: 'message' | 'question', raw: unknown): string {
  const checked = checkLiveText(kind, raw);
  if (!checked.ok) throw new RoomError('invalid', checked.errors[0]!.message, 'text');
  return checked.value;
}

/** Posts a chat message, perhaps in reply to another. */
export async function postMessage(
  deps: Deps,
  address: RoomAddress,
  actor: Actor,
  input: { text: unknown; replyTo?: unknown },
): Promise<{ message: StoredMessage; event: RoomEvent }> {
  return changeRoom(deps, address, async (store, context, append) => {
    const person = requireParticipant(actor, context);
    requireOpen(context, 'the chat');
    await refuseWhenMuted(store, context, person.personId);
    const text = checkedText('message', input.text);
    let replyTo: StoredMessage | null = null;
    if (input.replyTo !== undefined && input.replyTo !== null && input.replyTo !== '') {
      replyTo =
        typeof input.replyTo === 'string' ? await store.live.findMessage(input.replyTo) : null;
      if (
        !replyTo ||
        replyTo.sessionId !== context.session.id ||
        (replyTo.hiddenAt && !moderates(person, context))
      )
        throw new RoomError(
          'invalid',
          'The message you are replying to is no longer in this chat. Send your message without the reply, or reply to another one.',
          'replyTo',
        );
    }
    const messageId = deps.ids.next();
    const event = await append(person.personId, {
      type: 'message.posted',
      messageId,
      text,
      replyTo: replyTo
        ? { messageId: replyTo.id, authorId: replyTo.authorId, excerpt: replyExcerpt(replyTo.text) }
        : null,
    });
    const message: StoredMessage = {
      id: messageId,
      sessionId: context.session.id,
      authorId: person.personId,
      seq: event.seq,
      text,
      replyToId: replyTo?.id ?? null,
      postedAt: event.at,
      hiddenAt: null,
    };
    await store.live.insertMessage(message);
    return { message, event };
  });
}

/** Hides a message from everyone but its author and the moderators, or shows it again. */
export async function hideMessage(
  deps: Deps,
  address: RoomAddress,
  actor: Actor,
  input: { messageId: string; hidden: boolean },
): Promise<RoomEvent> {
  return changeRoom(deps, address, async (store, context, append) => {
    const moderator = requireModerator(actor, context);
    const message = await store.live.findMessage(input.messageId);
    if (!message || message.sessionId !== context.session.id)
      throw new RoomError(
        'not-found',
        'That message is not in this session’s chat. Reload the room.',
      );
    if ((message.hiddenAt !== null) === input.hidden)
      throw new RoomError(
        'conflict',
        input.hidden ? 'That message is already hidden.' : 'That message is not hidden.',
      );
    const at = deps.clock.now().toISOString();
    await store.live.setMessageHidden(
      message.id,
      input.hidden ? at : null,
      input.hidden ? moderator.personId : null,
    );
    return append(moderator.personId, {
      type: 'message.hidden',
      messageId: message.id,
      authorId: message.authorId,
      hidden: input.hidden,
    });
  });
}

/**
 * Asks a chat message in Q&A: a question with the message's text, asked by its author but
 * anonymous to attendees (the author did not choose to ask it in front of everyone), waiting
 * in the queue when the session has one. A message is asked once. Allowed after the session
 * ended, when moderators sort its chat.
 */
export async function promoteMessage(
  deps: Deps,
  address: RoomAddress,
  actor: Actor,
  input: { messageId: string },
): Promise<{ question: StoredQuestion; event: RoomEvent }> {
  return changeRoom(deps, address, async (store, context, append) => {
    const moderator = requireModerator(actor, context);
    const message = await store.live.findMessage(input.messageId);
    if (!message || message.sessionId !== context.session.id)
      throw new RoomError(
        'not-found',
        'That message is not in this session’s chat. Reload the room.',
      );
    if (message.hiddenAt)
      throw new RoomError(
        'conflict',
        'That message is hidden. Show it again before asking it in Q&A.',
      );
    const alreadyAsked =
      'That message has already been asked in Q&A: it is among the questions. A message is asked once.';
    if (await store.live.findPromotion(message.id)) throw new RoomError('conflict', alreadyAsked);
    const checked = checkLiveText('question', message.text);
    if (!checked.ok)
      throw new RoomError(
        'invalid',
        `That message is longer than a question can be (${TEXT_LIMITS.question} characters), so it cannot be asked as it is. Ask a shorter version in Q&A yourself.`,
      );
    const status = context.room.queueEnabled ? 'queued' : 'visible';
    const questionId = deps.ids.next();
    const event = await append(moderator.personId, {
      type: 'question.promoted',
      questionId,
      messageId: message.id,
      text: checked.value,
      anonymous: true,
      askedById: message.authorId,
      status,
    });
    const question: StoredQuestion = {
      id: questionId,
      sessionId: context.session.id,
      askerId: message.authorId,
      seq: event.seq,
      text: checked.value,
      anonymous: true,
      status,
      askedAt: event.at,
      votes: 0,
    };
    await store.live.insertQuestion(question);
    // The same message asked at the same moment by two moderators: the second finds the link
    // taken, and its question goes with the transaction.
    const linked = await store.live.insertPromotion({
      messageId: message.id,
      questionId,
      promotedBy: moderator.personId,
      promotedAt: event.at,
    });
    if (!linked) throw new RoomError('conflict', alreadyAsked);
    return { question, event };
  });
}

/** Mutes a person for this session (they can still read, vote and react), or lets them post again. */
export async function mutePerson(
  deps: Deps,
  address: RoomAddress,
  actor: Actor,
  input: { personId: unknown; muted: boolean },
): Promise<RoomEvent> {
  return changeRoom(deps, address, async (store, context, append) => {
    const moderator = requireModerator(actor, context);
    if (typeof input.personId !== 'string' || input.personId === '')
      throw new RoomError('invalid', 'Choose the person to mute or unmute.', 'personId');
    if (input.personId === moderator.personId)
      throw new RoomError('invalid', 'You cannot mute yourself.', 'personId');
    const [person] = await store.people.findPeopleByIds([input.personId]);
    if (!person)
      throw new RoomError(
        'not-found',
        'That person is not in this edition. Reload the room.',
        'personId',
      );
    if ((await store.live.isMuted(context.session.id, person.id)) === input.muted)
      throw new RoomError(
        'conflict',
        input.muted ? `${person.name} is already muted.` : `${person.name} is not muted.`,
      );
    await store.live.setMuted(
      context.session.id,
      person.id,
      input.muted,
      deps.clock.now().toISOString(),
    );
    return append(moderator.personId, {
      type: 'person.muted',
      personId: person.id,
      muted: input.muted,
    });
  });
}

/** Asks a question, perhaps anonymously; it waits for a moderator when the session has a queue. */
export async function askQuestion(
  deps: Deps,
  address: RoomAddress,
  actor: Actor,
  input: { text: unknown; anonymous: boolean },
): Promise<{ question: StoredQuestion; event: RoomEvent }> {
  return changeRoom(deps, address, async (store, context, append) => {
    const person = requireParticipant(actor, context);
    requireOpen(context, 'asking questions');
    if (context.room.askingLocked)
      throw new RoomError(
        'asking-locked',
        'The moderators have closed questions for this session. You can still vote for the questions already asked, or use the chat.',
      );
    await refuseWhenMuted(store, context, person.personId);
    const text = checkedText('question', input.text);
    const status = context.room.queueEnabled ? 'queued' : 'visible';
    const questionId = deps.ids.next();
    const event = await append(person.personId, {
      type: 'question.asked',
      questionId,
      text,
      anonymous: input.anonymous,
      status,
    });
    const question: StoredQuestion = {
      id: questionId,
      sessionId: context.session.id,
      askerId: person.personId,
      seq: event.seq,
      text,
      anonymous: input.anonymous,
      status,
      askedAt: event.at,
      votes: 0,
    };
    await store.live.insertQuestion(question);
    return { question, event };
  });
}

async function findQuestionIn(
  store: Store,
  context: RoomContext,
  questionId: string,
  actor: Actor,
): Promise<StoredQuestion> {
  const question = await store.live.findQuestion(questionId);
  const seen =
    question !== null &&
    question.sessionId === context.session.id &&
    (isPublicQuestion(question.status) ||
      moderates(actor, context) ||
      (actor.kind === 'person' && actor.personId === question.askerId));
  if (!seen)
    throw new RoomError(
      'not-found',
      'That question is not in this session. Reload the room to see its questions.',
    );
  return question;
}

/** Adds the person's one upvote to an open question. */
export async function upvoteQuestion(
  deps: Deps,
  address: RoomAddress,
  actor: Actor,
  input: { questionId: string },
): Promise<{ votes: number; event: RoomEvent }> {
  return changeRoom(deps, address, async (store, context, append) => {
    const person = requireParticipant(actor, context);
    requireOpen(context, 'voting');
    const question = await findQuestionIn(store, context, input.questionId, person);
    if (question.status === 'queued')
      throw new RoomError(
        'conflict',
        'This question is waiting for a moderator; votes open once it is shown to everyone.',
      );
    if (question.status !== 'visible')
      throw new RoomError(
        'conflict',
        `This question is ${question.status}, so voting on it has closed.`,
      );
    if (question.askerId === person.personId)
      throw new RoomError(
        'conflict',
        'You asked this question, so you cannot upvote it. Upvote other people’s questions.',
      );
    const added = await store.live.addVote(
      question.id,
      person.personId,
      deps.clock.now().toISOString(),
    );
    if (!added)
      throw new RoomError(
        'already-voted',
        'You have already upvoted this question. Each person has one vote per question.',
      );
    const votes = question.votes + 1;
    const event = await append(person.personId, {
      type: 'question.voted',
      questionId: question.id,
      votes,
    });
    return { votes, event };
  });
}

/** Moves a question on: approved from the queue, answered, archived, or reopened. */
export async function setQuestionStatus(
  deps: Deps,
  address: RoomAddress,
  actor: Actor,
  input: { questionId: string; status: unknown },
): Promise<RoomEvent> {
  return changeRoom(deps, address, async (store, context, append) => {
    const moderator = requireModerator(actor, context);
    const status = QUESTION_STATUSES.find((known) => known === input.status);
    if (!status)
      throw new RoomError(
        'invalid',
        'Choose what to do with the question: show it (visible), mark it answered, or archive it.',
        'status',
      );
    const question = await findQuestionIn(store, context, input.questionId, moderator);
    if (!canMoveQuestion(question.status, status))
      throw new RoomError('conflict', refusedMoveMessage(question.status, status));
    await store.live.setQuestionStatus(question.id, status, deps.clock.now().toISOString());
    const event = await append(moderator.personId, {
      type: 'question.status',
      questionId: question.id,
      status,
      previous: question.status,
      question: {
        text: question.text,
        anonymous: question.anonymous,
        askedById: question.askerId,
        votes: question.votes,
        askedSeq: question.seq,
      },
    });
    // A question that is no longer open is no longer the one being discussed.
    if (status !== 'visible' && context.room.pinnedQuestionId === question.id) {
      await store.live.updateRoom(context.session.id, { pinnedQuestionId: null });
      await append(moderator.personId, { type: 'question.pinned', questionId: null });
    }
    return event;
  });
}

/** Pins the question being discussed now, or unpins it (null). */
export async function pinQuestion(
  deps: Deps,
  address: RoomAddress,
  actor: Actor,
  input: { questionId: string | null },
): Promise<RoomEvent> {
  return changeRoom(deps, address, async (store, context, append) => {
    const moderator = requireModerator(actor, context);
    if (input.questionId !== null) {
      const question = await findQuestionIn(store, context, input.questionId, moderator);
      if (question.status !== 'visible')
        throw new RoomError(
          'conflict',
          'Only an open question can be pinned. Approve it first, or reopen it.',
        );
    }
    await store.live.updateRoom(context.session.id, { pinnedQuestionId: input.questionId });
    return append(moderator.personId, { type: 'question.pinned', questionId: input.questionId });
  });
}

/** Turns the moderation queue on or off, and opens or closes asking. */
export async function updateRoomSettings(
  deps: Deps,
  address: RoomAddress,
  actor: Actor,
  input: { queueEnabled: boolean; askingLocked: boolean },
): Promise<RoomEvent> {
  return changeRoom(deps, address, async (store, context, append) => {
    const moderator = requireModerator(actor, context);
    await store.live.updateRoom(context.session.id, input);
    return append(moderator.personId, { type: 'room.settings', ...input });
  });
}

/**
 * Ends the session now (its room becomes read-only), or opens the room now: early, again after
 * a moderator ended it, or after its scheduled time (a rehearsal, a session that ran over).
 */
export async function endRoom(
  deps: Deps,
  address: RoomAddress,
  actor: Actor,
  input: { ended: boolean },
): Promise<RoomEvent> {
  return changeRoom(deps, address, async (store, context, append) => {
    const moderator = requireModerator(actor, context);
    if (input.ended && context.state === 'ended')
      throw new RoomError('conflict', 'This session has already ended.');
    if (!input.ended && context.state === 'live')
      throw new RoomError('conflict', 'This room is already open.');
    const now = deps.clock.now().toISOString();
    const times = input.ended ? { endedAt: now, openedAt: null } : { endedAt: null, openedAt: now };
    await store.live.updateRoom(context.session.id, times);
    return append(moderator.personId, {
      type: 'room.state',
      state: input.ended ? 'ended' : 'live',
      ...times,
    });
  });
}
