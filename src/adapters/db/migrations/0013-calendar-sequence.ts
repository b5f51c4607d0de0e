import type { Kysely, Migration } from 'kysely';

/**
 * The SEQUENCE of each session's calendar event (RFC 5545 section 3.8.7.4): it goes up by one
 * whenever something a calendar shows changes (time, title, description, place), so a calendar
 * app that imports the programme again replaces the event it has instead of keeping the old one.
 */
export const calendarSequenceMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('sessions')
      .addColumn('calendar_sequence', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('sessions').dropColumn('calendar_sequence').execute();
  },
};
