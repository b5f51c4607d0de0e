import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkLiveText, excerpt, segmentText, TEXT_LIMITS, type TextSegment } from './live-text.ts';

/** The one message of a refusal, failing the test when the text was accepted. */
function refusal(kind: 'message' | 'question', raw: unknown): string {
  const checked = checkLiveText(kind, raw);
  if (checked.ok) assert.fail(`expected ${JSON.stringify(raw)} to be refused`);
  assert.equal(checked.errors.length, 1);
  assert.equal(checked.errors[0]!.field, 'text');
  return checked.errors[0]!.message;
}

function accepted(kind: 'message' | 'question', raw: unknown): string {
  const checked = checkLiveText(kind, raw);
  if (!checked.ok)
    assert.fail(`expected ${JSON.stringify(raw)} to be accepted: ${checked.errors[0]?.message}`);
  return checked.value;
}

describe('checking what people write in a room', () => {
  it('refuses an empty message or question, saying what to do', () => {
    assert.equal(refusal('message', ''), 'Write a message before sending it.');
    assert.equal(refusal('question', ''), 'Write your question before sending it.');
    assert.equal(refusal('message', undefined), 'Write a message before sending it.');
    assert.equal(refusal('message', null), 'Write a message before sending it.');
  });

  it('refuses text that is only spaces, tabs and line breaks', () => {
    for (const blank of [' ', '   ', '\t', '\n\n', '\r\n \t \r', '\u00a0\u2003'])
      assert.equal(
        refusal('message', blank),
        'Write a message before sending it.',
        JSON.stringify(blank),
      );
  });

  it('refuses anything that is not a string, such as a repeated form field', () => {
    assert.equal(refusal('message', ['a', 'b']), 'Your message must be plain text.');
    assert.equal(refusal('question', 42), 'Your question must be plain text.');
    assert.equal(refusal('question', { text: 'x' }), 'Your question must be plain text.');
  });

  it('trims the ends and makes line endings uniform, keeping the text otherwise as written', () => {
    assert.equal(accepted('message', '  hello  '), 'hello');
    assert.equal(accepted('message', 'one\r\ntwo\rthree\nfour'), 'one\ntwo\nthree\nfour');
  });

  it('accepts a message of exactly 1000 characters and refuses 1001, saying how long it is', () => {
    assert.equal(TEXT_LIMITS.message, 1000);
    assert.equal(accepted('message', 'a'.repeat(1000)).length, 1000);
    assert.equal(
      refusal('message', 'a'.repeat(1001)),
      'Your message is 1001 characters long; the limit is 1000. Shorten it and send it again.',
    );
  });

  it('accepts a question of exactly 500 characters and refuses 501', () => {
    assert.equal(TEXT_LIMITS.question, 500);
    accepted('question', 'q'.repeat(500));
    assert.equal(
      refusal('question', 'q'.repeat(501)),
      'Your question is 501 characters long; the limit is 500. Shorten it and send it again.',
    );
  });

  it('counts an emoji outside the basic plane as one character, not two', () => {
    const emoji = '😀';
    assert.equal(emoji.length, 2, 'two UTF-16 units');
    assert.equal(accepted('message', emoji.repeat(1000)), emoji.repeat(1000));
    assert.match(refusal('message', emoji.repeat(1001)), /is 1001 characters long/);
    assert.equal(accepted('question', `${'é'.repeat(499)}🎉`).length, 501, '500 characters');
  });

  it('does not count the spaces trimmed from the ends against the limit', () => {
    accepted('message', `   ${'a'.repeat(1000)}\n\n`);
  });

  it('refuses control characters, naming the character and its position', () => {
    const cases: [string, string, number][] = [
      ['a\u0000b', 'U+0000', 2],
      ['bell\u0007', 'U+0007', 5],
      ['\u001b[31mred', 'U+001B', 1],
      ['del\u007f', 'U+007F', 4],
      ['next\u0085line', 'U+0085', 5],
      ['in\u000bside', 'U+000B', 3],
      ['c1\u009b', 'U+009B', 3],
    ];
    for (const [text, code, position] of cases) {
      assert.equal(
        refusal('message', text),
        `Your message contains an invisible control character (${code}) at position ${position}. Remove it, or type the text again instead of pasting it.`,
        JSON.stringify(text),
      );
    }
  });

  it('refuses characters that reverse or reorder text (bidirectional overrides and isolates)', () => {
    assert.match(refusal('question', 'abc\u202Efdp.exe'), /\(U\+202E\) at position 4\./);
    assert.match(refusal('question', '\u202Ax'), /\(U\+202A\) at position 1\./);
    assert.match(refusal('message', 'x\u2066y\u2069'), /\(U\+2066\) at position 2\./);
    assert.match(refusal('message', 'x\u2069'), /\(U\+2069\) at position 2\./);
  });

  it('counts the position in characters, so an emoji before the control character counts once', () => {
    assert.match(refusal('message', '😀😀\u202E'), /at position 3\./);
  });

  it('allows line breaks and tabs inside the text', () => {
    assert.equal(
      accepted('message', 'line one\nline two\tindented'),
      'line one\nline two\tindented',
    );
  });

  it('keeps HTML and script as the characters typed, interpreting nothing', () => {
    const text = '<script>alert("x")</script> & <b>bold</b>';
    assert.equal(accepted('message', text), text);
  });

  it('keeps the letters of any language and emoji with joiners', () => {
    const text = 'Habari! Tere! 你好 مرحبا 👩🏽‍💻';
    assert.equal(accepted('message', text), text);
  });
});

