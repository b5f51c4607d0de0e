import type { Kysely, Selectable } from 'kysely';
import type { ResourceComment, ResourceFilter, ResourceStore } from '../../app/ports.ts';
import {
  RESOURCE_KINDS,
  type ResourceKind,
  type SharedResource,
} from '../../domain/resources/resource.ts';
import type { Database, SharedResourceCommentsTable, SharedResourcesTable } from './schema.ts';

function toResource(row: Selectable<SharedResourcesTable>, themeIds: string[]): SharedResource {
  return {
    id: row.id,
    title: row.title,
    kind: (RESOURCE_KINDS as readonly string[]).includes(row.kind)
      ? (row.kind as ResourceKind)
      : 'other',
    url: row.url,
    description: row.description,
    governmentId: row.government_id,
    themeIds,
    sharedBy: row.shared_by,
    hidden: Number(row.hidden) === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toComment(row: Selectable<SharedResourceCommentsTable>): ResourceComment {
  return {
    id: row.id,
    resourceId: row.resource_id,
    personId: row.person_id,
    body: row.body,
    hidden: Number(row.hidden) === 1,
    createdAt: row.created_at,
  };
}

/** All SQL about shared resources, their themes and their comments. */
export class ResourceRepository implements ResourceStore {
  constructor(private readonly db: Kysely<Database>) {}

  private async themesOf(ids: string[]): Promise<Map<string, string[]>> {
    const themes = new Map<string, string[]>();
    if (ids.length === 0) return themes;
    const rows = await this.db
      .selectFrom('shared_resource_themes')
      .innerJoin('themes', 'themes.id', 'shared_resource_themes.theme_id')
      .select(['shared_resource_themes.resource_id', 'shared_resource_themes.theme_id'])
      .where('shared_resource_themes.resource_id', 'in', ids)
      .orderBy('themes.name')
      .execute();
    for (const row of rows) {
      const list = themes.get(row.resource_id) ?? [];
      list.push(row.theme_id);
      themes.set(row.resource_id, list);
    }
    return themes;
  }

  private async withThemes(rows: Selectable<SharedResourcesTable>[]): Promise<SharedResource[]> {
    const themes = await this.themesOf(rows.map((row) => row.id));
    return rows.map((row) => toResource(row, themes.get(row.id) ?? []));
  }

  private async replaceThemes(resourceId: string, themeIds: string[]): Promise<void> {
    await this.db
      .deleteFrom('shared_resource_themes')
      .where('resource_id', '=', resourceId)
      .execute();
    if (themeIds.length > 0)
      await this.db
        .insertInto('shared_resource_themes')
        .values(themeIds.map((themeId) => ({ resource_id: resourceId, theme_id: themeId })))
        .execute();
  }

  async insertResource(resource: SharedResource): Promise<void> {
    await this.db
      .insertInto('shared_resources')
      .values({
        id: resource.id,
        title: resource.title,
        kind: resource.kind,
        url: resource.url,
        description: resource.description,
        government_id: resource.governmentId,
        shared_by: resource.sharedBy,
        hidden: resource.hidden ? 1 : 0,
        created_at: resource.createdAt,
        updated_at: resource.updatedAt,
      })
      .execute();
    await this.replaceThemes(resource.id, resource.themeIds);
  }

  async updateResource(resource: SharedResource): Promise<void> {
    await this.db
      .updateTable('shared_resources')
      .set({
        title: resource.title,
        kind: resource.kind,
        url: resource.url,
        description: resource.description,
        government_id: resource.governmentId,
        updated_at: resource.updatedAt,
      })
      .where('id', '=', resource.id)
      .execute();
    await this.replaceThemes(resource.id, resource.themeIds);
  }

  async deleteResource(id: string): Promise<void> {
    await this.db.deleteFrom('shared_resource_comments').where('resource_id', '=', id).execute();
    await this.db.deleteFrom('shared_resource_themes').where('resource_id', '=', id).execute();
    await this.db.deleteFrom('shared_resources').where('id', '=', id).execute();
  }

  async findResource(id: string): Promise<SharedResource | null> {
    const row = await this.db
      .selectFrom('shared_resources')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? ((await this.withThemes([row]))[0] ?? null) : null;
  }

  async listResources(
    filter: ResourceFilter,
    page: { offset: number; limit: number },
  ): Promise<{ resources: SharedResource[]; total: number }> {
    let query = this.db.selectFrom('shared_resources');
    if (!filter.includeHidden)
      query = query.where((eb) =>
        eb.or([eb('hidden', '=', 0), eb('shared_by', '=', filter.viewerId)]),
      );
    if (filter.governmentId) query = query.where('government_id', '=', filter.governmentId);
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    if (filter.themeIds) {
      const themeIds = filter.themeIds;
      if (themeIds.length === 0) return { resources: [], total: 0 };
      query = query.where('id', 'in', (eb) =>
        eb
          .selectFrom('shared_resource_themes')
          .select('resource_id')
          .where('theme_id', 'in', themeIds),
      );
    }
    const counted = await query
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirst();
    const rows = await query
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return { resources: await this.withThemes(rows), total: Number(counted?.n ?? 0) };
  }

  async setResourceHidden(id: string, hidden: boolean): Promise<void> {
    await this.db
      .updateTable('shared_resources')
      .set({ hidden: hidden ? 1 : 0 })
      .where('id', '=', id)
      .execute();
  }

  async addComment(comment: ResourceComment): Promise<void> {
    await this.db
      .insertInto('shared_resource_comments')
      .values({
        id: comment.id,
        resource_id: comment.resourceId,
        person_id: comment.personId,
        body: comment.body,
        hidden: comment.hidden ? 1 : 0,
        created_at: comment.createdAt,
      })
      .execute();
  }

  async findComment(id: string): Promise<ResourceComment | null> {
    const row = await this.db
      .selectFrom('shared_resource_comments')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toComment(row) : null;
  }

  async listComments(resourceId: string): Promise<ResourceComment[]> {
    const rows = await this.db
      .selectFrom('shared_resource_comments')
      .selectAll()
      .where('resource_id', '=', resourceId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toComment);
  }

  async setCommentHidden(id: string, hidden: boolean): Promise<void> {
    await this.db
      .updateTable('shared_resource_comments')
      .set({ hidden: hidden ? 1 : 0 })
      .where('id', '=', id)
      .execute();
  }

  async listResourcesBy(personId: string): Promise<SharedResource[]> {
    const rows = await this.db
      .selectFrom('shared_resources')
      .selectAll()
      .where('shared_by', '=', personId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return this.withThemes(rows);
  }

  async listCommentsBy(personId: string): Promise<(ResourceComment & { resourceTitle: string })[]> {
    const rows = await this.db
      .selectFrom('shared_resource_comments')
      .innerJoin('shared_resources', 'shared_resources.id', 'shared_resource_comments.resource_id')
      .selectAll('shared_resource_comments')
      .select('shared_resources.title as resource_title')
      .where('shared_resource_comments.person_id', '=', personId)
      .orderBy('shared_resource_comments.created_at')
      .orderBy('shared_resource_comments.id')
      .execute();
    return rows.map((row) => ({ ...toComment(row), resourceTitle: row.resource_title }));
  }

  async forgetPerson(personId: string): Promise<void> {
    await this.db
      .deleteFrom('shared_resource_comments')
      .where((eb) =>
        eb.or([
          eb('person_id', '=', personId),
          eb(
            'resource_id',
            'in',
            eb.selectFrom('shared_resources').select('id').where('shared_by', '=', personId),
          ),
        ]),
      )
      .execute();
    await this.db
      .deleteFrom('shared_resource_themes')
      .where('resource_id', 'in', (eb) =>
        eb.selectFrom('shared_resources').select('id').where('shared_by', '=', personId),
      )
      .execute();
    await this.db.deleteFrom('shared_resources').where('shared_by', '=', personId).execute();
  }
}
