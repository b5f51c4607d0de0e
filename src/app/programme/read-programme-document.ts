import { DOCUMENT_KEYS, type ImportPath } from './programme-document.ts';
import { isRecord, type Entry, type ProblemList } from './import-plan.ts';

/** The kinds of entry a document holds. */
type EntryKind = Exclude<keyof typeof DOCUMENT_KEYS, 'document'>;

const LABELS: Record<EntryKind, { one: string; many: string }> = {
  government: { one: 'a government', many: 'governments' },
  person: { one: 'a person', many: 'people' },
  edition: { one: 'an edition', many: 'editions' },
  theme: { one: 'a theme', many: 'themes' },
  day: { one: 'a day', many: 'days' },
  session: { one: 'a session', many: 'sessions' },
};

/** Keys whose value is a list of text values (or one text with values separated by new lines). */
const LIST_KEYS: Partial<Record<EntryKind, readonly string[]>> = {
  edition: ['hosts', 'invitees'],
  session: ['speakers', 'moderators', 'themes'],
};

/** Keys whose value is a list of entries, read on their own. */
const NESTED_KEYS: Partial<Record<EntryKind, readonly string[]>> = {
  edition: ['themes', 'days', 'sessions'],
};

/** An edition entry with the entries it holds. */
export interface EditionEntries {
  edition: Entry;
  themes: Entry[];
  days: Entry[];
  sessions: Entry[];
}

/** The entries of a document, checked for shape: lists where lists belong, known keys only. */
export interface DocumentEntries {
  governments: Entry[];
  people: Entry[];
  editions: EditionEntries[];
}

function isScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** Reads a document's entries, reporting every part whose shape is wrong. */
export function readProgrammeDocument(document: unknown, problems: ProblemList): DocumentEntries {
  const entries: DocumentEntries = { governments: [], people: [], editions: [] };
  if (!isRecord(document)) {
    problems.add([], 'The file must hold one object with "governments", "people" and "editions".');
    return entries;
  }
  for (const key of Object.keys(document)) {
    if (!(DOCUMENT_KEYS.document as readonly string[]).includes(key)) {
      problems.add(
        [key],
        `Unknown key "${key}". The file may hold: ${DOCUMENT_KEYS.document.join(', ')}.`,
      );
    }
  }
  entries.governments = readEntries(document.governments, ['governments'], 'government', problems);
  entries.people = readEntries(document.people, ['people'], 'person', problems);
  entries.editions = readEntries(document.editions, ['editions'], 'edition', problems).map(
    (edition) => ({
      edition,
      themes: readEntries(edition.raw.themes, [...edition.path, 'themes'], 'theme', problems),
      days: readEntries(edition.raw.days, [...edition.path, 'days'], 'day', problems),
      sessions: readEntries(
        edition.raw.sessions,
        [...edition.path, 'sessions'],
        'session',
        problems,
      ),
    }),
  );
  if (
    entries.governments.length + entries.people.length + entries.editions.length === 0 &&
    problems.isEmpty
  ) {
    problems.add([], 'The file holds no governments, people or editions to import.');
  }
  return entries;
}

function readEntries(
  value: unknown,
  path: ImportPath,
  kind: EntryKind,
  problems: ProblemList,
): Entry[] {
  if (value === undefined || value === null) return [];
  const label = LABELS[kind];
  if (!Array.isArray(value)) {
    problems.add(path, `Give ${label.many} as a list in square brackets: [ ... ].`);
    return [];
  }
  const entries: Entry[] = [];
  value.forEach((item: unknown, index) => {
    const itemPath = [...path, index];
    if (!isRecord(item)) {
      problems.add(
        itemPath,
        `Give ${label.one.replace(/^an? /, 'each ')} as an object in curly brackets: { ... }.`,
      );
      return;
    }
    entries.push(readEntry(item, itemPath, kind, problems));
  });
  return entries;
}

function readEntry(
  item: Record<string, unknown>,
  path: ImportPath,
  kind: EntryKind,
  problems: ProblemList,
): Entry {
  const allowed: readonly string[] = DOCUMENT_KEYS[kind];
  const lists = LIST_KEYS[kind] ?? [];
  const nested = NESTED_KEYS[kind] ?? [];
  const badKeys = new Set<string>();
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    if (!allowed.includes(key)) {
      problems.add(
        [...path, key],
        `Unknown key "${key}" in ${LABELS[kind].one}. Use: ${allowed.join(', ')}.`,
      );
      continue;
    }
    raw[key] = value;
    if (nested.includes(key)) continue;
    const isWellFormed = lists.includes(key)
      ? typeof value === 'string' ||
        (Array.isArray(value) && value.every((part) => isScalar(part) && part !== null))
      : isScalar(value);
    if (!isWellFormed) {
      badKeys.add(key);
      delete raw[key];
      problems.add(
        [...path, key],
        lists.includes(key)
          ? `Give ${key} as a list of text values, such as ["first", "second"].`
          : `Give ${key} as one value (text or a number), not a list or an object.`,
      );
    }
  }
  return { raw, path, badKeys };
}
