import type { RawInput } from '../convening/programme-input.ts';
import { accepted, rejected, type Checked, type FieldError } from '../shared/result.ts';
import { currentZoneName, isValidTimeZone } from '../time-zones/zones.ts';
import type { InvitationAnswer, RegistrationChoices } from './registration.ts';

/** The longest display name we keep: long enough for full names in any language. */
export const DISPLAY_NAME_MAX = 100;
/** The longest description of accessibility needs we keep. */
export const ACCESSIBILITY_NEEDS_MAX = 2000;

/** Reads one value as trimmed text; a repeated field (a tampered form) counts as its first value. */
function text(raw: RawInput, field: string): string {
  const value = raw[field];
  if (value === undefined || value === null) return '';
  return String(Array.isArray(value) ? (value[0] ?? '') : value).trim();
}

/** Reads the values of a group of checkboxes: none, one (a string) or several (an array). */
function ids(raw: RawInput, field: string): string[] {
  const value = raw[field];
  if (value === undefined || value === null || value === '') return [];
  const values = (Array.isArray(value) ? value : [value]).map((item) => String(item).trim());
  return [...new Set(values.filter((item) => item.length > 0))];
}

/** Reads a yes/no radio; anything else (missing, or a tampered value) is null. */
function yesNo(raw: RawInput, field: string): boolean | null {
  const value = text(raw, field);
  if (value === 'yes') return true;
  if (value === 'no') return false;
  return null;
}

/** Ids that are not among the choices: a form changed by hand, or a programme changed meanwhile. */
function unknownIds(
  errors: FieldError[],
  field: string,
  chosen: string[],
  allowed: readonly string[],
  what: string,
): void {
  const unknown = chosen.filter((id) => !allowed.includes(id));
  if (unknown.length === 0) return;
  errors.push({
    field,
    message:
      unknown.length === 1
        ? `One of the ${what} you chose is not in this edition. It may have been removed; choose again from the list.`
        : `${unknown.length} of the ${what} you chose are not in this edition. They may have been removed; choose again from the list.`,
  });
}

/**
 * Checks an invitee's answer. Declining needs nothing else; attending needs a display name and
 * a time zone, and every session and theme chosen must be one the edition offers: an unknown id
 * is a problem to show, never silently dropped.
 */
export function checkInvitationAnswer(
  raw: RawInput,
  choices: RegistrationChoices,
): Checked<InvitationAnswer> {
  const attending = yesNo(raw, 'attending');
  if (attending === null)
    return rejected([{ field: 'attending', message: 'Choose whether you will attend.' }]);
  if (!attending) return accepted({ attending: false });

  const errors: FieldError[] = [];
  const displayName = text(raw, 'displayName').replace(/\s+/g, ' ');
  if (displayName.length === 0)
    errors.push({
      field: 'displayName',
      message: 'Enter the name other attendees will see.',
    });
  else if (displayName.length > DISPLAY_NAME_MAX)
    errors.push({
      field: 'displayName',
      message: `Your display name must be ${DISPLAY_NAME_MAX} characters or fewer.`,
    });

  const timeZone = text(raw, 'timeZone');
  if (!isValidTimeZone(timeZone))
    errors.push({
      field: 'timeZone',
      message: timeZone
        ? `"${timeZone.slice(0, 60)}" is not a time zone we know. Choose yours from the list, such as Africa/Nairobi.`
        : 'Choose your time zone.',
    });

  const accessibilityNeeds = text(raw, 'accessibilityNeeds');
  if (accessibilityNeeds.length > ACCESSIBILITY_NEEDS_MAX)
    errors.push({
      field: 'accessibilityNeeds',
      message: `Your accessibility needs must be ${ACCESSIBILITY_NEEDS_MAX.toLocaleString('en-GB')} characters or fewer.`,
    });

  const inDirectory = yesNo(raw, 'inDirectory');
  if (inDirectory === null)
    errors.push({
      field: 'inDirectory',
      message: 'Choose whether you want to appear in the directory of attendees.',
    });

  const sessionIds = ids(raw, 'sessions');
  unknownIds(errors, 'sessions', sessionIds, choices.sessionIds, 'sessions');
  const strugglingThemeIds = ids(raw, 'strugglingThemes');
  unknownIds(errors, 'strugglingThemes', strugglingThemeIds, choices.themeIds, 'themes');
  const helpingThemeIds = ids(raw, 'helpingThemes');
  unknownIds(errors, 'helpingThemes', helpingThemeIds, choices.themeIds, 'themes');

  if (errors.length > 0) return rejected(errors);
  return accepted({
    attending: true,
    registration: {
      displayName,
      timeZone: currentZoneName(timeZone),
      accessibilityNeeds,
      inDirectory: inDirectory === true,
      // Kept in the order the edition lists them, whatever order the form sent them in.
      sessionIds: choices.sessionIds.filter((id) => sessionIds.includes(id)),
      strugglingThemeIds: choices.themeIds.filter((id) => strugglingThemeIds.includes(id)),
      helpingThemeIds: choices.themeIds.filter((id) => helpingThemeIds.includes(id)),
    },
  });
}
