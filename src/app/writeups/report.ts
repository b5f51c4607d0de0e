import type { Actor } from '../../domain/access/actor.ts';
import type { Edition } from '../../domain/convening/edition.ts';
import { can } from '../../domain/policy/policy.ts';
import { accepted, rejected, type Checked } from '../../domain/shared/result.ts';
import {
  checkReportInput,
  draftReportBody,
  type EditionReport,
  type ReportStatus,
  type ReportThemeSources,
} from '../../domain/writeups/report.ts';
import { findAttributionLeaks, type SessionParticipant } from '../../domain/writeups/writeup.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { NotFoundError, type UseCaseDeps } from '../deps.ts';
import { loadThemes } from '../themes/theme-page.ts';
import { loadWriteupContext } from './writeups.ts';

/** Raised when someone who may not manage an edition's write-ups tries to change its report. */
export class ReportPermissionError extends Error {
  constructor() {
    super('Only the organizers of this edition can edit and publish its report.');
    this.name = 'ReportPermissionError';
  }
}

function requireManage(actor: Actor, edition: Edition): void {
  if (!can(actor, 'writeups.manage', { editionId: edition.id, editionStatus: edition.status }))
    throw new ReportPermissionError();
}

/** The edition's report as stored; null before the first save. */
export async function loadReport(
  deps: Pick<UseCaseDeps, 'store'>,
  edition: Edition,
): Promise<EditionReport | null> {
  return deps.store.reports.findReport(edition.id);
}

/** The published report as the public reads it; NotFoundError while there is none. */
export async function loadPublishedReport(
  deps: Pick<UseCaseDeps, 'store'>,
  edition: Edition,
): Promise<EditionReport> {
  const report = await deps.store.reports.findReport(edition.id);
  if (report?.status !== 'published') throw new NotFoundError('The report');
  return report;
}

/** The takeaways of notes, one line each, without list markers. */
function takeawayLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '').trim())
    .filter((line) => line !== '');
}

/**
 * The first draft of the report: per theme, the published write-ups tagged with it (summary and
 * link) and the takeaways of the notes tagged with it. Notes never bring a name: rooms are not
 * named, and a takeaway naming anyone who was in the session or their government is left out
 * (whatever the session's rule: the report speaks for the whole edition).
 */
export async function firstReportDraft(
  deps: UseCaseDeps,
  actor: Actor,
  edition: Edition,
): Promise<string> {
  requireManage(actor, edition);
  const gathered = await loadThemes(deps, actor, edition);
  const participants = new Map<string, SessionParticipant[]>();
  const peopleOf = async (sessionId: string) => {
    let found = participants.get(sessionId);
    if (!found) {
      found = (await loadWriteupContext(deps.store, edition.slug, sessionId)).participants;
      participants.set(sessionId, found);
    }
    return found;
  };
  const themes: ReportThemeSources[] = [];
  for (const theme of gathered) {
    const takeaways: string[] = [];
    for (const notes of theme.notes) {
      const text = notes.sections.find((s) => s.label === 'Takeaways')?.text ?? '';
      for (const line of takeawayLines(text)) {
        if (findAttributionLeaks(line, await peopleOf(notes.session.id)).length > 0) continue;
        if (!takeaways.includes(line)) takeaways.push(line);
      }
    }
    themes.push({
      name: theme.theme.name,
      description: theme.theme.description,
      writeups: theme.writeups.map(({ writeup, session }) => ({
        title: writeup.title,
        summary: writeup.summary,
        url: `/editions/${edition.slug}/writeups/${session.id}`,
      })),
      takeaways,
    });
  }
  return draftReportBody(edition.name, themes);
}

/**
 * The names and governments of people who were in the edition's Chatham House sessions found in
 * the report's text, each once. The report speaks for the whole edition, so a name found here
 * may be fine (someone who also spoke in an attributable session): the organizer is warned and
 * confirms before publishing, rather than being refused.
 */
