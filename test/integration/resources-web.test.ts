import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RESOURCE_COMMENT_RATE_LIMIT } from '../../src/web/routes/resources/resource.routes.ts';
import { RESOURCES_PER_PAGE } from '../../src/app/resources/resources.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { seedEdition } from '../support/programme-factory.ts';
import { signInAs } from '../support/sessions.ts';
import { buildTestWebApp, postForm, type TestWebApp } from '../support/web-app.ts';

const SLUG = 'dsc-2021';

describeEachDatabase('shared resources, through HTTP', (database) => {
  let web: TestWebApp;
  let seeded: Awaited<ReturnType<typeof seedEdition>>;
  let organizer: Record<string, string>;
  let otherOrganizer: Record<string, string>;
  let ada: Record<string, string>;
  let ben: Record<string, string>;
  let stranger: Record<string, string>;
  let kenya: string;
  let estonia: string;

  /** A registered attendee of the edition. */
  async function attendee(id: string, name: string, governmentId: string | null) {
    const cookies = await signInAs(web.deps, { id, name, email: `${id}@gov.example` });
    const [person] = await web.deps.store.people.findPeopleByIds([id]);
    await web.deps.store.people.savePerson({ ...person!, governmentId });
    await web.deps.store.people.addInvitee(seeded.edition.id, id, web.clock.now().toISOString());
    const registered = await postForm(
      web.app,
      `/editions/${SLUG}/registration`,
      { attending: 'yes', displayName: name, timeZone: 'Europe/London', inDirectory: 'no' },
      cookies,
    );
    assert.equal(registered.statusCode, 303, registered.body);
    return cookies;
  }

  const share = (fields: Record<string, string | string[]>, cookies = ada) =>
    postForm(web.app, '/resources', fields, cookies);

  const valid = () => ({
    title: 'Agile contract template',
    kind: 'procurement-template',
    url: 'https://example.org/contracts/agile',
    description: 'Outcome-based contracts in **small** pieces.',
    governmentId: kenya,
    themeIds: [seeded.themes.lockIn.id],
  });

  const count = async () =>
    (
      await web.deps.store.resources.listResources(
        { themeIds: null, governmentId: null, kind: null, viewerId: 'nobody', includeHidden: true },
        { offset: 0, limit: 1000 },
      )
    ).total;

  const idFrom = (location: unknown) =>
    /^\/resources\/([^?/]+)\?done=shared$/.exec(String(location))?.[1];

  before(async () => {
    web = await buildTestWebApp(database(), { now: '2021-11-20T12:00:00Z' });
    seeded = await seedEdition(web.deps, SLUG);
    await seedEdition(web.deps, 'other-2021');
    kenya = `gov-ke-${SLUG}`;
    estonia = `gov-ee-${SLUG}`;
    organizer = await signInAs(web.deps, { id: 'p-olu', name: 'Olu Adeyemi' }, [
      { editionId: seeded.edition.id, role: 'organizer' },
    ]);
    const other = await web.deps.store.programme.findEditionBySlug('other-2021');
    otherOrganizer = await signInAs(web.deps, { id: 'p-oth', name: 'Otto Other' }, [
      { editionId: other!.id, role: 'organizer' },
    ]);
    ada = await attendee('p-ada', 'Ada Lovelace', kenya);
    ben = await attendee('p-ben', 'Ben Okafor', estonia);
    stranger = await signInAs(web.deps, { id: 'p-stranger', name: 'Sam Stranger' });
  });
  after(async () => web.app.close());

  describe('sharing', () => {
    it('shares a resource and shows it with a safe link, its government, themes and sharer', async () => {
      const response = await share(valid());
      assert.equal(response.statusCode, 303, response.body);
      const id = idFrom(response.headers.location);
      assert.ok(id);
      const page = await web.app.inject({ url: `/resources/${id}`, cookies: ben });
      assert.equal(page.statusCode, 200);
      assert.match(
        page.body,
        /<a href="https:\/\/example.org\/contracts\/agile" rel="noopener noreferrer nofollow ugc" data-resource-link>/,
      );
      assert.match(page.body, /Kenya, Ministry of ICT/);
      assert.match(page.body, /Vendor lock-in and budgets/);
      assert.match(page.body, /Ada Lovelace/);
      assert.match(page.body, /<strong>small<\/strong>/);
    });

    it('refuses bad input with 400, naming each field, keeping what was typed and storing nothing', async () => {
      const before = await count();
      for (const [fields, field, message] of [
        [{ url: 'javascript:alert(1)' }, 'url', /https:\/\/ or http:\/\//],
        [{ url: 'data:text/html,hi' }, 'url', /cannot be shared/],
        [{ url: '/relative/path' }, 'url', /full address/],
        [{ url: 'ftp://files.example.org/x' }, 'url', /cannot be shared/],
        [{ url: `https://example.org/${'x'.repeat(2001)}` }, 'url', /the limit is 2,000/],
        [{ title: '' }, 'title', /Enter the title/],
        [{ kind: 'weapon' }, 'kind', /Choose what kind/],
        [{ governmentId: 'gov-nowhere' }, 'governmentId', /Choose a government/],
        [{ themeIds: [] as string[] }, 'themeIds', /at least one theme/],
        [{ themeIds: ['th-not-offered'] }, 'themeIds', /from the list only/],
      ] as [Record<string, string | string[]>, string, RegExp][]) {
        const response = await share({ ...valid(), ...fields });
        assert.equal(response.statusCode, 400, `${field}: ${response.statusCode}`);
        assert.match(response.body, new RegExp(`href="#field-${field}"`), field);
        assert.match(response.body, message, field);
        assert.match(response.body, /There is a problem/);
      }
      const kept = await share({ ...valid(), url: 'javascript:alert(1)', title: 'Kept title' });
      assert.match(kept.body, /value="Kept title"/);
      assert.equal(await count(), before);
    });

    it('renders a hostile description harmlessly', async () => {
      const response = await share({
        ...valid(),
        title: 'Hostile <b>title</b>',
        description:
          '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1))\n\n<iframe src="https://evil.example"></iframe>',
      });
      assert.equal(response.statusCode, 303);
      const page = await web.app.inject({
        url: `/resources/${idFrom(response.headers.location)}`,
        cookies: ben,
      });
      const description =
        /<div class="writeup__body" data-resource-description>([\s\S]*?)<\/div>/.exec(
          page.body,
        )?.[1];
      assert.ok(description !== undefined);
      assert.doesNotMatch(description, /<script|<img|<iframe|onerror=|href="javascript/i);
      assert.match(page.body, /Hostile &lt;b&gt;title&lt;\/b&gt;/);
    });

    it('refuses signed-in people who took part in no convening, and sends visitors to sign in', async () => {
      const before = await count();
      assert.equal((await share(valid(), stranger)).statusCode, 403);
      assert.equal(
        (await web.app.inject({ url: '/resources', cookies: stranger })).statusCode,
        403,
      );
      const visitor = await web.app.inject({ url: '/resources' });
      assert.equal(visitor.statusCode, 303);
      assert.equal(visitor.headers.location, '/sign-in');
      assert.equal(await count(), before);
    });

    it('lets an organizer of another edition share and browse: resources span editions', async () => {
      const list = await web.app.inject({ url: '/resources', cookies: otherOrganizer });
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /Agile contract template/);
    });
  });

  describe('browsing', () => {
    it('filters by theme, government and kind, and says when nothing matches', async () => {
      const other = await web.deps.store.programme.findEditionBySlug('other-2021');
      const [otherTheme] = await web.deps.store.programme.listThemes(other!.id);
      // Ben shares from Estonia, a capability framework.
      const shared = await share(
        {
          ...valid(),
          title: 'Estonian capability framework',
          kind: 'capability-framework',
          url: 'https://example.ee/framework',
          governmentId: estonia,
        },
        ben,
      );
      assert.equal(shared.statusCode, 303);
      const list = async (query: string) =>
        (await web.app.inject({ url: `/resources?${query}`, cookies: ada })).body;
      const byEstonia = await list(`government=${estonia}`);
      assert.match(byEstonia, /Estonian capability framework/);
      assert.doesNotMatch(byEstonia, /Agile contract template/);
      const byKenya = await list(`government=${kenya}`);
      assert.match(byKenya, /Agile contract template/);
      assert.doesNotMatch(byKenya, /Estonian capability framework/);
      const byKind = await list('kind=capability-framework');
      assert.match(byKind, /Estonian capability framework/);
      assert.doesNotMatch(byKind, /Agile contract template/);
      const byTheme = await list(`theme=${seeded.themes.lockIn.id}`);
      assert.match(byTheme, /Estonian capability framework/);
      assert.match(byTheme, /Agile contract template/);
      // Editions share theme names: the other edition's "Vendor lock-in and budgets" finds
      // resources tagged with this edition's.
      assert.equal(otherTheme!.name, seeded.themes.lockIn.name);
      const sameName = await list(`theme=${otherTheme!.id}`);
      assert.match(sameName, /Estonian capability framework/);
      const added = await postForm(
        web.app,
        `/organize/editions/${SLUG}/themes`,
        { name: 'Open data', description: '' },
        organizer,
      );
      assert.equal(added.statusCode, 303);
      const openData = (await web.deps.store.programme.listThemes(seeded.edition.id)).find(
        (theme) => theme.name === 'Open data',
      );
      const none = await list(`theme=${openData!.id}`);
      assert.match(none, /No resources match these filters/);
      assert.match(await list('theme=no-such-theme'), /No resources match these filters/);
    });

    it('pages the list and refuses a bad page number with 400', async () => {
      for (let n = 0; n < RESOURCES_PER_PAGE; n++)
        assert.equal(
          (
            await share({
              ...valid(),
              title: `Bulk resource ${n}`,
              url: `https://example.org/${n}`,
            })
          ).statusCode,
          303,
        );
      const first = await web.app.inject({ url: '/resources', cookies: ben });
      assert.match(first.body, /Page 1 of 2/);
      assert.match(first.body, /href="\/resources\?page=2" rel="next"/);
      assert.equal((first.body.match(/data-resource>/g) ?? []).length, RESOURCES_PER_PAGE);
      const second = await web.app.inject({ url: '/resources?page=2', cookies: ben });
      assert.match(second.body, /Page 2 of 2/);
      assert.ok((second.body.match(/data-resource>/g) ?? []).length >= 1);
      for (const page of ['0', 'two', '-1'])
        assert.equal(
          (await web.app.inject({ url: `/resources?page=${page}`, cookies: ben })).statusCode,
          400,
        );
    });
  });

  describe('editing and withdrawing', () => {
    it('lets only the sharer change or withdraw their resource', async () => {
      const shared = await share({ ...valid(), title: 'Mine to change' });
      const id = idFrom(shared.headers.location)!;
      for (const who of [ben, organizer]) {
        assert.equal(
          (await web.app.inject({ url: `/resources/${id}/edit`, cookies: who })).statusCode,
          403,
        );
        assert.equal(
          (await postForm(web.app, `/resources/${id}/edit`, { ...valid(), title: 'Taken' }, who))
            .statusCode,
          403,
        );
        assert.equal(
          (await postForm(web.app, `/resources/${id}/withdraw`, {}, who)).statusCode,
          403,
        );
      }
      const bad = await postForm(
        web.app,
        `/resources/${id}/edit`,
        { ...valid(), url: 'javascript:x' },
        ada,
      );
      assert.equal(bad.statusCode, 400);
      assert.equal((await web.deps.store.resources.findResource(id))?.title, 'Mine to change');
      const edited = await postForm(
        web.app,
        `/resources/${id}/edit`,
        { ...valid(), title: 'Changed' },
        ada,
      );
      assert.equal(edited.statusCode, 303);
      assert.equal((await web.deps.store.resources.findResource(id))?.title, 'Changed');
      const withdrawn = await postForm(web.app, `/resources/${id}/withdraw`, {}, ada);
      assert.equal(withdrawn.statusCode, 303);
      assert.equal(await web.deps.store.resources.findResource(id), null);
      assert.equal(
        (await web.app.inject({ url: `/resources/${id}`, cookies: ada })).statusCode,
        404,
      );
    });
  });

  describe('comments and moderation', () => {
    let id: string;
    before(async () => {
      const shared = await share({ ...valid(), title: 'To discuss' });
      id = idFrom(shared.headers.location)!;
    });

    it('adds a comment as plain text with the commenter’s name, and refuses an empty one', async () => {
      const added = await postForm(
        web.app,
        `/resources/${id}/comments`,
        { text: 'We used this <b>too</b>' },
        ben,
      );
      assert.equal(added.statusCode, 303);
      const page = await web.app.inject({ url: `/resources/${id}`, cookies: ada });
      assert.match(page.body, /We used this &lt;b&gt;too&lt;\/b&gt;/);
      assert.match(page.body, /Ben Okafor/);
      assert.doesNotMatch(page.body, /p-ben@gov\.example/);
      const empty = await postForm(web.app, `/resources/${id}/comments`, { text: '  ' }, ben);
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /href="#field-text"/);
      assert.equal((await web.deps.store.resources.listComments(id)).length, 1);
    });

    it('hides a resource and a comment from others but not from organizers, with an audit entry without content', async () => {
      const [comment] = await web.deps.store.resources.listComments(id);
      assert.equal(
        (await postForm(web.app, `/resources/${id}/hide`, { hidden: 'true' }, ada)).statusCode,
        403,
      );
      assert.equal(
        (await postForm(web.app, `/resources/${id}/hide`, { hidden: 'maybe' }, otherOrganizer))
          .statusCode,
        400,
      );
      assert.equal(
        (
          await postForm(
            web.app,
            `/resources/${id}/comments/${comment!.id}/hide`,
            { hidden: 'true' },
            otherOrganizer,
          )
        ).statusCode,
        303,
      );
      assert.doesNotMatch(
        (await web.app.inject({ url: `/resources/${id}`, cookies: ada })).body,
        /We used this/,
      );
      assert.match(
        (await web.app.inject({ url: `/resources/${id}`, cookies: organizer })).body,
        /We used this/,
      );
      assert.equal(
        (await postForm(web.app, `/resources/${id}/hide`, { hidden: 'true' }, organizer))
          .statusCode,
        303,
      );
      // Hidden from people who did not share it, everywhere; the sharer and organizers still see it.
      assert.equal(
        (await web.app.inject({ url: `/resources/${id}`, cookies: ben })).statusCode,
        404,
      );
      assert.doesNotMatch(
        (await web.app.inject({ url: '/resources?kind=procurement-template', cookies: ben })).body,
        /To discuss/,
      );
      assert.equal(
        (await web.app.inject({ url: `/resources/${id}`, cookies: ada })).statusCode,
        200,
      );
      const seen = await web.app.inject({ url: `/resources/${id}`, cookies: otherOrganizer });
      assert.equal(seen.statusCode, 200);
      assert.match(seen.body, /Hidden/);
      assert.equal(
        (await postForm(web.app, `/resources/${id}/comments`, { text: 'Still here?' }, ben))
          .statusCode,
        404,
      );
      const audit = await web.deps.store.audit.listForEdition(seeded.edition.id, 1000);
      assert.ok(!audit.some((entry) => entry.summary.includes('To discuss')));
      const { rows } = await (
        await import('kysely')
      ).sql<{ summary: string; action: string }>`
        select summary, action from audit_log where action like 'resource.%'`.execute(
        database().connection.db,
      );
      assert.ok(rows.some((row) => row.action === 'resource.hidden'));
      assert.ok(rows.some((row) => row.action === 'resource.comment-hidden'));
      for (const row of rows)
        assert.doesNotMatch(row.summary, /To discuss|We used this|Ben Okafor/);
    });

    it('stops anyone adding comments too quickly', async () => {
      const shared = await share({ ...valid(), title: 'Busy resource' });
      const busy = idFrom(shared.headers.location)!;
      const carol = await attendee('p-carol', 'Carol N.', kenya);
      for (let n = 0; n < RESOURCE_COMMENT_RATE_LIMIT.max; n++)
        assert.equal(
          (await postForm(web.app, `/resources/${busy}/comments`, { text: `Comment ${n}` }, carol))
            .statusCode,
          303,
        );
      const limited = await postForm(
        web.app,
        `/resources/${busy}/comments`,
        { text: 'One more' },
        carol,
      );
      assert.equal(limited.statusCode, 429);
      assert.match(limited.body, /adding comments too quickly/);
      assert.ok(Number(limited.headers['retry-after']) > 0);
      assert.equal(
        (await web.deps.store.resources.listComments(busy)).length,
        RESOURCE_COMMENT_RATE_LIMIT.max,
      );
    });
  });
});
