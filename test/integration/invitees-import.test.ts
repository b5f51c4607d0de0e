import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, it } from 'node:test';
import { MAX_INVITEE_FILE_BYTES } from '../../src/app/invitees/invitee-file.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { countRecords, hiddenField, unescapeHtml } from '../support/invitees.ts';
import { multipartBody, postMultipart } from '../support/multipart.ts';
import { seedEditionWithCast } from '../support/programme-factory.ts';
import { signInAs } from '../support/sessions.ts';
import { assertRefused, buildTestWebApp, type TestWebApp } from '../support/web-app.ts';

const IMPORT = '/organize/editions/dsc-2021/invitees/import';
const HEADER = 'name,email,government,country,team,role,team_maturity,time_zone';
const SAMPLE = readFileSync(new URL('../../docs/samples/invitees.csv', import.meta.url), 'utf8');

/** The problems a refused file is answered with, as "Where: what" lines from the page's table. */
function problemsOf(html: string): string[] {
  return [
    ...html.matchAll(
      /<tr id="problem-\d+" tabindex="-1"><td class="import-problem__where">([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g,
    ),
  ].map((match) => `${match[1]}: ${unescapeHtml(match[2] ?? '')}`);
}

function csvOf(...rows: string[]): string {
  return [HEADER, ...rows].join('\n') + '\n';
}

describeEachDatabase('organizers import invitees from a CSV file, through HTTP', (database) => {
  let web: TestWebApp;
  let editionId: string;
  let organizer: Record<string, string>;
  let attendee: Record<string, string>;
  let otherOrganizer: Record<string, string>;

  const upload = (content: string | Buffer, cookies = organizer) =>
    postMultipart(
      web.app,
      IMPORT,
      {},
      {
        file: { field: 'file', fileName: 'invitees.csv', content },
        cookies,
      },
    );
  const paste = (csv: string, cookies = organizer) =>
    postMultipart(web.app, IMPORT, { csv }, { cookies });
  const confirm = (csv: string, fingerprint: string, cookies = organizer) =>
    postMultipart(web.app, `${IMPORT}/confirm`, { fingerprint, csv }, { cookies });
  const counts = () => countRecords(web.deps, editionId);

  before(async () => {
    web = await buildTestWebApp(database());
    ({ editionId, organizer, attendee, otherOrganizer } = await seedEditionWithCast(web.deps));
  });
  after(async () => web.app.close());

  it('previews a good file without writing anything, then imports it all on confirm', async () => {
    const before = await counts();
    const preview = await upload(SAMPLE);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /<h1>Check the changes before importing<\/h1>/);
    assert.match(preview.body, /New people \(11\)/);
    assert.match(
      preview.body,
      /<td>KE-ICT<\/td><td>Kenya<\/td><td>Ministry of ICT, Innovation and Youth Affairs<\/td>/,
    );
    assert.match(preview.body, /Import 11 invitees/);
    assert.deepEqual(await counts(), before, 'a preview writes nothing');
    assert.equal(hiddenField(preview.body, 'csv'), SAMPLE);

    const response = await confirm(
      hiddenField(preview.body, 'csv'),
      hiddenField(preview.body, 'fingerprint'),
    );
    assert.equal(response.statusCode, 303);
    assert.equal(
      response.headers.location,
      '/organize/editions/dsc-2021/invitees?people=11&created=11&updated=0&newlyInvited=11',
    );
    assert.deepEqual(await counts(), {
      ...before,
      people: before.people + 11,
      governments: before.governments + 8,
      invitees: before.invitees + 11,
      audit: before.audit + 1,
    });
    const [wanjiku] = await web.deps.store.people.findPeopleByEmails([
      'wanjiku.njoroge@ict.go.ke.example',
    ]);
    const kenya = (await web.deps.store.people.listGovernments()).find((g) => g.code === 'KE-ICT');
    assert.equal(kenya?.teamName, 'Ministry of ICT, Innovation and Youth Affairs');
    assert.equal(wanjiku?.governmentId, kenya?.id);
    assert.equal(wanjiku?.role, 'minister');
    const [entry] = await web.deps.store.audit.listForEdition(editionId, 1);
    assert.equal(entry?.action, 'invitees.imported');
    assert.equal(entry?.actorLabel, 'Olu Adeyemi (olu.adeyemi@cohost.example)');
    assert.match(entry?.summary ?? '', /^Imported 11 invitees from a file: 11 new, 0 updated/);

    const list = await web.app.inject({ url: response.headers.location, cookies: organizer });
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Imported 11 invitees: 11 new, 0 updated, 11 newly invited\./);
    assert.match(list.body, /<td>Tõnu Kask<\/td>/);
  });

  it('updates people on a second import instead of duplicating them, matching emails whatever their case', async () => {
    const [tonu] = await web.deps.store.people.findPeopleByEmails(['tonu.kask@ria.ee.example']);
    const before = await counts();
    const csv = csvOf(
      'Tõnu Kask,  TONU.KASK@RIA.EE.EXAMPLE ,EE,,,engineer,momentum,Europe/Helsinki',
      'Kertu Lepp,kertu.lepp@ria.ee.example,EE,Estonia,Information System Authority,UX designer,Has momentum,Europe/Tallinn',
      'Lucía Fernández,lucia.fernandez@agesic.uy.example,UY,,,Policy advisor,momentum,America/Montevideo',
      'Kadri Tamm,kadri.tamm@dsc-2021.example,EE-dsc-2021,,,product-manager,momentum,Europe/Tallinn',
    );
    const preview = await paste(csv);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /People whose details change \(2\)/);
    assert.match(
      preview.body,
      /Time zone: Europe\/Tallinn <span aria-hidden="true">→<\/span><span class="visually-hidden"> becomes<\/span> Europe\/Helsinki/,
    );
    assert.match(
      preview.body,
      /Role: Product manager <span aria-hidden="true">→<\/span><span class="visually-hidden"> becomes<\/span> Policy advisor/,
    );
    assert.match(preview.body, /People already as the file says \(2\)/);
    assert.deepEqual(await counts(), before);

    const response = await confirm(
      hiddenField(preview.body, 'csv'),
      hiddenField(preview.body, 'fingerprint'),
    );
    assert.equal(response.statusCode, 303);
    assert.equal(
      response.headers.location,
      '/organize/editions/dsc-2021/invitees?people=4&created=0&updated=2&newlyInvited=1',
    );
    assert.deepEqual(await counts(), {
      ...before,
      invitees: before.invitees + 1,
      audit: before.audit + 1,
    });
    const again = await web.deps.store.people.findPeopleByEmails(['tonu.kask@ria.ee.example']);
    assert.equal(again.length, 1);
    assert.equal(again[0]?.id, tonu?.id, 'the same person, updated');
    assert.equal(again[0]?.timeZone, 'Europe/Helsinki');

    const same = await paste(csv);
    assert.equal(same.statusCode, 200);
    assert.match(same.body, /There is nothing to import/);
    assert.doesNotMatch(same.body, /invitees\/import\/confirm/);
  });

  it('imports a person given twice with the same details once, and refuses one given twice with different details', async () => {
    const merged = await paste(
      csvOf(
        'Mei Tanaka,mei.tanaka@digital.jp.example,,,,ux-designer,starting,Asia/Tokyo',
        'Mei Tanaka,MEI.TANAKA@digital.jp.example,,,,UX designer,starting,Asia/Tokyo',
      ),
    );
    assert.equal(merged.statusCode, 200);
    assert.match(merged.body, /Row 3 is the same as row 2, so it is imported once\./);
    assert.match(merged.body, /Import 1 invitee</);

    const before = await counts();
    const different = await paste(
      csvOf(
        'Mei Tanaka,mei.tanaka@digital.jp.example,,,,ux-designer,starting,Asia/Tokyo',
        'Mei Tanaka,mei.tanaka@digital.jp.example,,,,engineer,starting,Asia/Tokyo',
      ),
    );
    assert.equal(different.statusCode, 400);
    assert.deepEqual(problemsOf(different.body), [
      'Row 3, column email: mei.tanaka@digital.jp.example is also in row 2 with different details. Give each person once.',
    ]);
    assert.deepEqual(await counts(), before);
  });

  it('lists every problem of a bad file by row and column, and writes nothing, even when confirmed', async () => {
    const before = await counts();
    const csv = csvOf(
      ',nobody@people.example,,,,engineer,starting,Europe/London',
      'Bad Email,not-an-email,,,,engineer,starting,Europe/London',
      'Bad Role,role@people.example,,,,astronaut,starting,Europe/London',
      'Bad Zone,zone@people.example,,,,engineer,starting,Mars/Olympus',
      'Bad Maturity,maturity@people.example,,,,engineer,expert,Europe/London',
      'Unknown Government,government@people.example,ZZ,,,engineer,starting,Europe/London',
      'Half a Government,half@people.example,NEW,Newland,,engineer,starting,Europe/London',
      'Renamed Government,renamed@people.example,KE-dsc-2021,Kenia,Ministry of ICT,engineer,starting,Africa/Nairobi',
      'Too Many,many@people.example,,,,engineer,starting,Europe/London,extra',
      'Twice,twice@people.example,,,,engineer,starting,Europe/London',
      'Twice Again,twice@people.example,,,,engineer,starting,Europe/London',
      '"Two',
      'Lines",lines@people.example,,,,engineer,starting,Europe/London',
      'Last Row,last@people.example,,,,engineer,starting,Nowhere',
    );
    const response = await paste(csv);
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /<title>Error: Import invitees/);
    assert.match(response.body, /The rows have 11 problems, so nothing was imported/);
    assert.deepEqual(problemsOf(response.body), [
      'Row 2, column name: Enter the name of the person.',
      'Row 3, column email: not-an-email is not an email address. Enter it like name@example.org.',
      'Row 4, column role: Role "astronaut" is not one we know. Choose one of: minister, chief-digital-officer, chief-technology-officer, policy-advisor, ux-designer, product-manager, engineer, other.',
      'Row 5, column time_zone: "Mars/Olympus" is not a time zone we know. Use an IANA name such as Africa/Nairobi.',
      'Row 6, column team_maturity: Maturity "expert" is not one we know. Choose one of: starting, momentum.',
      'Row 7, column government: No government has the code ZZ. To add it, give its country and team in this row, or check the code.',
      'Row 8, column team: Enter the name of the team.',
      'Row 9, column country: Convene already has the government KE-DSC-2021 as Kenya, Ministry of ICT. Give the same country and team, or leave both empty.',
      'Row 10: This row has 9 values but the header names 8 columns. Put values that hold a comma in double quotes.',
      'Row 12, column email: twice@people.example is also in row 11 with different details. Give each person once.',
      'Row 15, column time_zone: "Nowhere" is not a time zone we know. Use an IANA name such as Africa/Nairobi.',
    ]);
    assert.match(
      response.body,
      /href="#problem-1">Row 2, column name: Enter the name of the person\.<\/a>/,
    );
    assert.match(response.body, /And 1 more, listed in the table below\./);
    assert.match(response.body, /Bad Email,not-an-email/, 'the pasted rows are kept to correct');
    // The error is on the box the rows were pasted in, where they are corrected, not on the file
    assert.match(
      response.body,
      /id="field-csv-error"><span class="visually-hidden">Error:<\/span> Fix the problems listed above in the rows, then check them again\./,
    );
    assert.match(response.body, /<textarea[^>]*id="field-csv"[^>]*aria-invalid="true"/);
    assert.doesNotMatch(response.body, /id="field-file-error"/);
    assert.match(response.body, /Fix these in the rows below/);
    assert.deepEqual(await counts(), before);

    const confirmed = await confirm(csv, 'a fingerprint made up by hand');
    assert.equal(confirmed.statusCode, 400);
    assert.equal(problemsOf(confirmed.body).length, 11);
    assert.deepEqual(await counts(), before);
  });

  it('checks a changed confirmation again in full, refusing a bad file whatever fingerprint it carries', async () => {
    const good = csvOf(
      'Sione Tupou,sione.tupou@digital.to.example,TO,Tonga,Digital Transformation Unit,engineer,starting,Pacific/Tongatapu',
    );
    const preview = await paste(good);
    assert.equal(preview.statusCode, 200);
    const fingerprint = hiddenField(preview.body, 'fingerprint');
    const before = await counts();

    const tampered = await confirm(
      good.replace('Pacific/Tongatapu', 'Pacific/Atlantis'),
      fingerprint,
    );
    assert.equal(tampered.statusCode, 400);
    assert.deepEqual(problemsOf(tampered.body), [
      'Row 2, column time_zone: "Pacific/Atlantis" is not a time zone we know. Use an IANA name such as Africa/Nairobi.',
    ]);
    assert.deepEqual(await counts(), before);

    const swapped = await confirm(
      csvOf('Someone Else,someone.else@elsewhere.example,,,,minister,starting,UTC'),
      fingerprint,
    );
    assert.equal(
      swapped.statusCode,
      409,
      'a good file other than the one previewed is shown, not imported',
    );
    assert.match(swapped.body, /the changes are different now/);
    assert.deepEqual(await counts(), before);
  });

  it('stops when what is stored changed between the preview and the confirmation', async () => {
    const csv = csvOf(
      'Aroha Ngata,aroha.ngata@digital.nz.example,,,,product-manager,momentum,Pacific/Auckland',
    );
    const preview = await paste(csv);
    const fingerprint = hiddenField(preview.body, 'fingerprint');
    // Meanwhile, another organizer imports the same person with other details.
    const meanwhile = await paste(csv.replace('product-manager', 'engineer'));
    await confirm(hiddenField(meanwhile.body, 'csv'), hiddenField(meanwhile.body, 'fingerprint'));
    const before = await counts();

    const late = await confirm(csv, fingerprint);
    assert.equal(late.statusCode, 409);
    assert.match(late.body, /Someone changed people or invitations since you checked the file/);
    assert.match(late.body, /Role: Engineer <span aria-hidden="true">→/);
    assert.deepEqual(await counts(), before);

    const again = await confirm(csv, hiddenField(late.body, 'fingerprint'));
    assert.equal(again.statusCode, 303);
    const [aroha] = await web.deps.store.people.findPeopleByEmails([
      'aroha.ngata@digital.nz.example',
    ]);
    assert.equal(aroha?.role, 'product-manager');
  });

  it('lets only one of several confirmations of the same new people at the same moment import them; the others are shown what changed', async () => {
    const csv = csvOf(
      'Wiremu Tane,wiremu.tane@digital.nz.example,NZ-DIA,New Zealand,Department of Internal Affairs,engineer,momentum,Pacific/Auckland',
      'Mere Parata,mere.parata@digital.nz.example,NZ-DIA,,,policy-advisor,starting,Pacific/Auckland',
    );
    const preview = await paste(csv);
    assert.equal(preview.statusCode, 200);
    const fingerprint = hiddenField(preview.body, 'fingerprint');
    const secondOrganizer = await signInAs(web.deps, { id: 'p-second-organizer' }, [
      { editionId, role: 'organizer' },
    ]);
    const before = await counts();

    // They press "Import" on the same preview at once, some more than once: each confirmation
    // checks that the people are new.
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        confirm(csv, fingerprint, i % 2 === 0 ? organizer : secondOrganizer),
      ),
    );
    assert.deepEqual(
      answers.map((answer) => answer.statusCode).sort(),
      [303, 409, 409, 409, 409, 409],
      'one imports; the others are told the changes are different now, never a server error',
    );
    const late = answers.find((answer) => answer.statusCode === 409)!;
    assert.match(late.body, /Someone changed people or invitations since you checked the file/);
    const after = await counts();
    assert.equal(after.people, before.people + 2, 'each new person is created once');
    assert.equal(after.governments, before.governments + 1, 'the new government is created once');
    assert.equal(after.invitees, before.invitees + 2);
    assert.equal(after.audit, before.audit + 1, 'one import in the audit log');
  });

  it('answers an upload over 2 MB with a clear 413 page, and pasted rows over 2 MB with a message', async () => {
    const before = await counts();
    const huge = Buffer.alloc(MAX_INVITEE_FILE_BYTES + 1, 'a');
    const response = await upload(huge);
    assert.equal(response.statusCode, 413);
    assert.match(response.body, /<h1>The file is too large<\/h1>/);
    assert.match(response.body, /Convene accepts one file of up to 2 MB at a time\./);
    assert.match(response.body, /href="\/organize\/editions\/dsc-2021\/invitees\/import">Go back/);

    const pasted = await paste(`${HEADER}\n${'a'.repeat(MAX_INVITEE_FILE_BYTES)}`);
    assert.equal(pasted.statusCode, 400);
    assert.deepEqual(problemsOf(pasted.body), [
      'The file: The file is larger than 2 MB, the most Convene reads at once. Split it into smaller files of up to 5,000 invitees.',
    ]);
    assert.deepEqual(await counts(), before);
  });

  it('reads an upload over a megabyte, and refuses more than 5,000 rows in one file', async () => {
    const row = (index: number) =>
      `Person ${index} ${'x'.repeat(150)},person.${index}@many.example,,,,engineer,starting,Europe/London`;
    const csv = csvOf(...Array.from({ length: 6000 }, (_, index) => row(index)));
    assert.ok(Buffer.byteLength(csv) > 1024 * 1024, 'larger than the limit of other forms');
    const response = await upload(csv);
    assert.equal(response.statusCode, 400);
    assert.deepEqual(problemsOf(response.body), [
      'The file: The file has 6,000 rows of invitees; Convene reads up to 5,000 at a time. Split it into smaller files.',
    ]);
  });

  it('explains files that are not CSV, or not CSV as Convene reads it', async () => {
    const before = await counts();
    const cases: [string, string | Buffer, string][] = [
      [
        'a binary file',
        Buffer.from([0x6e, 0x61, 0x00, 0x6d, 0x65, 0x01, 0x02]),
        'The file: The file holds binary data, so it is not a CSV file.',
      ],
      [
        'a workbook',
        Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08]),
        'The file: This is a spreadsheet workbook (such as .xlsx or .ods), not a CSV file.',
      ],
      [
        'text in Windows-1252',
        Buffer.from(
          `${HEADER}\nJos\xe9 P\xe9rez,jose@x.example,,,,engineer,starting,UTC\n`,
          'latin1',
        ),
        'The file: The file is not in the UTF-8 text encoding',
      ],
      [
        'semicolons',
        HEADER.replaceAll(',', ';') + '\nAna;ana@x.example;;;;engineer;starting;UTC\n',
        'Row 1: The values are separated by semicolons (;), but Convene reads commas.',
      ],
      [
        'tabs',
        HEADER.replaceAll(',', '\t') + '\n',
        'Row 1: The values are separated by tabs, but Convene reads commas.',
      ],
      [
        'an unterminated quote',
        csvOf(
          'Ana,ana@x.example,,,,engineer,starting,UTC',
          '"Bo,bo@x.example,,,,engineer,starting,UTC',
          'Cy,cy@x.example,,,,engineer,starting,UTC',
        ),
        'Row 3: The file cannot be read as CSV: a value starts with a double quote (") that is never closed.',
      ],
      [
        'a stray quote',
        csvOf('Ana "the Organizer" Lima,ana@x.example,,,,engineer,starting,UTC'),
        'Row 2: The file cannot be read as CSV: a double quote (") appears in the middle of a value.',
      ],
      [
        'a blank file',
        '\n\n  \n',
        'Row 1: The file is empty. Its first row names the columns (name, email, government, country, team, role, team_maturity, time_zone), then one row per invitee.',
      ],
      [
        'a header alone',
        `${HEADER}\n`,
        'Row 2: The file has no invitees: add one row per invitee under the header.',
      ],
    ];
    for (const [what, content, expected] of cases) {
      const response = await upload(content);
      assert.equal(response.statusCode, 400, what);
      const [problem] = problemsOf(response.body);
      assert.ok(problem?.startsWith(expected), `${what}: ${problem}`);
      // A file's problems are marked on the file field, and the box stays as it was
      assert.match(response.body, /id="field-file-error"/, what);
      assert.doesNotMatch(response.body, /id="field-csv-error"/, what);
    }
    const columns = await upload(
      'Name,E-mail,Govt,role,team_maturity\nAna,ana@x.example,,engineer,starting\n',
    );
    assert.deepEqual(problemsOf(columns.body), [
      'Row 1, column e_mail: There is no column "e_mail". The columns are: name, email, government, country, team, role, team_maturity, time_zone.',
      'Row 1, column govt: There is no column "govt". The columns are: name, email, government, country, team, role, team_maturity, time_zone.',
      'Row 1: The column email is missing. Every file needs: name, email, role, team_maturity, time_zone.',
      'Row 1: The column time_zone is missing. Every file needs: name, email, role, team_maturity, time_zone.',
    ]);
    assert.deepEqual(await counts(), before);
  });

  it('asks for a file or pasted rows, and not both', async () => {
    const empty = await paste('  ');
    assert.equal(empty.statusCode, 400);
    assert.match(
      empty.body,
      /href="#field-file">Choose a CSV file to upload, or paste the rows of the file into the box\./,
    );
    const both = await postMultipart(
      web.app,
      IMPORT,
      { csv: SAMPLE },
      {
        file: { field: 'file', fileName: 'invitees.csv', content: SAMPLE },
        cookies: organizer,
      },
    );
    assert.equal(both.statusCode, 400);
    assert.match(both.body, /Choose a file or paste the rows, not both\./);
  });

  it('refuses an upload without the CSRF token of a page Convene served', async () => {
    const before = await counts();
    const { boundary, payload } = multipartBody({ csv: SAMPLE });
    const response = await web.app.inject({
      method: 'POST',
      url: IMPORT,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      cookies: organizer,
      payload,
    });
    assert.equal(response.statusCode, 403);
    assert.match(response.body, /This form has expired/);
    assert.deepEqual(await counts(), before);
  });

  it('forbids visitors, attendees and organizers of another edition every import page and action, changing nothing', async () => {
    const csv = csvOf('Intruder Added,intruder@elsewhere.example,,,,minister,starting,UTC');
    const preview = await paste(csv);
    const fingerprint = hiddenField(preview.body, 'fingerprint');
    const before = await counts();
    const actors: [string, Record<string, string>][] = [
      ['a visitor', {}],
      ['an attendee', attendee],
      ['an organizer of another edition', otherOrganizer],
    ];
    for (const [who, cookies] of actors) {
      const responses = [
        await web.app.inject({ url: '/organize/editions/dsc-2021/invitees', cookies }),
        await web.app.inject({ url: IMPORT, cookies }),
        await paste(csv, cookies),
        await upload(csv, cookies),
        await confirm(csv, fingerprint, cookies),
      ];
      for (const response of responses) {
        assertRefused(response, who);
        if (response.statusCode === 403)
          assert.match(response.body, /You cannot see this page/, who);
      }
    }
    assert.deepEqual(await counts(), before);
    assert.deepEqual(
      await web.deps.store.people.findPeopleByEmails(['intruder@elsewhere.example']),
      [],
    );
  });
});
