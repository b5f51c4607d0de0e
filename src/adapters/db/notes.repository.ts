import type { Kysely, Selectable } from 'kysely';
import type { NotesStore } from '../../app/ports.ts';
import type { Notes } from '../../domain/notes/notes.ts';
import type { Database, NotesTable } from './schema.ts';

function toNotes(row: Selectable<NotesTable>): Notes {
  return {
    id: row.id,
    editionId: row.edition_id,
    sessionId: row.session_id,
    breakoutRoomId: row.breakout_room_id,
    kind: row.kind === 'session' ? 'session' : 'breakout-room',
    roomName: row.room_name,
    sections: {
      keyPoints: row.key_points,
      struggles: row.struggles,
      ideas: row.ideas,
      takeaways: row.takeaways,
      quotes: row.quotes,
    },
    version: Number(row.version),
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

/** All SQL about notes kept for the write-ups. */
export class NotesRepository implements NotesStore {
  constructor(private readonly db: Kysely<Database>) {}

  async findRoomNotes(roomId: string): Promise<Notes | null> {
    const row = await this.db
      .selectFrom('notes')
      .selectAll()
      .where('breakout_room_id', '=', roomId)
      .executeTakeFirst();
    return row ? toNotes(row) : null;
  }

  async findSessionNotes(sessionId: string): Promise<Notes | null> {
    const row = await this.db
      .selectFrom('notes')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('kind', '=', 'session')
      .executeTakeFirst();
    return row ? toNotes(row) : null;
  }

  async findNotes(id: string): Promise<Notes | null> {
    const row = await this.db
      .selectFrom('notes')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toNotes(row) : null;
  }

  async listEditionNotes(editionId: string): Promise<Notes[]> {
    const rows = await this.db
      .selectFrom('notes')
      .selectAll()
      .where('edition_id', '=', editionId)
      .orderBy('session_id')
      .orderBy('room_name')
      .orderBy('id')
      .execute();
    return rows.map(toNotes);
  }

  async saveNotesIfUnchanged(notes: Notes): Promise<boolean> {
    const values = {
      room_name: notes.roomName,
      key_points: notes.sections.keyPoints,
      struggles: notes.sections.struggles,
      ideas: notes.sections.ideas,
      takeaways: notes.sections.takeaways,
      quotes: notes.sections.quotes,
      version: notes.version,
      updated_by: notes.updatedBy,
      updated_at: notes.updatedAt,
    };
    if (notes.version === 1) {
      // The unique index on the room turns a second writer's first save into no row.
      const inserted = await this.db
        .insertInto('notes')
        .values({
          id: notes.id,
          edition_id: notes.editionId,
          session_id: notes.sessionId,
          breakout_room_id: notes.breakoutRoomId,
          kind: notes.kind,
          ...values,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
    }
    const updated = await this.db
      .updateTable('notes')
      .set(values)
      .where('id', '=', notes.id)
      .where('version', '=', notes.version - 1)
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  }

  async listNotesSavedBy(personId: string): Promise<Notes[]> {
    const rows = await this.db
      .selectFrom('notes')
      .selectAll()
      .where('updated_by', '=', personId)
      .orderBy('updated_at')
      .execute();
    return rows.map(toNotes);
  }
}
