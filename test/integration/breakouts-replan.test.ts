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
const ROUND = 'round-live';

const roomOf = (rooms: BreakoutRoom[], id: string) =>
  rooms.find((room) => room.memberIds.includes(id))?.id;
/** The success message names each person who changed room. */
const movedPattern = (id: string) =>
  new RegExp(`Moved to another room:[^<]*Person ${Number(id.slice(2))}\\b`);

describeEachDatabase(
  'organizers re-plan a published breakout round live, through HTTP',
  (database) => {
    let web: TestWebApp;
    let editionId = '';
    let organizer: Record<string, string>;

    const roomsOfRound = async () =>
      (await web.deps.store.breakouts.listRooms(editionId)).filter((r) => r.sessionId === ROUND);
    const post = (path: string, fields: Record<string, string | string[]> = {}) =>
      postForm(web.app, `${BASE}${path}`, fields, organizer);
    const replan = (fields: Record<string, string | string[]>) =>
      post(`/rounds/${ROUND}/replan`, fields);
    const changeEvents = async () =>
      (await web.deps.store.live.readEvents(ROUND, 0, 1000)).filter(
        (event) => event.payload.type === 'breakouts.changed',
      ).length;
    const snapshot = async () =>
      JSON.stringify([
        await web.deps.store.breakouts.listRooms(editionId),
        await web.deps.store.breakouts.listAbsences(editionId),
        await changeEvents(),
      ]);

    before(async () => {
      web = await buildTestWebApp(database(), { now: '2021-11-16T14:50:00Z' });
      editionId = (await seedEdition(web.deps)).edition.id;
      await web.deps.store.programme.saveSession(
        {
          id: ROUND,
          editionId,
          title: 'Live round',
          format: 'breakout-round',
          startsAt: '2021-11-16T15:00:00.000Z',
          endsAt: '2021-11-16T15:30:00.000Z',
          description: 'What surprised you this year?',
          videoUrl: '',
          themeIds: [],
        },
        [],
      );
      organizer = await signInAs(web.deps, { id: 'p-olu', name: 'Olu Adeyemi' }, [
        { editionId, role: 'organizer' },
      ]);
      for (let i = 0; i <= 10; i++) {
        const id = `p-${String(i).padStart(2, '0')}`;
        await web.deps.store.people.savePerson({
          id,
          name: `Person ${i}`,
          email: `${id}@test.example`,
          timeZone: 'Europe/London',
          governmentId: i % 2 === 0 ? 'gov-ke-dsc-2021' : 'gov-ee-dsc-2021',
          role: ROLES[i % ROLES.length] as PersonRole,
          maturity: i % 3 === 0 ? 'starting' : 'momentum',
        });
        await web.deps.store.people.addInvitee(editionId, id, '2021-06-01T12:00:00Z');
        await web.deps.store.access.updateInviteeProgress(editionId, id, { status: 'registered' });
      }
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
      // Person 10 said they could not come: ten people, in rooms of 3 to 4.
      assert.equal(
        (await post('/absences', { personId: 'p-10', sessionId: ROUND })).statusCode,
        303,
      );
      assert.equal((await post('/settings', { min: '3', max: '4' })).statusCode, 303);
      assert.equal((await post('/plan')).statusCode, 303);
    });
    after(async () => web.app.close());

    it('refuses to re-plan a round whose rooms are still a draft', async () => {
      const before = await snapshot();
      const response = await replan({ absentIds: 'p-01' });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /Only published rooms can be re-planned/);
      assert.equal(await snapshot(), before);
    });

    it('tells open attendee pages when the rooms are published', async () => {
      assert.equal(await changeEvents(), 0);
      assert.equal((await post('/publish')).statusCode, 303);
      assert.equal(await changeEvents(), 1);
      const page = await web.app.inject({ url: BASE, cookies: organizer });
      assert.match(page.body, /<legend>Who is not there for round 1\?<\/legend>/);
      assert.match(page.body, /<legend>Who joined round 1 late\?<\/legend>/);
      assert.match(page.body, /<label for="joined-round-live-p-10">Person 10 \(/);
    });

    it('refuses unknown people, people not in the round, people already in it and people not registered, changing nothing', async () => {
      const before = await snapshot();
      let response = await replan({ absentIds: 'nobody' });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /There is nobody with the id “nobody”/);
      assert.match(
        response.body,
        /href="#field-replan-round-live"/,
        'the error summary links the form',
      );
      response = await replan({ absentIds: 'p-10' });
      assert.match(response.body, /Person 10 has no room in this round/);
      response = await replan({ joinedIds: ['p-01', 'p-invited'] });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /Person 1 already has a room in this round/);
      assert.match(
        response.body,
        /Only Invited is not registered for Digital Services Convening dsc-2021, so cannot take part/,
      );
      assert.equal(
        (await post('/rounds/no-such-round/replan', { absentIds: 'p-01' })).statusCode,
        404,
      );
      response = await replan({});
      assert.match(response.body, /Choose who is not there, or who joined late/);
      assert.equal(await snapshot(), before);
    });

    it('refuses when the people present cannot be split into rooms of the sizes, changing nothing', async () => {
      const before = await snapshot();
      const response = await replan({ absentIds: ['p-00', 'p-01', 'p-02', 'p-03', 'p-04'] });
      assert.equal(response.statusCode, 400);
      assert.match(
        response.body,
        /The 5 people present cannot be split into rooms of 3 to 4\. Change the room sizes or who is present\./,
      );
      assert.match(
        response.body,
        /id="field-replan-round-live" name="absentIds" value="p-00" checked/,
      );
      assert.equal(await snapshot(), before);
    });

    it('re-plans after two people drop: they leave the round, and everyone whose room still works keeps it', async () => {
      const planned = await roomsOfRound();
      const sorted = [...planned].sort((a, b) => b.memberIds.length - a.memberIds.length);
      const gone = [sorted[0]!.memberIds[0]!, sorted[1]!.memberIds[0]!];
      const eventsBefore = await changeEvents();
      const response = await replan({ absentIds: gone });
      assert.equal(response.statusCode, 200);
      assert.match(response.body, /The round was re-planned and attendees see their new rooms\./);

      const after = await roomsOfRound();
      const seated = after.flatMap((room) => room.memberIds);
      assert.equal(seated.length, 8);
      assert.equal(new Set(seated).size, 8, 'each person once');
      for (const id of gone) assert.ok(!seated.includes(id));
      for (const room of after) assert.ok(room.memberIds.length >= 3 && room.memberIds.length <= 4);
      // Every room still has a rapporteur, and it is someone in the room.
      for (const room of after)
        assert.ok(room.rapporteurId && room.memberIds.includes(room.rapporteurId), room.name);
      // Whoever sits in another room than before is named as moved; the others stayed put.
      const roomOf = (rooms: BreakoutRoom[], id: string) =>
        rooms.find((room) => room.memberIds.includes(id))?.id;
      const moved = seated.filter((id) => roomOf(planned, id) !== roomOf(after, id));
      assert.ok(moved.length < 8);
      for (const id of moved)
        assert.match(
          response.body,
          new RegExp(`Moved to another room:[^<]*Person ${Number(id.slice(2))}\\b`),
        );
      for (const room of after.filter((r) => planned.some((p) => p.id === r.id)))
        assert.equal(room.videoUrl, planned.find((p) => p.id === room.id)!.videoUrl);
      const absences = await web.deps.store.breakouts.listAbsences(editionId);
      for (const id of gone)
        assert.ok(absences.some((a) => a.sessionId === ROUND && a.personId === id));
      assert.equal(await changeEvents(), eventsBefore + 1);
    });

    it('places a late joiner, moving only people it names', async () => {
      const planned = await roomsOfRound();
      const response = await replan({ joinedIds: 'p-10' });
      assert.equal(response.statusCode, 200);
      assert.match(response.body, /Placed in a room: Person 10\./);
      const after = await roomsOfRound();
      const seated = after.flatMap((room) => room.memberIds);
      assert.equal(seated.length, 9);
      assert.ok(seated.includes('p-10'));
      for (const room of after) assert.ok(room.memberIds.length >= 3 && room.memberIds.length <= 4);
      for (const id of planned.flatMap((room) => room.memberIds))
        if (roomOf(planned, id) !== roomOf(after, id))
          assert.match(response.body, movedPattern(id));
    });

    it('gives the attendee page the round’s event stream, to show changes without a reload', async () => {
      const attendee = await signInAs(web.deps, { id: 'p-05' });
      const page = await web.app.inject({ url: '/editions/dsc-2021/breakouts', cookies: attendee });
      assert.equal(page.statusCode, 200);
      assert.match(
        page.body,
        /aria-live="polite" data-breakout-status data-events-url="\/editions\/dsc-2021\/sessions\/round-live\/room\/events"/,
      );
      assert.match(page.body, /<div data-breakout-room="1" tabindex="-1">/);
    });

    it('sends attendees the change as an event that names nobody', async () => {
      const [event] = (await web.deps.store.live.readEvents(ROUND, 0, 1000)).slice(-1);
      assert.equal(event?.audience, 'all');
      assert.deepEqual(event?.payload, { type: 'breakouts.changed' });
    });
  },
);
