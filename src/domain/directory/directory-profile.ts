import { accepted, rejected, type Checked, type FieldError } from '../shared/result.ts';

/** The fields of a directory entry a person may show or hide; their name is always shown. */
export const DIRECTORY_FIELDS = ['government', 'team', 'role', 'themes', 'editions'] as const;
export type DirectoryField = (typeof DIRECTORY_FIELDS)[number];

/** Plain-language labels of the fields, for the choices page and the entries alike. */
export const DIRECTORY_FIELD_LABELS: Record<DirectoryField, string> = {
  government: 'Government (country)',
  team: 'Team',
  role: 'Role',
  themes: 'Themes your team is struggling with and can help with',
  editions: 'Editions you attended',
};

/**
 * A person's place in the directory of attendees across editions. They are in the directory only
 * while `listed` is true; opting out keeps their field choices for the day they opt back in.
 * Never carries an email address or any other contact detail: the directory shows none.
 */
export interface DirectoryProfile {
  personId: string;
  listed: boolean;
  shows: Record<DirectoryField, boolean>;
  updatedAt: string;
}

/**
 * The choices a person gets when they first opt in (from registering or the directory page):
 * every field shown, as the registration form says ("your display name, your government and
 * your role") and a little more, since everything here is about their team, not them.
 */
export function defaultDirectoryShows(): Record<DirectoryField, boolean> {
  return { government: true, team: true, role: true, themes: true, editions: true };
}

/** A new, listed profile with the default choices. */
export function newListedProfile(personId: string, at: string): DirectoryProfile {
  return { personId, listed: true, shows: defaultDirectoryShows(), updatedAt: at };
}

/** What a person chose on their directory page: to be listed or not, and the fields shown. */
export interface DirectoryChoicesInput {
  listed: boolean;
  shows: Record<DirectoryField, boolean>;
}

/**
 * Checks the directory page's form: `listed` is "yes" or "no"; `show` lists the fields to show
 * (a box left unticked is simply not sent, so no field means none shown).
 */
export function checkDirectoryChoices(
  raw: Record<string, unknown>,
): Checked<DirectoryChoicesInput> {
  const errors: FieldError[] = [];
  const listed = raw.listed === 'yes' ? true : raw.listed === 'no' ? false : null;
  if (listed === null)
    errors.push({
      field: 'listed',
      message: 'Choose whether you want to appear in the directory',
    });
  const values = raw.show === undefined || raw.show === '' ? [] : [raw.show].flat();
  const known = values.filter(
    (value): value is DirectoryField =>
      typeof value === 'string' && (DIRECTORY_FIELDS as readonly string[]).includes(value),
  );
  if (known.length !== values.length)
    errors.push({ field: 'show', message: 'Choose the fields to show from the list' });
  if (errors.length > 0 || listed === null) return rejected(errors);
  const shows = Object.fromEntries(
    DIRECTORY_FIELDS.map((field) => [field, known.includes(field)]),
  ) as Record<DirectoryField, boolean>;
  return accepted({ listed, shows });
}
