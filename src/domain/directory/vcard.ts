/**
 * vCard 4.0 (RFC 6350) for the people someone met: just the few properties the export needs,
 * written by hand because the format is simple text and only its escaping and line folding
 * need care.
 */

/** One person's card. Fields left null are not written. */
export interface VcardContact {
  fullName: string;
  /** ORG: the organization's name, then its unit (a government's country, then its team). */
  organization: { name: string; unit: string | null } | null;
  title: string | null;
  note: string | null;
  email: string | null;
}

/**
 * Escapes a text value (RFC 6350 section 3.4): backslash, comma and semicolon get a backslash,
 * a line break becomes "\n". Commas and semicolons separate list and structured values, so an
 * unescaped one in a team's name would split it.
 */
export function escapeVcardText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/,/g, '\\,')
    .replace(/;/g, '\\;')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const MAX_LINE_OCTETS = 75;

/**
 * Folds a content line longer than 75 octets (RFC 6350 section 3.2): a CRLF and one space
 * before each continuation, never splitting a multi-octet UTF-8 character.
 */
export function foldVcardLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = utf8Length(character);
    // Continuation lines start with a space, which counts towards their 75 octets.
    const limit = parts.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** How many octets a character takes in UTF-8. */
function utf8Length(character: string): number {
  const point = character.codePointAt(0) ?? 0;
  return point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
}

/** One card, each content line folded and ending in CRLF. */
export function writeVcard(contact: VcardContact): string {
  const lines = ['BEGIN:VCARD', 'VERSION:4.0', `FN:${escapeVcardText(contact.fullName)}`];
  if (contact.organization) {
    const { name, unit } = contact.organization;
    lines.push(`ORG:${escapeVcardText(name)}${unit ? `;${escapeVcardText(unit)}` : ''}`);
  }
  if (contact.title) lines.push(`TITLE:${escapeVcardText(contact.title)}`);
  if (contact.email) lines.push(`EMAIL:${escapeVcardText(contact.email)}`);
  if (contact.note) lines.push(`NOTE:${escapeVcardText(contact.note)}`);
  lines.push('END:VCARD');
  return lines.map((line) => `${foldVcardLine(line)}\r\n`).join('');
}

/** A file of cards, one per person. */
export function writeVcards(contacts: readonly VcardContact[]): string {
  return contacts.map(writeVcard).join('');
}
