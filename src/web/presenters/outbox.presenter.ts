/** A piece of an email's text: words as they are, or an address to follow. */
export type TextPart = { text: string; href?: string };

const ADDRESS = /https?:\/\/[^\s<>"]+/g;

/**
 * Splits plain text into words and web addresses, so that a page can make the addresses
 * links while escaping everything else. Punctuation that ends a sentence is not part of a link.
 */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(ADDRESS)) {
    const href = match[0].replace(/[.,;:!?)\]]+$/, '');
    const start = match.index;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: href, href });
    last = start + href.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
