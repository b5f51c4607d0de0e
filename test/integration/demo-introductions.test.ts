import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { loadDemoIfEmpty } from '../../src/app/demo/load-demo.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { unescapeHtml } from '../support/invitees.ts';
import { signInAs } from '../support/sessions.ts';
import { buildTestWebApp, type TestWebApp } from '../support/web-app.ts';

describeEachDatabase('introductions and suggested peers in the demo', (database) => {
  let web: TestWebApp;
  let ada: Record<string, string>;

  before(async () => {
    web = await buildTestWebApp(database(), { now: '2026-11-28T12:00:00Z' });
    assert.equal(await loadDemoIfEmpty(web.deps), true);
    const [person] = await web.deps.store.people.findPeopleByEmails(['attendee@example.org']);
    ada = await signInAs(web.deps, { id: person!.id });
  });
  after(async () => web.app.close());

  it('gives the demo attendee a request waiting for her answer, without the asker’s address', async () => {
    const response = await web.app.inject({ url: '/introductions', cookies: ada });
    assert.equal(response.statusCode, 200);
    const html = unescapeHtml(response.body);
    assert.match(html, /Waiting for your answer/);
    assert.match(html, /buy software in small pieces/);
    assert.doesNotMatch(html, /\.gov\.example/);
  });

  it('suggests people from other governments worth meeting, with reasons', async () => {
    const response = await web.app.inject({ url: '/peers', cookies: ada });
    assert.equal(response.statusCode, 200);
    const html = unescapeHtml(response.body);
    const count = (html.match(/data-suggestion>/g) ?? []).length;
    assert.equal(count, 10);
    assert.match(html, /procurement/);
    assert.match(html, /You have not met yet/);
    assert.doesNotMatch(html, /Estonia/, 'never her own government');
    assert.doesNotMatch(html, /\.gov\.example/);
  });
});
