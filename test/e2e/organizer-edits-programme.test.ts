import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { describeInBrowser, ORGANIZER } from './support/browser.ts';
import {
  expectErrorSummary,
  expectFieldError,
  expectFocusOn,
  expectMainHeading,
  expectStatusMessage,
  fillIn,
  followLink,
  pressButton,
  screenshot,
  visit,
} from './support/steps.ts';

/** Given an organizer on the form of one session, from the page of the 2020 edition. */
async function openSessionForm(page: Page, title: string) {
  await followLink(page, `Edit ${title}`);
  await expectMainHeading(page, 'Edit a session');
  assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), title);
}

/** Then the element is inside the window, where the visitor can see it without scrolling. */
async function expectInSight(page: Page, target: Locator) {
  const box = await target.evaluate((element) => element.getBoundingClientRect().toJSON());
  const height = page.viewportSize()?.height ?? 0;
  assert.ok(
    box.top > -1 && box.bottom < height + 1,
    `${String(target)} should be in sight, but it is at ${Math.round(box.top)}px of a window ${height}px high`,
  );
}

/** The sessions of one day of the programme, in order: title and the viewer's time. */
async function sessionsOfDay(page: Page, date: string) {
  const cards = page.locator(`#day-${date} .session`);
  return cards.evaluateAll((elements) =>
    elements.map((element) => ({
      title: element.querySelector('.session__title')?.textContent?.trim(),
      time: element.querySelector('.session__viewer-time')?.textContent?.trim(),
      organizers: element.querySelector('.session__home-time')?.textContent?.trim(),
    })),
  );
}

describeInBrowser(
  'An organizer editing a session',
  { timeZoneRemembered: 'Europe/London', signedInAs: ORGANIZER },
  (browser) => {
    it('saves a new title and time entered in New York time, says so, and the programme shows them', async () => {
      const { page } = browser;
      await visit(page, '/organize');
      await followLink(page, 'Digital Services Convening 2020');
      await openSessionForm(page, 'Breaking free of big IT vendors');

      // When they give it a new title and move it to 08:00–08:40 in New York
      await fillIn(page, 'Title', 'Breaking free of big IT vendors, together');
      await fillIn(page, 'Starts at', '08:00');
      await fillIn(page, 'Ends at', '08:40');
      await pressButton(page, 'Save the session');

      // Then they are back on the edition, told that the session was saved: the message
      // has focus, so screen readers read it, and it is in sight
      await expectMainHeading(page, 'Digital Services Convening 2020');
      await expectStatusMessage(page, 'The session was saved.');
      const saved = page.getByRole('status');
      await expectFocusOn(page, saved);
      await expectInSight(page, saved);
      const row = page
        .getByRole('row')
        .filter({ hasText: 'Breaking free of big IT vendors, together' });
      assert.match(await row.innerText(), /08:00–08:40 GMT-5/);
      await screenshot(page, 'organizer - session saved');

      // And the programme shows the session first on its day, at 13:00 in London
      await visit(page, '/programme');
      const day = await sessionsOfDay(page, '2020-11-18');
      assert.deepEqual(day[0], {
        title: 'Breaking free of big IT vendors, together',
        time: '13:00–13:40 GMT',
        organizers: 'Organizers: 08:00–08:40 GMT-5',
      });
      assert.equal(
        day.filter((session) => session.title?.startsWith('Breaking free')).length,
        1,
        'the session moved rather than being copied',
      );
    });

    it('shows every problem at the top and beside its field, links each to its field, and keeps what was typed', async () => {
      const { page } = browser;
      const title = 'Sharing code and practice across governments';
      await visit(page, '/organize/editions/dsc-2020');
      await openSessionForm(page, title);
      const description = await page.getByLabel('Description', { exact: true }).inputValue();

      // When they empty the title and make the session end before it starts
      await fillIn(page, 'Title', '');
      await fillIn(page, 'Starts at', '11:20');
      await fillIn(page, 'Ends at', '10:00');
      await pressButton(page, 'Save the session');

      // Then the page says there is a problem, lists both at the top and has focus there
      assert.match(await page.title(), /^Error: /);
      await expectErrorSummary(page, [
        'Enter the title of the session.',
        'The session must end after it starts.',
      ]);
      await expectFieldError(page, 'Title', 'Enter the title of the session.');
      await expectFieldError(page, 'Ends at', 'The session must end after it starts.');

      // And each problem's link moves focus to its field, with its label and message in sight
      await page.getByRole('link', { name: 'Enter the title of the session.' }).click();
      await expectFocusOn(page, page.getByLabel('Title', { exact: true }));
      await page.getByRole('link', { name: 'The session must end after it starts.' }).click();
      await expectFocusOn(page, page.getByLabel('Ends at', { exact: true }));
      await expectInSight(page, page.locator('label', { hasText: 'Ends at' }));
      await expectInSight(page, page.getByText('The session must end after it starts.').last());

      // And what they typed is kept
      assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), '');
      assert.equal(await page.getByLabel('Starts at', { exact: true }).inputValue(), '11:20');
      assert.equal(await page.getByLabel('Ends at', { exact: true }).inputValue(), '10:00');
      assert.equal(await page.getByLabel('Description', { exact: true }).inputValue(), description);
      await screenshot(page, 'organizer - session form with errors');

      // When they put it right, it is saved
      await fillIn(page, 'Title', title);
      await fillIn(page, 'Ends at', '12:10');
      await pressButton(page, 'Save the session');
      await expectStatusMessage(page, 'The session was saved.');
    });
  },
);
