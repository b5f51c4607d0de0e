import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeInBrowser, ORGANIZER } from './support/browser.ts';
import { registerThirdPerson, roundOneRooms, type ListedRoom } from './support/breakouts.ts';
import { ADA, pageAs } from './support/room.ts';
import {
  expectMainHeading,
  expectStatusMessage,
  fillIn,
  followLink,
  pressButton,
  pressKeyToOpenPage,
  pressTab,
  pressTabUntil,
  visit,
} from './support/steps.ts';

describeInBrowser(
  'An organizer forming breakout rooms',
  { timeZoneRemembered: 'Europe/London', signedInAs: ORGANIZER },
  (browser) => {
    it('plans the rounds, moves a person with the keyboard alone, publishes, and an attendee sees their room', async () => {
      await registerThirdPerson(await browser.newPage());
      const { page } = browser;

      // Given the organizer on the breakout rooms of 2020, from the edition's page
      await visit(page, '/organize/editions/dsc-2020');
      await followLink(page, 'Breakout rooms');
      await expectMainHeading(page, 'Breakout rooms');

      // When they ask for rooms of two or three people and plan all rounds
      await fillIn(page, 'Smallest room', '2');
      await fillIn(page, 'Largest room', '3');
      await pressButton(page, 'Save room sizes');
      await expectStatusMessage(page, /The room sizes were saved/);
      await pressButton(page, 'Plan all rounds');
      await expectStatusMessage(page, /All rounds were planned/);

      // Then every room of round 1 holds two or three people, and the score is in words
      const before = await roundOneRooms(page);
      assert.ok(before.length >= 2, `several rooms: ${JSON.stringify(before)}`);
      for (const room of before)
        assert.ok(
          room.members.length >= 2 && room.members.length <= 3,
          `${room.heading}: ${room.members.join(', ')}`,
        );
      await page
        .getByText(/repeat meetings?:/)
        .first()
        .waitFor();

      // When they allow rooms of one to four, and with the keyboard alone move the first person
      // of the first room to the room the form offers first (the second room)
      await fillIn(page, 'Smallest room', '1');
      await fillIn(page, 'Largest room', '4');
      await pressButton(page, 'Save room sizes');
      await expectStatusMessage(page, /The room sizes were saved/);
      const [first, second] = before as [ListedRoom, ListedRoom];
      const mover = first.members[0]!;
      await page.locator('h1').focus();
      await pressTabUntil(page, page.getByLabel(`Move ${mover} to room`).first(), {
        maxPresses: 200,
      });
      assert.match(await pressTab(page), new RegExp(`Move ${mover}`));
      await pressKeyToOpenPage(page, 'Enter');

      // Then the page says so and the person has changed rooms
      await expectStatusMessage(page, /The person was moved/);
      const after = await roundOneRooms(page);
      const joined = after.find((room) => room.id === second.id);
      assert.ok(joined?.members.includes(mover), `${mover} joined: ${JSON.stringify(after)}`);
      assert.equal(joined?.members.length, second.members.length + 1);
      assert.ok(!after.find((room) => room.id === first.id)?.members.includes(mover));

      // When they publish the rooms
      await pressButton(page, 'Publish the rooms');
      await expectStatusMessage(page, /The rooms were published/);

      // Then Ada sees her room of each round, with the prompt and who is in it
      const ada = await pageAs(browser, ADA);
      await visit(ada, '/editions/dsc-2020/breakouts');
      await expectMainHeading(ada, 'Your breakout room');
      await ada
        .getByRole('heading', { name: /Round 1: Breakout round 1: what surprised you/ })
        .waitFor();
      await ada
        .getByText('Small groups of five or six, mixed across governments and roles.')
        .waitFor();
      assert.ok((await ada.getByText(/Ada Attendee/).count()) >= 1);
      assert.ok(
        (await ada
          .getByRole('link', { name: /^Join Room \d+ of round 1 \(opens in a new tab\)$/ })
          .count()) === 1,
        'a link to join her room of round 1',
      );

      // And the breakout round's page leads there
      await visit(ada, '/editions/dsc-2020');
      await followLink(ada, 'Breakout round 1: what surprised you this year?');
      await followLink(ada, 'Your breakout room');
      await expectMainHeading(ada, 'Your breakout room');
    });

    it('re-plans a published round after two people drop out, and says who moved', async () => {
      const { page } = browser;

      // Given published rooms of one or two people
      await visit(page, '/organize/editions/dsc-2020/breakouts');
      await fillIn(page, 'Smallest room', '1');
      await fillIn(page, 'Largest room', '2');
      await pressButton(page, 'Save room sizes');
      await pressButton(page, 'Plan all rounds');
      await pressButton(page, 'Publish the rooms');
      await expectStatusMessage(page, /The rooms were published/);

      // When the organizer marks two people of round 1 as not there and re-plans the round
      const notThere = page.getByRole('group', { name: 'Who is not there for round 1?' });
      const gone: string[] = [];
      for (const index of [0, 1]) {
        const box = notThere.getByRole('checkbox').nth(index);
        gone.push(
          (
            (await box.evaluate((input) => (input as HTMLInputElement).labels?.[0]?.textContent)) ??
            ''
          ).trim(),
        );
        await box.check();
      }
      await pressButton(page, 'Re-plan round 1');

      // Then the page says the round was re-planned, and neither of them is in a room of round 1
      await expectStatusMessage(page, /The round was re-planned and attendees see their new rooms/);
      const rooms = await roundOneRooms(page);
      for (const label of gone) {
        const name = label.replace(/ \(.*\)$/, '');
        assert.ok(
          rooms.every((room) => !room.members.includes(name)),
          `${name} should have left round 1: ${JSON.stringify(rooms)}`,
        );
      }
    });
  },
);
