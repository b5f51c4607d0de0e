import type { Kysely, Migration } from 'kysely';

/**
 * Session rooms: one ordered log of events per room (the source of truth for live delivery
 * and resuming), with the current state of its chat, questions, votes, mutes, reactions and
 * every join and leave. Everything a person wrote or did goes when their account does.
 */
export const liveRoomsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('live_rooms')
      .addColumn('session_id', 'text', (c) =>
        c.primaryKey().references('sessions.id').onDelete('cascade'),
      )
      // The newest event's number: raising it locks the room's row until the event is committed,
      // so events become visible in the order of their numbers.
      .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('queue_enabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('asking_locked', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('pinned_question_id', 'text')
      .addColumn('ended_at', 'text')
      .addColumn('opened_at', 'text')
      .execute();

    await db.schema
      .createTable('room_events')
      .addColumn('session_id', 'text', (c) =>
        c.notNull().references('sessions.id').onDelete('cascade'),
      )
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('audience', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.references('people.id').onDelete('cascade'))
      .addColumn('payload', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('room_events_pk', ['session_id', 'seq'])
      .execute();
    await db.schema.createIndex('room_events_actor').on('room_events').column('actor_id').execute();

    await db.schema
      .createTable('room_messages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('session_id', 'text', (c) =>
        c.notNull().references('sessions.id').onDelete('cascade'),
      )
      .addColumn('author_id', 'text', (c) =>
        c.notNull().references('people.id').onDelete('cascade'),
      )
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('reply_to_id', 'text')
      .addColumn('posted_at', 'text', (c) => c.notNull())
      .addColumn('hidden_at', 'text')
      .addColumn('hidden_by', 'text', (c) => c.references('people.id').onDelete('set null'))
      .execute();
    await db.schema
      .createIndex('room_messages_session_seq')
      .on('room_messages')
      .columns(['session_id', 'seq'])
      .execute();

    await db.schema
      .createTable('room_questions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('session_id', 'text', (c) =>
        c.notNull().references('sessions.id').onDelete('cascade'),
      )
      .addColumn('asker_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('anonymous', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('asked_at', 'text', (c) => c.notNull())
      .addColumn('status_changed_at', 'text')
      .execute();
    await db.schema
      .createIndex('room_questions_session')
      .on('room_questions')
      .columns(['session_id', 'seq'])
      .execute();

    await db.schema
      .createTable('room_question_votes')
      .addColumn('question_id', 'text', (c) =>
        c.notNull().references('room_questions.id').onDelete('cascade'),
      )
      .addColumn('person_id', 'text', (c) =>
        c.notNull().references('people.id').onDelete('cascade'),
      )
      .addColumn('voted_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('room_question_votes_pk', ['question_id', 'person_id'])
      .execute();

    await db.schema
      .createTable('room_mutes')
      .addColumn('session_id', 'text', (c) =>
        c.notNull().references('sessions.id').onDelete('cascade'),
      )
      .addColumn('person_id', 'text', (c) =>
        c.notNull().references('people.id').onDelete('cascade'),
      )
      .addColumn('muted_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('room_mutes_pk', ['session_id', 'person_id'])
      .execute();

    await db.schema
      .createTable('room_reactions')
      .addColumn('session_id', 'text', (c) =>
        c.notNull().references('sessions.id').onDelete('cascade'),
      )
      .addColumn('person_id', 'text', (c) =>
        c.notNull().references('people.id').onDelete('cascade'),
      )
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('room_reactions_session')
      .on('room_reactions')
      .column('session_id')
      .execute();

    // Every join and leave, per connection: attendance per session and government is counted from it.
    await db.schema
      .createTable('room_presence')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('session_id', 'text', (c) =>
        c.notNull().references('sessions.id').onDelete('cascade'),
      )
      .addColumn('person_id', 'text', (c) =>
        c.notNull().references('people.id').onDelete('cascade'),
      )
      .addColumn('node_id', 'text', (c) => c.notNull())
      .addColumn('joined_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('left_at', 'text')
      .execute();
    await db.schema
      .createIndex('room_presence_session_open')
      .on('room_presence')
      .columns(['session_id', 'left_at'])
      .execute();
    await db.schema
      .createIndex('room_presence_node')
      .on('room_presence')
      .columns(['node_id', 'left_at'])
      .execute();
  },
};
