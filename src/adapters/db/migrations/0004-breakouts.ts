import type { Kysely, Migration } from 'kysely';

/**
 * Breakout rooms: an edition's plan (its settings, status and score), the rooms of each
 * breakout-round session and who sits in them, the pairs kept apart and who misses a round.
 * Every row that names a person goes with their account (ON DELETE CASCADE); a room whose
 * rapporteur or a plan whose publisher deleted their account keeps going without the name.
 */
export const breakoutsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('breakout_plans')
      .addColumn('edition_id', 'text', (c) =>
        c.primaryKey().references('editions.id').onDelete('cascade'),
      )
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('room_size_min', 'integer', (c) => c.notNull())
      .addColumn('room_size_max', 'integer', (c) => c.notNull())
      .addColumn('seed', 'integer', (c) => c.notNull())
      // JSON of the allocator's score of the rooms as they are now; null before the first plan.
      .addColumn('score', 'text')
      .addColumn('planned_at', 'text')
      .addColumn('published_by', 'text', (c) => c.references('people.id').onDelete('set null'))
      .addColumn('published_at', 'text')
      .execute();

    // One meeting link for a whole round, for tools that split a meeting into rooms themselves.
    await db.schema
      .createTable('breakout_round_links')
      .addColumn('session_id', 'text', (c) =>
        c.primaryKey().references('sessions.id').onDelete('cascade'),
      )
      .addColumn('meeting_url', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('breakout_rooms')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('edition_id', 'text', (c) =>
        c.notNull().references('editions.id').onDelete('cascade'),
      )
      .addColumn('session_id', 'text', (c) =>
        c.notNull().references('sessions.id').onDelete('cascade'),
      )
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('video_url', 'text', (c) => c.notNull())
      .addColumn('locked', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('rapporteur_id', 'text', (c) => c.references('people.id').onDelete('set null'))
      .addUniqueConstraint('breakout_rooms_session_number', ['session_id', 'number'])
      .execute();
    await db.schema
      .createIndex('breakout_rooms_edition')
      .on('breakout_rooms')
      .column('edition_id')
      .execute();

    // The primary key keeps each person in at most one room per round.
    await db.schema
      .createTable('breakout_assignments')
      .addColumn('session_id', 'text', (c) =>
        c.notNull().references('sessions.id').onDelete('cascade'),
      )
      .addColumn('person_id', 'text', (c) =>
        c.notNull().references('people.id').onDelete('cascade'),
      )
      .addColumn('room_id', 'text', (c) =>
        c.notNull().references('breakout_rooms.id').onDelete('cascade'),
      )
      .addPrimaryKeyConstraint('breakout_assignments_pk', ['session_id', 'person_id'])
      .execute();
    await db.schema
      .createIndex('breakout_assignments_room')
      .on('breakout_assignments')
      .column('room_id')
      .execute();
    await db.schema
      .createIndex('breakout_assignments_person')
      .on('breakout_assignments')
      .column('person_id')
      .execute();

    // Stored with first_id < second_id, so a pair is stored once whichever way it was chosen.
    await db.schema
      .createTable('breakout_apart_pairs')
      .addColumn('edition_id', 'text', (c) =>
        c.notNull().references('editions.id').onDelete('cascade'),
      )
      .addColumn('first_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
      .addColumn('second_id', 'text', (c) =>
        c.notNull().references('people.id').onDelete('cascade'),
      )
      .addPrimaryKeyConstraint('breakout_apart_pairs_pk', ['edition_id', 'first_id', 'second_id'])
      .execute();

    await db.schema
      .createTable('breakout_absences')
      .addColumn('session_id', 'text', (c) =>
        c.notNull().references('sessions.id').onDelete('cascade'),
      )
      .addColumn('person_id', 'text', (c) =>
        c.notNull().references('people.id').onDelete('cascade'),
      )
      .addPrimaryKeyConstraint('breakout_absences_pk', ['session_id', 'person_id'])
      .execute();
  },
};
