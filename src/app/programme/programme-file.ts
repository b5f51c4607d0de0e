import { readCsvTable, withoutByteOrderMark, type CsvColumnSpec } from '../csv/read-csv-table.ts';
import {
  formatJsonPath,
  type ImportPath,
  type ImportProblem,
  type LocateInFile,
  type ProgrammeDocument,
} from './programme-document.ts';

/** The file formats a programme can be imported from. */
export type ProgrammeFileFormat = 'json' | 'csv';

/**
 * What a file was read into: a document to import, how to name places in the file, and the
 * problems of parts that had to be left out (rows of the wrong length); or, when the file
 * cannot be read at all, why.
 */
export type ProgrammeFileResult =
  | { ok: true; document: unknown; locate: LocateInFile; problems: ImportProblem[] }
  | { ok: false; problems: ImportProblem[] };

/** A column of the sessions CSV, and the key of the document it fills. */
interface CsvColumn extends CsvColumnSpec {
  key: string;
  part: 'session' | 'day' | 'both';
}

/** The columns of a sessions CSV file, in the order of docs/programme-import.md. */
export const SESSION_CSV_COLUMNS: readonly CsvColumn[] = [
  { column: 'date', key: 'date', part: 'both', required: true },
  { column: 'day_theme', key: 'themeLabel', part: 'day', required: false },
  { column: 'guiding_question', key: 'guidingQuestion', part: 'day', required: false },
  { column: 'title', key: 'title', part: 'session', required: true },
  { column: 'format', key: 'format', part: 'session', required: true },
  { column: 'start_time', key: 'startTime', part: 'session', required: true },
  { column: 'end_time', key: 'endTime', part: 'session', required: true },
  { column: 'description', key: 'description', part: 'session', required: false },
  { column: 'video_url', key: 'videoUrl', part: 'session', required: false },
  { column: 'speakers', key: 'speakers', part: 'session', required: false },
  { column: 'moderators', key: 'moderators', part: 'session', required: false },
  { column: 'themes', key: 'themes', part: 'session', required: false },
];

/** Tells the format from the file name's extension, or null when it is neither .json nor .csv. */
export function programmeFileFormat(fileName: string): ProgrammeFileFormat | null {
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return extension === 'json' || extension === 'csv' ? extension : null;
}

/**
 * Reads the text of an import file. A JSON file is a whole document; a CSV file holds the
 * sessions (and days) of one edition that already exists, named by `editionSlug`.
 */
export function parseProgrammeFile(
  text: string,
  options: { format: ProgrammeFileFormat; editionSlug?: string | null },
): ProgrammeFileResult {
  const slug = options.editionSlug?.trim() ?? '';
  if (options.format === 'json') {
    if (slug) {
      return failure(
        '--edition',
        'A JSON file names its editions itself: leave out --edition, which is for CSV files.',
      );
    }
    return parseProgrammeJson(text);
  }
  if (!slug) {
    return failure(
      '--edition',
      'A CSV file holds the sessions of one edition: name it with --edition, such as --edition dsc-2021.',
    );
  }
  return parseSessionsCsv(text, slug);
}

function failure(location: string, message: string): ProgrammeFileResult {
  return { ok: false, problems: [{ location, message }] };
}

/** Parses a JSON document; a syntax error is reported at its line and column. */
export function parseProgrammeJson(text: string): ProgrammeFileResult {
  const source = withoutByteOrderMark(text);
  try {
    return {
      ok: true,
      document: JSON.parse(source) as unknown,
      locate: formatJsonPath,
      problems: [],
    };
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const position = jsonErrorPosition(source, error.message);
    const reason = error.message
      .replace(/, .*is not valid JSON$/s, '')
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/ \(line \d+ column \d+\)$/, '');
    return failure(
      position ? `line ${position.line}, column ${position.column}` : 'the file',
      `The file is not valid JSON: ${reason}.`,
    );
  }
}

/** Where JSON.parse stopped, from its message (the wording differs between Node versions). */
function jsonErrorPosition(
  source: string,
  message: string,
): { line: number; column: number } | null {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const offset = /at position (\d+)/.exec(message);
  if (offset) return lineAndColumn(source, Number(offset[1]));
  if (message.includes('Unexpected end of JSON input')) return lineAndColumn(source, source.length);
  const bad = firstBadToken(source);
  return bad === null ? null : lineAndColumn(source, bad);
}

function lineAndColumn(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** The first character outside strings that cannot start JSON (a quote mark ', a comment, NaN). */
function firstBadToken(source: string): number | null {
  let index = 0;
  while (index < source.length) {
    const char = source.charAt(index);
    if (char === '"') {
      index += 1;
      while (index < source.length && source.charAt(index) !== '"')
        index += source.charAt(index) === '\\' ? 2 : 1;
      index += 1;
    } else if (/[a-zA-Z]/.test(char)) {
      const word = /^[a-zA-Z]+/.exec(source.slice(index))?.[0] ?? char;
      const isExponent = /^[eE]$/.test(word) && /[\d.]/.test(source.charAt(index - 1));
      if (!['true', 'false', 'null'].includes(word) && !isExponent) return index;
      index += word.length;
    } else if (/[\s{}[\]:,\d.+-]/.test(char)) {
      index += 1;
    } else {
      return index;
    }
  }
  return null;
}

/**
 * Parses a sessions CSV into a document that adds to the edition `editionSlug`. Problems are
 * named "row N, column name", N being the line of the file where the row starts (the header is row 1).
 */
export function parseSessionsCsv(text: string, editionSlug: string): ProgrammeFileResult {
  const table = readCsvTable(text, SESSION_CSV_COLUMNS, { rowsAre: 'sessions' });
  if (!table.ok) return table;

  const sessions: Record<string, unknown>[] = [];
  const days: Record<string, unknown>[] = [];
  const sessionRows: number[] = [];
  const dayRows: number[] = [];
  for (const row of table.rows) {
    const session: Record<string, unknown> = {};
    const day: Record<string, unknown> = {};
    for (const column of table.columns) {
      const value = row.values.get(column.column) ?? '';
      if (column.part !== 'day')
        session[column.key] = column.key === 'themes' ? splitThemes(value) : value;
      if (column.part !== 'session') day[column.key] = value;
    }
    sessions.push(session);
    sessionRows.push(row.line);
    if (textOf(day.themeLabel) || textOf(day.guidingQuestion)) {
      days.push(day);
      dayRows.push(row.line);
    }
  }

  const document: ProgrammeDocument = { editions: [{ slug: editionSlug, days, sessions }] };
  const locate: LocateInFile = (path: ImportPath) => {
    const [, , part, index, key] = path;
    if (path.length <= 3 && (part === undefined || part === 'slug'))
      return `--edition ${editionSlug}`;
    const rows = part === 'sessions' ? sessionRows : part === 'days' ? dayRows : null;
    const row = typeof index === 'number' ? rows?.[index] : undefined;
    if (row === undefined) return formatJsonPath(path);
    const column = SESSION_CSV_COLUMNS.find(
      (candidate) =>
        candidate.key === key && candidate.part !== (part === 'sessions' ? 'day' : 'session'),
    );
    return column ? `row ${row}, column ${column.column}` : `row ${row}`;
  };
  return { ok: true, document, locate, problems: table.problems };
}

/** Theme names may hold commas, so in a CSV cell they are separated by semicolons only. */
function splitThemes(value: string): string[] {
  return value
    .split(/[;\n]/)
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
