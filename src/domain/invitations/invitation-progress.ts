import type { InvitationStatus } from '../access/roles.ts';
import type { EditionStatus } from '../convening/edition.ts';

/**
 * The kinds of email sent to invitees and attendees (invitations, introductions to a follow-up
 * group); each is sent to a person at most once within its scope (see onceScopeOf).
 */
export const MAIL_KINDS = ['invitation', 'follow-up-group'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/**
 * What the once-per-person rule counts within: an invitation is sent once per edition (scope
 * ''); an introduction to a follow-up group once per group's sending (its mail batch), so that
 * someone who named two struggles can be introduced to a group of each.
 */
export function onceScopeOf(mail: { kind: MailKind; batchId: string }): string {
  return mail.kind === 'follow-up-group' ? mail.batchId : '';
}

/**
 * Where one email is: waiting (queued), being sent, waiting for another try after a failure
 * (retrying), sent, or given up (failed) until an organizer asks for it again.
 */
export const MAIL_STATUSES = ['queued', 'sending', 'retrying', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** How far one invitee's invitation has gone, as organizers follow it. */
export type InvitationStage =
  'not-sent' | 'waiting' | 'retrying' | 'failed' | 'sent' | 'opened' | 'registered' | 'declined';

export const INVITATION_STAGE_LABELS: Record<InvitationStage, string> = {
  'not-sent': 'Not sent yet',
  waiting: 'Waiting to be sent',
  retrying: 'Will be tried again',
  failed: 'Could not be sent',
  sent: 'Invitation sent',
  opened: 'Opened the link',
  registered: 'Registered',
  declined: 'Declined',
};

/** What is known of one invitee: their answer and dates, and the email sent to them, if any. */
export interface InviteeInvitation {
  status: InvitationStatus;
  invitationSentAt: string | null;
  openedAt: string | null;
  mailStatus: MailStatus | null;
}

/** The furthest step an invitee has reached: an answer beats an opened link, which beats a sent email. */
export function invitationStage(invitee: InviteeInvitation): InvitationStage {
  if (invitee.status === 'registered') return 'registered';
  if (invitee.status === 'declined') return 'declined';
  if (invitee.openedAt !== null) return 'opened';
  switch (invitee.mailStatus) {
    case 'queued':
    case 'sending':
      return 'waiting';
    case 'retrying':
      return 'retrying';
    case 'failed':
      return 'failed';
    default:
      return invitee.invitationSentAt !== null ? 'sent' : 'not-sent';
  }
}

/** The numbers organizers watch: everyone on the list, and how many reached each step. */
export interface InvitationCounts {
  invited: number;
  sent: number;
  opened: number;
  registered: number;
  declined: number;
  failed: number;
  /** Invitees who have never been queued an invitation and have not answered another way. */
  notYetInvited: number;
}

/** Counts invitees by the steps they reached; a registered invitee also counts as sent and opened if they were. */
export function countInvitations(invitees: InviteeInvitation[]): InvitationCounts {
  const count = (test: (invitee: InviteeInvitation) => boolean) => invitees.filter(test).length;
  return {
    invited: invitees.length,
    sent: count((i) => i.invitationSentAt !== null),
    opened: count((i) => i.openedAt !== null),
    registered: count((i) => i.status === 'registered'),
    declined: count((i) => i.status === 'declined'),
    failed: count((i) => i.mailStatus === 'failed'),
    notYetInvited: count((i) => i.mailStatus === null && i.status === 'invited'),
  };
}

/**
 * Why invitations cannot be sent for an edition in this status, or null when they can. The link
 * in an invitation leads to registration, which opens when the programme is published.
 */
export function invitationsBlockedReason(status: EditionStatus): string | null {
  if (status === 'draft')
    return 'Publish the programme before sending invitations: the link in each invitation leads to registration, which opens when the programme is published.';
  if (status === 'archived')
    return 'This edition is archived, so no more invitations can be sent for it.';
  return null;
}
