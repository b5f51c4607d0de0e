import type { Kysely, Migration } from 'kysely';

/**
 * Who may do what and how they prove it: roles per edition, invitation progress, registrations,
 * sign-in links and sessions (both stored only as hashes), outgoing mail and the audit log.
 */
export const accessMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('edition_members')
      .addColumn('edition_id', 'text', (c) =>
        c.notNull().references('editions.id').onDelete('cascade'),
      )
      .addColumn('person_id', 'text', (c) =>
        c.notNull().references('people.id').onDelete('cascade'),
      )
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('granted_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('edition_members_pk', ['edition_id', 'person_id', 'role'])
      .execute();
    await db.schema
      .createIndex('edition_members_person')
      .on('edition_members')
      .column('person_id')
      .execute();

    // Invitation progress: invited → (sent) → (opened) → registered or declined.
    await db.schema
      .alterTable('edition_invitees')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('invited'))
      .execute();
    await db.schema
      .alterTable('edition_invitees')
      .addColumn('invitation_sent_at', 'text')
      .execute();
    await db.schema.alterTable('edition_invitees').addColumn('opened_at', 'text').execute();
    await db.schema.alterTable('edition_invitees').addColumn('responded_at', 'text').execute();

    await db.schema
      .createTable('registrations')
      .addColumn('edition_id', 'text', (c) =>
        c.notNull().references('editions.id').onDelete('cascade'),
      )
      .addColumn('person_id', 'text', (c) =>
        c.notNull().references('people.id').onDelete('cascade'),
      )
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('accessibility_needs', 'text', (c) => c.notNull())
      .addColumn('in_directory', 'integer', (c) => c.notNull())
      .addColumn('session_ids', 'text', (c) => c.notNull())
      .addColumn('struggling_theme_ids', 'text', (c) => c.notNull())
      .addColumn('helping_theme_ids', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('registrations_pk', ['edition_id', 'person_id'])
      .execute();

    await db.schema
      .createTable('sign_in_tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('person_id', 'text', (c) =>
        c.notNull().references('people.id').onDelete('cascade'),
      )
      .addColumn('edition_id', 'text', (c) => c.references('editions.id').onDelete('cascade'))
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();
    await db.schema
      .createIndex('sign_in_tokens_person_created')
      .on('sign_in_tokens')
      .columns(['person_id', 'created_at'])
      .execute();

    await db.schema
      .createTable('user_sessions')
      .addColumn('session_hash', 'text', (c) => c.primaryKey())
      .addColumn('person_id', 'text', (c) =>
        c.notNull().references('people.id').onDelete('cascade'),
      )
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('user_sessions_person')
      .on('user_sessions')
      .column('person_id')
      .execute();

    await db.schema
      .createTable('mail_batches')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('edition_id', 'text', (c) =>
        c.notNull().references('editions.id').onDelete('cascade'),
      )
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('requested_by', 'text', (c) => c.references('people.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('outgoing_mail')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('batch_id', 'text', (c) =>
        c.notNull().references('mail_batches.id').onDelete('cascade'),
      )
      .addColumn('edition_id', 'text', (c) =>
        c.notNull().references('editions.id').onDelete('cascade'),
      )
      .addColumn('person_id', 'text', (c) =>
        c.notNull().references('people.id').onDelete('cascade'),
      )
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('sent_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      // A person is sent each kind of mail for an edition once: a retry can never mail twice.
      .addUniqueConstraint('outgoing_mail_once', ['edition_id', 'person_id', 'kind'])
      .execute();
    await db.schema
      .createIndex('outgoing_mail_due')
      .on('outgoing_mail')
      .columns(['status', 'next_attempt_at'])
      .execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_person_id', 'text', (c) => c.references('people.id').onDelete('set null'))
      .addColumn('actor_label', 'text', (c) => c.notNull())
      .addColumn('edition_id', 'text', (c) => c.references('editions.id').onDelete('cascade'))
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('audit_log_edition_at')
      .on('audit_log')
      .columns(['edition_id', 'at'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of [
      'audit_log',
      'outgoing_mail',
      'mail_batches',
      'user_sessions',
      'sign_in_tokens',
      'registrations',
      'edition_members',
    ]) {
      await db.schema.dropTable(table).execute();
    }
    for (const column of ['responded_at', 'opened_at', 'invitation_sent_at', 'status']) {
      await db.schema.alterTable('edition_invitees').dropColumn(column).execute();
    }
  },
};
