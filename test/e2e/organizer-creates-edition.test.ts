import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Page } from 'playwright-core';
import { describeInBrowser, ORGANIZER } from './support/browser.ts';
import {
  choose,
  expectFocusOn,
  expectMainHeading,
  expectStatusMessage,
  fillIn,
  followLink,
  pressButton,
  screenshot,
  visit,
} from './support/steps.ts';

/** Given an organizer who creates a new draft edition through the form on /organize. */
async function createEdition(page: Page, name: string, slug: string) {
  await visit(page, '/organize');
  await followLink(page, 'Create an edition');
  await expectMainHeading(page, 'Create an edition');
  await fillIn(page, 'Name', name);
  await fillIn(page, 'Short address name', slug);
  await fillIn(page, 'Year', '2021');
  await fillIn(page, 'Hosts', 'Public Digital\nHarvard Kennedy School');
  await choose(page, 'Format', 'Remote');
  await choose(page, 'Home time zone', 'Europe/London');
  await fillIn(page, 'First day', '2021-11-16');
  await fillIn(page, 'Last day', '2021-11-18');
  await pressButton(page, 'Create the edition');
  await expectMainHeading(page, name);
  await expectStatusMessage(page, 'The edition was created as a draft.');
  assert.match(await page.getByRole('main').innerText(), /This edition is a draft\./);
}

describeInBrowser(
  'An organizer creating an edition',
  { timeZoneRemembered: 'Europe/London', signedInAs: ORGANIZER },
  (browser) => {
    it('refuses to publish an edition without a day and a session, then publishes it once it has them, and people see it', async () => {
      const { page } = browser;
      await createEdition(page, 'Digital Services Convening 2021', 'dsc-2021');

      // When they try to publish it straight away
      await pressButton(page, 'Publish the programme');

      // Then it stays a draft, and the reason is shown first and focused
      const problem = page.getByRole('alert');
      assert.match(await problem.innerText(), /The status was not changed/);
      assert.match(
        await problem.innerText(),
        /Add at least one day and one session before the edition is published\./,
      );
      await expectFocusOn(page, problem);
      assert.match(await page.getByRole('main').innerText(), /This edition is a draft\./);
      await screenshot(page, 'organizer - publishing an empty edition is refused');

      // When they add the first day
      await followLink(page, 'Add a day');
      await expectMainHeading(page, 'Add a day');
      assert.equal(await page.getByLabel('Date', { exact: true }).inputValue(), '2021-11-16');
      await fillIn(page, 'Theme of the day', 'NOW');
      await fillIn(page, 'Guiding question', 'What did this year teach us?');
      await pressButton(page, 'Save the day');
      await expectStatusMessage(page, 'The day was saved.');

      // And a theme
      await followLink(page, 'Add a theme');
      await fillIn(page, 'Name of the theme', 'Vendor lock-in and budgets');
      await pressButton(page, 'Save the theme');
      await expectStatusMessage(page, 'The theme was saved.');

      // And a session at 14:00 London time, with that theme
      await followLink(page, 'Add a session');
      await expectMainHeading(page, 'Add a session');
      await fillIn(page, 'Title', 'Opening: what we learned');
      await choose(page, 'Format', 'Talk');
      await choose(page, 'Date', '2021-11-16');
      await fillIn(page, 'Starts at', '14:00');
      await fillIn(page, 'Ends at', '14:45');
      await page.getByLabel('Vendor lock-in and budgets').check();
      await pressButton(page, 'Save the session');
      await expectStatusMessage(page, 'The session was saved.');

      // And publish it
      await pressButton(page, 'Publish the programme');
      await expectStatusMessage(page, 'The edition’s status was changed.');
      assert.match(await page.getByRole('main').innerText(), /This edition is published\./);

      // Then its public page shows the day, the session and the theme
      await visit(page, '/editions/dsc-2021');
      await expectMainHeading(page, 'Digital Services Convening 2021');
      const main = await page.getByRole('main').innerText();
      assert.doesNotMatch(main, /This edition is a draft/);
      assert.match(main, /Day 1: NOW/);
      assert.match(main, /What did this year teach us\?/);
      assert.match(main, /14:00–14:45 GMT\s+Opening: what we learned/);
      assert.match(main, /Themes across the days\s+The same big themes/);
      assert.match(main, /Vendor lock-in and budgets\s+Opening: what we learned/);
      await screenshot(page, 'organizer - the new edition as people see it');
    });
  },
);
