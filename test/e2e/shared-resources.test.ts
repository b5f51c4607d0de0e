import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeInBrowser } from './support/browser.ts';
import { ADA, KOFI, pageAs } from './support/room.ts';
import {
  choose,
  expectErrorSummary,
  expectFieldError,
  expectMainHeading,
  expectStatusMessage,
  fillIn,
  followLink,
  pressButton,
  pressKeyToOpenPage,
  pressTabUntil,
  screenshot,
  visit,
} from './support/steps.ts';

const TITLE = 'Estonian open-source identity toolkit';
const THEME = 'Cross-government collaboration and code sharing';
/** Ada took part in 2020 only, so the share form names its themes without the edition. */
const THEME_OF_2020 = THEME;
const COMMENT = 'We are looking at this for our own sign-in service: can we talk?';

describeInBrowser(
  'Sharing and finding resources',
  { timeZoneRemembered: 'Europe/London' },
  (browser) => {
    it('an attendee shares a resource, finds it by theme and government, and another comments on it', async () => {
      // Given Ada, who took part in 2020, on the shared resources
      const ada = await pageAs(browser, ADA);
      await visit(ada, '/resources');
      await expectMainHeading(ada, 'Shared resources');
      // The demo's resources are there to browse
      assert.ok((await ada.locator('[data-resource]').count()) >= 3);

      // When she shares a code repository with a link that is not a web address
      await followLink(ada, 'Share a resource');
      await expectMainHeading(ada, 'Share a resource');
      await fillIn(ada, 'Title', TITLE);
      await ada.getByRole('radio', { name: 'Code repository' }).check();
      await fillIn(ada, 'Link', 'javascript:alert(document.cookie)');
      await fillIn(ada, 'Description (optional)', 'Libraries for **electronic identity**.');
      await ada.getByRole('checkbox', { name: THEME_OF_2020 }).check();
      await pressButton(ada, 'Share the resource');

      // Then she is told what is wrong with the link, and what she typed is kept
      await expectErrorSummary(ada, [
        'Links must start with https:// or http://; “javascript:” links cannot be shared. Enter the web address of the resource.',
      ]);
      await expectFieldError(
        ada,
        'Link',
        'Links must start with https:// or http://; “javascript:” links cannot be shared. Enter the web address of the resource.',
      );
      assert.equal(await ada.getByLabel('Title', { exact: true }).inputValue(), TITLE);
      assert.ok(await ada.getByRole('checkbox', { name: THEME_OF_2020 }).isChecked());
      await screenshot(ada, 'shared resources - a problem with the link');

      // When she corrects it and shares it
      await fillIn(ada, 'Link', 'https://code.example.ee/identity-toolkit');
      await pressButton(ada, 'Share the resource');

      // Then the resource's page shows it, with a link that does not pass on who sent the visitor
      await expectStatusMessage(ada, 'Your resource was shared.');
      await expectMainHeading(ada, TITLE);
      const link = ada.locator('[data-resource-link]');
      assert.equal(await link.getAttribute('href'), 'https://code.example.ee/identity-toolkit');
      assert.equal(await link.getAttribute('rel'), 'noopener noreferrer nofollow ugc');
      assert.equal(
        await ada.locator('[data-resource-description] strong').innerText(),
        'electronic identity',
      );
      await screenshot(ada, 'shared resources - a resource shared');

      // When Kofi looks for resources on code sharing from Estonia
      const kofi = await pageAs(browser, KOFI);
      await visit(kofi, '/resources');
      await choose(kofi, 'Theme', THEME);
      await choose(kofi, 'Government', 'Estonia');
      await pressButton(kofi, 'Show resources');

      // Then he finds Ada's resource, and only resources from Estonia
      const found = kofi.locator('[data-resource]');
      await found.filter({ hasText: TITLE }).waitFor();
      for (const text of await found.allInnerTexts()) assert.match(text, /from Estonia/);
      await screenshot(kofi, 'shared resources - found by theme and government');

      // When he opens it and comments with the keyboard alone
      await followLink(kofi, TITLE);
      await pressTabUntil(kofi, kofi.getByLabel('Your comment', { exact: true }), {
        maxPresses: 60,
      });
      await kofi.keyboard.type(COMMENT);
      await pressTabUntil(kofi, kofi.getByRole('button', { name: 'Add the comment' }));
      await pressKeyToOpenPage(kofi, 'Enter');

      // Then the comment is there under his name, for Ada too
      await expectStatusMessage(kofi, 'Your comment was added.');
      await visit(ada, new URL(kofi.url()).pathname);
      const comment = ada.locator('[data-comment]').filter({ hasText: COMMENT });
      await comment.waitFor();
      assert.equal((await comment.locator('[data-slot="author"]').innerText()).trim(), KOFI.name);
      // Kofi may not change Ada's resource: no links to
      await visit(kofi, new URL(kofi.url()).pathname);
      assert.equal(await kofi.getByRole('link', { name: 'Change this resource' }).count(), 0);
    });
  },
);
