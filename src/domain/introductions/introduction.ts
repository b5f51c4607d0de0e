import { accepted, rejected, type Checked } from '../shared/result.ts';

/**
 * Where a request for an introduction is: waiting for the person asked (pending), then accepted
 * (both are mailed each other's email address) or declined. A decision is final.
 */
export const INTRODUCTION_STATUSES = ['pending', 'accepted', 'declined'] as const;
export type IntroductionStatus = (typeof INTRODUCTION_STATUSES)[number];

/** One attendee's request to be introduced to another, with the short message they wrote. */
export interface Introduction {
  id: string;
  askerId: string;
  recipientId: string;
  /** Plain text, shown escaped. */
  message: string;
  status: IntroductionStatus;
  createdAt: string;
  /** When the person asked accepted or declined (or blocked the asker); null while pending. */
  decidedAt: string | null;
}

/** The longest message, in characters: a few sentences on why, not a letter. */
export const INTRODUCTION_MESSAGE_MAX_LENGTH = 600;

/**
 * How long a declined request still reads "waiting for an answer" to the asker, so that the
 * moment it changes does not tell them it was just declined (people decline quietly when a
 * refusal is not announced the minute it happens).
 */
export const DECLINE_GRACE_DAYS = 7;

/** Requests one person may make in any 24 hours: enough to follow up a convening, too few to spam. */
export const INTRODUCTIONS_PER_DAY = 5;

/** Requests one person may have waiting for an answer at once. */
export const OPEN_INTRODUCTIONS_LIMIT = 10;

const DAY_MS = 86_400_000;

/** What the asker sees of their own request: never whether it was declined, only when it shows. */
export type AskerOutcome = 'pending' | 'accepted' | 'not-taken-up';

export const ASKER_OUTCOME_LABELS: Record<AskerOutcome, string> = {
  pending: 'Waiting for an answer',
  accepted: 'Accepted: check your email',
  'not-taken-up': 'Not taken up',
};

/**
 * The asker's view of their request at `now`: accepted at once; a declined request reads
 * "pending" during the grace period after the decision, then "not taken up" (never "declined").
 */
export function askerOutcome(introduction: Introduction, now: Date): AskerOutcome {
  if (introduction.status === 'accepted') return 'accepted';
  if (introduction.status === 'pending') return 'pending';
  const decidedAt = Date.parse(introduction.decidedAt ?? introduction.createdAt);
  return now.getTime() - decidedAt < DECLINE_GRACE_DAYS * DAY_MS ? 'pending' : 'not-taken-up';
}

/** A decision the person asked can make. */
export type IntroductionDecision = 'accept' | 'decline';

/** Reads a decision from a form; null for anything else. */
export function parseDecision(value: unknown): IntroductionDecision | null {
  return value === 'accept' || value === 'decline' ? value : null;
}

/** The status a decision leads to from pending; a decided request cannot be decided again. */
export function statusAfter(
  current: IntroductionStatus,
  decision: IntroductionDecision,
): IntroductionStatus | null {
  if (current !== 'pending') return null;
  return decision === 'accept' ? 'accepted' : 'declined';
}

// Control characters other than line breaks and tabs, and bidirectional overrides, which could
// make a message read differently from what it holds.
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

/**
 * Checks the message of a request: plain text, trimmed, 1 to 600 characters, with no invisible
 * control characters. Line endings are made uniform; pages and email show it as text.
 */
export function checkIntroductionMessage(raw: unknown): Checked<string> {
  if (raw !== undefined && raw !== null && typeof raw !== 'string')
    return rejected([{ field: 'message', message: 'The message must be plain text.' }]);
  const text = (raw ?? '').replace(/\r\n?/g, '\n').trim();
  const length = [...text].length;
  if (length === 0)
    return rejected([
      {
        field: 'message',
        message:
          'Enter a short message saying why you would like to be introduced: the person reads it before deciding.',
      },
    ]);
  if (length > INTRODUCTION_MESSAGE_MAX_LENGTH)
    return rejected([
      {
        field: 'message',
        message: `Your message is ${length.toLocaleString('en-GB')} characters long; the limit is ${INTRODUCTION_MESSAGE_MAX_LENGTH.toLocaleString('en-GB')}. Shorten it, then send the request.`,
      },
    ]);
  const forbidden = FORBIDDEN.exec(text);
  if (forbidden)
    return rejected([
      {
        field: 'message',
        message: `Your message contains an invisible control character (U+${forbidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}). Remove it, then send the request.`,
      },
    ]);
  return accepted(text);
}

