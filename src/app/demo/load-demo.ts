import type { UseCaseDeps } from '../deps.ts';
import { importProgramme } from '../programme/import-programme.ts';
import { buildDemoDocument } from './demo-convening.ts';

/**
 * Loads the demo convening when the database holds no edition yet, through the same import
 * a real programme goes through. Returns whether it loaded anything.
 */
export async function loadDemoIfEmpty(deps: UseCaseDeps): Promise<boolean> {
  const editions = await deps.store.programme.listEditions();
  if (editions.length > 0) return false;
  const result = await importProgramme(deps, buildDemoDocument());
  if (!result.ok) {
    const problems = result.problems
      .map((problem) => `${problem.location}: ${problem.message}`)
      .join('\n');
    throw new Error(`The demo convening could not be loaded:\n${problems}`);
  }
  return true;
}
