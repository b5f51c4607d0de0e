import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Feed } from '../../app/ports.ts';
import { createAtomFeedRenderer } from './atom-feed.ts';

const renderer = createAtomFeedRenderer();

const TRICKY_TITLE = `Budgets & "lock-in" <b>not bold</b> it's Q&amp;A`;
const TRICKY_HTML = '<p>One ]]> two ]]><script>alert(1)</script> &amp; done</p>';

function feed(overrides: Partial<Feed> = {}): Feed {
  return {
    id: 'https://convene.example.org/editions/dsc-2020/write-ups',
    title: 'Digital Services Convening 2020: write-ups',
    selfUrl: 'https://convene.example.org/editions/dsc-2020/write-ups.atom',
    pageUrl: 'https://convene.example.org/editions/dsc-2020/write-ups',
    updated: new Date('2020-11-18T17:00:00Z'),
    entries: [
      {
        id: 'tag:convene.example.org,2020:write-up/1',
        title: TRICKY_TITLE,
        url: 'https://convene.example.org/editions/dsc-2020/write-ups/1?a=1&b=2',
        updated: new Date('2020-11-18T16:30:00Z'),
        published: new Date('2020-11-17T15:00:00Z'),
        summary: 'Teams <share> designers & budgets.',
        contentHtml: TRICKY_HTML,
      },
    ],
    ...overrides,
  };
}

/** The feed read back as a feed reader would, attributes under "@_", text under "#text". */
function parse(xml: string) {
  const validation = XMLValidator.validate(xml);
  assert.equal(validation, true, `well-formed XML: ${JSON.stringify(validation)}`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    textNodeName: '#text',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    isArray: (name) => name === 'entry' || name === 'link',
  });
  // Only a feed root is expected; the cast names the parts the tests read.
  return parser.parse(xml) as {
    feed: {
      '@_xmlns': string;
      id: string;
      title: { '#text': string; '@_type': string };
      updated: string;
      author: { name: string };
      link: { '@_rel': string; '@_href': string; '@_type': string }[];
      entry?: {
        id: string;
        title: { '#text': string };
        updated: string;
        published: string;
        link: { '@_rel': string; '@_href': string }[];
        summary: { '#text': string };
        content: { '#text': string; '@_type': string };
      }[];
    };
  };
}

describe('the Atom feed renderer', () => {
  it('writes a well-formed Atom document with the required feed elements', () => {
    const xml = renderer.renderAtom(feed());
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed '));
    const { feed: root } = parse(xml);
    assert.equal(root['@_xmlns'], 'http://www.w3.org/2005/Atom');
    assert.equal(root.id, 'https://convene.example.org/editions/dsc-2020/write-ups');
    assert.equal(root.title['#text'], 'Digital Services Convening 2020: write-ups');
    assert.equal(root.updated, '2020-11-18T17:00:00Z');
    assert.equal(root.author.name, 'Digital Services Convening 2020: write-ups');
    assert.deepEqual(
      root.link.map((link) => [link['@_rel'], link['@_href'], link['@_type']]),
      [
        [
          'self',
          'https://convene.example.org/editions/dsc-2020/write-ups.atom',
          'application/atom+xml',
        ],
        ['alternate', 'https://convene.example.org/editions/dsc-2020/write-ups', 'text/html'],
      ],
    );
  });

  it('writes each entry with its id, title, dates, link, summary and HTML content', () => {
    const entry = parse(renderer.renderAtom(feed())).feed.entry?.[0];
    assert.ok(entry);
    assert.equal(entry.id, 'tag:convene.example.org,2020:write-up/1');
    assert.equal(entry.updated, '2020-11-18T16:30:00Z');
    assert.equal(entry.published, '2020-11-17T15:00:00Z');
    assert.deepEqual(
      entry.link.map((link) => [link['@_rel'], link['@_href']]),
      [['alternate', 'https://convene.example.org/editions/dsc-2020/write-ups/1?a=1&b=2']],
    );
    assert.equal(entry.summary['#text'], 'Teams <share> designers & budgets.');
    assert.equal(entry.content['@_type'], 'html');
  });

  it('escapes <, &, quotes and "]]>" so that titles and content read back exactly', () => {
    const xml = renderer.renderAtom(feed());
    assert.ok(xml.includes('&lt;b&gt;not bold&lt;/b&gt;'));
    assert.ok(xml.includes('&amp;amp;'), 'a literal "&amp;" stays literal');
    assert.ok(!xml.includes('<script'), 'HTML content is text inside the XML, never markup');
    assert.ok(!xml.includes('CDATA'));
    assert.ok(
      xml.includes('href="https://convene.example.org/editions/dsc-2020/write-ups/1?a=1&amp;b=2"'),
    );
    const entry = parse(xml).feed.entry?.[0];
    assert.equal(entry?.title['#text'], TRICKY_TITLE);
    assert.equal(entry?.content['#text'], TRICKY_HTML);
  });

  it('leaves out characters that XML cannot carry, which would break the whole feed', () => {
    const xml = renderer.renderAtom(
      feed({ title: 'Bell\u0007 and NUL\u0000 and lone \uD800 surrogate', entries: [] }),
    );
    assert.equal(parse(xml).feed.title['#text'], 'Bell and NUL and lone  surrogate');
  });

  it('names the given author, and writes a feed with no entries yet', () => {
    const root = parse(
      renderer.renderAtom(feed({ authorName: 'The organizers', entries: [] })),
    ).feed;
    assert.equal(root.author.name, 'The organizers');
    assert.equal(root.entry, undefined);
  });
});