/** What is known, when someone asks, about them and the person they ask. */
export interface RequestFacts {
  askerId: string;
  recipientId: string;
  /** Either of the two blocked the other (the asker is never told which, or that it happened). */
  isBlocked: boolean;
  /** Every request between the two, in either direction. */
  between: Introduction[];
  /** When the asker's requests of the last 24 hours were made, any order. */
  askedInLastDay: string[];
  /** The asker's requests still waiting for an answer. */
  openCount: number;
}

/** Why a request cannot be made, with the words the asker reads. */
export type RequestRefusal =
  | { reason: 'self'; message: string }
  | { reason: 'unavailable'; message: string }
  | { reason: 'already-asked'; message: string }
  | { reason: 'asked-you'; message: string; introductionId: string }
  | { reason: 'already-introduced'; message: string }
  | { reason: 'rate-limited'; message: string; retryAt: string }
  | { reason: 'too-many-open'; message: string };

/**
 * The words for a pair where one blocked the other. They are the same as for anyone who cannot be
 * asked (someone not in the directory whom the asker never met, an account deleted, a request not
 * taken up before), so that the asker cannot tell they were blocked.
 */
export const UNAVAILABLE_MESSAGE =
  'You cannot ask for an introduction to this person. Nothing was sent.';

/**
 * Decides whether the asker may make a request now: not to themselves; not a second one while
 * theirs waits, or reads as waiting (a decline in its grace period); not when the two were
 * already introduced; not when either blocked the other, or after their earlier request to the
 * same person was not taken up (one ask per person: nobody is pestered); if the other person
 * asked first, the asker is pointed to accept theirs; at most INTRODUCTIONS_PER_DAY in any 24
 * hours and OPEN_INTRODUCTIONS_LIMIT waiting at once, saying when they can ask again.
 */
export function checkRequest(facts: RequestFacts, now: Date): RequestRefusal | null {
  if (facts.askerId === facts.recipientId)
    return {
      reason: 'self',
      message: 'You cannot ask for an introduction to yourself. Choose someone else.',
    };
  const mine = facts.between.filter((i) => i.askerId === facts.askerId);
  if (mine.some((i) => askerOutcome(i, now) === 'pending'))
    return {
      reason: 'already-asked',
      message:
        'You have already asked for an introduction to this person and they have not answered yet. Nothing new was sent.',
    };
  if (facts.between.some((i) => i.status === 'accepted'))
    return {
      reason: 'already-introduced',
      message:
        'You have already been introduced to this person: their email address is in the email Convene sent you both.',
    };
  if (facts.isBlocked || mine.length > 0)
    return { reason: 'unavailable', message: UNAVAILABLE_MESSAGE };
  const theirs = facts.between.find((i) => i.askerId !== facts.askerId && i.status === 'pending');
  if (theirs)
    return {
      reason: 'asked-you',
      introductionId: theirs.id,
      message:
        'This person has already asked for an introduction to you. Accept their request on your introductions page instead.',
    };
  const since = now.getTime() - DAY_MS;
  const recent = facts.askedInLastDay
    .filter((at) => Date.parse(at) > since)
    .sort((a, b) => a.localeCompare(b));
  if (recent.length >= INTRODUCTIONS_PER_DAY) {
    // The oldest of the last day's requests leaves the window first.
    const retryAt = new Date(Date.parse(recent[recent.length - INTRODUCTIONS_PER_DAY]!) + DAY_MS);
    return {
      reason: 'rate-limited',
      retryAt: retryAt.toISOString(),
      message: `You can ask for ${INTRODUCTIONS_PER_DAY} introductions in any 24 hours, and you have. Your request was not sent: you can ask again after ${formatUtc(retryAt)}.`,
    };
  }
  if (facts.openCount >= OPEN_INTRODUCTIONS_LIMIT)
    return {
      reason: 'too-many-open',
      message: `You have ${OPEN_INTRODUCTIONS_LIMIT} requests waiting for an answer, which is the most you can have at once. Your request was not sent: you can ask again once one of them is answered.`,
    };
  return null;
}

/** A moment as people read it in a message, in UTC: "3 March 2021, 14:05 UTC". */
export function formatUtc(at: Date): string {
  const date = at.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const time = at.toISOString().slice(11, 16);
  return `${date}, ${time} UTC`;
}
