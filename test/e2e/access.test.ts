import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Page } from 'playwright-core';
import { describeInBrowser } from './support/browser.ts';
import { expectMainHeading, visit } from './support/steps.ts';

/** The organizer's pages of the 2020 edition that nobody else may open. */
const ORGANIZER_PAGES = [
  '/organize',
  '/organize/editions/dsc-2020',
  '/organize/editions/dsc-2020/invitees',
];

/** One of the demo's 120 invitees of 2020 (README, "Signing in on the demo"), with no other role. */
const ATTENDEE = 'sarah.hughes@gb.gov.example';

/** The links of the main navigation, by their text. */
function navigationLinks(page: Page): Promise<string[]> {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts();
}

describeInBrowser('A signed-out visitor on the organizer pages', (browser) => {
  it('is sent to the sign-in page from every organizer page', async () => {
    const { page } = browser;
    for (const path of ORGANIZER_PAGES) {
      await visit(page, path);
      assert.equal(new URL(page.url()).pathname, '/sign-in', `${path} should lead to /sign-in`);
      await expectMainHeading(page, 'Sign in');
    }
    assert.ok(!(await navigationLinks(page)).includes('Organize'));
  });
});

describeInBrowser('An attendee on the organizer pages', { signedInAs: ATTENDEE }, (browser) => {
  it('is told they cannot see the page, and stays on it signed in', async () => {
    const { page } = browser;
    for (const path of ORGANIZER_PAGES) {
      await visit(page, path, { status: 403 });
      assert.equal(new URL(page.url()).pathname, path);
      await expectMainHeading(page, 'You cannot see this page');
      assert.notEqual((await page.locator('main .lead').innerText()).trim(), '');
      assert.ok(
        (await navigationLinks(page)).includes('Your account'),
        'the attendee is still signed in',
      );
    }
  });

  it('finds no "Organize" link in the navigation', async () => {
    const { page } = browser;
    for (const path of ['/programme', '/account']) {
      await visit(page, path);
      const links = await navigationLinks(page);
      assert.ok(links.includes('Your account'), `${path}: signed in as the attendee`);
      assert.ok(!links.includes('Organize'), `${path}: the navigation offers ${links.join(', ')}`);
    }
  });
});
