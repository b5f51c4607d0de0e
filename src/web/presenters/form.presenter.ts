import type { FieldError } from '../../domain/shared/result.ts';

/** What a form page needs to show problems: a summary at the top and a message beside each field. */
export interface FormState {
  values: Record<string, unknown>;
  errors: FieldError[];
  errorFor: Record<string, string>;
}

/** Builds the state of a form, keeping what the person typed. */
export function presentForm(values: Record<string, unknown>, errors: FieldError[] = []): FormState {
  const errorFor: Record<string, string> = {};
  for (const error of errors) errorFor[error.field] ??= error.message;
  return { values, errors, errorFor };
}

/** Messages shown once after a change, chosen by a key in the address so nothing else can be injected. */
export const DONE_MESSAGES: Record<string, string> = {
  'edition-created': 'The edition was created as a draft.',
  'edition-saved': 'The edition’s details were saved.',
  'status-changed': 'The edition’s status was changed.',
  'day-saved': 'The day was saved.',
  'day-deleted': 'The day was deleted. Its sessions stay in the programme.',
  'theme-saved': 'The theme was saved.',
  'theme-deleted': 'The theme was deleted.',
  'session-saved': 'The session was saved.',
  'session-deleted': 'The session was deleted.',
  'signed-in': 'You are signed in.',
  'signed-out': 'You are signed out.',
};
