import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeInBrowser, ORGANIZER, TIME_ZONE_COOKIE } from './support/browser.ts';
import {
  choose,
  expectErrorSummary,
  expectFieldError,
  expectMainHeading,
  expectStatusMessage,
  fillIn,
  followLink,
  pressButton,
  screenshot,
  visit,
} from './support/steps.ts';

// Scripts fail to load on slow or locked-down government networks: the pages must work without.

describeInBrowser('Convene without JavaScript', { signedInAs: ORGANIZER }, (browser) => {
  it('changes the time zone through the form: the server remembers it and brings the visitor back', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });

    // Given a visitor whose browser runs no scripts, so nothing detects their zone
    await visit(page, '/programme');
    assert.match(
      await page.locator('[data-time-zone-form] .hint').innerText(),
      /Times are shown in the organizers’ time zone, America\/New York\./,
    );
    await followLink(page, 'Breaking free of big IT vendors');
    await page.getByText('Wed 18 Nov, 10:35–11:15 GMT-5').waitFor();

    // When they choose Nairobi on the session's page and change the time zone
    await choose(page, 'Show times in', 'Africa/Nairobi');
    await pressButton(page, 'Change time zone');

    // Then they are back on the same session page, in Nairobi time, and it is remembered
    await expectMainHeading(page, 'Breaking free of big IT vendors');
    await page.getByText('Wed 18 Nov, 18:35–19:15 GMT+3').waitFor();
    const cookies = await page.context().cookies();
    // The value as the server wrote it, percent-encoded ("Africa%2FNairobi") or not
    assert.equal(
      decodeURIComponent(cookies.find((cookie) => cookie.name === TIME_ZONE_COOKIE)?.value ?? ''),
      'Africa/Nairobi',
    );
    assert.equal(await page.getByLabel('Show times in').inputValue(), 'Africa/Nairobi');
    await screenshot(page, 'without javascript - session in Nairobi time');
  });

  it('submits the organizer forms and shows their errors', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });

    // A session with an empty title and an impossible time
    await visit(page, '/organize/editions/dsc-2020');
    await followLink(page, 'Edit Funding teams, not projects');
    await fillIn(page, 'Title', '');
    await fillIn(page, 'Starts at', '25:00');
    await pressButton(page, 'Save the session');
    // Without the script nothing moves focus, but the summary is first in the page.
    await expectErrorSummary(
      page,
      [
        'Enter the title of the session.',
        'Enter the start time as hours and minutes on a 24-hour clock, for example 14:30.',
      ],
      { focused: false },
    );
    await expectFieldError(page, 'Title', 'Enter the title of the session.');
    assert.equal(await page.getByLabel('Starts at', { exact: true }).inputValue(), '25:00');
    await screenshot(page, 'without javascript - session form with errors');

    // Put right, it saves
    await fillIn(page, 'Title', 'Funding teams, not projects');
    await fillIn(page, 'Starts at', '09:00');
    await pressButton(page, 'Save the session');
    await expectStatusMessage(page, 'The session was saved.');

    // A new edition with nothing filled in
    await visit(page, '/organize/editions/new');
    await pressButton(page, 'Create the edition');
    const summary = await expectErrorSummary(
      page,
      await page.locator('[data-error-summary] a').allInnerTexts(),
      { focused: false },
    );
    assert.ok((await summary.getByRole('link').count()) >= 4, 'every missing field is listed');
    await expectFieldError(page, 'Name', 'Enter the name of the edition.');
  });
});
