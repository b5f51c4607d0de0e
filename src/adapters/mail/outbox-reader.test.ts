import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { createOutboxMailer } from './nodemailer-mailer.ts';
import { createOutboxReader } from './outbox-reader.ts';

const root = mkdtempSync(join(tmpdir(), 'convene-outbox-reader-'));
const folder = join(root, 'outbox');
after(() => rmSync(root, { recursive: true, force: true }));

const LONG_TEXT = [
  'Hello Tõnu Ääremaa,',
  '',
  `You are invited to the Digital Services Convening – ${'a line long enough to be wrapped by the encoder '.repeat(4)}end.`,
  '',
  'https://convene.example.org/invitations/AbC_123-xyz',
].join('\n');

describe('reading the development outbox', () => {
  it('reads back what the outbox mailer wrote: recipient, subject and text, accents included', async () => {
    const mailer = createOutboxMailer(folder, 'Convene <convene@test.example>');
    await mailer.send({
      to: { name: 'Tõnu Ääremaa', email: 'tonu@ee.example' },
      subject: 'Your invitation to the Digital Services Convening – 2021',
      text: LONG_TEXT,
      replyTo: { name: 'Ana Lima', email: 'ana@example.org' },
    });
    await mailer.send({
      to: { name: 'Plain', email: 'plain@example.org' },
      subject: 'Hi',
      text: 'Short.',
    });
    const reader = createOutboxReader(folder);
    const list = await reader.list();
    assert.equal(list.length, 2);
    const first = list.find((entry) => entry.to.includes('tonu@ee.example'))!;
    const message = await reader.read(first.file);
    assert.ok(message);
    const expected = await simpleParser(
      (await import('node:fs')).readFileSync(join(folder, first.file), 'utf8'),
    );
    assert.equal(message.subject, expected.subject);
    assert.equal(message.text, expected.text?.replace(/\n$/, ''));
    assert.equal(message.text, LONG_TEXT);
    assert.match(message.to, /Tõnu Ääremaa/);
    assert.ok(
      message.headers.some((h) => h.name === 'Reply-To' && h.value.includes('ana@example.org')),
    );
    assert.ok(message.date, 'the Date header is read');
  });

  it('opens only files that the folder lists as messages', async () => {
    mkdirSync(join(root, 'elsewhere'), { recursive: true });
    writeFileSync(join(root, 'elsewhere', 'secret.eml'), 'Subject: secret\n\nsecret text');
    writeFileSync(join(root, 'secret.eml'), 'Subject: secret\n\nsecret text');
    writeFileSync(join(folder, 'notes.txt'), 'not a message');
    const reader = createOutboxReader(folder);
    for (const name of [
      '../secret.eml',
      '../elsewhere/secret.eml',
      '..\\secret.eml',
      '/etc/passwd',
      'notes.txt',
      'missing.eml',
      '',
    ]) {
      assert.equal(await reader.read(name), null, name);
    }
  });

  it('shows an empty list before any mail was written', async () => {
    assert.deepEqual(await createOutboxReader(join(root, 'never-created')).list(), []);
  });
});
