import type { Locator, Page } from 'playwright-core';
import { expectNoAxeViolations } from './axe.ts';
import { expectMainHeading, visit } from './steps.ts';

/**
 * The link to the newest message to this address in the development outbox, which lists the
 * newest message first, one row per message (README, "Signing in on the demo").
 */
export function newestMessageTo(page: Page, email: string): Locator {
  return page.getByRole('row').filter({ hasText: email }).first().getByRole('link');
}

/** When the person opens the development outbox and their newest message there (axe on both). */
export async function openNewestMessageTo(page: Page, email: string): Promise<void> {
  await visit(page, '/dev/outbox');
  await expectMainHeading(page, 'Development outbox');
  await newestMessageTo(page, email).click();
  await page.waitForLoadState('load');
  await expectNoAxeViolations(page);
}

/** The link in an open message whose path starts so, such as '/sign-in/' or '/invitations/'. */
export function linkInMessage(page: Page, pathStart: string): Locator {
  return page.locator('.mail-text').locator(`a[href*="${pathStart}"]`);
}

/** When the person follows the link of the open message (axe on the page it opens); answers its path. */
export async function followLinkInMessage(page: Page, pathStart: string): Promise<string> {
  const link = linkInMessage(page, pathStart);
  const href = await link.getAttribute('href');
  if (!href) throw new Error(`The message has no link to ${pathStart}…`);
  await link.click();
  await page.waitForLoadState('load');
  await expectNoAxeViolations(page);
  return new URL(href, page.url()).pathname;
}
