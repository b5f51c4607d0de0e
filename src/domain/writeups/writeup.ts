/**
 * Write-ups of what a session learned: one per session, written by organizers from the
 * session's notes, questions and breakout rooms' notes, reviewed, then published. Under the
 * Chatham House rule nothing published may say who said what, or where they work.
 */
import { NOTE_SECTIONS, type NoteSections } from '../notes/notes.ts';
import { accepted, rejected, type Checked, type FieldError } from '../shared/result.ts';

/** A write-up is a draft, then in review, then published; it can be taken back to draft. */
export const WRITEUP_STATUSES = ['draft', 'in-review', 'published'] as const;
export type WriteupStatus = (typeof WRITEUP_STATUSES)[number];

export const WRITEUP_STATUS_LABELS: Record<WriteupStatus, string> = {
  draft: 'Draft',
  'in-review': 'In review',
  published: 'Published',
};

/** Where a write-up may go from each status, and what the button says. */
const MOVES: Record<WriteupStatus, { to: WriteupStatus; label: string }[]> = {
  draft: [
    { to: 'in-review', label: 'Send for review' },
    { to: 'published', label: 'Publish' },
  ],
  'in-review': [
    { to: 'published', label: 'Publish' },
    { to: 'draft', label: 'Back to draft' },
  ],
  published: [{ to: 'draft', label: 'Unpublish' }],
};

/** The statuses a write-up can move to from `status`, with the words for each. */
export function nextStatuses(status: WriteupStatus): { to: WriteupStatus; label: string }[] {
  return MOVES[status];
}

/** How people may be quoted: by name, or under the Chatham House rule. */
export const ATTRIBUTION_RULES = ['attributable', 'chatham-house'] as const;
export type AttributionRule = (typeof ATTRIBUTION_RULES)[number];

export const ATTRIBUTION_LABELS: Record<AttributionRule, { label: string; hint: string }> = {
  attributable: {
    label: 'Attributable',
    hint: 'What speakers said may be published with their name and government.',
  },
  'chatham-house': {
    label: 'Chatham House rule',
    hint: 'What was said may be used, but neither the identity nor the affiliation of any speaker or participant may be revealed.',
  },
};

export function isAttributionRule(value: unknown): value is AttributionRule {
  return typeof value === 'string' && (ATTRIBUTION_RULES as readonly string[]).includes(value);
}

/** A session's write-up as stored. */
export interface Writeup {
  id: string;
  editionId: string;
  sessionId: string;
  title: string;
  /** One or two sentences for lists and the feed. */
  summary: string;
  /** Markdown source. */
  body: string;
  status: WriteupStatus;
  /** Goes up with every save; a save names the version it started from. */
  version: number;
  updatedBy: string | null;
  updatedAt: string;
  firstPublishedAt: string | null;
  publishedAt: string | null;
}

export const WRITEUP_LIMITS = { title: 200, summary: 600, body: 100_000 } as const;

// Control characters other than line breaks and tabs, and bidirectional overrides.
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

const LABELS = { title: 'The title', summary: 'The summary', body: 'The write-up' } as const;

/** Checks what an organizer typed: a title, a short summary, the body, and the version read. */
export function checkWriteupInput(raw: {
  title: unknown;
  summary: unknown;
  body: unknown;
  baseVersion: unknown;
}): Checked<{ title: string; summary: string; body: string; baseVersion: number }> {
  const errors: FieldError[] = [];
  const value = { title: '', summary: '', body: '' };
  for (const field of ['title', 'summary', 'body'] as const) {
    const input = raw[field];
    if (input !== undefined && input !== null && typeof input !== 'string') {
      errors.push({ field, message: `${LABELS[field]} must be plain text.` });
      continue;
    }
    const text = (input ?? '').replace(/\r\n?/g, '\n');
    const trimmed = field === 'body' ? text.replace(/\s+$/, '') : text.trim();
    const length = [...trimmed].length;
    if (field === 'title' && length === 0) {
      errors.push({ field, message: 'Enter a title for the write-up.' });
      continue;
    }
    if (length > WRITEUP_LIMITS[field]) {
      errors.push({
        field,
        message: `${LABELS[field]} is ${length.toLocaleString('en-GB')} characters long; the limit is ${WRITEUP_LIMITS[field].toLocaleString('en-GB')}. Shorten it.`,
      });
      continue;
    }
    const forbidden = FORBIDDEN.exec(trimmed);
    if (forbidden) {
      errors.push({
        field,
        message: `${LABELS[field]} contains an invisible control character (U+${forbidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}). Remove it and save again.`,
      });
      continue;
    }
    value[field] = trimmed;
  }
  const base =
    typeof raw.baseVersion === 'string' && /^\d{1,9}$/.test(raw.baseVersion)
      ? Number(raw.baseVersion)
      : typeof raw.baseVersion === 'number' && Number.isInteger(raw.baseVersion)
        ? raw.baseVersion
        : NaN;
  if (!Number.isInteger(base) || base < 0)
    errors.push({
      field: 'baseVersion',
      message:
        'The form did not say which version of the write-up it started from. Reload the page, copy your text back in and save again.',
    });
  return errors.length > 0 ? rejected(errors) : accepted({ ...value, baseVersion: base });
}

