import { excerpt, segmentText, type TextSegment } from './live-text.ts';
import type { QuestionStatus } from './questions.ts';
import type { ReactionCounts } from './reactions.ts';

/**
 * What happened in a session room, in one ordered log per room. Stored events name people by
 * id only; names are looked up when the event is sent, so that deleting an account removes a
 * person's name from every room.
 */
export type RoomEventPayload =
  | {
      type: 'message.posted';
      messageId: string;
      text: string;
      replyTo: { messageId: string; authorId: string | null; excerpt: string } | null;
    }
  | { type: 'message.hidden'; messageId: string; authorId: string | null; hidden: boolean }
  | {
      type: 'question.asked';
      questionId: string;
      text: string;
      anonymous: boolean;
      status: 'queued' | 'visible';
    }
  | {
      type: 'question.status';
      questionId: string;
      status: QuestionStatus;
      previous: QuestionStatus;
      /** The whole question, for people who never saw it (it was waiting in the queue). */
      question: {
        text: string;
        anonymous: boolean;
        askedById: string | null;
        votes: number;
        askedSeq: number;
      };
    }
  /**
   * A moderator asked a chat message in Q&A: a question from its text, asked by the message's
   * author (anonymous to attendees), waiting in the queue or open as any question then is.
   */
  | {
      type: 'question.promoted';
      questionId: string;
      messageId: string;
      text: string;
      anonymous: boolean;
      askedById: string | null;
      status: 'queued' | 'visible';
    }
  | { type: 'question.voted'; questionId: string; votes: number }
  | { type: 'question.pinned'; questionId: string | null }
  | { type: 'reactions'; counts: ReactionCounts }
  | { type: 'presence'; count: number; joined: string[]; left: string[] }
  | { type: 'person.muted'; personId: string; muted: boolean }
  | { type: 'room.settings'; queueEnabled: boolean; askingLocked: boolean }
  | {
      type: 'room.state';
      state: 'live' | 'ended';
      endedAt: string | null;
      openedAt: string | null;
    }
  /** The rooms of a breakout round changed (published, re-planned, someone moved): reload them. */
  | { type: 'breakouts.changed' };

export type RoomEventType = RoomEventPayload['type'];

/** Who receives an event: everyone in the room, or only its moderators. */
export type RoomAudience = 'all' | 'moderators';

/** An event as stored in the room's log. `seq` increases within the room. */
export interface RoomEvent {
  sessionId: string;
  seq: number;
  at: string;
  /** Who caused it: the author, asker, voter or moderator; null for the room itself. */
  actorId: string | null;
  audience: RoomAudience;
  payload: RoomEventPayload;
}

/** A person as shown in a room. */
export interface RoomPerson {
  id: string;
  name: string;
  government: string;
}

/** Shown for someone whose account no longer exists. */
export const FORMER_PARTICIPANT: Omit<RoomPerson, 'id'> = {
  name: 'Former participant',
  government: '',
};

/** The audience an event goes to, by what it is. */
export function audienceOf(payload: RoomEventPayload): RoomAudience {
  if (payload.type === 'question.asked' && payload.status === 'queued') return 'moderators';
  if (payload.type === 'question.promoted' && payload.status === 'queued') return 'moderators';
  // Turned down from the queue: attendees never saw it, so they never hear of it.
  if (payload.type === 'question.status' && payload.status === 'rejected') return 'moderators';
  if (payload.type === 'person.muted') return 'moderators';
  return 'all';
}

/** The people an event names, to look up before it is sent. */
export function peopleNamedIn(event: RoomEvent): string[] {
  const ids: (string | null)[] = [event.actorId];
  const p = event.payload;
  if (p.type === 'message.posted') ids.push(p.replyTo?.authorId ?? null);
  if (p.type === 'message.hidden') ids.push(p.authorId);
  if (p.type === 'question.status') ids.push(p.question.askedById);
  if (p.type === 'question.promoted') ids.push(p.askedById);
  if (p.type === 'presence') ids.push(...p.joined);
  if (p.type === 'person.muted') ids.push(p.personId);
  return ids.filter((id): id is string => id !== null);
}

/** One event as a client receives it: the public form, or the moderators' form with who asked. */
export type WireEvent = { seq: number; at: string; type: RoomEventType } & Record<string, unknown>;

/** Looks up people named in events; unknown ids are former participants. */
export type PersonLookup = (id: string) => RoomPerson;

