import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  canMoveQuestion,
  isPublicQuestion,
  QUESTION_STATUSES,
  refusedMoveMessage,
  sortQuestions,
  type QuestionStatus,
} from './questions.ts';

describe('moving a question through a session', () => {
  it('allows exactly these moves: approve or reject from the queue, answer, archive, reopen', () => {
    const allowed: string[] = [];
    for (const from of QUESTION_STATUSES)
      for (const to of QUESTION_STATUSES)
        if (canMoveQuestion(from, to)) allowed.push(`${from}→${to}`);
    assert.deepEqual(allowed.sort(), [
      'answered→archived',
      'answered→visible',
      'archived→visible',
      'queued→rejected',
      'queued→visible',
      'rejected→visible',
      'visible→answered',
      'visible→archived',
    ]);
  });

  it('never moves a question back into the queue, nor to the status it already has', () => {
    for (const from of QUESTION_STATUSES) {
      assert.equal(canMoveQuestion(from, 'queued'), false, `${from}→queued`);
      assert.equal(canMoveQuestion(from, from), false, `${from}→${from}`);
    }
  });

  it('never marks a question answered before everyone could see it', () => {
    assert.equal(canMoveQuestion('queued', 'answered'), false);
    assert.equal(canMoveQuestion('archived', 'answered'), false);
  });

  it('explains a refused move in words, and says when nothing would change', () => {
    assert.equal(refusedMoveMessage('answered', 'answered'), 'This question is already answered.');
    assert.equal(
      refusedMoveMessage('queued', 'answered'),
      'A question that is waiting for a moderator cannot be marked answered. Reload the room to see where it is now.',
    );
  });

  it('shows attendees every question except those waiting in the queue', () => {
    assert.deepEqual(
      QUESTION_STATUSES.filter((status) => isPublicQuestion(status)),
      ['visible', 'answered', 'archived'],
    );
  });
});

describe('sorting questions', () => {
  const q = (id: string, status: QuestionStatus, votes: number, askedSeq: number) => ({
    id,
    status,
    votes,
    askedSeq,
  });
  const questions = [
    q('answered-popular', 'answered', 50, 1),
    q('open-few', 'visible', 1, 2),
    q('archived', 'archived', 99, 3),
    q('open-many', 'visible', 7, 4),
    q('queued', 'queued', 0, 5),
    q('open-tie-later', 'visible', 3, 8),
    q('open-tie-earlier', 'visible', 3, 6),
    q('answered-new', 'answered', 0, 9),
  ];
  const ids = (list: { id: string }[]) => list.map((item) => item.id);

  it('by votes: waiting, then open, answered, archived; most votes first, ties in the order asked', () => {
    assert.deepEqual(ids(sortQuestions(questions, 'votes')), [
      'queued',
      'open-many',
      'open-tie-earlier',
      'open-tie-later',
      'open-few',
      'answered-popular',
      'answered-new',
      'archived',
    ]);
  });

  it('by newest: the same groups, each newest first whatever the votes', () => {
    assert.deepEqual(ids(sortQuestions(questions, 'newest')), [
      'queued',
      'open-tie-later',
      'open-tie-earlier',
      'open-many',
      'open-few',
      'answered-new',
      'answered-popular',
      'archived',
    ]);
  });

  it('returns a new list and leaves the given one as it was', () => {
    const before = ids(questions);
    const sorted = sortQuestions(questions, 'votes');
    assert.notEqual(sorted, questions);
    assert.deepEqual(ids(questions), before);
  });
});
