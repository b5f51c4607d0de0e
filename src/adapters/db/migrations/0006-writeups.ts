import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Write-ups of what was learned: each session's attribution rule, notes about a session (beside
 * the breakout rooms' notes of 0005), one write-up per session with its review status, comments
 * on published write-ups, email subscriptions to new write-ups, and an edition's "themes and
 * takeaways" report.
 */
export const writeupsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    // 'attributable' or 'chatham-house'; a session without a row is attributable.
    await db.schema
      .createTable('session_attribution')
      .addColumn('session_id', 'text', (c) =>
        c.primaryKey().references('sessions.id').onDelete('cascade'),
      )
      .addColumn('rule', 'text', (c) => c.notNull())
      .execute();

    // Notes are about a breakout room ('breakout-room', as in 0005) or about a session.
    await db.schema
      .alterTable('notes')
      .addColumn('kind', 'text', (c) => c.notNull().defaultTo('breakout-room'))
      .execute();
    await db.schema
      .createIndex('notes_one_per_session')
      .on('notes')
      .column('session_id')
      .unique()
      .where(sql.ref('kind'), '=', 'session')
      .execute();

    await db.schema
      .createTable('writeups')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('edition_id', 'text', (c) =>
        c.notNull().references('editions.id').onDelete('cascade'),
      )
      .addColumn('session_id', 'text', (c) =>
        c.notNull().unique().references('sessions.id').onDelete('cascade'),
      )
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      // 'draft', 'in-review' or 'published'.
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.references('people.id').onDelete('set null'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('first_published_at', 'text')
      .addColumn('published_at', 'text')
      .execute();
    await db.schema.createIndex('writeups_edition').on('writeups').column('edition_id').execute();

    await db.schema
      .createTable('writeup_comments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('writeup_id', 'text', (c) =>
        c.notNull().references('writeups.id').onDelete('cascade'),
      )
      .addColumn('person_id', 'text', (c) =>
        c.notNull().references('people.id').onDelete('cascade'),
      )
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('writeup_comments_writeup')
      .on('writeup_comments')
      .column('writeup_id')
      .execute();

    // Double opt-in: 'pending' until the link in the first email is followed. The token's hash
    // confirms and unsubscribes; the email address is the only personal data.
    await db.schema
      .createTable('writeup_subscriptions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('edition_id', 'text', (c) =>
        c.notNull().references('editions.id').onDelete('cascade'),
      )
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('confirmed_at', 'text')
      .addUniqueConstraint('writeup_subscriptions_edition_email', ['edition_id', 'email'])
      .execute();

    await db.schema
      .createTable('edition_reports')
      .addColumn('edition_id', 'text', (c) =>
        c.primaryKey().references('editions.id').onDelete('cascade'),
      )
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.references('people.id').onDelete('set null'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('published_at', 'text')
      .execute();
  },
};
