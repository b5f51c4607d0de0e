import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  askerOutcome,
  checkIntroductionMessage,
  checkRequest,
  DECLINE_GRACE_DAYS,
  INTRODUCTION_MESSAGE_MAX_LENGTH,
  INTRODUCTIONS_PER_DAY,
  OPEN_INTRODUCTIONS_LIMIT,
  parseDecision,
  statusAfter,
  UNAVAILABLE_MESSAGE,
  type Introduction,
  type RequestFacts,
} from './introduction.ts';
import {
  composeIntroductionAcceptedEmail,
  composeIntroductionRequestEmail,
} from './introduction-email.ts';

const NOW = new Date('2021-06-10T12:00:00.000Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();

function introduction(overrides: Partial<Introduction> = {}): Introduction {
  return {
    id: 'i-1',
    askerId: 'ada',
    recipientId: 'kofi',
    message: 'Hello',
    status: 'pending',
    createdAt: ago(10),
    decidedAt: null,
    ...overrides,
  };
}

function facts(overrides: Partial<RequestFacts> = {}): RequestFacts {
  return {
    askerId: 'ada',
    recipientId: 'kofi',
    isBlocked: false,
    between: [],
    askedInLastDay: [],
    openCount: 0,
    ...overrides,
  };
}

describe('an introduction’s state', () => {
  it('moves from pending to accepted or declined once, and never again', () => {
    assert.equal(statusAfter('pending', 'accept'), 'accepted');
    assert.equal(statusAfter('pending', 'decline'), 'declined');
    for (const decided of ['accepted', 'declined'] as const) {
      assert.equal(statusAfter(decided, 'accept'), null);
      assert.equal(statusAfter(decided, 'decline'), null);
    }
    assert.equal(parseDecision('accept'), 'accept');
    assert.equal(parseDecision('decline'), 'decline');
    assert.equal(parseDecision('block'), null);
    assert.equal(parseDecision(undefined), null);
  });

  it('shows the asker an acceptance at once', () => {
    assert.equal(
      askerOutcome(introduction({ status: 'accepted', decidedAt: ago(0) }), NOW),
      'accepted',
    );
  });

  it('shows the asker a decline as pending during the grace period, then as not taken up', () => {
    const declinedAt = (days: number) => introduction({ status: 'declined', decidedAt: ago(days) });
    assert.equal(askerOutcome(introduction(), NOW), 'pending');
    assert.equal(askerOutcome(declinedAt(0), NOW), 'pending');
    assert.equal(askerOutcome(declinedAt(DECLINE_GRACE_DAYS - 0.01), NOW), 'pending');
    assert.equal(askerOutcome(declinedAt(DECLINE_GRACE_DAYS), NOW), 'not-taken-up');
    assert.equal(askerOutcome(declinedAt(30), NOW), 'not-taken-up');
  });
});

describe('the message of a request', () => {
  it('is trimmed plain text with uniform line endings', () => {
    assert.deepEqual(checkIntroductionMessage('  Hi,\r\nabout procurement  '), {
      ok: true,
      value: 'Hi,\nabout procurement',
    });
  });

  it('is required, limited in length and free of control characters, each naming the field', () => {
    for (const raw of [
      undefined,
      '',
      '   ',
      ['a'],
      'x'.repeat(INTRODUCTION_MESSAGE_MAX_LENGTH + 1),
      'a\u202Eb',
    ]) {
      const result = checkIntroductionMessage(raw);
      assert.equal(result.ok, false, String(raw));
      if (!result.ok) assert.equal(result.errors[0]?.field, 'message');
    }
    assert.equal(checkIntroductionMessage('x'.repeat(INTRODUCTION_MESSAGE_MAX_LENGTH)).ok, true);
  });
});

describe('whether a request can be made', () => {
  it('allows a first request to someone else', () => {
    assert.equal(checkRequest(facts(), NOW), null);
  });

  it('refuses a request to yourself', () => {
    assert.equal(checkRequest(facts({ recipientId: 'ada' }), NOW)?.reason, 'self');
  });

  it('refuses a second request while the first waits, or reads as waiting after a decline', () => {
    assert.equal(checkRequest(facts({ between: [introduction()] }), NOW)?.reason, 'already-asked');
    const declined = introduction({ status: 'declined', decidedAt: ago(1) });
    assert.equal(checkRequest(facts({ between: [declined] }), NOW)?.reason, 'already-asked');
  });

  it('points the asker to the request the other person already made', () => {
    const theirs = introduction({ id: 'theirs', askerId: 'kofi', recipientId: 'ada' });
    const refusal = checkRequest(facts({ between: [theirs] }), NOW);
    assert.equal(refusal?.reason, 'asked-you');
    assert.equal(refusal?.reason === 'asked-you' && refusal.introductionId, 'theirs');
  });

  it('refuses a blocked pair and a request not taken up alike, in the same words', () => {
    const blocked = checkRequest(facts({ isBlocked: true }), NOW);
    const notTakenUp = checkRequest(
      facts({
        between: [introduction({ status: 'declined', decidedAt: ago(DECLINE_GRACE_DAYS + 1) })],
      }),
      NOW,
    );
    assert.equal(blocked?.reason, 'unavailable');
    assert.equal(blocked?.message, UNAVAILABLE_MESSAGE);
    assert.equal(notTakenUp?.message, UNAVAILABLE_MESSAGE);
    assert.doesNotMatch(UNAVAILABLE_MESSAGE, /block|declin/i);
  });

  it('refuses when the two were already introduced', () => {
    const accepted = introduction({ askerId: 'kofi', recipientId: 'ada', status: 'accepted' });
    assert.equal(checkRequest(facts({ between: [accepted] }), NOW)?.reason, 'already-introduced');
  });

  it('allows five requests in any 24 hours and says when the next one can be made', () => {
    const four = [ago(0.9), ago(0.5), ago(0.2), ago(0.1)];
    assert.equal(checkRequest(facts({ askedInLastDay: four }), NOW), null);
    const five = [...four, ago(0.95)];
    assert.equal(five.length, INTRODUCTIONS_PER_DAY);
    const refusal = checkRequest(facts({ askedInLastDay: five }), NOW);
    assert.equal(refusal?.reason, 'rate-limited');
    // The oldest (0.95 days ago) leaves the window 0.05 days from now.
    assert.equal(
      refusal?.reason === 'rate-limited' && refusal.retryAt,
      new Date(NOW.getTime() + 0.05 * DAY).toISOString(),
    );
    assert.match(refusal!.message, /you can ask again after 10 June 2021, 13:12 UTC/);
    // Older requests no longer count.
    assert.equal(checkRequest(facts({ askedInLastDay: [...four, ago(1.01)] }), NOW), null);
  });

  it('caps the requests waiting for an answer', () => {
    assert.equal(
      checkRequest(facts({ openCount: OPEN_INTRODUCTIONS_LIMIT }), NOW)?.reason,
      'too-many-open',
    );
    assert.equal(checkRequest(facts({ openCount: OPEN_INTRODUCTIONS_LIMIT - 1 }), NOW), null);
  });
});

describe('introduction email', () => {
  it('tells the person asked who asks and why, without the asker’s email address', () => {
    const { subject, text } = composeIntroductionRequestEmail({
      recipientName: 'Kofi',
      asker: { name: 'Ada', team: 'Digital State, Estonia' },
      message: 'Procurement?\nThanks',
      introductionsUrl: 'https://convene.example/introductions',
    });
    assert.equal(subject, 'Ada would like an introduction');
    assert.match(text, /Ada \(Digital State, Estonia\) would like to be introduced to you/);
    assert.match(text, /> Procurement\?\n> Thanks/);
    assert.match(text, /https:\/\/convene\.example\/introductions/);
    assert.doesNotMatch(text, /@/);
  });

  it('gives each of the two the other’s email address once accepted', () => {
    const toAsker = composeIntroductionAcceptedEmail({
      toName: 'Ada',
      other: { name: 'Kofi', team: '', email: 'kofi@gh.example' },
      toIsAsker: true,
      message: 'Hi',
    });
    assert.match(toAsker.text, /Kofi accepted your request/);
    assert.match(toAsker.text, /You can write to Kofi at: kofi@gh\.example/);
    const toRecipient = composeIntroductionAcceptedEmail({
      toName: 'Kofi',
      other: { name: 'Ada', team: '', email: 'ada@ee.example' },
      toIsAsker: false,
      message: 'Hi',
    });
    assert.match(toRecipient.text, /You accepted the request for an introduction from Ada/);
    assert.match(toRecipient.text, /ada@ee\.example/);
  });
});
