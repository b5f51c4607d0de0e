import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { listPeopleMet } from '../../src/app/breakouts/people-met.ts';
import type { BreakoutRoom } from '../../src/domain/breakout-plan/breakout-plan.ts';
import type { PersonRole } from '../../src/domain/people/person.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { seedEdition } from '../support/programme-factory.ts';
import { signInAs } from '../support/sessions.ts';
import { buildTestWebApp, postForm, type TestWebApp } from '../support/web-app.ts';

const ROLES: PersonRole[] = ['minister', 'engineer', 'ux-designer', 'product-manager'];

describeEachDatabase(
  'rapporteurs keep breakout rooms’ notes, and people see who they met',
  (database) => {
    let web: TestWebApp;
    let editionId = '';
    let organizer: Record<string, string>;
    const cookies: Record<string, Record<string, string>> = {};
    let room: BreakoutRoom;
    let otherRoom: BreakoutRoom;

    const notesUrl = (roomId: string) => `/editions/dsc-2021/breakouts/rooms/${roomId}/notes`;
    const page = (roomId: string, who: Record<string, string>) =>
      web.app.inject({ url: notesUrl(roomId), cookies: who });
    const save = (roomId: string, who: Record<string, string>, fields: Record<string, string>) =>
      postForm(web.app, notesUrl(roomId), fields, who);
    const stored = () => web.deps.store.notes.findRoomNotes(room.id);

    before(async () => {
      // During round 1 (15:00-15:30 on the 16th); round 2 is the next day.
      web = await buildTestWebApp(database(), { now: '2021-11-16T15:10:00Z' });
      const seeded = await seedEdition(web.deps);
      editionId = seeded.edition.id;
      for (const [id, day] of [
        ['round-1', '16'],
        ['round-2', '17'],
      ] as const)
        await web.deps.store.programme.saveSession(
          {
            id,
            editionId,
            title: `Breakout ${id}`,
            format: 'breakout-round',
            startsAt: `2021-11-${day}T15:00:00.000Z`,
            endsAt: `2021-11-${day}T15:30:00.000Z`,
            description: 'What surprised you this year?',
            videoUrl: '',
            themeIds: [],
          },
          [],
        );
      organizer = await signInAs(web.deps, { id: 'p-olu', name: 'Olu Adeyemi' }, [
        { editionId, role: 'organizer' },
      ]);
      for (let i = 0; i < 6; i += 1) {
        const id = `p-${i}`;
        await web.deps.store.people.savePerson({
          id,
          name: `Person ${i}`,
          email: `${id}@test.example`,
          timeZone: 'Europe/London',
          governmentId: i % 2 === 0 ? 'gov-ke-dsc-2021' : 'gov-ee-dsc-2021',
          role: ROLES[i % ROLES.length]!,
          maturity: i % 3 === 0 ? 'starting' : 'momentum',
        });
        await web.deps.store.people.addInvitee(editionId, id, '2021-06-01T12:00:00Z');
        await web.deps.store.access.updateInviteeProgress(editionId, id, { status: 'registered' });
        cookies[id] = await signInAs(web.deps, { id });
      }
      const base = '/organize/editions/dsc-2021/breakouts';
      assert.equal(
        (await postForm(web.app, `${base}/settings`, { min: '3', max: '3' }, organizer)).statusCode,
        303,
      );
      assert.equal((await postForm(web.app, `${base}/plan`, {}, organizer)).statusCode, 303);
      assert.equal((await postForm(web.app, `${base}/publish`, {}, organizer)).statusCode, 303);
      const rooms = (await web.deps.store.breakouts.listRooms(editionId)).filter(
        (r) => r.sessionId === 'round-1',
      );
      [room, otherRoom] = rooms as [BreakoutRoom, BreakoutRoom];
      assert.ok(room.rapporteurId, 'planning picks a rapporteur by rotation');
    });
    after(async () => web.app.close());

    const rapporteur = () => cookies[room.rapporteurId!]!;
    const memberNotRapporteur = () =>
      cookies[room.memberIds.find((id) => id !== room.rapporteurId)!]!;
    const outsider = () => cookies[otherRoom.memberIds[0]!]!;

    it('offers the rapporteur, on their breakout page, to write the notes of their room', async () => {
      const mine = await web.app.inject({
        url: '/editions/dsc-2021/breakouts',
        cookies: rapporteur(),
      });
      assert.equal(mine.statusCode, 200);
      assert.match(mine.body, /You take the notes in this room/);
      assert.ok(mine.body.includes(`href="${notesUrl(room.id)}"`));
      const form = await page(room.id, rapporteur());
      assert.equal(form.statusCode, 200);
      for (const label of [
        'Key points',
        'Struggles shared',
        'Ideas',
        'Takeaways',
        'Quotes cleared for attribution',
      ])
        assert.match(
          form.body,
          new RegExp(`<label class="label" for="field-\\w+">${label}</label>`),
        );
      assert.match(form.body, /name="baseVersion" value="0"/);
    });

    it('saves the notes, shows them to the people in the room and to the organizers, and nobody else', async () => {
      const saved = await save(room.id, rapporteur(), {
        baseVersion: '0',
        struggles: 'Budgets are yearly.\n- <script>alert(1)</script>',
        ideas: 'Share procurement templates',
      });
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, `${notesUrl(room.id)}?done=saved`);
      const notes = await stored();
      assert.equal(notes?.version, 1);
      assert.equal(notes?.sections.ideas, 'Share procurement templates');
      assert.equal(notes?.updatedBy, room.rapporteurId);

      const read = await page(room.id, memberNotRapporteur());
      assert.equal(read.statusCode, 200);
      assert.match(read.body, /Share procurement templates/);
      // Markdown is rendered (the list item), raw HTML never: it shows as the text that was typed.
      assert.ok(!/<script>alert/i.test(read.body), 'no script from the notes');
      assert.match(
        read.body,
        /<p>Budgets are yearly\.<\/p>\n<ul>\n<li>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/li>/,
      );
      assert.ok(
        !read.body.includes('name="baseVersion"'),
        'a member reads; only the rapporteur writes',
      );
      assert.equal((await page(room.id, outsider())).statusCode, 403);
      assert.equal(
        (await save(room.id, memberNotRapporteur(), { baseVersion: '1', ideas: 'Mine' }))
          .statusCode,
        403,
      );
      assert.equal((await stored())?.version, 1);

      const board = await web.app.inject({
        url: '/organize/editions/dsc-2021/breakouts',
        cookies: organizer,
      });
      assert.match(board.body, /Notes: Saved by Person \d, .* \(version 1\)/);
      assert.equal((await page(room.id, organizer)).statusCode, 200);
    });

    it('never overwrites notes someone saved meanwhile: both versions are shown to merge', async () => {
      // The organizer opened the notes at version 1 too, and saves after the rapporteur.
      assert.equal(
        (await save(room.id, rapporteur(), { baseVersion: '1', ideas: 'Rapporteur’s line' }))
          .statusCode,
        303,
      );
      const clash = await save(room.id, organizer, { baseVersion: '1', ideas: 'Organizer’s line' });
      assert.equal(clash.statusCode, 409);
      assert.match(clash.body, /saved these notes while you were writing/);
      assert.match(clash.body, /Rapporteur’s line/);
      assert.match(clash.body, /Organizer’s line/);
      assert.match(clash.body, /name="baseVersion" value="2"/);
      assert.equal((await stored())?.sections.ideas, 'Rapporteur’s line');
      // Saving the merged text from the version shown works.
      const merged = await save(room.id, organizer, {
        baseVersion: '2',
        ideas: 'Rapporteur’s line\nOrganizer’s line',
      });
      assert.equal(merged.statusCode, 303);
      const notes = await stored();
      assert.equal(notes?.version, 3);
      assert.equal(notes?.updatedBy, 'p-olu');
    });

    it('refuses notes that are too long or carry control characters, naming the section and saving nothing', async () => {
      const before = await stored();
      const response = await save(room.id, rapporteur(), {
        baseVersion: '3',
        keyPoints: 'x'.repeat(20_001),
        quotes: 'a\u0007b',
      });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /Key points is 20,001 characters long; the limit is 20,000/);
      assert.match(
        response.body,
        /Quotes cleared for attribution contains an invisible control character \(U\+0007\)/,
      );
      const missing = await save(room.id, rapporteur(), { ideas: 'No version' });
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /did not say which version of the notes it started from/);
      assert.deepEqual(await stored(), before);
      assert.equal((await page('no-such-room', rapporteur())).statusCode, 404);
    });

    it('keeps the rooms of a round that has started when the organizer plans again, as who met', async () => {
      const base = '/organize/editions/dsc-2021/breakouts';
      const roundRooms = async (sessionId: string) =>
        JSON.stringify(
          (await web.deps.store.breakouts.listRooms(editionId)).filter(
            (r) => r.sessionId === sessionId,
          ),
        );
      const held = await roundRooms('round-1');
      const comingIds = (await web.deps.store.breakouts.listRooms(editionId))
        .filter((r) => r.sessionId === 'round-2')
        .map((r) => r.id);
      const planned = await postForm(web.app, `${base}/plan`, {}, organizer);
      assert.equal(planned.statusCode, 303);
      assert.equal(planned.headers.location, `${base}?done=planned-held#rounds`);
      assert.equal(await roundRooms('round-1'), held, 'round 1 has started: its rooms stay');
      const coming = (await web.deps.store.breakouts.listRooms(editionId)).filter(
        (r) => r.sessionId === 'round-2',
      );
      assert.equal(coming.flatMap((r) => r.memberIds).length, 6);
      assert.ok(
        coming.every((r) => !comingIds.includes(r.id)),
        'round 2 was planned anew',
      );
      const board = await web.app.inject({ url: `${base}?done=planned-held`, cookies: organizer });
      assert.match(board.body, /Rounds that have started kept their rooms/);
      assert.equal((await postForm(web.app, `${base}/publish`, {}, organizer)).statusCode, 303);
      assert.ok(
        await web.deps.store.notes.findRoomNotes(room.id),
        'the notes stay with their room',
      );
    });

    it('keeps the notes of a room that re-planning closes, with the round and the room’s name', async () => {
      await web.deps.store.breakouts.replaceRooms('round-1', [otherRoom.id], []);
      const notes = await web.deps.store.notes.listEditionNotes(editionId);
      assert.equal(notes.length, 1);
      assert.equal(notes[0]?.breakoutRoomId, null);
      assert.equal(notes[0]?.roomName, room.name);
      const board = await web.app.inject({
        url: '/organize/editions/dsc-2021/breakouts',
        cookies: organizer,
      });
      assert.match(
        board.body,
        new RegExp(`Notes of ${room.name}, a room of round 1 that re-planning closed`),
      );
      assert.match(board.body, /Organizer’s line/);
    });

    it('counts who someone has met in rounds that have started, never in rounds still to come', async () => {
      const personId = otherRoom.memberIds[0]!;
      const met = await listPeopleMet(web.deps, personId);
      assert.deepEqual(
        met.map((m) => m.person.id).sort(),
        otherRoom.memberIds.filter((id) => id !== personId).sort(),
      );
      assert.ok(met.every((m) => m.rounds.every((r) => r.round.id === 'round-1')));
      const mine = await web.app.inject({
        url: '/editions/dsc-2021/breakouts',
        cookies: cookies[personId],
      });
      assert.match(
        mine.body,
        /So far you have met 2 people from [12] governments? in breakout rooms/,
      );
      // The next day, round 2 counts too.
      web.clock.set('2021-11-17T15:05:00Z');
      const later = await listPeopleMet(web.deps, personId);
      assert.ok(later.some((m) => m.rounds.some((r) => r.round.id === 'round-2')));
    });
  },
);
