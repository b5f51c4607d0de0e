import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { expectNoAxeViolations } from './support/axe.ts';
import { describeInBrowser, ORGANIZER } from './support/browser.ts';
import { registerThirdPerson, roundOneRooms, type ListedRoom } from './support/breakouts.ts';
import {
  expectMainHeading,
  expectStatusMessage,
  fillIn,
  pressButton,
  visit,
} from './support/steps.ts';

const PAGE = '/organize/editions/dsc-2020/breakouts';
const HINT = 'Drag a person to another room, or use the Move form.';
const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

/** The number the page gives for "People registered". */
async function peopleRegistered(page: Page): Promise<number> {
  const text = await page
    .locator('dt', { hasText: /^People registered$/ })
    .locator('xpath=following-sibling::dd[1]')
    .innerText();
  return Number(text.trim());
}

/** A room of the page, by the id of its element. */
const roomOf = (page: Page, room: ListedRoom): Locator => page.locator(`[id="${room.id}"]`);

/** The row of a member, in the room they are listed in. */
const rowOf = (page: Page, room: ListedRoom, name: string): Locator =>
  roomOf(page, room)
    .locator('tbody tr')
    .filter({ has: page.locator('td:first-child').getByText(name, { exact: true }) });

/** The `draggable` attribute of every member row of a room: null where there is none. */
const draggableOf = (room: Locator): Promise<(string | null)[]> =>
  room.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('draggable')));

/**
 * When the organizer drags a row onto a room with the mouse. The drag starts with a small move
 * inside the row, before the room is scrolled into view: Playwright's `dragTo` scrolls the
 * target first, and Chromium then picks up whichever row has come under the pointer.
 */
async function drag(page: Page, row: Locator, room: Locator): Promise<void> {
  await row.locator('td').first().hover();
  const box = await row.locator('td').first().boundingBox();
  assert.ok(box, 'the row is on screen');
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 5, box.y + box.height / 2 + 5, { steps: 3 });
  // Twice, at two points, so the room gets dragenter and dragover as from a real hand.
  await room.hover({ position: { x: 40, y: 20 } });
  await room.hover({ position: { x: 60, y: 30 } });
}

