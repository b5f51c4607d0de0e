import type { Kysely, Selectable } from 'kysely';
import type { ReportStore } from '../../app/ports.ts';
import type { EditionReport, ReportStatus } from '../../domain/writeups/report.ts';
import type { Database, EditionReportsTable } from './schema.ts';

function toReport(row: Selectable<EditionReportsTable>): EditionReport {
  return {
    editionId: row.edition_id,
    body: row.body,
    status: row.status as ReportStatus,
    version: Number(row.version),
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
  };
}

/** All SQL about editions' "themes and takeaways" reports. */
export class ReportRepository implements ReportStore {
  constructor(private readonly db: Kysely<Database>) {}

  async findReport(editionId: string): Promise<EditionReport | null> {
    const row = await this.db
      .selectFrom('edition_reports')
      .selectAll()
      .where('edition_id', '=', editionId)
      .executeTakeFirst();
    return row ? toReport(row) : null;
  }

  async saveReportIfUnchanged(report: EditionReport): Promise<boolean> {
    const values = {
      body: report.body,
      status: report.status,
      version: report.version,
      updated_by: report.updatedBy,
      updated_at: report.updatedAt,
      published_at: report.publishedAt,
    };
    if (report.version === 1) {
      const result = await this.db
        .insertInto('edition_reports')
        .values({ edition_id: report.editionId, ...values })
        .onConflict((oc) => oc.column('edition_id').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    }
    const result = await this.db
      .updateTable('edition_reports')
      .set(values)
      .where('edition_id', '=', report.editionId)
      .where('version', '=', report.version - 1)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
