import type { InvitationOverview } from '../../app/invitations/invitation.queries.ts';
import { MAX_SEND_ATTEMPTS } from '../../domain/invitations/mail-retry.ts';
import { INVITATION_STAGE_LABELS } from '../../domain/invitations/invitation-progress.ts';
import { formatDateTime } from './time.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Counts as the page lists them, in the order an invitation goes. */
function presentCounts(counts: InvitationOverview['counts']) {
  return [
    { label: 'Invited', value: counts.invited, hint: 'people on the invitation list' },
    { label: 'Invitation sent', value: counts.sent, hint: '' },
    { label: 'Opened the link', value: counts.opened, hint: '' },
    { label: 'Registered', value: counts.registered, hint: '' },
    { label: 'Declined', value: counts.declined, hint: '' },
    { label: 'Could not be sent', value: counts.failed, hint: '' },
  ];
}

/** The invitations page: times in the viewer's zone, statuses in words. */
export function presentInvitationOverview(overview: InvitationOverview, zone: string) {
  const when = (instant: string | null) => (instant ? formatDateTime(instant, zone) : '');
  const batch = overview.latestBatch;
  return {
    edition: overview.edition,
    zone,
    zoneLabel: zone.replace(/_/g, ' '),
    counts: presentCounts(overview.counts),
    notYetInvited: overview.counts.notYetInvited,
    sendLabel: `Send invitations to the ${plural(overview.counts.notYetInvited, 'person', 'people')} not yet invited`,
    blockedReason: overview.blockedReason,
    invitees: overview.invitees.map((row) => ({
      name: row.person.name,
      email: row.person.email,
      government: row.government
        ? `${row.government.country} (${row.government.teamName})`
        : 'None given',
      stage: row.stage,
      statusLabel: INVITATION_STAGE_LABELS[row.stage],
      statusDetail:
        row.stage === 'retrying' && row.mail
          ? `Try ${row.mail.attempts + 1} of ${MAX_SEND_ATTEMPTS} at ${when(row.mail.nextAttemptAt)}`
          : '',
      sentAt: when(row.progress.invitationSentAt),
      openedAt: when(row.progress.openedAt),
      respondedAt: when(row.progress.respondedAt),
    })),
    latestBatch: batch
      ? {
          requestedAt: when(batch.batch.createdAt),
          requestedBy: batch.requestedByName,
          total: batch.total,
          totalLabel: plural(batch.total, 'invitation', 'invitations'),
          waiting: batch.waiting,
          sent: batch.sent,
          retrying: batch.retrying,
          failed: batch.failed,
          inProgress: batch.waiting + batch.retrying > 0,
          retryReasons: batch.retryReasons.map(({ reason, count }) => ({
            reason,
            countLabel: plural(count, 'invitation', 'invitations'),
          })),
        }
      : null,
    failures: overview.failures.map(({ mail, person }) => ({
      mailId: mail.id,
      name: person.name,
      email: person.email,
      reason: mail.lastError ?? 'No reason was recorded.',
      attempts: plural(mail.attempts, 'try', 'tries'),
    })),
  };
}

const count = (value: string | undefined): number | null =>
  value !== undefined && /^\d{1,7}$/.test(value) ? Number(value) : null;

/**
 * The banner after a request, built from numbers in the address: only digits are read, so
 * nothing else can be shown through a crafted link.
 */
export function describeInvitationsDone(query: {
  done?: string;
  queued?: string;
  skipped?: string;
  requeued?: string;
}): string | undefined {
  if (query.done === 'queued') {
    const queued = count(query.queued);
    const skipped = count(query.skipped) ?? 0;
    if (queued === null) return undefined;
    const skippedText =
      skipped > 0
        ? ` ${plural(skipped, 'person was', 'people were')} skipped: they have already been sent an invitation, or one is on its way.`
        : '';
    if (queued === 0)
      return `No invitations were added: everyone on the list has already been sent one, or one is on its way.`;
    return `${plural(queued, 'invitation is', 'invitations are')} being sent.${skippedText}`;
  }
  if (query.done === 'requeued') {
    const requeued = count(query.requeued);
    if (requeued === null) return undefined;
    return requeued === 1
      ? 'The invitation will be sent again.'
      : `${requeued} invitations will be sent again.`;
  }
  return undefined;
}
