import {
  composeConfirmationEmail,
  composeNewWriteupEmail,
  unsubscribeHeaders,
} from '../../domain/writeups/subscription-email.ts';
import type { UseCaseDeps } from '../deps.ts';
import type { OutgoingMessage, QueuedSubscriptionMail } from '../ports.ts';
import { SUBSCRIPTION_PATHS } from './subscriptions.ts';
import { processMailQueue, UnsendableMail, type MailStepReport } from '../mail/mail-queue-step.ts';

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

/**
 * Sends due subscription email with the same rules as invitations (one worker step over the
 * subscriptions' own queue: a subscriber is an email address, not a stored person).
 */
export function processDueSubscriptionMail(
  deps: UseCaseDeps,
  { limit }: { limit: number },
): Promise<MailStepReport> {
  return processMailQueue(deps, deps.store.subscriptions, {
    limit,
    prepare: (mail) => prepare(deps, mail),
  });
}
