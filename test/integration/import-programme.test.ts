import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { Database } from '../../src/adapters/db/schema.ts';
import type { UseCaseDeps } from '../../src/app/deps.ts';
import type { ProgrammeStore, Store } from '../../src/app/ports.ts';
import { importProgramme } from '../../src/app/programme/import-programme.ts';
import type {
  ImportResult,
  ImportSummary,
  ProgrammeDocument,
} from '../../src/app/programme/programme-document.ts';
import { parseProgrammeFile } from '../../src/app/programme/programme-file.ts';
import { loadProgramme } from '../../src/app/programme/programme.queries.ts';
import { describeEachDatabase, type TestDatabase } from '../support/databases.ts';
import { buildTestDeps } from '../support/deps.ts';
import { fixedClock } from '../support/fixed-clock.ts';

const TABLES: (keyof Database)[] = [
  'governments',
  'people',
  'editions',
  'days',
  'themes',
  'sessions',
  'session_contributors',
  'session_themes',
  'edition_invitees',
];

/** How many rows each table holds, to prove that a refused import wrote nothing. */
async function countRows(database: TestDatabase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await database.connection.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** A whole programme; `tag` keeps the codes, emails and slugs of each test apart. */
function programmeDocument(tag: string): ProgrammeDocument {
  return {
    governments: [
      { code: `EE-${tag}`, country: 'Estonia', team: 'Information System Authority' },
      { code: `KE-${tag}`, country: 'Kenya', team: 'ICT Authority' },
    ],
    people: [
      {
        name: 'Kadri Tamm',
        email: `Kadri.Tamm@${tag}.example.org`,
        government: `ee-${tag}`,
        role: 'product-manager',
        maturity: 'momentum',
        timeZone: 'Europe/Tallinn',
      },
      {
        name: 'Wanjiru Kamau',
        email: `wanjiru.kamau@${tag}.example.org`,
        government: `KE-${tag}`,
        role: 'chief-digital-officer',
        maturity: 'starting',
        timeZone: 'Africa/Nairobi',
      },
    ],
    editions: [
      {
        slug: `dsc-${tag}`,
        name: `Digital Services Convening ${tag}`,
        year: 2021,
        hosts: ['Public Digital', 'Harvard Kennedy School'],
        homeTimeZone: 'America/New_York',
        startDate: '2021-11-16',
        endDate: '2021-11-18',
        format: 'remote',
        location: '',
        status: 'published',
        themes: [
          {
            name: 'Vendor lock-in, budgets',
            description: 'Buying software that teams can change.',
          },
          { name: 'Trust', description: '' },
        ],
        days: [
          { date: '2021-11-16', themeLabel: 'NOW', guidingQuestion: 'What are we learning?' },
          { date: '2021-11-17', themeLabel: 'LATER', guidingQuestion: 'What comes next?' },
        ],
        sessions: [
          {
            title: 'Opening: collaboration, not competition',
            format: 'talk',
            date: '2021-11-16',
            startTime: '09:00',
            endTime: '10:00',
            description: 'Why we share struggles.',
            videoUrl: 'https://meet.jit.si/opening',
            speakers: [`kadri.tamm@${tag}.example.org`],
            moderators: [`wanjiru.kamau@${tag}.example.org`],
            themes: ['Vendor lock-in, budgets', 'trust'],
          },
          {
            title: 'Break',
            format: 'break',
            date: '2021-11-16',
            startTime: '10:00',
            endTime: '10:15',
          },
        ],
        invitees: [`kadri.tamm@${tag}.example.org`, `WANJIRU.KAMAU@${tag}.example.org`],
      },
    ],
  };
}

function counts(created: number, updated = 0, unchanged = 0) {
  return { created, updated, unchanged };
}

function expectSummary(result: ImportResult): ImportSummary {
  if (!result.ok)
    assert.fail(`Expected the import to succeed, got: ${JSON.stringify(result.problems, null, 2)}`);
  return result.summary;
}

function expectProblems(result: ImportResult) {
  if (result.ok) assert.fail('Expected the import to be refused.');
  return result.problems;
}

describeEachDatabase('importing a programme', (database) => {
  let deps: UseCaseDeps;
  before(() => {
    deps = buildTestDeps(database(), { now: '2021-10-01T12:00:00Z', idPrefix: 'import' }).deps;
  });

  it('creates governments, people and an edition with its themes, days, sessions and invitees', async () => {
    const summary = expectSummary(await importProgramme(deps, programmeDocument('good')));
    assert.deepEqual(summary, {
      governments: counts(2),
      people: counts(2),
      editions: counts(1),
      themes: counts(2),
      days: counts(2),
      sessions: counts(2),
      invitees: counts(2),
    });
    const programme = await loadProgramme(deps, 'dsc-good');
    assert.equal(programme.edition.status, 'published');
    assert.deepEqual(programme.edition.hosts, ['Public Digital', 'Harvard Kennedy School']);
    assert.deepEqual(
      programme.days.map((day) => [day.date, day.themeLabel]),
      [
        ['2021-11-16', 'NOW'],
        ['2021-11-17', 'LATER'],
      ],
    );
    const opening = programme.sessions.find((session) => session.format === 'talk');
    assert.ok(opening);
    // 09:00 in New York on 16 November 2021 (EST, UTC-5).
    assert.equal(Date.parse(opening.startsAt), Date.parse('2021-11-16T14:00:00Z'));
    assert.equal(Date.parse(opening.endsAt), Date.parse('2021-11-16T15:00:00Z'));
    assert.deepEqual(
      opening.themeIds.map((id) => programme.themes.find((theme) => theme.id === id)?.name).sort(),
      ['Trust', 'Vendor lock-in, budgets'],
    );
    assert.deepEqual(
      opening.contributors.map((person) => [person.part, person.name, person.government]),
      [
        ['speaker', 'Kadri Tamm', 'Estonia, Information System Authority'],
        ['moderator', 'Wanjiru Kamau', 'Kenya, ICT Authority'],
      ],
    );
    const invitees = await deps.store.people.listInvitees(programme.edition.id);
    assert.deepEqual(
      invitees.map((person) => person.email),
      ['kadri.tamm@good.example.org', 'wanjiru.kamau@good.example.org'],
    );
    const governments = await deps.store.people.listGovernments();
    assert.ok(governments.some((government) => government.code === 'EE-GOOD'));
  });

  it('updates what a re-import names, without duplicating anything', async () => {
    expectSummary(await importProgramme(deps, programmeDocument('again')));
    const sessionIdsBefore = (await loadProgramme(deps, 'dsc-again')).sessions
      .map((session) => session.id)
      .sort();
    const rowsBefore = await countRows(database());

    const same = expectSummary(await importProgramme(deps, programmeDocument('again')));
    assert.deepEqual(same.sessions, counts(0, 0, 2));
    assert.deepEqual(same.people, counts(0, 0, 2));
    assert.deepEqual(await countRows(database()), rowsBefore);

    const changed = programmeDocument('again');
    const edition = changed.editions?.[0];
    const person = changed.people?.[1];
    assert.ok(edition?.sessions?.[0] && person);
    edition.sessions[0].description = 'Why we share struggles, not successes.';
    edition.sessions[0].speakers = [`wanjiru.kamau@again.example.org`];
    edition.name = 'Digital Services Convening, renamed';
    person.role = 'minister';
    edition.sessions.push({
      title: 'Closing',
      format: 'discussion',
      date: '2021-11-18',
      startTime: '09:00',
      endTime: '10:00',
    });
    const summary = expectSummary(await importProgramme(deps, changed));
    assert.deepEqual(summary.sessions, counts(1, 1, 1));
    assert.deepEqual(summary.people, counts(0, 1, 1));
    assert.deepEqual(summary.editions, counts(0, 1, 0));
    assert.deepEqual(summary.invitees, counts(0, 0, 2));

    const rowsAfter = await countRows(database());
    assert.deepEqual(rowsAfter, { ...rowsBefore, sessions: rowsBefore.sessions! + 1 });
    const programme = await loadProgramme(deps, 'dsc-again');
    assert.equal(programme.edition.name, 'Digital Services Convening, renamed');
    const opening = programme.sessions.find((session) => session.format === 'talk');
    assert.equal(opening?.description, 'Why we share struggles, not successes.');
    assert.deepEqual(
      opening?.contributors.map((contributor) => [contributor.part, contributor.name]),
      [
        ['speaker', 'Wanjiru Kamau'],
        ['moderator', 'Wanjiru Kamau'],
      ],
    );
    const idsAfter = programme.sessions.map((session) => session.id);
    for (const id of sessionIdsBefore)
      assert.ok(idsAfter.includes(id), `session ${id} was replaced`);
  });

  it('lists every problem of a bad file, each with its location, and writes nothing', async () => {
    const bad = programmeDocument('bad');
    const edition = bad.editions?.[0];
    assert.ok(edition?.sessions && bad.people?.[1] && bad.governments);
    bad.governments.push({ code: 'EE-BAD', country: 'Estonia', team: 'Another team' });
    bad.people.push({ ...bad.people[1], name: 'Someone else' });
    bad.people[1].role = 'boss';
    bad.people[1].timeZone = 'Mars/Olympus_Mons';
    bad.people[0] = { ...bad.people[0], government: 'FR-BAD' };
    edition.sessions.push({
      title: 'Panel',
      format: 'lecture',
      date: '2021-11-17',
      startTime: '9am',
      endTime: '10:00',
      speakers: ['ghost@bad.example.org'],
      themes: ['Unknown theme'],
    });
    edition.sessions.push({ ...edition.sessions[1], endTime: '10:30' });
    edition.invitees = ['not-an-email'];
    edition.days?.push({ date: '2021-12-01', themeLabel: 'LATE', guidingQuestion: 'Too late?' });
    bad.editions?.push({ slug: 'dsc-bad', name: 'Again', year: 2021 });
    const rowsBefore = await countRows(database());

    const problems = expectProblems(await importProgramme(deps, bad));

    assert.deepEqual(
      problems.map((problem) => problem.location),
      [
        'governments[2].code',
        'people[0].government',
        'people[1].role',
        'people[1].timeZone',
        'people[2].email',
        'editions[0].days[2].date',
        'editions[0].sessions[2].format',
        'editions[0].sessions[2].startTime',
        'editions[0].sessions[2].themes',
        'editions[0].sessions[2].speakers',
        'editions[0].sessions[3].title',
        'editions[0].invitees[0]',
        'editions[1].slug',
        'editions[1].hosts',
        'editions[1].homeTimeZone',
        'editions[1].startDate',
        'editions[1].endDate',
        'editions[1].format',
      ],
    );
    const messageAt = (location: string) =>
      problems.find((problem) => problem.location === location)?.message;
    assert.match(messageAt('people[0].government') ?? '', /No government has the code FR-BAD/);
    assert.match(
      messageAt('people[2].email') ?? '',
      /wanjiru\.kamau@bad\.example\.org appears earlier in the file with different details/,
    );
    assert.match(messageAt('editions[0].sessions[2].speakers') ?? '', /ghost@bad\.example\.org/);
    assert.match(messageAt('editions[0].sessions[2].themes') ?? '', /no theme "Unknown theme"/);
    assert.match(
      messageAt('editions[1].slug') ?? '',
      /Another edition in the file has the address name "dsc-bad"/,
    );
    assert.deepEqual(await countRows(database()), rowsBefore);
  });

  it('holds editions to the lifecycle: published needs a programme, archived needs the last day past', async () => {
    const empty = programmeDocument('lifecycle');
    const edition = empty.editions?.[0];
    assert.ok(edition);
    edition.sessions = [];
    const problems = expectProblems(await importProgramme(deps, empty));
    assert.deepEqual(problems, [
      {
        location: 'editions[0].status',
        message: 'Add at least one day and one session before the edition is published.',
      },
    ]);

    const early = programmeDocument('lifecycle');
    assert.ok(early.editions?.[0]);
    early.editions[0].status = 'archived';
    const archived = expectProblems(await importProgramme(deps, early));
    assert.deepEqual(
      archived.map((problem) => problem.location),
      ['editions[0].status'],
    );
    assert.match(archived[0]?.message ?? '', /only after its last day \(2021-11-18\)/);

    const later: UseCaseDeps = { ...deps, clock: fixedClock('2021-11-19T12:00:00Z') };
    expectSummary(await importProgramme(later, early));
    assert.equal(
      (await deps.store.programme.findEditionBySlug('dsc-lifecycle'))?.status,
      'archived',
    );

    early.editions[0].status = 'draft';
    const backwards = expectProblems(await importProgramme(later, early));
    assert.match(backwards[0]?.message ?? '', /An edition that is archived cannot become draft/);
  });

  it('checks a dry run in full and reports what would change, without writing', async () => {
    const rowsBefore = await countRows(database());
    const result = await importProgramme(deps, programmeDocument('dry'), { dryRun: true });
    assert.equal(result.ok && result.dryRun, true);
    assert.deepEqual(expectSummary(result).sessions, counts(2));
    assert.deepEqual(await countRows(database()), rowsBefore);
  });

  it('adds the sessions of a CSV file to an existing edition, and names a bad row by row and column', async () => {
    expectSummary(await importProgramme(deps, programmeDocument('csv')));
    const csv = [
      'date,day_theme,guiding_question,title,format,start_time,end_time,speakers,themes',
      '2021-11-18,NEXT,What do we take home?,"Closing, together",discussion,09:00,10:00,kadri.tamm@csv.example.org,Vendor lock-in, budgets',
    ].join('\n');
    const fileWithUnquotedComma = parseProgrammeFile(csv, {
      format: 'csv',
      editionSlug: 'dsc-csv',
    });
    assert.ok(fileWithUnquotedComma.ok);
    assert.deepEqual(
      fileWithUnquotedComma.problems.map((problem) => problem.location),
      ['row 2'],
    );

    const good = parseProgrammeFile(
      csv.replace('Vendor lock-in, budgets', '"Vendor lock-in, budgets;Trust"'),
      {
        format: 'csv',
        editionSlug: 'dsc-csv',
      },
    );
    assert.ok(good.ok);
    const summary = expectSummary(
      await importProgramme(deps, good.document, { locate: good.locate }),
    );
    assert.deepEqual(summary.sessions, counts(1));
    assert.deepEqual(summary.days, counts(1));
    const closing = (await loadProgramme(deps, 'dsc-csv')).sessions.find(
      (session) => session.title === 'Closing, together',
    );
    assert.equal(closing?.themeIds.length, 2);

    const bad = parseProgrammeFile(
      [
        'date,title,format,start_time,end_time,speakers',
        '2021-11-18,Late,talk,09:00,25:00,',
        '',
        '2021-11-17,Ghost,talk,09:00,10:00,ghost@csv.example.org',
      ].join('\r\n'),
      { format: 'csv', editionSlug: 'dsc-csv' },
    );
    assert.ok(bad.ok);
    const problems = expectProblems(
      await importProgramme(deps, bad.document, { locate: bad.locate }),
    );
    assert.deepEqual(
      problems.map((problem) => problem.location),
      ['row 2, column end_time', 'row 4, column speakers'],
    );
  });

  it('leaves nothing half-written when the database fails in the middle of an import', async () => {
    const rowsBefore = await countRows(database());
    const failing: UseCaseDeps = { ...deps, store: failOnSecondSession(deps.store) };
    await assert.rejects(
      importProgramme(failing, programmeDocument('broken')),
      /The database went away/,
    );
    assert.deepEqual(await countRows(database()), rowsBefore);
    assert.equal(await deps.store.programme.findEditionBySlug('dsc-broken'), null);
    assert.deepEqual(
      await deps.store.people.findPeopleByEmails(['kadri.tamm@broken.example.org']),
      [],
    );
  });
});

/**
 * The real store, except that saving the second session throws, as a lost connection
 * would: by then governments, people, the edition and the first session are written.
 */
function failOnSecondSession(store: Store): Store {
  return {
    ...store,
    transaction: (work) =>
      store.transaction((inner) => {
        let saved = 0;
        const programme: ProgrammeStore = Object.create(inner.programme, {
          saveSession: {
            value: async (...args: Parameters<ProgrammeStore['saveSession']>) => {
              saved += 1;
              if (saved === 2) throw new Error('The database went away.');
              return inner.programme.saveSession(...args);
            },
          },
        });
        return work({ ...inner, programme });
      }),
  };
}
