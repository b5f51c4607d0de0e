/**
 * Notes taken during the convening and kept for the write-ups: what a breakout room (or a
 * session) talked about, in sections that guide the writer. The text is Markdown source;
 * it is stored as written and rendered (sanitized) only when shown.
 */
import { accepted, rejected, type Checked, type FieldError } from '../shared/result.ts';

/** The sections of a set of notes, in the order a writer fills them in. */
export const NOTE_SECTIONS = [
  {
    key: 'keyPoints',
    label: 'Key points',
    hint: 'What the conversation was about, in a few lines.',
  },
  {
    key: 'struggles',
    label: 'Struggles shared',
    hint: 'What teams said they are finding hard.',
  },
  {
    key: 'ideas',
    label: 'Ideas',
    hint: 'What someone tried, or suggested others try.',
  },
  {
    key: 'takeaways',
    label: 'Takeaways',
    hint: 'What people said they will take back to their team.',
  },
  {
    key: 'quotes',
    label: 'Quotes cleared for attribution',
    hint: 'Only words the speaker agreed to have quoted with their name.',
  },
] as const;

export type NoteSectionKey = (typeof NOTE_SECTIONS)[number]['key'];
export type NoteSections = Record<NoteSectionKey, string>;

/** How long each section may be, in characters: a long page, not a transcript. */
export const NOTE_SECTION_LIMIT = 20_000;

/** A set of notes as stored: its sections, and the version each save moves on by one. */
export interface Notes {
  id: string;
  /** About a breakout room, or about a session as a whole. */
  kind: 'breakout-room' | 'session';
  editionId: string;
  sessionId: string;
  /** The breakout room they are about; null once that room was dissolved by a re-plan. */
  breakoutRoomId: string | null;
  /** The room's name when they were written ('' for notes about the session itself). */
  roomName: string;
  sections: NoteSections;
  /** 1 after the first save, then one more for each save. */
  version: number;
  updatedBy: string | null;
  updatedAt: string;
}

/** Notes with nothing written yet. */
export function emptySections(): NoteSections {
  return { keyPoints: '', struggles: '', ideas: '', takeaways: '', quotes: '' };
}

/** Whether nothing is written in any section. */
export function isBlank(sections: NoteSections): boolean {
  return NOTE_SECTIONS.every(({ key }) => sections[key].trim() === '');
}

// Control characters other than line breaks and tabs, and bidirectional overrides.
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

/** What a writer sent: each section's text and the version they started from. */
export interface NotesInput {
  sections: Partial<Record<NoteSectionKey, unknown>>;
  baseVersion: unknown;
}

/**
 * Checks notes as sent from a form or the API: each section plain text within its limit and
 * free of control characters (line endings made uniform, trailing spaces kept as written),
 * and the version the writer started from, a whole number (0 for notes not yet saved).
 */
export function checkNotes(
  input: NotesInput,
): Checked<{ sections: NoteSections; baseVersion: number }> {
  const errors: FieldError[] = [];
  const sections = emptySections();
  for (const { key, label } of NOTE_SECTIONS) {
    const raw = input.sections[key];
    if (raw !== undefined && raw !== null && typeof raw !== 'string') {
      errors.push({ field: key, message: `${label} must be plain text.` });
      continue;
    }
    const text = (raw ?? '').replace(/\r\n?/g, '\n').replace(/\s+$/, '');
    const length = [...text].length;
    if (length > NOTE_SECTION_LIMIT) {
      errors.push({
        field: key,
        message: `${label} is ${length.toLocaleString('en-GB')} characters long; the limit is ${NOTE_SECTION_LIMIT.toLocaleString('en-GB')}. Shorten it, or move some of it to another section.`,
      });
      continue;
    }
    const forbidden = FORBIDDEN.exec(text);
    if (forbidden) {
      errors.push({
        field: key,
        message: `${label} contains an invisible control character (U+${forbidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}). Remove it and save again.`,
      });
      continue;
    }
    sections[key] = text;
  }
  const base =
    typeof input.baseVersion === 'number'
      ? input.baseVersion
      : typeof input.baseVersion === 'string' && /^\d{1,9}$/.test(input.baseVersion)
        ? Number(input.baseVersion)
        : NaN;
  if (!Number.isInteger(base) || base < 0)
    errors.push({
      field: 'baseVersion',
      message:
        'The form did not say which version of the notes it started from. Reload the page, copy your text back in and save again.',
    });
  return errors.length > 0 ? rejected(errors) : accepted({ sections, baseVersion: base });
}

/** What saving notes came to. */
export type NotesSave =
  | { kind: 'saved'; version: number }
  | { kind: 'unchanged'; version: number }
  /** Someone saved since the writer started: both texts, for the writer to merge. */
  | { kind: 'conflict'; theirs: Notes; yours: NoteSections };

/**
 * Decides what a save does: a writer who started from the stored version saves (or changes
 * nothing when the text is the same); one who started from an older version has their text
 * handed back beside the stored one, never written over it, unless the stored text is
 * already what they sent.
 */
export function decideNotesSave(
  stored: Notes | null,
  baseVersion: number,
  sections: NoteSections,
): NotesSave {
  const current = stored?.version ?? 0;
  const same =
    stored !== null && NOTE_SECTIONS.every(({ key }) => stored.sections[key] === sections[key]);
  if (same) return { kind: 'unchanged', version: current };
  if (stored === null && isBlank(sections)) return { kind: 'unchanged', version: 0 };
  if (baseVersion !== current && stored !== null)
    return { kind: 'conflict', theirs: stored, yours: sections };
  return { kind: 'saved', version: current + 1 };
}
