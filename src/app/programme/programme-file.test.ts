import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  parseProgrammeFile,
  programmeFileFormat,
  type ProgrammeFileResult,
} from './programme-file.ts';
import type { ProgrammeDocument } from './programme-document.ts';

const HEADER =
  'date,day_theme,guiding_question,title,format,start_time,end_time,description,video_url,speakers,moderators,themes';

function expectRead(result: ProgrammeFileResult) {
  if (!result.ok)
    assert.fail(`Expected the file to be read, got: ${JSON.stringify(result.problems)}`);
  return result;
}

function expectUnreadable(result: ProgrammeFileResult) {
  if (result.ok) assert.fail('Expected the file to be refused.');
  return result.problems;
}

function editionOf(document: unknown) {
  const edition = (document as ProgrammeDocument).editions?.[0];
  assert.ok(edition);
  return edition;
}

describe('reading a programme file', () => {
  it('tells JSON and CSV files apart by their extension', () => {
    assert.equal(programmeFileFormat('programme.JSON'), 'json');
    assert.equal(programmeFileFormat('/tmp/sessions.csv'), 'csv');
    assert.equal(programmeFileFormat('sessions.xlsx'), null);
    assert.equal(programmeFileFormat('csv'), null);
  });

  it('reads a JSON document as it is, naming places by JSON path', () => {
    const file = expectRead(
      parseProgrammeFile('\uFEFF{"editions": [{"slug": "dsc-2021"}]}', { format: 'json' }),
    );
    assert.deepEqual(file.document, { editions: [{ slug: 'dsc-2021' }] });
    assert.equal(
      file.locate(['editions', 0, 'sessions', 3, 'startTime']),
      'editions[0].sessions[3].startTime',
    );
  });

  it('reports a JSON syntax error at its line and column', () => {
    const problems = expectUnreadable(
      parseProgrammeFile('{\n  "people": [\n    { "name": "A" }\n    { "name": "B" }\n  ]\n}', {
        format: 'json',
      }),
    );
    assert.deepEqual(problems, [
      {
        location: 'line 4, column 5',
        message: "The file is not valid JSON: Expected ',' or ']' after array element.",
      },
    ]);
  });

  it('finds the line of a JSON error that Node reports without a position', () => {
    const problems = expectUnreadable(
      parseProgrammeFile('{\n  "editions": [\n    { "year": NaN }\n  ]\n}', { format: 'json' }),
    );
    assert.equal(problems[0]?.location, 'line 3, column 15');
    assert.equal(problems[0]?.message, "The file is not valid JSON: Unexpected token 'N'.");
  });

  it('reports a JSON file that ends too early at its last line', () => {
    const problems = expectUnreadable(parseProgrammeFile('{\n  "editions": [', { format: 'json' }));
    assert.equal(problems[0]?.location, 'line 2, column 16');
  });

  it('needs --edition for a CSV file and refuses it for a JSON file', () => {
    assert.equal(
      expectUnreadable(parseProgrammeFile(HEADER, { format: 'csv' }))[0]?.location,
      '--edition',
    );
    assert.equal(
      expectUnreadable(parseProgrammeFile('{}', { format: 'json', editionSlug: 'dsc-2021' }))[0]
        ?.location,
      '--edition',
    );
  });

  it('turns CSV rows into the sessions and days of the named edition', () => {
    const csv = [
      HEADER,
      '2021-11-16,NOW,What now?,"Opening, together",talk,09:00,10:00,"Line one\nline two",https://meet.jit.si/a,a@example.org;b@example.org,c@example.org,"Vendor lock-in, budgets;Trust"',
      '2021-11-16,,,Break,break,10:00,10:15,,,,,',
    ].join('\n');
    const file = expectRead(parseProgrammeFile(csv, { format: 'csv', editionSlug: 'dsc-2021' }));
    const edition = editionOf(file.document);
    assert.equal(edition.slug, 'dsc-2021');
    assert.deepEqual(Object.keys(edition).sort(), ['days', 'sessions', 'slug']);
    assert.deepEqual(edition.days, [
      { date: '2021-11-16', themeLabel: 'NOW', guidingQuestion: 'What now?' },
    ]);
    assert.equal(edition.sessions?.length, 2);
    assert.deepEqual(edition.sessions?.[0], {
      date: '2021-11-16',
      title: 'Opening, together',
      format: 'talk',
      startTime: '09:00',
      endTime: '10:00',
      description: 'Line one\nline two',
      videoUrl: 'https://meet.jit.si/a',
      speakers: 'a@example.org;b@example.org',
      moderators: 'c@example.org',
      themes: ['Vendor lock-in, budgets', 'Trust'],
    });
  });

  it('names CSV places by the line a row starts on, counting quoted new lines, blank lines and CRLF', () => {
    const csv = [
      'Date,Title,Format,Start time,End time,Description,Day theme',
      '2021-11-16,First,talk,09:00,10:00,"two\r\nlines",NOW',
      '',
      '2021-11-16,Second,talk,10:00,11:00,,',
    ].join('\r\n');
    const file = expectRead(parseProgrammeFile(csv, { format: 'csv', editionSlug: 'dsc-2021' }));
    assert.equal(
      file.locate(['editions', 0, 'sessions', 0, 'startTime']),
      'row 2, column start_time',
    );
    assert.equal(file.locate(['editions', 0, 'sessions', 1, 'endTime']), 'row 5, column end_time');
    assert.equal(file.locate(['editions', 0, 'sessions', 1]), 'row 5');
    assert.equal(file.locate(['editions', 0, 'days', 0, 'themeLabel']), 'row 2, column day_theme');
    assert.equal(file.locate(['editions', 0, 'days', 0, 'date']), 'row 2, column date');
    assert.equal(file.locate(['editions', 0, 'slug']), '--edition dsc-2021');
  });

  it('lists unknown, repeated and missing CSV columns together', () => {
    const problems = expectUnreadable(
      parseProgrammeFile('date,title,title,strat_time\n2021-11-16,A,A,09:00', {
        format: 'csv',
        editionSlug: 'x',
      }),
    );
    assert.deepEqual(
      problems.map((problem) => problem.location),
      ['row 1, column title', 'row 1, column strat_time', 'row 1', 'row 1', 'row 1'],
    );
    assert.match(problems[1]?.message ?? '', /There is no column "strat_time"/);
    assert.match(problems[2]?.message ?? '', /The column format is missing/);
  });

  it('keeps the rows it can read and reports those with the wrong number of values', () => {
    const csv = [
      'date,title,format,start_time,end_time',
      '2021-11-16,A,talk,09:00,10:00',
      '2021-11-16,B, with a comma,talk,10:00,11:00',
      '2021-11-16,C,talk,11:00',
    ].join('\n');
    const file = expectRead(parseProgrammeFile(csv, { format: 'csv', editionSlug: 'x' }));
    assert.deepEqual(
      file.problems.map((problem) => problem.location),
      ['row 3', 'row 4'],
    );
    assert.equal(editionOf(file.document).sessions?.length, 1);
  });

  it('reports a quote that is never closed at the row it opens on', () => {
    const csv = [
      'date,title,format,start_time,end_time',
      '2021-11-16,A,talk,09:00,10:00',
      '2021-11-16,"B,talk,10:00,11:00',
      '2021-11-16,C,talk,11:00,12:00',
    ].join('\n');
    const problems = expectUnreadable(parseProgrammeFile(csv, { format: 'csv', editionSlug: 'x' }));
    assert.equal(problems[0]?.location, 'row 3');
    assert.match(problems[0]?.message ?? '', /^The file cannot be read as CSV: /);
  });

  it('refuses a CSV file with a header and no sessions', () => {
    const problems = expectUnreadable(
      parseProgrammeFile(`${HEADER}\n\n`, { format: 'csv', editionSlug: 'x' }),
    );
    assert.deepEqual(problems, [
      {
        location: 'row 2',
        message: 'The file has no sessions: add one row per session under the header.',
      },
    ]);
  });
});
