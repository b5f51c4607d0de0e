import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDatabase } from '../support/databases.ts';
import { seedEdition } from '../support/programme-factory.ts';
import { signInAs } from '../support/sessions.ts';
import { assertRefused, buildTestWebApp, postForm, type TestWebApp } from '../support/web-app.ts';

const GOOD_EDITION = {
  name: 'Digital Services Convening 2022',
  slug: 'dsc-2022',
  year: '2022',
  hosts: 'Public Digital\nHarvard Kennedy School',
  homeTimeZone: 'America/New_York',
  startDate: '2022-11-15',
  endDate: '2022-11-17',
  format: 'remote',
  location: '',
  daytimeStartHour: '8',
  daytimeEndHour: '20',
};

describeEachDatabase('organizers edit the programme, through HTTP', (database) => {
  let web: TestWebApp;
  let organizer: Record<string, string> = {};
  const postAsOrganizer = (url: string, fields: Record<string, string | string[]>) =>
    postForm(web.app, url, fields, organizer);
  let seeded: Awaited<ReturnType<typeof seedEdition>>;
  before(async () => {
    web = await buildTestWebApp(database());
    seeded = await seedEdition(web.deps);
    organizer = await signInAs(
      web.deps,
      { id: 'the-organizer', name: 'Olivia Organizer', email: 'organizer@test.example' },
      [
        {
          editionId: (await web.deps.store.programme.findEditionBySlug('dsc-2021'))!.id,
          role: 'organizer',
        },
      ],
    );
  });
  after(async () => web.app.close());

  it('points to the development outbox on every page while mail is kept in a folder', async () => {
    const html = (await web.app.inject({ url: '/organize', cookies: organizer })).body;
    assert.match(html, /Development mode\./);
    assert.match(html, /href="\/dev\/outbox"/);
  });

  it('creates an edition as a draft and shows its overview', async () => {
    const response = await postAsOrganizer('/organize/editions', GOOD_EDITION);
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/organize/editions/dsc-2022?done=edition-created');
    const edition = await web.deps.store.programme.findEditionBySlug('dsc-2022');
    assert.equal(edition?.status, 'draft');
    assert.deepEqual(edition?.hosts, ['Public Digital', 'Harvard Kennedy School']);
    const overview = await web.app.inject({
      url: '/organize/editions/dsc-2022?done=edition-created',
      cookies: organizer,
    });
    assert.match(overview.body, /The edition was created as a draft\./);
  });

  it('rejects a bad edition form with a summary, a message beside each field and the typed values kept, writing nothing', async () => {
    const before = (await web.deps.store.programme.listEditions()).length;
    const response = await postAsOrganizer('/organize/editions', {
      ...GOOD_EDITION,
      slug: 'Bad Slug!',
      homeTimeZone: 'Atlantis/Capital',
      startDate: '2022-11-17',
      endDate: '2022-11-15',
      name: 'Keep <this> name',
    });
    assert.equal(response.statusCode, 400);
    const html = response.body;
    assert.match(html, /<title>Error: /);
    assert.match(html, /There is a problem/);
    assert.match(html, /href="#field-slug">Use only lower-case letters/);
    assert.match(html, /id="field-slug-error"/);
    assert.match(
      html,
      /href="#field-homeTimeZone">&quot;Atlantis\/Capital&quot; is not a time zone we know/,
    );
    assert.match(
      html,
      /href="#field-endDate">The last day must be the same as or after the first day/,
    );
    assert.match(html, /value="Keep &lt;this&gt; name"/, 'the typed value is kept, escaped');
    assert.match(html, /value="Bad Slug!"/);
    assert.equal((await web.deps.store.programme.listEditions()).length, before);
  });

  it('refuses a second edition with the same address name', async () => {
    const response = await postAsOrganizer('/organize/editions', {
      ...GOOD_EDITION,
      name: 'Duplicate',
    });
    assert.equal(response.statusCode, 400);
    assert.match(
      response.body,
      /Another edition already uses the address name &quot;dsc-2022&quot;/,
    );
  });

  it('edits a session and the programme shows the change', async () => {
    const editPage = await web.app.inject({
      url: `/organize/editions/dsc-2021/sessions/${seeded.sessions.opening.id}/edit`,
      cookies: organizer,
    });
    assert.equal(editPage.statusCode, 200);
    assert.match(editPage.body, /value="14:00"/);
    assert.match(editPage.body, /wanjiru\.kamau@dsc-2021\.example/);
    const response = await postAsOrganizer(
      `/organize/editions/dsc-2021/sessions/${seeded.sessions.opening.id}/edit`,
      {
        title: 'Opening: always a collaboration',
        format: 'talk',
        date: '2021-11-16',
        startTime: '13:30',
        endTime: '14:15',
        description: 'Why we convene.',
        videoUrl: 'https://meet.jit.si/convene-test-opening',
        speakers: 'Wanjiru.Kamau@dsc-2021.example',
        moderators: '',
        themes: [seeded.themes.lockIn.id],
      },
    );
    assert.equal(response.statusCode, 303);
    const programme = (await web.app.inject({ url: '/programme', cookies: organizer })).body;
    assert.match(programme, /Opening: always a collaboration/);
    assert.match(programme, /13:30–14:15 GMT/);
    assert.doesNotMatch(programme, /Opening: collaboration, not competition/);
  });

  it('raises a session’s calendar sequence when its time or title changes, not for its themes or an unchanged save', async () => {
    const id = seeded.sessions.opening.id;
    const edit = (changes: Record<string, string | string[]>) =>
      postAsOrganizer(`/organize/editions/dsc-2021/sessions/${id}/edit`, {
        title: 'Opening: a calendar that keeps up',
        format: 'talk',
        date: '2021-11-16',
        startTime: '13:00',
        endTime: '14:00',
        description: 'Why we convene.',
        videoUrl: '',
        speakers: 'Wanjiru.Kamau@dsc-2021.example',
        moderators: '',
        themes: [seeded.themes.lockIn.id],
        ...changes,
      });
    const sequence = async () => {
      const ics = await web.app.inject({
        url: `/editions/dsc-2021/sessions/${id}/calendar.ics`,
        cookies: organizer,
      });
      assert.equal(ics.statusCode, 200);
      const found = /\r\nSEQUENCE:(\d+)\r\n/.exec(ics.body)?.[1];
      assert.ok(found, 'the event has a SEQUENCE');
      return Number(found);
    };
    assert.equal((await edit({})).statusCode, 303);
    const start = await sequence();

    assert.equal((await edit({})).statusCode, 303);
    assert.equal(await sequence(), start, 'saving it unchanged');
    assert.equal((await edit({ themes: [] })).statusCode, 303);
    assert.equal(await sequence(), start, 'changing only its themes');
    assert.equal((await edit({ themes: [], startTime: '12:30' })).statusCode, 303);
    assert.equal(await sequence(), start + 1, 'moving it');
    assert.equal(
      (await edit({ themes: [], startTime: '12:30', title: 'Opening: renamed' })).statusCode,
      303,
    );
    assert.equal(await sequence(), start + 2, 'renaming it');
    const programme = await web.app.inject({ url: '/editions/dsc-2021/programme.ics' });
    assert.match(programme.body, new RegExp(`UID:${id}@[^\\r]+\\r\\nSEQUENCE:${start + 2}\\r\\n`));
  });

  it('rejects a bad session with every problem named, keeping the typed values, and changes nothing', async () => {
    const url = `/organize/editions/dsc-2021/sessions/${seeded.sessions.panel.id}/edit`;
    const response = await postAsOrganizer(url, {
      title: '',
      format: 'keynote',
      date: '2021-11-16',
      startTime: '16:00',
      endTime: '15:00',
      videoUrl: 'javascript:alert(1)',
      speakers: 'nobody@nowhere.example\nnot-an-email',
      themes: ['No such theme'],
    });
    assert.equal(response.statusCode, 400);
    const html = response.body;
    assert.match(html, /Enter the title of the session/);
    assert.match(html, /Format &quot;keynote&quot; is not one we know/);
    assert.match(html, /Enter the video link as a full web address starting with https:\/\//);
    assert.match(html, /not-an-email is not an email address/);
    assert.match(html, /value="javascript:alert\(1\)"/);
    const session = await web.deps.store.programme.findSession(seeded.sessions.panel.id);
    assert.equal(session?.title, 'Breaking free of big IT vendors');
  });

  it('names unknown speakers and end-before-start once the fields are otherwise right', async () => {
    const response = await postAsOrganizer('/organize/editions/dsc-2021/sessions', {
      title: 'A new session',
      format: 'talk',
      date: '2021-11-17',
      startTime: '16:00',
      endTime: '15:00',
    });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /The session must end after it starts/);
    const unknown = await postAsOrganizer('/organize/editions/dsc-2021/sessions', {
      title: 'A new session',
      format: 'talk',
      date: '2021-11-17',
      startTime: '15:00',
      endTime: '16:00',
      speakers: 'nobody@nowhere.example',
    });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /Nobody with the email nobody@nowhere\.example is known/);
    const sessions = await web.deps.store.programme.listSessions(seeded.edition.id);
    assert.ok(!sessions.some((session) => session.title === 'A new session'));
  });

  it('rejects a time the clocks skip, in the edition’s home time zone', async () => {
    await postAsOrganizer('/organize/editions', {
      ...GOOD_EDITION,
      slug: 'spring-2022',
      name: 'Spring',
      startDate: '2022-03-26',
      endDate: '2022-03-28',
      homeTimeZone: 'Europe/London',
    });
    const response = await postAsOrganizer('/organize/editions/spring-2022/sessions', {
      title: 'Early',
      format: 'talk',
      date: '2022-03-27',
      startTime: '01:30',
      endTime: '02:30',
    });
    assert.equal(response.statusCode, 400);
    assert.match(
      response.body,
      /01:30 does not exist on 2022-03-27 in Europe\/London because the clocks go forward/,
    );
  });

  it('adds, edits and deletes a day and a theme', async () => {
    const added = await postAsOrganizer('/organize/editions/dsc-2021/days', {
      date: '2021-11-18',
      themeLabel: 'NEXT',
      guidingQuestion: 'What should our priorities be?',
    });
    assert.equal(added.statusCode, 303);
    const duplicate = await postAsOrganizer('/organize/editions/dsc-2021/days', {
      date: '2021-11-18',
      themeLabel: 'AGAIN',
      guidingQuestion: 'Again?',
    });
    assert.equal(duplicate.statusCode, 400);
    assert.match(duplicate.body, /already has a day on 2021-11-18/);
    const outside = await postAsOrganizer('/organize/editions/dsc-2021/days', {
      date: '2021-12-25',
      themeLabel: 'X',
      guidingQuestion: 'Y',
    });
    assert.match(outside.body, /must be between 2021-11-16 and 2021-11-18/);
    const day = (await web.deps.store.programme.listDays(seeded.edition.id)).find(
      (d) => d.date === '2021-11-18',
    );
    assert.ok(day);
    const deleted = await postAsOrganizer(`/organize/editions/dsc-2021/days/${day.id}/delete`, {});
    assert.equal(deleted.statusCode, 303);
    assert.ok(
      !(await web.deps.store.programme.listDays(seeded.edition.id)).some((d) => d.id === day.id),
    );

    const theme = await postAsOrganizer('/organize/editions/dsc-2021/themes', {
      name: 'Cross-government collaboration and code sharing',
      description: '',
    });
    assert.equal(theme.statusCode, 303);
    const clash = await postAsOrganizer('/organize/editions/dsc-2021/themes', {
      name: 'vendor lock-in and budgets',
    });
    assert.equal(clash.statusCode, 400);
    assert.match(clash.body, /already has a theme called/);
  });

  it('refuses to move the edition’s dates away from its sessions', async () => {
    const response = await postAsOrganizer('/organize/editions/dsc-2021/edit', {
      ...GOOD_EDITION,
      slug: 'dsc-2021',
      startDate: '2021-12-01',
      endDate: '2021-12-03',
    });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Days or sessions fall outside the new dates/);
    assert.equal(
      (await web.deps.store.programme.findEditionBySlug('dsc-2021'))?.startDate,
      '2021-11-16',
    );
  });

  it('moves an edition through its lifecycle only when the guards allow it', async () => {
    const empty = await postAsOrganizer('/organize/editions/dsc-2022/status', {
      to: 'published',
    });
    assert.equal(empty.statusCode, 409);
    assert.match(
      empty.body,
      /Add at least one day and one session before the edition is published/,
    );
    const early = await postAsOrganizer('/organize/editions/dsc-2021/status', { to: 'archived' });
    assert.equal(early.statusCode, 409);
    assert.match(early.body, /archived only after its last day/);
    const live = await postAsOrganizer('/organize/editions/dsc-2021/status', { to: 'live' });
    assert.equal(live.statusCode, 303);
    assert.equal((await web.deps.store.programme.findEditionBySlug('dsc-2021'))?.status, 'live');
    const invalid = await postAsOrganizer('/organize/editions/dsc-2021/status', {
      to: 'exploded',
    });
    assert.equal(invalid.statusCode, 409);
    assert.match(invalid.body, /is not a status an edition can have/);
    web.clock.set('2021-12-01T12:00:00Z');
    const archived = await postAsOrganizer('/organize/editions/dsc-2021/status', {
      to: 'archived',
    });
    web.clock.set('2021-06-01T12:00:00Z');
    assert.equal(archived.statusCode, 303);
    const back = await postAsOrganizer('/organize/editions/dsc-2021/status', { to: 'published' });
    assert.match(back.body, /An edition that is archived cannot become published/);
  });

  it('deletes a session after a confirmation page', async () => {
    const confirm = await web.app.inject({
      url: `/organize/editions/dsc-2021/sessions/${seeded.sessions.later.id}/delete`,
      cookies: organizer,
    });
    assert.match(confirm.body, /Delete the session “From services to reform”\?/);
    const deleted = await postAsOrganizer(
      `/organize/editions/dsc-2021/sessions/${seeded.sessions.later.id}/delete`,
      {},
    );
    assert.equal(deleted.statusCode, 303);
    assert.equal(await web.deps.store.programme.findSession(seeded.sessions.later.id), null);
  });
});

