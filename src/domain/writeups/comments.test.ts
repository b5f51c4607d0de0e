import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkComment, COMMENT_MAX_LENGTH } from './comments.ts';

/** The one problem a check found. */
function problem(raw: unknown): string {
  const checked = checkComment(raw);
  assert.equal(checked.ok, false, `expected ${JSON.stringify(raw)} to be refused`);
  if (checked.ok) return '';
  assert.equal(checked.errors.length, 1);
  assert.equal(checked.errors[0]?.field, 'text');
  return checked.errors[0]?.message ?? '';
}

describe('checking a comment on a write-up', () => {
  it('accepts plain text, trimmed, with uniform line endings', () => {
    assert.deepEqual(checkComment('  Thank you.\r\nWe tried this too.  '), {
      ok: true,
      value: 'Thank you.\nWe tried this too.',
    });
  });

  it('accepts a comment of exactly the limit, counting characters rather than code units', () => {
    const atLimit = '🙂'.repeat(COMMENT_MAX_LENGTH);
    assert.equal(checkComment(atLimit).ok, true);
  });

  it('asks for a comment when it is empty or only spaces', () => {
    for (const raw of [undefined, null, '', '   \n\t '])
      assert.match(problem(raw), /Enter your comment before adding it/);
  });

  it('names the length and the limit of a comment that is too long', () => {
    assert.match(
      problem('a'.repeat(COMMENT_MAX_LENGTH + 1)),
      /Your comment is 2,001 characters long; the limit is 2,000\. Shorten it/,
    );
  });

  it('refuses invisible control characters and bidirectional overrides, naming them', () => {
    assert.match(problem('Hello\u0007'), /invisible control character \(U\+0007\)\. Remove it/);
    assert.match(problem('abc\u202Edef'), /U\+202E/);
  });

  it('refuses what is not text', () => {
    assert.match(problem(['a', 'b']), /must be plain text/);
    assert.match(problem(42), /must be plain text/);
  });
});
