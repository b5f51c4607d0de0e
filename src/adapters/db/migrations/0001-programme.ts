import type { Kysely, Migration } from 'kysely';

/** Editions, their days, themes and sessions; governments and people; who is invited. */
export const programmeMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('governments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('country', 'text', (c) => c.notNull())
      .addColumn('team_name', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('people')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('government_id', 'text', (c) =>
        c.references('governments.id').onDelete('set null'),
      )
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('maturity', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('editions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('hosts', 'text', (c) => c.notNull())
      .addColumn('home_time_zone', 'text', (c) => c.notNull())
      .addColumn('start_date', 'text', (c) => c.notNull())
      .addColumn('end_date', 'text', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('location', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('daytime_start_hour', 'integer', (c) => c.notNull())
      .addColumn('daytime_end_hour', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('days')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('edition_id', 'text', (c) =>
        c.notNull().references('editions.id').onDelete('cascade'),
      )
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('theme_label', 'text', (c) => c.notNull())
      .addColumn('guiding_question', 'text', (c) => c.notNull())
      .addUniqueConstraint('days_edition_date_unique', ['edition_id', 'date'])
      .execute();
    await db.schema
      .createTable('themes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('edition_id', 'text', (c) =>
        c.notNull().references('editions.id').onDelete('cascade'),
      )
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addUniqueConstraint('themes_edition_name_unique', ['edition_id', 'name'])
      .execute();
    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('edition_id', 'text', (c) =>
        c.notNull().references('editions.id').onDelete('cascade'),
      )
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('starts_at', 'text', (c) => c.notNull())
      .addColumn('ends_at', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('video_url', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('sessions_edition_start')
      .on('sessions')
      .columns(['edition_id', 'starts_at'])
      .execute();
    await db.schema
      .createTable('session_contributors')
      .addColumn('session_id', 'text', (c) =>
        c.notNull().references('sessions.id').onDelete('cascade'),
      )
      .addColumn('person_id', 'text', (c) =>
        c.notNull().references('people.id').onDelete('cascade'),
      )
      .addColumn('part', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('session_contributors_pk', ['session_id', 'person_id', 'part'])
      .execute();
    await db.schema
      .createTable('session_themes')
      .addColumn('session_id', 'text', (c) =>
        c.notNull().references('sessions.id').onDelete('cascade'),
      )
      .addColumn('theme_id', 'text', (c) => c.notNull().references('themes.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('session_themes_pk', ['session_id', 'theme_id'])
      .execute();
    await db.schema
      .createTable('edition_invitees')
      .addColumn('edition_id', 'text', (c) =>
        c.notNull().references('editions.id').onDelete('cascade'),
      )
      .addColumn('person_id', 'text', (c) =>
        c.notNull().references('people.id').onDelete('cascade'),
      )
      .addColumn('invited_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('edition_invitees_pk', ['edition_id', 'person_id'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of [
      'edition_invitees',
      'session_themes',
      'session_contributors',
      'sessions',
      'themes',
      'days',
      'editions',
      'people',
      'governments',
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
