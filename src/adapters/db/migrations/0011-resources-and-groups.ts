import type { Kysely, Migration } from 'kysely';

/**
 * After the convening: resources that teams share with each other (a link, what it is, the
 * government it comes from, its themes) with comments, and the follow-up groups an organizer
 * forms for the people of an edition who named the same struggle, with the suggested time of
 * their first call and whether their introductions were sent.
 */
export const resourcesAndGroupsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('shared_resources')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      // 'practice', 'code-repository', 'procurement-template', 'capability-framework' or 'other'.
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('government_id', 'text', (c) =>
        c.references('governments.id').onDelete('set null'),
      )
      // A shared resource goes with its sharer's account (docs/decisions: shared resources).
      .addColumn('shared_by', 'text', (c) =>
        c.notNull().references('people.id').onDelete('cascade'),
      )
      .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('shared_resources_created')
      .on('shared_resources')
      .column('created_at')
      .execute();

    await db.schema
      .createTable('shared_resource_themes')
      .addColumn('resource_id', 'text', (c) =>
        c.notNull().references('shared_resources.id').onDelete('cascade'),
      )
      .addColumn('theme_id', 'text', (c) => c.notNull().references('themes.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('shared_resource_themes_pk', ['resource_id', 'theme_id'])
      .execute();
    await db.schema
      .createIndex('shared_resource_themes_theme')
      .on('shared_resource_themes')
      .column('theme_id')
      .execute();

    await db.schema
      .createTable('shared_resource_comments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('resource_id', 'text', (c) =>
        c.notNull().references('shared_resources.id').onDelete('cascade'),
      )
      .addColumn('person_id', 'text', (c) =>
        c.notNull().references('people.id').onDelete('cascade'),
      )
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('shared_resource_comments_resource')
      .on('shared_resource_comments')
      .column('resource_id')
      .execute();

    // One grouping per edition and theme: formed (and re-formed) as a draft, then sent once.
    await db.schema
      .createTable('follow_up_groupings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('edition_id', 'text', (c) =>
        c.notNull().references('editions.id').onDelete('cascade'),
      )
      .addColumn('theme_id', 'text', (c) => c.notNull().references('themes.id').onDelete('cascade'))
      .addColumn('min_size', 'integer', (c) => c.notNull())
      .addColumn('max_size', 'integer', (c) => c.notNull())
      // 'draft' or 'sent'.
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('formed_by', 'text', (c) => c.references('people.id').onDelete('set null'))
      .addColumn('formed_at', 'text', (c) => c.notNull())
      .addColumn('batch_id', 'text', (c) => c.references('mail_batches.id').onDelete('set null'))
      .addColumn('sent_at', 'text')
      .addUniqueConstraint('follow_up_groupings_theme', ['edition_id', 'theme_id'])
      .execute();

    await db.schema
      .createTable('follow_up_groups')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('grouping_id', 'text', (c) =>
        c.notNull().references('follow_up_groupings.id').onDelete('cascade'),
      )
      .addColumn('number', 'integer', (c) => c.notNull())
      // The suggested first call, an instant in UTC (ISO 8601), an hour long.
      .addColumn('suggested_start', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('follow_up_groups_grouping')
      .on('follow_up_groups')
      .column('grouping_id')
      .execute();

    await db.schema
      .createTable('follow_up_group_members')
      .addColumn('group_id', 'text', (c) =>
        c.notNull().references('follow_up_groups.id').onDelete('cascade'),
      )
      .addColumn('person_id', 'text', (c) =>
        c.notNull().references('people.id').onDelete('cascade'),
      )
      .addPrimaryKeyConstraint('follow_up_group_members_pk', ['group_id', 'person_id'])
      .execute();
    await db.schema
      .createIndex('follow_up_group_members_person')
      .on('follow_up_group_members')
      .column('person_id')
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of [
      'follow_up_group_members',
      'follow_up_groups',
      'follow_up_groupings',
      'shared_resource_comments',
      'shared_resource_themes',
      'shared_resources',
    ])
      await db.schema.dropTable(table).execute();
  },
};
