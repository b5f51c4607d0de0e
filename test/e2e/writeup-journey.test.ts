import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeInBrowser, ORGANIZER } from './support/browser.ts';
import { pageAs, type RoomPerson } from './support/room.ts';
import {
  expectMainHeading,
  expectStatusMessage,
  fillIn,
  followLink,
  pressButton,
  pressTabUntil,
  screenshot,
  visit,
} from './support/steps.ts';

const RAPPORTEUR: RoomPerson = {
  email: 'rapporteur@example.org',
  name: 'Rae Rapporteur',
  government: '',
};
const SESSION = 'Funding teams, not projects';

describeInBrowser(
  'A session written up: from the rapporteur’s notes to a published page and its feed',
  { timeZoneRemembered: 'Europe/London', signedInAs: ORGANIZER },
  (browser) => {
    it('the rapporteur keeps notes, the organizer reviews and publishes, a visitor reads it and the feed', async () => {
      const { page } = browser;

      // Given the organizer's list of write-ups, where the session has none yet
      await visit(page, '/organize/editions/dsc-2020');
      await followLink(page, 'Write-ups');
      await expectMainHeading(page, 'Write-ups');
      const sessionLink = page.getByRole('link', { name: SESSION });
      const notesPath = (await sessionLink.getAttribute('href'))!.replace(
        /^\/organize(\/editions\/dsc-2020\/sessions\/[^/]+)\/writeup$/,
        '$1/notes',
      );

      // When the rapporteur writes the session's notes, with the keyboard
      const rae = await pageAs(browser, RAPPORTEUR);
      await visit(rae, notesPath);
      await expectMainHeading(rae, `Notes of the session: ${SESSION}`);
      await rae.locator('h1').focus();
      await pressTabUntil(rae, rae.getByLabel('Key points'), { maxPresses: 60 });
      await rae.keyboard.type('- Fund teams for years, not projects for months.');
      await fillIn(rae, 'Takeaways', 'Ask for a budget line per team.');
      await pressButton(rae, 'Save the notes');
      await expectStatusMessage(rae, 'The notes were saved.');

      // Then the organizer's first draft gathers them
      await followLink(page, SESSION);
      await expectMainHeading(page, `Write-up: ${SESSION}`);
      assert.match(
        await page.getByLabel('Write-up', { exact: true }).inputValue(),
        /### Key points\s+- Fund teams for years, not projects for months\./,
      );

      // When they put the session under the Chatham House rule and name one of its speakers
      const speaker = await browser.newPage({ storageState: undefined });
      await visit(speaker, notesPath.replace(/\/notes$/, ''));
      const speakerName = (await speaker.locator('ul.people li strong').first().innerText()).trim();
      await speaker.close();
      await page.getByLabel('Chatham House rule').check();
      await pressButton(page, 'Save the attribution rule');
      await expectStatusMessage(page, 'The session’s attribution rule was saved.');
      await fillIn(page, 'Summary', 'Teams need funding that lasts longer than a project.');
      const body = await page.getByLabel('Write-up', { exact: true }).inputValue();
      await fillIn(page, 'Write-up', `${body}\n\nAs ${speakerName} put it, fund the team.`);
      await pressButton(page, 'Save and send for review');
      await expectStatusMessage(page, 'The write-up was sent for review.');

      // Then the editor warns, and publishing is refused while the text names them
      await page
        .getByRole('status')
        .filter({ hasText: /This text names people who were in the session or their government/ })
        .waitFor();
      await pressButton(page, 'Save and publish');
      await page
        .locator('[data-error-summary]')
        .getByText(/cannot be published while it names people who were there/)
        .waitFor();
      await screenshot(page, 'writeup editor refusing to publish');
      await fillIn(page, 'Write-up', body);

      // When it no longer names anyone, they publish it
      await pressButton(page, 'Save and publish');
      await expectStatusMessage(page, /The write-up was published/);

      // Then a visitor reads it from the edition's page, printable, and finds it in the feed
      const visitor = await browser.newPage({ storageState: undefined });
      await visit(visitor, '/editions/dsc-2020');
      await followLink(visitor, 'Write-ups of the sessions');
      await expectMainHeading(visitor, 'Write-ups of Digital Services Convening 2020');
      await followLink(visitor, SESSION);
      await expectMainHeading(visitor, SESSION);
      await visitor.getByText('Fund teams for years, not projects for months.').waitFor();
      await visitor.locator('main .notice', { hasText: 'Chatham House rule.' }).waitFor();
      await visitor.emulateMedia({ media: 'print' });
      assert.equal(await visitor.getByRole('navigation', { name: 'Main' }).isVisible(), false);
      await visitor.emulateMedia({ media: 'screen' });
      const feed = await visitor.request.get('/editions/dsc-2020/writeups.atom');
      assert.equal(feed.status(), 200);
      assert.match(await feed.text(), new RegExp(`<title[^>]*>${SESSION}</title>`));
      await visitor.goBack();
      await visitor.getByRole('link', { name: /Follow new write-ups in a feed reader/ }).waitFor();
    });

    it('saves the rapporteur’s notes as they type, and stops, saying why, when someone else saved meanwhile', async () => {
      const { page } = browser;
      await visit(page, '/organize/editions/dsc-2020/writeups');
      const href = await page
        .getByRole('link', { name: 'Talent, capability and what we do next' })
        .getAttribute('href');
      const notesPath = href!.replace(/^\/organize(.*)\/writeup$/, '$1/notes');

      // When the rapporteur types and pauses, without pressing Save
      const rae = await pageAs(browser, RAPPORTEUR);
      await visit(rae, notesPath);
      await rae.getByLabel('Ideas').fill('A shared capability framework.');
      await rae.getByLabel('Ideas').press('End');
      await rae.keyboard.type(' Across ministries.');
      const status = rae.locator('[data-autosave-status]');
      await status.getByText(/^Saved automatically at /).waitFor({ timeout: 15_000 });

      // Then the notes are there after a reload
      await visit(rae, notesPath);
      assert.equal(
        await rae.getByLabel('Ideas').inputValue(),
        'A shared capability framework. Across ministries.',
      );

      // When the organizer saves the same notes meanwhile, and the rapporteur types on
      await visit(page, notesPath);
      await fillIn(page, 'Takeaways', 'Hire for learning.');
      await pressButton(page, 'Save the notes');
      await expectStatusMessage(page, 'The notes were saved.');
      await rae.getByLabel('Struggles shared').fill('Pay scales.');

      // Then autosave stops and says how to see both versions; nothing was overwritten
      await status.getByText(/Someone else saved these notes while you were writing/).waitFor({
        timeout: 15_000,
      });
      await visit(page, notesPath);
      assert.equal(await page.getByLabel('Takeaways').inputValue(), 'Hire for learning.');
      assert.equal(await page.getByLabel('Struggles shared').inputValue(), '');
    });
  },
);
