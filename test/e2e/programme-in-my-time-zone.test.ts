import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from './support/axe.ts';
import { describeInBrowser, TIME_ZONE_COOKIE } from './support/browser.ts';
import { choose, expectMainHeading, followLink, pressButton, screenshot } from './support/steps.ts';

const OPENING = 'Opening: collaboration, not competition';
const EMERGENCY_DELIVERY = 'Shipping in weeks, not years: emergency delivery';

/** The times shown on a session's card in the programme: the viewer's and the organizers'. */
async function timesOf(page: Page, title: string) {
  const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: title }) });
  return {
    viewer: (await card.locator('.session__viewer-time').innerText()).trim(),
    organizers: (await card.locator('.session__home-time').innerText()).trim(),
  };
}

/** The sentence under "Show times in" that says which zone the times are in. */
function timeZoneHint(page: Page) {
  return page.locator('[data-time-zone-form] .hint');
}

describeInBrowser(
  'A newcomer in Singapore reading the programme',
  { timezoneId: 'Asia/Singapore' },
  (browser) => {
    it('remembers the browser’s time zone on the first visit and shows times in Singapore beside New York', async () => {
      const { page, context } = browser;

      // Given a newcomer who has never chosen a time zone, when they open the programme,
      // the page script reports the browser's zone and the page comes back in that zone.
      await page.goto('/programme', { waitUntil: 'commit' });
      await timeZoneHint(page).filter({ hasText: 'Times are shown in Asia/Singapore' }).waitFor();
      await page.waitForLoadState('load');
      await expectNoAxeViolations(page);
      await expectMainHeading(page, 'Digital Services Convening 2020');

      const cookies = await context.cookies();
      // The value as the server wrote it, percent-encoded ("Asia%2FSingapore") or not
      assert.equal(
        decodeURIComponent(cookies.find((cookie) => cookie.name === TIME_ZONE_COOKIE)?.value ?? ''),
        'Asia/Singapore',
        'the browser’s zone should be remembered',
      );
      assert.equal(await page.getByLabel('Show times in').inputValue(), 'Asia/Singapore');
      assert.equal(
        (await timeZoneHint(page).innerText()).trim(),
        'Times are shown in Asia/Singapore, with the organizers’ time (America/New York) beside them.',
      );

      // 09:00 in New York on 17 November 2020 (GMT-5) is 22:00 in Singapore (GMT+8).
      assert.deepEqual(await timesOf(page, OPENING), {
        viewer: '22:00–22:40 GMT+8',
        organizers: 'Organizers: 09:00–09:40 GMT-5',
      });
      // 11:20 in New York is already the next day in Singapore, and the card says so.
      assert.deepEqual(await timesOf(page, EMERGENCY_DELIVERY), {
        viewer: 'Wed 18 Nov, 00:20–01:00 GMT+8',
        organizers: 'Organizers: 11:20–12:00 GMT-5',
      });

      // The session's own page shows the same time.
      await followLink(page, OPENING);
      await expectMainHeading(page, OPENING);
      await page.getByText('Tue 17 Nov, 22:00–22:40 GMT+8').waitFor();
      await screenshot(page, 'time zone - session page in Singapore time');
    });

    it('shows the times in another zone chosen from the list, and still after a reload', async () => {
      const { page } = browser;
      await page.goto('/programme', { waitUntil: 'commit' });
      await timeZoneHint(page).filter({ hasText: 'Times are shown in Asia/Singapore' }).waitFor();
      await page.waitForLoadState('load');

      // When they choose Nairobi from "Show times in" and change the time zone
      await choose(page, 'Show times in', 'Africa/Nairobi');
      await pressButton(page, 'Change time zone');

      // Then they are back on the programme, in Nairobi time (GMT+3)
      assert.equal(new URL(page.url()).pathname, '/programme');
      assert.equal(await page.getByLabel('Show times in').inputValue(), 'Africa/Nairobi');
      assert.match(await timeZoneHint(page).innerText(), /Times are shown in Africa\/Nairobi,/);
      assert.deepEqual(await timesOf(page, OPENING), {
        viewer: '17:00–17:40 GMT+3',
        organizers: 'Organizers: 09:00–09:40 GMT-5',
      });
      assert.deepEqual(await timesOf(page, EMERGENCY_DELIVERY), {
        viewer: '19:20–20:00 GMT+3',
        organizers: 'Organizers: 11:20–12:00 GMT-5',
      });

      // And after a reload the choice is remembered, not replaced by the browser's zone
      await page.reload();
      await expectNoAxeViolations(page);
      assert.equal(await page.getByLabel('Show times in').inputValue(), 'Africa/Nairobi');
      assert.equal((await timesOf(page, OPENING)).viewer, '17:00–17:40 GMT+3');

      await screenshot(page, 'time zone - programme in Nairobi time');
    });
  },
);
