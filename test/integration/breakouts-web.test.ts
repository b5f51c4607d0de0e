import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { BreakoutRoom } from '../../src/domain/breakout-plan/breakout-plan.ts';
import type { PersonRole } from '../../src/domain/people/person.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { seedEdition } from '../support/programme-factory.ts';
import { signInAs } from '../support/sessions.ts';
import { buildTestWebApp, postForm, type TestWebApp } from '../support/web-app.ts';

const BASE = '/organize/editions/dsc-2021/breakouts';
const ROLES: PersonRole[] = ['minister', 'engineer', 'ux-designer', 'product-manager', 'other'];

describeEachDatabase(
  'organizers form breakout rooms and attendees see theirs, through HTTP',
  (database) => {
    let web: TestWebApp;
    let editionId = '';
    let organizer: Record<string, string>;
    const rounds = { first: '', second: '' };
    const attendees: Record<string, Record<string, string>> = {};

    const rooms = () => web.deps.store.breakouts.listRooms(editionId);
    const roomsOf = async (sessionId: string) =>
      (await rooms()).filter((room) => room.sessionId === sessionId);
    const post = (path: string, fields: Record<string, string> = {}) =>
      postForm(web.app, `${BASE}${path}`, fields, organizer);
    const snapshot = async () => JSON.stringify(await rooms());

    before(async () => {
      web = await buildTestWebApp(database(), { now: '2021-11-16T15:10:00Z' });
      const seeded = await seedEdition(web.deps);
      editionId = seeded.edition.id;
      for (const [key, day, description] of [
        ['first', '16', 'What surprised you this year?'],
        ['second', '17', 'What would you most like help with?'],
      ] as const) {
        rounds[key] = `round-${key}`;
        await web.deps.store.programme.saveSession(
          {
            id: rounds[key],
            editionId,
            title: `Breakout round ${key}`,
            format: 'breakout-round',
            startsAt: `2021-11-${day}T15:00:00.000Z`,
            endsAt: `2021-11-${day}T15:30:00.000Z`,
            description,
            videoUrl: '',
            themeIds: [],
          },
          [],
        );
      }
      organizer = await signInAs(web.deps, { id: 'p-olu', name: 'Olu Adeyemi' }, [
        { editionId, role: 'organizer' },
      ]);
      // Ten people in London (15:00 is daytime), and one in Auckland, where it is 4 in the morning.
      const people = [
        ...Array.from({ length: 10 }, (_, i) => ({
          id: `p-${String(i).padStart(2, '0')}`,
          name: i === 0 ? '=HYPERLINK("http://evil.example")' : `Person ${i}`,
          timeZone: 'Europe/London',
          governmentId: i % 2 === 0 ? 'gov-ke-dsc-2021' : 'gov-ee-dsc-2021',
          role: ROLES[i % ROLES.length] as PersonRole,
          maturity: i % 3 === 0 ? ('starting' as const) : ('momentum' as const),
        })),
        {
          id: 'p-night',
          name: 'Night Owl',
          timeZone: 'Pacific/Auckland',
          governmentId: null,
          role: 'engineer' as PersonRole,
          maturity: 'starting' as const,
        },
      ];
      for (const person of people) {
        await web.deps.store.people.savePerson({ ...person, email: `${person.id}@test.example` });
        await web.deps.store.people.addInvitee(editionId, person.id, '2021-06-01T12:00:00Z');
        await web.deps.store.access.updateInviteeProgress(editionId, person.id, {
          status: 'registered',
        });
        attendees[person.id] = await signInAs(web.deps, { id: person.id });
      }
      // Invited but not registered: never placed.
      await web.deps.store.people.savePerson({
        id: 'p-invited',
        name: 'Only Invited',
        email: 'p-invited@test.example',
        governmentId: null,
        role: 'other',
        maturity: 'starting',
        timeZone: 'Europe/London',
      });
      await web.deps.store.people.addInvitee(editionId, 'p-invited', '2021-06-01T12:00:00Z');
    });
    after(async () => web.app.close());

    it('shows attendees that the rooms are not published yet', async () => {
      const page = await web.app.inject({
        url: '/editions/dsc-2021/breakouts',
        cookies: attendees['p-01'],
      });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /have not published the breakout rooms/);
    });

    it('refuses room sizes that are not whole numbers or are the wrong way round, naming the field', async () => {
      const before = await web.deps.store.breakouts.findPlan(editionId);
      let response = await post('/settings', { min: 'four', max: '4' });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /Enter the smallest room size as a whole number from 1 to 50/);
      response = await post('/settings', { min: '5', max: '3' });
      assert.equal(response.statusCode, 400);
      assert.match(
        response.body,
        /The largest room size \(3\) must be at least the smallest \(5\)/,
      );
      assert.match(response.body, /value="5"/, 'keeps what was typed');
      assert.deepEqual(await web.deps.store.breakouts.findPlan(editionId), before);
    });

    it('refuses to plan when the people cannot be split into rooms of the sizes asked, changing nothing', async () => {
      assert.equal((await post('/settings', { min: '20', max: '25' })).statusCode, 303);
      const response = await post('/plan');
      assert.equal(response.statusCode, 400);
      assert.match(
        response.body,
        /Round 1 \(Breakout round first\): 10 people are free to take part, which cannot be split into rooms of 20 to 25/,
      );
      assert.deepEqual(await rooms(), []);
    });

    it('plans every round at once from the people registered, leaving out whoever it is night for', async () => {
      assert.equal((await post('/settings', { min: '3', max: '4' })).statusCode, 303);
      const response = await post('/plan');
      assert.equal(response.statusCode, 303);
      for (const sessionId of Object.values(rounds)) {
        const roundRooms = await roomsOf(sessionId);
        assert.deepEqual(roundRooms.map((room) => room.memberIds.length).sort(), [3, 3, 4]);
        const placed = roundRooms.flatMap((room) => room.memberIds).sort();
        assert.equal(placed.length, 10);
        assert.equal(new Set(placed).size, 10, 'each person once per round');
        assert.ok(!placed.includes('p-night') && !placed.includes('p-invited'));
        for (const room of roundRooms)
          assert.match(
            room.videoUrl,
            /^https:\/\/meet\.jit\.si\/convene-dsc-2021-[12]-[1-3]-[a-z0-9]+$/,
          );
      }
      const plan = await web.deps.store.breakouts.findPlan(editionId);
      assert.equal(plan?.status, 'draft');
      assert.ok(plan?.score);
      const page = await web.app.inject({ url: BASE, cookies: organizer });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /repeat meeting/);
      assert.match(page.body, /from the same government in one room/);
      assert.match(page.body, /Night Owl \(night in their time zone\)/);
      assert.match(
        page.body,
        /<label class="label" for="field-move-round-first-p-01">Move Person 1 to room<\/label>/,
      );
    });

    it('moves a person to another room of the same round', async () => {
      const [big, small] = sortBySize(await roomsOf(rounds.first)).reverse() as [
        BreakoutRoom,
        BreakoutRoom,
      ];
      const person = big.memberIds[0]!;
      const response = await post('/move', { personId: person, roomId: small.id });
      assert.equal(response.statusCode, 303);
      const after = await roomsOf(rounds.first);
      assert.ok(after.find((room) => room.id === small.id)?.memberIds.includes(person));
      assert.ok(!after.find((room) => room.id === big.id)?.memberIds.includes(person));
    });

    it('shows one round at a time, the one under way by default, another or all on request, and comes back to it after a form', async () => {
      const page = async (query = '') => {
        const response = await web.app.inject({ url: `${BASE}${query}`, cookies: organizer });
        assert.equal(response.statusCode, 200);
        return response.body;
      };
      const shown = (body: string) =>
        [...body.matchAll(/<h3 id="round-(\d+)">/g)].map((match) => Number(match[1]));
      const current = (body: string) =>
        /<a href="\?round=(\w+)#rounds" aria-current="page">/.exec(body)?.[1];
      // At 15:10 on the 16th the first round is under way.
      const byDefault = await page();
      assert.deepEqual(shown(byDefault), [1]);
      assert.equal(current(byDefault), '1');
      assert.match(byDefault, /<nav class="round-nav" aria-label="Rounds">/);
      assert.deepEqual(shown(await page('?round=2')), [2]);
      assert.equal(current(await page('?round=2')), '2');
      assert.deepEqual(shown(await page('?round=all')), [1, 2]);
      for (const nonsense of ['?round=9', '?round=0', '?round=x', '?round=-1', '?round=1e3'])
        assert.deepEqual(shown(await page(nonsense)), [1], nonsense);

      // A form sent from round 2 comes back to round 2, and carries the round it was sent from.
      const second = await page('?round=2');
      assert.match(second, /name="shownRound" value="2"/);
      const [big, small] = sortBySize(await roomsOf(rounds.second)).reverse() as [
        BreakoutRoom,
        BreakoutRoom,
      ];
      const moved = await post('/move', {
        personId: big.memberIds[0]!,
        roomId: small.id,
        shownRound: '2',
      });
      assert.equal(moved.statusCode, 303);
      assert.equal(moved.headers.location, `${BASE}?done=moved&round=2#rounds`);
      const refused = await post('/move', {
        personId: 'nobody',
        roomId: small.id,
        shownRound: '2',
      });
      assert.equal(refused.statusCode, 400);
      assert.deepEqual(shown(refused.body), [2], 'the problem is shown on the same round');
    });

    it('refuses a move that would take a room past its size bounds, saying why, and changes nothing', async () => {
      const sorted = sortBySize(await roomsOf(rounds.first));
      const full = sorted.at(-1)!;
      const small = sorted[0]!;
      const other = sorted[1]!;
      const before = await snapshot();

      let response = await post('/move', { personId: small.memberIds[0]!, roomId: full.id });
      assert.equal(response.statusCode, 400);
      assert.match(
        response.body,
        new RegExp(`${full.name} would have 5 people, more than the largest room size \\(4\\)`),
      );
      response = await post('/move', { personId: small.memberIds[0]!, roomId: other.id });
      assert.equal(response.statusCode, 400);
      assert.match(
        response.body,
        new RegExp(`${small.name} would have 2 people, fewer than the smallest room size \\(3\\)`),
      );
      assert.equal(await snapshot(), before);
    });

    it('refuses moving an unknown person or to an unknown room, or to a room of another round', async () => {
      const before = await snapshot();
      const [firstRoom] = await roomsOf(rounds.first);
      const [otherRoundRoom] = await roomsOf(rounds.second);
      let response = await post('/move', { personId: 'nobody', roomId: firstRoom!.id });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /The person to move is not in any room/);
      response = await post('/move', {
        personId: firstRoom!.memberIds[0]!,
        roomId: 'no-such-room',
      });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /Choose a room of the same round/);
      response = await post('/move', { personId: 'p-night', roomId: otherRoundRoom!.id });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /Night Owl is not in a room in this round/);
      assert.equal(await snapshot(), before);
    });

    it('refuses pairs kept apart that name an unknown person or the same person twice', async () => {
      let response = await post('/apart', { first: 'p-01', second: 'p-01' });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /Person 1 cannot be kept apart from themselves/);
      response = await post('/apart', { first: 'p-01', second: 'p-invited' });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /Choose the second person from the list/);
      response = await post('/apart', {});
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /Choose the first person/);
      assert.deepEqual(await web.deps.store.breakouts.listApartPairs(editionId), []);
      assert.equal((await post('/apart', { first: 'p-03', second: 'p-01' })).statusCode, 303);
      assert.deepEqual(await web.deps.store.breakouts.listApartPairs(editionId), [
        ['p-01', 'p-03'],
      ]);
    });

    it('refuses an absence for an unknown round, and a meeting link that is not https', async () => {
      let response = await post('/absences', { personId: 'p-02', sessionId: 'nope' });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /Choose a breakout round from the list/);
      response = await post(`/rounds/${rounds.second}/link`, { meetingUrl: 'javascript:alert(1)' });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /starting with https:\/\//);
      assert.equal((await post('/rounds/not-a-round/link', { meetingUrl: '' })).statusCode, 404);
      assert.equal((await post('/rooms/not-a-room/lock', { locked: 'true' })).statusCode, 404);
    });

    it('locks a room and keeps it, members and all, when the rounds are planned again', async () => {
      const [room] = await roomsOf(rounds.first);
      assert.equal((await post(`/rooms/${room!.id}/lock`, { locked: 'true' })).statusCode, 303);
      const seedBefore = (await web.deps.store.breakouts.findPlan(editionId))!.seed;
      assert.equal((await post('/regenerate')).statusCode, 303);
      const after = await roomsOf(rounds.first);
      const kept = after.find((r) => r.id === room!.id);
      assert.deepEqual(kept, { ...room!, locked: true });
      assert.equal(new Set(after.flatMap((r) => r.memberIds)).size, 10);
      assert.equal(after.flatMap((r) => r.memberIds).length, 10);
      for (const other of after.filter((r) => r.id !== room!.id))
        assert.ok(other.memberIds.every((id) => !room!.memberIds.includes(id)));
      assert.equal((await web.deps.store.breakouts.findPlan(editionId))!.seed, seedBefore + 1);
      // The pair kept apart never shares a room.
      for (const r of await rooms())
        assert.ok(!(r.memberIds.includes('p-01') && r.memberIds.includes('p-03')));
    });

    it('refuses moving someone out of or into a locked room', async () => {
      const roundRooms = await roomsOf(rounds.first);
      const locked = roundRooms.find((room) => room.locked)!;
      const open = roundRooms.find((room) => !room.locked)!;
      const response = await post('/move', { personId: locked.memberIds[0]!, roomId: open.id });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /is locked\. Unlock it to change who is in it/);
    });

    it('names a rapporteur for a room: one of the edition’s rapporteurs or a member, never anyone else', async () => {
      await signInAs(web.deps, { id: 'p-rapporteur', name: 'Rita Rapporteur' }, [
        { editionId, role: 'rapporteur' },
      ]);
      const room = (await roomsOf(rounds.first)).find((r) => r.memberIds.includes('p-02'))!;
      const stranger = (await roomsOf(rounds.first)).find((r) => !r.memberIds.includes('p-02'))!
        .memberIds[0]!;
      // Planning picked one of the room's members by rotation.
      assert.ok(room.rapporteurId && room.memberIds.includes(room.rapporteurId));
      const refused = await post(`/rooms/${room.id}/rapporteur`, { rapporteurId: stranger });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /Choose one of the edition’s rapporteurs or a member of Room \d/);
      assert.equal(
        (await roomsOf(rounds.first)).find((r) => r.id === room.id)?.rapporteurId,
        room.rapporteurId,
      );
      const saved = await post(`/rooms/${room.id}/rapporteur`, { rapporteurId: 'p-rapporteur' });
      assert.equal(saved.statusCode, 303);
      assert.equal(
        (await roomsOf(rounds.first)).find((r) => r.id === room.id)?.rapporteurId,
        'p-rapporteur',
      );
    });

    it('publishes the rooms, and an attendee then sees their room, its members, the prompt and the link', async () => {
      assert.equal((await post('/publish')).statusCode, 303);
      const plan = await web.deps.store.breakouts.findPlan(editionId);
      assert.equal(plan?.status, 'published');
      assert.equal(plan?.publishedBy, 'p-olu');

      const mine = (await roomsOf(rounds.first)).find((room) => room.memberIds.includes('p-02'))!;
      const page = await web.app.inject({
        url: '/editions/dsc-2021/breakouts',
        cookies: attendees['p-02'],
      });
      assert.equal(page.statusCode, 200);
      assert.match(
        page.body,
        /<span class="tag tag--now">Now<\/span> Round 1: Breakout round first/,
      );
      assert.match(page.body, /What surprised you this year\?/);
      assert.ok(page.body.includes(`href="${mine.videoUrl}"`));
      assert.match(page.body, /data-ends-at="2021-11-16T15:30:00.000Z"/);
      assert.match(page.body, /aria-live="polite"/);
      assert.match(page.body, /The round ends at 15:30 GMT\./);
      for (const id of mine.memberIds.filter((id) => id !== 'p-00'))
        assert.match(page.body, new RegExp(`Person ${Number(id.slice(2))}</strong>`));
      assert.match(page.body, /Their time now: 15:10 GMT/);
      assert.match(page.body, /Rita Rapporteur takes notes in this room/);
      assert.match(page.body, /Round 2: Breakout round second/);

      const night = await web.app.inject({
        url: '/editions/dsc-2021/breakouts',
        cookies: attendees['p-night'],
      });
      assert.match(night.body, /You are not in a room in this round/);
    });

    it('shows the next round before it starts, with its start time and no countdown', async () => {
      web.clock.set('2021-11-16T14:00:00Z');
      try {
        const page = await web.app.inject({
          url: '/editions/dsc-2021/breakouts',
          cookies: attendees['p-02'],
        });
        assert.match(page.body, /<span class="tag tag--next">Next<\/span> Round 1/);
        assert.match(page.body, /It starts at 16 Nov 2021, 15:00/);
        assert.doesNotMatch(page.body, /data-breakout-countdown/);
      } finally {
        web.clock.set('2021-11-16T15:10:00Z');
      }
    });

    it('links the breakout round’s session page and the programme to the attendee’s rooms', async () => {
      const page = await web.app.inject({
        url: `/editions/dsc-2021/sessions/${rounds.first}`,
        cookies: attendees['p-02'],
      });
      assert.match(page.body, /href="\/editions\/dsc-2021\/breakouts">Your breakout room/);
      const programme = await web.app.inject({
        url: '/editions/dsc-2021',
        cookies: attendees['p-02'],
      });
      assert.match(programme.body, /href="\/editions\/dsc-2021\/breakouts">Your breakout rooms/);
      const visitor = await web.app.inject({ url: '/editions/dsc-2021' });
      assert.doesNotMatch(visitor.body, /Your breakout rooms/);
    });

    it('gives one meeting link to every room of a round when the organizer sets one', async () => {
      const link = 'https://zoom.us/j/123456789';
      assert.equal(
        (await post(`/rounds/${rounds.second}/link`, { meetingUrl: link })).statusCode,
        303,
      );
      const page = await web.app.inject({
        url: '/editions/dsc-2021/breakouts',
        cookies: attendees['p-02'],
      });
      assert.ok(page.body.includes(`href="${link}"`));
    });

    it('exports Zoom’s pre-assignment file with exactly its two columns, and a plain file with formulas neutralised', async () => {
      const zoom = await web.app.inject({
        url: `${BASE}/rounds/${rounds.first}/zoom.csv`,
        cookies: organizer,
      });
      assert.equal(zoom.statusCode, 200);
      assert.match(String(zoom.headers['content-type']), /^text\/csv/);
      const lines = zoom.body.replace(/^\uFEFF/, '').split('\r\n');
      assert.equal(lines[0], 'Pre-assign Room Name,Email Address');
      assert.equal(lines.filter((line) => line !== '').length, 11);
      assert.match(zoom.body, /\r\nRoom \d,p-\d\d@test\.example\r\n/);

      const plain = await web.app.inject({ url: `${BASE}/rooms.csv`, cookies: organizer });
      assert.equal(plain.statusCode, 200);
      const rows = plain.body.replace(/^\uFEFF/, '').split('\r\n');
      assert.equal(rows[0], 'Round,Room,Name,Email,Government,Role');
      assert.ok(plain.body.includes(`"'=HYPERLINK(""http://evil.example"")"`), plain.body);
      assert.ok(!/(^|,)=HYPERLINK/m.test(plain.body));
      assert.match(
        plain.body,
        /Round 1: Breakout round first,Room \d,Person \d,p-0\d@test\.example,(Kenya|Estonia),/,
      );

      const print = await web.app.inject({ url: `${BASE}/print`, cookies: organizer });
      assert.equal(print.statusCode, 200);
      assert.match(print.body, /<h2>Round 1: Breakout round first<\/h2>/);
      assert.equal(
        (await web.app.inject({ url: `${BASE}/rounds/no-round/zoom.csv`, cookies: organizer }))
          .statusCode,
        404,
      );
    });

    it('never publishes rooms that changed after the organizer opened the page, and lets one of two changes made at once through', async () => {
      assert.equal((await post('/plan')).statusCode, 303);
      const page = await web.app.inject({ url: BASE, cookies: organizer });
      const seen = /name="revision" value="(\d+)"/.exec(page.body)?.[1];
      assert.ok(seen, 'the publish form names the revision shown');
      // Someone else plans again meanwhile.
      assert.equal((await post('/regenerate')).statusCode, 303);
      const before = await snapshot();
      const stale = await post('/publish', { revision: seen });
      assert.equal(stale.statusCode, 400);
      assert.match(stale.body, /The rooms changed after you opened this page/);
      assert.equal((await web.deps.store.breakouts.findPlan(editionId))?.status, 'draft');
      assert.equal(await snapshot(), before);

      // Two changes that read the same revision: the first claims it, the second is refused.
      const plan = await web.deps.store.breakouts.findPlan(editionId);
      const revision = plan!.revision;
      assert.equal(await web.deps.store.breakouts.claimRevision(editionId, revision), true);
      assert.equal(await web.deps.store.breakouts.claimRevision(editionId, revision), false);
      assert.equal((await web.deps.store.breakouts.findPlan(editionId))?.revision, revision + 1);
    });

    it('explains that an edition without breakout rounds has nothing to plan', async () => {
      await seedEdition(web.deps, 'no-rounds');
      const edition = await web.deps.store.programme.findEditionBySlug('no-rounds');
      const cookie = await signInAs(web.deps, { id: 'p-no-rounds-organizer' }, [
        { editionId: edition!.id, role: 'organizer' },
      ]);
      const response = await postForm(
        web.app,
        '/organize/editions/no-rounds/breakouts/plan',
        {},
        cookie,
      );
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /has no breakout rounds/);
    });
  },
);

function sortBySize(rooms: BreakoutRoom[]): BreakoutRoom[] {
  return [...rooms].sort((a, b) => a.memberIds.length - b.memberIds.length);
}
