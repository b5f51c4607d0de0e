import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Page } from 'playwright-core';
import { describeInBrowser } from './support/browser.ts';
import { linkInMessage, newestMessageTo, openNewestMessageTo } from './support/outbox.ts';
import {
  expectErrorSummary,
  expectFieldError,
  expectFocusOn,
  expectMainHeading,
  expectStatusMessage,
  fillIn,
  followLink,
  pressButton,
  pressKey,
  pressKeyToOpenPage,
  pressTabUntil,
  screenshot,
  visit,
} from './support/steps.ts';

/** Two of the demo's invitees (README, "Signing in on the demo"): one per test, so their mail does not mix. */
const SARAH = 'sarah.hughes@gb.gov.example';
const AGUS = 'agus.wijaya@id.gov.example';

/** Then the person is signed in: on their account, told so with focus on the message. */
async function expectSignedInOnAccount(page: Page, email: string) {
  assert.equal(new URL(page.url()).pathname, '/account');
  await expectMainHeading(page, 'Your account');
  await expectStatusMessage(page, 'You are signed in.');
  await expectFocusOn(page, page.getByRole('status'));
  assert.match(await page.locator('main .lead').innerText(), new RegExp(`\\(${email}\\)`));
  await expectNavigation(page, 'Your account');
}

/** Then the main navigation offers this way in or out ("Sign in" or "Your account"), and not the other. */
async function expectNavigation(page: Page, entry: 'Sign in' | 'Your account') {
  const navigation = page.getByRole('navigation', { name: 'Main' });
  const other = entry === 'Sign in' ? 'Your account' : 'Sign in';
  assert.equal(await navigation.getByRole('link', { name: entry, exact: true }).count(), 1);
  assert.equal(await navigation.getByRole('link', { name: other, exact: true }).count(), 0);
}

describeInBrowser('A person signing in with a link sent by email', (browser) => {
  it('asks again for a missing or malformed address, then signs in through the link and signs out', async () => {
    const { page } = browser;
    await visit(page, '/sign-in');
    await expectMainHeading(page, 'Sign in');

    // When they ask for a link without an address, the page says what is missing, with focus on it
    await pressButton(page, 'Send me a sign-in link');
    assert.match(await page.title(), /^Error: /);
    await expectErrorSummary(page, ['Enter your email address.']);
    await expectFieldError(page, 'Email address', 'Enter your email address.');

    // And an address that is not one is refused the same way, keeping what they typed
    await fillIn(page, 'Email address', 'sarah.hughes.gb.gov.example');
    await pressButton(page, 'Send me a sign-in link');
    const malformed = 'Enter an email address in the correct format, like name@example.org.';
    await expectErrorSummary(page, [malformed]);
    await expectFieldError(page, 'Email address', malformed);
    assert.equal(
      await page.getByLabel('Email address', { exact: true }).inputValue(),
      'sarah.hughes.gb.gov.example',
    );
    await screenshot(page, 'sign-in - malformed address');

    // When they give their address, they are told to check their email
    await fillIn(page, 'Email address', SARAH);
    await pressButton(page, 'Send me a sign-in link');
    await expectMainHeading(page, 'Check your email');
    await expectStatusMessage(page, `If ${SARAH} belongs to someone invited`);

    // And the link in the email they find in the outbox leads to a page asking them to confirm
    await openNewestMessageTo(page, SARAH);
    const link = linkInMessage(page, '/sign-in/');
    const linkPath = new URL((await link.getAttribute('href')) ?? '', page.url()).pathname;
    await link.click();
    await page.waitForLoadState('load');
    await expectMainHeading(page, 'Sign in to Convene');
    await pressButton(page, 'Sign in');

    // Then they are signed in, on their account
    await expectSignedInOnAccount(page, SARAH);
    await screenshot(page, 'sign-in - signed in on the account');

    // When they sign out, they are back at the sign-in page, and their account is closed to them
    await pressButton(page, 'Sign out');
    assert.equal(new URL(page.url()).pathname, '/sign-in');
    await expectMainHeading(page, 'Sign in');
    await expectNavigation(page, 'Sign in');
    await visit(page, '/account');
    assert.equal(new URL(page.url()).pathname, '/sign-in');

    // And the same link no longer works: it says so and offers a new one
    await visit(page, linkPath, { status: 410 });
    await expectMainHeading(page, 'This link has already been used');
    await followLink(page, 'Get a new sign-in link');
    await expectMainHeading(page, 'Sign in');
  });

  it('can be done with the keyboard alone, from asking for the link to signing out', async () => {
    const { page } = browser;
    await visit(page, '/sign-in');

    // When they send the form empty with Enter, focus goes to the problem, and its link to the field
    await pressTabUntil(page, page.getByRole('textbox', { name: 'Email address' }));
    await pressKeyToOpenPage(page, 'Enter');
    await expectErrorSummary(page, ['Enter your email address.']);
    await pressTabUntil(page, page.getByRole('link', { name: 'Enter your email address.' }));
    await pressKey(page, 'Enter');
    await expectFocusOn(page, page.getByRole('textbox', { name: 'Email address' }));

    // When they type their address and send it
    await page.keyboard.type(AGUS);
    await pressTabUntil(page, 'Send me a sign-in link');
    await pressKeyToOpenPage(page, 'Enter');
    await expectMainHeading(page, 'Check your email');

    // And open the outbox, their message and its link, by keyboard
    await pressTabUntil(page, 'Open the development outbox');
    await pressKeyToOpenPage(page, 'Enter');
    await expectMainHeading(page, 'Development outbox');
    await pressTabUntil(page, newestMessageTo(page, AGUS));
    await pressKeyToOpenPage(page, 'Enter');
    await pressTabUntil(page, linkInMessage(page, '/sign-in/'));
    await pressKeyToOpenPage(page, 'Enter');
    await expectMainHeading(page, 'Sign in to Convene');
    await pressTabUntil(page, page.getByRole('button', { name: 'Sign in' }));
    await pressKeyToOpenPage(page, 'Enter');

    // Then they are signed in, with focus on the message saying so
    await expectSignedInOnAccount(page, AGUS);

    // And they can sign out by keyboard too
    await pressTabUntil(page, 'Sign out', { maxPresses: 60 });
    await pressKeyToOpenPage(page, 'Enter');
    await expectMainHeading(page, 'Sign in');
    await expectNavigation(page, 'Sign in');
  });
});
