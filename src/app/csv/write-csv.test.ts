import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { csvCell, neutraliseFormula, writeCsv } from './write-csv.ts';

describe('writing CSV', () => {
  it('leaves plain values as they are', () => {
    assert.equal(csvCell('Wanjiru Kamau'), 'Wanjiru Kamau');
    assert.equal(csvCell(''), '');
    assert.equal(csvCell("Dara O'Neill"), "Dara O'Neill");
  });

  it('quotes values with commas, quotes and line breaks, doubling the quotes', () => {
    assert.equal(csvCell('Ministry of ICT, Kenya'), '"Ministry of ICT, Kenya"');
    assert.equal(csvCell('The "GDS" team'), '"The ""GDS"" team"');
    assert.equal(csvCell('line one\nline two'), '"line one\nline two"');
    assert.equal(csvCell('line one\r\nline two'), '"line one\r\nline two"');
  });

  it('puts an apostrophe before every value a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      assert.equal(neutraliseFormula(`${start}1+1`), `'${start}1+1`, JSON.stringify(start));
    }
    assert.equal(
      csvCell('=HYPERLINK("http://x.example","click")'),
      '"\'=HYPERLINK(""http://x.example"",""click"")"',
    );
    assert.equal(csvCell('\rcmd'), '"\'\rcmd"');
    assert.equal(neutraliseFormula('a=b'), 'a=b', 'only the first character counts');
    assert.equal(neutraliseFormula(' =1'), ' =1');
  });

  it('writes a file that a CSV reader reads back to the same values', () => {
    const rows = [
      ['Tõnis Mägi', 'Ministry, "Digital"', '=1+1'],
      ['Nguyễn Thị', 'two\nlines', ''],
    ];
    const text = writeCsv(['name', 'team', 'note'], rows);
    assert.ok(text.startsWith('\uFEFF'), 'starts with a byte order mark for Excel');
    assert.ok(text.endsWith('\r\n'));
    const read = parse(text.slice(1)) as string[][];
    assert.deepEqual(read, [
      ['name', 'team', 'note'],
      ['Tõnis Mägi', 'Ministry, "Digital"', "'=1+1"],
      ['Nguyễn Thị', 'two\nlines', ''],
    ]);
  });
});
