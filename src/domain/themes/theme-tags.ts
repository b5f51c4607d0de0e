/** What can carry an edition's themes: a question, a chat message, a breakout room's notes, a write-up. */
export const THEME_SUBJECT_KINDS = ['question', 'message', 'notes', 'writeup'] as const;
export type ThemeSubjectKind = (typeof THEME_SUBJECT_KINDS)[number];

/** A theme a person confirmed for something said or written; suggestions count only once confirmed. */
export interface ThemeTag {
  editionId: string;
  subjectKind: ThemeSubjectKind;
  subjectId: string;
  themeId: string;
  /** Who confirmed it; null once their account is deleted. */
  taggedBy: string | null;
  taggedAt: string;
}

/** Reads a subject kind from a form; null for anything else. */
export function parseThemeSubjectKind(value: unknown): ThemeSubjectKind | null {
  return THEME_SUBJECT_KINDS.find((kind) => kind === value) ?? null;
}
