import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AxeBuilder } from '@axe-core/playwright';
import type { Result, RunOptions } from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** The rules we hold every page to: WCAG 2.2 AA is the floor (docs/DESIGN.md). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const SELECTORS_SHOWN = 20;

export interface AxeCheckOptions {
  /** Parts of the page to leave out, such as a third-party video embed we cannot change. */
  exclude?: string[];
}

/** Contexts opened with JavaScript off, where axe-core cannot run in the page itself. */
const contextsWithoutJavaScript = new WeakSet<BrowserContext>();

/** Marks a context as having JavaScript off, so axe checks a copy of its pages instead (see below). */
export function markJavaScriptOff(context: BrowserContext): void {
  contextsWithoutJavaScript.add(context);
}

/**
 * Runs axe-core on the page as it is now and fails with every violation: its rule id,
 * what it means, and the selectors of the elements that break it.
 */
export async function expectNoAxeViolations(
  page: Page,
  options: AxeCheckOptions = {},
): Promise<void> {
  if (contextsWithoutJavaScript.has(page.context())) {
    await checkCopyWithoutScripts(page, options);
    return;
  }
  const violations = await runAxe(page, options);
  if (violations.length === 0) return;
  const count =
    violations.length === 1
      ? '1 accessibility violation'
      : `${violations.length} accessibility violations`;
  throw new Error(
    `${page.url()} has ${count} (axe-core, WCAG 2.2 AA):\n${violations.map(describeViolation).join('\n')}`,
  );
}

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** Answers the violations axe-core finds on the page, leaving out the excluded parts. */
async function runAxe(page: Page, options: AxeCheckOptions): Promise<Result[]> {
  // Only violations are read, so axe need not describe every passing element (much faster).
  const runOptions: RunOptions = {
    runOnly: { type: 'tag', values: WCAG_TAGS },
    resultTypes: ['violations'],
  };
  const exclude = options.exclude ?? [];
  if (page.frames().length > 1) {
    // AxeBuilder puts axe in every frame. In legacy mode it runs axe.run() in the page; the
    // default opens a blank page to merge the results of cross-origin frames, a second more.
    let builder = new AxeBuilder({ page }).options(runOptions).setLegacyMode();
    for (const selector of exclude) builder = builder.exclude(selector);
    return (await builder.analyze()).violations;
  }
  // A page without frames (all of Convene's): axe put in once and run, at half the cost of
  // AxeBuilder, which puts it in twice.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async ({ exclude, runOptions }) => {
      const { axe } = window as unknown as { axe: typeof import('axe-core') };
      const results = await axe.run(exclude.length ? { exclude } : document, runOptions);
      return results.violations;
    },
    { exclude, runOptions },
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

/** One page with JavaScript per browser, to open the copies in (see below). */
const copyPages = new WeakMap<Browser, Promise<Page>>();

/**
 * axe-core runs as a script in the page, which a page without JavaScript never starts. So the
 * HTML the page received is opened again at the same address in a page with JavaScript on,
 * with the product's own scripts refused: the same document a visitor without JavaScript has.
 */
async function checkCopyWithoutScripts(page: Page, options: AxeCheckOptions): Promise<void> {
  const browser = page.context().browser();
  if (!browser) throw new Error('The page has no browser to open a copy of it in.');
  let opened = copyPages.get(browser);
  if (!opened) {
    opened = openCopyPage(browser);
    copyPages.set(browser, opened);
  }
  const copy = await opened;
  const address = new URL(page.url());
  address.hash = '';
  const html = await page.content();
  const size = page.viewportSize();
  if (size) await copy.setViewportSize(size);
  await copy.route(
    (url) => url.href === address.href,
    (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    { times: 1 },
  );
  await copy.goto(address.href);
  await expectNoAxeViolations(copy, options);
}

async function openCopyPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const copy = await context.newPage();
  await copy.route(/\.js(\?|$)/, (route) => route.abort());
  return copy;
}
