/**
 * Writes CSV files for people to open in a spreadsheet (RFC 4180), with no library: the rules
 * are few, and the one that matters most for safety is ours to keep (see `neutraliseFormula`).
 */

// A spreadsheet runs a cell that starts with one of these as a formula, which a name or an
// answer typed by an invitee must never become (OWASP "CSV injection").
const FORMULA_STARTS = ['=', '+', '-', '@', '\t', '\r'];

/** Prefixes an apostrophe to a value a spreadsheet would run as a formula, so it shows as text. */
export function neutraliseFormula(value: string): string {
  return FORMULA_STARTS.some((start) => value.startsWith(start)) ? `'${value}` : value;
}

/** One cell: formulas neutralised, then quoted when it holds a comma, a quote or a line break. */
export function csvCell(value: string): string {
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * A whole file: a header row, then the rows, each line ending in CRLF as RFC 4180 says. It
 * starts with a byte order mark, without which Excel reads UTF-8 names (Tõnis, Nguyễn) wrongly.
 */
export function writeCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return `\uFEFF${[header, ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('')}`;
}
