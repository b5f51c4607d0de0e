import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { processDueMail } from '../../src/app/invitations/process-due-mail.ts';
import { sendingDeadline } from '../../src/domain/invitations/mail-retry.ts';
import { countSameGovernmentPairs } from '../../src/domain/follow-up-groups/follow-up-groups.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { describeMessage } from '../support/mail.ts';
import { seedEdition } from '../support/programme-factory.ts';
import { signInAs } from '../support/sessions.ts';
import { buildTestWebApp, postForm, type TestWebApp } from '../support/web-app.ts';

const SLUG = 'dsc-2021';
const PAGE = `/organize/editions/${SLUG}/follow-up-groups`;

/** Ten attendees who named the theme, two from each of five governments, in five time zones. */
const STRUGGLING = (
  [
    ['ke', 'Africa/Nairobi'],
    ['ee', 'Europe/Tallinn'],
    ['uy', 'America/Montevideo'],
    ['nz', 'Pacific/Auckland'],
    ['in', 'Asia/Kolkata'],
  ] as const
).flatMap(([code, zone]) =>
  [1, 2].map((n) => ({
    id: `p-${code}-${n}`,
    name: `Person ${code.toUpperCase()} ${n}`,
    government: `gov-${code}`,
    zone,
  })),
);

describeEachDatabase('follow-up groups, through HTTP', (database) => {
  let web: TestWebApp;
  let seeded: Awaited<ReturnType<typeof seedEdition>>;
  let organizer: Record<string, string>;
  let themeId: string;
  let otherThemeId: string;

  async function register(
    person: { id: string; name: string; government: string; zone: string },
    themes: string[],
  ) {
    const cookies = await signInAs(web.deps, {
      id: person.id,
      name: person.name,
      email: `${person.id}@gov.example`,
    });
    const [stored] = await web.deps.store.people.findPeopleByIds([person.id]);
    await web.deps.store.people.savePerson({ ...stored!, governmentId: person.government });
    await web.deps.store.people.addInvitee(
      seeded.edition.id,
      person.id,
      web.clock.now().toISOString(),
    );
    const response = await postForm(
      web.app,
      `/editions/${SLUG}/registration`,
      {
        attending: 'yes',
        displayName: person.name,
        timeZone: person.zone,
        inDirectory: 'no',
        strugglingThemes: themes,
      },
      cookies,
    );
    assert.equal(response.statusCode, 303, response.body);
    return cookies;
  }

  const groupings = () => web.deps.store.followUpGroups.listGroupings(seeded.edition.id);
  const mail = async () =>
    (await web.deps.store.mail.listForEdition(seeded.edition.id, 'follow-up-group')).length;

  before(async () => {
    web = await buildTestWebApp(database(), { now: '2021-11-20T12:00:00Z' });
    seeded = await seedEdition(web.deps, SLUG);
    themeId = seeded.themes.lockIn.id;
    for (const code of ['ke', 'ee', 'uy', 'nz', 'in'])
      await web.deps.store.people.saveGovernment({
        id: `gov-${code}`,
        code: code.toUpperCase(),
        country: `Country ${code.toUpperCase()}`,
        teamName: 'Digital team',
      });
    organizer = await signInAs(
      web.deps,
      { id: 'p-olu', name: 'Olu Adeyemi', email: 'olu@organizers.example' },
      [{ editionId: seeded.edition.id, role: 'organizer' }],
    );
    const other = await postForm(
      web.app,
      `/organize/editions/${SLUG}/themes`,
      { name: 'Skills', description: '' },
      organizer,
    );
    assert.equal(other.statusCode, 303, other.body);
    otherThemeId = (await web.deps.store.programme.listThemes(seeded.edition.id)).find(
      (t) => t.name === 'Skills',
    )!.id;
    for (const person of STRUGGLING) await register(person, [themeId]);
    // Someone who named only the other theme, and one who will withdraw before the mail goes.
    await register(
      { id: 'p-skills', name: 'Skills Only', government: 'gov-ke', zone: 'Europe/London' },
      [otherThemeId],
    );
  });
  after(async () => web.app.close());

  describe('forming', () => {
    it('refuses bad input with 400 naming the field, storing nothing', async () => {
      for (const [fields, field] of [
        [{ themeId: '', minSize: '3', maxSize: '4' }, 'themeId'],
        [{ themeId: 'no-such-theme', minSize: '3', maxSize: '4' }, 'themeId'],
        [{ themeId, minSize: 'three', maxSize: '4' }, 'minSize'],
        [{ themeId, minSize: '3', maxSize: '99' }, 'maxSize'],
        [{ themeId, minSize: '5', maxSize: '3' }, 'maxSize'],
        // One person named "Skills": too few for a group of 3.
        [{ themeId: otherThemeId, minSize: '3', maxSize: '4' }, 'minSize'],
      ] as const) {
        const response = await postForm(web.app, PAGE, fields, organizer);
        assert.equal(response.statusCode, 400, `${field}: ${JSON.stringify(fields)}`);
        assert.match(response.body, new RegExp(`href="#field-${field}"`));
      }
      assert.deepEqual(await groupings(), []);
    });

    it('places everyone who named the theme once, in groups within the sizes, governments apart', async () => {
      const response = await postForm(
        web.app,
        PAGE,
        { themeId, minSize: '3', maxSize: '4' },
        organizer,
      );
      assert.equal(response.statusCode, 303, response.body);
      const [grouping] = await groupings();
      assert.ok(grouping);
      assert.equal(grouping.status, 'draft');
      const placed = grouping.groups.flatMap((g) => g.memberIds).sort();
      assert.deepEqual(placed, STRUGGLING.map((p) => p.id).sort());
      for (const group of grouping.groups)
        assert.ok(group.memberIds.length >= 3 && group.memberIds.length <= 4);
      const governmentOf = new Map(STRUGGLING.map((p) => [p.id, p.government]));
      assert.equal(
        countSameGovernmentPairs(
          grouping.groups.map((g) => g.memberIds),
          governmentOf,
        ),
        0,
      );
      for (const group of grouping.groups) {
        const start = new Date(group.suggestedStart);
        assert.ok([2, 3, 4].includes(start.getUTCDay()), group.suggestedStart);
        assert.ok(start > web.clock.now());
      }
      const page = await web.app.inject({ url: PAGE, cookies: organizer });
      assert.equal(page.statusCode, 200);
      assert.equal((page.body.match(/data-member>/g) ?? []).length, STRUGGLING.length);
      assert.match(page.body, /Not sent yet/);
      assert.doesNotMatch(page.body, /Skills Only/);
      assert.equal(await mail(), 0, 'nothing is sent by forming');
    });

    it('forms the groups again, replacing the draft', async () => {
      const [before] = await groupings();
      const response = await postForm(
        web.app,
        PAGE,
        { themeId, minSize: '4', maxSize: '5' },
        organizer,
      );
      assert.equal(response.statusCode, 303);
      const all = await groupings();
      assert.equal(all.length, 1);
      assert.notEqual(all[0]!.id, before!.id);
      assert.equal(all[0]!.groups.length, 2);
    });
  });

  describe('sending introductions', () => {
    it('queues one email per member, naming the other members with governments and emails', async () => {
      const [grouping] = await groupings();
      // One member withdraws before the introductions go: they are neither mailed nor named.
      const leaver = grouping!.groups[0]!.memberIds[0]!;
      await web.deps.store.registrations.deleteRegistration(seeded.edition.id, leaver);
      const response = await postForm(web.app, `${PAGE}/${grouping!.id}/send`, {}, organizer);
      assert.equal(response.statusCode, 303);
      assert.match(String(response.headers.location), /done=sent/);
      assert.equal(await mail(), STRUGGLING.length - 1);
      await processDueMail(web.deps, { limit: 50 });
      const messages = await Promise.all(web.readOutbox().map((m) => describeMessage(m.raw)));
      assert.equal(messages.length, STRUGGLING.length - 1);
      const sent = (await groupings())[0]!;
      assert.equal(sent.status, 'sent');
      for (const group of sent.groups) {
        for (const memberId of group.memberIds.filter((id) => id !== leaver)) {
          const message = messages.find((m) => m.to.includes(`${memberId}@gov.example`));
          assert.ok(message, `a message to ${memberId}`);
          assert.match(message.subject, /Vendor lock-in and budgets/);
          assert.match(message.text, /Olu Adeyemi, an organizer of/);
          assert.match(message.text, /You did not ask for this introduction/);
          assert.match(message.text, /UTC: /);
          for (const other of STRUGGLING) {
            const listed = message.text.includes(`${other.id}@gov.example`);
            const shouldBe =
              group.memberIds.includes(other.id) && other.id !== memberId && other.id !== leaver;
            assert.equal(
              listed,
              shouldBe,
              `${memberId}'s mail ${shouldBe ? 'names' : 'does not name'} ${other.id}`,
            );
          }
          const self = STRUGGLING.find((p) => p.id === memberId)!;
          assert.match(
            message.text,
            new RegExp(`Your time \\(${self.zone.replace('/', '\\/')}\\)`),
          );
          assert.match(message.text, /Country [A-Z]{2}, Digital team/);
        }
      }
      assert.ok(!messages.some((m) => m.to.includes(`${leaver}@gov.example`)));
    });

    it('sends nothing more when asked again, and no longer lets the groups change', async () => {
      const [grouping] = await groupings();
      const before = await mail();
      const again = await postForm(web.app, `${PAGE}/${grouping!.id}/send`, {}, organizer);
      assert.equal(again.statusCode, 303);
      assert.match(String(again.headers.location), /done=already-sent/);
      assert.equal(await mail(), before);
      const outbox = web.readOutbox().length;
      await processDueMail(web.deps, { limit: 50 });
      assert.equal(web.readOutbox().length, outbox);
      const reform = await postForm(
        web.app,
        PAGE,
        { themeId, minSize: '3', maxSize: '4' },
        organizer,
      );
      assert.equal(reform.statusCode, 400);
      assert.match(reform.body, /already sent/);
      const page = await web.app.inject({ url: PAGE, cookies: organizer });
      assert.match(page.body, /Introductions sent/);
      assert.doesNotMatch(page.body, /Send introductions/);
    });

    it('places people already introduced for another theme in this theme’s groups too', async () => {
      const [sent] = await groupings();
      const introduced = sent!.groups[1]!.memberIds[0]!;
      const registration = await web.deps.store.registrations.findRegistration(
        seeded.edition.id,
        introduced,
      );
      await web.deps.store.registrations.saveRegistration({
        ...registration!,
        strugglingThemeIds: [themeId, otherThemeId],
      });
      for (const [id, government] of [
        ['p-skills-2', 'gov-ee'],
        ['p-skills-3', 'gov-uy'],
      ] as const)
        await register({ id, name: `Skills ${id}`, government, zone: 'Europe/London' }, [
          otherThemeId,
        ]);
      const page = await web.app.inject({ url: PAGE, cookies: organizer });
      assert.match(page.body, /Skills \(4 people\)/);
      const response = await postForm(
        web.app,
        PAGE,
        { themeId: otherThemeId, minSize: '2', maxSize: '3' },
        organizer,
      );
      assert.equal(response.statusCode, 303, response.body);
      const skills = (await groupings()).find((g) => g.themeId === otherThemeId);
      assert.deepEqual(
        skills!.groups.flatMap((g) => g.memberIds).sort(),
        [introduced, 'p-skills', 'p-skills-2', 'p-skills-3'].sort(),
      );
    });

    it('shows where each introduction email is, and sends one that could not be sent again when the organizer asks', async () => {
      const skills = (await groupings()).find((g) => g.themeId === otherThemeId)!;
      const sent = await postForm(web.app, `${PAGE}/${skills.id}/send`, {}, organizer);
      assert.equal(sent.statusCode, 303);
      const batchId = (await groupings()).find((g) => g.id === skills.id)!.batchId;
      const skillsMail = async () =>
        (await web.deps.store.mail.listForEdition(seeded.edition.id, 'follow-up-group')).filter(
          (m) => m.batchId === batchId,
        );
      const queued = await skillsMail();
      assert.equal(queued.length, 4, 'one each, the member introduced for the first theme too');
      const page = async () => (await web.app.inject({ url: PAGE, cookies: organizer })).body;
      assert.match(
        await page(),
        /<td data-mail-status class="mail-status">Waiting to be sent<\/td>/,
      );
      assert.match(await page(), /See how far it has got<\/a>/);

      // A worker takes one email, then its server stops before it records the outcome
      const start = web.clock.now();
      const stuck = queued.find((m) => m.personId === 'p-skills-2')!;
      assert.ok(
        await web.deps.store.mail.claim(stuck.id, start.toISOString(), sendingDeadline(start)),
      );
      await processDueMail(web.deps, { limit: 50 });
      // The member introduced for the first theme now has a second introduction, to this group
      const twice = queued.find((m) => STRUGGLING.some((p) => p.id === m.personId))!;
      const theirs = (
        await Promise.all(web.readOutbox().map((m) => describeMessage(m.raw)))
      ).filter((m) => m.to.includes(`${twice.personId}@gov.example`));
      assert.deepEqual(theirs.map((m) => /Skills/.test(m.subject)).sort(), [false, true]);
      web.clock.set(new Date(start.getTime() + 10 * 60_000).toISOString());
      await processDueMail(web.deps, { limit: 50 });
      assert.equal((await skillsMail()).find((m) => m.id === stuck.id)?.status, 'failed');

      // Then the page says so for that member, with the reason and a way to send it again
      const withFailure = await page();
      assert.equal(
        withFailure.match(/<td data-mail-status class="mail-status">Sent<\/td>/g)?.length,
        3 + 9,
      );
      assert.match(
        withFailure,
        /<td data-mail-status class="mail-status">Could not be sent <span class="hint mail-status__detail">The server stopped while sending; check with the person before sending again\.<\/span>/,
      );
      assert.match(
        withFailure,
        /Try again<span class="visually-hidden"> to send to Skills p-skills-2<\/span>/,
      );

      // When the organizer asks, it goes back in the queue, is sent, and the audit log says so
      const outbox = web.readOutbox().length;
      const retried = await postForm(web.app, `${PAGE}/retry`, { mailId: stuck.id }, organizer);
      assert.equal(retried.statusCode, 303);
      assert.match(
        String(retried.headers.location),
        new RegExp(`done=retried#grouping-${skills.id}$`),
      );
      await processDueMail(web.deps, { limit: 50 });
      assert.equal(web.readOutbox().length, outbox + 1);
      assert.equal((await skillsMail()).find((m) => m.id === stuck.id)?.status, 'sent');
      assert.doesNotMatch(await page(), /Could not be sent/);
      assert.doesNotMatch(await page(), /See how far it has got/, 'nothing is on its way');
      const [entry] = await web.deps.store.audit.listForEdition(seeded.edition.id, 1);
      assert.equal(entry?.action, 'follow-up-groups.retried');
      assert.match(entry?.summary ?? '', /to Skills p-skills-2 again/);

      // Asking again for an email already sent sends nothing, and says why
      const again = await postForm(web.app, `${PAGE}/retry`, { mailId: stuck.id }, organizer);
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /no longer waiting to be tried again/);
      await processDueMail(web.deps, { limit: 50 });
      assert.equal(web.readOutbox().length, outbox + 1);
      // An email nobody knows, or one of another kind, is not found
      for (const mailId of ['no-such-mail', '']) {
        const unknown = await postForm(web.app, `${PAGE}/retry`, { mailId }, organizer);
        assert.equal(unknown.statusCode, 404, mailId);
      }
    });

    it('answers 404 for groups of another edition or none', async () => {
      const response = await postForm(web.app, `${PAGE}/no-such-grouping/send`, {}, organizer);
      assert.equal(response.statusCode, 404);
    });
  });
});
