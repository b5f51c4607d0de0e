import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Locator, Page, Response } from 'playwright-core';
import { describeInBrowser, ORGANIZER } from './support/browser.ts';
import { roundOneRooms, type ListedRoom } from './support/breakouts.ts';
import { ADA, KOFI, pageAs } from './support/room.ts';
import {
  expectMainHeading,
  expectStatusMessage,
  fillIn,
  followLink,
  pressButton,
  pressKeyToOpenPage,
  pressTab,
  pressTabUntil,
  screenshot,
  visit,
} from './support/steps.ts';

const ORGANIZER_PAGE = '/organize/editions/dsc-2020/breakouts';
const ATTENDEE_PAGE = '/editions/dsc-2020/breakouts';

/** What Ada writes, with the keyboard alone for the first two sections. */
const KEY_POINTS = '- Funding is yearly\n- Teams share one designer';
const STRUGGLES = 'Hiring engineers on civil service pay.';
const TAKEAWAYS = 'Try a shared procurement template.';
const QUOTES = '“Start with the service, not the app.” (Ada Attendee)';
/** What she writes in each of her two tabs, then both together. */
const FIRST_TAB = 'Pair designers across ministries.';
const SECOND_TAB = 'Publish the roadmap in the open.';
const MERGED = `${FIRST_TAB}\n${SECOND_TAB}`;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The accessible name of a link or button whose last words are visually hidden. */
const named = (visible: string, hidden: string) =>
  new RegExp(`^${escape(visible)}\\s*${escape(hidden)}$`);

/** The number the organizer's page gives for "People registered". */
async function peopleRegistered(page: Page): Promise<number> {
  const text = await page
    .locator('dt', { hasText: /^People registered$/ })
    .locator('xpath=following-sibling::dd[1]')
    .innerText();
  return Number(text.trim());
}

/** The room of round 1 a person is in, as the organizer's page lists it. */
async function roomOfRoundOne(page: Page, name: string): Promise<ListedRoom> {
  const rooms = await roundOneRooms(page);
  const room = rooms.find((candidate) => candidate.members.includes(name));
  assert.ok(room, `${name} should be in a room of round 1: ${JSON.stringify(rooms)}`);
  return room;
}

/** A room's element on the organizer's page. */
const roomElement = (page: Page, room: ListedRoom): Locator => page.locator(`[id="${room.id}"]`);

/** "Room 3", from the heading "Room 3 (2 people)". */
const nameOf = (room: ListedRoom) => room.heading.replace(/\s*\(.*\)$/, '');

/** The value of the field with this label, as the form holds it now. */
const valueOf = (page: Page, label: string) => page.getByLabel(label, { exact: true }).inputValue();

/** When the visitor presses a button that sends a form: answers the server's answer to it. */
async function pressButtonFor(page: Page, name: string | RegExp): Promise<Response> {
  const answered = page.waitForResponse((response) => response.request().method() === 'POST');
  await pressButton(page, name);
  return answered;
}

