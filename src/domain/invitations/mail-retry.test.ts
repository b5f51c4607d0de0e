import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_SEND_ATTEMPTS, planAfterFailedAttempt, sendingDeadline } from './mail-retry.ts';

const NOW = new Date('2021-06-01T12:00:00.000Z');

describe('planning the next try of a failed email', () => {
  it('waits 1, 5, 30 and 120 minutes after the first four failures', () => {
    assert.deepEqual(
      [1, 2, 3, 4].map((attempts) => planAfterFailedAttempt(attempts, NOW)),
      [
        { status: 'retrying', nextAttemptAt: '2021-06-01T12:01:00.000Z' },
        { status: 'retrying', nextAttemptAt: '2021-06-01T12:05:00.000Z' },
        { status: 'retrying', nextAttemptAt: '2021-06-01T12:30:00.000Z' },
        { status: 'retrying', nextAttemptAt: '2021-06-01T14:00:00.000Z' },
      ],
    );
  });

  it('gives up after the fifth failure, and after any later one', () => {
    assert.equal(MAX_SEND_ATTEMPTS, 5);
    assert.deepEqual(planAfterFailedAttempt(5, NOW), { status: 'failed' });
    assert.deepEqual(planAfterFailedAttempt(9, NOW), { status: 'failed' });
  });

  it('counts a send as interrupted ten minutes after it began', () => {
    assert.equal(sendingDeadline(NOW), '2021-06-01T12:10:00.000Z');
  });
});
