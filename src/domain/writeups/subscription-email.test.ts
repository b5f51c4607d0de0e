import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  composeConfirmationEmail,
  composeNewWriteupEmail,
  unsubscribeHeaders,
} from './subscription-email.ts';

const UNSUBSCRIBE = 'https://convene.example/writeups/unsubscribe/abc';

describe('subscription emails', () => {
  it('offers one-click unsubscribe in the headers (RFC 2369, RFC 8058)', () => {
    assert.deepEqual(unsubscribeHeaders(UNSUBSCRIBE), {
      'List-Unsubscribe': `<${UNSUBSCRIBE}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('puts the unsubscribe link in the text of every message', () => {
    const confirmation = composeConfirmationEmail({
      editionName: 'DSC 2021',
      confirmUrl: 'https://convene.example/writeups/subscriptions/confirm/xyz',
      unsubscribeUrl: UNSUBSCRIBE,
    });
    const announcement = composeNewWriteupEmail({
      editionName: 'DSC 2021',
      title: 'Buying software',
      summary: '  In small pieces.  ',
      writeupUrl: 'https://convene.example/editions/dsc-2021/writeups/s1',
      unsubscribeUrl: UNSUBSCRIBE,
    });
    for (const { text } of [confirmation, announcement]) assert.ok(text.includes(UNSUBSCRIBE));
    assert.equal(announcement.subject, 'New write-up: Buying software');
    assert.match(announcement.text, /\nIn small pieces\.\n/);
  });

  it('leaves out an empty summary', () => {
    const { text } = composeNewWriteupEmail({
      editionName: 'DSC 2021',
      title: 'T',
      summary: ' ',
      writeupUrl: 'u',
      unsubscribeUrl: UNSUBSCRIBE,
    });
    assert.doesNotMatch(text, /\n\n\n/);
  });
});
