import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Page } from 'playwright-core';
import { describeInBrowser, ORGANIZER } from './support/browser.ts';
import {
  expectErrorSummary,
  expectFocusOn,
  expectFocusWithin,
  expectMainHeading,
  expectStatusMessage,
  pressKey,
  pressKeyToOpenPage,
  pressTabUntil,
  screenshot,
  typeOver,
  visit,
} from './support/steps.ts';

// Every step here uses the keyboard alone: no clicks, no filling fields from the test.

const DIGITAL_TEAM = 'The digital team you had: responding to coronavirus';

/** The viewer's time on a session's card in the programme. */
async function viewerTimeOf(page: Page, title: string) {
  const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: title }) });
  return (await card.locator('.session__viewer-time').innerText()).trim();
}

describeInBrowser(
  'Using Convene with the keyboard alone',
  { timeZoneRemembered: 'Asia/Singapore', signedInAs: ORGANIZER },
  (browser) => {
    it('offers the skip link as the first Tab stop on an organizer page, and it moves focus to the main content', async () => {
      const { page } = browser;
      await visit(page, '/organize/editions/dsc-2020');

      assert.equal(await pressTabUntil(page, 'Skip to main content'), 1);
      await pressKey(page, 'Enter');
      await expectFocusWithin(page, page.getByRole('main'));

      // The next Tab goes into the main content, past the header and navigation.
      await pressTabUntil(page, 'Edit the details of Digital Services Convening 2020', {
        maxPresses: 1,
      });
    });

    it('changes the time zone of the programme with Tab, the arrow keys and Enter', async () => {
      const { page } = browser;
      await visit(page, '/programme');
      assert.equal(await viewerTimeOf(page, DIGITAL_TEAM), '22:45–23:45 GMT+8');

      // When they Tab to "Show times in" and pick Nairobi: typing jumps to it, the arrows move
      const zones = page.getByLabel('Show times in');
      await pressTabUntil(page, zones);
      await page.keyboard.type('Africa/N');
      assert.equal(await zones.inputValue(), 'Africa/Nairobi');
      await pressKey(page, 'ArrowDown');
      assert.equal(await zones.inputValue(), 'Africa/Ndjamena');
      await pressKey(page, 'ArrowUp');
      assert.equal(await zones.inputValue(), 'Africa/Nairobi');

      // And press the button with Enter
      await pressTabUntil(page, 'Change time zone', { maxPresses: 1 });
      await pressKeyToOpenPage(page, 'Enter');

      // Then the programme is in Nairobi time
      assert.equal(await zones.inputValue(), 'Africa/Nairobi');
      assert.equal(await viewerTimeOf(page, DIGITAL_TEAM), '17:45–18:45 GMT+3');
      await screenshot(page, 'keyboard - programme in Nairobi time');
    });

    it('edits a session, puts a mistake right from the error summary, and saves it', async () => {
      const { page } = browser;
      const title = 'Opening: collaboration, not competition';
      await visit(page, '/organize');

      // Given they reach the session's form through links, with Tab and Enter
      await pressTabUntil(page, 'Digital Services Convening 2020');
      await pressKeyToOpenPage(page, 'Enter');
      await pressTabUntil(page, `Edit ${title}`, { maxPresses: 60 });
      await pressKeyToOpenPage(page, 'Enter');
      await expectMainHeading(page, 'Edit a session');

      // When they change the title and give an end before the start, and press Enter
      await pressTabUntil(page, 'Title');
      await typeOver(page, 'Opening: why we share struggles');
      await pressTabUntil(page, 'Starts at');
      await typeOver(page, '08:30');
      await pressTabUntil(page, 'Ends at', { maxPresses: 1 });
      await typeOver(page, '08:00');
      await pressTabUntil(page, 'Save the session');
      await pressKeyToOpenPage(page, 'Enter');

      // Then focus is on the error summary; its link takes them to the field
      await expectErrorSummary(page, ['The session must end after it starts.']);
      await pressTabUntil(page, 'The session must end after it starts.', { maxPresses: 1 });
      await pressKey(page, 'Enter');
      await expectFocusOn(page, page.getByLabel('Ends at', { exact: true }));

      // When they put it right and press Enter in the field, the form is saved
      await typeOver(page, '09:10');
      await pressKeyToOpenPage(page, 'Enter');
      await expectStatusMessage(page, 'The session was saved.');
      await expectFocusOn(page, page.getByRole('status'));
      const row = page.getByRole('row').filter({ hasText: 'Opening: why we share struggles' });
      assert.match(await row.innerText(), /08:30–09:10 GMT-5/);

      // And the programme, as attendees see it, shows it at 21:30 in Singapore
      await pressTabUntil(page, 'View the programme as attendees see it');
      await pressKeyToOpenPage(page, 'Enter');
      assert.equal(
        await viewerTimeOf(page, 'Opening: why we share struggles'),
        '21:30–22:10 GMT+8',
      );
      await screenshot(page, 'keyboard - programme after editing a session');
    });
  },
);
