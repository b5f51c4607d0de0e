import { AxeBuilder } from '@axe-core/playwright';
import type { Result } from 'axe-core';
import type { Page } from 'playwright-core';

/** The rules we hold every page to: WCAG 2.2 AA is the floor (docs/DESIGN.md). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const SELECTORS_SHOWN = 20;

export interface AxeCheckOptions {
  /** Parts of the page to leave out, such as a third-party video embed we cannot change. */
  exclude?: string[];
}

/**
 * Runs axe-core on the page as it is now and fails with every violation: its rule id,
 * what it means, and the selectors of the elements that break it.
 */
export async function expectNoAxeViolations(
  page: Page,
  options: AxeCheckOptions = {},
): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const { violations } = await builder.analyze();
  if (violations.length === 0) return;
  const count =
    violations.length === 1
      ? '1 accessibility violation'
      : `${violations.length} accessibility violations`;
  throw new Error(
    `${page.url()} has ${count} (axe-core, WCAG 2.2 AA):\n${violations.map(describeViolation).join('\n')}`,
  );
}

function describeViolation(violation: Result): string {
  const selectors = violation.nodes
    .slice(0, SELECTORS_SHOWN)
    .map((node) => `    at ${node.target.map(String).join(' ')}`);
  if (violation.nodes.length > SELECTORS_SHOWN) {
    selectors.push(`    and ${violation.nodes.length - SELECTORS_SHOWN} more elements`);
  }
  return [
    `  - ${violation.id} (${violation.impact ?? 'no impact given'}): ${violation.help}`,
    `    ${violation.helpUrl}`,
    ...selectors,
  ].join('\n');
}
