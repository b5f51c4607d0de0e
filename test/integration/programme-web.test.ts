import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import ICAL from 'ical.js';
import { describeEachDatabase } from '../support/databases.ts';
import { LATEST_MIGRATION } from '../support/migrations.ts';
import { seedEdition } from '../support/programme-factory.ts';
import { signInAs } from '../support/sessions.ts';
import { assertRefused, buildTestWebApp, postForm, type TestWebApp } from '../support/web-app.ts';

describeEachDatabase('the programme for people, through HTTP', (database) => {
  let web: TestWebApp;
  let seeded: Awaited<ReturnType<typeof seedEdition>>;
  before(async () => {
    web = await buildTestWebApp(database());
    seeded = await seedEdition(web.deps);
    await seedEdition(web.deps, 'dsc-draft', 'draft');
  });
  after(async () => web.app.close());

  it('reports the database kind and the migration version at /healthz', async () => {
    const response = await web.app.inject('/healthz');
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), {
      status: 'ok',
      database: database().connection.kind,
      migration: LATEST_MIGRATION,
    });
  });

  it('shows the current programme grouped by day, in the edition’s time zone when the viewer’s is unknown', async () => {
    const response = await web.app.inject('/programme');
    assert.equal(response.statusCode, 200);
    const html = response.body;
    assert.match(html, /<h1>Digital Services Convening dsc-2021<\/h1>/);
    assert.match(html, /Day 1: NOW/);
    assert.match(html, /What are we learning right now\?/);
    assert.match(html, /Day 2: LATER/);
    assert.match(html, /14:00–14:45 GMT/);
    assert.ok(
      html.indexOf('Opening: collaboration') < html.indexOf('Breaking free of big IT vendors'),
      'sessions are in time order',
    );
    assert.ok(
      html.indexOf('Breaking free of big IT vendors') < html.indexOf('From services to reform'),
      'day 1 comes before day 2',
    );
    assert.match(html, /Wanjiru Kamau \(Kenya, Ministry of ICT\)/);
    assert.doesNotMatch(html, /wanjiru\.kamau@/, 'the public page never shows emails');
    assert.doesNotMatch(html, /dsc-draft/, 'a draft edition is never the current programme');
  });

  it('shows times in the viewer’s remembered time zone beside the organizers’ time', async () => {
    const response = await web.app.inject({
      url: '/programme',
      cookies: { convene_tz: 'Asia/Tokyo' },
    });
    assert.match(response.body, /23:00–23:45 GMT\+9/);
    assert.match(response.body, /Organizers: 14:00–14:45 GMT/);
  });

  it('groups sessions under their themes', async () => {
    const html = (await web.app.inject('/programme')).body;
    const themes = html.slice(html.indexOf('id="themes"'));
    assert.match(
      themes,
      /Vendor lock-in and budgets[\s\S]*Opening: collaboration[\s\S]*Breaking free of big IT vendors/,
    );
    assert.match(
      themes,
      /Talent and capability frameworks[\s\S]*No session is tagged with this theme yet/,
    );
  });

  it('remembers a chosen time zone and returns to the page it was chosen on', async () => {
    const response = await postForm(web.app, '/preferences/time-zone', {
      timeZone: 'America/Lima',
      returnTo: '/editions/dsc-2021',
    });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/editions/dsc-2021');
    const cookie = response.cookies.find((c) => c.name === 'convene_tz');
    assert.equal(cookie?.value, 'America/Lima');
    assert.equal(cookie?.sameSite, 'Lax');
  });

  it('accepts the old zone names browsers report and stores the current name', async () => {
    const response = await postForm(web.app, '/preferences/time-zone', {
      timeZone: 'Asia/Calcutta',
      returnTo: '/programme',
    });
    assert.equal(response.cookies.find((c) => c.name === 'convene_tz')?.value, 'Asia/Kolkata');
  });

  it('rejects an unknown time zone with a message, and never redirects to another site', async () => {
    const bad = await postForm(web.app, '/preferences/time-zone', {
      timeZone: 'Mars/Olympus_Mons',
      returnTo: '/programme',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /&quot;Mars\/Olympus_Mons&quot; is not a time zone we know/);
    const offsite = await postForm(web.app, '/preferences/time-zone', {
      timeZone: 'Europe/Paris',
      returnTo: '//evil.example/',
    });
    assert.equal(offsite.headers.location, '/programme');
  });

  it('shows a page per session with its people, themes and calendar file, and the meeting link only to the edition’s people', async () => {
    const path = `/editions/dsc-2021/sessions/${seeded.sessions.opening.id}`;
    const response = await web.app.inject(path);
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /<h1>Opening: collaboration, not competition<\/h1>/);
    assert.match(response.body, /Kadri Tamm<\/strong>, Product manager/);
    assert.match(response.body, /calendar\.ics/);
    // A public page never carries the meeting address: that stays in the room.
    assert.doesNotMatch(response.body, /meet\.jit\.si/);
    assert.doesNotMatch(response.body, /Enter the session room/);
    assert.match(response.body, /sign in<\/a> to enter the session room/);
    const attendee = await signInAs(web.deps, { id: 'programme-web-attendee' });
    await web.deps.store.people.addInvitee(
      seeded.edition.id,
      'programme-web-attendee',
      web.clock.now().toISOString(),
    );
    await web.deps.store.access.updateInviteeProgress(seeded.edition.id, 'programme-web-attendee', {
      status: 'registered',
      respondedAt: web.clock.now().toISOString(),
    });
    const forAttendee = await web.app.inject({ url: path, cookies: attendee });
    assert.match(forAttendee.body, /href="https:\/\/meet\.jit\.si\/convene-test-opening"/);
    assert.match(forAttendee.body, new RegExp(`href="${path}/room"`));
  });

  it('answers 404 for an unknown edition or session, and for a session of another edition', async () => {
    assert.equal((await web.app.inject('/editions/nope')).statusCode, 404);
    assert.equal((await web.app.inject('/editions/dsc-2021/sessions/nope')).statusCode, 404);
    const draftSessions = await web.deps.store.programme.listSessions(
      (await web.deps.store.programme.findEditionBySlug('dsc-draft'))!.id,
    );
    assert.equal(
      (await web.app.inject(`/editions/dsc-2021/sessions/${draftSessions[0]!.id}`)).statusCode,
      404,
    );
  });

  it('keeps draft editions from visitors', async () => {
    assertRefused(await web.app.inject('/editions/dsc-draft'));
    assertRefused(await web.app.inject('/editions/dsc-draft/programme.ics'));
    assert.doesNotMatch((await web.app.inject('/editions')).body, /dsc-draft/);
  });

  it('keeps the organizer pages from visitors', async () => {
    assertRefused(await web.app.inject('/organize'));
    const before = (await web.deps.store.programme.listEditions()).length;
    const response = await postForm(web.app, '/organize/editions', {
      name: 'Sneaky',
      slug: 'sneaky',
      year: '2022',
      hosts: 'x',
      homeTimeZone: 'UTC',
      startDate: '2022-01-01',
      endDate: '2022-01-02',
      format: 'remote',
    });
    assert.equal(response.statusCode, 403);
    assert.equal((await web.deps.store.programme.listEditions()).length, before);
  });

  it('serves the programme as an iCalendar feed that parses, one event per session', async () => {
    const response = await web.app.inject('/programme.ics');
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(response.body));
    const events = calendar.getAllSubcomponents('vevent').map((event) => new ICAL.Event(event));
    assert.equal(events.length, 3);
    const opening = events.find(
      (event) => event.summary === 'Opening: collaboration, not competition',
    );
    assert.equal(opening?.startDate.toJSDate().toISOString(), '2021-11-16T14:00:00.000Z');
    assert.equal(opening?.endDate.toJSDate().toISOString(), '2021-11-16T14:45:00.000Z');
  });

  it('serves one session as its own calendar file', async () => {
    const response = await web.app.inject(
      `/editions/dsc-2021/sessions/${seeded.sessions.panel.id}/calendar.ics`,
    );
    assert.equal(response.statusCode, 200);
    assert.match(
      String(response.headers['content-disposition']),
      /attachment; filename="dsc-2021-breaking-free-of-big-it-vendors\.ics"/,
    );
    const events = new ICAL.Component(ICAL.parse(response.body)).getAllSubcomponents('vevent');
    assert.equal(events.length, 1);
    assert.equal(new ICAL.Event(events[0]!).summary, 'Breaking free of big IT vendors');
  });

  it('marks the session running now and the one starting next while the event runs', async () => {
    web.clock.set('2021-11-16T14:30:00Z');
    const html = (await web.app.inject('/programme')).body;
    web.clock.set('2021-06-01T12:00:00Z');
    const now = html.indexOf('tag--now');
    const next = html.indexOf('tag--next');
    assert.ok(now > 0 && next > now, 'both marks are shown, now before next');
    assert.ok(
      html.indexOf('Opening: collaboration') > now && html.indexOf('Opening: collaboration') < next,
    );
    assert.ok(html.indexOf('Breaking free of big IT vendors') > next);
  });

  it('marks nothing as now or next before the event starts', async () => {
    const html = (await web.app.inject('/programme')).body;
    assert.doesNotMatch(html, /tag--now|tag--next/);
  });

  it('answers unknown pages with a 404 page, not an error', async () => {
    const response = await web.app.inject('/no/such/page');
    assert.equal(response.statusCode, 404);
    assert.match(response.body, /Page not found/);
  });

  it('sends security headers on every page', async () => {
    const response = await web.app.inject('/programme');
    assert.match(String(response.headers['content-security-policy']), /script-src 'self'/);
    assert.match(String(response.headers['content-security-policy']), /frame-ancestors 'none'/);
    assert.equal(response.headers['referrer-policy'], 'same-origin');
  });
});
