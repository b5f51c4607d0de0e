import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeCsvFile } from './decode-csv-file.ts';

describe('decoding an uploaded CSV file', () => {
  it('reads UTF-8 text, accents and all', () => {
    assert.deepEqual(decodeCsvFile(Buffer.from('name\nTõnis Mägi\n', 'utf8')), {
      ok: true,
      text: 'name\nTõnis Mägi\n',
    });
  });

  it('names a spreadsheet workbook uploaded instead of a CSV file', () => {
    const result = decodeCsvFile(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]));
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.problem.message, /^This is a spreadsheet workbook/);
  });

  it('refuses a binary file', () => {
    const result = decodeCsvFile(Buffer.from([0x6e, 0x61, 0x00, 0x01, 0xff]));
    assert.match(result.ok ? '' : result.problem.message, /binary data/);
  });

  it('refuses text in another encoding instead of garbling its accents', () => {
    const result = decodeCsvFile(Buffer.from('name\nJos\xe9 P\xe9rez\n', 'latin1'));
    assert.match(result.ok ? '' : result.problem.message, /not in the UTF-8 text encoding/);
  });
});
