import type { ImportProblem } from '../programme/programme-document.ts';

/** The text of an uploaded file, or why it is not a CSV file Convene can read. */
export type DecodedFile = { ok: true; text: string } | { ok: false; problem: ImportProblem };

// The first bytes of files people upload by mistake, to say what the file is instead.
const KNOWN_BINARIES: { magic: number[]; what: string }[] = [
  { magic: [0x50, 0x4b, 0x03, 0x04], what: 'a spreadsheet workbook (such as .xlsx or .ods)' },
  { magic: [0xd0, 0xcf, 0x11, 0xe0], what: 'an older Excel workbook (.xls)' },
  { magic: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
];

const SAVE_AS_CSV =
  'In your spreadsheet, choose “Save as” and the format “CSV UTF-8 (comma delimited)”, then upload that file.';

/**
 * Reads an uploaded file as UTF-8 text. A workbook, a PDF or any other binary file is named as
 * such, and text in another encoding (often Windows-1252 from older Excel) is refused rather
 * than read with its accented letters turned into question marks.
 */
export function decodeCsvFile(bytes: Uint8Array): DecodedFile {
  const known = KNOWN_BINARIES.find(({ magic }) => magic.every((byte, at) => bytes[at] === byte));
  if (known) return refused(`This is ${known.what}, not a CSV file. ${SAVE_AS_CSV}`);
  if (bytes.includes(0))
    return refused(`The file holds binary data, so it is not a CSV file. ${SAVE_AS_CSV}`);
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return refused(
      `The file is not in the UTF-8 text encoding, so names with accents would be garbled. ${SAVE_AS_CSV}`,
    );
  }
}

function refused(message: string): DecodedFile {
  return { ok: false, problem: { location: 'the file', message } };
}
