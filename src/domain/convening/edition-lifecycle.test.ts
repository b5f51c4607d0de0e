import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkEditionTransition, type LifecycleFacts } from './edition-lifecycle.ts';

const ready: LifecycleFacts = {
  status: 'draft',
  dayCount: 3,
  sessionCount: 8,
  endDate: '2020-11-19',
  today: '2020-11-01',
};

describe('the edition lifecycle', () => {
  it('publishes a draft that has days and sessions', () => {
    assert.deepEqual(checkEditionTransition(ready, 'published'), { allowed: true });
  });

  it('refuses to publish a draft without a day or a session', () => {
    const noSessions = checkEditionTransition({ ...ready, sessionCount: 0 }, 'published');
    assert.equal(noSessions.allowed, false);
    const noDays = checkEditionTransition({ ...ready, dayCount: 0 }, 'published');
    assert.equal(noDays.allowed, false);
    assert.match(noDays.allowed ? '' : noDays.reason, /Add at least one day and one session/);
  });

  it('goes live only from published, never straight from draft', () => {
    assert.equal(checkEditionTransition(ready, 'live').allowed, false);
    assert.deepEqual(checkEditionTransition({ ...ready, status: 'published' }, 'live'), {
      allowed: true,
    });
  });

  it('archives only after the last day', () => {
    const live = { ...ready, status: 'live' as const };
    assert.equal(
      checkEditionTransition({ ...live, today: '2020-11-19' }, 'archived').allowed,
      false,
    );
    assert.deepEqual(checkEditionTransition({ ...live, today: '2020-11-20' }, 'archived'), {
      allowed: true,
    });
  });

  it('keeps an archived edition as it was', () => {
    for (const to of ['draft', 'published', 'live'] as const) {
      const check = checkEditionTransition(
        { ...ready, status: 'archived', today: '2021-01-01' },
        to,
      );
      assert.equal(check.allowed, false);
      assert.match(check.allowed ? '' : check.reason, /Archived editions are kept as they were/);
    }
  });

  it('lets a published edition go back to draft, but not a live one', () => {
    assert.deepEqual(checkEditionTransition({ ...ready, status: 'published' }, 'draft'), {
      allowed: true,
    });
    assert.equal(checkEditionTransition({ ...ready, status: 'live' }, 'draft').allowed, false);
  });

  it('says so when the edition already has the status', () => {
    const check = checkEditionTransition({ ...ready, status: 'published' }, 'published');
    assert.equal(check.allowed, false);
  });
});
