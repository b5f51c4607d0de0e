import { decodeCsvFile } from '../csv/decode-csv-file.ts';
import { readCsvTable, type CsvColumnSpec, type CsvRow } from '../csv/read-csv-table.ts';
import type { ImportProblem } from '../programme/programme-document.ts';

/** The largest invitee file Convene reads: 2 MB holds well over 5,000 rows. */
export const MAX_INVITEE_FILE_BYTES = 2 * 1024 * 1024;

/** The most invitees one file may hold; more is split into several files. */
export const MAX_INVITEE_ROWS = 5000;

/** The columns of an invitee file, in the order of docs/invitees-import.md. */
export const INVITEE_CSV_COLUMNS: readonly CsvColumnSpec[] = [
  { column: 'name', required: true },
  { column: 'email', required: true },
  { column: 'government', required: false },
  { column: 'country', required: false },
  { column: 'team', required: false },
  { column: 'role', required: true },
  { column: 'team_maturity', required: true },
  { column: 'time_zone', required: true },
];

/** An invitee file as uploaded (bytes) or pasted (text). */
export type InviteeFile = string | Uint8Array;

/** The rows of an invitee file and its text (for the confirm step to send back), or why it cannot be read. */
export type InviteeFileResult =
  | { ok: true; text: string; rows: CsvRow[]; problems: ImportProblem[] }
  | { ok: false; problems: ImportProblem[] };

/**
 * Reads an invitee file: UTF-8 text of at most 2 MB, a header naming known columns, at most
 * 5,000 rows. Line breaks are made LF first, so that the text a browser sends back on confirm
 * (which turns every line break into CRLF) reads exactly as the text that was previewed.
 */
export function readInviteeFile(file: InviteeFile): InviteeFileResult {
  const size = typeof file === 'string' ? Buffer.byteLength(file, 'utf8') : file.byteLength;
  if (size > MAX_INVITEE_FILE_BYTES) {
    return {
      ok: false,
      problems: [
        {
          location: 'the file',
          message: `The file is larger than 2 MB, the most Convene reads at once. Split it into smaller files of up to ${MAX_INVITEE_ROWS.toLocaleString('en-GB')} invitees.`,
        },
      ],
    };
  }
  let text: string;
  if (typeof file === 'string') {
    text = file;
  } else {
    const decoded = decodeCsvFile(file);
    if (!decoded.ok) return { ok: false, problems: [decoded.problem] };
    text = decoded.text;
  }
  text = text.replace(/\r\n?/g, '\n');
  const table = readCsvTable(text, INVITEE_CSV_COLUMNS, {
    rowsAre: 'invitees',
    maxRows: MAX_INVITEE_ROWS,
  });
  if (!table.ok) return table;
  return { ok: true, text, rows: table.rows, problems: table.problems };
}