describeEachDatabase('the audit log', (database) => {
  let web: TestWebApp;
  let organizer: Record<string, string> = {};
  const postAsOrganizer = (url: string, fields: Record<string, string | string[]>) =>
    postForm(web.app, url, fields, organizer);
  before(async () => {
    web = await buildTestWebApp(database());
    await seedEdition(web.deps);
    organizer = await signInAs(
      web.deps,
      { id: 'the-organizer', name: 'Olivia Organizer', email: 'organizer@test.example' },
      [
        {
          editionId: (await web.deps.store.programme.findEditionBySlug('dsc-2021'))!.id,
          role: 'organizer',
        },
      ],
    );
  });
  after(async () => web.app.close());

  it('records who changed what, newest first, and shows it to organizers', async () => {
    await postAsOrganizer('/organize/editions/dsc-2021/themes', {
      name: 'Audited theme',
      description: '',
    });
    const page = await web.app.inject({
      url: '/organize/editions/dsc-2021/audit',
      cookies: organizer,
    });
    assert.equal(page.statusCode, 200);
    const html = page.body;
    assert.match(html, /Added the theme “Audited theme”\./);
    assert.match(
      html,
      /Changed the status of Digital Services Convening dsc-2021 from draft to published\./,
    );
    assert.ok(
      html.indexOf('Audited theme') < html.indexOf('from draft to published'),
      'newest first',
    );
    assert.match(html, /Test organizer \(factory\.organizer@test\.example\)/);
  });

  it('keeps nothing of a change that was refused', async () => {
    const before = (
      await web.app.inject({ url: '/organize/editions/dsc-2021/audit', cookies: organizer })
    ).body.match(/<tr>/g)?.length;
    await postAsOrganizer('/organize/editions/dsc-2021/themes', { name: '' });
    const after = (
      await web.app.inject({ url: '/organize/editions/dsc-2021/audit', cookies: organizer })
    ).body.match(/<tr>/g)?.length;
    assert.equal(after, before);
  });

  it('is not shown to visitors', async () => {
    const visitorWeb = await buildTestWebApp(database());
    assertRefused(await visitorWeb.app.inject('/organize/editions/dsc-2021/audit'));
    await visitorWeb.app.close();
  });
});
