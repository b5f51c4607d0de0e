import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { UseCaseDeps } from '../../src/app/deps.ts';
import {
  newBreakoutPlan,
  type BreakoutRoom,
} from '../../src/domain/breakout-plan/breakout-plan.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { seedEdition } from '../support/programme-factory.ts';
import { signInAs } from '../support/sessions.ts';
import { buildTestWebApp, type TestWebApp } from '../support/web-app.ts';

/** The evening of the first day: the opening, the panel and breakout round 1 are over. */
const FIRST_EVENING = '2021-11-16T18:00:00.000Z';

const PEOPLE = [
  { id: 'p-1', name: 'Amara Okafor', government: 'gov-ke-dsc-2021' },
  { id: 'p-2', name: 'Brian Otieno', government: 'gov-ke-dsc-2021' },
  { id: 'p-3', name: 'Kaja Kallas-Lepp', government: 'gov-ee-dsc-2021' },
  { id: 'p-4', name: 'Njeri Mwangi', government: 'gov-ke-county' },
  { id: 'p-5', name: 'Harriet Host', government: null },
  { id: 'p-6', name: 'Mart Saar', government: 'gov-ee-dsc-2021' },
  { id: 'p-7', name: 'Invited Only', government: 'gov-ee-dsc-2021' },
] as const;

/** The text of each cell of the row that holds `rowText`, in the table captioned `captionId`. */
function rowCells(html: string, captionId: string, rowText: string): string[] {
  const start = html.indexOf(`id="${captionId}"`);
  assert.notEqual(start, -1, `the page has a table captioned #${captionId}`);
  const table = html.slice(start, html.indexOf('</table>', start));
  const row = table.split('<tr').find((candidate) => candidate.includes(rowText));
  assert.ok(row, `the table #${captionId} has a row for "${rowText}"`);
  return [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) =>
    (cell[1] ?? '')
      .replace(/<span class="(hint|visually-hidden)">[\s\S]*?<\/span>/g, '')
      .replace(/<[^>]+>/g, '')
      .trim(),
  );
}

async function addRound(deps: UseCaseDeps, editionId: string, id: string, startsAt: string) {
  const end = new Date(new Date(startsAt).getTime() + 30 * 60_000).toISOString();
  await deps.store.programme.saveSession(
    {
      id,
      editionId,
      title: `Breakout ${id}`,
      format: 'breakout-round',
      startsAt,
      endsAt: end,
      description: '',
      videoUrl: '',
      themeIds: [],
    },
    [],
  );
}

function room(editionId: string, sessionId: string, number: number, memberIds: string[]) {
  return {
    id: `${sessionId}-room-${number}`,
    editionId,
    sessionId,
    number,
    name: `Room ${number}`,
    videoUrl: '',
    locked: false,
    rapporteurId: null,
    memberIds,
  } satisfies BreakoutRoom;
}

async function register(deps: UseCaseDeps, editionId: string, personId: string, status: string) {
  await deps.store.people.addInvitee(editionId, personId, '2021-06-01T12:00:00Z');
  if (status !== 'invited')
    await deps.store.access.updateInviteeProgress(editionId, personId, {
      status: status as 'registered',
    });
}

