import type { Edition } from '../../domain/convening/edition.ts';
import { isEmailAddress } from '../../domain/people/people-input.ts';
import { normaliseEmail } from '../../domain/people/person.ts';
import { accepted, rejected, type Checked } from '../../domain/shared/result.ts';
import type { Writeup } from '../../domain/writeups/writeup.ts';
import { NotFoundError, type UseCaseDeps } from '../deps.ts';
import type { QueuedSubscriptionMail, Store } from '../ports.ts';

/** Where a subscription to new write-ups is asked for, confirmed and ended. */
export const SUBSCRIPTION_PATHS = {
  confirm: (token: string) => `/writeups/subscriptions/confirm/${token}`,
  unsubscribe: (token: string) => `/writeups/unsubscribe/${token}`,
};

function queued(
  deps: UseCaseDeps,
  subscriptionId: string,
  kind: QueuedSubscriptionMail['kind'],
  writeupId: string,
): QueuedSubscriptionMail {
  const now = deps.clock.now().toISOString();
  return {
    id: deps.ids.next(),
    subscriptionId,
    kind,
    writeupId,
    status: 'queued',
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    sentAt: null,
    createdAt: now,
  };
}

/**
 * Subscribes an email address to an edition's new write-ups, with double opt-in: the address
 * is stored as pending and a confirmation email is queued for the mail worker. The answer is
 * the same whether or not the address was subscribed, so nobody learns who is: a pending
 * address is sent the confirmation again, a confirmed one is sent nothing (every write-up it
 * receives already carries its unsubscribe link).
 */
export async function subscribeToWriteups(
  deps: UseCaseDeps,
  edition: Edition,
  rawEmail: string,
): Promise<Checked<{ email: string }>> {
  const email = normaliseEmail(rawEmail);
  if (!email) return rejected([{ field: 'email', message: 'Enter your email address.' }]);
  if (!isEmailAddress(email) || email.length > 254)
    return rejected([
      {
        field: 'email',
        message: `${email} is not an email address. Enter it like name@example.org.`,
      },
    ]);
  await deps.store.transaction(async (store) => {
    const now = deps.clock.now().toISOString();
    // No link confirms until the worker sends the first email and stores its token's hash:
    // this placeholder is the hash of a token nobody ever sees.
    const inserted = await store.subscriptions.insertSubscription(
      {
        id: deps.ids.next(),
        editionId: edition.id,
        email,
        status: 'pending',
        createdAt: now,
        confirmedAt: null,
      },
      deps.secrets.hash(deps.secrets.newToken()),
    );
    const subscription = await store.subscriptions.findSubscription(edition.id, email);
    if (!subscription || (!inserted && subscription.status === 'confirmed')) return;
    await store.subscriptions.enqueue([queued(deps, subscription.id, 'confirm', '')]);
  });
  return accepted({ email });
}

/** What following a subscription link came to. */
export type SubscriptionLinkResult = { ok: true; edition: Edition; email: string } | { ok: false };

async function editionOf(store: Store, editionId: string): Promise<Edition> {
  const edition = await store.programme.findEditionById(editionId);
  if (!edition) throw new NotFoundError('The edition');
  return edition;
}

/** Whether a confirmation link is the newest one of a subscription, without using it. */
export async function checkConfirmLink(
  deps: UseCaseDeps,
  token: string,
): Promise<SubscriptionLinkResult> {
  const subscription = await deps.store.subscriptions.findByConfirmTokenHash(
    deps.secrets.hash(token),
  );
  if (!subscription) return { ok: false };
  return {
    ok: true,
    edition: await editionOf(deps.store, subscription.editionId),
    email: subscription.email,
  };
}

/** Confirms a subscription from the link of its newest confirmation email; again is harmless. */
export async function confirmSubscription(
  deps: UseCaseDeps,
  token: string,
): Promise<SubscriptionLinkResult> {
  return deps.store.transaction(async (store) => {
    const subscription = await store.subscriptions.findByConfirmTokenHash(deps.secrets.hash(token));
    if (!subscription) return { ok: false };
    await store.subscriptions.confirm(subscription.id, deps.clock.now().toISOString());
    return {
      ok: true,
      edition: await editionOf(store, subscription.editionId),
      email: subscription.email,
    };
  });
}

/**
 * Ends a subscription, pending or confirmed, from the link of any email it was sent: the link
 * alone is the authority, no sign-in is needed. Deletes the address with its tokens and any
 * email still queued. An unknown or already used link answers `{ ok: false }`.
 */
export async function unsubscribeFromWriteups(
  deps: UseCaseDeps,
  token: string,
): Promise<SubscriptionLinkResult> {
  return deps.store.transaction(async (store) => {
    const subscription = await store.subscriptions.findByAnyTokenHash(deps.secrets.hash(token));
    if (!subscription) return { ok: false };
    const edition = await editionOf(store, subscription.editionId);
    await store.subscriptions.deleteSubscription(subscription.id);
    return { ok: true, edition, email: subscription.email };
  });
}

/**
 * Queues the announcement of a write-up published for the first time to every confirmed
 * subscriber of its edition (none to pending ones), in the caller's transaction. A write-up is
 * announced once per subscriber: the queue refuses a second announcement of the same one.
 */
export async function notifySubscribers(
  deps: UseCaseDeps,
  store: Store,
  writeup: Writeup,
): Promise<number> {
  const subscribers = await store.subscriptions.listConfirmed(writeup.editionId);
  if (subscribers.length === 0) return 0;
  return store.subscriptions.enqueue(
    subscribers.map((s) => queued(deps, s.id, 'new-writeup', writeup.id)),
  );
}
