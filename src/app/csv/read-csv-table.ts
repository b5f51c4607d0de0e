import { CsvError, parse as parseCsv } from 'csv-parse/sync';
import type { ImportProblem } from '../programme/programme-document.ts';

/**
 * Reads a CSV file whose first row names its columns, for every import that takes one (the
 * sessions of a programme, the invitees of an edition). It checks what any such file can get
 * wrong, so that each import only checks its own values, and it names places the same way
 * everywhere: "row N, column name", N being the line of the file where the row starts (the
 * header is row 1), counting blank lines and new lines inside quoted values.
 */

/** A column an import reads. */
export interface CsvColumnSpec {
  /** The name in the header, after normalising ("Start time" and "start-time" become start_time). */
  column: string;
  required: boolean;
}

/** A row of values, by column name, and the line of the file it starts on. */
export interface CsvRow {
  line: number;
  values: ReadonlyMap<string, string>;
}

/**
 * The rows of a file, with the columns its header names in their order and the problems of rows
 * that had to be left out (the wrong number of values); or, when the file cannot be read as a
 * table at all, why.
 */
export type CsvTableResult<C extends CsvColumnSpec> =
  | { ok: true; columns: C[]; rows: CsvRow[]; problems: ImportProblem[] }
  | { ok: false; problems: ImportProblem[] };

/** What a reading may refuse beyond the file's shape. */
export interface CsvTableOptions {
  /** The most rows of values a file may hold; more is one problem, and no row is checked. */
  maxRows?: number;
  /** What one row stands for, in the plural ("sessions", "invitees"), for messages. */
  rowsAre: string;
}

