import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  audienceOf,
  forgetPersonInEvent,
  peopleNamedIn,
  toWireEvent,
  type PersonLookup,
  type RoomEvent,
  type RoomEventPayload,
} from './room-events.ts';

const PEOPLE: Record<string, { name: string; government: string }> = {
  'p-asker': { name: 'Amina Asker', government: 'Kenya' },
  'p-mod': { name: 'Kadri Moderator', government: 'Estonia' },
  'p-other': { name: 'Olu Other', government: 'Nigeria' },
};
const person: PersonLookup = (id) => ({
  id,
  ...(PEOPLE[id] ?? { name: 'Former participant', government: '' }),
});

function event(payload: RoomEventPayload, actorId: string | null = 'p-asker', seq = 7): RoomEvent {
  return {
    sessionId: 's-1',
    seq,
    at: '2021-11-16T15:10:00.000Z',
    actorId,
    audience: audienceOf(payload),
    payload,
  };
}

const anonymousQuestion: RoomEventPayload = {
  type: 'question.asked',
  questionId: 'q-1',
  text: 'Who pays for the exit from a vendor?',
  anonymous: true,
  status: 'visible',
};

describe('what clients receive of each event', () => {
  it('hides the asker of an anonymous question from everyone but the moderators', () => {
    const asked = event(anonymousQuestion);
    const everyone = toWireEvent(asked, false, person);
    const moderators = toWireEvent(asked, true, person);
    assert.equal((everyone.question as { askedBy: unknown }).askedBy, null);
    assert.equal((everyone.question as { anonymous: boolean }).anonymous, true);
    const json = JSON.stringify(everyone);
    assert.ok(!json.includes('p-asker'), 'no id of the asker');
    assert.ok(!json.includes('Amina'), 'no name of the asker');
    assert.deepEqual((moderators.question as { askedBy: unknown }).askedBy, {
      id: 'p-asker',
      name: 'Amina Asker',
      government: 'Kenya',
    });
  });

  it('names the asker of a question that is not anonymous to everyone', () => {
    const asked = event({ ...anonymousQuestion, anonymous: false } as RoomEventPayload);
    for (const forModerators of [false, true])
      assert.equal(
        (toWireEvent(asked, forModerators, person).question as { askedBy: { name: string } })
          .askedBy.name,
        'Amina Asker',
      );
  });

  it('keeps an anonymous asker hidden when a moderator changes the question’s status', () => {
    const approved = event(
      {
        type: 'question.status',
        questionId: 'q-1',
        status: 'visible',
        previous: 'queued',
        question: {
          text: 'Who pays?',
          anonymous: true,
          askedById: 'p-asker',
          votes: 0,
          askedSeq: 3,
        },
      },
      'p-mod',
    );
    const everyone = toWireEvent(approved, false, person);
    assert.equal((everyone.question as { askedBy: unknown }).askedBy, null);
    assert.ok(!JSON.stringify(everyone).includes('p-asker'));
    assert.equal(
      (toWireEvent(approved, true, person).question as { askedBy: { id: string } }).askedBy.id,
      'p-asker',
    );
  });

  it('gives a new question its number, no votes and its text split into links', () => {
    const wire = toWireEvent(
      event({ ...anonymousQuestion, text: 'See https://gov.uk' } as RoomEventPayload),
      false,
      person,
    );
    assert.equal(wire.seq, 7);
    assert.equal(wire.type, 'question.asked');
    assert.deepEqual(wire.question, {
      id: 'q-1',
      text: 'See https://gov.uk',
      segments: [{ text: 'See ' }, { text: 'https://gov.uk', href: 'https://gov.uk' }],
      anonymous: true,
      askedBy: null,
      status: 'visible',
      votes: 0,
      askedSeq: 7,
      askedAt: '2021-11-16T15:10:00.000Z',
    });
  });

  it('sends a message with its author, and a reply with the name of who is answered', () => {
    const wire = toWireEvent(
      event(
        {
          type: 'message.posted',
          messageId: 'm-2',
          text: '<b>agreed</b>',
          replyTo: { messageId: 'm-1', authorId: 'p-other', excerpt: 'First point' },
        },
        'p-asker',
      ),
      false,
      person,
    );
    assert.deepEqual(wire.message, {
      id: 'm-2',
      author: { id: 'p-asker', name: 'Amina Asker', government: 'Kenya' },
      text: '<b>agreed</b>',
      segments: [{ text: '<b>agreed</b>' }],
      replyTo: { id: 'm-1', authorName: 'Olu Other', excerpt: 'First point' },
      postedAt: '2021-11-16T15:10:00.000Z',
    });
  });

  it('calls the author of a reply whose account was deleted a former participant', () => {
    const wire = toWireEvent(
      event({
        type: 'message.posted',
        messageId: 'm-2',
        text: 'yes',
        replyTo: { messageId: 'm-1', authorId: null, excerpt: '' },
      }),
      false,
      person,
    );
    assert.equal(
      (wire.message as { replyTo: { authorName: string } }).replyTo.authorName,
      'Former participant',
    );
  });

  it('names the people who joined a room, and the muted person to moderators', () => {
    const presence = toWireEvent(
      event({ type: 'presence', count: 2, joined: ['p-other'], left: ['p-asker'] }, null),
      false,
      person,
    );
    assert.deepEqual(presence.joined, [
      { id: 'p-other', name: 'Olu Other', government: 'Nigeria' },
    ]);
    assert.deepEqual(presence.left, ['p-asker']);
    const muted = toWireEvent(
      event({ type: 'person.muted', personId: 'p-other', muted: true }, 'p-mod'),
      true,
      person,
    );
    assert.deepEqual(muted.person, { id: 'p-other', name: 'Olu Other', government: 'Nigeria' });
    assert.equal(muted.muted, true);
  });

  it('tells everyone that the breakout rooms changed, naming nobody, so each page fetches its own room', () => {
    const changed = event({ type: 'breakouts.changed' }, 'p-mod');
    assert.equal(changed.audience, 'all');
    assert.deepEqual(toWireEvent(changed, false, person), {
      seq: 7,
      at: '2021-11-16T15:10:00.000Z',
      type: 'breakouts.changed',
    });
  });
});