/**
 * Turns a stored event into what a client receives. Anonymous questions name nobody except to
 * moderators; everything else is the same for every member of the room, so it is serialized
 * once per audience, never per client.
 */
export function toWireEvent(
  event: RoomEvent,
  forModerators: boolean,
  person: PersonLookup,
): WireEvent {
  const base = { seq: event.seq, at: event.at, type: event.payload.type };
  const p = event.payload;
  switch (p.type) {
    case 'message.posted':
      return {
        ...base,
        message: {
          id: p.messageId,
          author: event.actorId ? person(event.actorId) : null,
          text: p.text,
          segments: segmentText(p.text) satisfies TextSegment[],
          replyTo: p.replyTo
            ? {
                id: p.replyTo.messageId,
                authorName: p.replyTo.authorId
                  ? person(p.replyTo.authorId).name
                  : FORMER_PARTICIPANT.name,
                excerpt: p.replyTo.excerpt,
              }
            : null,
          postedAt: event.at,
        },
      };
    case 'message.hidden':
      return { ...base, messageId: p.messageId, authorId: p.authorId, hidden: p.hidden };
    case 'question.asked':
      return {
        ...base,
        question: {
          id: p.questionId,
          text: p.text,
          segments: segmentText(p.text),
          anonymous: p.anonymous,
          askedBy:
            !p.anonymous || forModerators ? (event.actorId ? person(event.actorId) : null) : null,
          status: p.status,
          votes: 0,
          askedSeq: event.seq,
          askedAt: event.at,
        },
      };
    case 'question.status':
      return {
        ...base,
        questionId: p.questionId,
        status: p.status,
        previous: p.previous,
        question: {
          id: p.questionId,
          text: p.question.text,
          segments: segmentText(p.question.text),
          anonymous: p.question.anonymous,
          askedBy:
            p.question.askedById && (!p.question.anonymous || forModerators)
              ? person(p.question.askedById)
              : null,
          status: p.status,
          votes: p.question.votes,
          askedSeq: p.question.askedSeq,
        },
      };
    case 'question.promoted':
      return {
        ...base,
        messageId: p.messageId,
        question: {
          id: p.questionId,
          text: p.text,
          segments: segmentText(p.text),
          anonymous: p.anonymous,
          askedBy: p.askedById && (!p.anonymous || forModerators) ? person(p.askedById) : null,
          status: p.status,
          votes: 0,
          askedSeq: event.seq,
          askedAt: event.at,
        },
      };
    case 'question.voted':
      return { ...base, questionId: p.questionId, votes: p.votes };
    case 'question.pinned':
      return { ...base, questionId: p.questionId };
    case 'reactions':
      return { ...base, counts: p.counts };
    case 'presence':
      return { ...base, count: p.count, joined: p.joined.map(person), left: p.left };
    case 'person.muted':
      return { ...base, person: person(p.personId), muted: p.muted };
    case 'room.settings':
      return { ...base, queueEnabled: p.queueEnabled, askingLocked: p.askingLocked };
    case 'room.state':
      return { ...base, state: p.state, endedAt: p.endedAt, openedAt: p.openedAt };
    case 'breakouts.changed':
      // Names nobody: each attendee's page fetches their own room again.
      return { ...base };
  }
}

/** The start of a message as quoted in a reply. */
export function replyExcerpt(text: string): string {
  return excerpt(text, 80);
}

/**
 * An event with a deleted person taken out: events about their words or about them alone
 * go (null); elsewhere their id and any quote of their words are removed.
 */
export function forgetPersonInEvent(
  payload: RoomEventPayload,
  personId: string,
): RoomEventPayload | null {
  switch (payload.type) {
    case 'message.posted':
      return payload.replyTo?.authorId === personId
        ? {
            ...payload,
            replyTo: { messageId: payload.replyTo.messageId, authorId: null, excerpt: '' },
          }
        : payload;
    case 'message.hidden':
      return payload.authorId === personId ? null : payload;
    case 'question.status':
      return payload.question.askedById === personId ? null : payload;
    case 'question.promoted':
      return payload.askedById === personId ? null : payload;
    case 'presence':
      return {
        ...payload,
        joined: payload.joined.filter((id) => id !== personId),
        left: payload.left.filter((id) => id !== personId),
      };
    case 'person.muted':
      return payload.personId === personId ? null : payload;
    default:
      return payload;
  }
}
