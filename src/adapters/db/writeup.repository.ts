import type { Kysely, Selectable } from 'kysely';
import type { WriteupComment, WriteupStore } from '../../app/ports.ts';
import {
  isAttributionRule,
  WRITEUP_STATUSES,
  type AttributionRule,
  type Writeup,
  type WriteupStatus,
} from '../../domain/writeups/writeup.ts';
import type { Database, WriteupCommentsTable, WriteupsTable } from './schema.ts';

function toWriteup(row: Selectable<WriteupsTable>): Writeup {
  return {
    id: row.id,
    editionId: row.edition_id,
    sessionId: row.session_id,
    title: row.title,
    summary: row.summary,
    body: row.body,
    status: (WRITEUP_STATUSES as readonly string[]).includes(row.status)
      ? (row.status as WriteupStatus)
      : 'draft',
    version: Number(row.version),
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
    firstPublishedAt: row.first_published_at,
    publishedAt: row.published_at,
  };
}

function toComment(row: Selectable<WriteupCommentsTable>): WriteupComment {
  return {
    id: row.id,
    writeupId: row.writeup_id,
    personId: row.person_id,
    body: row.body,
    hidden: Number(row.hidden) === 1,
    createdAt: row.created_at,
  };
}

/** All SQL about write-ups, attribution rules and comments. */
export class WriteupRepository implements WriteupStore {
  constructor(private readonly db: Kysely<Database>) {}

  async findAttribution(sessionId: string): Promise<AttributionRule> {
    const row = await this.db
      .selectFrom('session_attribution')
      .select('rule')
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    return row && isAttributionRule(row.rule) ? row.rule : 'attributable';
  }

  async listAttributions(editionId: string): Promise<Map<string, AttributionRule>> {
    const rows = await this.db
      .selectFrom('session_attribution')
      .innerJoin('sessions', 'sessions.id', 'session_attribution.session_id')
      .select(['session_attribution.session_id', 'session_attribution.rule'])
      .where('sessions.edition_id', '=', editionId)
      .execute();
    return new Map(
      rows.flatMap((row) => (isAttributionRule(row.rule) ? [[row.session_id, row.rule]] : [])),
    );
  }

  async setAttribution(sessionId: string, rule: AttributionRule): Promise<void> {
    await this.db
      .insertInto('session_attribution')
      .values({ session_id: sessionId, rule })
      .onConflict((oc) => oc.column('session_id').doUpdateSet({ rule }))
      .execute();
  }

  async findWriteup(sessionId: string): Promise<Writeup | null> {
    const row = await this.db
      .selectFrom('writeups')
      .selectAll()
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    return row ? toWriteup(row) : null;
  }

  async listWriteups(editionId: string): Promise<Writeup[]> {
    const rows = await this.db
      .selectFrom('writeups')
      .selectAll()
      .where('edition_id', '=', editionId)
      .orderBy('session_id')
      .execute();
    return rows.map(toWriteup);
  }

  async saveWriteupIfUnchanged(writeup: Writeup): Promise<boolean> {
    const values = {
      title: writeup.title,
      summary: writeup.summary,
      body: writeup.body,
      status: writeup.status,
      version: writeup.version,
      updated_by: writeup.updatedBy,
      updated_at: writeup.updatedAt,
      first_published_at: writeup.firstPublishedAt,
      published_at: writeup.publishedAt,
    };
    if (writeup.version === 1) {
      const inserted = await this.db
        .insertInto('writeups')
        .values({
          id: writeup.id,
          edition_id: writeup.editionId,
          session_id: writeup.sessionId,
          ...values,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
    }
    const updated = await this.db
      .updateTable('writeups')
      .set(values)
      .where('id', '=', writeup.id)
      .where('version', '=', writeup.version - 1)
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  }

  async addComment(comment: WriteupComment): Promise<void> {
    await this.db
      .insertInto('writeup_comments')
      .values({
        id: comment.id,
        writeup_id: comment.writeupId,
        person_id: comment.personId,
        body: comment.body,
        hidden: comment.hidden ? 1 : 0,
        created_at: comment.createdAt,
      })
      .execute();
  }

  async findComment(id: string): Promise<WriteupComment | null> {
    const row = await this.db
      .selectFrom('writeup_comments')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toComment(row) : null;
  }

  async listComments(writeupId: string): Promise<WriteupComment[]> {
    const rows = await this.db
      .selectFrom('writeup_comments')
      .selectAll()
      .where('writeup_id', '=', writeupId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toComment);
  }

  async setCommentHidden(id: string, hidden: boolean): Promise<void> {
    await this.db
      .updateTable('writeup_comments')
      .set({ hidden: hidden ? 1 : 0 })
      .where('id', '=', id)
      .execute();
  }

  async listCommentsBy(personId: string): Promise<(WriteupComment & { sessionId: string })[]> {
    const rows = await this.db
      .selectFrom('writeup_comments')
      .innerJoin('writeups', 'writeups.id', 'writeup_comments.writeup_id')
      .selectAll('writeup_comments')
      .select('writeups.session_id')
      .where('writeup_comments.person_id', '=', personId)
      .orderBy('writeup_comments.created_at')
      .orderBy('writeup_comments.id')
      .execute();
    return rows.map((row) => ({ ...toComment(row), sessionId: row.session_id }));
  }

  async deleteCommentsOf(personId: string): Promise<void> {
    await this.db.deleteFrom('writeup_comments').where('person_id', '=', personId).execute();
  }
}