describeEachDatabase('the numbers of a convening', (database) => {
  let web: TestWebApp;
  let sessions: { opening: string; panel: string; later: string };

  const get = (url: string, cookies: Record<string, string> = {}) =>
    web.app.inject({ url, cookies });

  before(async () => {
    web = await buildTestWebApp(database(), { now: FIRST_EVENING });
    const { deps } = web;
    const seeded = await seedEdition(deps, 'dsc-2021');
    const editionId = seeded.edition.id;
    sessions = {
      opening: seeded.sessions.opening.id,
      panel: seeded.sessions.panel.id,
      later: seeded.sessions.later.id,
    };
    // An earlier edition, archived, two years before.
    const earlier = await seedEdition(deps, 'dsc-2019');
    await deps.store.programme.updateEdition({
      ...earlier.edition,
      year: 2019,
      startDate: '2019-10-15',
      endDate: '2019-10-16',
      status: 'archived',
    });
    await seedEdition(deps, 'dsc-draft', 'draft');

    await deps.store.people.saveGovernment({
      id: 'gov-ke-county',
      code: 'KE-NBI',
      country: 'Kenya',
      teamName: 'Nairobi County digital team',
    });
    for (const person of PEOPLE)
      await deps.store.people.savePerson({
        id: person.id,
        name: person.name,
        email: `${person.id}@test.example`,
        governmentId: person.government,
        role: 'product-manager',
        maturity: 'momentum',
        timeZone: 'Europe/London',
      });
    for (const { id } of PEOPLE)
      await register(deps, editionId, id, id === 'p-7' ? 'invited' : 'registered');
    // Amara and Kaja came in 2019 too; Mart was invited then but did not register.
    await register(deps, earlier.edition.id, 'p-1', 'registered');
    await register(deps, earlier.edition.id, 'p-3', 'registered');
    await register(deps, earlier.edition.id, 'p-6', 'invited');

    // Session rooms: three people in the opening (Amara in two tabs), one in the panel.
    const presence = (id: string, sessionId: string, personId: string) => ({
      id,
      sessionId,
      personId,
      nodeId: 'node-a',
      joinedAt: '2021-11-16T14:01:00.000Z',
      leftAt: '2021-11-16T14:40:00.000Z',
    });
    await deps.store.live.openPresence([
      presence('pr-1', sessions.opening, 'p-1'),
      presence('pr-2', sessions.opening, 'p-1'),
      presence('pr-3', sessions.opening, 'p-2'),
      presence('pr-4', sessions.opening, 'p-3'),
      presence('pr-5', sessions.panel, 'p-1'),
    ]);
    const question = (id: string, sessionId: string, status: 'visible' | 'rejected' | 'queued') =>
      deps.store.live.insertQuestion({
        id,
        sessionId,
        askerId: 'p-2',
        seq: Number(id.slice(2)),
        text: `Question ${id} from Brian Otieno`,
        anonymous: false,
        status,
        askedAt: '2021-11-16T14:10:00.000Z',
      });
    await question('q-1', sessions.opening, 'visible');
    await question('q-2', sessions.opening, 'rejected');
    await question('q-3', sessions.panel, 'queued');
    for (const [index, hidden] of [false, false, true].entries())
      await deps.store.live.insertMessage({
        id: `m-${index}`,
        sessionId: sessions.opening,
        authorId: 'p-3',
        seq: 10 + index,
        text: `Hello from Kaja Kallas-Lepp ${index}`,
        replyToId: null,
        postedAt: '2021-11-16T14:05:00.000Z',
        hiddenAt: hidden ? '2021-11-16T14:06:00.000Z' : null,
      });

    // Breakout rooms: round 1 is over, round 2 is tomorrow; Amara and Brian met in 2019.
    await addRound(deps, editionId, 'round-1', '2021-11-16T16:30:00.000Z');
    await addRound(deps, editionId, 'round-2', '2021-11-17T16:30:00.000Z');
    await deps.store.breakouts.savePlan({ ...newBreakoutPlan(editionId), status: 'published' });
    await deps.store.breakouts.replaceRooms(
      'round-1',
      [],
      [
        room(editionId, 'round-1', 1, ['p-1', 'p-2', 'p-3']),
        room(editionId, 'round-1', 2, ['p-4', 'p-5', 'p-6']),
      ],
    );
    await deps.store.breakouts.replaceRooms(
      'round-2',
      [],
      [room(editionId, 'round-2', 1, ['p-1', 'p-4', 'p-5', 'p-6'])],
    );
    await addRound(deps, earlier.edition.id, 'round-2019', '2019-10-15T16:30:00.000Z');
    await deps.store.breakouts.savePlan({
      ...newBreakoutPlan(earlier.edition.id),
      status: 'published',
    });
    await deps.store.breakouts.replaceRooms(
      'round-2019',
      [],
      [room(earlier.edition.id, 'round-2019', 1, ['p-1', 'p-2'])],
    );
  });
  after(async () => web.app.close());

  it('shows who took part: registered attendees, governments, countries and returning people', async () => {
    const page = await get('/editions/dsc-2021/stats');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>The numbers: Digital Services Convening dsc-2021<\/h1>/);
    assert.match(page.body, /<dt>Registered attendees<\/dt><dd>6<\/dd>/);
    assert.match(page.body, /<dt>Governments represented<\/dt><dd>3, from 2 countries<\/dd>/);
    assert.match(
      page.body,
      /<dt>Returning from earlier editions<\/dt><dd>2 \(33% of registered attendees\)<\/dd>/,
    );
    assert.deepEqual(rowCells(page.body, 'countries-caption', 'Kenya'), ['Kenya', '2', '3']);
    assert.deepEqual(rowCells(page.body, 'countries-caption', 'Estonia'), ['Estonia', '1', '2']);
    assert.deepEqual(rowCells(page.body, 'countries-caption', 'Not with a government'), [
      'Not with a government',
      '–',
      '1',
    ]);
  });

  it('counts attendance, questions and messages per session held, leaving out what moderators removed', async () => {
    const page = await get('/editions/dsc-2021/stats');
    assert.match(page.body, /<dt>Sessions held<\/dt><dd>3 of 5 in the programme<\/dd>/);
    assert.match(page.body, /<dt>People who joined a session room<\/dt><dd>3<\/dd>/);
    assert.match(page.body, /<dt>Questions asked<\/dt><dd>2<\/dd>/);
    assert.match(page.body, /<dt>Chat messages<\/dt><dd>2<\/dd>/);
    const opening = 'Opening: collaboration, not competition';
    const panel = 'Breaking free of big IT vendors';
    assert.deepEqual(rowCells(page.body, 'attendance-caption', opening), [opening, '3']);
    assert.deepEqual(rowCells(page.body, 'attendance-caption', panel), [panel, '1']);
    assert.deepEqual(rowCells(page.body, 'activity-caption', opening), [opening, '1', '2']);
    assert.deepEqual(rowCells(page.body, 'activity-caption', panel), [panel, '1', '0']);
    assert.ok(
      !page.body.includes('From services to reform'),
      'a session still to come is not listed',
    );
  });

  it('draws each chart as a named image, its numbers in a table beside it', async () => {
    const page = await get('/editions/dsc-2021/stats');
    for (const id of ['attendance-chart', 'activity-chart', 'new-people-chart']) {
      assert.match(
        page.body,
        new RegExp(`<svg class="chart" role="img" aria-labelledby="${id}-title ${id}-desc"`),
      );
      assert.match(page.body, new RegExp(`<title id="${id}-title">[^<]+</title>`));
    }
    assert.match(
      page.body,
      /<desc id="attendance-chart-desc">[^<]*The most people, 3, joined Opening/,
    );
    // The second series is striped, not only another colour.
    assert.match(page.body, /fill="url\(#activity-chart-stripes\)"/);
  });

  it('counts the new people each attendee met in breakout rounds held so far, not those met in an earlier edition', async () => {
    const page = await get('/editions/dsc-2021/stats');
    // Amara and Brian each met one new person (they sat together in 2019); the four others two.
    assert.match(
      page.body,
      /<dt>New people met in breakout rooms<\/dt><dd>2 each \(median\), 1.7 on average, among 6 people placed in rooms<\/dd>/,
    );
    assert.deepEqual(rowCells(page.body, 'met-caption', 'None'), ['None', '0', '0%']);
    assert.deepEqual(rowCells(page.body, 'met-caption', '1 or 2'), ['1 or 2', '6', '100%']);
    assert.deepEqual(rowCells(page.body, 'met-caption', '3 to 5'), ['3 to 5', '0', '0%']);
  });

  it('never names a person, not even in what they wrote', async () => {
    for (const url of ['/editions/dsc-2021/stats', '/stats', '/stats/editions']) {
      const page = await get(url);
      assert.equal(page.statusCode, 200, url);
      for (const person of [...PEOPLE, { name: 'Wanjiru Kamau' }, { name: 'Kadri Tamm' }])
        assert.ok(!page.body.includes(person.name), `${url} names ${person.name}`);
      assert.ok(!page.body.includes('Hello from'), `${url} shows a message`);
      assert.ok(!page.body.includes('@test.example'), `${url} shows an email address`);
    }
  });

  it('shows the current edition’s numbers at /stats, as /programme shows its programme', async () => {
    const page = await get('/stats');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>The numbers: Digital Services Convening dsc-2021<\/h1>/);
    assert.match(page.body, /the current edition/);
  });

  it('says plainly, in the past tense for an archived edition, when no one joined a room or wrote anything', async () => {
    const page = await get('/editions/dsc-2019/stats');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /No one joined a session room in this edition\./);
    assert.match(
      page.body,
      /No questions or chat messages were posted in this edition’s session rooms\./,
    );
    assert.ok(!page.body.includes('id="attendance-chart'), 'no empty chart');
    assert.match(
      page.body,
      /<dt>Returning from earlier editions<\/dt><dd>0 \(0% of registered attendees\)<\/dd>/,
    );
  });

  it('lists each edition’s numbers side by side, leaving out drafts for the public', async () => {
    const page = await get('/stats/editions');
    assert.equal(page.statusCode, 200);
    assert.deepEqual(
      rowCells(page.body, 'editions-caption', 'Digital Services Convening dsc-2021'),
      ['Digital Services Convening dsc-2021', '6', '3', '2', '5', '3', '4', '2', '2', '2'],
    );
    assert.deepEqual(
      rowCells(page.body, 'editions-caption', 'Digital Services Convening dsc-2019'),
      ['Digital Services Convening dsc-2019', '2', '2', '2', '4', '0', '0', '0', '0', '0'],
    );
    assert.ok(!page.body.includes('dsc-draft'), 'a draft edition is not listed');
    assert.match(page.body, /<svg class="chart" role="img" aria-labelledby="editions-chart-title/);
  });

  it('answers for a draft edition’s numbers as for its programme: only its own people see them', async () => {
    const draft = await web.deps.store.programme.findEditionBySlug('dsc-draft');
    const stranger = await signInAs(web.deps, { id: 'p-stranger' });
    const organizer = await signInAs(web.deps, { id: 'p-draft-organizer' }, [
      { editionId: draft!.id, role: 'organizer' },
    ]);
    for (const who of [{}, stranger, organizer]) {
      const programme = await get('/editions/dsc-draft', who);
      const stats = await get('/editions/dsc-draft/stats', who);
      assert.equal(stats.statusCode, programme.statusCode);
    }
    const visitor = await get('/editions/dsc-draft/stats');
    assert.equal(visitor.statusCode, 303);
    assert.equal(visitor.headers.location, '/sign-in');
    assert.equal((await get('/editions/dsc-draft/stats', stranger)).statusCode, 403);
    const own = await get('/editions/dsc-draft/stats', organizer);
    assert.equal(own.statusCode, 200);
    assert.match(own.body, /This edition is a draft/);
    assert.match(own.body, /No breakout round with published rooms has been held yet\./);
    assert.match(own.body, /No one has joined a session room yet\./);
    assert.match(own.body, /No one has registered yet\./);
    assert.match((await get('/stats/editions', organizer)).body, /dsc-draft/);
    assert.equal((await get('/editions/no-such-edition/stats')).statusCode, 404);
  });

  it('is linked from the edition’s programme and from all editions', async () => {
    assert.match((await get('/editions/dsc-2021')).body, /href="\/editions\/dsc-2021\/stats"/);
    assert.match((await get('/editions')).body, /href="\/stats\/editions"/);
  });
});
