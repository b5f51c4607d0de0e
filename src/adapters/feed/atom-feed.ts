import type { Feed, FeedEntry, FeedRenderer } from '../../app/ports.ts';

/**
 * Characters XML 1.0 does not allow at all, not even escaped (control characters, lone
 * surrogates, U+FFFE and U+FFFF): a feed reader refuses the whole document for one of them.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text or an attribute value written so that XML reads back exactly the same characters. */
function escapeXml(value: string): string {
  return value
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** An RFC 3339 date-time in UTC, without milliseconds, as in decision 0002. */
function dateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function element(name: string, text: string, attributes = ''): string {
  return `<${name}${attributes}>${escapeXml(text)}</${name}>`;
}

function link(rel: string, href: string, type?: string): string {
  const typed = type ? ` type="${escapeXml(type)}"` : '';
  return `<link rel="${rel}"${typed} href="${escapeXml(href)}"/>`;
}

function renderEntry(entry: FeedEntry): string {
  return [
    '  <entry>',
    `    ${element('id', entry.id)}`,
    `    ${element('title', entry.title, ' type="text"')}`,
    `    ${link('alternate', entry.url, 'text/html')}`,
    `    ${element('published', dateTime(entry.published))}`,
    `    ${element('updated', dateTime(entry.updated))}`,
    `    ${element('summary', entry.summary, ' type="text"')}`,
    // The HTML travels escaped as text (type="html"), never in CDATA: escaping has no
    // terminator that content could hold, where "]]>" would end a CDATA section early.
    `    ${element('content', entry.contentHtml, ' type="html"')}`,
    '  </entry>',
  ].join('\n');
}

/**
 * Writes Atom feeds (RFC 4287) by hand: a dozen elements, every value through one escaping
 * function. The `feed` package was tried and left out: its XML writer (xml-js) ends a CDATA
 * section at the second "]]>" in content, letting the rest through as markup, and turns a
 * literal "&amp;" typed in a title into "&".
 */
export function createAtomFeedRenderer(): FeedRenderer {
  return {
    renderAtom(feed: Feed): string {
      return [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        `  ${element('id', feed.id)}`,
        `  ${element('title', feed.title, ' type="text"')}`,
        `  ${element('updated', dateTime(feed.updated))}`,
        `  ${link('self', feed.selfUrl, 'application/atom+xml')}`,
        `  ${link('alternate', feed.pageUrl, 'text/html')}`,
        // RFC 4287 4.1.1 asks for an author of the feed when its entries name none; write-ups
        // are unattributed, so the convening itself (the feed's title) is the author.
        `  <author>${element('name', feed.authorName ?? feed.title)}</author>`,
        ...feed.entries.map(renderEntry),
        '</feed>',
        '',
      ].join('\n');
    },
  };
}
