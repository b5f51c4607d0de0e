import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDatabase } from '../support/databases.ts';
import { seedEdition } from '../support/programme-factory.ts';
import { signInAs } from '../support/sessions.ts';
import { assertRefused, buildTestWebApp, type TestWebApp } from '../support/web-app.ts';

describeEachDatabase('the time-zone fairness page', (database) => {
  let web: TestWebApp;
  let organizer: Record<string, string> = {};
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
    // Invite the two seeded people: one in Nairobi, one in Tallinn, and one more in Auckland.
    await web.deps.store.people.savePerson({
      id: 'p-aroha',
      name: 'Aroha Ngata',
      email: 'aroha.ngata@nz.example',
      governmentId: null,
      role: 'ux-designer',
      maturity: 'momentum',
      timeZone: 'Pacific/Auckland',
    });
    for (const email of [
      'wanjiru.kamau@dsc-2021.example',
      'kadri.tamm@dsc-2021.example',
      'aroha.ngata@nz.example',
    ]) {
      const [person] = await web.deps.store.people.findPeopleByEmails([email]);
      await web.deps.store.people.addInvitee(seeded.edition.id, person!.id, '2021-06-01T00:00:00Z');
    }
  });
  after(async () => web.app.close());

  it('counts invitees in daytime and at night per session and by region', async () => {
    const response = await web.app.inject({
      url: '/organize/editions/dsc-2021/fairness',
      cookies: organizer,
    });
    assert.equal(response.statusCode, 200);
    const html = response.body;
    assert.match(html, /falls for its 3 invitees/);
    assert.match(html, /Invitees by region: Africa 1, Europe 1, Oceania 1\./);
    // 14:00 in London is 17:00 in Nairobi, 16:00 in Tallinn, 03:00 the next day in Auckland.
    const opening = html.slice(html.indexOf(`id="session-${seeded.sessions.opening.id}"`));
    assert.match(
      opening,
      /<th scope="row">Oceania<\/th><td class="number">0 <span class="hint">\(0%\)<\/span><\/td><td class="number">0<\/td><td class="number">0<\/td><td class="number">1 <span class="hint">\(100%\)<\/span><\/td>/,
    );
    assert.match(
      opening,
      /<th scope="row">All invitees<\/th><td class="number">2 <span class="hint">\(67%\)<\/span>/,
    );
  });

  it('suggests start times that put more people in daytime, with a link that fills in the form', async () => {
    const html = (
      await web.app.inject({ url: '/organize/editions/dsc-2021/fairness', cookies: organizer })
    ).body;
    const link = html.match(
      new RegExp(
        `href="(/organize/editions/dsc-2021/sessions/${seeded.sessions.opening.id}/edit\\?[^"]+)"`,
      ),
    );
    assert.ok(link, 'a "Use this time" link is offered for the opening session');
    const url = link[1]!.replace(/&amp;/g, '&');
    const form = await web.app.inject({ url, cookies: organizer });
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /The suggested time is filled in below/);
    const startTime = new URL(url, 'http://x').searchParams.get('startTime');
    assert.match(form.body, new RegExp(`name="startTime" type="text" value="${startTime}"`));
    const session = await web.deps.store.programme.findSession(seeded.sessions.opening.id);
    assert.equal(
      session?.startsAt,
      '2021-11-16T14:00:00Z',
      'nothing changes until the organizer saves',
    );
  });

  it('shows both plans for all the days', async () => {
    const html = (
      await web.app.inject({ url: '/organize/editions/dsc-2021/fairness', cookies: organizer })
    ).body;
    assert.match(html, /Most people in daytime/);
    assert.match(html, /Nights shared out fairly/);
  });

  it('is for organizers only', async () => {
    const visitorWeb = await buildTestWebApp(database());
    assertRefused(await visitorWeb.app.inject('/organize/editions/dsc-2021/fairness'));
    await visitorWeb.app.close();
  });

  it('answers 404 for an unknown edition', async () => {
    assert.equal(
      (await web.app.inject({ url: '/organize/editions/nope/fairness', cookies: organizer }))
        .statusCode,
      404,
    );
  });
});