/** Normalises a header cell so that "Start time" and "start_time" name the same column. */
export function columnName(cell: string): string {
  return cell
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** Drops the byte order mark some spreadsheets write at the start of a UTF-8 file. */
export function withoutByteOrderMark(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

const SEPARATORS: [string, string][] = [
  [';', 'semicolons (;)'],
  ['\t', 'tabs'],
  ['|', 'vertical bars (|)'],
];

/** Reads the table; see the file's comment for what is checked and how places are named. */
export function readCsvTable<C extends CsvColumnSpec>(
  text: string,
  specs: readonly C[],
  options: CsvTableOptions,
): CsvTableResult<C> {
  const source = withoutByteOrderMark(text);
  if (source.includes('\u0000')) {
    return failure(
      'the file',
      'The file holds binary data, so it is not a CSV file. In your spreadsheet, choose “Save as” and the format “CSV UTF-8 (comma delimited)”.',
    );
  }
  if (source.trim() === '') {
    return failure(
      'row 1',
      `The file is empty. Its first row names the columns (${specs.map((spec) => spec.column).join(', ')}), then one row per ${singular(options.rowsAre)}.`,
    );
  }
  const lineAt = lineFinder(Buffer.from(source, 'utf8'));
  const ends: number[] = [];
  let records: string[][];
  try {
    records = parseCsv(source, {
      relax_column_count: true,
      on_record: (record: string[], context) => {
        ends.push(context.bytes);
        return record;
      },
    }) as string[][];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // The failing row starts where the last row read ended.
    return failure(`row ${lineAt(ends.at(-1) ?? 0)}`, unreadableMessage(error));
  }
  const rowLine = (index: number) => lineAt(index === 0 ? 0 : (ends[index - 1] ?? 0));

  const rawHeader = records[0] ?? [];
  const separator = rawHeader.length === 1 ? wrongSeparator(rawHeader[0] ?? '') : null;
  if (separator) {
    return failure(
      'row 1',
      `The values are separated by ${separator}, but Convene reads commas. In your spreadsheet, choose “Save as” and the format “CSV UTF-8 (comma delimited)”.`,
    );
  }
  const header = rawHeader.map(columnName);
  const problems: ImportProblem[] = [];
  const columns = readHeader(header, specs, problems);
  if (problems.length > 0) return { ok: false, problems };

  const filled = records
    .map((cells, index) => ({ cells, line: rowLine(index) }))
    .slice(1)
    .filter(({ cells }) => cells.some((cell) => cell.trim() !== ''));
  if (filled.length === 0) {
    return failure(
      'row 2',
      `The file has no ${options.rowsAre}: add one row per ${singular(options.rowsAre)} under the header.`,
    );
  }
  if (options.maxRows !== undefined && filled.length > options.maxRows) {
    return failure(
      'the file',
      `The file has ${filled.length.toLocaleString('en-GB')} rows of ${options.rowsAre}; Convene reads up to ${options.maxRows.toLocaleString('en-GB')} at a time. Split it into smaller files.`,
    );
  }

  const rows: CsvRow[] = [];
  for (const { cells, line } of filled) {
    if (cells.length !== header.length) {
      problems.push({
        location: `row ${line}`,
        message: `This row has ${cells.length} values but the header names ${header.length} columns. Put values that hold a comma in double quotes.`,
      });
      continue;
    }
    rows.push({
      line,
      values: new Map(
        columns.map((column) => [column.column, cells[header.indexOf(column.column)] ?? '']),
      ),
    });
  }
  return { ok: true, columns, rows, problems };
}

function failure(location: string, message: string): { ok: false; problems: ImportProblem[] } {
  return { ok: false, problems: [{ location, message }] };
}

function singular(plural: string): string {
  return plural.replace(/s$/, '');
}

/** Says which other separator a one-column header was written with, if any. */
function wrongSeparator(cell: string): string | null {
  return SEPARATORS.find(([separator]) => cell.includes(separator))?.[1] ?? null;
}

/** What csv-parse found, in words that say how to fix it. */
function unreadableMessage(error: CsvError): string {
  const explanations: Record<string, string> = {
    CSV_QUOTE_NOT_CLOSED:
      'a value starts with a double quote (") that is never closed. End the value with a double quote, and write a double quote inside a value as two ("").',
    INVALID_OPENING_QUOTE:
      'a double quote (") appears in the middle of a value. Put the whole value in double quotes and write the quote inside it as two (""), or remove it.',
    CSV_INVALID_CLOSING_QUOTE:
      'a value in double quotes is followed by other characters before the next comma. Put the whole value in double quotes, and write a double quote inside it as two ("").',
  };
  return `The file cannot be read as CSV: ${explanations[error.code] ?? error.message}`;
}

/** The columns in the order of the header; unknown, repeated and missing columns are problems. */
function readHeader<C extends CsvColumnSpec>(
  header: string[],
  specs: readonly C[],
  problems: ImportProblem[],
): C[] {
  const columns: C[] = [];
  const known = specs.map((spec) => spec.column);
  header.forEach((name, position) => {
    const column = specs.find((candidate) => candidate.column === name);
    if (name === '') {
      problems.push({
        location: `row 1, column ${position + 1}`,
        message: 'This column has no name. Name it, or remove it.',
      });
    } else if (!column) {
      problems.push({
        location: `row 1, column ${name}`,
        message: `There is no column "${name}". The columns are: ${known.join(', ')}.`,
      });
    } else if (header.indexOf(name) !== position) {
      problems.push({
        location: `row 1, column ${name}`,
        message: `The column ${name} appears more than once. Keep one.`,
      });
    } else {
      columns.push(column);
    }
  });
  const required = specs.filter((spec) => spec.required).map((spec) => spec.column);
  for (const column of required) {
    if (!header.includes(column)) {
      problems.push({
        location: 'row 1',
        message: `The column ${column} is missing. Every file needs: ${required.join(', ')}.`,
      });
    }
  }
  return columns;
}

/** Answers the line (from 1) at a byte offset of the file; CRLF, LF and CR all end a line. */
function lineFinder(bytes: Buffer): (offset: number) => number {
  const breaks: number[] = [];
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index];
    if (byte === 0x0a || (byte === 0x0d && bytes[index + 1] !== 0x0a)) breaks.push(index);
  }
  return (offset) => {
    let low = 0;
    let high = breaks.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((breaks[middle] ?? Infinity) < offset) low = middle + 1;
      else high = middle;
    }
    return low + 1;
  };
}
