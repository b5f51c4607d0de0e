/**
 * An edition's "themes and takeaways" report: one Markdown text for the whole edition, drafted
 * from the published write-ups and the sessions' notes theme by theme, edited by organizers,
 * then published. It never names who said what.
 */
import { accepted, rejected, type Checked, type FieldError } from '../shared/result.ts';

/** A report is a draft until an organizer publishes it; unpublishing makes it a draft again. */
export const REPORT_STATUSES = ['draft', 'published'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** An edition's report as stored. */
export interface EditionReport {
  editionId: string;
  /** Markdown source. */
  body: string;
  status: ReportStatus;
  /** Goes up with every save; a save names the version it started from. */
  version: number;
  updatedBy: string | null;
  updatedAt: string;
  publishedAt: string | null;
}

export const REPORT_LIMITS = { body: 200_000 } as const;

// Control characters other than line breaks and tabs, and bidirectional overrides.
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

/** Checks what an organizer typed: the report's Markdown and the version they started from. */
export function checkReportInput(raw: {
  body: unknown;
  baseVersion: unknown;
}): Checked<{ body: string; baseVersion: number }> {
  const errors: FieldError[] = [];
  let body = '';
  if (raw.body !== undefined && raw.body !== null && typeof raw.body !== 'string') {
    errors.push({ field: 'body', message: 'The report must be plain text.' });
  } else {
    body = (raw.body ?? '').replace(/\r\n?/g, '\n').replace(/\s+$/, '');
    const length = [...body].length;
    const forbidden = FORBIDDEN.exec(body);
    if (body.trim() === '') errors.push({ field: 'body', message: 'Write the report first.' });
    else if (length > REPORT_LIMITS.body)
      errors.push({
        field: 'body',
        message: `The report is ${length.toLocaleString('en-GB')} characters long; the limit is ${REPORT_LIMITS.body.toLocaleString('en-GB')}. Shorten it.`,
      });
    else if (forbidden)
      errors.push({
        field: 'body',
        message: `The report contains an invisible control character (U+${forbidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}). Remove it and save again.`,
      });
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
        'The form did not say which version of the report it started from. Reload the page, copy your text back in and save again.',
    });
  return errors.length > 0 ? rejected(errors) : accepted({ body, baseVersion: base });
}

/** What the first draft says about one theme. */
export interface ReportThemeSources {
  name: string;
  description: string;
  /** Published write-ups tagged with the theme. */
  writeups: { title: string; summary: string; url: string }[];
  /** The "Takeaways" of notes tagged with the theme, without room names. */
  takeaways: string[];
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

/**
 * The first draft of the report in Markdown: per theme, the summaries of its published
 * write-ups with their links, then the takeaways of the notes tagged with it. No names: the
 * sources are the write-ups (already cleared) and the notes' takeaways, never who wrote them.
 */
export function draftReportBody(editionName: string, themes: ReportThemeSources[]): string {
  const blocks = [
    `## Themes and takeaways of ${editionName}`,
    'What the sessions of the edition learned, theme by theme.',
  ];
  for (const theme of themes) {
    const parts = [`### ${theme.name}`];
    if (theme.description.trim()) parts.push(oneLine(theme.description));
    if (theme.writeups.length > 0)
      parts.push(
        theme.writeups
          .map(
            (w) =>
              `- [${w.title.replace(/[[\]]/g, '')}](${w.url})${w.summary ? `: ${oneLine(w.summary)}` : ''}`,
          )
          .join('\n'),
      );
    if (theme.takeaways.length > 0)
      parts.push(
        `**Key takeaways**\n\n${theme.takeaways.map((t) => `- ${oneLine(t)}`).join('\n')}`,
      );
    if (parts.length === 1 || (theme.writeups.length === 0 && theme.takeaways.length === 0))
      parts.push('Nothing published or noted on this theme yet.');
    blocks.push(parts.join('\n\n'));
  }
  return blocks.join('\n\n');
}
