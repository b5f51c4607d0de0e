import type { Kysely } from 'kysely';
import type { AuditEntry, AuditStore } from '../../app/ports.ts';
import type { Database } from './schema.ts';

/** All SQL about the audit log. */
export class AuditRepository implements AuditStore {
  constructor(private readonly db: Kysely<Database>) {}

  async append(entry: AuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        id: entry.id,
        at: entry.at,
        actor_person_id: entry.actorPersonId,
        actor_label: entry.actorLabel,
        edition_id: entry.editionId,
        action: entry.action,
        summary: entry.summary,
      })
      .execute();
  }

  async listForEdition(editionId: string, limit: number): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('edition_id', '=', editionId)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      actorPersonId: row.actor_person_id,
      actorLabel: row.actor_label,
      editionId: row.edition_id,
      action: row.action,
      summary: row.summary,
    }));
  }

  async anonymiseActor(personId: string, label: string): Promise<void> {
    await this.db
      .updateTable('audit_log')
      .set({ actor_label: label, actor_person_id: null })
      .where('actor_person_id', '=', personId)
      .execute();
  }
}
