import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  countInvitations,
  invitationsBlockedReason,
  invitationStage,
  type InviteeInvitation,
} from './invitation-progress.ts';

const NEW: InviteeInvitation = {
  status: 'invited',
  invitationSentAt: null,
  openedAt: null,
  mailStatus: null,
};
const SENT = { ...NEW, invitationSentAt: '2021-06-01T12:00:00.000Z', mailStatus: 'sent' as const };

describe('following an invitation', () => {
  it('names the furthest step an invitee reached', () => {
    assert.equal(invitationStage(NEW), 'not-sent');
    assert.equal(invitationStage({ ...NEW, mailStatus: 'queued' }), 'waiting');
    assert.equal(invitationStage({ ...NEW, mailStatus: 'sending' }), 'waiting');
    assert.equal(invitationStage({ ...NEW, mailStatus: 'retrying' }), 'retrying');
    assert.equal(invitationStage({ ...NEW, mailStatus: 'failed' }), 'failed');
    assert.equal(invitationStage(SENT), 'sent');
    assert.equal(invitationStage({ ...SENT, openedAt: '2021-06-02T08:00:00.000Z' }), 'opened');
    assert.equal(invitationStage({ ...SENT, status: 'registered' }), 'registered');
    assert.equal(invitationStage({ ...SENT, status: 'declined' }), 'declined');
  });

  it('shows an answer even when the email was never sent, as when an organizer registered someone', () => {
    assert.equal(invitationStage({ ...NEW, status: 'registered' }), 'registered');
  });

  it('counts everyone on the list and how many reached each step', () => {
    assert.deepEqual(
      countInvitations([
        NEW,
        { ...NEW, mailStatus: 'failed' },
        SENT,
        { ...SENT, openedAt: '2021-06-02T08:00:00.000Z', status: 'registered' },
        { ...SENT, status: 'declined' },
      ]),
      { invited: 5, sent: 3, opened: 1, registered: 1, declined: 1, failed: 1, notYetInvited: 1 },
    );
  });

  it('does not count someone who registered another way as still to be invited', () => {
    const counts = countInvitations([
      NEW,
      { ...NEW, status: 'registered' },
      { ...NEW, status: 'declined' },
    ]);
    assert.equal(counts.notYetInvited, 1);
    assert.equal(counts.registered, 1);
  });

  it('sends invitations only while the programme is published or live', () => {
    assert.match(invitationsBlockedReason('draft') ?? '', /Publish the programme/);
    assert.match(invitationsBlockedReason('archived') ?? '', /archived/);
    assert.equal(invitationsBlockedReason('published'), null);
    assert.equal(invitationsBlockedReason('live'), null);
  });
});
