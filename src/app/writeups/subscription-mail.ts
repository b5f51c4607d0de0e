import {
  INTERRUPTED_SEND_REASON,
  planAfterFailedAttempt,
  sendingDeadline,
} from '../../domain/invitations/mail-retry.ts';
import {
  composeConfirmationEmail,
  composeNewWriteupEmail,
  unsubscribeHeaders,
} from '../../domain/writeups/subscription-email.ts';
import type { UseCaseDeps } from '../deps.ts';
import type { OutgoingMessage, QueuedSubscriptionMail } from '../ports.ts';
import { SUBSCRIPTION_PATHS } from './subscriptions.ts';

/** What one step did with subscription email, counted as the invitations' step counts. */
export interface SubscriptionMailReport {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
  interrupted: number;
}

/** A reason not to send that no later try can change. */
class UnsendableMail extends Error {}

const MAX_REASON = 500;

function describeProblem(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).trim();
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text;
}

/**
 * Writes one subscription email. Tokens are made now, as invitation links are, and only their
 * hashes kept: each message gets an unsubscribe token of its own that stays valid until the
 * subscription ends, so the link in every message ever sent works alone.
 */
async function prepare(deps: UseCaseDeps, mail: QueuedSubscriptionMail): Promise<OutgoingMessage> {
  const subscription = await deps.store.subscriptions.findById(mail.subscriptionId);
  if (!subscription) throw new UnsendableMail('The address unsubscribed, so nothing was sent.');
  const edition = await deps.store.programme.findEditionById(subscription.editionId);
  if (!edition) throw new UnsendableMail('The edition no longer exists, so nothing was sent.');
  if (mail.kind === 'confirm' && subscription.status === 'confirmed')
    throw new UnsendableMail('The subscription was already confirmed, so nothing was sent.');
  const now = deps.clock.now().toISOString();
  const token = deps.secrets.newToken();
  const unsubscribeUrl = deps.links.page(SUBSCRIPTION_PATHS.unsubscribe(token));
  await deps.store.transaction(async (store) => {
    await store.subscriptions.addUnsubscribeTokenHash(
      subscription.id,
      deps.secrets.hash(token),
      now,
    );
    // The newest confirmation email's link is the one that confirms.
    if (mail.kind === 'confirm')
      await store.subscriptions.setConfirmTokenHash(subscription.id, deps.secrets.hash(token));
  });
  const to = { name: '', email: subscription.email };
  if (mail.kind === 'confirm') {
    return {
      to,
      ...composeConfirmationEmail({
        editionName: edition.name,
        confirmUrl: deps.links.page(SUBSCRIPTION_PATHS.confirm(token)),
        unsubscribeUrl,
      }),
      headers: unsubscribeHeaders(unsubscribeUrl),
    };
  }
  const writeup = (await deps.store.writeups.listWriteups(edition.id)).find(
    (w) => w.id === mail.writeupId,
  );
  if (writeup?.status !== 'published')
    throw new UnsendableMail('The write-up is no longer published, so nothing was sent.');
  return {
    to,
    ...composeNewWriteupEmail({
      editionName: edition.name,
      title: writeup.title,
      summary: writeup.summary,
      writeupUrl: deps.links.page(`/editions/${edition.slug}/writeups/${writeup.sessionId}`),
      unsubscribeUrl,
    }),
    headers: unsubscribeHeaders(unsubscribeUrl),
  };
}

async function sendClaimed(
  deps: UseCaseDeps,
  mail: QueuedSubscriptionMail,
): Promise<'sent' | 'retrying' | 'failed'> {
  let message: OutgoingMessage | null = null;
  try {
    message = await prepare(deps, mail);
    await deps.mailer.send(message);
  } catch (error) {
    const reason =
      error instanceof UnsendableMail || message !== null
        ? describeProblem(error)
        : `Convene could not prepare the email (${describeProblem(error)}).`;
    const plan =
      error instanceof UnsendableMail
        ? ({ status: 'failed' } as const)
        : planAfterFailedAttempt(mail.attempts, deps.clock.now());
    if (plan.status === 'failed') await deps.store.subscriptions.markFailed(mail.id, reason);
    else await deps.store.subscriptions.scheduleRetry(mail.id, plan.nextAttemptAt, reason);
    return plan.status;
  }
  await deps.store.subscriptions.markSent(mail.id, deps.clock.now().toISOString());
  return 'sent';
}

/**
 * Sends due subscription email with the same rules as invitations: an interrupted send is given
 * up, never resent; each email is claimed by exactly one worker; a failed send is tried again
 * after 1, 5, 30 and 120 minutes.
 */
export async function processDueSubscriptionMail(
  deps: UseCaseDeps,
  { limit }: { limit: number },
): Promise<SubscriptionMailReport> {
  const report: SubscriptionMailReport = {
    claimed: 0,
    sent: 0,
    retrying: 0,
    failed: 0,
    interrupted: 0,
  };
  const start = deps.clock.now().toISOString();
  report.interrupted = await deps.store.subscriptions.failInterrupted(
    start,
    INTERRUPTED_SEND_REASON,
  );
  for (const id of await deps.store.subscriptions.listDueIds(start, limit)) {
    const now = deps.clock.now();
    const mail = await deps.store.subscriptions.claim(id, now.toISOString(), sendingDeadline(now));
    if (!mail) continue;
    report.claimed += 1;
    report[await sendClaimed(deps, mail)] += 1;
  }
  return report;
}