describe('who receives an event', () => {
  it('sends a question waiting in the queue to the moderators only', () => {
    assert.equal(
      audienceOf({ ...anonymousQuestion, status: 'queued' } as RoomEventPayload),
      'moderators',
    );
    assert.equal(audienceOf(anonymousQuestion), 'all');
  });

  it('keeps a question rejected from the queue among the moderators, but not an archived open one', () => {
    const status = (
      previous: 'queued' | 'visible' | 'rejected',
      to: 'archived' | 'visible' | 'rejected',
    ) =>
      audienceOf({
        type: 'question.status',
        questionId: 'q',
        status: to,
        previous,
        question: { text: 't', anonymous: false, askedById: 'p', votes: 0, askedSeq: 1 },
      });
    assert.equal(status('queued', 'rejected'), 'moderators');
    assert.equal(status('queued', 'visible'), 'all');
    // Approved after all: everyone gets the whole question then.
    assert.equal(status('rejected', 'visible'), 'all');
    assert.equal(status('visible', 'archived'), 'all');
  });

  it('tells only moderators who was muted', () => {
    assert.equal(audienceOf({ type: 'person.muted', personId: 'p', muted: true }), 'moderators');
    assert.equal(audienceOf({ type: 'person.muted', personId: 'p', muted: false }), 'moderators');
  });

  it('sends everything else to everyone in the room', () => {
    const payloads: RoomEventPayload[] = [
      { type: 'message.posted', messageId: 'm', text: 't', replyTo: null },
      { type: 'message.hidden', messageId: 'm', authorId: 'p', hidden: true },
      { type: 'question.voted', questionId: 'q', votes: 2 },
      { type: 'question.pinned', questionId: null },
      { type: 'reactions', counts: { applause: 3 } },
      { type: 'presence', count: 1, joined: [], left: [] },
      { type: 'room.settings', queueEnabled: true, askingLocked: false },
      { type: 'room.state', state: 'ended', endedAt: '2021-11-16T15:30:00Z', openedAt: null },
    ];
    for (const payload of payloads) assert.equal(audienceOf(payload), 'all', payload.type);
  });
});

describe('the people an event names', () => {
  it('lists the actor and everyone the payload names, for looking up once', () => {
    assert.deepEqual(
      peopleNamedIn(
        event(
          {
            type: 'message.posted',
            messageId: 'm',
            text: 't',
            replyTo: { messageId: 'm0', authorId: 'p-other', excerpt: 'x' },
          },
          'p-asker',
        ),
      ),
      ['p-asker', 'p-other'],
    );
    assert.deepEqual(
      peopleNamedIn(event({ type: 'presence', count: 2, joined: ['a', 'b'], left: ['c'] }, null)),
      ['a', 'b'],
    );
    assert.deepEqual(
      peopleNamedIn(event({ type: 'person.muted', personId: 'p-other', muted: true }, 'p-mod')),
      ['p-mod', 'p-other'],
    );
  });
});

