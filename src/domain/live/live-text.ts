import { LinkifyIt } from 'linkify-it';
import { accepted, rejected, type Checked } from '../shared/result.ts';

/** What people write in a session room, and how long each may be (in characters). */
export const TEXT_LIMITS = { message: 1000, question: 500 } as const;
export type LiveTextKind = keyof typeof TEXT_LIMITS;

const LABELS: Record<LiveTextKind, { noun: string; empty: string }> = {
  message: { noun: 'Your message', empty: 'Write a message before sending it.' },
  question: { noun: 'Your question', empty: 'Write your question before sending it.' },
};

/**
 * Control characters other than line breaks and tabs, and the invisible characters that
 * reorder text (bidirectional overrides), which can make a message read differently from
 * what was written.
 */
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Checks a chat message or a question: line endings made uniform, spaces trimmed at both
 * ends, not empty, not longer than its limit, and free of control characters. Nothing in
 * the text is interpreted: HTML and script are shown as the characters they are.
 */
export function checkLiveText(kind: LiveTextKind, raw: unknown): Checked<string> {
  const { noun, empty } = LABELS[kind];
  const field = 'text';
  if (raw !== undefined && raw !== null && typeof raw !== 'string')
    return rejected([{ field, message: `${noun} must be plain text.` }]);
  const text = (raw ?? '').replace(/\r\n?/g, '\n').trim();
  if (text.length === 0) return rejected([{ field, message: empty }]);
  const length = [...text].length;
  const limit = TEXT_LIMITS[kind];
  if (length > limit)
    return rejected([
      {
        field,
        message: `${noun} is ${length} characters long; the limit is ${limit}. Shorten it and send it again.`,
      },
    ]);
  const forbidden = FORBIDDEN.exec(text);
  if (forbidden)
    return rejected([
      {
        field,
        message: `${noun} contains an invisible control character (${codePoint(forbidden[0])}) at position ${[...text.slice(0, forbidden.index)].length + 1}. Remove it, or type the text again instead of pasting it.`,
      },
    ]);
  return accepted(text);
}

/** A piece of a message: plain text, or a web address shown as a link. */
export type TextSegment = { text: string } | { text: string; href: string };

const linkify = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: false, fuzzyIP: false });

/**
 * Splits text into plain pieces and web links (http and https only), so that a page or a
 * client shows links as links and everything else as text, never as markup.
 */
export function segmentText(text: string): TextSegment[] {
  const matches = linkify.match(text) ?? [];
  const segments: TextSegment[] = [];
  let at = 0;
  for (const match of matches) {
    const href = match.url;
    if (!/^https?:\/\//i.test(href)) continue;
    if (match.index > at) segments.push({ text: text.slice(at, match.index) });
    segments.push({ text: match.raw, href });
    at = match.lastIndex;
  }
  if (at < text.length) segments.push({ text: text.slice(at) });
  return segments;
}

/** The start of a message, quoted when someone replies to it. */
export function excerpt(text: string, length = 80): string {
  const chars = [...text.replace(/\s+/g, ' ')];
  return chars.length <= length ? chars.join('') : `${chars.slice(0, length - 1).join('')}…`;
}
