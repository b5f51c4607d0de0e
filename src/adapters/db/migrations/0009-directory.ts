import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The directory of attendees across editions: one profile per person who has ever chosen to be
 * in it. A person is listed only while `listed` is 1; each field other than the name is shown
 * only when its flag is 1. Profiles go with the person (on delete cascade).
 *
 * Existing registrations that said "yes, list me in the directory" become listed profiles with
 * every field shown, which is what the registration form promised them (name, government, role)
 * and what the directory of one edition showed before.
 */
export const directoryMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('directory_profiles')
      .addColumn('person_id', 'text', (c) =>
        c.primaryKey().references('people.id').onDelete('cascade'),
      )
      // 1 or 0, like every other flag in the database.
      .addColumn('listed', 'integer', (c) => c.notNull())
      .addColumn('show_government', 'integer', (c) => c.notNull())
      .addColumn('show_team', 'integer', (c) => c.notNull())
      .addColumn('show_role', 'integer', (c) => c.notNull())
      .addColumn('show_themes', 'integer', (c) => c.notNull())
      .addColumn('show_editions', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('directory_profiles_listed')
      .on('directory_profiles')
      .column('listed')
      .execute();

    // One profile per person who said yes in any registration; the latest such answer dates it.
    await sql`
      INSERT INTO directory_profiles
        (person_id, listed, show_government, show_team, show_role, show_themes, show_editions,
         updated_at)
      SELECT person_id, 1, 1, 1, 1, 1, 1, MAX(updated_at)
      FROM registrations
      WHERE in_directory = 1
      GROUP BY person_id
    `.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('directory_profiles').execute();
  },
};
