import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeInBrowser, ORGANIZER } from './support/browser.ts';
import {
  expectMainHeading,
  expectStatusMessage,
  fillIn,
  followLink,
  pressButton,
  screenshot,
  visit,
} from './support/steps.ts';

const EDITION = 'Digital Services Convening 2020';

describeInBrowser(
  'The themes of an edition and its themes and takeaways report',
  { timeZoneRemembered: 'Europe/London', signedInAs: ORGANIZER },
  (browser) => {
    it('the organizer writes and publishes the report, a visitor reads it and the themes', async () => {
      const { page } = browser;

      // Given the organizer's list of write-ups of the 2020 edition
      await visit(page, '/organize/editions/dsc-2020/writeups');
      // When they open the report the demo published, and take it back to draft
      await followLink(page, 'The themes and takeaways report of the edition');
      await expectMainHeading(page, 'Themes and takeaways report');
      const draft = await page.getByLabel('Report', { exact: true }).inputValue();
      assert.match(draft, /Themes and takeaways of 2020/);
      assert.match(draft, /^#### /m, 'a heading per theme');
      await pressButton(page, 'Unpublish');
      await expectStatusMessage(page, /The report is a draft again/);
      const early = await browser.newPage({ storageState: undefined });
      const hidden = await early.request.get('/editions/dsc-2020/report');
      assert.equal(hidden.status(), 404, 'a draft report is not public');
      await early.close();

      // And they add to it and publish it again
      await fillIn(
        page,
        'Report',
        `${draft}\n\n### In one line\n\nSmall teams, long budgets, shared code.`,
      );
      await pressButton(page, 'Save and publish');
      await expectStatusMessage(page, /The report was published/);
      await screenshot(page, 'report - organizer published');

      // Then a visitor reads the published report
      const visitor = await browser.newPage({ storageState: undefined });
      await visit(visitor, '/editions/dsc-2020/report');
      await expectMainHeading(visitor, `Themes and takeaways: ${EDITION}`);
      await visitor.getByText('Small teams, long budgets, shared code.').waitFor();
      await screenshot(visitor, 'report - public');

      // And the edition's themes, each with what it gathers
      await visit(visitor, '/editions/dsc-2020/themes');
      await expectMainHeading(visitor, `Themes of ${EDITION}`);
      const themes = visitor.getByRole('main').getByRole('heading', { level: 2 });
      assert.ok((await themes.count()) >= 3, 'the edition’s themes are listed');
      const first = (await themes.first().innerText()).trim();
      await followLink(visitor, first);
      await expectMainHeading(visitor, first);
      await visitor.getByRole('heading', { name: 'Sessions', level: 2 }).waitFor();
      assert.equal(
        await visitor.getByRole('heading', { name: 'Questions', level: 2 }).count(),
        0,
        'a visitor sees no questions',
      );
      await screenshot(visitor, 'themes - one theme as a visitor');
    });
  },
);
