import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { processDueMail } from '../../src/app/invitations/process-due-mail.ts';
import { newListedProfile } from '../../src/domain/directory/directory-profile.ts';
import {
  DECLINE_GRACE_DAYS,
  INTRODUCTIONS_PER_DAY,
  OPEN_INTRODUCTIONS_LIMIT,
  UNAVAILABLE_MESSAGE,
} from '../../src/domain/introductions/introduction.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { unescapeHtml } from '../support/invitees.ts';
import { describeMessage } from '../support/mail.ts';
import { seedEdition } from '../support/programme-factory.ts';
import { signInAs } from '../support/sessions.ts';
import { buildTestWebApp, postForm, type TestWebApp } from '../support/web-app.ts';

const SLUG = 'dsc-2021';
const START = '2021-11-20T12:00:00.000Z';

interface Someone {
  id: string;
  name: string;
  email: string;
  cookies: Record<string, string>;
}

describeEachDatabase('introductions with consent, through HTTP', (database) => {
  let web: TestWebApp;
  let seeded: Awaited<ReturnType<typeof seedEdition>>;
  let serial = 0;
  const KE = () => `gov-ke-${SLUG}`;
  const EE = () => `gov-ee-${SLUG}`;

  /**
   * A registered attendee of the edition, listed in the directory unless told otherwise, with
   * the themes their team struggles with and can help with.
   */
  async function attendee(
    label: string,
    options: {
      governmentId?: string;
      listed?: boolean;
      struggling?: string[];
      helping?: string[];
      maturity?: 'starting' | 'momentum';
    } = {},
  ): Promise<Someone> {
    const n = ++serial;
    const id = `p-${label}-${n}`;
    const person = { id, name: `${label} Person${n}`, email: `${label}.${n}@gov.example` };
    const at = web.clock.now().toISOString();
    await web.deps.store.people.savePerson({
      ...person,
      governmentId: options.governmentId ?? KE(),
      role: 'engineer',
      maturity: options.maturity ?? 'starting',
      timeZone: 'Europe/London',
    });
    const cookies = await signInAs(web.deps, person);
    await web.deps.store.people.addInvitee(seeded.edition.id, id, at);
    await web.deps.store.access.updateInviteeProgress(seeded.edition.id, id, {
      status: 'registered',
      respondedAt: at,
    });
    await web.deps.store.registrations.saveRegistration({
      editionId: seeded.edition.id,
      personId: id,
      displayName: person.name,
      timeZone: 'Europe/London',
      accessibilityNeeds: '',
      inDirectory: options.listed !== false,
      sessionIds: [],
      strugglingThemeIds: options.struggling ?? [],
      helpingThemeIds: options.helping ?? [],
      updatedAt: at,
    });
    if (options.listed !== false)
      await web.deps.store.directory.saveProfile(newListedProfile(id, at));
    return { ...person, cookies };
  }

  const ask = (from: Someone, to: { id: string }, message: string) =>
    postForm(web.app, `/introductions/ask/${to.id}`, { message }, from.cookies);
  const page = async (who: Someone) => {
    const response = await web.app.inject({ url: '/introductions', cookies: who.cookies });
    assert.equal(response.statusCode, 200);
    return unescapeHtml(response.body);
  };
  const requestsTo = (who: Someone) =>
    web.deps.store.introductions
      .listInvolving(who.id)
      .then((all) => all.filter((i) => i.recipientId === who.id));
  const answer = (who: Someone, introductionId: string, decision: string) =>
    postForm(web.app, `/introductions/${introductionId}/answer`, { decision }, who.cookies);
  const mailTo = async (email: string) => {
    const messages = await Promise.all(web.readOutbox().map((m) => describeMessage(m.raw)));
    return messages.filter((m) => m.to.includes(email));
  };
  const allMail = async () =>
    Promise.all(
      web.readOutbox().map(async (m) => ({ ...(await describeMessage(m.raw)), raw: m.raw })),
    );

  before(async () => {
    web = await buildTestWebApp(database(), { now: START });
    seeded = await seedEdition(web.deps, SLUG);
  });
  after(async () => web.app.close());

  describe('asking and accepting', () => {
    it('shows and mails no email address before acceptance, and both addresses after', async () => {
      const ada = await attendee('ada', { governmentId: EE() });
      const kofi = await attendee('kofi');
      const asked = await ask(ada, kofi, 'We are both fighting <b>procurement</b> rules.');
      assert.equal(asked.statusCode, 303, asked.body);
      assert.equal(asked.headers.location, '/introductions?done=asked');

      // Before acceptance: every page either of them sees, and every email, is free of both addresses.
      await processDueMail(web.deps, { limit: 10 });
      const before = [
        await page(ada),
        await page(kofi),
        (await web.app.inject({ url: '/peers', cookies: ada.cookies })).body,
        (await web.app.inject({ url: '/peers', cookies: kofi.cookies })).body,
        (await web.app.inject({ url: `/introductions/ask/${kofi.id}`, cookies: ada.cookies })).body,
        (await web.app.inject({ url: `/introductions/ask/${ada.id}`, cookies: kofi.cookies })).body,
      ];
      for (const html of before) {
        assert.ok(!html.includes(ada.email.split('@')[0]!), 'no address of the asker in a page');
        assert.ok(!html.includes(kofi.email.split('@')[0]!), 'no address of the person asked');
      }
      const requestMail = await mailTo(kofi.email);
      assert.equal(requestMail.length, 1);
      assert.equal(requestMail[0]!.subject, `${ada.name} would like an introduction`);
      assert.match(requestMail[0]!.text, /We are both fighting <b>procurement<\/b> rules\./);
      assert.match(requestMail[0]!.text, /http:\/\/localhost:3000\/introductions/);
      for (const message of await allMail())
        assert.ok(!message.raw.includes(ada.email), `no asker address in "${message.subject}"`);
      assert.equal((await mailTo(ada.email)).length, 0, 'the asker is sent nothing yet');

      // The person asked sees the message, escaped, and who asked.
      const kofiPage = await web.app.inject({ url: '/introductions', cookies: kofi.cookies });
      assert.match(kofiPage.body, /We are both fighting &lt;b&gt;procurement&lt;\/b&gt; rules\./);
      assert.match(
        unescapeHtml(kofiPage.body),
        new RegExp(`${ada.name}</strong>, Digital State Office, Estonia`),
      );
      assert.match(await page(ada), /Waiting for an answer/);

      const [request] = await requestsTo(kofi);
      const accepted = await answer(kofi, request!.id, 'accept');
      assert.equal(accepted.statusCode, 303);
      assert.equal(accepted.headers.location, '/introductions?done=accepted');
      await processDueMail(web.deps, { limit: 10 });
      const toAda = await mailTo(ada.email);
      const toKofi = (await mailTo(kofi.email)).filter((m) => m.subject.startsWith('Introduction'));
      assert.equal(toAda.length, 1);
      assert.equal(toKofi.length, 1);
      assert.match(toAda[0]!.text, new RegExp(`You can write to ${kofi.name} at: ${kofi.email}`));
      assert.match(toKofi[0]!.text, new RegExp(`You can write to ${ada.name} at: ${ada.email}`));
      // Pages still show no address: they only ever travel by email.
      assert.ok(!(await page(ada)).includes(kofi.email));
      assert.ok(!(await page(kofi)).includes(ada.email));
      assert.match(await page(ada), /Accepted: check your email/);
    });

    it('refuses bad input with 400 naming the field, keeping what was typed, and stores nothing', async () => {
      const ada = await attendee('ada', { governmentId: EE() });
      const kofi = await attendee('kofi');
      const empty = await ask(ada, kofi, '   ');
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /href="#field-message"/);
      assert.match(empty.body, /Enter a short message/);
      const long = await ask(ada, kofi, 'x'.repeat(601));
      assert.equal(long.statusCode, 400);
      assert.match(long.body, /601 characters long; the limit is 600/);
      assert.match(long.body, /x{601}<\/textarea>/);
      const self = await ask(ada, ada, 'Hello me');
      assert.equal(self.statusCode, 400);
      assert.match(self.body, /You cannot ask for an introduction to yourself/);
      assert.equal((await requestsTo(kofi)).length, 0);
      assert.equal((await requestsTo(ada)).length, 0);
    });

    it('answers 404 for an unknown person, and for one neither listed nor met', async () => {
      const ada = await attendee('ada', { governmentId: EE() });
      const hidden = await attendee('hidden', { listed: false });
      for (const id of ['no-such-person', hidden.id]) {
        assert.equal((await ask(ada, { id }, 'Hello')).statusCode, 404, id);
        assert.equal(
          (await web.app.inject({ url: `/introductions/ask/${id}`, cookies: ada.cookies }))
            .statusCode,
          404,
        );
      }
      assert.equal((await requestsTo(hidden)).length, 0);
    });

    it('lets someone ask a person they met who is not in the directory', async () => {
      const ada = await attendee('ada', { governmentId: EE() });
      const met = await attendee('met', { listed: false });
      const sessionId = seeded.sessions.panel.id;
      const joinedAt = seeded.sessions.panel.startsAt;
      await web.deps.store.live.openPresence(
        [ada, met].map((someone, i) => ({
          id: `presence-${someone.id}-${i}`,
          sessionId,
          personId: someone.id,
          nodeId: 'test',
          joinedAt,
          leftAt: seeded.sessions.panel.endsAt,
        })),
      );
      const asked = await ask(ada, met, 'We were in the panel together.');
      assert.equal(asked.statusCode, 303, asked.body);
      // They were not in the directory, so they are never suggested.
      const peers = await web.app.inject({ url: '/peers', cookies: ada.cookies });
      assert.ok(!peers.body.includes(met.name));
    });

    it('refuses a duplicate request either way, pointing the other person to accept', async () => {
      const ada = await attendee('ada', { governmentId: EE() });
      const kofi = await attendee('kofi');
      assert.equal((await ask(ada, kofi, 'First')).statusCode, 303);
      const again = await ask(ada, kofi, 'Second');
      assert.equal(again.statusCode, 409);
      assert.match(unescapeHtml(again.body), /already asked for an introduction to this person/);
      const back = await ask(kofi, ada, 'Back at you');
      assert.equal(back.statusCode, 409);
      assert.match(
        unescapeHtml(back.body),
        /already asked for an introduction to you\. Accept their request/,
      );
      assert.equal((await web.deps.store.introductions.listBetween(ada.id, kofi.id)).length, 1);
    });

    it('lets only one of two people asking each other at the same moment succeed', async () => {
      const ada = await attendee('ada', { governmentId: EE() });
      const kofi = await attendee('kofi');
      const results = await Promise.all([ask(ada, kofi, 'One'), ask(kofi, ada, 'Two')]);
      assert.deepEqual(results.map((r) => r.statusCode).sort(), [303, 409]);
      assert.equal((await web.deps.store.introductions.listBetween(ada.id, kofi.id)).length, 1);
    });

    it('applies only one of an accept and a decline sent at the same moment', async () => {
      for (let round = 0; round < 3; round++) {
        const ada = await attendee('ada', { governmentId: EE() });
        const kofi = await attendee('kofi');
        assert.equal((await ask(ada, kofi, 'Race')).statusCode, 303);
        const [request] = await requestsTo(kofi);
        const results = await Promise.all([
          answer(kofi, request!.id, 'accept'),
          answer(kofi, request!.id, 'decline'),
        ]);
        assert.deepEqual(results.map((r) => r.statusCode).sort(), [303, 409]);
        const stored = await web.deps.store.introductions.findIntroduction(request!.id);
        const acceptedFirst = results[0]!.statusCode === 303;
        assert.equal(stored?.status, acceptedFirst ? 'accepted' : 'declined');
        const acceptanceMail = (await web.deps.store.introductions.listMail(request!.id)).filter(
          (m) => m.kind === 'accepted',
        );
        assert.equal(acceptanceMail.length, acceptedFirst ? 2 : 0);
      }
    });

    it('does not let anyone else answer a request, nor answer it twice', async () => {
      const ada = await attendee('ada', { governmentId: EE() });
      const kofi = await attendee('kofi');
      const eve = await attendee('eve');
      await ask(ada, kofi, 'Hello');
      const [request] = await requestsTo(kofi);
      assert.equal((await answer(eve, request!.id, 'accept')).statusCode, 404);
      assert.equal((await answer(ada, request!.id, 'accept')).statusCode, 404);
      const bad = await answer(kofi, request!.id, 'maybe');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Choose to accept or decline/);
      assert.equal((await answer(kofi, request!.id, 'decline')).statusCode, 303);
      assert.equal((await answer(kofi, request!.id, 'accept')).statusCode, 409);
      assert.equal(
        (await web.deps.store.introductions.findIntroduction(request!.id))?.status,
        'declined',
      );
    });
  });

  describe('declines are silent', () => {
    it('shows the asker "waiting" during the grace period, then "not taken up", never "declined", and mails nothing', async () => {
      const ada = await attendee('ada', { governmentId: EE() });
      const kofi = await attendee('kofi');
      await ask(ada, kofi, 'Hello');
      const [request] = await requestsTo(kofi);
      assert.equal((await answer(kofi, request!.id, 'decline')).statusCode, 303);
      await processDueMail(web.deps, { limit: 10 });
      assert.equal((await mailTo(ada.email)).length, 0, 'nothing is mailed to the asker');
      const during = await page(ada);
      assert.match(during, /data-outcome="pending">Waiting for an answer/);
      assert.doesNotMatch(during, /declin/i);
      // Asking again in the grace period reads as a request still waiting.
      assert.match(unescapeHtml((await ask(ada, kofi, 'Again')).body), /have not answered yet/);

      web.clock.set(new Date(Date.parse(START) + DECLINE_GRACE_DAYS * 86_400_000).toISOString());
      try {
        const afterwards = await page(ada);
        assert.match(afterwards, /data-outcome="not-taken-up">Not taken up/);
        assert.doesNotMatch(afterwards, /declin/i);
        const data = JSON.parse(
          (await web.app.inject({ url: '/account/data.json', cookies: ada.cookies })).body,
        );
        assert.equal(data.introductions.asked[0].status, 'not-taken-up');
        // One ask per person: nobody is pestered after not taking a request up.
        const again = await ask(ada, kofi, 'Again');
        assert.equal(again.statusCode, 409);
        assert.match(
          unescapeHtml(again.body),
          new RegExp(UNAVAILABLE_MESSAGE.replace(/\./g, '\\.')),
        );
      } finally {
        web.clock.set(START);
      }
      assert.match(await page(kofi), /You declined/);
    });
  });

  describe('rate limits', () => {
    it(`allows ${INTRODUCTIONS_PER_DAY} requests in 24 hours, then says plainly when the next one can be made`, async () => {
      const ada = await attendee('ada', { governmentId: EE() });
      const others = [];
      for (let i = 0; i <= INTRODUCTIONS_PER_DAY; i++) others.push(await attendee('other'));
      const base = Date.parse(START);
      try {
        for (let i = 0; i < INTRODUCTIONS_PER_DAY; i++) {
          web.clock.set(new Date(base + i * 60_000).toISOString());
          assert.equal((await ask(ada, others[i]!, `Hello ${i}`)).statusCode, 303);
        }
        web.clock.set(new Date(base + 3_600_000).toISOString());
        const limited = await ask(ada, others[INTRODUCTIONS_PER_DAY]!, 'One too many');
        assert.equal(limited.statusCode, 429);
        assert.equal(limited.headers['retry-after'], String(23 * 3600));
        assert.match(
          unescapeHtml(limited.body),
          /You can ask for 5 introductions in any 24 hours, and you have\. Your request was not sent: you can ask again after 21 November 2021, 12:00 UTC\./,
        );
        assert.equal((await requestsTo(others[INTRODUCTIONS_PER_DAY]!)).length, 0);
        // The limit is counted from stored requests, so it holds across processes and restarts.
        web.clock.set(new Date(base + 86_400_000 + 1000).toISOString());
        assert.equal(
          (await ask(ada, others[INTRODUCTIONS_PER_DAY]!, 'A day later')).statusCode,
          303,
        );
      } finally {
        web.clock.set(START);
      }
    });

    it('caps the requests waiting for an answer, whatever the days between them', async () => {
      const ada = await attendee('ada', { governmentId: EE() });
      const others = [];
      for (let i = 0; i <= OPEN_INTRODUCTIONS_LIMIT; i++) others.push(await attendee('open'));
      const base = Date.parse(START);
      try {
        for (let i = 0; i < OPEN_INTRODUCTIONS_LIMIT; i++) {
          // Two a day, well within the daily limit.
          web.clock.set(new Date(base + i * 12 * 3_600_000).toISOString());
          assert.equal((await ask(ada, others[i]!, `Hello ${i}`)).statusCode, 303);
        }
        web.clock.set(new Date(base + 30 * 86_400_000).toISOString());
        const capped = await ask(ada, others[OPEN_INTRODUCTIONS_LIMIT]!, 'Eleventh');
        assert.equal(capped.statusCode, 429);
        assert.match(
          unescapeHtml(capped.body),
          /You have 10 requests waiting for an answer, which is the most you can have at once\. Your request was not sent: you can ask again once one of them is answered\./,
        );
        // One answered (declined, silently) frees a place.
        const [first] = await requestsTo(others[0]!);
        assert.equal((await answer(others[0]!, first!.id, 'decline')).statusCode, 303);
        assert.equal(
          (await ask(ada, others[OPEN_INTRODUCTIONS_LIMIT]!, 'Eleventh')).statusCode,
          303,
        );
      } finally {
        web.clock.set(START);
      }
    });

    it('holds under requests sent at the same moment', async () => {
      const ada = await attendee('ada', { governmentId: EE() });
      const others = [];
      for (let i = 0; i < INTRODUCTIONS_PER_DAY + 3; i++) others.push(await attendee('burst'));
      const results = await Promise.all(others.map((other) => ask(ada, other, 'Burst')));
      assert.equal(results.filter((r) => r.statusCode === 303).length, INTRODUCTIONS_PER_DAY);
      assert.equal(results.filter((r) => r.statusCode === 429).length, 3);
      const made = (await web.deps.store.introductions.listInvolving(ada.id)).length;
      assert.equal(made, INTRODUCTIONS_PER_DAY);
    });
  });

  describe('blocking', () => {
    it('declines open requests from the blocked person and refuses new ones without saying why', async () => {
      const ada = await attendee('ada', { governmentId: EE() });
      const kofi = await attendee('kofi');
      await ask(ada, kofi, 'Hello');
      const blocked = await postForm(
        web.app,
        '/introductions/blocks',
        { personId: ada.id },
        kofi.cookies,
      );
      assert.equal(blocked.statusCode, 303);
      const [request] = await requestsTo(kofi);
      assert.equal(request?.status, 'declined');
      assert.match(await page(kofi), new RegExp(`People you blocked[\\s\\S]*${ada.name}`));
      // The asker still sees their request waiting, and learns nothing of the block.
      const adaPage = await page(ada);
      const outgoing = adaPage.slice(
        adaPage.indexOf('id="outgoing"'),
        adaPage.indexOf('aria-labelledby="blocked-title"'),
      );
      assert.match(outgoing, /Waiting for an answer/);
      assert.doesNotMatch(outgoing, /block|declin/i);
      // After the grace period, a new request is refused in the words used for anyone who cannot be asked.
      web.clock.set(new Date(Date.parse(START) + 30 * 86_400_000).toISOString());
      try {
        const again = await ask(ada, kofi, 'Please');
        assert.equal(again.statusCode, 409);
        const summary = again.body.match(/<ul class="error-summary__list">[\s\S]*?<\/ul>/)?.[0];
        assert.ok(summary);
        assert.doesNotMatch(summary, /block/i);
        assert.match(
          unescapeHtml(again.body),
          /You cannot ask for an introduction to this person\. Nothing was sent\./,
        );
      } finally {
        web.clock.set(START);
      }
      assert.equal((await requestsTo(kofi)).length, 1);
    });

    it('withdraws the blocker’s own waiting request, so the blocked person cannot accept it', async () => {
      const ada = await attendee('ada', { governmentId: EE() });
      const kofi = await attendee('kofi');
      assert.equal((await ask(kofi, ada, 'Hello Ada')).statusCode, 303);
      const [request] = await requestsTo(ada);
      await postForm(web.app, '/introductions/blocks', { personId: ada.id }, kofi.cookies);
      assert.equal((await answer(ada, request!.id, 'accept')).statusCode, 404);
      assert.equal(await web.deps.store.introductions.findIntroduction(request!.id), null);
      await processDueMail(web.deps, { limit: 10 });
      assert.ok(
        !(await allMail()).some((m) => m.raw.includes(kofi.email) && m.to.includes(ada.email)),
      );
    });

    it('stops someone blocked before they ever asked, and unblocking lets them ask', async () => {
      const ada = await attendee('ada', { governmentId: EE() });
      const kofi = await attendee('kofi');
      assert.equal(
        (await postForm(web.app, '/introductions/blocks', { personId: ada.id }, kofi.cookies))
          .statusCode,
        303,
      );
      const refused = await ask(ada, kofi, 'Hello');
      assert.equal(refused.statusCode, 409);
      assert.match(unescapeHtml(refused.body), /You cannot ask for an introduction to this person/);
      // The blocker cannot be suggested to the blocked person, nor the other way round.
      const peers = await web.app.inject({ url: '/peers', cookies: ada.cookies });
      assert.ok(!peers.body.includes(kofi.name));
      const unblocked = await postForm(
        web.app,
        `/introductions/blocks/${ada.id}/remove`,
        {},
        kofi.cookies,
      );
      assert.equal(unblocked.statusCode, 303);
      assert.doesNotMatch(await page(kofi), new RegExp(`People you blocked[\\s\\S]*${ada.name}`));
      assert.equal((await ask(ada, kofi, 'Hello again')).statusCode, 303);
    });

    it('refuses blocking yourself, nobody, or a stranger, and unblocking someone not blocked', async () => {
      const ada = await attendee('ada', { governmentId: EE() });
      const hidden = await attendee('hidden', { listed: false });
      const block = (personId: string) =>
        postForm(web.app, '/introductions/blocks', { personId }, ada.cookies);
      assert.equal((await block(ada.id)).statusCode, 400);
      assert.equal((await block('')).statusCode, 400);
      assert.equal((await block(hidden.id)).statusCode, 404);
      assert.equal((await block('no-such-person')).statusCode, 404);
      assert.equal(
        (await postForm(web.app, `/introductions/blocks/${hidden.id}/remove`, {}, ada.cookies))
          .statusCode,
        404,
      );
    });
  });

  describe('suggested peers', () => {
    it('lists people of other governments with reasons, only those listed and not blocked, never an email', async () => {
      const themes = seeded.themes;
      const ada = await attendee('ada', {
        governmentId: EE(),
        struggling: [themes.lockIn.id],
      });
      const helper = await attendee('helper', {
        helping: [themes.lockIn.id],
        maturity: 'momentum',
      });
      const sameGov = await attendee('samegov', {
        governmentId: EE(),
        helping: [themes.lockIn.id],
      });
      const unlisted = await attendee('unlisted', { listed: false, helping: [themes.lockIn.id] });
      const response = await web.app.inject({ url: '/peers', cookies: ada.cookies });
      assert.equal(response.statusCode, 200);
      const html = unescapeHtml(response.body);
      assert.match(html, new RegExp(`${helper.name}<span class="hint">, Ministry of ICT, Kenya`));
      assert.match(
        html,
        /Their team has momentum on vendor lock-in and budgets, yours is starting out/,
      );
      assert.match(html, /You have not met yet/);
      assert.match(html, new RegExp(`href="/introductions/ask/${helper.id}"`));
      for (const absent of [sameGov, unlisted]) assert.ok(!html.includes(absent.name), absent.id);
      for (const someone of [helper, sameGov, unlisted, ada])
        assert.ok(!html.includes(someone.email), 'no email on the page');
    });
  });

  describe('suggested peers from questions', () => {
    it('counts questions others asked under their name, never their upvotes or anonymous questions', async () => {
      const ada = await attendee('ada', {
        governmentId: EE(),
        struggling: [seeded.themes.lockIn.id],
      });
      const asker = await attendee('asker');
      const voter = await attendee('voter');
      const anonymous = await attendee('anon');
      // The panel's theme is vendor lock-in and budgets.
      const sessionId = seeded.sessions.panel.id;
      const question = (id: string, askerId: string, isAnonymous: boolean) =>
        web.deps.store.live.insertQuestion({
          id,
          sessionId,
          askerId,
          seq: ++serial,
          text: 'How do we leave the vendor?',
          anonymous: isAnonymous,
          status: 'visible',
          askedAt: START,
        });
      await question(`q-${asker.id}`, asker.id, false);
      await question(`q-${anonymous.id}`, anonymous.id, true);
      await web.deps.store.live.addVote(`q-${asker.id}`, voter.id, START);
      const html = unescapeHtml(
        (await web.app.inject({ url: '/peers', cookies: ada.cookies })).body,
      );
      assert.match(html, new RegExp(`${asker.name}<span`));
      assert.match(html, /Asked questions on vendor lock-in and budgets/);
      assert.ok(!html.includes(voter.name), 'an upvote is never shown by name');
      assert.ok(!html.includes(anonymous.name), 'an anonymous question stays anonymous');
    });
  });

  describe('your data', () => {
    it('downloads your introductions and blocks, and deleting an account removes them on both sides', async () => {
      const ada = await attendee('ada', { governmentId: EE() });
      const kofi = await attendee('kofi');
      const bea = await attendee('bea');
      await ask(ada, kofi, 'Hello Kofi');
      await ask(bea, ada, 'Hello Ada');
      await postForm(web.app, '/introductions/blocks', { personId: bea.id }, ada.cookies);
      const data = JSON.parse(
        (await web.app.inject({ url: '/account/data.json', cookies: ada.cookies })).body,
      );
      assert.deepEqual(data.introductions.asked, [
        { to: kofi.name, message: 'Hello Kofi', askedAt: START, status: 'pending' },
      ]);
      assert.deepEqual(data.introductions.received, [
        {
          from: bea.name,
          message: 'Hello Ada',
          askedAt: START,
          status: 'declined',
          answeredAt: START,
        },
      ]);
      assert.deepEqual(data.introductions.peopleYouBlocked, [{ name: bea.name, blockedAt: START }]);
      assert.ok(!JSON.stringify(data.introductions).includes('@'), 'no address of anyone');

      const deleted = await postForm(web.app, '/account/delete', { confirm: 'yes' }, ada.cookies);
      assert.equal(deleted.statusCode, 303, deleted.body);
      assert.equal((await web.deps.store.introductions.listInvolving(ada.id)).length, 0);
      assert.equal((await web.deps.store.introductions.listInvolving(kofi.id)).length, 0);
      assert.equal((await web.deps.store.introductions.listBlockedBy(ada.id)).length, 0);
      assert.deepEqual(await web.deps.store.introductions.listBlockedEitherWay(bea.id), []);
    });
  });
});