describe('finding links in what people write', () => {
  const joined = (segments: TextSegment[]) => segments.map((s) => s.text).join('');
  const links = (segments: TextSegment[]) =>
    segments.filter((s): s is { text: string; href: string } => 'href' in s).map((s) => s.href);

  it('turns http and https addresses into links and keeps the rest as text', () => {
    const text = 'See https://gov.uk/service and http://example.org/a?b=1.';
    const segments = segmentText(text);
    assert.deepEqual(segments, [
      { text: 'See ' },
      { text: 'https://gov.uk/service', href: 'https://gov.uk/service' },
      { text: ' and ' },
      { text: 'http://example.org/a?b=1', href: 'http://example.org/a?b=1' },
      { text: '.' },
    ]);
    assert.equal(joined(segments), text);
  });

  it('recognises a bare domain name and links it over http', () => {
    assert.deepEqual(segmentText('read digital.gov.example.org today'), [
      { text: 'read ' },
      { text: 'digital.gov.example.org', href: 'http://digital.gov.example.org' },
      { text: ' today' },
    ]);
    assert.deepEqual(links(segmentText('www.gov.uk')), ['http://www.gov.uk']);
  });

  it('never makes a link of javascript:, data:, ftp:, mailto: or a protocol-relative address', () => {
    for (const text of [
      'javascript:alert(1)',
      'click javascript:alert(document.cookie) now',
      'data:text/html,<script>alert(1)</script>',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'ftp://files.example.org/a',
      'mailto:someone@example.org',
      '//evil.example.org/x',
      '<a href="javascript:alert(1)">x</a>',
    ]) {
      const segments = segmentText(text);
      for (const href of links(segments))
        assert.match(href, /^https?:\/\//i, `${JSON.stringify(text)} gave a link to ${href}`);
      assert.ok(
        !links(segments).some((href) => /javascript:|data:/i.test(href)),
        JSON.stringify(text),
      );
      assert.equal(joined(segments), text, 'the words are all kept');
    }
  });

  it('gives plain text alone for text without addresses, and nothing for empty text', () => {
    assert.deepEqual(segmentText('no links here'), [{ text: 'no links here' }]);
    assert.deepEqual(segmentText(''), []);
  });
});

describe('quoting the start of a message', () => {
  it('keeps a short text whole, with its spaces made single', () => {
    assert.equal(excerpt('hello\n\n  world'), 'hello world');
  });

  it('cuts a long text to the length with an ellipsis, without splitting an emoji', () => {
    const cut = excerpt('😀'.repeat(100), 10);
    assert.equal([...cut].length, 10);
    assert.equal(cut, `${'😀'.repeat(9)}…`);
  });
});
