import assert from 'node:assert/strict';
import { it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from './support/axe.ts';
import { describeInBrowser, ORGANIZER } from './support/browser.ts';
import { followLinkInMessage, openNewestMessageTo } from './support/outbox.ts';
import {
  choose,
  expectErrorSummary,
  expectFocusOn,
  expectMainHeading,
  expectStatusMessage,
  followLink,
  pressButton,
  screenshot,
  visit,
} from './support/steps.ts';

/** Two new fictional people, in the format of docs/invitees-import.md (governments the demo knows). */
const TIINA = { name: 'Tiina Saar', email: 'tiina.saar@e2e.ee.example' };
const KOFI = { name: 'Kofi Asante', email: 'kofi.asante@e2e.gh.example' };
const NEW_PEOPLE_CSV = [
  'name,email,government,country,team,role,team_maturity,time_zone',
  `${TIINA.name},${TIINA.email},EE,,,product-manager,momentum,Europe/Tallinn`,
  `${KOFI.name},${KOFI.email},GH,,,engineer,starting,Africa/Accra`,
  '',
].join('\n');

/** A file with an unknown role on row 2 and two more problems on row 3. */
const BAD_CSV = [
  'name,email,government,country,team,role,team_maturity,time_zone',
  'Ines Duarte,ines.duarte@e2e.pt.example,PT,,,wizard,momentum,Europe/Lisbon',
  'Rahul Iyer,rahul.iyer@e2e.in.example,IN,,,engineer,sometimes,Mars/Olympus',
  '',
].join('\n');

/** Two sessions of the demo's 2020 programme the invitee plans to attend. */
const CHOSEN_SESSIONS = [
  'Breaking free of big IT vendors',
  'Sharing code and practice across governments',
];

/** How long the background worker may take to send the demo's invitations and ours. */
const SENDING_TIMEOUT_MS = 30_000;

/** The status of one invitee on the invitations page, such as "Invitation sent". */
async function invitationStatusOf(page: Page, email: string): Promise<string> {
  const row = page.getByRole('row').filter({ hasText: email });
  return (await row.getByRole('cell').nth(3).innerText()).trim();
}

/**
 * When the organizer follows "Refresh" on the invitations page until the invitation to this
 * person shows as sent; fails after a while, saying where it stopped.
 */
async function refreshUntilSent(page: Page, email: string): Promise<void> {
  const deadline = Date.now() + SENDING_TIMEOUT_MS;
  for (;;) {
    const status = await invitationStatusOf(page, email);
    if (status.startsWith('Invitation sent')) return;
    if (Date.now() > deadline) {
      throw new Error(
        `The invitation to ${email} is still "${status}" after ${SENDING_TIMEOUT_MS} ms.`,
      );
    }
    await sleep(1000);
    // The page's one "Refresh" link (while sending, "See how far it has got" leads to #latest)
    await page.getByRole('link', { name: 'Refresh', exact: true }).click();
    await page.waitForLoadState('load');
    await expectNoAxeViolations(page);
  }
}

/** The people listed on the invitees page, by email. */
async function inviteeEmails(page: Page): Promise<string[]> {
  return page
    .locator('main table tbody tr')
    .evaluateAll((rows) => rows.map((row) => row.children[1]?.textContent?.trim() ?? ''));
}

describeInBrowser(
  'An organizer inviting people, and an invitee registering',
  { signedInAs: ORGANIZER },
  (browser) => {
    it('imports two people from pasted rows, sends their invitations, and one of them registers for two sessions through the link', async () => {
      const { page } = browser;

      // Given the organizer on the import page of the 2020 edition
      await visit(page, '/organize/editions/dsc-2020');
      await expectMainHeading(page, 'Digital Services Convening 2020');
      await followLink(page, 'Import invitees');
      await expectMainHeading(page, 'Import invitees');

      // When they paste the rows of two new people and check them
      await page.getByLabel('Or paste the rows', { exact: true }).fill(NEW_PEOPLE_CSV);
      await pressButton(page, 'Check the file');

      // Then they see both as new people who will be invited, with nothing saved yet
      await expectMainHeading(page, 'Check the changes before importing');
      for (const person of [TIINA, KOFI]) {
        const row = page.getByRole('row').filter({ hasText: person.email });
        assert.match(await row.innerText(), new RegExp(`${person.name}[\\s\\S]*Will be invited`));
      }
      await screenshot(page, 'invitees - import preview');

      // When they confirm, the invitees list shows them, with focus on the message
      await pressButton(page, 'Import 2 invitees');
      await expectMainHeading(page, 'Invitees');
      await expectStatusMessage(page, 'Imported 2 invitees: 2 new, 0 updated, 2 newly invited.');
      await expectFocusOn(page, page.getByRole('status'));
      const listed = await inviteeEmails(page);
      assert.ok(listed.includes(TIINA.email) && listed.includes(KOFI.email));

      // When they send invitations to everyone not yet invited
      await visit(page, '/organize/editions/dsc-2020');
      await followLink(page, 'Send invitations and follow them');
      await expectMainHeading(page, 'Invitations');
      await pressButton(page, 'Send invitations to the 58 people not yet invited');
      await expectStatusMessage(page, '58 invitations are being sent.');
      await expectFocusOn(page, page.getByRole('status'));

      // Then the background worker sends them, as "Refresh" shows within seconds
      await refreshUntilSent(page, TIINA.email);
      await screenshot(page, 'invitations - sent');

      // When the new invitee, signed out on their own device, follows the link in their invitation
      const invitee = await browser.newPage({ storageState: undefined });
      await openNewestMessageTo(invitee, TIINA.email);
      await followLinkInMessage(invitee, '/invitations/');
      await expectMainHeading(invitee, 'Your invitation');
      await pressButton(invitee, 'Continue to your invitation');

      // Then they are signed in on the registration of 2020
      assert.equal(new URL(invitee.url()).pathname, '/editions/dsc-2020/registration');
      await expectMainHeading(invitee);

      // When they say they will attend, choose their time zone and two sessions, and save
      await invitee.getByRole('radio', { name: 'Yes, I will attend' }).check();
      await choose(invitee, 'Your time zone', 'Europe/Tallinn');
      for (const title of CHOSEN_SESSIONS) {
        await invitee.getByRole('checkbox', { name: new RegExp(`^${title}`) }).check();
      }
      await invitee.getByRole('radio', { name: 'No, do not list me' }).check();
      await pressButton(invitee, 'Save your answers');

      // Then they see what they told the organizers, with focus on the message saying it was saved
      await expectStatusMessage(invitee, 'Your answers were saved.');
      await expectFocusOn(invitee, invitee.getByRole('status'));
      const planned = await invitee.locator('.planned-sessions a').allInnerTexts();
      assert.deepEqual([...planned].sort(), [...CHOSEN_SESSIONS].sort());
      await screenshot(invitee, 'registration - confirmation');

      // And their programme marks those two sessions, and only those, "You plan to attend"
      await followLink(invitee, 'See your programme');
      const marked = await invitee
        .locator('.session')
        .filter({ has: invitee.getByText('You plan to attend', { exact: true }) })
        .locator('.session__title')
        .allInnerTexts();
      assert.deepEqual(marked.map((title) => title.trim()).sort(), [...CHOSEN_SESSIONS].sort());
    });

    it('refuses an uploaded file with an unknown role, listing every problem by row and column, and imports nobody', async () => {
      const { page } = browser;
      await visit(page, '/organize/editions/dsc-2020/invitees');
      const before = await inviteeEmails(page);
      await followLink(page, 'Import invitees from a CSV file');

      // When they upload a file with an unknown role, an unknown maturity and an unknown zone
      await page.getByLabel('Upload a CSV file', { exact: true }).setInputFiles({
        name: 'invitees.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(BAD_CSV, 'utf8'),
      });
      await pressButton(page, 'Check the file');

      // Then every problem is listed at the top, with focus, named by row and column
      await expectMainHeading(page, 'Import invitees');
      const summary = await expectErrorSummary(page, [
        'Row 2, column role: Role "wizard" is not one we know. Choose one of: minister, chief-digital-officer, chief-technology-officer, policy-advisor, ux-designer, product-manager, engineer, other.',
        'Row 3, column team_maturity: Maturity "sometimes" is not one we know. Choose one of: starting, momentum.',
        'Row 3, column time_zone: "Mars/Olympus" is not a time zone we know. Use an IANA name such as Africa/Nairobi.',
      ]);
      assert.match(await summary.innerText(), /nothing was imported/);
      const where = await page.locator('.import-problem__where').allInnerTexts();
      assert.deepEqual(where, [
        'Row 2, column role',
        'Row 3, column team_maturity',
        'Row 3, column time_zone',
      ]);
      await screenshot(page, 'invitees - import problems');

      // And each problem's link takes focus to its row in the table
      await page.getByRole('link', { name: /^Row 3, column time_zone/ }).click();
      await expectFocusOn(page, page.getByRole('row', { name: /Row 3, column time_zone/ }));

      // And nobody was imported
      await visit(page, '/organize/editions/dsc-2020/invitees');
      assert.deepEqual(await inviteeEmails(page), before);
    });
  },
);
