import type { Kysely, Selectable } from 'kysely';
import type { FollowUpGroupStore } from '../../app/ports.ts';
import type { FollowUpGrouping } from '../../domain/follow-up-groups/follow-up-groups.ts';
import type { Registration } from '../../domain/registration/registration.ts';
import { toRegistration } from './registration.repository.ts';
import type { Database, FollowUpGroupingsTable } from './schema.ts';

/** All SQL about follow-up groups: the groupings per edition and theme, groups and members. */
export class FollowUpGroupRepository implements FollowUpGroupStore {
  constructor(private readonly db: Kysely<Database>) {}

  async listRegistrations(editionId: string): Promise<Registration[]> {
    const rows = await this.db
      .selectFrom('registrations')
      .selectAll()
      .where('edition_id', '=', editionId)
      .orderBy('person_id')
      .execute();
    return rows.map(toRegistration);
  }

  /** The groupings of these rows, each with its groups (by number) and members. */
  private async assemble(rows: Selectable<FollowUpGroupingsTable>[]): Promise<FollowUpGrouping[]> {
    if (rows.length === 0) return [];
    const groups = await this.db
      .selectFrom('follow_up_groups')
      .selectAll()
      .where(
        'grouping_id',
        'in',
        rows.map((row) => row.id),
      )
      .orderBy('number')
      .execute();
    const members =
      groups.length === 0
        ? []
        : await this.db
            .selectFrom('follow_up_group_members')
            .selectAll()
            .where(
              'group_id',
              'in',
              groups.map((group) => group.id),
            )
            .orderBy('person_id')
            .execute();
    return rows.map((row) => ({
      id: row.id,
      editionId: row.edition_id,
      themeId: row.theme_id,
      minSize: Number(row.min_size),
      maxSize: Number(row.max_size),
      status: row.status === 'sent' ? 'sent' : 'draft',
      formedBy: row.formed_by,
      formedAt: row.formed_at,
      batchId: row.batch_id,
      sentAt: row.sent_at,
      groups: groups
        .filter((group) => group.grouping_id === row.id)
        .map((group) => ({
          id: group.id,
          number: Number(group.number),
          suggestedStart: group.suggested_start,
          memberIds: members.filter((m) => m.group_id === group.id).map((m) => m.person_id),
        })),
    }));
  }

  async findGrouping(editionId: string, themeId: string): Promise<FollowUpGrouping | null> {
    const rows = await this.db
      .selectFrom('follow_up_groupings')
      .selectAll()
      .where('edition_id', '=', editionId)
      .where('theme_id', '=', themeId)
      .execute();
    return (await this.assemble(rows))[0] ?? null;
  }

  async listGroupings(editionId: string): Promise<FollowUpGrouping[]> {
    const rows = await this.db
      .selectFrom('follow_up_groupings')
      .selectAll()
      .where('edition_id', '=', editionId)
      .orderBy('formed_at')
      .orderBy('id')
      .execute();
    return this.assemble(rows);
  }

  async saveDraft(grouping: FollowUpGrouping): Promise<boolean> {
    const existing = await this.db
      .selectFrom('follow_up_groupings')
      .select(['id', 'status'])
      .where('edition_id', '=', grouping.editionId)
      .where('theme_id', '=', grouping.themeId)
      .executeTakeFirst();
    if (existing?.status === 'sent') return false;
    if (existing) {
      // Members go with their groups; the grouping row is replaced by the new one.
      await this.db
        .deleteFrom('follow_up_group_members')
        .where('group_id', 'in', (eb) =>
          eb.selectFrom('follow_up_groups').select('id').where('grouping_id', '=', existing.id),
        )
        .execute();
      await this.db.deleteFrom('follow_up_groups').where('grouping_id', '=', existing.id).execute();
      // Only a draft is replaced: a grouping sent meanwhile is kept.
      const removed = await this.db
        .deleteFrom('follow_up_groupings')
        .where('id', '=', existing.id)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      if (Number(removed.numDeletedRows) === 0) return false;
    }
    await this.db
      .insertInto('follow_up_groupings')
      .values({
        id: grouping.id,
        edition_id: grouping.editionId,
        theme_id: grouping.themeId,
        min_size: grouping.minSize,
        max_size: grouping.maxSize,
        status: 'draft',
        formed_by: grouping.formedBy,
        formed_at: grouping.formedAt,
        batch_id: null,
        sent_at: null,
      })
      .execute();
    for (const group of grouping.groups) {
      await this.db
        .insertInto('follow_up_groups')
        .values({
          id: group.id,
          grouping_id: grouping.id,
          number: group.number,
          suggested_start: group.suggestedStart,
        })
        .execute();
      if (group.memberIds.length > 0)
        await this.db
          .insertInto('follow_up_group_members')
          .values(group.memberIds.map((personId) => ({ group_id: group.id, person_id: personId })))
          .execute();
    }
    return true;
  }

  async markSent(groupingId: string, batchId: string, sentAt: string): Promise<boolean> {
    const result = await this.db
      .updateTable('follow_up_groupings')
      .set({ status: 'sent', batch_id: batchId, sent_at: sentAt })
      .where('id', '=', groupingId)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async findGroupOfMember(
    batchId: string,
    personId: string,
  ): Promise<{ grouping: FollowUpGrouping; groupId: string } | null> {
    const row = await this.db
      .selectFrom('follow_up_groupings')
      .innerJoin('follow_up_groups', 'follow_up_groups.grouping_id', 'follow_up_groupings.id')
      .innerJoin(
        'follow_up_group_members',
        'follow_up_group_members.group_id',
        'follow_up_groups.id',
      )
      .selectAll('follow_up_groupings')
      .select('follow_up_groups.id as group_id')
      .where('follow_up_groupings.batch_id', '=', batchId)
      .where('follow_up_group_members.person_id', '=', personId)
      .executeTakeFirst();
    if (!row) return null;
    const { group_id: groupId, ...grouping } = row;
    const [assembled] = await this.assemble([grouping]);
    return assembled ? { grouping: assembled, groupId } : null;
  }

  async listGroupingsOf(personId: string): Promise<FollowUpGrouping[]> {
    const rows = await this.db
      .selectFrom('follow_up_groupings')
      .selectAll()
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('follow_up_groups')
          .innerJoin(
            'follow_up_group_members',
            'follow_up_group_members.group_id',
            'follow_up_groups.id',
          )
          .select('follow_up_groups.grouping_id')
          .where('follow_up_group_members.person_id', '=', personId),
      )
      .orderBy('formed_at')
      .orderBy('id')
      .execute();
    return this.assemble(rows);
  }

  async forgetPerson(personId: string): Promise<void> {
    await this.db.deleteFrom('follow_up_group_members').where('person_id', '=', personId).execute();
    await this.db
      .updateTable('follow_up_groupings')
      .set({ formed_by: null })
      .where('formed_by', '=', personId)
      .execute();
  }
}
