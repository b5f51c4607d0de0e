import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { confirmTheme } from '../../src/app/themes/theme-tags.ts';
import type { Actor } from '../../src/domain/access/actor.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { seedEdition } from '../support/programme-factory.ts';
import { signInAs } from '../support/sessions.ts';
import { buildTestWebApp, postForm, type TestWebApp } from '../support/web-app.ts';

describeEachDatabase('theme pages and the edition’s themes and takeaways report', (database) => {
  let web: TestWebApp;
  let editionId = '';
  let lockInId = '';
  let openingId = '';
  let organizer: Record<string, string>;
  let attendee: Record<string, string>;
  let organizerActor: Actor;
  const themePage = () => `/editions/dsc-2021/themes/${lockInId}`;
  const reportEditor = '/organize/editions/dsc-2021/report';
  const saveReport = (fields: Record<string, string>) =>
    postForm(web.app, reportEditor, fields, organizer);

  before(async () => {
    web = await buildTestWebApp(database(), { now: '2021-11-20T12:00:00Z' });
    const seeded = await seedEdition(web.deps);
    editionId = seeded.edition.id;
    lockInId = seeded.themes.lockIn.id;
    openingId = seeded.sessions.opening.id;
    organizer = await signInAs(web.deps, { id: 'p-olu', name: 'Olu Adeyemi' }, [
      { editionId, role: 'organizer' },
    ]);
    organizerActor = {
      kind: 'person',
      personId: 'p-olu',
      name: 'Olu Adeyemi',
      email: 'p-olu@test.example',
      memberships: [{ editionId, role: 'organizer' }],
      invitedEditionIds: [],
    };
    attendee = await signInAs(web.deps, { id: 'p-ada', name: 'Ada Attendee' });
    await web.deps.store.people.addInvitee(editionId, 'p-ada', '2021-06-01T12:00:00Z');
    await web.deps.store.access.updateInviteeProgress(editionId, 'p-ada', {
      status: 'registered',
    });

    // The opening, with its speaker, is held under the Chatham House rule.
    const rule = await postForm(
      web.app,
      `/organize/editions/dsc-2021/sessions/${openingId}/attribution`,
      { rule: 'chatham-house' },
      organizer,
    );
    assert.equal(rule.statusCode, 303);

    // A published write-up of the opening, tagged on its editor.
    const editor = `/organize/editions/dsc-2021/sessions/${openingId}/writeup`;
    const early = await postForm(
      web.app,
      `${editor}/themes/confirm`,
      { themeId: lockInId },
      organizer,
    );
    assert.equal(early.statusCode, 409, 'a write-up is saved before it is tagged');
    assert.match(early.body, /Save the write-up before tagging it with themes/);
    const published = await postForm(
      web.app,
      editor,
      {
        baseVersion: '0',
        title: 'Buying software in small pieces',
        summary: 'Budgets are yearly; vendors lock teams in.',
        body: '### What we heard\n\nBig IT vendors and yearly budgets.',
        moveTo: 'published',
      },
      organizer,
    );
    assert.equal(published.statusCode, 303);
    const page = await web.app.inject({ url: editor, cookies: organizer });
    assert.match(page.body, /Themes of this write-up/);
    const tagged = await postForm(
      web.app,
      `${editor}/themes/confirm`,
      { themeId: lockInId },
      organizer,
    );
    assert.equal(tagged.statusCode, 303);
    const bad = await postForm(web.app, `${editor}/themes/confirm`, { themeId: 'nope' }, organizer);
    assert.equal(bad.statusCode, 400);

    // A question of the opening, asked by the speaker, tagged by an organizer.
    await web.deps.store.live.insertQuestion({
      id: 'q-budget',
      sessionId: openingId,
      askerId: 'p-ada',
      seq: 1,
      text: 'How do you budget for open source?',
      anonymous: false,
      status: 'visible',
      askedAt: '2021-11-16T14:10:00.000Z',
    });
    await confirmTheme(web.deps, organizerActor, 'question', 'q-budget', lockInId);

    // Notes of the opening, one line naming its speaker.
    const notes = await postForm(
      web.app,
      `/editions/dsc-2021/sessions/${openingId}/notes`,
      {
        baseVersion: '0',
        keyPoints: 'Contracts run for ten years.',
        takeaways: '- Buy in small pieces\n- Wanjiru Kamau will share her contract template',
        quotes: '"Start small" (Wanjiru Kamau)',
      },
      organizer,
    );
    assert.equal(notes.statusCode, 303);
    const sessionNotes = await web.deps.store.notes.findSessionNotes(openingId);
    assert.ok(sessionNotes);
    await confirmTheme(web.deps, organizerActor, 'notes', sessionNotes.id, lockInId);
  });
  after(async () => web.app.close());

  it('gathers the tagged write-up, question and notes on the theme’s page, naming nobody', async () => {
    const list = await web.app.inject({ url: '/editions/dsc-2021/themes', cookies: organizer });
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Vendor lock-in and budgets/);
    assert.match(list.body, /1 write-up, 1 question, 1 set of notes/);
    const page = await web.app.inject({ url: themePage(), cookies: organizer });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Buying software in small pieces/);
    assert.match(page.body, /Budgets are yearly; vendors lock teams in\./);
    assert.match(page.body, /How do you budget for open source\?/);
    assert.ok(!page.body.includes('Ada Attendee'), 'never who asked');
    assert.match(page.body, /Contracts run for ten years\./);
    assert.match(page.body, /Buy in small pieces/);
    assert.ok(!page.body.includes('Wanjiru'), 'no name from a Chatham House session');
    assert.ok(!page.body.includes('Start small'), 'no attributed quote under Chatham House');
    assert.match(page.body, /Opening: collaboration, not competition/, 'its sessions');
  });

  it('shows an attendee the tagged questions but not notes they may not read elsewhere', async () => {
    const list = await web.app.inject({ url: '/editions/dsc-2021/themes', cookies: attendee });
    assert.match(list.body, /1 write-up, 1 question(?!, 1 set of notes)/);
    const page = await web.app.inject({ url: themePage(), cookies: attendee });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /How do you budget for open source\?/);
    assert.ok(
      !page.body.includes('Contracts run for ten years'),
      'session notes are for note-takers',
    );
    const notesPage = await web.app.inject({
      url: `/editions/dsc-2021/sessions/${openingId}/notes`,
      cookies: attendee,
    });
    assert.equal(notesPage.statusCode, 403, 'as on the notes page itself');
  });

  it('shows a visitor only the sessions and published write-ups of a theme', async () => {
    const page = await web.app.inject({ url: themePage() });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Buying software in small pieces/);
    assert.match(page.body, /Opening: collaboration, not competition/);
    assert.ok(!page.body.includes('How do you budget for open source?'));
    assert.ok(!page.body.includes('Contracts run for ten years'));
    const list = await web.app.inject({ url: '/editions/dsc-2021/themes' });
    assert.doesNotMatch(list.body, /\d+ questions?/, 'no count of what visitors cannot see');
    const unknown = await web.app.inject({ url: '/editions/dsc-2021/themes/nope' });
    assert.equal(unknown.statusCode, 404);
  });

  it('links the themes from the programme and each write-up', async () => {
    const programme = await web.app.inject({ url: '/editions/dsc-2021' });
    assert.match(programme.body, /href="\/editions\/dsc-2021\/themes"/);
    const writeup = await web.app.inject({ url: `/editions/dsc-2021/writeups/${openingId}` });
    assert.match(writeup.body, /href="\/editions\/dsc-2021\/themes"/);
  });

  it('drafts the report from write-ups and takeaways, without names, and publishes it', async () => {
    assert.equal((await web.app.inject({ url: '/editions/dsc-2021/report' })).statusCode, 404);
    const editor = await web.app.inject({ url: reportEditor, cookies: organizer });
    assert.equal(editor.statusCode, 200);
    assert.match(editor.body, /### Vendor lock-in and budgets/);
    assert.match(
      editor.body,
      /Buying software in small pieces\]\(\/editions\/dsc-2021\/writeups\//,
    );
    assert.match(editor.body, /- Buy in small pieces/);
    assert.ok(!editor.body.includes('Wanjiru'), 'the draft names nobody');
    const draft = /<textarea[^>]*name="body"[^>]*>([\s\S]*?)<\/textarea>/.exec(editor.body)?.[1];
    assert.ok(draft);
    const saved = await saveReport({
      baseVersion: '0',
      body: '## What we learned\n\nSmall pieces.',
    });
    assert.equal(saved.statusCode, 303);
    assert.equal((await web.app.inject({ url: '/editions/dsc-2021/report' })).statusCode, 404);
    const published = await saveReport({
      baseVersion: '1',
      body: '## What we learned\n\nSmall pieces.\n\n<script>alert(1)</script>',
      moveTo: 'published',
    });
    assert.equal(published.statusCode, 303);
    const page = await web.app.inject({ url: '/editions/dsc-2021/report' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Small pieces\./);
    assert.ok(!page.body.includes('<script>alert(1)</script>'));
    const list = await web.app.inject({ url: '/editions/dsc-2021/writeups' });
    assert.match(list.body, /href="\/editions\/dsc-2021\/report"/);
    const audit = await web.deps.store.audit.listForEdition(editionId, 100);
    assert.ok(audit.some((entry) => entry.action === 'reports.published'));
  });

  it('never overwrites a report saved meanwhile, and unpublishes', async () => {
    const clash = await saveReport({ baseVersion: '1', body: 'Older text' });
    assert.equal(clash.statusCode, 409);
    assert.match(clash.body, /Someone saved this report while you were editing/);
    assert.match(clash.body, /Older text/, 'their text is kept in the form');
    assert.equal((await web.deps.store.reports.findReport(editionId))?.version, 2);
    const unpublished = await saveReport({ baseVersion: '2', body: 'Text', moveTo: 'draft' });
    assert.equal(unpublished.statusCode, 303);
    assert.equal((await web.deps.store.reports.findReport(editionId))?.status, 'draft');
    assert.equal((await web.app.inject({ url: '/editions/dsc-2021/report' })).statusCode, 404);
    const audit = await web.deps.store.audit.listForEdition(editionId, 100);
    assert.ok(audit.some((entry) => entry.action === 'reports.draft'));
  });

  it('answers bad input with the field named, never a server error', async () => {
    const before = await web.deps.store.reports.findReport(editionId);
    const empty = await saveReport({ baseVersion: '3', body: '  ' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Write the report first/);
    assert.match(empty.body, /href="#field-body"|id="field-body"/);
    const noVersion = await saveReport({ baseVersion: 'x', body: 'Text' });
    assert.equal(noVersion.statusCode, 400);
    assert.match(noVersion.body, /which version of the report it started from/);
    const badMove = await saveReport({ baseVersion: '3', body: 'Text', moveTo: 'archived' });
    assert.equal(badMove.statusCode, 400);
    assert.match(badMove.body, /Choose whether to publish or unpublish the report/);
    const tooLong = await saveReport({ baseVersion: '3', body: 'x'.repeat(200_001) });
    assert.equal(tooLong.statusCode, 400);
    assert.deepEqual(await web.deps.store.reports.findReport(editionId), before);
    const attendeeTry = await postForm(
      web.app,
      reportEditor,
      { baseVersion: '3', body: 'Mine' },
      attendee,
    );
    assert.equal(attendeeTry.statusCode, 403);
  });

  it('warns when the report names someone of a Chatham House session, and publishes only once the organizer confirms', async () => {
    const version = (await web.deps.store.reports.findReport(editionId))?.version ?? 0;
    const text = '## Contracts\n\nWanjiru Kamau showed how Kenya buys in small pieces.';
    const saved = await saveReport({ baseVersion: String(version), body: text });
    assert.equal(saved.statusCode, 303, 'a draft may name anyone');
    const editor = await web.app.inject({ url: reportEditor, cookies: organizer });
    assert.match(editor.body, /names people who were in sessions under the Chatham House rule/);
    assert.match(editor.body, /“Wanjiru Kamau”/);
    assert.match(editor.body, /name="namesChecked" value="yes"/);

    const refused = await saveReport({
      baseVersion: String(version + 1),
      body: text,
      moveTo: 'published',
    });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /href="#field-namesChecked"/);
    assert.match(refused.body, /“Wanjiru Kamau”/);
    assert.match(refused.body, /“Kenya”/);
    assert.equal((await web.deps.store.reports.findReport(editionId))?.status, 'draft');
    assert.equal((await web.app.inject({ url: '/editions/dsc-2021/report' })).statusCode, 404);

    const confirmed = await saveReport({
      baseVersion: String(version + 1),
      body: text,
      moveTo: 'published',
      namesChecked: 'yes',
    });
    assert.equal(confirmed.statusCode, 303);
    assert.equal((await web.deps.store.reports.findReport(editionId))?.status, 'published');

    const clean = await saveReport({
      baseVersion: String(version + 2),
      body: '## Contracts\n\nBuy in small pieces.',
    });
    assert.equal(clean.statusCode, 303, 'a report naming nobody needs no confirmation');
    const after = await web.app.inject({ url: reportEditor, cookies: organizer });
    assert.doesNotMatch(after.body, /name="namesChecked"/);
  });
});