describeInBrowser(
  'An organizer dragging people between breakout rooms',
  { timeZoneRemembered: 'Europe/London', signedInAs: ORGANIZER },
  (browser) => {
    it('drags a person to another room of the round, as the move form would, but not out of a locked room', async () => {
      await registerThirdPerson(await browser.newPage());
      const { page } = browser;

      // Given the organizer on the breakout rooms of 2020, with at least three people registered
      await visit(page, PAGE);
      await expectMainHeading(page, 'Breakout rooms');
      const registered = await peopleRegistered(page);
      assert.ok(registered >= 3, `at least three people are registered, not ${registered}`);

      // And rooms of one or two people planned, then room sizes of one to three, so that any
      // person of a room of two may join any other room of the round (however many registered)
      await fillIn(page, 'Smallest room', '1');
      await fillIn(page, 'Largest room', '2');
      await pressButton(page, 'Save room sizes');
      await pressButton(page, 'Plan all rounds');
      await expectStatusMessage(page, /All rounds were planned/);
      await fillIn(page, 'Smallest room', '1');
      await fillIn(page, 'Largest room', '3');
      await pressButton(page, 'Save room sizes');
      await expectStatusMessage(page, /The room sizes were saved/);

      const before = await roundOneRooms(page);
      const from = before.find((room) => room.members.length >= 2);
      assert.ok(from, `round 1 has a room of two: ${JSON.stringify(before)}`);
      const to = before
        .filter((room) => room !== from)
        .sort((a, b) => a.members.length - b.members.length)[0];
      assert.ok(to, `round 1 has another room: ${JSON.stringify(before)}`);
      const mover = from.members[0]!;

      // Then, with JavaScript, the page says once that people can be dragged, and their rows can be
      await page.getByText(HINT).waitFor();
      assert.equal(await page.getByText(HINT).count(), 1, 'the hint is shown once');
      assert.ok(
        (await draggableOf(roomOf(page, from))).every((value) => value === 'true'),
        'every row of an unlocked room is draggable',
      );
      // And the move form is still there for keyboard and screen-reader users
      await page.getByLabel(`Move ${mover} to room`).first().waitFor();

      // When they pick the person up and hold them over the other room
      await drag(page, rowOf(page, from, mover), roomOf(page, to));

      // Then that room is highlighted as where they will go
      assert.match(
        (await roomOf(page, to).getAttribute('class')) ?? '',
        /breakout-room--drag-over/,
      );
      assert.doesNotMatch(
        (await roomOf(page, from).getAttribute('class')) ?? '',
        /breakout-room--drop-target/,
        'their own room is not a place to drop them',
      );
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: `${SCREENSHOTS}dragging-a-person-over-a-room.png` });

      // When they let go over their own room instead
      await roomOf(page, from).hover({ position: { x: 40, y: 20 } });
      await roomOf(page, from).hover({ position: { x: 60, y: 30 } });
      await page.mouse.up();

      // Then nothing happens: no highlight is left, and the page was not sent
      assert.equal(await page.locator('.breakout-room--drop-target').count(), 0);
      assert.equal(await page.locator('.breakout-room--drag-over').count(), 0);
      assert.doesNotMatch(page.url(), /done=moved/);
      assert.deepEqual(await roundOneRooms(page), before);

      // When they drag the person onto the other room
      const moved = page.waitForURL(/done=moved/);
      await drag(page, rowOf(page, from, mover), roomOf(page, to));
      await page.mouse.up();
      await moved;
      await page.waitForLoadState('load');
      await expectNoAxeViolations(page);

      // Then the page says so, as for the move form, and the person is in the other room
      await expectStatusMessage(page, /The person was moved/);
      const after = await roundOneRooms(page);
      const fromAfter = after.find((room) => room.id === from.id)!;
      const toAfter = after.find((room) => room.id === to.id)!;
      assert.deepEqual(
        fromAfter.members,
        from.members.filter((name) => name !== mover),
        `${mover} left ${from.heading}: ${JSON.stringify(after)}`,
      );
      assert.ok(
        toAfter.members.includes(mover) && toAfter.members.length === to.members.length + 1,
        `${mover} joined ${to.heading}: ${JSON.stringify(after)}`,
      );

      // When they lock the room the person joined
      const roomName = toAfter.heading.replace(/\s*\(.*\)$/, '');
      await pressButton(page, new RegExp(`^Lock ${roomName} of round 1$`));
      await expectStatusMessage(page, /The room was locked/);

      // Then nobody in the locked room can be dragged, but people of unlocked rooms still can
      const locked = page.locator(`[id="${to.id}"]`);
      assert.ok(
        (await draggableOf(locked)).every((value) => value === null || value === 'false'),
        'no row of a locked room is draggable',
      );
      const unlocked = (await roundOneRooms(page)).find(
        (room) => room.id !== to.id && room.members.length > 0,
      );
      assert.ok(unlocked, 'round 1 has an unlocked room with people');
      assert.ok((await draggableOf(roomOf(page, unlocked))).every((value) => value === 'true'));

      // And while someone of another room is dragged, the locked room is no place to drop them
      await drag(page, rowOf(page, unlocked, unlocked.members[0]!), locked);
      assert.doesNotMatch((await locked.getAttribute('class')) ?? '', /breakout-room--/);
      await page.mouse.up();
      assert.doesNotMatch(page.url(), /done=moved/);
    });

    it('has no draggable rows and no drag hint without JavaScript, only the move forms', async () => {
      // (Registering again, after the first test, only saves the same answers.)
      await registerThirdPerson(await browser.newPage());
      const page = await browser.newPage({ javaScriptEnabled: false });

      // Given rooms of one or two people planned
      await visit(page, PAGE);
      await fillIn(page, 'Smallest room', '1');
      await fillIn(page, 'Largest room', '2');
      await pressButton(page, 'Save room sizes');
      await pressButton(page, 'Plan all rounds');
      await expectStatusMessage(page, /All rounds were planned/);

      // Then no row can be dragged, no hint speaks of dragging, and every move form is there
      assert.ok((await page.locator('.breakout-room tbody tr').count()) > 0, 'rooms have people');
      assert.equal(await page.locator('[draggable]').count(), 0);
      assert.equal(await page.getByText(HINT).count(), 0);
      assert.ok((await page.locator('form.move-form').count()) > 0);
    });
  },
);