describeInBrowser(
  'A rapporteur taking the notes of a breakout room',
  { timeZoneRemembered: 'Europe/London', signedInAs: ORGANIZER },
  (browser) => {
    it('writes them with the keyboard, others in the room read them, two tabs are merged, and the organizer sees who saved them', async () => {
      const { page } = browser;

      // Given the organizer on the breakout rooms of 2020, however many people registered
      await visit(page, ORGANIZER_PAGE);
      await expectMainHeading(page, 'Breakout rooms');
      const registered = await peopleRegistered(page);
      assert.ok(registered >= 2, `Ada and Kofi at least are registered, not ${registered}`);

      // When they allow rooms of two to four people (or as many as there are) and plan all rounds
      await fillIn(page, 'Smallest room', '2');
      await fillIn(page, 'Largest room', String(Math.min(4, registered)));
      await pressButton(page, 'Save room sizes');
      await expectStatusMessage(page, /The room sizes were saved/);
      await pressButton(page, 'Plan all rounds');
      await expectStatusMessage(page, /All rounds were planned/);

      // And, if planning put Kofi elsewhere in round 1, they move him to Ada's room with its form
      // (room sizes of one to fifty first, so that neither room falls outside them)
      let adaRoom = await roomOfRoundOne(page, ADA.name);
      if (!adaRoom.members.includes(KOFI.name)) {
        await fillIn(page, 'Smallest room', '1');
        await fillIn(page, 'Largest room', '50');
        await pressButton(page, 'Save room sizes');
        const kofiRoom = roomElement(page, await roomOfRoundOne(page, KOFI.name));
        await kofiRoom
          .getByLabel(`Move ${KOFI.name} to room`, { exact: true })
          .selectOption(adaRoom.id.replace(/^room-/, ''));
        await kofiRoom.getByRole('button', { name: named('Move', KOFI.name) }).click();
        await page.waitForLoadState('load');
        await expectStatusMessage(page, /The person was moved/);
        adaRoom = await roomOfRoundOne(page, ADA.name);
      }
      assert.ok(
        adaRoom.members.includes(KOFI.name),
        `Kofi shares Ada's room: ${JSON.stringify(adaRoom)}`,
      );
      const roomName = nameOf(adaRoom);
      const ofRoom = `of ${roomName}, round 1`;

      // When they make Ada the rapporteur of her room of round 1
      const rapporteur = page.getByLabel(`Rapporteur ${ofRoom}`, { exact: true });
      await rapporteur.selectOption({ label: ADA.name });
      await pressButton(page, named('Save', `the rapporteur ${ofRoom}`));
      await expectStatusMessage(page, 'The room’s rapporteur was saved.');
      assert.equal(await rapporteur.locator('option:checked').innerText(), ADA.name);
      assert.match(
        await roomElement(page, adaRoom).locator('.room-notes').innerText(),
        /^No notes yet\. Write the notes/,
      );

      // And publish the rooms
      await pressButton(page, 'Publish the rooms');
      await expectStatusMessage(page, /The rooms were published/);

      // Then Ada, on her breakout page, is told she takes the notes, and follows the link
      const ada = await pageAs(browser, ADA);
      await visit(ada, ATTENDEE_PAGE);
      await expectMainHeading(ada, 'Your breakout room');
      await ada
        .getByText(/^You take the notes in this room/)
        .first()
        .waitFor();
      await followLink(ada, named('Write the notes', ofRoom));
      await expectMainHeading(ada, `Notes of ${roomName}, round 1`);
      await screenshot(ada, 'rapporteur notes page');

      // When, with the keyboard alone, she reaches the first section and writes two lines in it
      await pressTabUntil(ada, ada.getByLabel('Key points', { exact: true }), { maxPresses: 60 });
      await ada.keyboard.type(KEY_POINTS);
      // And moves on with Tab to the next section, and writes in that too
      assert.match(await pressTab(ada), /^textarea#field-struggles/);
      await ada.keyboard.type(STRUGGLES);
      // And fills in the rest, then saves with Tab and Enter
      await fillIn(ada, 'Takeaways', TAKEAWAYS);
      await fillIn(ada, 'Quotes cleared for attribution', QUOTES);
      await pressTabUntil(ada, ada.getByRole('button', { name: 'Save the notes' }));
      await pressKeyToOpenPage(ada, 'Enter');

      // Then the page says they were saved, by her, and keeps what she wrote, line breaks and all
      await expectStatusMessage(ada, 'The notes were saved.');
      await expectMainHeading(ada, `Notes of ${roomName}, round 1`);
      assert.equal(await valueOf(ada, 'Key points'), KEY_POINTS);
      assert.equal(await valueOf(ada, 'Struggles shared'), STRUGGLES);
      assert.equal(await valueOf(ada, 'Ideas'), '');
      assert.equal(await valueOf(ada, 'Takeaways'), TAKEAWAYS);
      assert.equal(await valueOf(ada, 'Quotes cleared for attribution'), QUOTES);
      await ada.getByText(/by Ada Attendee \(version 1\)$/).waitFor();

      // When Kofi, in the same room, opens his breakout page
      const kofi = await pageAs(browser, KOFI);
      await visit(kofi, ATTENDEE_PAGE);
      await kofi.getByText(`${ADA.name} takes notes in this room.`).first().waitFor();
      await followLink(kofi, named('Read the notes', ofRoom));

      // Then he reads what she wrote, by section, with nothing to edit
      await expectMainHeading(kofi, `Notes of ${roomName}, round 1`);
      // (her Markdown rendered: the key points are a list)
      const written = kofi.locator('main .notes-text');
      assert.deepEqual(
        (await written.allInnerTexts()).map((text) => text.trim()),
        [KEY_POINTS.replaceAll('- ', ''), STRUGGLES, TAKEAWAYS, QUOTES],
      );
      assert.deepEqual(await written.first().locator('ul > li').allInnerTexts(), [
        'Funding is yearly',
        'Teams share one designer',
      ]);
      assert.deepEqual(
        (await kofi.locator('main h3').allInnerTexts()).map((text) => text.trim()),
        ['Key points', 'Struggles shared', 'Takeaways', 'Quotes cleared for attribution'],
      );
      assert.equal(await kofi.locator('main form').count(), 0, 'no form for a reader');
      assert.equal(await kofi.getByRole('textbox').count(), 0);
      assert.equal(await kofi.getByRole('button', { name: 'Save the notes' }).count(), 0);
      await screenshot(kofi, 'rapporteur notes read by a member');

      // When Ada has the notes open in two tabs, and saves an idea in the first
      const notesPath = new URL(ada.url()).pathname;
      const secondTab = await ada.context().newPage();
      await visit(secondTab, notesPath);
      await fillIn(ada, 'Ideas', FIRST_TAB);
      const first = await pressButtonFor(ada, 'Save the notes');
      assert.equal(first.status(), 303);
      await expectStatusMessage(ada, 'The notes were saved.');

      // And then another idea in the second, which still started from the first version
      await fillIn(secondTab, 'Ideas', SECOND_TAB);
      const second = await pressButtonFor(secondTab, 'Save the notes');

      // Then the second tab answers that she saved meanwhile, with both versions (axe ran on it)
      assert.equal(second.status(), 409);
      // Only the heading and what to do are announced; their text is in the same notice.
      await secondTab
        .getByRole('alert')
        .getByRole('heading', { name: `${ADA.name} saved these notes while you were writing` })
        .waitFor();
      const notice = secondTab.getByRole('region', {
        name: `${ADA.name} saved these notes while you were writing`,
      });
      await notice.locator('.notes-text', { hasText: FIRST_TAB }).waitFor();
      assert.equal(await valueOf(secondTab, 'Ideas'), SECOND_TAB);
      assert.equal(await valueOf(secondTab, 'Key points'), KEY_POINTS, 'nothing else is lost');
      await secondTab.getByRole('heading', { name: 'Your version' }).waitFor();
      await screenshot(secondTab, 'rapporteur notes conflict');

      // When she puts both ideas in the form and saves again
      await fillIn(secondTab, 'Ideas', MERGED);
      const merged = await pressButtonFor(secondTab, 'Save the notes');

      // Then both are kept, as the third version
      assert.equal(merged.status(), 303);
      await expectStatusMessage(secondTab, 'The notes were saved.');
      assert.equal(await valueOf(secondTab, 'Ideas'), MERGED);
      assert.equal(await valueOf(secondTab, 'Key points'), KEY_POINTS);
      await secondTab.getByText(/by Ada Attendee \(version 3\)$/).waitFor();

      // And the page works without JavaScript too: she saves a takeaway from such a browser
      const plain = await pageAs(browser, ADA, { javaScriptEnabled: false });
      await visit(plain, notesPath);
      assert.equal(await valueOf(plain, 'Ideas'), MERGED);
      await fillIn(plain, 'Takeaways', `${TAKEAWAYS}\nMeet again in the spring.`);
      const withoutScripts = await pressButtonFor(plain, 'Save the notes');
      assert.equal(withoutScripts.status(), 303);
      await expectStatusMessage(plain, 'The notes were saved.');
      await plain.getByText(/by Ada Attendee \(version 4\)$/).waitFor();

      // When the organizer looks at the breakout rooms again
      await visit(page, ORGANIZER_PAGE);

      // Then Ada's room says who saved its notes, and the notes open from there
      assert.match(
        await roomElement(page, adaRoom).locator('.room-notes').innerText(),
        /^Notes: Saved by Ada Attendee, .* \(version 4\)\. Read or edit the notes/,
      );
      await followLink(page, named('Read or edit the notes', ofRoom));
      await expectMainHeading(page, `Notes of ${roomName}, round 1`);
      assert.equal(await valueOf(page, 'Ideas'), MERGED);
      assert.equal(await valueOf(page, 'Takeaways'), `${TAKEAWAYS}\nMeet again in the spring.`);
      await page.getByRole('link', { name: 'Back to breakout rooms' }).waitFor();
    });
  },
);
