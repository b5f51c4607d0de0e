import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Kysely } from 'kysely';
import { directoryMigration } from '../../src/adapters/db/migrations/0009-directory.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { seedEdition } from '../support/programme-factory.ts';
import { buildTestWebApp, type TestWebApp } from '../support/web-app.ts';

describeEachDatabase('the directory’s migration', (database) => {
  let web: TestWebApp;

  before(async () => {
    web = await buildTestWebApp(database());
    const seeded = await seedEdition(web.deps, 'dsc-2021');
    const other = await seedEdition(web.deps, 'dsc-2022');
    // Registrations from before the directory had profiles: Wanjiru said yes in one edition
    // and no in another, Kadri said no.
    const db = database().connection.db as unknown as Kysely<unknown>;
    await directoryMigration.down!(db);
    const register = (editionId: string, personId: string, inDirectory: boolean, at: string) =>
      web.deps.store.registrations.saveRegistration({
        editionId,
        personId,
        displayName: personId,
        timeZone: 'Europe/London',
        accessibilityNeeds: '',
        inDirectory,
        sessionIds: [],
        strugglingThemeIds: [],
        helpingThemeIds: [],
        updatedAt: at,
      });
    await register(seeded.edition.id, 'p-wanjiru-dsc-2021', true, '2021-10-01T00:00:00.000Z');
    await register(other.edition.id, 'p-wanjiru-dsc-2021', false, '2022-10-01T00:00:00.000Z');
    await register(seeded.edition.id, 'p-kadri-dsc-2021', false, '2021-10-02T00:00:00.000Z');
    await directoryMigration.up(db);
  });
  after(async () => web.app.close());

  it('lists, with every field shown, whoever said yes in a registration, and nobody else', async () => {
    assert.deepEqual(await web.deps.store.directory.findProfile('p-wanjiru-dsc-2021'), {
      personId: 'p-wanjiru-dsc-2021',
      listed: true,
      shows: { government: true, team: true, role: true, themes: true, editions: true },
      updatedAt: '2021-10-01T00:00:00.000Z',
    });
    assert.equal(await web.deps.store.directory.findProfile('p-kadri-dsc-2021'), null);
    assert.deepEqual(
      await web.deps.store.directory.listListedPersonIds([
        'p-wanjiru-dsc-2021',
        'p-kadri-dsc-2021',
        'nobody',
      ]),
      ['p-wanjiru-dsc-2021'],
    );
  });
});
