import type { Kysely, Selectable } from 'kysely';
import type { MailBatch, MailQueueLifecycle, MailQueueStore, QueuedMail } from '../../app/ports.ts';
import {
  onceScopeOf,
  type MailKind,
  type MailStatus,
} from '../../domain/invitations/invitation-progress.ts';
import type { Database, MailBatchesTable, OutgoingMailTable } from './schema.ts';

/** Rows per INSERT: well under SQLite's limit of bound values (11 columns each). */
const INSERT_CHUNK = 500;

function toBatch(row: Selectable<MailBatchesTable>): MailBatch {
  return {
    id: row.id,
    editionId: row.edition_id,
    kind: row.kind as MailKind,
    requestedBy: row.requested_by,
    createdAt: row.created_at,
  };
}

export function toQueuedMail(row: Selectable<OutgoingMailTable>): QueuedMail {
  return {
    id: row.id,
    batchId: row.batch_id,
    editionId: row.edition_id,
    personId: row.person_id,
    kind: row.kind as MailKind,
    status: row.status as MailStatus,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    sentAt: row.sent_at,
    createdAt: row.created_at,
  };
}

/**
 * All SQL about the outgoing mail queue. Every change of status is one conditional UPDATE,
 * so workers in one process or in many never take the same email.
 */
export class MailRepository implements Omit<MailQueueStore, keyof MailQueueLifecycle<QueuedMail>> {
  constructor(private readonly db: Kysely<Database>) {}

  async insertBatch(batch: MailBatch): Promise<void> {
    await this.db
      .insertInto('mail_batches')
      .values({
        id: batch.id,
        edition_id: batch.editionId,
        kind: batch.kind,
        requested_by: batch.requestedBy,
        created_at: batch.createdAt,
      })
      .execute();
  }

  async deleteBatch(id: string): Promise<void> {
    await this.db.deleteFrom('mail_batches').where('id', '=', id).execute();
  }

  async findBatch(id: string): Promise<MailBatch | null> {
    const row = await this.db
      .selectFrom('mail_batches')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toBatch(row) : null;
  }

  async findLatestBatch(editionId: string, kind: MailKind): Promise<MailBatch | null> {
    const row = await this.db
      .selectFrom('mail_batches')
      .selectAll()
      .where('edition_id', '=', editionId)
      .where('kind', '=', kind)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toBatch(row) : null;
  }

  async enqueue(mail: QueuedMail[]): Promise<number> {
    let inserted = 0;
    for (let start = 0; start < mail.length; start += INSERT_CHUNK) {
      const rows = mail.slice(start, start + INSERT_CHUNK).map((m) => ({
        id: m.id,
        batch_id: m.batchId,
        edition_id: m.editionId,
        person_id: m.personId,
        kind: m.kind,
        status: m.status,
        attempts: m.attempts,
        next_attempt_at: m.nextAttemptAt,
        last_error: m.lastError,
        sent_at: m.sentAt,
        created_at: m.createdAt,
        scope: onceScopeOf(m),
      }));
      // The unique (edition, person, kind, scope) constraint decides, even against a request
      // running at the same moment: a second row for the same person is not inserted.
      const result = await this.db
        .insertInto('outgoing_mail')
        .values(rows)
        .onConflict((conflict) =>
          conflict.columns(['edition_id', 'person_id', 'kind', 'scope']).doNothing(),
        )
        .executeTakeFirst();
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return inserted;
  }

  async listForEdition(editionId: string, kind: MailKind): Promise<QueuedMail[]> {
    const rows = await this.db
      .selectFrom('outgoing_mail')
      .selectAll()
      .where('edition_id', '=', editionId)
      .where('kind', '=', kind)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toQueuedMail);
  }

  async requeueFailed(
    editionId: string,
    kind: MailKind,
    ids: string[] | null,
    now: string,
  ): Promise<number> {
    let query = this.db
      .updateTable('outgoing_mail')
      .set({ status: 'queued', attempts: 0, next_attempt_at: now, last_error: null })
      .where('edition_id', '=', editionId)
      .where('kind', '=', kind)
      .where('status', '=', 'failed');
    if (ids !== null) {
      if (ids.length === 0) return 0;
      query = query.where('id', 'in', ids);
    }
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
