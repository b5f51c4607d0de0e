import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from './support/axe.ts';
import { describeInBrowser, ORGANIZER } from './support/browser.ts';
import {
  choose,
  expectErrorSummary,
  expectMainHeading,
  expectStatusMessage,
  followLink,
  pressButton,
  screenshot,
  visit,
} from './support/steps.ts';

const PAGE = '/organize/editions/dsc-2020/follow-up-groups';
const SUBJECT = /Introducing your follow-up group on/;

/** The theme option that most people named, as the form lists them: "Name (12 people)". */
async function mostNamedTheme(page: Page): Promise<{ label: string; people: number }> {
  const labels = await page.getByLabel('Theme', { exact: true }).locator('option').allInnerTexts();
  const counted = labels
    .map((label) => ({
      label: label.trim(),
      people: Number(/\((\d+) people?\)$/.exec(label.trim())?.[1] ?? 0),
    }))
    .sort((a, b) => b.people - a.people);
  assert.ok(
    counted[0] && counted[0].people >= 3,
    `a theme named by enough people: ${labels.join(' | ')}`,
  );
  return counted[0];
}

/** The rows of the development outbox whose subject introduces a follow-up group. */
async function introductionsInOutbox(page: Page, expected: number): Promise<number> {
  for (let attempt = 0; attempt < 40; attempt++) {
    await visit(page, '/dev/outbox');
    const count = await page.getByRole('row').filter({ hasText: SUBJECT }).count();
    if (count >= expected) return count;
    await page.waitForTimeout(500);
  }
  return page.getByRole('row').filter({ hasText: SUBJECT }).count();
}

const REFUSED =
  'The mail server refused this email address. The mail server said: 550 No such mailbox here';

/**
 * Given one sent introduction that the mail server had refused instead, after its last try.
 * The product here mails into its outbox folder, which never refuses, so the record is
 * changed in its database (SQLite, in the server's data folder) as the worker would leave it.
 * Answers the member's name as the page shows it.
 */
function refuseOneIntroduction(dataDir: string): string {
  const db = new Database(join(dataDir, 'convene.sqlite'));
  try {
    const row = db
      .prepare(
        `select m.id, coalesce(nullif(r.display_name, ''), p.name) as name
         from outgoing_mail m join people p on p.id = m.person_id
         left join registrations r on r.person_id = m.person_id and r.edition_id = m.edition_id
         where m.kind = 'follow-up-group' and m.status = 'sent' order by p.name limit 1`,
      )
      .get() as { id: string; name: string } | undefined;
    assert.ok(row, 'a sent introduction');
    db.prepare(
      `update outgoing_mail set status = 'failed', attempts = 5, sent_at = null, last_error = ? where id = ?`,
    ).run(REFUSED, row.id);
    return row.name;
  } finally {
    db.close();
  }
}

describeInBrowser(
  'An organizer forming follow-up groups',
  { timeZoneRemembered: 'Europe/London', signedInAs: ORGANIZER },
  (browser) => {
    it('forms groups for a struggle, forms them again, sends the introductions once, and the members get them', async () => {
      const page = browser.page;
      // Given the organizer on the edition of 2020
      await visit(page, '/organize/editions/dsc-2020');
      await followLink(page, 'Follow-up groups');
      assert.equal(new URL(page.url()).pathname, PAGE);
      await expectMainHeading(page, 'Follow-up groups');

      // When they ask for groups without choosing a theme
      await pressButton(page, 'Form the groups');
      // Then they are told to choose one
      await expectErrorSummary(page, ['Choose the theme whose groups you want to form.']);

      // When they choose the theme most people named and form groups of 3 to 5
      const theme = await mostNamedTheme(page);
      await choose(page, 'Theme', theme.label);
      await pressButton(page, 'Form the groups');

      // Then everyone who named it is in one group of 3 to 5, with a suggested call
      await expectStatusMessage(page, 'The groups were formed.');
      const members = page.locator('[data-member]');
      assert.equal(await members.count(), theme.people);
      for (const group of await page.locator('[data-group]').all()) {
        const size = await group.locator('[data-member]').count();
        assert.ok(size >= 3 && size <= 5, `a group of ${size}`);
        assert.match(
          await group.locator('[data-suggested-call]').innerText(),
          /^Suggested first call: (Tue|Wed|Thu) .* UTC\)$/,
        );
      }
      await screenshot(page, 'follow-up groups - formed');

      // When they form them again, then send the introductions
      await pressButton(page, /^Form again/);
      await expectStatusMessage(page, 'The groups were formed.');
      assert.equal(await page.locator('[data-member]').count(), theme.people);
      await pressButton(page, /^Send introductions/);

      // Then the groups are marked sent and can no longer be sent again
      await expectStatusMessage(page, 'The introductions are being sent');
      await page.getByText('Introductions sent', { exact: true }).waitFor();
      assert.equal(await page.getByRole('button', { name: /^Send introductions/ }).count(), 0);
      await screenshot(page, 'follow-up groups - sent');

      // And each member gets one introduction naming the others, with the time in UTC too
      const sent = await introductionsInOutbox(page, theme.people);
      assert.equal(sent, theme.people);
      await page.getByRole('row').filter({ hasText: SUBJECT }).first().getByRole('link').click();
      await page.waitForLoadState('load');
      await expectNoAxeViolations(page);
      const text = await page.locator('.mail-text').innerText();
      assert.match(text, /is introducing you to a small follow-up group/);
      assert.match(text, /You did not ask for this introduction/);
      assert.match(text, /The other members of your group:\n- .+: .+@/);
      assert.match(text, /UTC: (Tuesday|Wednesday|Thursday)/);

      // When one of them could not be sent after all, the organizer sees it with the reason
      const refused = refuseOneIntroduction(browser.server.dataDir);
      await visit(page, PAGE);
      const row = page.locator('[data-member]').filter({ hasText: refused });
      await row.getByText('Could not be sent').waitFor();
      await row.getByText(REFUSED).waitFor();
      await screenshot(page, 'follow-up groups - one could not be sent');
      // And when they try again, it is sent once more
      await pressButton(page, `Try again to send to ${refused}`);
      await expectStatusMessage(page, 'The introduction will be sent again in a moment.');
      assert.equal(await introductionsInOutbox(page, theme.people + 1), theme.people + 1);
      await visit(page, PAGE);
      assert.equal(await page.getByText('Could not be sent').count(), 0);
    });
  },
);