/** Someone who was in a session, as they could be recognised in a text. */
export interface SessionParticipant {
  name: string;
  /** Their government's country, such as "Estonia"; null when not from a government. */
  country: string | null;
  /** The team that represents their government, such as "Information System Authority". */
  team: string | null;
}

/** A name or an affiliation found in a text that must not reveal them. */
export interface AttributionLeak {
  kind: 'name' | 'government';
  /** The words as the text has them. */
  found: string;
}

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

const escapeForRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole-word occurrences of `phrase` in `text`, ignoring case and accents. */
function occurrences(text: string, phrase: string): string[] {
  const words = fold(phrase).trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])${words.map(escapeForRegExp).join('\\s+')}(?![\\p{L}\\p{N}])`,
    'gu',
  );
  const folded = fold(text);
  // Folding keeps one character per character of NFC text for the names we compare, so the
  // positions map back to the original (NFD expansion is undone by removing the marks).
  const original = text.normalize('NFC');
  return [...folded.matchAll(pattern)].map(
    (match) => original.slice(match.index, match.index + match[0].length) || match[0],
  );
}

/**
 * Finds, in a text meant for publication under the Chatham House rule, the names and
 * governments (country, team) of people who were in the session: each full name, each family
 * name of four letters or more, each country and team. Case and accents do not matter.
 * Returned once per different wording, in the order of the participants.
 */
export function findAttributionLeaks(
  text: string,
  participants: SessionParticipant[],
): AttributionLeak[] {
  const leaks: AttributionLeak[] = [];
  const seen = new Set<string>();
  const add = (kind: AttributionLeak['kind'], found: string) => {
    const key = `${kind}:${fold(found)}`;
    if (seen.has(key)) return;
    seen.add(key);
    leaks.push({ kind, found });
  };
  for (const person of participants) {
    const parts = person.name.trim().split(/\s+/);
    const family = parts.length > 1 ? parts[parts.length - 1]! : '';
    for (const found of occurrences(text, person.name)) add('name', found);
    if ([...family].length >= 4) for (const found of occurrences(text, family)) add('name', found);
    for (const affiliation of [person.country, person.team])
      if (affiliation) for (const found of occurrences(text, affiliation)) add('government', found);
  }
  return leaks;
}

/** What a session's write-up is first drafted from. */
export interface WriteupSources {
  rule: AttributionRule;
  sessionNotes: NoteSections | null;
  answeredQuestions: string[];
  topVotedQuestions: { text: string; votes: number }[];
  rooms: { name: string; notes: NoteSections }[];
}

const quoteLines = (text: string) => text.replace(/\n/g, ' ').trim();

/**
 * A first draft in Markdown from the session's notes, its answered and most-voted questions
 * and its breakout rooms' notes. Never names who asked. Under the Chatham House rule the
 * quotes cleared for attribution are left out, and rooms are not named.
 */
export function draftWriteupBody(sources: WriteupSources): string {
  const chatham = sources.rule === 'chatham-house';
  const sections = NOTE_SECTIONS.filter(({ key }) => !(chatham && key === 'quotes'));
  const blocks: string[] = [];
  if (sources.sessionNotes)
    for (const { key, label } of sections) {
      const text = sources.sessionNotes[key].trim();
      if (text) blocks.push(`### ${label}\n\n${text}`);
    }
  if (sources.answeredQuestions.length > 0)
    blocks.push(
      `### Questions answered\n\n${sources.answeredQuestions.map((q) => `- ${quoteLines(q)}`).join('\n')}`,
    );
  if (sources.topVotedQuestions.length > 0)
    blocks.push(
      `### Questions people most wanted answered\n\n${sources.topVotedQuestions
        .map((q) => `- ${quoteLines(q.text)} (${q.votes} ${q.votes === 1 ? 'vote' : 'votes'})`)
        .join('\n')}`,
    );
  const rooms = sources.rooms.filter((room) =>
    sections.some(({ key }) => room.notes[key].trim() !== ''),
  );
  if (rooms.length > 0)
    blocks.push(
      `### From the breakout rooms\n\n${rooms
        .map((room, index) => {
          const heading = chatham ? `One room (${index + 1} of ${rooms.length})` : room.name;
          const parts = sections
            .filter(({ key }) => room.notes[key].trim() !== '')
            .map(({ key, label }) => `**${label}**\n\n${room.notes[key].trim()}`);
          return `#### ${heading}\n\n${parts.join('\n\n')}`;
        })
        .join('\n\n')}`,
    );
  return blocks.join('\n\n');
}
