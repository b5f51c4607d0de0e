import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeInBrowser } from './support/browser.ts';
import { expectMainHeading, followLink, screenshot, visit } from './support/steps.ts';

const ARCHIVE_NOTICE = 'This edition is in the archive.';

describeInBrowser(
  'The archive of past editions',
  { timeZoneRemembered: 'Europe/Berlin' },
  (browser) => {
    it('lists the 2018 and 2019 editions, whose pages say they are in the archive', async () => {
      const { page } = browser;
      await visit(page, '/editions');
      await expectMainHeading(page, 'All editions');
      const editions = page.getByRole('main').getByRole('listitem');
      const listed = await editions.allInnerTexts();
      for (const year of [2018, 2019]) {
        const entry = listed.find((text) => text.includes(`Digital Services Convening ${year}`));
        assert.ok(entry, `the ${year} edition is listed`);
        assert.match(entry, /Harvard Kennedy School, Cambridge, Massachusetts \(Boston\)/);
        assert.match(entry, /Archived/i);
        const link = page.getByRole('link', { name: `Digital Services Convening ${year}` });
        assert.equal(await link.getAttribute('href'), `/editions/dsc-${year}`);
      }

      // Following an edition from the list opens its page, which says it is in the archive
      await followLink(page, 'Digital Services Convening 2019');
      await expectMainHeading(page, 'Digital Services Convening 2019');
      assert.equal(new URL(page.url()).pathname, '/editions/dsc-2019');
      await page.getByText(ARCHIVE_NOTICE).waitFor();
      assert.ok(
        (await page.locator('.session').count()) >= 4,
        'its sessions are still there to read',
      );

      // And so does the 2018 edition's page
      await visit(page, '/editions/dsc-2018');
      await expectMainHeading(page, 'Digital Services Convening 2018');
      await page.getByText(ARCHIVE_NOTICE).waitFor();
      assert.ok(
        (await page.locator('.session').count()) >= 4,
        'its sessions are still there to read',
      );
      await screenshot(page, 'archive - the 2018 edition');

      // And the notice leads to the current programme, which is not in the archive
      await followLink(page, 'See the current programme');
      await expectMainHeading(page, 'Digital Services Convening 2020');
      assert.doesNotMatch(await page.getByRole('main').innerText(), new RegExp(ARCHIVE_NOTICE));
    });
  },
);
