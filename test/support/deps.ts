import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOutboxMailer } from '../../src/adapters/mail/nodemailer-mailer.ts';
import { createCryptoSecrets } from '../../src/adapters/security/crypto-secrets.ts';
import { createStore } from '../../src/adapters/db/store.ts';
import { createWinkThemeSuggester } from '../../src/adapters/nlp/wink-theme-suggester.ts';
import { NO_ROOM_SIGNAL, type UseCaseDeps } from '../../src/app/deps.ts';
import type { Mailer } from '../../src/app/ports.ts';
import { linksFor } from '../../src/main.ts';
import type { TestDatabase } from './databases.ts';
import { fixedClock, sequentialIds } from './fixed-clock.ts';

/** One suggester for every test app of a process: its language model loads once. */
const themes = createWinkThemeSuggester();

/** Use-case dependencies over a real test database; mail goes to a fresh outbox folder. */
export function buildTestDeps(
  database: TestDatabase,
  options: { now?: string; publicUrl?: string; mailer?: Mailer; idPrefix?: string } = {},
) {
  const clock = fixedClock(options.now ?? '2021-06-01T12:00:00Z');
  const outboxDir = mkdtempSync(join(tmpdir(), 'convene-outbox-'));
  const deps: UseCaseDeps = {
    store: createStore(database.connection.db),
    clock,
    ids: sequentialIds(options.idPrefix ?? `t${Math.random().toString(36).slice(2, 6)}`),
    secrets: createCryptoSecrets(),
    mailer:
      options.mailer ??
      createOutboxMailer(outboxDir, 'Convene <convene@test.example>', () => clock.now()),
    links: linksFor(options.publicUrl ?? 'http://localhost:3000'),
    rooms: NO_ROOM_SIGNAL,
    themes,
  };
  return { deps, clock, outboxDir, readOutbox: () => readOutbox(outboxDir) };
}

/** The messages in an outbox folder, oldest first, as raw .eml text. */
export function readOutbox(folder: string): { file: string; raw: string }[] {
  return readdirSync(folder)
    .filter((file) => file.endsWith('.eml'))
    .sort()
    .map((file) => ({ file, raw: readFileSync(join(folder, file), 'utf8') }));
}
