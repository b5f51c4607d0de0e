import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { COMMENT_RATE_LIMIT } from '../../src/web/routes/writeups/writeup-pages.routes.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { seedEdition } from '../support/programme-factory.ts';
import { signInAs } from '../support/sessions.ts';
import { buildTestWebApp, postForm, type TestWebApp } from '../support/web-app.ts';

const SLUG = 'dsc-2021';

describeEachDatabase('comments on published write-ups, through HTTP', (database) => {
  let web: TestWebApp;
  let seeded: Awaited<ReturnType<typeof seedEdition>>;
  let organizer: Record<string, string>;
  let ada: Record<string, string>;
  let ben: Record<string, string>;
  const page = (sessionId: string) => `/editions/${SLUG}/writeups/${sessionId}`;
  const comment = (sessionId: string, text: string, cookies: Record<string, string>) =>
    postForm(web.app, `${page(sessionId)}/comments`, { text }, cookies);
  const stored = async (sessionId: string) => {
    const writeup = await web.deps.store.writeups.findWriteup(sessionId);
    return writeup ? web.deps.store.writeups.listComments(writeup.id) : [];
  };

  /** A registered attendee of the edition, shown by the name they registered with. */
  async function attendee(id: string, displayName: string): Promise<Record<string, string>> {
    const cookies = await signInAs(web.deps, {
      id,
      name: `${displayName} Fullname`,
      email: `${id}@gov.example`,
    });
    await web.deps.store.people.addInvitee(seeded.edition.id, id, web.clock.now().toISOString());
    const registered = await postForm(
      web.app,
      `/editions/${SLUG}/registration`,
      { attending: 'yes', displayName, timeZone: 'Europe/London', inDirectory: 'no' },
      cookies,
    );
    assert.equal(registered.statusCode, 303, registered.body);
    return cookies;
  }

  /** Writes and publishes a session's write-up through the organizer's page. */
  async function publish(sessionId: string, rule: 'attributable' | 'chatham-house') {
    const attribution = await postForm(
      web.app,
      `/organize/editions/${SLUG}/sessions/${sessionId}/attribution`,
      { rule },
      organizer,
    );
    assert.equal(attribution.statusCode, 303);
    const saved = await postForm(
      web.app,
      `/organize/editions/${SLUG}/sessions/${sessionId}/writeup`,
      {
        baseVersion: '0',
        title: 'What we learned',
        summary: '',
        body: 'Teams buy software in small pieces.',
        moveTo: 'published',
      },
      organizer,
    );
    assert.equal(saved.statusCode, 303, saved.body);
  }

  before(async () => {
    web = await buildTestWebApp(database(), { now: '2021-11-20T12:00:00Z' });
    seeded = await seedEdition(web.deps, SLUG);
    organizer = await signInAs(web.deps, { id: 'p-olu', name: 'Olu Adeyemi' }, [
      { editionId: seeded.edition.id, role: 'organizer' },
    ]);
    ada = await attendee('p-ada', 'Ada L.');
    ben = await attendee('p-ben', 'Ben K.');
    await publish(seeded.sessions.opening.id, 'attributable');
    await publish(seeded.sessions.later.id, 'chatham-house');
  });
  after(async () => web.app.close());

  it('lets a registered attendee comment, shown with their registered name and never their email', async () => {
    const opening = seeded.sessions.opening.id;
    const response = await comment(opening, '  We tried this in Kenya too.\r\nIt worked.  ', ada);
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, `${page(opening)}?done=comment-added#comments`);
    const [added] = await stored(opening);
    assert.equal(added?.body, 'We tried this in Kenya too.\nIt worked.');
    assert.equal(added?.personId, 'p-ada');

    const shown = await web.app.inject({
      url: `${page(opening)}?done=comment-added`,
      cookies: ben,
    });
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /Your comment was added\./);
    assert.match(shown.body, /<h2 id="comments-title">Comments<\/h2>/);
    assert.match(shown.body, /<p>We tried this in Kenya too\.<\/p><p>It worked\.<\/p>/);
    assert.match(shown.body, /<strong data-slot="author">Ada L\.<\/strong>/);
    assert.ok(!shown.body.includes('p-ada@gov.example'), 'no email on the page');
    assert.match(shown.body, /<label class="label" for="field-text">Your comment<\/label>/);
    assert.ok(!shown.body.includes('/hide"'), 'no moderation forms for an attendee');

    const visitor = await web.app.inject({ url: page(opening) });
    assert.match(visitor.body, /We tried this in Kenya too\./);
    assert.match(visitor.body, /<a href="\/sign-in">Sign in<\/a> to comment/);
    assert.ok(!visitor.body.includes('field-text'), 'no comment form for a visitor');
  });

  it('sends a visitor to sign in and refuses someone outside the edition, storing nothing', async () => {
    const opening = seeded.sessions.opening.id;
    const before = (await stored(opening)).length;
    const visitor = await comment(opening, 'From a visitor', {});
    assert.equal(visitor.statusCode, 303);
    assert.equal(visitor.headers.location, '/sign-in');
    const stranger = await signInAs(web.deps, { id: 'p-stranger' });
    const refused = await comment(opening, 'From a stranger', stranger);
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /Only the people of this edition .* can comment on its write-ups/);
    const strangerPage = await web.app.inject({ url: page(opening), cookies: stranger });
    assert.match(strangerPage.body, /Only the people of .* can comment\./);
    assert.equal((await stored(opening)).length, before);
  });

  it('refuses an empty or too long comment with a message that names the problem, keeping the text', async () => {
    const opening = seeded.sessions.opening.id;
    const before = (await stored(opening)).length;
    const empty = await comment(opening, '   ', ben);
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /There is a problem/);
    assert.match(empty.body, /<a href="#field-text">Enter your comment before adding it\.<\/a>/);
    const long = 'x'.repeat(2001);
    const tooLong = await comment(opening, long, ben);
    assert.equal(tooLong.statusCode, 400);
    assert.match(tooLong.body, /Your comment is 2,001 characters long; the limit is 2,000/);
    assert.match(tooLong.body, new RegExp(`<textarea[^>]*aria-invalid="true">${long}</textarea>`));
    assert.equal((await stored(opening)).length, before);
  });

  it('refuses a comment on a write-up that is not published', async () => {
    const panel = seeded.sessions.panel.id;
    const draft = await postForm(
      web.app,
      `/organize/editions/${SLUG}/sessions/${panel}/writeup`,
      { baseVersion: '0', title: 'Draft', summary: '', body: 'Not yet.' },
      organizer,
    );
    assert.equal(draft.statusCode, 303);
    const refused = await comment(panel, 'Too early', ben);
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /Comments can only be added to a published write-up/);
    assert.deepEqual(await stored(panel), []);
  });

  it('escapes what a comment holds: markup is shown as text, never run', async () => {
    const opening = seeded.sessions.opening.id;
    const added = await comment(opening, '<script>alert("hi")</script> <b>bold</b>', ben);
    assert.equal(added.statusCode, 303);
    const shown = await web.app.inject({ url: page(opening) });
    assert.ok(!shown.body.includes('<script>alert'), 'no script element');
    assert.ok(!shown.body.includes('<b>bold</b>'));
    assert.match(shown.body, /&lt;script&gt;alert\(&quot;hi&quot;\)&lt;\/script&gt;/);
  });

  it('lets an organizer hide a comment: others no longer see it, organizers see it marked hidden', async () => {
    const opening = seeded.sessions.opening.id;
    const target = (await stored(opening)).find((c) => c.body.startsWith('We tried this'))!;
    const forms = await web.app.inject({ url: page(opening), cookies: organizer });
    assert.match(forms.body, new RegExp(`action="${page(opening)}/comments/${target.id}/hide"`));

    const attendeeHides = await postForm(
      web.app,
      `${page(opening)}/comments/${target.id}/hide`,
      { hidden: 'true' },
      ben,
    );
    assert.equal(attendeeHides.statusCode, 403);

    const hidden = await postForm(
      web.app,
      `${page(opening)}/comments/${target.id}/hide`,
      { hidden: 'true' },
      organizer,
    );
    assert.equal(hidden.statusCode, 303);
    assert.equal(hidden.headers.location, `${page(opening)}?done=comment-hidden#comments`);
    assert.equal((await web.deps.store.writeups.findComment(target.id))?.hidden, true);
    const log = await web.deps.store.audit.listForEdition(seeded.edition.id, 100);
    const entry = log.find((e) => e.action === 'writeups.comment-hidden');
    assert.equal(
      entry?.summary,
      'Hid a comment on the write-up of Opening: collaboration, not competition.',
    );

    for (const cookies of [{}, ada, ben]) {
      const shown = await web.app.inject({ url: page(opening), cookies });
      assert.ok(!shown.body.includes('We tried this in Kenya too'), 'hidden from others');
    }
    const organizerPage = await web.app.inject({ url: page(opening), cookies: organizer });
    assert.match(organizerPage.body, /We tried this in Kenya too/);
    assert.match(organizerPage.body, /<strong class="tag tag--hidden">Hidden<\/strong>/);
    assert.match(
      organizerPage.body,
      />Show<span class="visually-hidden"> the comment from Ada L\./,
    );

    const shownAgain = await postForm(
      web.app,
      `${page(opening)}/comments/${target.id}/hide`,
      { hidden: 'false' },
      organizer,
    );
    assert.equal(shownAgain.statusCode, 303);
    assert.match((await web.app.inject({ url: page(opening) })).body, /We tried this in Kenya too/);
    const unknown = await postForm(
      web.app,
      `${page(opening)}/comments/no-such-comment/hide`,
      { hidden: 'true' },
      organizer,
    );
    assert.equal(unknown.statusCode, 404);
  });

  it('names no commenter under the Chatham House rule', async () => {
    const later = seeded.sessions.later.id;
    const added = await comment(later, 'Reform needs patience.', ada);
    assert.equal(added.statusCode, 303);
    for (const cookies of [{}, ben, organizer]) {
      const shown = await web.app.inject({ url: page(later), cookies });
      assert.match(shown.body, /Reform needs patience\./);
      assert.match(shown.body, /<strong data-slot="author">A participant<\/strong>/);
      for (const trace of ['Ada L.', 'Ada L. Fullname', 'p-ada@gov.example'])
        assert.ok(!shown.body.includes(trace), `"${trace}" is on the page`);
    }
  });

  it(`allows ${COMMENT_RATE_LIMIT.max} comments every ${COMMENT_RATE_LIMIT.minutes} minutes, then says when to try again`, async () => {
    const opening = seeded.sessions.opening.id;
    const cy = await attendee('p-cy', 'Cy M.');
    for (let i = 1; i <= COMMENT_RATE_LIMIT.max; i++)
      assert.equal((await comment(opening, `Comment ${i}`, cy)).statusCode, 303);
    const refused = await comment(opening, 'One too many', cy);
    assert.equal(refused.statusCode, 429);
    assert.match(refused.body, /You are adding comments too quickly/);
    assert.match(
      refused.body,
      /You can add 5 comments every 10 minutes\. Your comment was not added/,
    );
    assert.ok(!(await stored(opening)).some((c) => c.body === 'One too many'));
  });
});
