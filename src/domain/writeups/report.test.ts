import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkReportInput, draftReportBody } from './report.ts';

describe('the themes and takeaways report', () => {
  it('accepts Markdown with the version it started from', () => {
    const checked = checkReportInput({ body: '## Learned\r\n\r\nA lot.  \n', baseVersion: '3' });
    assert.deepEqual(checked, {
      ok: true,
      value: { body: '## Learned\n\nA lot.', baseVersion: 3 },
    });
  });

  it('names the field of each problem', () => {
    const fields = (raw: { body: unknown; baseVersion: unknown }) => {
      const checked = checkReportInput(raw);
      return checked.ok ? [] : checked.errors.map((error) => error.field);
    };
    assert.deepEqual(fields({ body: ' ', baseVersion: '0' }), ['body']);
    assert.deepEqual(fields({ body: ['x'], baseVersion: '0' }), ['body']);
    assert.deepEqual(fields({ body: 'x'.repeat(200_001), baseVersion: '0' }), ['body']);
    assert.deepEqual(fields({ body: 'a\u202Eb', baseVersion: '0' }), ['body']);
    assert.deepEqual(fields({ body: 'x', baseVersion: '-1' }), ['baseVersion']);
    assert.deepEqual(fields({ body: 'x', baseVersion: undefined }), ['baseVersion']);
  });

  it('drafts a section per theme from write-ups and takeaways, saying when there is nothing', () => {
    const body = draftReportBody('DSC 2020', [
      {
        name: 'Vendor lock-in',
        description: 'Big IT\nvendors.',
        writeups: [
          { title: 'Buying [small]', summary: 'In pieces.', url: '/editions/x/writeups/1' },
        ],
        takeaways: ['Buy in small pieces'],
      },
      { name: 'Talent', description: '', writeups: [], takeaways: [] },
    ]);
    assert.match(body, /^## Themes and takeaways of DSC 2020/);
    assert.match(body, /### Vendor lock-in\n\nBig IT vendors\./);
    assert.match(body, /- \[Buying small\]\(\/editions\/x\/writeups\/1\): In pieces\./);
    assert.match(body, /\*\*Key takeaways\*\*\n\n- Buy in small pieces/);
    assert.match(body, /### Talent\n\nNothing published or noted on this theme yet\./);
  });
});
