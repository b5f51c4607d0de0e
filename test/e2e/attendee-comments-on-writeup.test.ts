import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Page } from 'playwright-core';
import { describeInBrowser, ORGANIZER } from './support/browser.ts';
import { ADA, pageAs } from './support/room.ts';
import {
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

const WRITEUPS = '/organize/editions/dsc-2020/writeups';
const TITLE = 'Sharing code between governments';
const COMMENT = 'We publish our code in the open too: happy to compare notes.';

/**
 * Given the organizer on the write-ups of 2020: opens an attributable session whose write-up is
 * not started, writes it and publishes it. Answers the public address of the write-up.
 */
async function publishAWriteup(page: Page): Promise<string> {
  await visit(page, WRITEUPS);
  const row = page
    .getByRole('row')
    .filter({ hasText: 'Attributable' })
    .filter({ hasText: 'Not started' })
    .first();
  const session = (await row.getByRole('link').innerText()).trim();
  await followLink(page, session);
  await fillIn(page, 'Title', TITLE);
  await fillIn(page, 'Summary', 'Reuse starts with publishing.');
  await fillIn(page, 'Write-up', '### What we heard\n\nTeams reuse what others publish.');
  await pressButton(page, 'Save and publish');
  const sessionId = /\/sessions\/([^/]+)\/writeup/.exec(page.url())?.[1];
  assert.ok(sessionId, `the editor's address names the session: ${page.url()}`);
  return `/editions/dsc-2020/writeups/${sessionId}`;
}

/** The comment on the page whose text includes this. */
const commentWith = (page: Page, text: string) =>
  page.locator('[data-comment]').filter({ hasText: text });

describeInBrowser(
  'An attendee commenting on a published write-up',
  { timeZoneRemembered: 'Europe/London', signedInAs: ORGANIZER },
  (browser) => {
    it('comments with the keyboard, sees the comment with her name, and the organizer hides it', async () => {
      const organizer = browser.page;
      // Given a write-up of 2020 the organizer has just published
      const path = await publishAWriteup(organizer);

      // When Ada, a registered attendee, opens it and writes a comment with the keyboard alone
      const ada = await pageAs(browser, ADA);
      await visit(ada, path);
      await expectMainHeading(ada, TITLE);
      await ada.getByRole('heading', { name: 'Comments', level: 2 }).waitFor();
      await pressTabUntil(ada, ada.getByLabel('Your comment', { exact: true }), {
        maxPresses: 80,
      });
      await ada.keyboard.type(COMMENT);
      await pressTabUntil(ada, ada.getByRole('button', { name: 'Add the comment' }));
      await pressKeyToOpenPage(ada, 'Enter');

      // Then she is back on the write-up, told it was added, and sees it under her name
      await expectStatusMessage(ada, 'Your comment was added.');
      assert.match(ada.url(), /#comments$/);
      const mine = commentWith(ada, COMMENT);
      await mine.waitFor();
      assert.equal((await mine.locator('[data-slot="author"]').innerText()).trim(), ADA.name);
      assert.ok(!(await ada.content()).includes(ADA.email), 'her email is not on the page');
      await screenshot(ada, 'writeup comments - attendee added one');

      // When the organizer opens the write-up and hides the comment
      await visit(organizer, path);
      await pressButton(organizer, new RegExp(`^Hide the comment from ${ADA.name}`));

      // Then the organizer still sees it, marked hidden, with a button to show it again
      await expectStatusMessage(organizer, 'The comment was hidden.');
      const hidden = commentWith(organizer, COMMENT);
      await hidden.getByText('Hidden', { exact: true }).waitFor();
      await hidden.getByRole('button', { name: /^Show the comment from/ }).waitFor();

      // And Ada no longer sees it
      await visit(ada, path);
      assert.equal(await commentWith(ada, COMMENT).count(), 0);
      await ada.getByText('No comments yet.').waitFor();
    });
  },
);
