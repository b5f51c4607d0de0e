import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Kysely } from 'kysely';
import { mailOncePerScopeMigration } from '../../src/adapters/db/migrations/0014-mail-once-per-scope.ts';
import type { QueuedMail } from '../../src/app/ports.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { seedEdition } from '../support/programme-factory.ts';
import { buildTestWebApp, type TestWebApp } from '../support/web-app.ts';

const WANJIRU = 'p-wanjiru-dsc-2021';

describeEachDatabase(
  'the migration that lets a person be introduced to a follow-up group per theme',
  (database) => {
    let web: TestWebApp;
    let editionId: string;
    const db = () =>
      database().connection.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    const mail = (
      id: string,
      batchId: string,
      kind: QueuedMail['kind'],
      createdAt: string,
    ): QueuedMail => ({
      id,
      batchId,
      editionId,
      personId: WANJIRU,
      kind,
      status: 'sent',
      attempts: 1,
      nextAttemptAt: createdAt,
      lastError: null,
      sentAt: createdAt,
      createdAt,
    });
    const batch = (id: string, kind: QueuedMail['kind']) =>
      web.deps.store.mail.insertBatch({
        id,
        editionId,
        kind,
        requestedBy: null,
        createdAt: '2021-11-20T12:00:00.000Z',
      });
    const mailIds = async () =>
      [
        ...(await web.deps.store.mail.listForEdition(editionId, 'invitation')),
        ...(await web.deps.store.mail.listForEdition(editionId, 'follow-up-group')),
      ]
        .map((m) => m.id)
        .sort();

    before(async () => {
      web = await buildTestWebApp(database());
      editionId = (await seedEdition(web.deps, 'dsc-2021')).edition.id;
      await batch('b-invite', 'invitation');
      await batch('b-procurement', 'follow-up-group');
      await batch('b-skills', 'follow-up-group');
      // Mail from before the migration: an invitation and a follow-up introduction
      await mailOncePerScopeMigration.down!(db());
      for (const row of [
        mail('m-invite', 'b-invite', 'invitation', '2021-11-01T12:00:00.000Z'),
        mail('m-procurement', 'b-procurement', 'follow-up-group', '2021-11-20T12:00:00.000Z'),
      ])
        await db()
          .insertInto('outgoing_mail')
          .values({
            id: row.id,
            batch_id: row.batchId,
            edition_id: row.editionId,
            person_id: row.personId,
            kind: row.kind,
            status: row.status,
            attempts: row.attempts,
            next_attempt_at: row.nextAttemptAt,
            last_error: row.lastError,
            sent_at: row.sentAt,
            created_at: row.createdAt,
          })
          .execute();
      await mailOncePerScopeMigration.up(db());
    });
    after(async () => web.app.close());

    it('keeps every email, and then allows one introduction per group’s sending but still one invitation', async () => {
      assert.deepEqual(await mailIds(), ['m-invite', 'm-procurement']);
      const queue = web.deps.store.mail;
      assert.equal(
        await queue.enqueue([
          mail('m-skills', 'b-skills', 'follow-up-group', '2021-11-21T12:00:00.000Z'),
        ]),
        1,
        'an introduction to the group of another theme',
      );
      assert.equal(
        await queue.enqueue([
          mail(
            'm-procurement-again',
            'b-procurement',
            'follow-up-group',
            '2021-11-21T12:00:00.000Z',
          ),
        ]),
        0,
        'never twice to the same group',
      );
      assert.equal(
        await queue.enqueue([
          mail('m-invite-again', 'b-skills', 'invitation', '2021-11-21T12:00:00.000Z'),
        ]),
        0,
        'an invitation stays once per edition, whatever its batch',
      );
      assert.deepEqual(await mailIds(), ['m-invite', 'm-procurement', 'm-skills']);
    });

    it('goes back keeping the earliest introduction of each person, and forward again', async () => {
      await mailOncePerScopeMigration.down!(db());
      assert.deepEqual(await mailIds(), ['m-invite', 'm-procurement']);
      await mailOncePerScopeMigration.up(db());
      assert.equal(
        await web.deps.store.mail.enqueue([
          mail('m-skills', 'b-skills', 'follow-up-group', '2021-11-21T12:00:00.000Z'),
        ]),
        1,
      );
    });
  },
);
