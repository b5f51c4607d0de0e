import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkResource, checkResourceLink, RESOURCE_URL_MAX_LENGTH } from './resource.ts';

const CHOICES = { themeIds: ['th-procurement', 'th-skills'], governmentIds: ['gov-ke', 'gov-ee'] };
const VALID = {
  title: 'Agile contract template',
  kind: 'procurement-template',
  url: 'https://example.org/contracts/agile',
  description: 'What we use for **outcome-based** contracts.',
  governmentId: 'gov-ke',
  themeIds: ['th-procurement'],
};

const refusedLink = (raw: unknown) => {
  const checked = checkResourceLink(raw);
  assert.equal(checked.ok, false, `expected ${JSON.stringify(raw)} to be refused`);
  if (checked.ok) return '';
  assert.equal(checked.errors[0]?.field, 'url');
  return checked.errors[0]!.message;
};

describe('checking a shared resource’s link', () => {
  it('accepts http and https addresses, as the URL parser writes them', () => {
    assert.deepEqual(checkResourceLink(' https://Example.org/a b'.trim().replace(' ', '%20')), {
      ok: true,
      value: 'https://example.org/a%20b',
    });
    assert.deepEqual(checkResourceLink('http://example.org'), {
      ok: true,
      value: 'http://example.org/',
    });
  });

  it('refuses javascript: in any spelling', () => {
    for (const link of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)'])
      assert.match(refusedLink(link), /https:\/\/ or http:\/\//);
  });

  it('refuses data:, file:, ftp: and mailto: links', () => {
    for (const link of [
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'ftp://files.example.org/template.docx',
      'mailto:someone@example.org',
    ])
      assert.match(refusedLink(link), /cannot be shared/);
  });

  it('refuses relative and scheme-less addresses', () => {
    for (const link of ['/resources/1', 'example.org/guide', '//example.org/guide', '../x'])
      assert.match(refusedLink(link), /full address/);
  });

  it('refuses spaces, tabs, line breaks and invisible characters inside the link', () => {
    for (const link of [
      'https://example.org/a b',
      'https://exa\tmple.org',
      'https://example.org/\nx',
      'https://example.org/\u202Egp',
    ])
      assert.match(refusedLink(link), /space or an invisible character/);
  });

  it('refuses a link with a user name or password that could disguise where it leads', () => {
    assert.match(refusedLink('https://gov.example@evil.example/'), /user name or password/);
  });

  it('refuses a link that is too long, and an empty or non-text one', () => {
    const long = `https://example.org/${'a'.repeat(RESOURCE_URL_MAX_LENGTH)}`;
    assert.match(refusedLink(long), /the limit is 2,000/);
    assert.match(refusedLink(''), /Enter the link/);
    assert.match(refusedLink('   '), /Enter the link/);
    assert.match(refusedLink(['https://example.org']), /must be text/);
  });
});

describe('checking a shared resource', () => {
  it('accepts a complete resource and trims what was typed', () => {
    const checked = checkResource({ ...VALID, title: '  Agile contract template ' }, CHOICES);
    assert.deepEqual(checked, {
      ok: true,
      value: { ...VALID, url: 'https://example.org/contracts/agile' },
    });
  });

  it('accepts one theme given as a single value and no government', () => {
    const checked = checkResource({ ...VALID, themeIds: 'th-skills', governmentId: '' }, CHOICES);
    assert.ok(checked.ok);
    assert.deepEqual(checked.value.themeIds, ['th-skills']);
    assert.equal(checked.value.governmentId, null);
  });

  it('names every field that is wrong at once', () => {
    const checked = checkResource(
      { title: '', kind: 'weapon', url: 'javascript:alert(1)', governmentId: 'gov-xx' },
      CHOICES,
    );
    assert.equal(checked.ok, false);
    if (checked.ok) return;
    assert.deepEqual(
      checked.errors.map((error) => error.field),
      ['title', 'kind', 'url', 'governmentId', 'themeIds'],
    );
  });

  it('refuses themes that are not offered, a multi-line title and an over-long description', () => {
    const checked = checkResource(
      {
        ...VALID,
        title: 'One\nTwo',
        themeIds: ['th-procurement', 'th-other'],
        description: 'x'.repeat(5001),
      },
      CHOICES,
    );
    assert.equal(checked.ok, false);
    if (checked.ok) return;
    assert.deepEqual(
      checked.errors.map((error) => error.field),
      ['title', 'description', 'themeIds'],
    );
  });
});
