import type { Kysely, Selectable } from 'kysely';
import type {
  QueuedSubscriptionMail,
  WriteupSubscription,
  WriteupSubscriptionStore,
  MailQueueLifecycle,
} from '../../app/ports.ts';
import type { MailStatus } from '../../domain/invitations/invitation-progress.ts';
import type { Database, SubscriptionMailTable, WriteupSubscriptionsTable } from './schema.ts';

function toSubscription(row: Selectable<WriteupSubscriptionsTable>): WriteupSubscription {
  return {
    id: row.id,
    editionId: row.edition_id,
    email: row.email,
    status: row.status === 'confirmed' ? 'confirmed' : 'pending',
    createdAt: row.created_at,
    confirmedAt: row.confirmed_at,
  };
}

export function toSubscriptionMail(row: Selectable<SubscriptionMailTable>): QueuedSubscriptionMail {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    kind: row.kind === 'confirm' ? 'confirm' : 'new-writeup',
    writeupId: row.writeup_id,
    status: row.status as MailStatus,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    sentAt: row.sent_at,
    createdAt: row.created_at,
  };
}

/** Rows per INSERT: well under SQLite's limit of bound values (10 columns each). */
const INSERT_CHUNK = 500;

/**
 * All SQL about subscriptions to new write-ups, their tokens and their email queue. The queue
 * changes status with one conditional UPDATE each, as the invitations' queue does.
 */
export class SubscriptionRepository implements Omit<
  WriteupSubscriptionStore,
  keyof MailQueueLifecycle<QueuedSubscriptionMail>
> {
  constructor(private readonly db: Kysely<Database>) {}

  async findSubscription(editionId: string, email: string): Promise<WriteupSubscription | null> {
    const row = await this.db
      .selectFrom('writeup_subscriptions')
      .selectAll()
      .where('edition_id', '=', editionId)
      .where('email', '=', email)
      .executeTakeFirst();
    return row ? toSubscription(row) : null;
  }

  async findById(id: string): Promise<WriteupSubscription | null> {
    const row = await this.db
      .selectFrom('writeup_subscriptions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toSubscription(row) : null;
  }

  async insertSubscription(s: WriteupSubscription, tokenHash: string): Promise<boolean> {
    // The unique (edition, email) constraint decides, even against a request at the same moment.
    const result = await this.db
      .insertInto('writeup_subscriptions')
      .values({
        id: s.id,
        edition_id: s.editionId,
        email: s.email,
        token_hash: tokenHash,
        status: s.status,
        created_at: s.createdAt,
        confirmed_at: s.confirmedAt,
      })
      .onConflict((conflict) => conflict.columns(['edition_id', 'email']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async setConfirmTokenHash(id: string, tokenHash: string): Promise<void> {
    await this.db
      .updateTable('writeup_subscriptions')
      .set({ token_hash: tokenHash })
      .where('id', '=', id)
      .execute();
  }

  async findByConfirmTokenHash(tokenHash: string): Promise<WriteupSubscription | null> {
    const row = await this.db
      .selectFrom('writeup_subscriptions')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? toSubscription(row) : null;
  }

  async findByAnyTokenHash(tokenHash: string): Promise<WriteupSubscription | null> {
    const viaToken = await this.db
      .selectFrom('writeup_subscription_tokens')
      .select('subscription_id')
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return viaToken
      ? this.findById(viaToken.subscription_id)
      : this.findByConfirmTokenHash(tokenHash);
  }

  async confirm(id: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('writeup_subscriptions')
      .set({ status: 'confirmed', confirmed_at: at })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async addUnsubscribeTokenHash(id: string, tokenHash: string, at: string): Promise<void> {
    await this.db
      .insertInto('writeup_subscription_tokens')
      .values({ token_hash: tokenHash, subscription_id: id, created_at: at })
      .execute();
  }

  async deleteSubscription(id: string): Promise<void> {
    // Explicit rather than left to ON DELETE CASCADE, which SQLite applies only with foreign keys on.
    await this.db.deleteFrom('subscription_mail').where('subscription_id', '=', id).execute();
    await this.db
      .deleteFrom('writeup_subscription_tokens')
      .where('subscription_id', '=', id)
      .execute();
    await this.db.deleteFrom('writeup_subscriptions').where('id', '=', id).execute();
  }

  async listConfirmed(editionId: string): Promise<WriteupSubscription[]> {
    const rows = await this.db
      .selectFrom('writeup_subscriptions')
      .selectAll()
      .where('edition_id', '=', editionId)
      .where('status', '=', 'confirmed')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toSubscription);
  }

  async listByEmail(email: string): Promise<WriteupSubscription[]> {
    const rows = await this.db
      .selectFrom('writeup_subscriptions')
      .selectAll()
      .where('email', '=', email)
      .orderBy('created_at')
      .execute();
    return rows.map(toSubscription);
  }

  async deleteByEmail(email: string): Promise<void> {
    for (const subscription of await this.listByEmail(email))
      await this.deleteSubscription(subscription.id);
  }

  async enqueue(mail: QueuedSubscriptionMail[]): Promise<number> {
    let inserted = 0;
    for (let start = 0; start < mail.length; start += INSERT_CHUNK) {
      const rows = mail.slice(start, start + INSERT_CHUNK).map((m) => ({
        id: m.id,
        subscription_id: m.subscriptionId,
        kind: m.kind,
        writeup_id: m.writeupId,
        status: m.status,
        attempts: m.attempts,
        next_attempt_at: m.nextAttemptAt,
        last_error: m.lastError,
        sent_at: m.sentAt,
        created_at: m.createdAt,
      }));
      // The partial unique index (subscription, write-up) of announcements decides; with no
      // conflict target, as SQLite matches a partial index's target only with literal values.
      const result = await this.db
        .insertInto('subscription_mail')
        .values(rows)
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirst();
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return inserted;
  }

  async listMail(subscriptionId: string): Promise<QueuedSubscriptionMail[]> {
    const rows = await this.db
      .selectFrom('subscription_mail')
      .selectAll()
      .where('subscription_id', '=', subscriptionId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toSubscriptionMail);
  }
}
