import type { Kysely, Migration } from 'kysely';

/**
 * A revision counter on breakout plans (see below), and notes taken during the convening, kept for the write-ups: one set per breakout room (by its
 * rapporteur or an organizer), in sections that guide the writer. A note outlives its room: a
 * room dissolved by re-planning leaves its notes with the round and the room's name.
 * `version` counts saves, so two people editing the same notes cannot overwrite each other
 * silently: a save names the version it started from.
 */
export const notesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    // Counts changes to an edition's breakout rooms, so that two organizers changing them at
    // once cannot both succeed on what they read, and nobody publishes rooms they have not seen.
    await db.schema
      .alterTable('breakout_plans')
      .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createTable('notes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('edition_id', 'text', (c) =>
        c.notNull().references('editions.id').onDelete('cascade'),
      )
      .addColumn('session_id', 'text', (c) =>
        c.notNull().references('sessions.id').onDelete('cascade'),
      )
      .addColumn('breakout_room_id', 'text', (c) =>
        c.references('breakout_rooms.id').onDelete('set null'),
      )
      // The room's name when the notes were written ('' for notes about the session itself).
      .addColumn('room_name', 'text', (c) => c.notNull())
      .addColumn('key_points', 'text', (c) => c.notNull())
      .addColumn('struggles', 'text', (c) => c.notNull())
      .addColumn('ideas', 'text', (c) => c.notNull())
      .addColumn('takeaways', 'text', (c) => c.notNull())
      .addColumn('quotes', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.references('people.id').onDelete('set null'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // One set of notes per room; NULL (a dissolved room) may repeat.
    await db.schema
      .createIndex('notes_breakout_room')
      .on('notes')
      .column('breakout_room_id')
      .unique()
      .execute();
    await db.schema.createIndex('notes_session').on('notes').column('session_id').execute();
  },
};
