import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Introductions with consent: requests from one attendee to be introduced to another, the
 * people each attendee blocked, and the queue of introduction email (sent by the same mail
 * worker as invitations). Everything goes with either person (on delete cascade).
 *
 * `person_low` and `person_high` hold the two people of a request in a fixed order, so that one
 * unique index keeps at most one pending request per pair, whoever asked: two people asking each
 * other at the same moment cannot both succeed. Introduction email is a table of its own, as
 * subscription email is, because `outgoing_mail` allows one email per person, edition and kind,
 * and a person may be introduced many times, outside any edition.
 */
export const introductionsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('introductions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('asker_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
      .addColumn('recipient_id', 'text', (c) =>
        c.notNull().references('people.id').onDelete('cascade'),
      )
      .addColumn('person_low', 'text', (c) => c.notNull())
      .addColumn('person_high', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      // 'pending', 'accepted' or 'declined'.
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text')
      .execute();
    await db.schema
      .createIndex('introductions_one_pending_per_pair')
      .on('introductions')
      .columns(['person_low', 'person_high'])
      .unique()
      .where(sql.ref('status'), '=', 'pending')
      .execute();
    await db.schema
      .createIndex('introductions_asker')
      .on('introductions')
      .columns(['asker_id', 'created_at'])
      .execute();
    await db.schema
      .createIndex('introductions_recipient')
      .on('introductions')
      .column('recipient_id')
      .execute();

    await db.schema
      .createTable('introduction_blocks')
      .addColumn('blocker_id', 'text', (c) =>
        c.notNull().references('people.id').onDelete('cascade'),
      )
      .addColumn('blocked_id', 'text', (c) =>
        c.notNull().references('people.id').onDelete('cascade'),
      )
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('introduction_blocks_pk', ['blocker_id', 'blocked_id'])
      .execute();
    await db.schema
      .createIndex('introduction_blocks_blocked')
      .on('introduction_blocks')
      .column('blocked_id')
      .execute();

    // The same states as outgoing_mail (queued → sending → sent, or retrying and at last failed).
    await db.schema
      .createTable('introduction_mail')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('introduction_id', 'text', (c) =>
        c.notNull().references('introductions.id').onDelete('cascade'),
      )
      .addColumn('person_id', 'text', (c) =>
        c.notNull().references('people.id').onDelete('cascade'),
      )
      // 'requested' (to the person asked) or 'accepted' (to each of the two).
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('sent_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('introduction_mail_once', ['introduction_id', 'person_id', 'kind'])
      .execute();
    await db.schema
      .createIndex('introduction_mail_due')
      .on('introduction_mail')
      .columns(['status', 'next_attempt_at'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('introduction_mail').execute();
    await db.schema.dropTable('introduction_blocks').execute();
    await db.schema.dropTable('introductions').execute();
  },
};
