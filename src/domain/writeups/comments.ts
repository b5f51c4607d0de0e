import { accepted, rejected, type Checked } from '../shared/result.ts';

/** The longest comment, in characters: a paragraph or two, not a second write-up. */
export const COMMENT_MAX_LENGTH = 2000;

// Control characters other than line breaks and tabs, and bidirectional overrides, which could
// make a comment read differently from what it holds.
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

/**
 * Checks a comment on a published write-up: plain text, trimmed, 1 to 2,000 characters, with no
 * invisible control characters. Line endings are made uniform; the page shows it as text.
 */
export function checkComment(raw: unknown): Checked<string> {
  if (raw !== undefined && raw !== null && typeof raw !== 'string')
    return rejected([{ field: 'text', message: 'The comment must be plain text.' }]);
  const text = (raw ?? '').replace(/\r\n?/g, '\n').trim();
  const length = [...text].length;
  if (length === 0)
    return rejected([{ field: 'text', message: 'Enter your comment before adding it.' }]);
  if (length > COMMENT_MAX_LENGTH)
    return rejected([
      {
        field: 'text',
        message: `Your comment is ${length.toLocaleString('en-GB')} characters long; the limit is ${COMMENT_MAX_LENGTH.toLocaleString('en-GB')}. Shorten it, then add it.`,
      },
    ]);
  const forbidden = FORBIDDEN.exec(text);
  if (forbidden)
    return rejected([
      {
        field: 'text',
        message: `Your comment contains an invisible control character (U+${forbidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}). Remove it, then add the comment.`,
      },
    ]);
  return accepted(text);
}
