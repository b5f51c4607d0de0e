import assert from 'node:assert/strict';
import { it } from 'node:test';
import { expectNoAxeViolations } from './support/axe.ts';
import { describeInBrowser, ORGANIZER } from './support/browser.ts';
import {
  expectMainHeading,
  expectStatusMessage,
  followLink,
  pressKey,
  pressKeyToOpenPage,
  pressTabUntil,
  screenshot,
  visit,
} from './support/steps.ts';

const OPENING = 'Opening: collaboration, not competition';

describeInBrowser(
  'An organizer checking time-zone fairness',
  { signedInAs: ORGANIZER },
  (browser) => {
    it('opens a session’s details with the keyboard and takes a suggested time to the session form without changing it', async () => {
      const { page } = browser;
      await visit(page, '/organize/editions/dsc-2020/fairness');
      await expectMainHeading(page, 'Time-zone fairness');

      // Every session has its own details, closed at first
      const details = page.locator('details');
      assert.equal(await details.count(), 11, 'one <details> per session of the 2020 edition');
      const opening = details.filter({ has: page.locator('summary', { hasText: OPENING }) });
      assert.equal(
        await opening.evaluate((element) => (element as HTMLDetailsElement).open),
        false,
      );

      // When a keyboard user reaches its summary and presses Enter, it opens
      await pressTabUntil(page, opening.locator('summary'), { maxPresses: 60 });
      await pressKey(page, 'Enter');
      await opening.getByRole('table').waitFor();
      assert.equal(await opening.evaluate((element) => (element as HTMLDetailsElement).open), true);
      await expectNoAxeViolations(page);
      // And Space closes it again
      await pressKey(page, 'Space');
      assert.equal(
        await opening.evaluate((element) => (element as HTMLDetailsElement).open),
        false,
      );
      await pressKey(page, 'Space');
      assert.equal(await opening.evaluate((element) => (element as HTMLDetailsElement).open), true);
      await screenshot(page, 'fairness - a session opened');

      // When they follow the first suggested time
      const suggestion = opening.locator('.suggestions li').first();
      const [start, end] = (await suggestion.locator('strong').innerText()).split('–');
      assert.match(`${start}–${end}`, /^\d\d:\d\d–\d\d:\d\d$/, 'a suggestion names its times');
      const use = suggestion.getByRole('link', { name: /^Use this time/ });
      await pressTabUntil(page, use);
      await pressKeyToOpenPage(page, 'Enter');

      // Then the session form has the suggested time filled in, and says nothing changed yet
      await expectMainHeading(page, 'Edit a session');
      await expectStatusMessage(page, /nothing has changed yet/);
      assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), OPENING);
      assert.equal(await page.getByLabel('Date', { exact: true }).inputValue(), '2020-11-17');
      assert.equal(await page.getByLabel('Starts at', { exact: true }).inputValue(), start);
      assert.equal(await page.getByLabel('Ends at', { exact: true }).inputValue(), end);
      await screenshot(page, 'fairness - suggested time in the session form');

      // And indeed the session is still at 09:00 in New York until they save
      await followLink(page, 'Cancel');
      const row = page.getByRole('row').filter({ hasText: OPENING });
      assert.match(await row.innerText(), /09:00–09:40 GMT-5/);
    });
  },
);
