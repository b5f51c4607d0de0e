import type { Kysely, Migration } from 'kysely';

/**
 * Rows that exist only to be locked. A change that must not run beside another of its kind
 * (an import that creates people by email, where two imports of the same new address would
 * both try to create them) first updates its row without changing it: PostgreSQL holds the
 * row until the transaction ends, so the second waits and then reads what the first wrote;
 * SQLite takes its one write lock. Nothing personal is kept here.
 */
export const storeLocksMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('store_locks')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .execute();
    const kysely = db as Kysely<{ store_locks: { name: string } }>;
    await kysely
      .insertInto('store_locks')
      .values([{ name: 'people' }])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('store_locks').execute();
  },
};
