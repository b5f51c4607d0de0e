import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Email subscriptions to new write-ups, second part (the subscriptions themselves came with
 * 0006): the unsubscribe tokens, one per message sent, so that the link in every message keeps
 * working on its own; and the queue of subscription email, sent by the same mail worker as
 * invitations. It is a table of its own because `outgoing_mail` is addressed to a stored person
 * (`person_id` is required), and a subscriber is only an email address.
 */
export const subscriptionTokensMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('writeup_subscription_tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('subscription_id', 'text', (c) =>
        c.notNull().references('writeup_subscriptions.id').onDelete('cascade'),
      )
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('writeup_subscription_tokens_subscription')
      .on('writeup_subscription_tokens')
      .column('subscription_id')
      .execute();

    // The same states as outgoing_mail (queued → sending → sent, or retrying and at last failed).
    // Unsubscribing deletes the subscription, and with it anything still waiting to be sent.
    await db.schema
      .createTable('subscription_mail')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('subscription_id', 'text', (c) =>
        c.notNull().references('writeup_subscriptions.id').onDelete('cascade'),
      )
      // 'confirm' (the double opt-in email) or 'new-writeup'.
      .addColumn('kind', 'text', (c) => c.notNull())
      // The write-up announced ('' for a confirmation), so each is announced once per subscriber.
      .addColumn('writeup_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('sent_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('subscription_mail_once')
      .on('subscription_mail')
      .columns(['subscription_id', 'writeup_id'])
      .unique()
      .where(sql.ref('kind'), '=', 'new-writeup')
      .execute();
    await db.schema
      .createIndex('subscription_mail_due')
      .on('subscription_mail')
      .columns(['status', 'next_attempt_at'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('subscription_mail').execute();
    await db.schema.dropTable('writeup_subscription_tokens').execute();
  },
};
