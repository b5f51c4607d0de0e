import { sql, type Kysely, type Migration } from 'kysely';

/** outgoing_mail's columns as 0002-access made them, in order. */
const COLUMNS = [
  'id',
  'batch_id',
  'edition_id',
  'person_id',
  'kind',
  'status',
  'attempts',
  'next_attempt_at',
  'last_error',
  'sent_at',
  'created_at',
] as const;

/**
 * Which email a person is sent once, per edition and kind, and now per scope: an invitation
 * once per edition (scope ''), an introduction to a follow-up group once per group's sending
 * (scope: its mail batch), so that someone who named two struggles can be introduced to a
 * group of each. SQLite cannot change a table's constraint in place, so the table is built
 * again under the same name (in PostgreSQL too, to keep one way), its rows copied across.
 */
export const mailOncePerScopeMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await createOutgoingMail(db, 'outgoing_mail_next', true);
    const columns = sql.join(COLUMNS.map((column) => sql.ref(column)));
    await sql`insert into outgoing_mail_next (${columns}, scope)
      select ${columns}, case when kind = 'follow-up-group' then batch_id else '' end
      from outgoing_mail`.execute(db);
    await replaceOutgoingMail(db, 'outgoing_mail_next');
  },
  async down(db: Kysely<unknown>) {
    // Back to one email of a kind per person and edition: of several follow-up
    // introductions to one person, the earliest is kept.
    await createOutgoingMail(db, 'outgoing_mail_previous', false);
    const columns = sql.join(COLUMNS.map((column) => sql.ref(column)));
    await sql`insert into outgoing_mail_previous (${columns})
      select ${columns} from outgoing_mail m
      where not exists (
        select 1 from outgoing_mail earlier
        where earlier.edition_id = m.edition_id and earlier.person_id = m.person_id
          and earlier.kind = m.kind
          and (earlier.created_at < m.created_at
            or (earlier.created_at = m.created_at and earlier.id < m.id)))`.execute(db);
    await replaceOutgoingMail(db, 'outgoing_mail_previous');
  },
};

async function createOutgoingMail(db: Kysely<unknown>, name: string, withScope: boolean) {
  let table = db.schema
    .createTable(name)
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) =>
      c.notNull().references('mail_batches.id').onDelete('cascade'),
    )
    .addColumn('edition_id', 'text', (c) =>
      c.notNull().references('editions.id').onDelete('cascade'),
    )
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull());
  table = withScope
    ? table
        .addColumn('scope', 'text', (c) => c.notNull().defaultTo(''))
        // A person is sent each kind of mail once per edition and scope: a retry never mails twice.
        .addUniqueConstraint(`${name}_once`, ['edition_id', 'person_id', 'kind', 'scope'])
    : table.addUniqueConstraint(`${name}_once`, ['edition_id', 'person_id', 'kind']);
  await table.execute();
}

/** Puts the rebuilt table in the old one's place, with the index the worker reads due mail by. */
async function replaceOutgoingMail(db: Kysely<unknown>, rebuilt: string) {
  await db.schema.dropTable('outgoing_mail').execute();
  await db.schema.alterTable(rebuilt).renameTo('outgoing_mail').execute();
  await db.schema
    .createIndex('outgoing_mail_due')
    .on('outgoing_mail')
    .columns(['status', 'next_attempt_at'])
    .execute();
}
