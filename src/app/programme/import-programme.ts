import type { UseCaseDeps } from '../deps.ts';
import type { Store } from '../ports.ts';
import { summarisePlan, type ImportPlan } from './import-plan.ts';
import { planProgrammeImport } from './plan-programme-import.ts';
import {
  formatJsonPath,
  type ImportProblem,
  type ImportResult,
  type LocateInFile,
} from './programme-document.ts';

/** How to run an import. */
export interface ImportOptions {
  /** Check the file and count what would change, without writing anything. */
  dryRun?: boolean;
  /** How problems name their place in the file; JSON paths unless the file was CSV. */
  locate?: LocateInFile;
  /** Problems already found while reading the file: reported first, and nothing is written. */
  fileProblems?: ImportProblem[];
}

/**
 * Imports governments, people and editions with their themes, days, sessions and invitees
 * (docs/programme-import.md). All or nothing: the whole document is checked first and every
 * problem is returned with where it is; only a document without problems is written, in one
 * transaction, so a failure while writing leaves nothing half-written. Importing the same
 * document again updates what it names instead of duplicating it; nothing is ever deleted.
 *
 * `document` is the parsed file, of the shape `ProgrammeDocument`; any other value is
 * reported as a problem rather than trusted.
 */
export async function importProgramme(
  deps: UseCaseDeps,
  document: unknown,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const locate = options.locate ?? formatJsonPath;
  return deps.store.transaction(async (store) => {
    // The file names people by email: another import creating the same new person at the
    // same moment finishes first, and this one plans against what it saved.
    await store.people.lockPeople();
    const outcome = await planProgrammeImport(store, document, {
      now: deps.clock.now(),
      newId: () => deps.ids.next(),
    });
    const fileProblems = options.fileProblems ?? [];
    if (!outcome.ok || fileProblems.length > 0) {
      const problems = outcome.ok ? [] : outcome.problems;
      return {
        ok: false,
        problems: [
          ...fileProblems,
          ...problems.map((problem) => ({
            location: locate(problem.path),
            message: problem.message,
          })),
        ],
      };
    }
    if (!options.dryRun) await writePlan(store, outcome.plan, deps.clock.now().toISOString());
    return { ok: true, summary: summarisePlan(outcome.plan), dryRun: options.dryRun === true };
  });
}

/** Writes what the plan creates or updates, parents before the records that point to them. */
async function writePlan(store: Store, plan: ImportPlan, invitedAt: string): Promise<void> {
  const changed = <T>(planned: { action: string; record: T }[]): T[] =>
    planned.filter((item) => item.action !== 'unchanged').map((item) => item.record);
  for (const government of changed(plan.governments)) await store.people.saveGovernment(government);
  for (const person of changed(plan.people)) await store.people.savePerson(person);
  for (const item of plan.editions) {
    if (item.action === 'create') await store.programme.insertEdition(item.record);
    if (item.action === 'update') await store.programme.updateEdition(item.record);
  }
  for (const item of plan.themes) {
    if (item.action === 'create') await store.programme.insertTheme(item.record);
    if (item.action === 'update') await store.programme.updateTheme(item.record);
  }
  for (const item of plan.days) {
    if (item.action === 'create') await store.programme.insertDay(item.record);
    if (item.action === 'update') await store.programme.updateDay(item.record);
  }
  for (const { session, contributors } of changed(plan.sessions)) {
    await store.programme.saveSession(session, contributors);
  }
  for (const { editionId, personId } of changed(plan.invitees)) {
    await store.people.addInvitee(editionId, personId, invitedAt);
  }
}
