import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { loadDemoIfEmpty } from '../../src/app/demo/load-demo.ts';
import { reportAttributionLeaks } from '../../src/app/writeups/report.ts';
import { loadEditionStats } from '../../src/app/stats/stats.queries.ts';
import { attributionLeaks, loadWriteupContext } from '../../src/app/writeups/writeups.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildTestWebApp, type TestWebApp } from '../support/web-app.ts';

describeEachDatabase('the demo’s record of 2020', (database) => {
  let web: TestWebApp;

  before(async () => {
    web = await buildTestWebApp(database(), { now: '2026-11-28T12:00:00Z' });
    assert.equal(await loadDemoIfEmpty(web.deps), true);
  });
  after(async () => web.app.close());

  it('has notes, a published write-up under the Chatham House rule and an attributable one, and a feed', async () => {
    const edition = await web.deps.store.programme.findEditionBySlug('dsc-2020');
    const writeups = await web.deps.store.writeups.listWriteups(edition!.id);
    const rules = await Promise.all(
      writeups.map((w) => web.deps.store.writeups.findAttribution(w.sessionId)),
    );
    assert.deepEqual(rules.sort(), ['attributable', 'chatham-house']);
    assert.ok(writeups.every((w) => w.status === 'published'));
    for (const w of writeups)
      assert.ok(await web.deps.store.notes.findSessionNotes(w.sessionId), 'the session has notes');

    const list = await web.app.inject({ url: '/editions/dsc-2020/writeups' });
    assert.equal(list.statusCode, 200);
    for (const w of writeups) assert.ok(list.body.includes(w.title));
    const feed = await web.app.inject({ url: '/editions/dsc-2020/writeups.atom' });
    assert.equal(feed.statusCode, 200);
    assert.equal((feed.body.match(/<entry>/g) ?? []).length, 2);
    const report = await web.app.inject({ url: '/editions/dsc-2020/report' });
    assert.equal(report.statusCode, 200);
    assert.match(report.body, /Themes and takeaways of 2020/);
    const theme = await web.app.inject({ url: '/editions/dsc-2020/themes' });
    assert.equal(theme.statusCode, 200);
    const talent =
      /href="(\/editions\/dsc-2020\/themes\/[^"]+)"[^>]*>Talent and capability frameworks/.exec(
        theme.body,
      )?.[1];
    assert.ok(talent, 'the theme list links each theme');
    const talentPage = await web.app.inject({ url: talent });
    assert.match(talentPage.body, /What the pandemic taught digital teams/);
    const programme = await web.app.inject({ url: '/editions/dsc-2020' });
    assert.match(programme.body, /href="\/editions\/dsc-2020\/writeups"/);
    assert.match(programme.body, /href="\/editions\/dsc-2020\/stats"/);
    assert.match(programme.body, /href="\/editions\/dsc-2020\/themes"/);
  });

  it('names nobody who was in the Chatham House session, nor their government, on its page or in the feed', async () => {
    const edition = await web.deps.store.programme.findEditionBySlug('dsc-2020');
    const writeups = await web.deps.store.writeups.listWriteups(edition!.id);
    let checked = 0;
    for (const writeup of writeups) {
      const context = await loadWriteupContext(web.deps.store, 'dsc-2020', writeup.sessionId);
      if (context.rule !== 'chatham-house') continue;
      assert.ok(context.participants.length > 0, 'the session had people in it');
      assert.deepEqual(attributionLeaks(context, writeup), []);
      const page = await web.app.inject({
        url: `/editions/dsc-2020/writeups/${writeup.sessionId}`,
      });
      const feed = await web.app.inject({ url: '/editions/dsc-2020/writeups.atom' });
      // Whole words: the edition's own name ("Digital Services Convening") is not a team.
      const named = (text: string, words: string) =>
        new RegExp(
          `(?<![\\p{L}])${words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`,
          'u',
        ).test(text);
      for (const person of context.participants)
        for (const text of [page.body, feed.body]) {
          assert.ok(!named(text, person.name), `${person.name} is not named`);
          if (person.team) assert.ok(!named(text, person.team), `${person.team} is not named`);
        }
      checked += 1;
    }
    assert.equal(checked, 1);
  });

  it('publishes a themes report that names nobody of the Chatham House session', async () => {
    const edition = (await web.deps.store.programme.findEditionBySlug('dsc-2020'))!;
    const report = await web.deps.store.reports.findReport(edition.id);
    assert.equal(report?.status, 'published');
    assert.deepEqual(await reportAttributionLeaks(web.deps, edition, report.body), []);
  });

  it('has room activity in a session, so the numbers show attendance, questions and messages', async () => {
    const edition = (await web.deps.store.programme.findEditionBySlug('dsc-2020'))!;
    const stats = await loadEditionStats(web.deps, edition);
    const active = stats.sessions.filter((s) => s.attendees > 0);
    assert.equal(active.length, 1);
    assert.ok(stats.roomAttendees >= 20, `people joined rooms (${stats.roomAttendees})`);
    assert.equal(stats.totals.messages, 5);
    assert.equal(stats.totals.questions, 3);
    const page = await web.app.inject({ url: '/editions/dsc-2020/stats' });
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /No one has joined a session room yet/);
    assert.match(page.body, /<svg[^>]*role="img"/);
    // The room keeps its log in order: every message and question has its own event number.
    for (const session of active) {
      const events = await web.deps.store.live.readEvents(session.sessionId, 0, 1000);
      assert.deepEqual(
        events.map((e) => e.seq),
        events.map((_, i) => i + 1),
      );
    }
  });
});
