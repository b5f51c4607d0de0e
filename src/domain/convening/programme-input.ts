import { DateTime } from 'luxon';
import { accepted, rejected, type Checked, type FieldError } from '../shared/result.ts';
import { isValidTimeZone, localToInstant } from '../time-zones/zones.ts';
import { EDITION_FORMATS, EDITION_STATUSES, type Edition, type EditionFormat } from './edition.ts';
import { SESSION_FORMATS, type SessionFormat } from './session.ts';

/** Raw values from a form, an import row or an API body: anything may be missing or wrong. */
export type RawInput = Record<string, unknown>;

/** The editable fields of an edition. */
export type EditionFields = Omit<Edition, 'id' | 'status'> & { status?: Edition['status'] };

/** The editable fields of a day. */
export interface DayFields {
  date: string;
  themeLabel: string;
  guidingQuestion: string;
}

/** The editable fields of a session, with people named by email and themes by name or id. */
export interface SessionFields {
  title: string;
  format: SessionFormat;
  startsAt: string;
  endsAt: string;
  description: string;
  videoUrl: string;
  speakerEmails: string[];
  moderatorEmails: string[];
  themes: string[];
}

/** The editable fields of a theme. */
export interface ThemeFields {
  name: string;
  description: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Reads a field as trimmed text whatever was sent (numbers from JSON, arrays from repeated form fields). */
function text(raw: RawInput, field: string): string {
  const value = raw[field];
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(String).join('\n').trim();
  return String(value).trim();
}

/** Reads a list given as an array or as text separated by new lines, commas or semicolons. */
export function list(raw: RawInput, field: string): string[] {
  const value = raw[field];
  const parts = Array.isArray(value) ? value.map(String) : text(raw, field).split(/[\n,;]/);
  return parts.map((part) => part.trim()).filter((part) => part.length > 0);
}

function isRealDate(value: string): boolean {
  return DATE.test(value) && DateTime.fromISO(value).isValid;
}

function requireText(
  errors: FieldError[],
  field: string,
  value: string,
  label: string,
  max = 200,
): void {
  if (value.length === 0) errors.push({ field, message: `Enter ${label}.` });
  else if (value.length > max)
    errors.push({ field, message: `${capitalise(label)} must be ${max} characters or fewer.` });
}

function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

function oneOf<T extends string>(
  errors: FieldError[],
  field: string,
  value: string,
  allowed: readonly T[],
  label: string,
): T {
  if (!(allowed as readonly string[]).includes(value)) {
    errors.push({
      field,
      message: value
        ? `${capitalise(label)} "${value}" is not one we know. Choose one of: ${allowed.join(', ')}.`
        : `Choose a ${label}.`,
    });
  }
  return value as T;
}

/** Checks the fields of an edition. */
export function checkEditionFields(raw: RawInput): Checked<EditionFields> {
  const errors: FieldError[] = [];
  const name = text(raw, 'name');
  requireText(errors, 'name', name, 'the name of the edition');
  const slug = text(raw, 'slug').toLowerCase();
  if (!slug)
    errors.push({ field: 'slug', message: 'Enter a short address name, such as dsc-2021.' });
  else if (!SLUG.test(slug) || slug.length > 60)
    errors.push({
      field: 'slug',
      message:
        'Use only lower-case letters, digits and single hyphens (for example dsc-2021), 60 characters or fewer.',
    });
  const yearText = text(raw, 'year');
  const year = Number(yearText);
  if (!/^\d{4}$/.test(yearText) || year < 2000 || year > 2100)
    errors.push({
      field: 'year',
      message: 'Enter the year as four digits, between 2000 and 2100.',
    });
  const hosts = list(raw, 'hosts');
  if (hosts.length === 0)
    errors.push({ field: 'hosts', message: 'Enter at least one host, one per line.' });
  const homeTimeZone = text(raw, 'homeTimeZone');
  if (!isValidTimeZone(homeTimeZone))
    errors.push({
      field: 'homeTimeZone',
      message: homeTimeZone
        ? `"${homeTimeZone}" is not a time zone we know. Choose one from the list, such as Europe/London.`
        : 'Choose the home time zone.',
    });
  const startDate = text(raw, 'startDate');
  const endDate = text(raw, 'endDate');
  if (!isRealDate(startDate))
    errors.push({
      field: 'startDate',
      message: 'Enter the first day as a real date, for example 2021-11-16.',
    });
  if (!isRealDate(endDate))
    errors.push({
      field: 'endDate',
      message: 'Enter the last day as a real date, for example 2021-11-18.',
    });
  else if (isRealDate(startDate) && endDate < startDate)
    errors.push({
      field: 'endDate',
      message: 'The last day must be the same as or after the first day.',
    });
  if (
    isRealDate(startDate) &&
    isRealDate(endDate) &&
    DateTime.fromISO(endDate).diff(DateTime.fromISO(startDate), 'days').days > 30
  )
    errors.push({ field: 'endDate', message: 'An edition can last at most 31 days.' });
  const format = oneOf<EditionFormat>(
    errors,
    'format',
    text(raw, 'format'),
    EDITION_FORMATS,
    'format',
  );
  const location = text(raw, 'location');
  if (format !== 'remote' && location.length === 0 && EDITION_FORMATS.includes(format))
    errors.push({
      field: 'location',
      message: 'Enter where an in-person or hybrid edition takes place.',
    });
  const status = text(raw, 'status');
  if (status && !(EDITION_STATUSES as readonly string[]).includes(status))
    errors.push({
      field: 'status',
      message: `Status "${status}" is not one we know. Choose one of: ${EDITION_STATUSES.join(', ')}.`,
    });
  const daytimeStartHour = hour(errors, raw, 'daytimeStartHour', 8);
  const daytimeEndHour = hour(errors, raw, 'daytimeEndHour', 20);
  if (daytimeEndHour <= daytimeStartHour)
    errors.push({ field: 'daytimeEndHour', message: 'Daytime must end after it starts.' });
  if (errors.length > 0) return rejected(errors);
  return accepted({
    name,
    slug,
    year,
    hosts,
    homeTimeZone,
    startDate,
    endDate,
    format,
    location,
    daytimeStartHour,
    daytimeEndHour,
    ...(status ? { status: status as Edition['status'] } : {}),
  });
}

function hour(errors: FieldError[], raw: RawInput, field: string, fallback: number): number {
  const value = text(raw, field);
  if (value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 24) {
    errors.push({ field, message: 'Enter a whole hour from 0 to 24.' });
    return fallback;
  }
  return parsed;
}

/** Checks the fields of a day; the date must fall within the edition. */
export function checkDayFields(
  raw: RawInput,
  edition: Pick<Edition, 'startDate' | 'endDate'>,
): Checked<DayFields> {
  const errors: FieldError[] = [];
  const date = text(raw, 'date');
  if (!isRealDate(date))
    errors.push({
      field: 'date',
      message: 'Enter the date as a real date, for example 2020-11-16.',
    });
  else if (date < edition.startDate || date > edition.endDate)
    errors.push({
      field: 'date',
      message: `The date must be between ${edition.startDate} and ${edition.endDate}, the dates of the edition.`,
    });
  const themeLabel = text(raw, 'themeLabel');
  requireText(errors, 'themeLabel', themeLabel, 'the theme of the day, such as NOW', 60);
  const guidingQuestion = text(raw, 'guidingQuestion');
  requireText(errors, 'guidingQuestion', guidingQuestion, 'the guiding question of the day', 300);
  return errors.length ? rejected(errors) : accepted({ date, themeLabel, guidingQuestion });
}

/** Checks the fields of a theme. */
export function checkThemeFields(raw: RawInput): Checked<ThemeFields> {
  const errors: FieldError[] = [];
  const name = text(raw, 'name');
  requireText(errors, 'name', name, 'the name of the theme', 120);
  const description = text(raw, 'description');
  if (description.length > 2000)
    errors.push({
      field: 'description',
      message: 'The description must be 2,000 characters or fewer.',
    });
  return errors.length ? rejected(errors) : accepted({ name, description });
}

/**
 * Checks the fields of a session. Times are wall-clock times on `date` in the edition's home
 * time zone, as organizers plan them; they are stored as instants.
 */
export function checkSessionFields(
  raw: RawInput,
  edition: Pick<Edition, 'startDate' | 'endDate' | 'homeTimeZone'>,
): Checked<SessionFields> {
  const errors: FieldError[] = [];
  const title = text(raw, 'title');
  requireText(errors, 'title', title, 'the title of the session');
  const format = oneOf<SessionFormat>(
    errors,
    'format',
    text(raw, 'format'),
    SESSION_FORMATS,
    'format',
  );
  const date = text(raw, 'date');
  const dateOk = isRealDate(date);
  if (!dateOk)
    errors.push({
      field: 'date',
      message: 'Enter the date of the session, for example 2020-11-16.',
    });
  else if (date < edition.startDate || date > edition.endDate)
    errors.push({
      field: 'date',
      message: `The date must be between ${edition.startDate} and ${edition.endDate}, the dates of the edition.`,
    });
  const startTime = text(raw, 'startTime');
  const endTime = text(raw, 'endTime');
  let startsAt = '';
  let endsAt = '';
  for (const [field, value, label] of [
    ['startTime', startTime, 'start'],
    ['endTime', endTime, 'end'],
  ] as const) {
    if (!TIME.test(value)) {
      errors.push({
        field,
        message: `Enter the ${label} time as hours and minutes on a 24-hour clock, for example 14:30.`,
      });
    } else if (dateOk) {
      const instant = localToInstant(date, value, edition.homeTimeZone);
      if (instant === null)
        errors.push({
          field,
          message: `${value} does not exist on ${date} in ${edition.homeTimeZone} because the clocks go forward. Choose another time.`,
        });
      else if (field === 'startTime') startsAt = instant;
      else endsAt = instant;
    }
  }
  if (startsAt && endsAt && endsAt <= startsAt)
    errors.push({ field: 'endTime', message: 'The session must end after it starts.' });
  const description = text(raw, 'description');
  if (description.length > 5000)
    errors.push({
      field: 'description',
      message: 'The description must be 5,000 characters or fewer.',
    });
  const videoUrl = text(raw, 'videoUrl');
  if (videoUrl && !isWebAddress(videoUrl))
    errors.push({
      field: 'videoUrl',
      message:
        'Enter the video link as a full web address starting with https://, or leave it empty.',
    });
  const speakerEmails = emails(errors, raw, 'speakers');
  const moderatorEmails = emails(errors, raw, 'moderators');
  const themes = list(raw, 'themes');
  if (errors.length > 0) return rejected(errors);
  return accepted({
    title,
    format,
    startsAt,
    endsAt,
    description,
    videoUrl,
    speakerEmails,
    moderatorEmails,
    themes,
  });
}

function emails(errors: FieldError[], raw: RawInput, field: string): string[] {
  const values = list(raw, field).map((value) => value.toLowerCase());
  const bad = values.filter((value) => !EMAIL.test(value));
  if (bad.length > 0)
    errors.push({
      field,
      message: `${bad.join(', ')} ${bad.length === 1 ? 'is not an email address' : 'are not email addresses'}. Enter one email address per line.`,
    });
  return [...new Set(values)];
}

/** Whether a value is an absolute https address (or http on this machine, for development). */
export function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      url.protocol === 'https:' ||
      (url.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(url.hostname))
    );
  } catch {
    return false;
  }
}