describe('forgetting a deleted person in the rooms’ logs', () => {
  const GONE = 'p-gone';

  it('removes the name and the quoted words of a deleted person from replies to them', () => {
    const reply: RoomEventPayload = {
      type: 'message.posted',
      messageId: 'm-2',
      text: 'I agree with you',
      replyTo: { messageId: 'm-1', authorId: GONE, excerpt: 'Something they said' },
    };
    assert.deepEqual(forgetPersonInEvent(reply, GONE), {
      ...reply,
      replyTo: { messageId: 'm-1', authorId: null, excerpt: '' },
    });
  });

  it('leaves replies to other people as they were', () => {
    const reply: RoomEventPayload = {
      type: 'message.posted',
      messageId: 'm-2',
      text: 'yes',
      replyTo: { messageId: 'm-1', authorId: 'p-other', excerpt: 'Their words' },
    };
    assert.equal(forgetPersonInEvent(reply, GONE), reply);
  });

  it('drops events about the person alone: their hidden message, their question, their muting', () => {
    assert.equal(
      forgetPersonInEvent(
        { type: 'message.hidden', messageId: 'm', authorId: GONE, hidden: true },
        GONE,
      ),
      null,
    );
    assert.equal(
      forgetPersonInEvent(
        {
          type: 'question.status',
          questionId: 'q',
          status: 'answered',
          previous: 'visible',
          question: {
            text: 'their words',
            anonymous: true,
            askedById: GONE,
            votes: 4,
            askedSeq: 2,
          },
        },
        GONE,
      ),
      null,
    );
    assert.equal(
      forgetPersonInEvent({ type: 'person.muted', personId: GONE, muted: true }, GONE),
      null,
    );
  });

  it('keeps such events when they are about someone else', () => {
    const hidden: RoomEventPayload = {
      type: 'message.hidden',
      messageId: 'm',
      authorId: 'p-other',
      hidden: true,
    };
    assert.equal(forgetPersonInEvent(hidden, GONE), hidden);
    const muted: RoomEventPayload = { type: 'person.muted', personId: 'p-other', muted: false };
    assert.equal(forgetPersonInEvent(muted, GONE), muted);
  });

  it('takes the person out of who came and went, keeping the others and the count', () => {
    assert.deepEqual(
      forgetPersonInEvent(
        { type: 'presence', count: 3, joined: [GONE, 'p-other'], left: ['p-mod', GONE] },
        GONE,
      ),
      { type: 'presence', count: 3, joined: ['p-other'], left: ['p-mod'] },
    );
  });

  it('leaves events that do not name the person in their payload unchanged', () => {
    const payloads: RoomEventPayload[] = [
      { type: 'question.voted', questionId: 'q', votes: 2 },
      { type: 'question.pinned', questionId: 'q' },
      { type: 'reactions', counts: { thanks: 1 } },
      { type: 'room.settings', queueEnabled: false, askingLocked: true },
    ];
    for (const payload of payloads) assert.equal(forgetPersonInEvent(payload, GONE), payload);
  });
});

describe('a chat message asked in Q&A by a moderator', () => {
  const promoted = (status: 'queued' | 'visible'): RoomEventPayload => ({
    type: 'question.promoted',
    questionId: 'q-9',
    messageId: 'm-3',
    text: 'Who owns the platform after the vendor leaves?',
    anonymous: true,
    askedById: 'p-asker',
    status,
  });

  it('names the message’s author to moderators only, with the moderator as the actor', () => {
    const stored = event(promoted('visible'), 'p-mod', 12);
    const forAll = toWireEvent(stored, false, person);
    const forModerators = toWireEvent(stored, true, person);
    assert.equal(forAll.messageId, 'm-3');
    assert.deepEqual(forAll.question, {
      id: 'q-9',
      text: 'Who owns the platform after the vendor leaves?',
      segments: [{ text: 'Who owns the platform after the vendor leaves?' }],
      anonymous: true,
      askedBy: null,
      status: 'visible',
      votes: 0,
      askedSeq: 12,
      askedAt: '2021-11-16T15:10:00.000Z',
    });
    assert.equal(
      (forModerators.question as { askedBy: { name: string } }).askedBy.name,
      'Amina Asker',
    );
    assert.deepEqual(peopleNamedIn(stored).sort(), ['p-asker', 'p-mod']);
  });

  it('goes to moderators only while it waits in the queue', () => {
    assert.equal(audienceOf(promoted('queued')), 'moderators');
    assert.equal(audienceOf(promoted('visible')), 'all');
  });

  it('goes from the log with its author’s account, and stays for anyone else', () => {
    assert.equal(forgetPersonInEvent(promoted('visible'), 'p-asker'), null);
    assert.deepEqual(forgetPersonInEvent(promoted('visible'), 'p-other'), promoted('visible'));
  });
});
