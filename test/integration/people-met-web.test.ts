import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BreakoutRoom } from '../../src/domain/breakout-plan/breakout-plan.ts';
import type { PersonRole } from '../../src/domain/people/person.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { seedEdition } from '../support/programme-factory.ts';
import { signInAs } from '../support/sessions.ts';
import { buildTestWebApp, postForm, type TestWebApp } from '../support/web-app.ts';

const SLUG = 'dsc-2021';

describeEachDatabase('people you met, and its CSV and vCard exports, through HTTP', (database) => {
  let web: TestWebApp;
  let seeded: Awaited<ReturnType<typeof seedEdition>>;
  const cookies: Record<string, Record<string, string>> = {};
  let myRoom: BreakoutRoom;

  const get = (url: string, who: Record<string, string> | undefined = cookies.me) =>
    web.app.inject({ url, cookies: who });

  /** A person of the edition, registered (so a breakout room can place them). */
  async function person(
    id: string,
    name: string,
    role: PersonRole,
    governmentId: string | null,
  ): Promise<void> {
    await web.deps.store.people.savePerson({
      id,
      name,
      email: `${id}@private-mail.example`,
      governmentId,
      role,
      maturity: 'starting',
      timeZone: 'Europe/London',
    });
    await web.deps.store.people.addInvitee(seeded.edition.id, id, '2021-06-01T12:00:00Z');
    await web.deps.store.access.updateInviteeProgress(seeded.edition.id, id, {
      status: 'registered',
    });
    cookies[id] = await signInAs(web.deps, { id });
  }

  /** A stay in a session's room, from one time to another. */
  let stays = 0;
  async function stay(personId: string, sessionId: string, from: string, to: string) {
    await web.deps.store.live.openPresence([
      {
        id: `stay-${++stays}`,
        sessionId,
        personId,
        nodeId: 'node-test',
        joinedAt: from,
        leftAt: to,
      },
    ]);
  }

  before(async () => {
    // After the panel (15:00–16:00) and the first breakout round (16:10); the second is tomorrow.
    web = await buildTestWebApp(database(), { now: '2021-11-16T16:30:00Z' });
    seeded = await seedEdition(web.deps, SLUG);
    const editionId = seeded.edition.id;
    for (const [id, at] of [
      ['round-1', '2021-11-16T16:10:00.000Z'],
      ['round-2', '2021-11-17T16:10:00.000Z'],
    ] as const)
      await web.deps.store.programme.saveSession(
        {
          id,
          editionId,
          title: `Breakout ${id}`,
          format: 'breakout-round',
          startsAt: at,
          endsAt: at.replace('16:10', '16:25'),
          description: '',
          videoUrl: '',
          themeIds: [],
        },
        [],
      );
    await web.deps.store.people.saveGovernment({
      id: 'gov-comma',
      code: 'UY-COMMA',
      country: 'Uruguay',
      teamName: 'Digital, Data; and Tech',
    });
    await person('me', 'Me Myself', 'engineer', 'gov-ee-dsc-2021');
    await person('ann', 'Ann Listed', 'policy-advisor', 'gov-comma');
    await person('bob', 'Bob Unlisted', 'minister', 'gov-ke-dsc-2021');
    await person('cat', 'Cat Third', 'ux-designer', 'gov-ke-dsc-2021');
    // Sam was in the panel's room with me; Lou came after I left.
    await person('sam', '=HYPERLINK("http://evil.example")', 'product-manager', 'gov-comma');
    await person('lou', 'Lou Later', 'engineer', 'gov-ke-dsc-2021');
    const panel = seeded.sessions.panel.id;
    await stay('me', panel, '2021-11-16T15:00:00.000Z', '2021-11-16T15:30:00.000Z');
    await stay('sam', panel, '2021-11-16T15:10:00.000Z', '2021-11-16T15:50:00.000Z');
    await stay('lou', panel, '2021-11-16T15:40:00.000Z', '2021-11-16T15:55:00.000Z');
    // Ann shows her team but not her role; Bob and Cat never opted in; Sam opted out.
    await web.deps.store.directory.saveProfile({
      personId: 'ann',
      listed: true,
      shows: { government: true, team: true, role: false, themes: true, editions: true },
      updatedAt: '2021-11-01T00:00:00.000Z',
    });
    await web.deps.store.directory.saveProfile({
      personId: 'sam',
      listed: false,
      shows: { government: true, team: true, role: true, themes: true, editions: true },
      updatedAt: '2021-11-01T00:00:00.000Z',
    });

    const organizer = await signInAs(web.deps, { id: 'olu' }, [{ editionId, role: 'organizer' }]);
    const base = `/organize/editions/${SLUG}/breakouts`;
    for (const [path, fields] of [
      ['settings', { min: '3', max: '3' }],
      ['plan', {}],
      ['publish', {}],
    ] as const)
      assert.equal((await postForm(web.app, `${base}/${path}`, fields, organizer)).statusCode, 303);
    const rooms = await web.deps.store.breakouts.listRooms(editionId);
    myRoom = rooms.find((r) => r.sessionId === 'round-1' && r.memberIds.includes('me'))!;
    assert.ok(myRoom, 'I am placed in round 1');
  });
  after(async () => web.app.close());

  const roommates = () => myRoom.memberIds.filter((id) => id !== 'me');

  describe('the list', () => {
    it('lists the people of my breakout room and of the session room I shared, and nobody else', async () => {
      const page = await get('/people-met');
      assert.equal(page.statusCode, 200);
      const names: Record<string, string> = {
        ann: 'Ann Listed',
        bob: 'Bob Unlisted',
        cat: 'Cat Third',
        sam: '=HYPERLINK(&quot;http://evil.example&quot;)',
        lou: 'Lou Later',
        olu: 'Person olu',
      };
      const expected = new Set([...roommates(), 'sam']);
      for (const [id, name] of Object.entries(names))
        assert.equal(
          page.body.includes(name),
          expected.has(id),
          `${id} listed: ${expected.has(id)}`,
        );
      assert.match(page.body, /Were in the session Breaking free of big IT vendors together/);
      // When, in my time zone: Sam arrived at 15:10 UTC, which is 15:10 GMT in November.
      assert.match(page.body, /16 Nov 2021, 15:10 GMT/);
      assert.match(
        page.body,
        new RegExp(
          `Breakout round-1, breakout room ${myRoom.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
        ),
      );
      assert.doesNotMatch(page.body, /Breakout round-2/);
    });

    it('shows only name and government of people not in the directory, and what listed people show', async () => {
      const page = await get('/people-met');
      // Sam opted out: no team or role, only the government.
      const sam = page.body.slice(page.body.indexOf('HYPERLINK'));
      const samEntry = sam.slice(0, sam.indexOf('</dl>'));
      assert.match(samEntry, /Uruguay/);
      assert.doesNotMatch(samEntry, /Digital, Data; and Tech|Product manager/);
      if (roommates().includes('ann')) {
        const ann = page.body.slice(page.body.indexOf('Ann Listed'));
        const annEntry = ann.slice(0, ann.indexOf('</dl>'));
        assert.match(annEntry, /Digital, Data; and Tech/);
        assert.doesNotMatch(annEntry, /Policy advisor/);
      }
      for (const id of ['bob', 'cat']) {
        if (!roommates().includes(id)) continue;
        const name = id === 'bob' ? 'Bob Unlisted' : 'Cat Third';
        const entry = page.body.slice(page.body.indexOf(name));
        assert.doesNotMatch(
          entry.slice(0, entry.indexOf('</dl>')),
          /Minister|UX designer|Ministry of ICT/,
        );
      }
    });

    it('never shows an email address', async () => {
      for (const url of ['/people-met', '/people-met.csv', '/people-met.vcf']) {
        const response = await get(url);
        assert.equal(response.statusCode, 200, url);
        assert.doesNotMatch(response.body, /private-mail\.example|EMAIL/, url);
      }
    });

    it('says so plainly when someone has met nobody yet', async () => {
      const page = await get('/people-met', cookies.lou);
      // Lou shared no stay with anyone still in the room, and may or may not share a breakout room.
      assert.equal(page.statusCode, 200);
      const stranger = await signInAs(web.deps, { id: 'nobody-met' });
      const empty = await get('/people-met', stranger);
      assert.equal(empty.statusCode, 200);
      assert.match(empty.body, /You have not met anyone yet/);
      assert.doesNotMatch(empty.body, /people-met\.csv/);
    });
  });

  describe('the exports', () => {
    it('downloads a CSV, one row per person, with formulas neutralised', async () => {
      const response = await get('/people-met.csv');
      assert.match(String(response.headers['content-type']), /^text\/csv/);
      assert.match(
        String(response.headers['content-disposition']),
        /attachment; filename="people-you-met.csv"/,
      );
      const lines = response.body
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      assert.equal(lines[0], 'Name,Government,Team,Role,Where you met,First met');
      assert.equal(lines.length, 1 + roommates().length + 1);
      const samLine = lines.find((line) => line.includes('HYPERLINK'))!;
      assert.ok(samLine.startsWith(`"'=HYPERLINK(""http://evil.example"")"`), samLine);
      assert.match(samLine, /Were in the session Breaking free of big IT vendors together/);
      assert.match(samLine, /,Uruguay,,,/);
    });

    it('downloads vCard 4.0 cards, one per person, escaped as RFC 6350 says', async () => {
      const response = await get('/people-met.vcf');
      assert.match(String(response.headers['content-type']), /^text\/vcard/);
      assert.match(
        String(response.headers['content-disposition']),
        /filename="people-you-met.vcf"/,
      );
      const text = response.body.replace(/\r\n /g, '');
      assert.equal(text.match(/BEGIN:VCARD\r\nVERSION:4\.0\r\n/g)?.length, roommates().length + 1);
      assert.equal(text.match(/END:VCARD\r\n/g)?.length, roommates().length + 1);
      assert.match(text, /FN:=HYPERLINK\("http:\/\/evil\.example"\)\r\nORG:Uruguay\r\n/);
      assert.match(
        text,
        /NOTE:Met through Convene:\\nDigital Services Convening dsc-2021: Were in the session/,
      );
      if (roommates().includes('ann'))
        assert.match(text, /FN:Ann Listed\r\nORG:Uruguay;Digital\\, Data\\; and Tech\r\nNOTE:/);
      for (const line of response.body.split('\r\n'))
        assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `line too long: ${line}`);
    });
  });

  describe('who may see it', () => {
    it('sends visitors to sign in, for the page and both exports', async () => {
      for (const url of ['/people-met', '/people-met.csv', '/people-met.vcf']) {
        const response = await web.app.inject({ url });
        assert.equal(response.statusCode, 303, url);
        assert.match(String(response.headers.location), /^\/sign-in/);
      }
    });

    it('shows each person only their own list: another person’s cookie sees theirs', async () => {
      // Sam shared the panel's room with me and, after I left, with Lou.
      const sam = await get('/people-met', cookies.sam);
      assert.match(sam.body, /Me Myself/);
      assert.match(sam.body, /Lou Later/);
      const mine = await get('/people-met');
      assert.doesNotMatch(mine.body, /Me Myself/);
      assert.equal(mine.body.includes('Lou Later'), roommates().includes('lou'));
    });
  });
});
