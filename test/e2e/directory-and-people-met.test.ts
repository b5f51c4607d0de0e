import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { it } from 'node:test';
import type { Page } from 'playwright-core';
import { describeInBrowser } from './support/browser.ts';
import { ADA, pageAs } from './support/room.ts';
import {
  choose,
  expectErrorSummary,
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

/** What a link with a download attribute gives, read as text. */
async function download(page: Page, linkName: RegExp): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: linkName }).click(),
  ]);
  const path = await file.path();
  assert.ok(path, 'the download was saved');
  return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** The text of the results' heading, such as "42 people". */
const resultsHeading = (page: Page) => page.locator('#results-title').innerText();

describeInBrowser(
  'An attendee in the directory, and the people she met',
  { timeZoneRemembered: 'Europe/London' },
  (browser) => {
    it('opts in choosing what to show, finds a peer by search and filter, and sees and exports who she met', async () => {
      // Given Ada, a registered attendee of 2020 who is not in the directory
      const ada = await pageAs(browser, ADA);
      await visit(ada, '/account');
      await followLink(ada, 'Your entry in the directory');
      await expectMainHeading(ada, 'Your entry in the directory');
      await ada.getByText('You are not in the directory now').waitFor();

      // When she saves without answering, she is told what to do
      await pressButton(ada, 'Save your choices');
      await expectErrorSummary(ada, ['Choose whether you want to appear in the directory']);

      // When she opts in, keeping her themes to herself
      await ada.getByLabel('Yes, list me in the directory').check();
      await ada
        .getByLabel('Themes your team is struggling with and can help with', { exact: true })
        .uncheck();
      await pressButton(ada, 'Save your choices');
      await expectStatusMessage(ada, 'You are in the directory.');
      // Then the preview shows her entry as others see it: her government, not her themes
      const preview = ada.locator('.directory-entry--preview');
      await preview.getByText('Estonia').waitFor();
      assert.equal(await preview.getByText('Struggling with').count(), 0);
      await screenshot(ada, 'directory - your entry');

      // When she opens the directory, she is in it, with no contact detail anywhere
      await followLink(ada, 'Directory of attendees');
      await expectMainHeading(ada, 'Directory of attendees');
      const everyone = Number(/^(\d+) people/.exec(await resultsHeading(ada))?.[1]);
      assert.ok(everyone > 20, `the demo directory lists ${everyone} people`);
      const main = await ada.locator('main').innerText();
      assert.doesNotMatch(main, /@/);
      await screenshot(ada, 'directory - first page');

      // When she goes to the next page of results and picks a peer there
      await followLink(ada, 'Next page');
      await ada.getByRole('navigation', { name: 'Pages of results' }).waitFor();
      const peer = ada.locator('.directory-entry').first();
      const peerName = (await peer.getByRole('heading').innerText()).trim();
      const government = (await peer.locator('dt:text-is("Government") + dd').innerText()).trim();
      const region = /\((\w+)\)/.exec(government)?.[1];
      assert.ok(region, `the peer's region is shown: ${government}`);

      // And searches for them without capitals or accents, filtered by their region
      const typed = peerName
        .normalize('NFD')
        .replace(/\p{Diacritic}/gu, '')
        .toLowerCase();
      await fillIn(ada, 'Search by name, team or country', typed);
      await choose(ada, 'Region', region);
      // With the keyboard alone: from the region's list, Tab to the Search button and press Enter
      await ada.getByLabel('Region', { exact: true }).focus();
      await pressTabUntil(ada, /^Search$/, { maxPresses: 6 });
      await pressKeyToOpenPage(ada, 'Enter');
      // Then she finds them
      assert.match(await resultsHeading(ada), /^\d+ (person|people) found$/);
      await ada.getByRole('heading', { name: peerName, exact: true }).waitFor();
      assert.equal(
        await ada.getByLabel('Region', { exact: true }).inputValue(),
        region.toLowerCase(),
      );
      await screenshot(ada, 'directory - search and filter');

      // When she filters by a region with an unknown value, she is told, not shown an error page
      await visit(ada, '/directory?region=atlantis', { status: 400 });
      await expectErrorSummary(ada, ['Choose a region from the list'], { focused: false });

      // And she finds herself by name
      await visit(ada, '/directory?q=ADA+attendee');
      await ada.getByRole('heading', { name: 'Ada Attendee', exact: true }).waitFor();

      // When she opens the people she met
      await followLink(ada, 'People you met');
      await expectMainHeading(ada, 'People you met');
      await ada
        .getByText(
          /Were in the session The digital team you had: responding to coronavirus together/,
        )
        .first()
        .waitFor();
      const met = await ada.locator('.directory-entry').count();
      assert.ok(met > 2, `she met ${met} people`);
      assert.doesNotMatch(await ada.locator('main').innerText(), /@/);
      await screenshot(ada, 'people you met');

      // Then she downloads them as a spreadsheet and as contact cards
      const csv = await download(ada, /Download as a spreadsheet/);
      assert.equal(csv.name, 'people-you-met.csv');
      const rows = csv.text
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      assert.equal(rows[0], 'Name,Government,Team,Role,Where you met,First met');
      assert.equal(rows.length, met + 1);
      const cards = await download(ada, /Download as contact cards/);
      assert.equal(cards.name, 'people-you-met.vcf');
      assert.equal(cards.text.match(/BEGIN:VCARD\r\nVERSION:4\.0\r\n/g)?.length, met);
      assert.doesNotMatch(cards.text + csv.text, /EMAIL|@/);
    });

    it('sends a visitor who is not signed in to sign in', async () => {
      const { page } = browser;
      await visit(page, '/directory');
      await expectMainHeading(page, /Sign in/);
      await visit(page, '/people-met');
      await expectMainHeading(page, /Sign in/);
    });
  },
);
