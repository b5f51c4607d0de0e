import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { describeEachDatabase } from '../support/databases.ts';
import { countRecords } from '../support/invitees.ts';
import { seedEdition, seedEditionWithCast } from '../support/programme-factory.ts';
import { signInAs } from '../support/sessions.ts';
import { assertRefused, buildTestWebApp, postForm, type TestWebApp } from '../support/web-app.ts';

const PEOPLE = '/organize/editions/dsc-2021/people';
const EXPORT = '/organize/editions/dsc-2021/attendees.csv';

describeEachDatabase(
  'organizers export the attendee list and give roles, through HTTP',
  (database) => {
    let web: TestWebApp;
    let seeded: Awaited<ReturnType<typeof seedEdition>>;
    let editionId: string;
    let organizer: Record<string, string>;
    let attendee: Record<string, string>;
    let otherOrganizer: Record<string, string>;
    const counts = () => countRecords(web.deps, editionId);

    /** Invites a person and sets their answer, with the registration they sent, as stored. */
    async function invite(
      person: { id: string; name: string; email: string; governmentId?: string | null },
      status: 'invited' | 'registered' | 'declined',
      registration?: { displayName: string; accessibilityNeeds: string; sessionIds: string[] },
    ) {
      await web.deps.store.people.savePerson({
        governmentId: null,
        role: 'product-manager',
        maturity: 'starting',
        timeZone: 'America/Bogota',
        ...person,
      });
      await web.deps.store.people.addInvitee(editionId, person.id, '2021-06-01T12:00:00Z');
      await web.deps.store.access.updateInviteeProgress(editionId, person.id, { status });
      if (registration) {
        await database()
          .connection.db.insertInto('registrations')
          .values({
            edition_id: editionId,
            person_id: person.id,
            display_name: registration.displayName,
            time_zone: 'America/Bogota',
            accessibility_needs: registration.accessibilityNeeds,
            in_directory: 0,
            session_ids: JSON.stringify(registration.sessionIds),
            struggling_theme_ids: '[]',
            helping_theme_ids: '[]',
            updated_at: '2021-06-01T12:00:00Z',
          })
          .execute();
      }
    }

    async function downloadRows(cookies = organizer) {
      const response = await web.app.inject({ url: EXPORT, cookies });
      assert.equal(response.statusCode, 200);
      assert.ok(response.body.startsWith('\uFEFF'), 'starts with a byte order mark');
      const [header, ...rows] = parse(response.body.slice(1)) as string[][];
      return {
        response,
        header,
        byEmail: new Map(
          rows.map((row) => [
            row[1],
            Object.fromEntries((header ?? []).map((column, at) => [column, row[at] ?? ''])),
          ]),
        ),
      };
    }

    before(async () => {
      web = await buildTestWebApp(database());
      ({ seeded, editionId, organizer, attendee, otherOrganizer } = await seedEditionWithCast(
        web.deps,
      ));
    });
    after(async () => web.app.close());

    it('downloads every invitee as CSV, with what they registered only when they registered', async () => {
      const { opening, panel, later } = seeded.sessions;
      await invite(
        {
          id: 'p-ana',
          name: 'Ana Souza',
          email: 'ana.souza@gov.br.example',
          governmentId: 'gov-ke-dsc-2021',
        },
        'registered',
        {
          displayName: 'Ana S.',
          accessibilityNeeds: 'Captions, please; step-free access',
          sessionIds: [later.id, opening.id],
        },
      );
      await invite({ id: 'p-bo', name: 'Bo Lindqvist', email: 'bo@digg.se.example' }, 'declined', {
        displayName: 'Bo',
        accessibilityNeeds: 'Sign language interpreter',
        sessionIds: [panel.id],
      });
      await invite({ id: 'p-cy', name: 'Cy Mwangi', email: 'cy@ict.ke.example' }, 'invited');
      const before = await counts();

      const { response, header, byEmail } = await downloadRows();
      assert.equal(response.headers['content-type'], 'text/csv; charset=utf-8');
      assert.equal(
        response.headers['content-disposition'],
        'attachment; filename="dsc-2021-attendees.csv"',
      );
      assert.equal(response.headers['cache-control'], 'no-store');
      assert.deepEqual(header, [
        'name',
        'email',
        'government',
        'country',
        'team',
        'role',
        'team_maturity',
        'time_zone',
        'invitation_status',
        'display_name',
        'accessibility_needs',
        'sessions',
      ]);
      assert.deepEqual(byEmail.get('ana.souza@gov.br.example'), {
        name: 'Ana Souza',
        email: 'ana.souza@gov.br.example',
        government: 'KE-dsc-2021',
        country: 'Kenya',
        team: 'Ministry of ICT',
        role: 'product-manager',
        team_maturity: 'starting',
        time_zone: 'America/Bogota',
        invitation_status: 'registered',
        display_name: 'Ana S.',
        accessibility_needs: 'Captions, please; step-free access',
        sessions: 'Opening: collaboration, not competition; From services to reform',
      });
      const bo = byEmail.get('bo@digg.se.example');
      assert.equal(bo?.invitation_status, 'declined');
      assert.equal(bo?.display_name, '', 'no registration shown for someone who declined');
      assert.equal(bo?.accessibility_needs, '');
      assert.equal(bo?.sessions, '');
      assert.equal(byEmail.get('cy@ict.ke.example')?.invitation_status, 'invited');
      assert.equal(byEmail.size, 4, 'every invitee, the attendee signed in among them');

      assert.deepEqual(await counts(), { ...before, audit: before.audit + 1 });
      const [entry] = await web.deps.store.audit.listForEdition(editionId, 1);
      assert.equal(entry?.action, 'attendees.exported');
      assert.match(entry?.summary ?? '', /^Downloaded the attendee list of .* \(4 people\)\.$/);
    });

    it('puts an apostrophe before any cell a spreadsheet would run as a formula', async () => {
      await web.deps.store.people.saveGovernment({
        id: 'gov-formula',
        code: 'FX',
        country: '\tTabland',
        teamName: '-2+3',
      });
      await invite(
        {
          id: 'p-formula',
          name: '=HYPERLINK("http://evil.example","Click")',
          email: 'formula@evil.example',
          governmentId: 'gov-formula',
        },
        'registered',
        {
          displayName: '+SUM(A1:A9)',
          accessibilityNeeds: "@cmd|' /C calc'!A0",
          sessionIds: [],
        },
      );
      await invite(
        { id: 'p-cr', name: '\rCarriage Return', email: 'cr@evil.example' },
        'registered',
        {
          displayName: 'Plain name',
          accessibilityNeeds: 'Needs = none, + nothing',
          sessionIds: [],
        },
      );

      const { response, byEmail } = await downloadRows();
      const formula = byEmail.get('formula@evil.example');
      assert.equal(formula?.name, '\'=HYPERLINK("http://evil.example","Click")');
      assert.equal(formula?.country, "'\tTabland");
      assert.equal(formula?.team, "'-2+3");
      assert.equal(formula?.display_name, "'+SUM(A1:A9)");
      assert.equal(formula?.accessibility_needs, "'@cmd|' /C calc'!A0");
      assert.equal(byEmail.get('cr@evil.example')?.name, "'\rCarriage Return");
      assert.equal(
        byEmail.get('cr@evil.example')?.accessibility_needs,
        'Needs = none, + nothing',
        'only the first character counts',
      );
      // No line of the raw file starts a cell with a formula character outside quotes.
      assert.doesNotMatch(response.body, /(^|,)[=+@-]/m);
    });

    it('lists the people who run the edition, with the signed-in organizer marked', async () => {
      const page = await web.app.inject({ url: PEOPLE, cookies: organizer });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1>People who run Digital Services Convening dsc-2021<\/h1>/);
      assert.match(page.body, /<td>Olu Adeyemi \(you\)<\/td>/);
      assert.match(page.body, /No moderators yet\./);
      assert.match(page.body, /No rapporteurs yet\./);
    });

    it('gives a role to a known person by email and records it', async () => {
      const before = await counts();
      const response = await postForm(
        web.app,
        PEOPLE,
        { email: '  KADRI.TAMM@dsc-2021.example ', role: 'moderator' },
        organizer,
      );
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, `${PEOPLE}?done=granted`);
      assert.ok(
        (await web.deps.store.access.listMembers(editionId)).some(
          (member) => member.personId === 'p-kadri-dsc-2021' && member.role === 'moderator',
        ),
      );
      assert.deepEqual(await counts(), {
        ...before,
        members: before.members + 1,
        audit: before.audit + 1,
      });
      const [entry] = await web.deps.store.audit.listForEdition(editionId, 1);
      assert.equal(entry?.action, 'role.granted');
      assert.equal(
        entry?.summary,
        'Made Kadri Tamm (kadri.tamm@dsc-2021.example) a moderator of Digital Services Convening dsc-2021.',
      );
      const page = await web.app.inject({ url: response.headers.location, cookies: organizer });
      assert.match(page.body, /The role was given\./);
      assert.match(page.body, /<td>Kadri Tamm<\/td><td>kadri.tamm@dsc-2021.example<\/td>/);
    });

    it('gives a role asked for twice at the same moment once, telling the second it is already held', async () => {
      const before = await counts();
      const answers = await Promise.all(
        [0, 1, 2].map(() =>
          postForm(
            web.app,
            PEOPLE,
            { email: 'kadri.tamm@dsc-2021.example', role: 'rapporteur' },
            organizer,
          ),
        ),
      );
      assert.deepEqual(
        answers.map((answer) => answer.statusCode).sort(),
        [303, 400, 400],
        'never a server error',
      );
      for (const refused of answers.filter((answer) => answer.statusCode === 400))
        assert.match(refused.body, /Kadri Tamm is already a rapporteur of/);
      assert.deepEqual(await counts(), {
        ...before,
        members: before.members + 1,
        audit: before.audit + 1,
      });
      await web.deps.store.access.revokeRole(editionId, 'p-kadri-dsc-2021', 'rapporteur');
    });

    it('refuses a role for an email no one has, an unknown role, or a role already held, changing nothing', async () => {
      const before = await counts();
      const unknown = await postForm(
        web.app,
        PEOPLE,
        { email: 'stranger@nowhere.example', role: 'organizer' },
        organizer,
      );
      assert.equal(unknown.statusCode, 400);
      assert.match(unknown.body, /<title>Error: /);
      assert.match(
        unknown.body,
        /href="#field-email">No one with the email stranger@nowhere.example is known to Convene\. Import them as an invitee first/,
      );
      assert.match(unknown.body, /value="stranger@nowhere.example"/, 'the typed value is kept');

      const badRole = await postForm(
        web.app,
        PEOPLE,
        { email: 'kadri.tamm@dsc-2021.example', role: 'superuser' },
        organizer,
      );
      assert.equal(badRole.statusCode, 400);
      assert.match(badRole.body, /Choose a role: organizer, moderator or rapporteur\./);

      const held = await postForm(
        web.app,
        PEOPLE,
        { email: 'kadri.tamm@dsc-2021.example', role: 'moderator' },
        organizer,
      );
      assert.equal(held.statusCode, 400);
      assert.match(
        held.body,
        /Kadri Tamm is already a moderator of Digital Services Convening dsc-2021\./,
      );
      assert.deepEqual(await counts(), before);
    });

    it('takes a role away and records it', async () => {
      const before = await counts();
      const response = await postForm(
        web.app,
        `${PEOPLE}/revoke`,
        { personId: 'p-kadri-dsc-2021', role: 'moderator' },
        organizer,
      );
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, `${PEOPLE}?done=revoked`);
      assert.deepEqual(await counts(), {
        ...before,
        members: before.members - 1,
        audit: before.audit + 1,
      });
      const [entry] = await web.deps.store.audit.listForEdition(editionId, 1);
      assert.equal(entry?.action, 'role.revoked');
      assert.match(entry?.summary ?? '', /^Removed the moderator role from Kadri Tamm/);

      const again = await postForm(
        web.app,
        `${PEOPLE}/revoke`,
        { personId: 'p-kadri-dsc-2021', role: 'moderator' },
        organizer,
      );
      assert.equal(again.statusCode, 409);
      assert.match(
        again.body,
        /Kadri Tamm is not a moderator of Digital Services Convening dsc-2021 any more\./,
      );
    });

    it('does not let the only organizer step down, so the edition always has one', async () => {
      const before = await counts();
      const response = await postForm(
        web.app,
        `${PEOPLE}/revoke`,
        { personId: 'p-olu', role: 'organizer' },
        organizer,
      );
      assert.equal(response.statusCode, 409);
      assert.match(response.body, /The role was not removed/);
      assert.match(
        response.body,
        /You are the only organizer of Digital Services Convening dsc-2021\. Make someone else an organizer first/,
      );
      assert.deepEqual(await counts(), before);
      assert.equal((await web.app.inject({ url: PEOPLE, cookies: organizer })).statusCode, 200);
    });

    it('lets an organizer step down when another remains, and then closes the page to them', async () => {
      const second = await signInAs(web.deps, { id: 'p-second', name: 'Second Organizer' }, [
        { editionId, role: 'organizer' },
      ]);
      const response = await postForm(
        web.app,
        `${PEOPLE}/revoke`,
        { personId: 'p-second', role: 'organizer' },
        second,
      );
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/account');
      assert.equal((await web.app.inject({ url: PEOPLE, cookies: second })).statusCode, 403);
      const organizers = (await web.deps.store.access.listMembers(editionId)).filter(
        (member) => member.role === 'organizer',
      );
      assert.deepEqual(
        organizers.map((member) => member.personId),
        ['p-olu'],
      );
    });

    it('lets only one of two organizers removing each other at the same moment do it, so the edition keeps one', async () => {
      const third = await signInAs(web.deps, { id: 'p-third', name: 'Third Organizer' });
      const organizersNow = async () =>
        (await web.deps.store.access.listMembers(editionId))
          .filter((member) => member.role === 'organizer')
          .map((member) => member.personId);
      for (let round = 0; round < 3; round++) {
        await web.deps.store.access.grantRole(
          editionId,
          'p-third',
          'organizer',
          '2021-06-01T12:00:00Z',
        );
        assert.deepEqual((await organizersNow()).sort(), ['p-olu', 'p-third']);
        const answers = await Promise.all([
          postForm(
            web.app,
            `${PEOPLE}/revoke`,
            { personId: 'p-third', role: 'organizer' },
            organizer,
          ),
          postForm(web.app, `${PEOPLE}/revoke`, { personId: 'p-olu', role: 'organizer' }, third),
        ]);
        const codes = answers.map((answer) => answer.statusCode);
        // The one who comes second is no organizer any more (403), or, if they were let in
        // just before, finds the other the only organizer left (409); never both removed.
        assert.equal(codes.filter((code) => code === 303).length, 1, `round ${round}: ${codes}`);
        const refused = answers.find((answer) => answer.statusCode !== 303)!;
        if (refused.statusCode === 409)
          assert.match(refused.body, /the only organizer of Digital Services Convening dsc-2021/);
        else assert.equal(refused.statusCode, 403, `round ${round}: ${codes}`);
        const left = await organizersNow();
        assert.equal(left.length, 1, `round ${round}: the edition keeps one organizer`);
        // Olu organizes the edition again for the next round and the tests after this one.
        if (left[0] !== 'p-olu') {
          await web.deps.store.access.grantRole(
            editionId,
            'p-olu',
            'organizer',
            '2021-06-01T12:00:00Z',
          );
          await web.deps.store.access.revokeRole(editionId, 'p-third', 'organizer');
        }
      }
    });

    it('forbids visitors, attendees and organizers of another edition the roles and the attendee list, changing nothing', async () => {
      const before = await counts();
      const actors: [string, Record<string, string>][] = [
        ['a visitor', {}],
        ['an attendee', attendee],
        ['an organizer of another edition', otherOrganizer],
      ];
      for (const [who, cookies] of actors) {
        const responses = [
          await web.app.inject({ url: PEOPLE, cookies }),
          await web.app.inject({ url: EXPORT, cookies }),
          await postForm(
            web.app,
            PEOPLE,
            { email: 'olu.adeyemi@cohost.example', role: 'moderator' },
            cookies,
          ),
          await postForm(
            web.app,
            PEOPLE,
            { email: 'p-attendee@test.example', role: 'organizer' },
            cookies,
          ),
          await postForm(
            web.app,
            `${PEOPLE}/revoke`,
            { personId: 'p-olu', role: 'organizer' },
            cookies,
          ),
        ];
        for (const response of responses) {
          assertRefused(response, who);
          if (response.statusCode === 403)
            assert.match(response.body, /You cannot see this page/, who);
          assert.doesNotMatch(response.body, /ana.souza@gov.br.example/, who);
        }
      }
      assert.deepEqual(await counts(), before);
    });
  },
);
