import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeInBrowser } from './support/browser.ts';
import {
  expectFocusWithin,
  expectMainHeading,
  pressKey,
  pressTabUntil,
  visit,
} from './support/steps.ts';

const SKIP_LINK = /skip to (the )?main content/i;

describeInBrowser('The programme page', (browser) => {
  it('loads with one main heading and no accessibility violations', async () => {
    await visit(browser.page, '/programme');
    await expectMainHeading(browser.page);
  });

  it('offers the skip link as the first thing Tab reaches, and the link moves focus to the main content', async () => {
    const { page } = browser;
    await visit(page, '/programme');

    // Keyboard and screen reader users skip the header and navigation on every page (WCAG 2.4.1).
    const presses = await pressTabUntil(page, SKIP_LINK);
    assert.equal(presses, 1, 'the skip link should be the first thing Tab reaches');

    await pressKey(page, 'Enter');
    await expectFocusWithin(page, page.getByRole('main'));
  });
});
