import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitLinks } from './outbox.presenter.ts';

describe('making the addresses in an email followable', () => {
  it('splits text into words and links, leaving sentence punctuation outside the link', () => {
    assert.deepEqual(
      splitLinks(
        'Use http://localhost:3000/invitations/Ab_1-c. Or https://x.example/a?b=1&c=2, then stop',
      ),
      [
        { text: 'Use ' },
        {
          text: 'http://localhost:3000/invitations/Ab_1-c',
          href: 'http://localhost:3000/invitations/Ab_1-c',
        },
        { text: '. Or ' },
        { text: 'https://x.example/a?b=1&c=2', href: 'https://x.example/a?b=1&c=2' },
        { text: ', then stop' },
      ],
    );
  });

  it('never makes a link of anything but a web address', () => {
    assert.deepEqual(splitLinks('javascript:alert(1) <b>bold</b>'), [
      { text: 'javascript:alert(1) <b>bold</b>' },
    ]);
  });
});
