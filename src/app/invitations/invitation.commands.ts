import type { Actor } from '../../domain/access/actor.ts';
import type { Edition } from '../../domain/convening/edition.ts';
import { invitationsBlockedReason } from '../../domain/invitations/invitation-progress.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { NotFoundError, type UseCaseDeps } from '../deps.ts';
import type { QueuedMail, Store } from '../ports.ts';

/** What came of a request to send invitations. */
export type QueueInvitationsResult =
  | {
      ok: true;
      /** The new batch; null when nobody needed an invitation. */
      batchId: string | null;
      queued: number;
      /** Invitees skipped because an invitation to them is already sent or on its way. */
      skipped: number;
    }
  | { ok: false; reason: string };

/** What came of asking to send failed invitations again. */
export type RetryInvitationsResult = { ok: true; requeued: number } | { ok: false; reason: string };

async function requireEdition(store: Store, slug: string): Promise<Edition> {
  const edition = await store.programme.findEditionBySlug(slug);
  if (!edition) throw new NotFoundError(`The edition "${slug}"`);
  return edition;
}

/** The person behind an actor as stored, or null when the change was not made by a stored person. */
function storedPersonId(actor: Actor): string | null {
  return actor.kind === 'person' ? actor.personId : null;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Queues a personal invitation for each invitee of the edition (or each of `personIds`) who
 * has not been queued one yet and has not already answered (someone registered another way
 * needs no invitation); the background worker sends them. Nobody is ever queued twice,
 * even by two organizers pressing the button at the same moment.
 */
export async function queueInvitations(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  options: { personIds?: string[] } = {},
): Promise<QueueInvitationsResult> {
  return deps.store.transaction(async (store) => {
    const edition = await requireEdition(store, slug);
    const blocked = invitationsBlockedReason(edition.status);
    if (blocked) return { ok: false, reason: blocked };
    const wanted = options.personIds ? new Set(options.personIds) : null;
    const invitees = (await store.access.listInviteeProgress(edition.id))
      .filter((progress) => progress.status === 'invited')
      .map((progress) => progress.personId)
      .filter((personId) => wanted === null || wanted.has(personId));
    const alreadyQueued = new Set(
      (await store.mail.listForEdition(edition.id, 'invitation')).map((mail) => mail.personId),
    );
    const toQueue = invitees.filter((personId) => !alreadyQueued.has(personId));
    if (toQueue.length === 0) {
      return { ok: true, batchId: null, queued: 0, skipped: invitees.length };
    }
    const now = deps.clock.now().toISOString();
    const batchId = deps.ids.next();
    await store.mail.insertBatch({
      id: batchId,
      editionId: edition.id,
      kind: 'invitation',
      requestedBy: storedPersonId(actor),
      createdAt: now,
    });
    const queued = await store.mail.enqueue(
      toQueue.map((personId): QueuedMail => ({
        id: deps.ids.next(),
        batchId,
        editionId: edition.id,
        personId,
        kind: 'invitation',
        status: 'queued',
        attempts: 0,
        nextAttemptAt: now,
        lastError: null,
        sentAt: null,
        createdAt: now,
      })),
    );
    const skipped = invitees.length - queued;
    if (queued === 0) {
      // Another request queued them all in the meantime: keep no empty batch.
      await store.mail.deleteBatch(batchId);
      return { ok: true, batchId: null, queued, skipped };
    }
    await recordAudit(
      deps,
      store,
      actor,
      edition.id,
      'invitations.queued',
      `Asked to send ${plural(queued, 'invitation', 'invitations')}${skipped > 0 ? ` (${plural(skipped, 'person', 'people')} skipped: already sent one or about to be)` : ''}.`,
    );
    return { ok: true, batchId, queued, skipped };
  });
}

/**
 * Puts invitations that could not be sent back in the queue: one (`mailId`) or all of the
 * edition's. Only an organizer's decision does this, never the worker, because an interrupted
 * send may have reached the person already.
 */
export async function retryFailedInvitations(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  options: { mailId?: string } = {},
): Promise<RetryInvitationsResult> {
  return deps.store.transaction(async (store) => {
    const edition = await requireEdition(store, slug);
    const blocked = invitationsBlockedReason(edition.status);
    if (blocked) return { ok: false, reason: blocked };
    const failed = (await store.mail.listForEdition(edition.id, 'invitation')).filter(
      (mail) => mail.status === 'failed',
    );
    const chosen = options.mailId ? failed.filter((mail) => mail.id === options.mailId) : failed;
    if (options.mailId && chosen.length === 0) {
      return {
        ok: false,
        reason:
          'That invitation is no longer waiting to be tried again: it may have been sent, or someone already asked for it. The page shows where it is now.',
      };
    }
    const requeued = await store.mail.requeueFailed(
      edition.id,
      'invitation',
      chosen.map((mail) => mail.id),
      deps.clock.now().toISOString(),
    );
    if (requeued > 0) {
      const [person] =
        chosen.length === 1 ? await store.people.findPeopleByIds([chosen[0]!.personId]) : [];
      await recordAudit(
        deps,
        store,
        actor,
        edition.id,
        'invitations.retried',
        person
          ? `Asked to send the invitation to ${person.name} again.`
          : `Asked to send ${plural(requeued, 'failed invitation', 'failed invitations')} again.`,
      );
    }
    return { ok: true, requeued };
  });
}
