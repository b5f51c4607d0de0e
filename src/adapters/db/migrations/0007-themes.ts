import type { Kysely, Migration } from 'kysely';

/**
 * Themes on what people say: `theme_tags` holds the themes a person confirmed for a question,
 * a chat message, a breakout room's notes or a write-up (suggested from the text, never counted
 * until confirmed); `message_promotions` links a chat message a moderator asked in Q&A to the
 * question it became, so that it is asked once.
 */
export const themesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('theme_tags')
      .addColumn('edition_id', 'text', (c) =>
        c.notNull().references('editions.id').onDelete('cascade'),
      )
      // 'question', 'message', 'notes' or 'writeup'; subject_id is that record's id.
      .addColumn('subject_kind', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('theme_id', 'text', (c) => c.notNull().references('themes.id').onDelete('cascade'))
      .addColumn('tagged_by', 'text', (c) => c.references('people.id').onDelete('set null'))
      .addColumn('tagged_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('theme_tags_pk', ['subject_kind', 'subject_id', 'theme_id'])
      .execute();
    await db.schema
      .createIndex('theme_tags_edition_theme')
      .on('theme_tags')
      .columns(['edition_id', 'theme_id'])
      .execute();

    await db.schema
      .createTable('message_promotions')
      .addColumn('message_id', 'text', (c) =>
        c.primaryKey().references('room_messages.id').onDelete('cascade'),
      )
      .addColumn('question_id', 'text', (c) =>
        c.notNull().references('room_questions.id').onDelete('cascade'),
      )
      .addColumn('promoted_by', 'text', (c) => c.references('people.id').onDelete('set null'))
      .addColumn('promoted_at', 'text', (c) => c.notNull())
      .execute();
  },
};
