import { list, type RawInput } from '../convening/programme-input.ts';
import { accepted, rejected, type Checked, type FieldError } from '../shared/result.ts';
import { isValidTimeZone } from '../time-zones/zones.ts';
import {
  normaliseEmail,
  PERSON_ROLES,
  TEAM_MATURITIES,
  type PersonRole,
  type TeamMaturity,
} from './person.ts';

/** The editable fields of a government. */
export interface GovernmentFields {
  code: string;
  country: string;
  teamName: string;
}

/** The editable fields of a person, with the government named by its code. */
export interface PersonFields {
  name: string;
  email: string;
  /** Upper-case government code, or null for someone not attached to a government. */
  governmentCode: string | null;
  role: PersonRole;
  maturity: TeamMaturity;
  timeZone: string;
}

const GOVERNMENT_CODE = /^[A-Z0-9]+(-[A-Z0-9]+)*$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function text(raw: RawInput, field: string): string {
  const value = raw[field];
  if (value === undefined || value === null) return '';
  return (Array.isArray(value) ? list(raw, field).join(' ') : String(value)).trim();
}

function requireText(
  errors: FieldError[],
  field: string,
  value: string,
  label: string,
  max: number,
): void {
  if (value.length === 0) errors.push({ field, message: `Enter ${label}.` });
  else if (value.length > max)
    errors.push({
      field,
      message: `${label.charAt(0).toUpperCase()}${label.slice(1)} must be ${max} characters or fewer.`,
    });
}

/** Normalises a government code so that "ee" and " EE " name the same government. */
export function normaliseGovernmentCode(code: string): string {
  return code.trim().toUpperCase();
}

/** Checks the fields of a government: a short code, the country and the team's name. */
export function checkGovernmentFields(raw: RawInput): Checked<GovernmentFields> {
  const errors: FieldError[] = [];
  const code = normaliseGovernmentCode(text(raw, 'code'));
  if (!code)
    errors.push({
      field: 'code',
      message: 'Enter a short code for the government, such as EE or KE-ICT.',
    });
  else if (!GOVERNMENT_CODE.test(code) || code.length > 20)
    errors.push({
      field: 'code',
      message:
        'Use only letters, digits and single hyphens in the code (for example KE-ICT), 20 characters or fewer.',
    });
  const country = text(raw, 'country');
  requireText(errors, 'country', country, 'the country', 120);
  const teamName = text(raw, 'teamName');
  requireText(errors, 'teamName', teamName, 'the name of the team', 200);
  return errors.length > 0 ? rejected(errors) : accepted({ code, country, teamName });
}

/** Checks the fields of a person; the email, normalised, is their identity across editions. */
export function checkPersonFields(raw: RawInput): Checked<PersonFields> {
  const errors: FieldError[] = [];
  const name = text(raw, 'name');
  requireText(errors, 'name', name, 'the name of the person', 200);
  const email = normaliseEmail(text(raw, 'email'));
  if (!email) errors.push({ field: 'email', message: 'Enter the email address of the person.' });
  else if (!isEmailAddress(email) || email.length > 254)
    errors.push({
      field: 'email',
      message: `${email} is not an email address. Enter it like name@example.org.`,
    });
  const governmentCode = normaliseGovernmentCode(text(raw, 'government')) || null;
  const role = text(raw, 'role');
  if (!(PERSON_ROLES as readonly string[]).includes(role))
    errors.push({
      field: 'role',
      message: role
        ? `Role "${role}" is not one we know. Choose one of: ${PERSON_ROLES.join(', ')}.`
        : `Choose a role: ${PERSON_ROLES.join(', ')}.`,
    });
  const maturity = text(raw, 'maturity');
  if (!(TEAM_MATURITIES as readonly string[]).includes(maturity))
    errors.push({
      field: 'maturity',
      message: maturity
        ? `Maturity "${maturity}" is not one we know. Choose one of: ${TEAM_MATURITIES.join(', ')}.`
        : `Choose how far along the person's team is: ${TEAM_MATURITIES.join(', ')}.`,
    });
  const timeZone = text(raw, 'timeZone');
  if (!isValidTimeZone(timeZone))
    errors.push({
      field: 'timeZone',
      message: timeZone
        ? `"${timeZone}" is not a time zone we know. Use an IANA name such as Africa/Nairobi.`
        : 'Enter the time zone the person works in, such as Africa/Nairobi.',
    });
  if (errors.length > 0) return rejected(errors);
  return accepted({
    name,
    email,
    governmentCode,
    role: role as PersonRole,
    maturity: maturity as TeamMaturity,
    timeZone,
  });
}

/** Whether a value looks like an email address (something@somewhere.tld), as the forms accept. */
export function isEmailAddress(value: string): boolean {
  return EMAIL.test(value);
}
