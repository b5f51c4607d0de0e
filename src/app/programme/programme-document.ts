/**
 * The shape of a programme import (docs/programme-import.md) and the vocabulary of its
 * outcome: problems named by where they are in the file, and counts of what changed.
 */

/** A government as written in an import file. */
export interface GovernmentEntry {
  code?: unknown;
  country?: unknown;
  team?: unknown;
}

/** A person as written in an import file; `government` is a government code. */
export interface PersonEntry {
  name?: unknown;
  email?: unknown;
  government?: unknown;
  role?: unknown;
  maturity?: unknown;
  timeZone?: unknown;
}

/**
 * An edition as written in an import file. With only `slug` (and the lists), it names an
 * edition that already exists and adds to it without changing its details.
 */
export interface EditionEntry {
  slug?: unknown;
  name?: unknown;
  year?: unknown;
  hosts?: unknown;
  homeTimeZone?: unknown;
  startDate?: unknown;
  endDate?: unknown;
  format?: unknown;
  location?: unknown;
  status?: unknown;
  daytimeStartHour?: unknown;
  daytimeEndHour?: unknown;
  themes?: Record<string, unknown>[];
  days?: Record<string, unknown>[];
  sessions?: Record<string, unknown>[];
  invitees?: unknown;
}

/** A whole import: every part is optional. */
export interface ProgrammeDocument {
  governments?: GovernmentEntry[];
  people?: PersonEntry[];
  editions?: EditionEntry[];
}

/** The details of an edition itself, as opposed to its contents; compared on re-import. */
export const EDITION_DETAIL_KEYS = [
  'slug',
  'name',
  'year',
  'hosts',
  'homeTimeZone',
  'startDate',
  'endDate',
  'format',
  'location',
  'status',
  'daytimeStartHour',
  'daytimeEndHour',
] as const;

/** The keys each kind of entry may have; anything else is reported, as it is most likely a typo. */
export const DOCUMENT_KEYS = {
  document: ['governments', 'people', 'editions'],
  government: ['code', 'country', 'team'],
  person: ['name', 'email', 'government', 'role', 'maturity', 'timeZone'],
  edition: [...EDITION_DETAIL_KEYS, 'themes', 'days', 'sessions', 'invitees'],
  theme: ['name', 'description'],
  day: ['date', 'themeLabel', 'guidingQuestion'],
  session: [
    'title',
    'format',
    'date',
    'startTime',
    'endTime',
    'description',
    'videoUrl',
    'speakers',
    'moderators',
    'themes',
  ],
} as const;

/** The keys of an edition that only list what it holds; an entry with nothing else refers to a stored edition. */
export const EDITION_CONTENT_KEYS = ['slug', 'themes', 'days', 'sessions', 'invitees'] as const;

/** The way to a value in a document: keys and list positions, such as ["editions", 0, "slug"]. */
export type ImportPath = readonly (string | number)[];

/** Turns a path into the words a problem is reported with ("row 4, column start_time" for CSV). */
export type LocateInFile = (path: ImportPath) => string;

/** Something wrong in an import file, and where. */
export interface ImportProblem {
  /** Where in the file: a JSON path such as editions[0].sessions[3].startTime, or a CSV row and column. */
  location: string;
  /** Plain-language message that names what is wrong and what to do. */
  message: string;
}

/** The kinds of record an import creates or updates, in the order they are written. */
export const IMPORT_KINDS = [
  'governments',
  'people',
  'editions',
  'themes',
  'days',
  'sessions',
  'invitees',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** How many records of one kind the import created, changed, or found already as the file says. */
export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** What an import did (or, in a dry run, would do). */
export type ImportSummary = Record<ImportKind, ImportCounts>;

/** The outcome of an import: what changed, or every problem found (and nothing written). */
export type ImportResult =
  { ok: true; summary: ImportSummary; dryRun: boolean } | { ok: false; problems: ImportProblem[] };

/** Formats a path the way JSON tools do: editions[0].sessions[3].startTime. */
export function formatJsonPath(path: ImportPath): string {
  if (path.length === 0) return 'the file';
  return path
    .map((step, index) =>
      typeof step === 'number' ? `[${step}]` : index === 0 ? step : `.${step}`,
    )
    .join('');
}

/** One line per kind, such as "sessions: 3 created, 1 updated, 4 unchanged", for people and logs. */
export function describeSummary(summary: ImportSummary): string[] {
  return IMPORT_KINDS.map((kind) => {
    const { created, updated, unchanged } = summary[kind];
    return `${kind}: ${created} created, ${updated} updated, ${unchanged} unchanged`;
  });
}