export async function reportAttributionLeaks(
  deps: Pick<UseCaseDeps, 'store'>,
  edition: Edition,
  text: string,
): Promise<string[]> {
  const found = new Map<string, string>();
  for (const session of await deps.store.programme.listSessions(edition.id)) {
    if (session.format === 'break') continue;
    if ((await deps.store.writeups.findAttribution(session.id)) !== 'chatham-house') continue;
    const context = await loadWriteupContext(deps.store, edition.slug, session.id);
    for (const leak of findAttributionLeaks(text, context.participants))
      if (!found.has(leak.found.toLowerCase())) found.set(leak.found.toLowerCase(), leak.found);
  }
  return [...found.values()];
}

/** What saving the report came to. */
export type ReportSaved =
  { kind: 'saved'; report: EditionReport } | { kind: 'conflict'; theirs: EditionReport };

const MOVES: Record<ReportStatus, { verb: string; audit: string }> = {
  published: { verb: 'Published', audit: 'reports.published' },
  draft: { verb: 'Unpublished', audit: 'reports.draft' },
};

/**
 * Saves the report's text, and publishes or unpublishes it when `moveTo` asks (organizers,
 * recorded in the audit log). A public report that names people of Chatham House sessions
 * needs `namesChecked` = "yes": the organizer confirmed none is tied to what was said there. The organizer names the version they started from; a save over
 * a newer one is refused with their text kept and the other version shown.
 */
export async function saveReport(
  deps: UseCaseDeps,
  actor: Actor,
  edition: Edition,
  raw: { body: unknown; baseVersion: unknown; moveTo?: unknown; namesChecked?: unknown },
): Promise<Checked<ReportSaved>> {
  requireManage(actor, edition);
  if (actor.kind !== 'person') throw new ReportPermissionError();
  const checked = checkReportInput(raw);
  if (!checked.ok) return rejected(checked.errors);
  const stored = await deps.store.reports.findReport(edition.id);
  if ((stored?.version ?? 0) !== checked.value.baseVersion) {
    if (stored) return accepted({ kind: 'conflict', theirs: stored });
    return rejected([
      {
        field: 'baseVersion',
        message: 'The form names a version of the report that does not exist. Reload the page.',
      },
    ]);
  }
  const current: ReportStatus = stored?.status ?? 'draft';
  let status = current;
  if (raw.moveTo !== undefined && raw.moveTo !== '') {
    if (raw.moveTo !== 'published' && raw.moveTo !== 'draft')
      return rejected([
        { field: 'status', message: 'Choose whether to publish or unpublish the report.' },
      ]);
    status = raw.moveTo;
  }
  if (status === 'published' && raw.namesChecked !== 'yes') {
    const leaks = await reportAttributionLeaks(deps, edition, checked.value.body);
    if (leaks.length > 0)
      return rejected([
        {
          field: 'namesChecked',
          message: `The report names people who were in sessions under the Chatham House rule, or their government: ${leaks
            .map((leak) => `“${leak}”`)
            .join(
              ', ',
            )}. Remove or reword them, or confirm that none of them is tied to anything said in those sessions.`,
        },
      ]);
  }
  const now = deps.clock.now().toISOString();
  const report: EditionReport = {
    editionId: edition.id,
    body: checked.value.body,
    status,
    version: (stored?.version ?? 0) + 1,
    updatedBy: actor.personId,
    updatedAt: now,
    publishedAt:
      status === 'published'
        ? current === 'published'
          ? (stored?.publishedAt ?? now)
          : now
        : null,
  };
  const saved = await deps.store.transaction(async (store) => {
    if (!(await store.reports.saveReportIfUnchanged(report))) return false;
    if (status !== current)
      await recordAudit(
        deps,
        store,
        actor,
        edition.id,
        MOVES[status].audit,
        `${MOVES[status].verb} the themes and takeaways report of ${edition.name}.`,
      );
    return true;
  });
  if (!saved) {
    const theirs = await deps.store.reports.findReport(edition.id);
    if (!theirs) throw new NotFoundError('The report');
    return accepted({ kind: 'conflict', theirs });
  }
  return accepted({ kind: 'saved', report });
}
