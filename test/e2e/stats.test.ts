import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeInBrowser } from './support/browser.ts';
import {
  expectMainHeading,
  expectNoHorizontalScroll,
  followLink,
  screenshot,
  visit,
} from './support/steps.ts';

/** 1280 CSS pixels zoomed to 400%: the width WCAG 1.4.10 Reflow asks content to fit. */
const NARROW = { width: 320, height: 640 };

describeInBrowser('The numbers of a convening', { timeZoneRemembered: 'UTC' }, (browser) => {
  it('shows the current edition’s numbers from its programme: attendance and activity as charts and tables', async () => {
    const { page } = browser;
    // Given a visitor on the programme of the demo's 2020 edition
    await visit(page, '/programme');
    // When they follow the link to its numbers
    await followLink(page, 'The numbers of this edition');
    // Then they see the headline figures, the countries represented, and no empty chart
    await expectMainHeading(page, 'The numbers: Digital Services Convening 2020');
    const main = page.getByRole('main');
    const registered = await main
      .locator('.summary-list dt:text-is("Registered attendees") + dd')
      .innerText();
    assert.ok(Number(registered) > 0, `the demo has registered attendees (${registered})`);
    const countries = main.getByRole('table', { name: 'Registered attendees by country' });
    assert.ok((await countries.getByRole('row').count()) > 3, 'countries are listed');
    // And who joined each session's room, in a chart and in a table of the same numbers
    const attendance = main.getByRole('table', { name: 'People in each session’s room' });
    const coronavirus = attendance.getByRole('row', { name: /responding to coronavirus/ });
    assert.match(await coronavirus.innerText(), /\d+/);
    await main.getByRole('table', { name: 'Questions and messages per session' }).waitFor();
    assert.ok((await main.locator('svg[role="img"]').count()) >= 2, 'charts beside the tables');
    await screenshot(page, 'stats - current edition');

    // And /stats shows the same edition
    await visit(page, '/stats');
    await expectMainHeading(page, 'The numbers: Digital Services Convening 2020');
  });

  it('fits a 320-pixel screen without scrolling sideways', async () => {
    const { page } = browser;
    await page.setViewportSize(NARROW);
    await visit(page, '/editions/dsc-2020/stats');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'stats - edition at 320px');

    await visit(page, '/stats/editions');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'stats - across editions at 320px');
  });

  it('compares the editions in a chart and a table, each edition linking to its numbers', async () => {
    const { page } = browser;
    await visit(page, '/editions');
    await followLink(page, 'The numbers across editions');
    await expectMainHeading(page, 'The numbers across editions');
    const main = page.getByRole('main');
    const chart = main.getByRole('img', {
      name: 'Registered attendees and returning participants in each edition',
    });
    await chart.waitFor();
    const table = main.getByRole('table', { name: 'The numbers of each edition' });
    for (const year of [2018, 2019, 2020])
      await table.getByRole('rowheader', { name: new RegExp(`Convening ${year}`) }).waitFor();
    await screenshot(page, 'stats - across editions');

    await followLink(page, 'Digital Services Convening 2019');
    await expectMainHeading(page, 'The numbers: Digital Services Convening 2019');
    // An edition held before the rooms existed says so in words, with no chart of zeros
    const held = page.getByRole('main');
    await held.getByText('No one joined a session room', { exact: false }).first().waitFor();
  });
});
