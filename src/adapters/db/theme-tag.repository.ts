import type { Kysely, Selectable } from 'kysely';
import type { ThemeTagStore } from '../../app/ports.ts';
import type { ThemeSubjectKind, ThemeTag } from '../../domain/themes/theme-tags.ts';
import type { Database, ThemeTagsTable } from './schema.ts';

function toTag(row: Selectable<ThemeTagsTable>): ThemeTag {
  return {
    editionId: row.edition_id,
    subjectKind: row.subject_kind as ThemeSubjectKind,
    subjectId: row.subject_id,
    themeId: row.theme_id,
    taggedBy: row.tagged_by,
    taggedAt: row.tagged_at,
  };
}

/** All SQL about the themes confirmed for what people said and wrote. */
export class ThemeTagRepository implements ThemeTagStore {
  constructor(private readonly db: Kysely<Database>) {}

  async addTag(tag: ThemeTag): Promise<boolean> {
    const result = await this.db
      .insertInto('theme_tags')
      .values({
        edition_id: tag.editionId,
        subject_kind: tag.subjectKind,
        subject_id: tag.subjectId,
        theme_id: tag.themeId,
        tagged_by: tag.taggedBy,
        tagged_at: tag.taggedAt,
      })
      .onConflict((oc) => oc.columns(['subject_kind', 'subject_id', 'theme_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async removeTag(kind: ThemeSubjectKind, subjectId: string, themeId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('theme_tags')
      .where('subject_kind', '=', kind)
      .where('subject_id', '=', subjectId)
      .where('theme_id', '=', themeId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async listTagsOf(kind: ThemeSubjectKind, subjectIds: string[]): Promise<ThemeTag[]> {
    if (subjectIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('theme_tags')
      .selectAll()
      .where('subject_kind', '=', kind)
      .where('subject_id', 'in', subjectIds)
      .orderBy('tagged_at')
      .orderBy('theme_id')
      .execute();
    return rows.map(toTag);
  }

  async listTagged(editionId: string, themeId: string): Promise<ThemeTag[]> {
    const rows = await this.db
      .selectFrom('theme_tags')
      .selectAll()
      .where('edition_id', '=', editionId)
      .where('theme_id', '=', themeId)
      .orderBy('tagged_at')
      .orderBy('subject_id')
      .execute();
    return rows.map(toTag);
  }

  async forgetSubjectsOf(personId: string): Promise<void> {
    await this.db
      .deleteFrom('theme_tags')
      .where((eb) =>
        eb.or([
          eb.and([
            eb('subject_kind', '=', 'message'),
            eb(
              'subject_id',
              'in',
              eb.selectFrom('room_messages').select('id').where('author_id', '=', personId),
            ),
          ]),
          eb.and([
            eb('subject_kind', '=', 'question'),
            eb(
              'subject_id',
              'in',
              eb.selectFrom('room_questions').select('id').where('asker_id', '=', personId),
            ),
          ]),
        ]),
      )
      .execute();
  }
}
