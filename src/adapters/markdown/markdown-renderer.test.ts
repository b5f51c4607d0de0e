import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMarkdownRenderer } from './markdown-renderer.ts';

const renderer = createMarkdownRenderer();

/**
 * Fails when the HTML holds anything that could run or load: a script, an event handler, a
 * javascript: address anywhere (even as text), a tag outside the allowlist, a style or target,
 * or a link that is not http, https or mailto. Text never holds a raw "<", so every "<…>" is a tag.
 */
function assertHarmless(html: string, input: string): void {
  const where = `for ${JSON.stringify(input)}: ${html}`;
  assert.doesNotMatch(html, /<script/i, `no script tag ${where}`);
  assert.doesNotMatch(html, /on\w+=/i, `no event handler ${where}`);
  assert.doesNotMatch(html, /javascript:/i, `no javascript: ${where}`);
  assert.doesNotMatch(html, /vbscript:/i, `no vbscript: ${where}`);
  for (const tag of html.match(/<[^>]*>/g) ?? []) {
    assert.match(tag, ALLOWED_TAG, `only allowed tags ${where}`);
    const href = /^<a href="([^"]*)" rel="nofollow noopener noreferrer">$/.exec(tag)?.[1];
    if (tag.startsWith('<a ')) assert.match(href ?? '', /^(https?:\/\/|mailto:)/, where);
  }
}

/** Tags as the renderer writes them: no attributes but a link's and a list's start. */
const ALLOWED_TAG =
  /^<(\/?(p|strong|em|s|ul|li|blockquote|code|pre|h[3-6]|a|table|thead|tbody|tr|th|td)|br \/|hr \/|ol start="\d+"|a href="[^"]*" rel="nofollow noopener noreferrer")>$/;

const HOSTILE = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<iframe src="https://evil.example"></iframe>',
  '<svg onload=alert(1)>',
  '<a href="https://example.org" onclick="alert(1)">click</a>',
  '<p style="position:fixed;top:0">cover</p>',
  '<div>\n<script>alert(1)</script>\n</div>',
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x](&#106;avascript:alert(1))',
  '[x](&#x6A;avascript&#58;alert(1))',
  '[x](java\tscript:alert(1))',
  '[x]( javascript:alert(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[x](vbscript:msgbox(1))',
  '[x][evil]\n\n[evil]: javascript:alert(1)',
  '[evil]\n\n[evil]: JAVASCRIPT:alert(1) "title"',
  '<javascript:alert(1)>',
  '<data:text/html,<script>alert(1)</script>>',
  '![x](javascript:alert(1))',
  '![x](https://evil.example/track.png)',
  '[x](https://example.org "a\\" onmouseover=\\"alert(1)")',
  '<b><i><u>unclosed <em>tags',
  '</p></div></body><script>alert(1)</script>',
  '<<script>script>alert(1)<</script>/script>',
  '<!-- <script>alert(1)</script> -->',
  '```\n</code></pre><script>alert(1)</script>\n```',
  '`<img src=x onerror=alert(1)>`',
  '<style>body{display:none}</style>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
];

