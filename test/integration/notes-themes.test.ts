import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { BreakoutRoom } from '../../src/domain/breakout-plan/breakout-plan.ts';
import type { PersonRole } from '../../src/domain/people/person.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { seedEdition } from '../support/programme-factory.ts';
import { signInAs } from '../support/sessions.ts';
import { buildTestWebApp, postForm, type TestWebApp } from '../support/web-app.ts';

const ROLES: PersonRole[] = ['minister', 'engineer', 'ux-designer', 'product-manager'];

describeEachDatabase('themes of a breakout room’s notes', (database) => {
  let web: TestWebApp;
  let editionId = '';
  let lockInId = '';
  let otherEditionThemeId = '';
  let organizer: Record<string, string>;
  const cookies: Record<string, Record<string, string>> = {};
  let room: BreakoutRoom;

  const notesUrl = () => `/editions/dsc-2021/breakouts/rooms/${room.id}/notes`;
  const rapporteur = () => cookies[room.rapporteurId!]!;
  const member = () => cookies[room.memberIds.find((id) => id !== room.rapporteurId)!]!;

  before(async () => {
    web = await buildTestWebApp(database(), { now: '2021-11-16T15:10:00Z' });
    const seeded = await seedEdition(web.deps);
    const other = await seedEdition(web.deps, 'other-2021');
    editionId = seeded.edition.id;
    lockInId = seeded.themes.lockIn.id;
    otherEditionThemeId = other.themes.lockIn.id;
    await web.deps.store.programme.saveSession(
      {
        id: 'round-1',
        editionId,
        title: 'Breakout round 1',
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
    await postForm(web.app, `${base}/settings`, { min: '3', max: '3' }, organizer);
    assert.equal((await postForm(web.app, `${base}/plan`, {}, organizer)).statusCode, 303);
    assert.equal((await postForm(web.app, `${base}/publish`, {}, organizer)).statusCode, 303);
    [room] = (await web.deps.store.breakouts.listRooms(editionId)) as [BreakoutRoom];
    assert.ok(room.rapporteurId);
  });
  after(async () => web.app.close());

  it('asks for the notes to be saved before suggesting themes', async () => {
    const page = await web.app.inject({ url: notesUrl(), cookies: rapporteur() });
    assert.match(page.body, /Once the notes are saved, themes of the edition are suggested/);
    const early = await postForm(
      web.app,
      `${notesUrl()}/themes/confirm`,
      { themeId: lockInId },
      rapporteur(),
    );
    assert.equal(early.statusCode, 409);
    assert.match(early.body, /Save the notes before tagging them with themes/);
  });

  it('suggests themes from the saved notes, confirms one, and removes it', async () => {
    const saved = await postForm(
      web.app,
      notesUrl(),
      {
        baseVersion: '0',
        struggles: 'Budgets are yearly, so every team is locked into the same big IT vendor.',
        ideas: 'Share exit clauses for vendor contracts.',
      },
      rapporteur(),
    );
    assert.equal(saved.statusCode, 303);
    const page = await web.app.inject({ url: notesUrl(), cookies: rapporteur() });
    assert.match(
      page.body,
      /Tag: Vendor lock-in and budgets<\/button> <span class="hint">\(suggested because: [a-z, ]*vendor/,
    );

    const confirmed = await postForm(
      web.app,
      `${notesUrl()}/themes/confirm`,
      { themeId: lockInId },
      rapporteur(),
    );
    assert.equal(confirmed.statusCode, 303);
    assert.equal(confirmed.headers.location, `${notesUrl()}?done=theme-confirmed#themes`);
    const notes = await web.deps.store.notes.findRoomNotes(room.id);
    const tags = await web.deps.store.themeTags.listTagsOf('notes', [notes!.id]);
    assert.deepEqual(
      tags.map((t) => [t.themeId, t.taggedBy]),
      [[lockInId, room.rapporteurId]],
    );
    const after = await web.app.inject({ url: notesUrl(), cookies: rapporteur() });
    assert.match(after.body, /<span class="tag tag--theme">Vendor lock-in and budgets<\/span>/);
    assert.doesNotMatch(after.body, /Tag: Vendor lock-in and budgets/);

    const twice = await postForm(
      web.app,
      `${notesUrl()}/themes/confirm`,
      { themeId: lockInId },
      rapporteur(),
    );
    assert.equal(twice.statusCode, 409);
    assert.match(twice.body, /already tagged/);

    const removed = await postForm(
      web.app,
      `${notesUrl()}/themes/remove`,
      { themeId: lockInId },
      organizer,
    );
    assert.equal(removed.statusCode, 303);
    assert.deepEqual(await web.deps.store.themeTags.listTagsOf('notes', [notes!.id]), []);
  });

  it('refuses an unknown theme or another edition’s with 400, and people who only read the notes with 403', async () => {
    for (const themeId of ['no-such-theme', otherEditionThemeId, '']) {
      const response = await postForm(
        web.app,
        `${notesUrl()}/themes/confirm`,
        { themeId },
        rapporteur(),
      );
      assert.equal(response.statusCode, 400, themeId);
      assert.match(response.body, /not one of this edition’s themes/);
    }
    const byMember = await postForm(
      web.app,
      `${notesUrl()}/themes/confirm`,
      { themeId: lockInId },
      member(),
    );
    assert.equal(byMember.statusCode, 403);
    const unknownRoom = await postForm(
      web.app,
      '/editions/dsc-2021/breakouts/rooms/no-such-room/notes/themes/confirm',
      { themeId: lockInId },
      organizer,
    );
    assert.equal(unknownRoom.statusCode, 404);
    const readOnly = await web.app.inject({ url: notesUrl(), cookies: member() });
    assert.doesNotMatch(readOnly.body, /Themes of these notes/);
  });

  it('shows the tagged room notes on the theme page to the room’s members, not to other rooms', async () => {
    const notes = await web.deps.store.notes.findRoomNotes(room.id);
    assert.ok(notes);
    if ((await web.deps.store.themeTags.listTagsOf('notes', [notes.id])).length === 0) {
      const tagged = await postForm(
        web.app,
        `${notesUrl()}/themes/confirm`,
        { themeId: lockInId },
        rapporteur(),
      );
      assert.equal(tagged.statusCode, 303);
    }
    const themePage = `/editions/dsc-2021/themes/${lockInId}`;
    const ofMember = await web.app.inject({ url: themePage, cookies: member() });
    assert.equal(ofMember.statusCode, 200);
    assert.match(ofMember.body, /Share exit clauses for vendor contracts\./);
    const rooms = await web.deps.store.breakouts.listRooms(editionId);
    const elsewhere = rooms.find((r) => r.id !== room.id)!.memberIds[0]!;
    const ofOther = await web.app.inject({ url: themePage, cookies: cookies[elsewhere]! });
    assert.equal(ofOther.statusCode, 200);
    assert.ok(!ofOther.body.includes('Share exit clauses'), 'another room’s notes stay theirs');
    const ofOrganizer = await web.app.inject({ url: themePage, cookies: organizer });
    assert.match(ofOrganizer.body, /Share exit clauses for vendor contracts\./);
  });
});
