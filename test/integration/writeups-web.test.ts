import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDatabase } from '../support/databases.ts';
import { seedEdition } from '../support/programme-factory.ts';
import { signInAs } from '../support/sessions.ts';
import { buildTestWebApp, postForm, type TestWebApp } from '../support/web-app.ts';

describeEachDatabase('organizers write, review and publish write-ups, through HTTP', (database) => {
  let web: TestWebApp;
  let organizer: Record<string, string>;
  let sessionId = '';
  let speakerName = '';
  let speakerCountry = '';
  const editor = () => `/organize/editions/dsc-2021/sessions/${sessionId}/writeup`;
  const save = (fields: Record<string, string>) => postForm(web.app, editor(), fields, organizer);
  const stored = () => web.deps.store.writeups.findWriteup(sessionId);

  before(async () => {
    web = await buildTestWebApp(database(), { now: '2021-11-20T12:00:00Z' });
    const seeded = await seedEdition(web.deps);
    sessionId = seeded.sessions.opening.id;
    organizer = await signInAs(web.deps, { id: 'p-olu', name: 'Olu Adeyemi' }, [
      { editionId: seeded.edition.id, role: 'organizer' },
    ]);
    const [speaker] = await web.deps.store.programme.listContributors([sessionId]);
    assert.ok(speaker, 'the seeded opening has a speaker');
    speakerName = speaker.name;
    const person = (await web.deps.store.people.findPeopleByIds([speaker.personId]))[0]!;
    const government = (await web.deps.store.people.listGovernments()).find(
      (g) => g.id === person.governmentId,
    );
    assert.ok(government, 'the speaker is from a government');
    speakerCountry = government.country;
  });
  after(async () => web.app.close());

  it('offers a first draft from the session, and saves it as version 1', async () => {
    const page = await web.app.inject({ url: editor(), cookies: organizer });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Not saved yet: the text below is a first draft/);
    const saved = await save({
      baseVersion: '0',
      title: 'Buying software',
      summary: 'In short.',
      body: '### What we heard\n\nBudgets are yearly.',
    });
    assert.equal(saved.statusCode, 303);
    assert.equal((await stored())?.version, 1);
    assert.equal((await stored())?.status, 'draft');
    const draftPage = await web.app.inject({ url: `/editions/dsc-2021/writeups/${sessionId}` });
    assert.equal(draftPage.statusCode, 404, 'a draft is not public');
  });

  it('refuses to publish under the Chatham House rule while a speaker or their government is named', async () => {
    const rule = await postForm(
      web.app,
      `/organize/editions/dsc-2021/sessions/${sessionId}/attribution`,
      { rule: 'chatham-house' },
      organizer,
    );
    assert.equal(rule.statusCode, 303);
    const body = `### What we heard\n\n${speakerName} said that ${speakerCountry} buys in small pieces.`;
    const warned = await save({ baseVersion: '1', title: 'Buying software', summary: '', body });
    assert.equal(warned.statusCode, 303, 'a draft may still name them');
    const page = await web.app.inject({ url: editor(), cookies: organizer });
    assert.match(page.body, /This text names people who were in the session or their government/);
    const refused = await save({
      baseVersion: '2',
      title: 'Buying software',
      summary: '',
      body,
      moveTo: 'published',
    });
    assert.equal(refused.statusCode, 400);
    assert.match(
      refused.body,
      /cannot be published while it names people who were there or their government/,
    );
    assert.equal((await stored())?.status, 'draft');
  });

  it('publishes once the text no longer names them, and the public page never carries the names', async () => {
    const body =
      '### What we heard\n\nOne team buys software in small pieces.\n\n<script>alert(1)</script>';
    const published = await save({
      baseVersion: '2',
      title: 'Buying software',
      summary: 'Small pieces.',
      body,
      moveTo: 'published',
    });
    assert.equal(published.statusCode, 303);
    assert.equal((await stored())?.status, 'published');
    const page = await web.app.inject({ url: `/editions/dsc-2021/writeups/${sessionId}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /One team buys software in small pieces/);
    assert.match(page.body, /Chatham House rule/);
    assert.ok(!page.body.includes(speakerName), 'no speaker name on the published page');
    assert.ok(!page.body.includes('<script>alert(1)</script>'));
    for (const url of ['/editions/dsc-2021/writeups.atom', '/writeups.atom']) {
      const feed = await web.app.inject({ url });
      assert.equal(feed.statusCode, 200, url);
      assert.match(String(feed.headers['content-type']), /application\/atom\+xml/);
      assert.match(feed.body, /<title[^>]*>Buying software<\/title>/);
      assert.match(feed.body, /One team buys software in small pieces/);
      assert.ok(!feed.body.includes(speakerName), `no speaker name in ${url}`);
      assert.ok(!feed.body.includes('<script>'), 'content is escaped HTML, never markup');
    }
    const list = await web.app.inject({ url: '/editions/dsc-2021/writeups' });
    assert.match(list.body, /Buying software/);
    assert.ok(!list.body.includes(speakerName));
    // Making the session attributable needs the write-up unpublished first.
    const rule = await postForm(
      web.app,
      `/organize/editions/dsc-2021/sessions/${sessionId}/attribution`,
      { rule: 'attributable' },
      organizer,
    );
    assert.equal(rule.statusCode, 400);
    assert.match(rule.body, /Unpublish it before making the session attributable/);
  });

  it('never overwrites a write-up saved meanwhile, and unpublishes', async () => {
    const clash = await save({ baseVersion: '1', title: 'Older', summary: '', body: 'Older text' });
    assert.equal(clash.statusCode, 409);
    assert.match(clash.body, /Someone saved this write-up while you were editing/);
    assert.equal((await stored())?.title, 'Buying software');
    const unpublished = await save({
      baseVersion: '3',
      title: 'Buying software',
      summary: '',
      body: 'Text',
      moveTo: 'draft',
    });
    assert.equal(unpublished.statusCode, 303);
    assert.equal((await stored())?.status, 'draft');
    assert.equal(
      (await web.app.inject({ url: `/editions/dsc-2021/writeups/${sessionId}` })).statusCode,
      404,
    );
  });

  it('lets a rapporteur keep a session’s notes, which the first draft of its write-up gathers', async () => {
    const edition = await web.deps.store.programme.findEditionBySlug('dsc-2021');
    const later = (await web.deps.store.programme.listSessions(edition!.id)).find(
      (session) => session.title === 'From services to reform',
    )!;
    const rapporteur = await signInAs(web.deps, { id: 'p-rae', name: 'Rae Rapporteur' }, [
      { editionId: edition!.id, role: 'rapporteur' },
    ]);
    const attendee = await signInAs(web.deps, { id: 'p-ada', name: 'Ada Attendee' });
    await web.deps.store.people.addInvitee(edition!.id, 'p-ada', '2021-06-01T12:00:00Z');
    await web.deps.store.access.updateInviteeProgress(edition!.id, 'p-ada', {
      status: 'registered',
    });
    const url = `/editions/dsc-2021/sessions/${later.id}/notes`;
    assert.equal((await web.app.inject({ url, cookies: attendee })).statusCode, 403);
    const saved = await postForm(
      web.app,
      url,
      { baseVersion: '0', keyPoints: 'Reform needs budgets.', quotes: '"Start small" (Rae)' },
      rapporteur,
    );
    assert.equal(saved.statusCode, 303);
    const clash = await postForm(web.app, url, { baseVersion: '0', keyPoints: 'Other' }, organizer);
    assert.equal(clash.statusCode, 409);
    assert.match(clash.body, /Rae Rapporteur saved these notes while you were writing/);
    const draft = await web.app.inject({
      url: `/organize/editions/dsc-2021/sessions/${later.id}/writeup`,
      cookies: organizer,
    });
    assert.match(draft.body, /### Key points\s+Reform needs budgets\./);
    assert.match(draft.body, /Quotes cleared for attribution/, 'attributable: quotes are gathered');
  });

  it('answers bad input with the field named, never a server error', async () => {
    const before = await stored();
    const missingTitle = await save({ baseVersion: '4', title: '', summary: '', body: 'x' });
    assert.equal(missingTitle.statusCode, 400);
    assert.match(missingTitle.body, /Enter a title for the write-up/);
    const badMove = await save({
      baseVersion: '4',
      title: 'T',
      summary: '',
      body: 'x',
      moveTo: 'archived',
    });
    assert.equal(badMove.statusCode, 400);
    const badRule = await postForm(
      web.app,
      `/organize/editions/dsc-2021/sessions/${sessionId}/attribution`,
      { rule: 'secret' },
      organizer,
    );
    assert.equal(badRule.statusCode, 400);
    assert.deepEqual(await stored(), before);
    assert.equal(
      (
        await web.app.inject({
          url: '/organize/editions/dsc-2021/sessions/nope/writeup',
          cookies: organizer,
        })
      ).statusCode,
      404,
    );
  });
});