describe('the Markdown renderer', () => {
  for (const input of HOSTILE) {
    it(`renders hostile input harmless: ${JSON.stringify(input).slice(0, 60)}`, () => {
      assertHarmless(renderer.render(input), input);
    });
  }

  it('shows raw HTML as the text that was typed, not as markup', () => {
    const html = renderer.render('Budgets are yearly.\n- <script>alert(1)</script>');
    assert.match(html, /<li>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/li>/);
  });

  it('keeps the words of a refused link as text', () => {
    assert.match(renderer.render('[click me](javascript:alert(1))'), /click me/);
    assert.equal(renderer.render('[relative](/organize)'), '<p>relative</p>\n');
  });

  it('renders lists, emphasis, code and line breaks as written', () => {
    const html = renderer.render(
      '- Funding is yearly\n- Teams share *one* designer\n\n**Bold** and `a < b`\nnext line\n\n1. first\n2. second\n\n> quoted\n\n```\nx & y\n```',
    );
    assert.equal(
      html,
      [
        '<ul>',
        '<li>Funding is yearly</li>',
        '<li>Teams share <em>one</em> designer</li>',
        '</ul>',
        '<p><strong>Bold</strong> and <code>a &lt; b</code><br />',
        'next line</p>',
        '<ol>',
        '<li>first</li>',
        '<li>second</li>',
        '</ol>',
        '<blockquote>',
        '<p>quoted</p>',
        '</blockquote>',
        '<pre><code>x &amp; y',
        '</code></pre>',
        '',
      ].join('\n'),
    );
  });

  it('keeps http, https and mailto links, marked nofollow and without a target', () => {
    const html = renderer.render(
      '[GOV.UK](https://www.gov.uk/ "Home") and [plain](http://example.org/a?b=1&c=2), mail me@example.org or https://example.org/auto',
    );
    assert.match(
      html,
      /<a href="https:\/\/www\.gov\.uk\/" rel="nofollow noopener noreferrer">GOV\.UK<\/a>/,
    );
    assert.match(
      html,
      /<a href="http:\/\/example\.org\/a\?b=1&amp;c=2" rel="nofollow noopener noreferrer">plain<\/a>/,
    );
    assert.match(
      html,
      /<a href="mailto:me@example\.org" rel="nofollow noopener noreferrer">me@example\.org<\/a>/,
    );
    assert.match(
      html,
      /<a href="https:\/\/example\.org\/auto" rel="nofollow noopener noreferrer">/,
    );
  });

  it('shows an image as a link to it rather than loading it', () => {
    assert.equal(
      renderer.render('![chart](https://example.org/chart.png)'),
      '<p>!<a href="https://example.org/chart.png" rel="nofollow noopener noreferrer">chart</a></p>\n',
    );
  });

  it('puts headings below the page’s own, keeping their order', () => {
    assert.equal(
      renderer.render('# One\n## Two\n### Three'),
      '<h3>One</h3>\n<h4>Two</h4>\n<h5>Three</h5>\n',
    );
    assert.equal(
      renderer.render('### Only a third level', { headingLevel: 4 }),
      '<h4>Only a third level</h4>\n',
    );
    assert.equal(renderer.render('# a\n###### f', { headingLevel: 5 }), '<h5>a</h5>\n<h6>f</h6>\n');
  });

  it('keeps a simple table, without alignment styles', () => {
    const html = renderer.render('| a | b |\n|:--|--:|\n| 1 | 2 |');
    assert.match(html, /<table>\n<thead>\n<tr>\n<th>a<\/th>/);
    assert.doesNotMatch(html, /style/);
  });

  it('shows "javascript:" and "onclick=" written as text the same, but inert', () => {
    const html = renderer.render('Never use javascript: links or onclick= handlers.');
    assert.equal(html, '<p>Never use javascript&#58; links or onclick&#61; handlers.</p>\n');
  });

  it('renders 200 kB of hostile, deeply nested input in reasonable time', () => {
    const patterns = [
      '*a **b _c [d `e <f',
      '>',
      '- ',
      '[x](',
      '<script>alert(1)</script>\n',
      'a',
      '*',
      // markdown-it's slowest known shape: about 2 s at 200 kB, against 20 ms at the 20,000
      // characters a section of notes may hold.
      '![[',
    ];
    for (const pattern of patterns) {
      for (const [size, budgetMs] of [
        [20_000, 1000],
        [200_000, 10_000],
      ] as const) {
        const input = pattern.repeat(Math.ceil(size / pattern.length));
        const started = performance.now();
        const html = renderer.render(input);
        const took = performance.now() - started;
        assert.ok(
          took < budgetMs,
          `took ${Math.round(took)} ms for ${size} characters of ${JSON.stringify(pattern)}`,
        );
        assertHarmless(html, input.slice(0, 40));
      }
    }
  });
});
