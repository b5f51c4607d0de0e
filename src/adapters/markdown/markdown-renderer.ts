import MarkdownIt, { type Token } from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import type { MarkdownRenderer } from '../../app/ports.ts';

/** Link addresses a rendered link may have; anything else becomes plain text. */
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** The level headings written as `#` become, unless the caller says otherwise. */
const DEFAULT_HEADING_LEVEL = 3;

/** Tags the sanitizer keeps; everything else is dropped, its text kept. */
const ALLOWED_TAGS = [
  'p',
  'br',
  'hr',
  'strong',
  'em',
  's',
  'ul',
  'ol',
  'li',
  'blockquote',
  'code',
  'pre',
  'h3',
  'h4',
  'h5',
  'h6',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  // Only links carry attributes: no style, class, id or event handlers anywhere.
  allowedAttributes: { a: ['href', 'rel'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Deeper than this is not notes any more; the text is kept, the tags dropped.
  nestingLimit: 40,
  transformTags: {
    // The page's own h1 and h2 stay the only ones; relative links and other schemes become text.
    h1: 'h3',
    h2: 'h3',
    a: (_tagName, attribs): sanitizeHtml.Tag =>
      isAllowedLink(attribs.href)
        ? {
            tagName: 'a',
            attribs: { href: attribs.href ?? '', rel: 'nofollow noopener noreferrer' },
          }
        : { tagName: 'span', attribs: {} },
  },
};

/** Whether an address is an absolute http, https or mailto URL, as a browser would read it. */
function isAllowedLink(href: string | undefined): boolean {
  if (!href) return false;
  try {
    // The URL parser drops tabs, newlines and leading control characters as browsers do, so
    // "java\tscript:" is seen as the javascript: it is.
    return LINK_PROTOCOLS.has(new URL(href).protocol);
  } catch {
    return false;
  }
}

/**
 * Makes the text between tags harmless even to a consumer that filters HTML by pattern (a feed
 * reader, a copy into an attribute): "javascript:" and "onclick=" written in the notes show
 * the same, but with the colon and equals sign as character references.
 */
function defuseText(html: string): string {
  return html.replace(/(<[^>]*>)|([^<]+)/g, (_match, tag: string | undefined, text: string) =>
    tag !== undefined
      ? tag
      : text.replace(/(script\s*):/gi, '$1&#58;').replace(/(on\w+\s*)=/gi, '$1&#61;'),
  );
}

/** Moves headings so the shallowest one is at `top`, keeping their order below it (h6 at most). */
function shiftHeadings(tokens: Token[], top: number): void {
  const levels = tokens
    .filter((token) => token.type === 'heading_open')
    .map((token) => Number(token.tag.slice(1)));
  if (levels.length === 0) return;
  const shift = top - Math.min(...levels);
  for (const token of tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close')
      token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + shift)}`;
  }
}

/**
 * Renders Markdown in two layers. markdown-it with `html: false` never passes raw HTML
 * through (it shows as text) and refuses javascript:, vbscript: and data: links; then
 * sanitize-html keeps only an allowlist of tags, with links to http, https and mailto only.
 * Either layer alone would stop the known attacks; together a bug in one is not a hole.
 * A line break in the text is a line break on the page (`breaks`), as notes are typed.
 */
export function createMarkdownRenderer(): MarkdownRenderer {
  const markdown = new MarkdownIt('default', {
    html: false,
    linkify: true,
    typographer: false,
    breaks: true,
  });
  // Images would load from anywhere a note points to; `![alt](url)` shows as a link instead.
  markdown.disable('image');
  return {
    render(source, options = {}) {
      const env = {};
      const tokens = markdown.parse(source, env);
      shiftHeadings(tokens, options.headingLevel ?? DEFAULT_HEADING_LEVEL);
      const html = markdown.renderer.render(tokens, markdown.options, env);
      return defuseText(sanitizeHtml(html, SANITIZE_OPTIONS));
    },
  };
}
