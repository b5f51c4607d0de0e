import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readCsvTable, type CsvColumnSpec } from './read-csv-table.ts';

const COLUMNS: CsvColumnSpec[] = [
  { column: 'name', required: true },
  { column: 'time_zone', required: false },
];
const read = (text: string, maxRows?: number) =>
  readCsvTable(text, COLUMNS, { rowsAre: 'people', maxRows });

describe('reading a CSV table', () => {
  it('reads rows by column name, naming each by the line it starts on', () => {
    const table = read('\uFEFFName,Time zone\r\nAna,UTC\r\n\r\n"Bo\nBo",Asia/Tokyo\r\n');
    assert.ok(table.ok);
    assert.deepEqual(
      table.rows.map((row) => [row.line, row.values.get('name'), row.values.get('time_zone')]),
      [
        [2, 'Ana', 'UTC'],
        [4, 'Bo\nBo', 'Asia/Tokyo'],
      ],
    );
  });

  it('names a file separated by semicolons or tabs instead of listing every column as unknown', () => {
    const semicolons = read('name;time_zone\nAna;UTC');
    assert.match(
      semicolons.ok ? '' : (semicolons.problems[0]?.message ?? ''),
      /^The values are separated by semicolons \(;\), but Convene reads commas\./,
    );
    const tabs = read('name\ttime_zone\nAna\tUTC');
    assert.equal(tabs.ok, false);
    assert.deepEqual(tabs.ok ? [] : tabs.problems.map((problem) => problem.location), ['row 1']);
    assert.match(tabs.ok ? '' : (tabs.problems[0]?.message ?? ''), /separated by tabs/);
  });

  it('refuses binary data and an empty file with one problem each', () => {
    const binary = read('name\u0000\u0001');
    assert.match(binary.ok ? '' : (binary.problems[0]?.message ?? ''), /binary data/);
    const empty = read(' \n\n');
    assert.match(empty.ok ? '' : (empty.problems[0]?.message ?? ''), /^The file is empty/);
  });

  it('refuses more rows than allowed without checking any of them', () => {
    const table = read(`name\n${'Ana\n'.repeat(4)}`, 3);
    assert.equal(table.ok, false);
    assert.deepEqual(table.ok ? [] : table.problems, [
      {
        location: 'the file',
        message:
          'The file has 4 rows of people; Convene reads up to 3 at a time. Split it into smaller files.',
      },
    ]);
    assert.equal(read(`name\n${'Ana\n'.repeat(3)}`, 3).ok, true);
  });
});
