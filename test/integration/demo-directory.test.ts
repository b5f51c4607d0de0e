import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { loadDemoIfEmpty } from '../../src/app/demo/load-demo.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs } from '../support/sessions.ts';
import { buildTestWebApp, type TestWebApp } from '../support/web-app.ts';

describeEachDatabase('the demo’s directory and people met', (database) => {
  let web: TestWebApp;
  let ada: Record<string, string>;

  before(async () => {
    web = await buildTestWebApp(database(), { now: '2026-11-28T12:00:00Z' });
    assert.equal(await loadDemoIfEmpty(web.deps), true);
    const [person] = await web.deps.store.people.findPeopleByEmails(['attendee@example.org']);
    ada = await signInAs(web.deps, { id: person!.id });
  });
  after(async () => web.app.close());

  it('lists the 2020 registrants who chose the directory, over several pages, some hiding fields', async () => {
    const page = await web.app.inject({ url: '/directory', cookies: ada });
    assert.equal(page.statusCode, 200);
    const count = Number(/<h2 id="results-title">(\d+) people<\/h2>/.exec(page.body)?.[1]);
    assert.ok(count > 20, `the demo directory has ${count} people`);
    assert.match(page.body, /aria-label="Pages of results"/);
    // No email in the page's content (the development banner names the demo organizer's).
    const main = page.body.slice(page.body.indexOf('<main'), page.body.indexOf('</main>'));
    assert.doesNotMatch(main, /gov\.example|@example\.org|@/);
    // Ada, the demo attendee, has not opted in: a journey does that.
    assert.doesNotMatch(page.body, /Ada Attendee/);
    const profiles = await web.deps.store.directory.listListedProfiles();
    assert.ok(profiles.some((p) => !p.shows.themes));
    assert.ok(profiles.some((p) => !p.shows.team));
  });

  it('gives the demo attendee people she met in a 2020 session’s room, to list and export', async () => {
    const page = await web.app.inject({ url: '/people-met', cookies: ada });
    assert.equal(page.statusCode, 200);
    assert.match(
      page.body,
      /Were in the session The digital team you had: responding to coronavirus together/,
    );
    const csv = await web.app.inject({ url: '/people-met.csv', cookies: ada });
    assert.ok(csv.body.trim().split('\r\n').length > 3);
  });
});
