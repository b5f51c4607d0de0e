import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OutboxEntry, OutboxReader } from '../../app/ports.ts';

/** The names the outbox mailer gives its files; nothing else is ever opened. */
const MESSAGE_FILE = /^[A-Za-z0-9@._-]+\.eml$/;

/** How many messages the list shows, newest first. */
const LIST_LIMIT = 200;

function decodeBytes(bytes: Uint8Array, charset: string): string {
  try {
    return new TextDecoder(charset || 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** Quoted-printable (RFC 2045): "=C3=A9" is one byte each, "=" at a line's end joins lines. */
function decodeQuotedPrintable(text: string, charset: string, underscoreIsSpace = false): string {
  const source = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    const hex = source.slice(i + 1, i + 3);
    if (char === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (char === '_' && underscoreIsSpace) {
      bytes.push(0x20);
    } else {
      bytes.push(...Buffer.from(char, 'utf8'));
    }
  }
  return decodeBytes(Uint8Array.from(bytes), charset);
}

/** Encoded words in headers (RFC 2047), such as "=?UTF-8?Q?T=C3=B5nu?=". */
function decodeHeaderValue(value: string): string {
  return value
    .replace(/(\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_match, charset: string, encoding, text) =>
      String(encoding).toUpperCase() === 'B'
        ? decodeBytes(Buffer.from(String(text), 'base64'), charset)
        : decodeQuotedPrintable(String(text), charset, true),
    );
}

/** Splits a message into its headers (unfolded and decoded) and its plain text. */
export function parseMessage(raw: string): {
  headers: { name: string; value: string }[];
  text: string;
} {
  const source = raw.replace(/\r\n/g, '\n');
  const end = source.indexOf('\n\n');
  const head = end === -1 ? source : source.slice(0, end);
  const body = end === -1 ? '' : source.slice(end + 2);
  const headers = head
    .replace(/\n[ \t]+/g, ' ')
    .split('\n')
    .flatMap((line) => {
      const colon = line.indexOf(':');
      if (colon <= 0) return [];
      return [
        {
          name: line.slice(0, colon).trim(),
          value: decodeHeaderValue(line.slice(colon + 1).trim()),
        },
      ];
    });
  const header = (name: string) =>
    headers.find((h) => h.name.toLowerCase() === name)?.value.toLowerCase() ?? '';
  const charset = /charset="?([^";\s]+)"?/.exec(header('content-type'))?.[1] ?? 'utf-8';
  const encoding = header('content-transfer-encoding');
  const text =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body, charset)
      : encoding === 'base64'
        ? decodeBytes(Buffer.from(body.replace(/\s+/g, ''), 'base64'), charset)
        : body;
  return { headers, text: text.replace(/\n$/, '') };
}

function toEntry(file: string, headers: { name: string; value: string }[]): OutboxEntry {
  const value = (name: string) => headers.find((h) => h.name.toLowerCase() === name)?.value ?? '';
  const date = new Date(value('date'));
  return {
    file,
    to: value('to'),
    subject: value('subject'),
    date: Number.isNaN(date.getTime()) ? null : date.toISOString(),
  };
}

/**
 * Reads the development outbox folder that the outbox mailer writes. Only files the folder
 * lists under a message's name are opened, so no name (such as "../secret") reaches outside it.
 */
export function createOutboxReader(folder: string): OutboxReader {
  const listFiles = async (): Promise<string[]> => {
    try {
      return (await readdir(folder)).filter((name) => MESSAGE_FILE.test(name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  };
  return {
    async list() {
      const files = (await listFiles()).sort().reverse().slice(0, LIST_LIMIT);
      return Promise.all(
        files.map(async (file) =>
          toEntry(file, parseMessage(await readFile(join(folder, file), 'utf8')).headers),
        ),
      );
    },
    async read(file) {
      if (!MESSAGE_FILE.test(file) || !(await listFiles()).includes(file)) return null;
      const { headers, text } = parseMessage(await readFile(join(folder, file), 'utf8'));
      return { ...toEntry(file, headers), headers, text };
    },
  };
}
