import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { issueInvitationLink } from '../../src/app/access/sign-in.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { seedEdition } from '../support/programme-factory.ts';
import { signInAs } from '../support/sessions.ts';
import { buildTestWebApp, formBody, postForm, type TestWebApp } from '../support/web-app.ts';

const SLUG = 'dsc-2021';
const FORM = `/editions/${SLUG}/registration`;
const CONFIRMATION = `${FORM}/confirmation`;

describeEachDatabase('registering for an edition', (database) => {
  let web: TestWebApp;
  let seeded: Awaited<ReturnType<typeof seedEdition>>;
  let people = 0;

  before(async () => {
    web = await buildTestWebApp(database());
    seeded = await seedEdition(web.deps, SLUG);
  });
  after(async () => web.app.close());

  /** A new person in Lagos, invited to the edition (unless told otherwise) and signed in. */
  async function invitee(options: { invited?: boolean; editionId?: string } = {}) {
    const id = `p-invitee-${++people}`;
    await web.deps.store.people.savePerson({
      id,
      name: `Amara Okafor ${people}`,
      email: `amara.${people}@ng.example`,
      governmentId: null,
      role: 'product-manager',
      maturity: 'starting',
      timeZone: 'Africa/Lagos',
    });
    if (options.invited ?? true)
      await web.deps.store.people.addInvitee(
        options.editionId ?? seeded.edition.id,
        id,
        web.clock.now().toISOString(),
      );
    return { id, cookies: await signInAs(web.deps, { id }) };
  }

  const progressOf = async (personId: string, editionId = seeded.edition.id) =>
    (await web.deps.store.access.listInvitationsOf(personId)).find(
      (i) => i.editionId === editionId,
    );
  const registrationOf = (personId: string) =>
    web.deps.store.registrations.findRegistration(seeded.edition.id, personId);

  const attending = (overrides: Record<string, string | string[]> = {}) => ({
    attending: 'yes',
    displayName: 'Amara O.',
    timeZone: 'Africa/Lagos',
    accessibilityNeeds: 'Live captions, please.',
    inDirectory: 'no',
    ...overrides,
  });

  describe('the form', () => {
    it('fills in the invitee’s name and time zone and groups sessions by day in their zone', async () => {
      const { cookies } = await invitee();
      const page = await web.app.inject({ url: FORM, cookies });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1>Register for Digital Services Convening dsc-2021<\/h1>/);
      assert.match(
        page.body,
        /id="field-displayName" name="displayName" type="text" value="Amara Okafor \d+"/,
      );
      assert.match(page.body, /<option value="Africa\/Lagos" selected>Africa\/Lagos<\/option>/);
      assert.match(page.body, /<legend>Day 1: NOW, Tuesday 16 November 2021<\/legend>/);
      assert.match(page.body, /<legend>Day 2: LATER, Wednesday 17 November 2021<\/legend>/);
      // 14:00 in London in November is 15:00 in Lagos.
      assert.match(
        page.body,
        /Opening: collaboration, not competition <span class="hint choice__hint">Tue 16 Nov, 15:00–15:45 [^<]+ · Talk<\/span>/,
      );
      assert.match(page.body, /Only the organizers see this\./);
      assert.match(page.body, /aria-describedby="field-accessibilityNeeds-hint"/);
      // Nobody is in the directory unless they say so.
      assert.match(page.body, /name="inDirectory" value="no" checked/);
      assert.doesNotMatch(page.body, /name="inDirectory" value="yes" checked/);
      assert.doesNotMatch(page.body, /name="attending" value="(yes|no)" checked/);
      assert.match(
        page.body,
        /<legend>Which themes is your team struggling with\? \(optional\)<\/legend>/,
      );
      assert.match(page.body, /name="_csrf"/);
    });

    it('is linked from the account page of an invitee', async () => {
      const { cookies } = await invitee();
      const account = await web.app.inject({ url: '/account', cookies });
      assert.match(
        account.body,
        new RegExp(`href="${FORM}">Register<span class="visually-hidden"> for`),
      );
      assert.match(account.body, /Not answered yet/);
    });

    it('opens for an invitee who follows their invitation link', async () => {
      const { id } = await invitee();
      const link = await issueInvitationLink(web.deps, seeded.edition.id, id);
      const followed = await postForm(web.app, new URL(link).pathname, {});
      assert.equal(followed.statusCode, 303);
      assert.equal(followed.headers.location, FORM);
      const session = followed.cookies.find((c) => c.name === 'convene_session');
      assert.ok(session);
      const page = await web.app.inject({ url: FORM, cookies: { convene_session: session.value } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Will you attend\?/);
    });
  });

  describe('answering', () => {
    it('registers an invitee, confirms what they chose and marks their sessions on the programme', async () => {
      const { id, cookies } = await invitee();
      web.clock.set('2021-06-02T09:30:00Z');
      const saved = await postForm(
        web.app,
        FORM,
        attending({
          inDirectory: 'yes',
          sessions: [seeded.sessions.later.id, seeded.sessions.opening.id],
          strugglingThemes: seeded.themes.lockIn.id,
        }),
        cookies,
      );
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, `${CONFIRMATION}?saved=1`);

      assert.deepEqual(await registrationOf(id), {
        editionId: seeded.edition.id,
        personId: id,
        displayName: 'Amara O.',
        timeZone: 'Africa/Lagos',
        accessibilityNeeds: 'Live captions, please.',
        inDirectory: true,
        sessionIds: [seeded.sessions.opening.id, seeded.sessions.later.id],
        strugglingThemeIds: [seeded.themes.lockIn.id],
        helpingThemeIds: [],
        updatedAt: '2021-06-02T09:30:00.000Z',
      });
      const progress = await progressOf(id);
      assert.equal(progress?.status, 'registered');
      assert.equal(progress?.respondedAt, '2021-06-02T09:30:00.000Z');

      const confirmation = await web.app.inject({ url: `${CONFIRMATION}?saved=1`, cookies });
      assert.equal(confirmation.statusCode, 200);
      assert.match(confirmation.body, /Your answers were saved\./);
      assert.match(confirmation.body, /<h1>You are registered<\/h1>/);
      assert.match(confirmation.body, /<dd>Amara O\.<\/dd>/);
      assert.match(confirmation.body, /Live captions, please\./);
      assert.match(confirmation.body, /Yes, you are listed/);
      assert.match(confirmation.body, /Vendor lock-in and budgets/);
      assert.match(
        confirmation.body,
        /From services to reform<\/a> <span class="hint">Wed 17 Nov, 15:00–16:00/,
      );
      assert.match(confirmation.body, /href="\/editions\/dsc-2021">See your programme<\/a>/);

      const programme = await web.app.inject({ url: `/editions/${SLUG}`, cookies });
      assert.equal(programme.statusCode, 200);
      assert.equal(programme.body.match(/You plan to attend<\/strong>/g)?.length, 2);
      const marked = programme.body
        .split('<li class="session')
        .filter((card) => card.includes('You plan to attend</strong>'))
        .map((card) => card.match(/session__title"><a [^>]*>([^<]+)</)?.[1]);
      assert.deepEqual(marked, [
        'Opening: collaboration, not competition',
        'From services to reform',
      ]);

      const anonymous = await web.app.inject({ url: `/editions/${SLUG}` });
      assert.doesNotMatch(anonymous.body, /You plan to attend/);
      web.clock.set('2021-06-01T12:00:00Z');
    });

    it('lets an invitee come back, change their answers, then decline', async () => {
      const { id, cookies } = await invitee();
      await postForm(web.app, FORM, attending({ sessions: seeded.sessions.panel.id }), cookies);
      const again = await web.app.inject({ url: FORM, cookies });
      assert.match(again.body, /You registered on Tuesday 1 June 2021\./);
      assert.match(again.body, /name="attending" value="yes" checked/);
      assert.match(again.body, new RegExp(`value="${seeded.sessions.panel.id}" checked`));

      const changed = await postForm(
        web.app,
        FORM,
        attending({ displayName: 'Amara', sessions: [], helpingThemes: seeded.themes.lockIn.id }),
        cookies,
      );
      assert.equal(changed.statusCode, 303);
      const registration = await registrationOf(id);
      assert.equal(registration?.displayName, 'Amara');
      assert.deepEqual(registration?.sessionIds, []);
      assert.deepEqual(registration?.helpingThemeIds, [seeded.themes.lockIn.id]);

      web.clock.set('2021-06-01T18:00:00Z');
      const declined = await postForm(web.app, FORM, { attending: 'no' }, cookies);
      web.clock.set('2021-06-01T12:00:00Z');
      assert.equal(declined.statusCode, 303);
      assert.equal(
        await registrationOf(id),
        null,
        'nothing is kept about a person who will not come',
      );
      const progress = await progressOf(id);
      assert.equal(progress?.status, 'declined');
      assert.equal(progress?.respondedAt, '2021-06-01T18:00:00.000Z');

      const confirmation = await web.app.inject({ url: CONFIRMATION, cookies });
      assert.match(confirmation.body, /<h1>You told us you will not attend<\/h1>/);
      const form = await web.app.inject({ url: FORM, cookies });
      assert.match(form.body, /name="attending" value="no" checked/);
      const account = await web.app.inject({ url: '/account', cookies });
      assert.match(account.body, /You cannot attend/);
    });

    it('sends an invitee who has not answered from the confirmation to the form', async () => {
      const { cookies } = await invitee();
      const response = await web.app.inject({ url: CONFIRMATION, cookies });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, FORM);
    });
  });

  describe('problems', () => {
    it('lists every problem, keeps what was typed and writes nothing', async () => {
      const { id, cookies } = await invitee();
      const response = await postForm(
        web.app,
        FORM,
        attending({
          displayName: '   ',
          timeZone: 'Mars/Olympus_Mons',
          accessibilityNeeds: 'Step-free access',
          sessions: seeded.sessions.later.id,
        }),
        cookies,
      );
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /<title>Error: Register for/);
      assert.match(response.body, /There is a problem/);
      assert.match(
        response.body,
        /<a href="#field-displayName">Enter the name other attendees will see\.<\/a>/,
      );
      assert.match(response.body, /&quot;Mars\/Olympus_Mons&quot; is not a time zone we know/);
      assert.match(response.body, /id="field-displayName-error"/);
      assert.match(response.body, />Step-free access<\/textarea>/);
      assert.match(response.body, new RegExp(`value="${seeded.sessions.later.id}" checked`));
      assert.match(response.body, /name="attending" value="yes" checked/);
      assert.equal(await registrationOf(id), null);
      const progress = await progressOf(id);
      assert.equal(progress?.status, 'invited');
      assert.equal(progress?.respondedAt, null);
    });

    it('asks whether the invitee will attend when neither answer was chosen', async () => {
      const { id, cookies } = await invitee();
      const response = await postForm(web.app, FORM, { displayName: 'Amara' }, cookies);
      assert.equal(response.statusCode, 400);
      assert.match(
        response.body,
        /<a href="#field-attending">Choose whether you will attend\.<\/a>/,
      );
      assert.match(response.body, /id="field-attending"/);
      assert.equal((await progressOf(id))?.status, 'invited');
    });

    it('rejects sessions and themes from a tampered form instead of dropping them', async () => {
      const { id, cookies } = await invitee();
      const response = await postForm(
        web.app,
        FORM,
        attending({
          sessions: [seeded.sessions.opening.id, 'forged-session'],
          strugglingThemes: ['forged-theme'],
          helpingThemes: [seeded.themes.lockIn.id],
        }),
        cookies,
      );
      assert.equal(response.statusCode, 400);
      assert.match(
        response.body,
        /<a href="#field-sessions">One of the sessions you chose is not in this edition\./,
      );
      assert.match(
        response.body,
        /<a href="#field-strugglingThemes">One of the themes you chose is not in this edition\./,
      );
      assert.match(response.body, /id="field-sessions"/);
      assert.doesNotMatch(response.body, /forged-session/);
      assert.equal(await registrationOf(id), null);
      assert.equal((await progressOf(id))?.status, 'invited');
    });

    it('keeps the saved registration when a change is rejected', async () => {
      const { id, cookies } = await invitee();
      await postForm(web.app, FORM, attending({ sessions: seeded.sessions.panel.id }), cookies);
      const before = await registrationOf(id);
      const rejected = await postForm(
        web.app,
        FORM,
        attending({ displayName: '', sessions: 'forged-session' }),
        cookies,
      );
      assert.equal(rejected.statusCode, 400);
      assert.deepEqual(await registrationOf(id), before);
    });
  });

  describe('who may register', () => {
    it('refuses a signed-in person who is not invited, with a plain message', async () => {
      const { id, cookies } = await invitee({ invited: false });
      const page = await web.app.inject({ url: FORM, cookies });
      assert.equal(page.statusCode, 403);
      assert.match(page.body, /You are not invited to this edition/);
      const post = await postForm(web.app, FORM, attending(), cookies);
      assert.equal(post.statusCode, 403);
      assert.equal(await registrationOf(id), null);
      assert.equal((await web.app.inject({ url: CONFIRMATION, cookies })).statusCode, 403);
    });

    it('sends a signed-out visitor to sign in', async () => {
      for (const response of [
        await web.app.inject({ url: FORM }),
        await web.app.inject({ url: CONFIRMATION }),
        await postForm(web.app, FORM, attending()),
      ]) {
        assert.equal(response.statusCode, 303);
        assert.equal(response.headers.location, '/sign-in');
      }
    });

    it('tells an invitee that registration is closed for a draft or archived edition', async () => {
      const draft = await seedEdition(web.deps, 'dsc-draft', 'draft');
      const { id, cookies } = await invitee({ editionId: draft.edition.id });
      const page = await web.app.inject({ url: '/editions/dsc-draft/registration', cookies });
      assert.equal(page.statusCode, 403);
      assert.match(page.body, /<h1>Registration is closed<\/h1>/);
      assert.match(page.body, /is not open yet/);
      const post = await postForm(
        web.app,
        '/editions/dsc-draft/registration',
        attending(),
        cookies,
      );
      assert.equal(post.statusCode, 403);
      assert.equal((await progressOf(id, draft.edition.id))?.status, 'invited');

      await web.deps.store.programme.updateEdition({ ...draft.edition, status: 'archived' });
      const archived = await web.app.inject({ url: '/editions/dsc-draft/registration', cookies });
      assert.equal(archived.statusCode, 403);
      assert.match(archived.body, /has ended, so registration is closed/);
    });

    it('answers an edition that does not exist with 404', async () => {
      const { cookies } = await invitee();
      const response = await web.app.inject({ url: '/editions/no-such/registration', cookies });
      assert.equal(response.statusCode, 404);
    });

    it('refuses a registration without its CSRF token, changing nothing', async () => {
      const { id, cookies } = await invitee();
      const response = await web.app.inject({
        method: 'POST',
        url: FORM,
        cookies,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody(attending()),
      });
      assert.equal(response.statusCode, 403);
      assert.match(response.body, /This form has expired/);
      assert.equal(await registrationOf(id), null);
      assert.equal((await progressOf(id))?.status, 'invited');
    });
  });
});
