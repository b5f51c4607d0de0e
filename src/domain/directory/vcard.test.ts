import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeVcardText, foldVcardLine, writeVcard, writeVcards } from './vcard.ts';

/** Undoes folding, as a reader of the file does. */
function unfold(text: string): string {
  return text.replace(/\r\n /g, '');
}

describe('vCard writing (RFC 6350)', () => {
  it('escapes backslashes, commas, semicolons and line breaks in text', () => {
    assert.equal(escapeVcardText('a\\b'), 'a\\\\b');
    assert.equal(escapeVcardText('Digital, Data; and Tech'), 'Digital\\, Data\\; and Tech');
    assert.equal(escapeVcardText('line one\nline two\r\nthree'), 'line one\\nline two\\nthree');
    assert.equal(escapeVcardText('plain'), 'plain');
  });

  it('folds lines longer than 75 octets without splitting a character', () => {
    const line = `NOTE:${'é'.repeat(60)}`;
    const folded = foldVcardLine(line);
    for (const part of folded.split('\r\n'))
      assert.ok(Buffer.byteLength(part, 'utf8') <= 75, `"${part}" is too long`);
    assert.equal(unfold(folded), line);
    assert.ok(!folded.includes('\uFFFD'));
    assert.equal(foldVcardLine('FN:Short'), 'FN:Short');
  });

  it('writes one card with name, organization, title and note, lines ending in CRLF', () => {
    const card = writeVcard({
      fullName: 'Tõnis Tamm',
      organization: { name: 'Estonia', unit: 'Digital; Services, Team' },
      title: 'Product manager',
      note: 'Met at DSC 2020\nBreakout round 1, room 3',
      email: null,
    });
    assert.equal(
      card,
      [
        'BEGIN:VCARD',
        'VERSION:4.0',
        'FN:Tõnis Tamm',
        'ORG:Estonia;Digital\\; Services\\, Team',
        'TITLE:Product manager',
        'NOTE:Met at DSC 2020\\nBreakout round 1\\, room 3',
        'END:VCARD',
        '',
      ].join('\r\n'),
    );
  });

  it('leaves out what it does not know, and writes an email only when given one', () => {
    const card = writeVcard({
      fullName: 'A',
      organization: null,
      title: null,
      note: null,
      email: null,
    });
    assert.doesNotMatch(card, /ORG|TITLE|NOTE|EMAIL/);
    assert.match(
      writeVcard({ fullName: 'A', organization: null, title: null, note: null, email: 'a@x.org' }),
      /\r\nEMAIL:a@x\.org\r\n/,
    );
  });

  it('keeps a name that tries to start a new property inside the FN value', () => {
    const card = writeVcards([
      {
        fullName: 'Eve\nEMAIL:eve@evil.example',
        organization: null,
        title: null,
        note: null,
        email: null,
      },
      { fullName: 'Bob', organization: null, title: null, note: null, email: null },
    ]);
    assert.equal(card.match(/BEGIN:VCARD/g)?.length, 2);
    assert.doesNotMatch(card, /\r\nEMAIL:/);
    assert.match(card, /FN:Eve\\nEMAIL:eve@evil\.example\r\n/);
  });
});
