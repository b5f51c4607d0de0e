import { accepted, rejected, type Checked, type FieldError } from '../shared/result.ts';

/** What kinds of thing teams share with each other. */
export const RESOURCE_KINDS = [
  'practice',
  'code-repository',
  'procurement-template',
  'capability-framework',
  'other',
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** Plain-language names of the kinds, used in forms, filters and pages alike. */
export const RESOURCE_KIND_LABELS: Record<ResourceKind, string> = {
  practice: 'Practice',
  'code-repository': 'Code repository',
  'procurement-template': 'Procurement template',
  'capability-framework': 'Capability framework',
  other: 'Other',
};

/** The longest link kept: every real address fits, and nobody can store a page of text in one. */
export const RESOURCE_URL_MAX_LENGTH = 2000;
export const RESOURCE_TITLE_MAX_LENGTH = 150;
/** A description is a few paragraphs of Markdown: what it is, how it was used, what to adapt. */
export const RESOURCE_DESCRIPTION_MAX_LENGTH = 5000;

/** What the sharer writes about a resource. */
export interface ResourceFields {
  title: string;
  kind: ResourceKind;
  /** An absolute http or https address, as the WHATWG URL parser serialises it. */
  url: string;
  /** Markdown, rendered through the sanitizing renderer. */
  description: string;
  /** The government whose team made or uses it; null when none is named. */
  governmentId: string | null;
  themeIds: string[];
}

/** A shared resource as stored. */
export interface SharedResource extends ResourceFields {
  id: string;
  sharedBy: string;
  /** Hidden by an organizer: then only organizers and the sharer see it. */
  hidden: boolean;
  createdAt: string;
  updatedAt: string;
}

/** What the sharer may choose from: the themes of their editions and the governments taking part. */
export interface ResourceChoices {
  themeIds: readonly string[];
  governmentIds: readonly string[];
}

// Control characters other than line breaks and tabs, and bidirectional overrides, which could
// make a title read differently from what it holds.
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

const textOf = (raw: unknown): string | null =>
  raw === undefined || raw === null ? '' : typeof raw === 'string' ? raw : null;

const listOf = (raw: unknown): string[] =>
  raw === undefined || raw === null || raw === ''
    ? []
    : (Array.isArray(raw) ? raw : [raw]).filter((item): item is string => typeof item === 'string');

/**
 * Checks a resource's link: an absolute http or https address, as the WHATWG URL parser (the
 * one browsers use) reads it, with a host, no user name or password (which can disguise where
 * a link leads), no spaces, and at most 2,000 characters. Anything a browser might run or
 * embed (javascript:, data:, file:) and relative addresses are refused, so the page can link
 * to it as it is. Answers the address as the parser writes it.
 */
export function checkResourceLink(raw: unknown): Checked<string> {
  const problem = (message: string) => rejected<string>([{ field: 'url', message }]);
  const text = textOf(raw);
  if (text === null) return problem('The link must be text, such as https://example.org/guide.');
  const link = text.trim();
  if (link === '')
    return problem('Enter the link to the resource, such as https://example.org/guide.');
  if (link.length > RESOURCE_URL_MAX_LENGTH)
    return problem(
      `The link is ${link.length.toLocaleString('en-GB')} characters long; the limit is ${RESOURCE_URL_MAX_LENGTH.toLocaleString('en-GB')}. Use a shorter address for the same page.`,
    );
  if (/\s/u.test(link) || FORBIDDEN.test(link))
    return problem(
      'The link contains a space or an invisible character. Copy the address from the browser’s address bar and paste it again.',
    );
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return problem(
      'Enter the full address of the resource, starting with https:// (for example https://example.org/guide).',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return problem(
      `Links must start with https:// or http://; “${url.protocol}” links cannot be shared. Enter the web address of the resource.`,
    );
  if (url.hostname === '')
    return problem('The link has no website name. Enter an address such as https://example.org.');
  if (url.username !== '' || url.password !== '')
    return problem(
      'The link contains a user name or password before the website name. Remove it and share the plain address.',
    );
  if (url.href.length > RESOURCE_URL_MAX_LENGTH)
    return problem(
      `The link is longer than ${RESOURCE_URL_MAX_LENGTH.toLocaleString('en-GB')} characters once written out in full. Use a shorter address for the same page.`,
    );
  return accepted(url.href);
}

function checkText(
  raw: unknown,
  field: string,
  what: string,
  max: number,
  required: boolean,
  errors: FieldError[],
): string {
  const text = textOf(raw);
  if (text === null) {
    errors.push({ field, message: `The ${what} must be text.` });
    return '';
  }
  const value = text.replace(/\r\n?/g, '\n').trim();
  const length = [...value].length;
  if (required && length === 0) errors.push({ field, message: `Enter the ${what}.` });
  else if (length > max)
    errors.push({
      field,
      message: `The ${what} is ${length.toLocaleString('en-GB')} characters long; the limit is ${max.toLocaleString('en-GB')}. Shorten it.`,
    });
  else {
    const forbidden = FORBIDDEN.exec(value);
    if (forbidden)
      errors.push({
        field,
        message: `The ${what} contains an invisible control character (U+${forbidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}). Remove it.`,
      });
  }
  return value;
}

/**
 * Checks the share (or edit) form of a resource: a title, one of the kinds, a safe link, a
 * description in Markdown (optional), the government (one taking part, or none) and at least
 * one theme of the sharer's editions. Lists every problem at once, each on its field.
 */
export function checkResource(
  raw: Record<string, unknown>,
  choices: ResourceChoices,
): Checked<ResourceFields> {
  const errors: FieldError[] = [];
  const title = checkText(raw.title, 'title', 'title', RESOURCE_TITLE_MAX_LENGTH, true, errors);
  if (title.includes('\n'))
    errors.push({ field: 'title', message: 'The title must be one line. Remove the line breaks.' });
  const kind = raw.kind;
  if (typeof kind !== 'string' || !(RESOURCE_KINDS as readonly string[]).includes(kind))
    errors.push({
      field: 'kind',
      message:
        'Choose what kind of resource it is: a practice, a code repository, a procurement template, a capability framework, or other.',
    });
  const link = checkResourceLink(raw.url);
  if (!link.ok) errors.push(...link.errors);
  const description = checkText(
    raw.description,
    'description',
    'description',
    RESOURCE_DESCRIPTION_MAX_LENGTH,
    false,
    errors,
  );
  const government = raw.governmentId;
  let governmentId: string | null = null;
  if (government !== undefined && government !== null && government !== '') {
    if (typeof government !== 'string' || !choices.governmentIds.includes(government))
      errors.push({
        field: 'governmentId',
        message: 'Choose a government from the list, or “No government”.',
      });
    else governmentId = government;
  }
  const themeIds = [...new Set(listOf(raw.themeIds))];
  if (themeIds.length === 0)
    errors.push({
      field: 'themeIds',
      message: 'Choose at least one theme, so that people working on it can find the resource.',
    });
  else if (themeIds.some((id) => !choices.themeIds.includes(id)))
    errors.push({
      field: 'themeIds',
      message: 'Choose themes from the list only. Reload the page and choose again.',
    });
  if (errors.length > 0) return rejected(errors);
  return accepted({
    title,
    kind: kind as ResourceKind,
    url: link.ok ? link.value : '',
    description,
    governmentId,
    themeIds,
  });
}
