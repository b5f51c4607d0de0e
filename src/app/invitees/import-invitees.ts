import { createHash } from 'node:crypto';
import type { Actor } from '../../domain/access/actor.ts';
import type { Edition } from '../../domain/convening/edition.ts';
import type { Government } from '../../domain/people/person.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { UseCaseDeps } from '../deps.ts';
import type { Store } from '../ports.ts';
import type { ImportProblem } from '../programme/programme-document.ts';
import { readInviteeFile, type InviteeFile } from './invitee-file.ts';
import { requireEdition } from './invitee.queries.ts';
import {
  loadStoredForImport,
  planInviteeImport,
  type InviteeImportPlan,
  type PlannedInvitee,
} from './plan-invitee-import.ts';

/** How many people an import adds, changes and invites. */
export interface InviteeImportCounts {
  /** Distinct people in the file. */
  people: number;
  created: number;
  updated: number;
  unchanged: number;
  newlyInvited: number;
  alreadyInvited: number;
  governments: number;
}

/** A person in the preview, with their government as people read it. */
export interface PreviewInvitee extends PlannedInvitee {
  governmentLabel: string;
}

/**
 * What importing a file would do, shown before the organizer confirms. The text goes back
 * with the confirmation, and the fingerprint tells whether what is stored changed meanwhile.
 */
export interface InviteeImportPreview {
  text: string;
  governments: (Government & { line: number })[];
  invitees: PreviewInvitee[];
  merged: { line: number; sameAs: number }[];
  counts: InviteeImportCounts;
  hasChanges: boolean;
  fingerprint: string;
}

/** A file checked: what importing it would do, or every problem by row and column. */
export type InviteeImportCheck =
  { ok: true; preview: InviteeImportPreview } | { ok: false; problems: ImportProblem[] };

/** What a confirmation did. */
export type InviteeImportOutcome =
  | { status: 'imported'; counts: InviteeImportCounts }
  | { status: 'refused'; problems: ImportProblem[] }
  /** What is stored changed since the preview (another import, an edit): check the new preview. */
  | { status: 'changed'; preview: InviteeImportPreview };

/**
 * Checks an invitee file (docs/invitees-import.md) and says what importing it into the edition
 * would do. It only reads: nothing is written, whatever the file holds.
 */
export async function previewInviteeImport(
  deps: UseCaseDeps,
  slug: string,
  file: InviteeFile,
): Promise<InviteeImportCheck> {
  const edition = await requireEdition(deps.store, slug);
  return checkFile(deps, deps.store, edition, file);
}

/**
 * Imports an invitee file that the organizer previewed: checked again in full (the text comes
 * back from the browser and is trusted no more than the first time), then written in one
 * transaction with its audit entry. A file with any problem writes nothing; so does a file
 * whose outcome differs from the preview the organizer saw (`expectedFingerprint`).
 */
export async function confirmInviteeImport(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  file: InviteeFile,
  expectedFingerprint: string,
): Promise<InviteeImportOutcome> {
  return deps.store.transaction(async (store) => {
    const edition = await requireEdition(store, slug);
    // Another import saving at the same moment (the same new address, say) finishes first;
    // this one then checks the file against what it saved, and says what changed meanwhile.
    await store.people.lockPeople();
    const check = await checkFile(deps, store, edition, file);
    if (!check.ok) return { status: 'refused', problems: check.problems };
    const { preview } = check;
    if (preview.fingerprint !== expectedFingerprint) return { status: 'changed', preview };
    if (!preview.hasChanges) return { status: 'imported', counts: preview.counts };
    const now = deps.clock.now().toISOString();
    for (const government of preview.governments) {
      await store.people.saveGovernment({
        id: government.id,
        code: government.code,
        country: government.country,
        teamName: government.teamName,
      });
    }
    for (const invitee of preview.invitees) {
      if (invitee.action !== 'unchanged') await store.people.savePerson(invitee.person);
      if (invitee.isNewlyInvited) await store.people.addInvitee(edition.id, invitee.person.id, now);
    }
    const { counts } = preview;
    await recordAudit(
      deps,
      store,
      actor,
      edition.id,
      'invitees.imported',
      `Imported ${plural(counts.people, 'invitee')} from a file: ${counts.created} new, ${counts.updated} updated, ${counts.unchanged} unchanged; ${counts.newlyInvited} newly invited${counts.governments > 0 ? `; ${plural(counts.governments, 'new government')}` : ''}.`,
    );
    return { status: 'imported', counts };
  });
}

async function checkFile(
  deps: UseCaseDeps,
  store: Store,
  edition: Edition,
  file: InviteeFile,
): Promise<InviteeImportCheck> {
  const read = readInviteeFile(file);
  if (!read.ok) return read;
  const stored = await loadStoredForImport(store, edition.id, read.rows);
  const outcome = planInviteeImport(read.rows, stored, () => deps.ids.next());
  const problems = [...read.problems, ...(outcome.ok ? [] : outcome.problems)];
  if (!outcome.ok || problems.length > 0) return { ok: false, problems: sortByRow(problems) };
  const governments = new Map(
    [...stored.governments, ...outcome.plan.governments].map((government) => [
      government.id,
      government,
    ]),
  );
  return { ok: true, preview: presentPlan(read.text, outcome.plan, governments) };
}

function presentPlan(
  text: string,
  plan: InviteeImportPlan,
  governments: ReadonlyMap<string, Government>,
): InviteeImportPreview {
  const count = (test: (invitee: PlannedInvitee) => boolean) => plan.invitees.filter(test).length;
  const counts: InviteeImportCounts = {
    people: plan.invitees.length,
    created: count((invitee) => invitee.action === 'create'),
    updated: count((invitee) => invitee.action === 'update'),
    unchanged: count((invitee) => invitee.action === 'unchanged'),
    newlyInvited: count((invitee) => invitee.isNewlyInvited),
    alreadyInvited: count((invitee) => !invitee.isNewlyInvited),
    governments: plan.governments.length,
  };
  const invitees = plan.invitees.map((invitee) => {
    const government =
      invitee.person.governmentId === null
        ? undefined
        : governments.get(invitee.person.governmentId);
    return {
      ...invitee,
      governmentLabel: government ? `${government.country}, ${government.teamName}` : '',
    };
  });
  return {
    text,
    governments: plan.governments,
    invitees,
    merged: plan.merged,
    counts,
    hasChanges: counts.created + counts.updated + counts.newlyInvited + counts.governments > 0,
    fingerprint: fingerprintOf(plan),
  };
}

/**
 * A digest of what the import would write, without the ids it makes up: the same file against
 * the same stored records always gives the same fingerprint, and any difference in what would
 * be written gives another.
 */
function fingerprintOf(plan: InviteeImportPlan): string {
  const content = JSON.stringify([
    plan.governments.map(({ code, country, teamName }) => [code, country, teamName]),
    plan.invitees.map(({ action, person, isNewlyInvited }) => [
      action,
      person.email,
      person.name,
      person.role,
      person.maturity,
      person.timeZone,
      person.governmentId === null
        ? null
        : (plan.governments.find((government) => government.id === person.governmentId)?.code ??
          person.governmentId),
      isNewlyInvited,
    ]),
  ]);
  return createHash('sha256').update(content).digest('hex');
}

/** Problems in the order of the file: the whole file first, then row by row. */
function sortByRow(problems: ImportProblem[]): ImportProblem[] {
  const rowOf = (problem: ImportProblem) => Number(/^row (\d+)/.exec(problem.location)?.[1] ?? 0);
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => rowOf(a.problem) - rowOf(b.problem) || a.index - b.index)
    .map(({ problem }) => problem);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
