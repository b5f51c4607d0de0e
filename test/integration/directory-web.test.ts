import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PersonRole } from '../../src/domain/people/person.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { seedEdition } from '../support/programme-factory.ts';
import { signInAs } from '../support/sessions.ts';
import { buildTestWebApp, postForm, type TestWebApp } from '../support/web-app.ts';

const SLUG = 'dsc-2021';

describeEachDatabase('the directory of attendees, through HTTP', (database) => {
  let web: TestWebApp;
  let seeded: Awaited<ReturnType<typeof seedEdition>>;
  const cookies: Record<string, Record<string, string>> = {};

  const directory = (query = '', who = cookies.ada) =>
    web.app.inject({ url: `/directory${query}`, cookies: who });
  const choose = (who: Record<string, string>, fields: Record<string, string | string[]>) =>
    postForm(web.app, '/directory/me', fields, who);
  const profile = (id: string) => web.deps.store.directory.findProfile(id);

  /**
   * A registered attendee of the edition, from their own government, answering the
   * registration form's directory question as given.
   */
  async function attendee(
    id: string,
    person: {
      name: string;
      country: string;
      team: string;
      role: PersonRole;
      inDirectory: 'yes' | 'no';
      struggling?: string[];
      helping?: string[];
    },
  ): Promise<Record<string, string>> {
    await web.deps.store.people.saveGovernment({
      id: `gov-${id}`,
      code: `${person.country.slice(0, 2).toUpperCase()}-${id}`,
      country: person.country,
      teamName: person.team,
    });
    await web.deps.store.people.savePerson({
      id,
      name: `${person.name} Recorded`,
      email: `${id}@secret-mail.example`,
      governmentId: `gov-${id}`,
      role: person.role,
      maturity: 'starting',
      timeZone: 'Europe/London',
    });
    const who = await signInAs(web.deps, { id });
    await web.deps.store.people.addInvitee(seeded.edition.id, id, web.clock.now().toISOString());
    const registered = await postForm(
      web.app,
      `/editions/${SLUG}/registration`,
      {
        attending: 'yes',
        displayName: person.name,
        timeZone: 'Europe/London',
        inDirectory: person.inDirectory,
        strugglingThemes: person.struggling ?? [],
        helpingThemes: person.helping ?? [],
      },
      who,
    );
    assert.equal(registered.statusCode, 303, registered.body);
    cookies[id] = who;
    return who;
  }

  before(async () => {
    web = await buildTestWebApp(database(), { now: '2021-11-20T12:00:00Z' });
    seeded = await seedEdition(web.deps, SLUG);
    const themes = await web.deps.store.programme.listThemes(seeded.edition.id);
    const talent = themes.find((t) => t.name.startsWith('Talent'))!;
    await attendee('ada', {
      name: 'Ada Tõnisson',
      country: 'Estonia',
      team: 'Digital State Office',
      role: 'product-manager',
      inDirectory: 'yes',
      struggling: [seeded.themes.lockIn.id],
      helping: [talent.id],
    });
    cookies.ada = cookies.ada!;
    await attendee('ben', {
      name: 'Ben Quispe',
      country: 'Uruguay',
      team: 'AGESIC Hidden Team',
      role: 'engineer',
      inDirectory: 'yes',
      struggling: [talent.id],
    });
    await attendee('cleo', {
      name: 'Cleo Nevergiven',
      country: 'Ghana',
      team: 'Ghana Cleo Team',
      role: 'minister',
      inDirectory: 'no',
      struggling: [seeded.themes.lockIn.id],
    });
    await attendee('dan', {
      name: 'Dan Optedout',
      country: 'Denmark',
      team: 'Dan Danish Team',
      role: 'ux-designer',
      inDirectory: 'yes',
      struggling: [seeded.themes.lockIn.id],
    });
    // Ben hides his government, team and themes; Dan leaves the directory.
    assert.equal(
      (await choose(cookies.ben!, { listed: 'yes', show: ['role', 'editions'] })).statusCode,
      303,
    );
    assert.equal((await choose(cookies.dan!, { listed: 'no', show: ['role'] })).statusCode, 303);
  });
  after(async () => web.app.close());

  describe('opting in', () => {
    it('lists someone who registered with “appear in the directory”, showing every field at first', async () => {
      const stored = await profile('ada');
      assert.equal(stored?.listed, true);
      assert.deepEqual(stored?.shows, {
        government: true,
        team: true,
        role: true,
        themes: true,
        editions: true,
      });
      const page = await directory();
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h3[^>]*>Ada Tõnisson<\/h3>/);
      assert.match(page.body, /Estonia/);
      assert.match(page.body, /Digital State Office/);
      assert.match(page.body, /Product manager/);
      assert.match(page.body, /Struggling with<\/dt><dd>Vendor lock-in and budgets/);
      assert.match(page.body, /Can help with<\/dt><dd>Talent and capability frameworks/);
      assert.match(page.body, new RegExp(`href="/editions/${SLUG}">Digital Services Convening`));
    });

    it('offers to ask others for an introduction, where the app serves introductions, never oneself', async () => {
      const serves = web.app.registeredRoutes.some(
        (route) => `${route.method} ${route.url}` === 'GET /introductions/ask/:personId',
      );
      const page = await directory();
      assert.equal(page.body.includes('href="/introductions/ask/ben"'), serves);
      assert.ok(!page.body.includes('href="/introductions/ask/ada"'), 'not to oneself');
    });

    it('never shows an email address or the name only organizers hold', async () => {
      const page = await directory();
      assert.doesNotMatch(page.body, /secret-mail\.example/);
      assert.doesNotMatch(page.body, /mailto:/);
      assert.doesNotMatch(page.body, /Recorded/);
    });

    it('keeps someone who answered no out of it, and does not create a profile for them', async () => {
      assert.equal(await profile('cleo'), null);
    });
  });

  describe('nobody who opted out appears anywhere', () => {
    const absent = ['Cleo', 'Nevergiven', 'Ghana', 'Dan Optedout', 'Denmark', 'Dan Danish Team'];

    it('leaves them out of the list, the counts and the filter choices', async () => {
      const page = await directory();
      for (const text of absent) assert.ok(!page.body.includes(text), `${text} is on the page`);
      // Ada and Ben only.
      assert.match(page.body, /<h2 id="results-title">2 people<\/h2>/);
      assert.doesNotMatch(page.body, /Minister<\/dd>/);
    });

    it('finds them by no search or filter', async () => {
      for (const query of [
        '?q=cleo',
        '?q=Optedout',
        '?q=ghana',
        '?role=minister',
        '?role=ux-designer',
        '?region=africa',
        '?q=dan&region=europe',
      ]) {
        const page = await directory(query);
        assert.equal(page.statusCode, 200, query);
        assert.match(page.body, /<h2 id="results-title">0 people found<\/h2>/, query);
        for (const text of absent) assert.ok(!page.body.includes(text), `${text} for ${query}`);
      }
      // Their governments are known, so the filter is valid: it simply finds nobody.
      const byGovernment = await directory('?government=GH-cleo');
      assert.equal(byGovernment.statusCode, 200);
      assert.match(byGovernment.body, /0 people found/);
    });

    it('takes someone out at once when they opt out, and their registration answer follows', async () => {
      assert.equal((await profile('dan'))?.listed, false);
      const registration = await web.deps.store.registrations.findRegistration(
        seeded.edition.id,
        'dan',
      );
      assert.equal(registration?.inDirectory, false);
      const form = await web.app.inject({
        url: `/editions/${SLUG}/registration`,
        cookies: cookies.dan,
      });
      assert.match(form.body, /name="inDirectory" value="no" checked/);
    });
  });

  describe('hidden fields', () => {
    it('are not in the page at all, and no search or filter finds the person by them', async () => {
      const page = await directory();
      assert.match(page.body, /Ben Quispe/);
      assert.match(page.body, /Engineer/);
      for (const hidden of ['Uruguay', 'AGESIC Hidden Team', 'UR-ben'])
        assert.ok(!page.body.includes(hidden), `${hidden} is on the page`);
      for (const query of ['?q=uruguay', '?q=agesic', '?government=UR-ben', '?region=americas']) {
        const found = await directory(query);
        assert.equal(found.statusCode, 200, query);
        assert.doesNotMatch(found.body, /Ben Quispe/, query);
      }
      // His themes are hidden too: the theme he struggles with does not find him.
      const byTheme = await directory(
        `?theme=${encodeURIComponent('Talent and capability frameworks')}`,
      );
      assert.doesNotMatch(byTheme.body, /Ben Quispe/);
      assert.match(byTheme.body, /Ada Tõnisson/);
    });

    it('show on the person’s own page as a preview of exactly what others see', async () => {
      const page = await web.app.inject({ url: '/directory/me', cookies: cookies.ben });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /How your entry looks to others/);
      assert.match(page.body, /name="listed" value="yes" checked/);
      assert.match(page.body, /name="show" value="role" checked/);
      assert.doesNotMatch(page.body, /name="show" value="government" checked/);
      const preview = page.body.slice(page.body.indexOf('How your entry looks'));
      assert.doesNotMatch(preview, /Uruguay|AGESIC/);
      assert.match(preview, /Engineer/);
    });
  });

  describe('search and filters', () => {
    it('searches names ignoring case and accents', async () => {
      const page = await directory('?q=TONISSON');
      assert.match(page.body, /1 person found/);
      assert.match(page.body, /Ada Tõnisson/);
      assert.doesNotMatch(page.body, /Ben Quispe/);
    });

    it('filters by government, region, role and theme together', async () => {
      const page = await directory(
        `?government=ES-ada&region=europe&role=product-manager&theme=${encodeURIComponent('vendor lock-in and budgets')}`,
      );
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /1 person found/);
      assert.match(page.body, /Ada Tõnisson/);
      const none = await directory('?region=europe&role=engineer');
      assert.match(none.body, /0 people found/);
    });

    it('offers only governments and themes that some entry shows', async () => {
      const page = await directory();
      assert.match(page.body, /<option value="ES-ada">Estonia<\/option>/);
      assert.doesNotMatch(page.body, /<option value="UR-ben"/);
    });

    it('refuses unknown filter values and bad pages with a clear message, never a 500', async () => {
      for (const [query, message] of [
        ['?theme=Nonexistent', 'Choose a theme from the list'],
        ['?region=atlantis', 'Choose a region from the list'],
        ['?role=king', 'Choose a role from the list'],
        ['?government=XX', 'Choose a government from the list'],
        ['?page=abc', 'Page must be a whole number, 1 or more'],
        ['?page=-1', 'Page must be a whole number, 1 or more'],
        [`?q=${'x'.repeat(101)}`, 'Search text must be 100 characters or fewer'],
      ] as const) {
        const page = await directory(query);
        assert.equal(page.statusCode, 400, query);
        assert.match(page.body, /There is a problem/, query);
        assert.ok(page.body.includes(message), `${query}: ${message}`);
        assert.doesNotMatch(page.body, /Ada Tõnisson<\/h3>/, `${query} lists no one`);
      }
      const repeated = await directory('?page=1&page=2&role=engineer&role=minister');
      assert.equal(repeated.statusCode, 200);
    });
  });

  describe('pages of results', () => {
    before(async () => {
      for (let i = 0; i < 23; i += 1)
        await attendee(`many-${String(i).padStart(2, '0')}`, {
          name: `Many Person ${String(i).padStart(2, '0')}`,
          country: 'Kenya',
          team: 'Kenya ICT',
          role: 'policy-advisor',
          inDirectory: 'yes',
        });
    });

    it('shows twenty people a page, with a count and links to the other pages', async () => {
      const first = await directory('?role=policy-advisor');
      assert.match(first.body, /23 people found/);
      assert.match(first.body, /Showing 1 to 20 of 23, page 1 of 2/);
      assert.equal(first.body.match(/class="directory-entry"/g)?.length, 20);
      assert.match(first.body, /<nav class="pagination" aria-label="Pages of results">/);
      assert.match(first.body, /href="\/directory\?role=policy-advisor&amp;page=2" rel="next"/);
      const second = await directory('?role=policy-advisor&page=2');
      assert.equal(second.body.match(/class="directory-entry"/g)?.length, 3);
      assert.match(second.body, /Showing 21 to 23 of 23, page 2 of 2/);
      assert.match(second.body, /aria-current="page"><span class="visually-hidden">Page <\/span>2/);
    });

    it('shows the last page when asked for one past the end', async () => {
      const page = await directory('?role=policy-advisor&page=40');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Showing 21 to 23 of 23, page 2 of 2/);
    });
  });

  describe('choosing one’s own entry', () => {
    it('refuses a form without an answer or with unknown fields, storing nothing', async () => {
      const before = await profile('ada');
      const missing = await choose(cookies.ada!, { show: ['role'] });
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /Choose whether you want to appear in the directory/);
      const unknown = await choose(cookies.ada!, { listed: 'yes', show: ['email'] });
      assert.equal(unknown.statusCode, 400);
      assert.match(unknown.body, /Choose the fields to show from the list/);
      assert.deepEqual(await profile('ada'), before);
    });

    it('refuses a form without its CSRF token', async () => {
      const response = await web.app.inject({
        method: 'POST',
        url: '/directory/me',
        cookies: cookies.ada,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'listed=no',
      });
      assert.equal(response.statusCode, 403);
      assert.equal((await profile('ada'))?.listed, true);
    });

    it('opts back in with the choices kept, and registering with no takes the person out again', async () => {
      assert.equal((await choose(cookies.dan!, { listed: 'yes', show: ['role'] })).statusCode, 303);
      let page = await directory('?q=dan');
      assert.match(page.body, /Dan Optedout/);
      assert.doesNotMatch(page.body, /Denmark/);
      const answered = await postForm(
        web.app,
        `/editions/${SLUG}/registration`,
        {
          attending: 'yes',
          displayName: 'Dan Optedout',
          timeZone: 'Europe/London',
          inDirectory: 'no',
        },
        cookies.dan,
      );
      assert.equal(answered.statusCode, 303);
      page = await directory('?q=dan');
      assert.doesNotMatch(page.body, /Dan Optedout/);
      assert.deepEqual((await profile('dan'))?.shows.role, true);
    });

    it('is in the person’s data download', async () => {
      const response = await web.app.inject({ url: '/account/data.json', cookies: cookies.ben });
      const data = JSON.parse(response.body) as {
        directory: { listed: boolean; shows: Record<string, boolean> };
      };
      assert.equal(data.directory.listed, true);
      assert.equal(data.directory.shows.government, false);
      assert.equal(data.directory.shows.role, true);
    });
  });

  describe('who may see it', () => {
    it('sends visitors to sign in and refuses people of no edition', async () => {
      const visitor = await web.app.inject({ url: '/directory' });
      assert.equal(visitor.statusCode, 303);
      assert.match(String(visitor.headers.location), /^\/sign-in/);
      const stranger = await signInAs(web.deps, { id: 'stranger' });
      await web.deps.store.people.addInvitee(seeded.edition.id, 'stranger', '2021-11-01T00:00:00Z');
      const refused = await web.app.inject({ url: '/directory', cookies: stranger });
      assert.equal(refused.statusCode, 403);
      assert.doesNotMatch(refused.body, /Ada Tõnisson/);
      assert.equal(
        (await web.app.inject({ url: '/directory/me', cookies: stranger })).statusCode,
        403,
      );
    });

    it('is open to an organizer of any edition', async () => {
      const other = await seedEdition(web.deps, 'other-2022');
      const organizer = await signInAs(web.deps, { id: 'org-other' }, [
        { editionId: other.edition.id, role: 'organizer' },
      ]);
      const page = await directory('', organizer);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Ada Tõnisson/);
    });
  });
});
