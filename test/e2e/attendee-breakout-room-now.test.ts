import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DateTime } from 'luxon';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { expectNoAxeViolations } from './support/axe.ts';
import { describeInBrowser, ORGANIZER, type BrowserFixture } from './support/browser.ts';
import {
  importProgramme,
  planRoundUnderWay,
  registerFor,
  REHEARSAL,
  REHEARSAL_PEOPLE,
  rehearsalProgramme,
  type RehearsalPerson,
  type RoundUnderWay,
} from './support/rehearsal.ts';
import {
  choose,
  expectMainHeading,
  expectStatusMessage,
  fillIn,
  followLink,
  pressButton,
  screenshot,
  visit,
} from './support/steps.ts';

/** The attendee whose room the journeys follow. */
const ATTENDEE = REHEARSAL_PEOPLE[0]!;
const BREAKOUTS = `/editions/${REHEARSAL.slug}/breakouts`;
const WARNING = 'Two minutes left in this round. Start wrapping up.';
const ENDED = 'The round has ended. Thank you for taking part.';

type SignedIn = Awaited<ReturnType<BrowserContext['storageState']>>;

interface Rehearsal {
  round: RoundUnderWay;
  /** The attendee's signed-in session, to open their page in a context of their own. */
  attendee: SignedIn;
}

/**
 * Given the rehearsal edition with its breakout round under way: the organizer creates the
 * edition, the programme and invitees are imported, the organizer publishes it, six people
 * register, and the organizer plans and publishes rooms of two or three.
 */
async function setUpRehearsal(browser: BrowserFixture): Promise<Rehearsal> {
  const round = planRoundUnderWay();
  const organizer = browser.page;

  // The organizer creates the edition (and so organizes it), one day long: today. Every hour
  // counts as daytime, so that nobody misses the round because it falls in their night,
  // whatever the hour the test runs at.
  await visit(organizer, '/organize');
  await followLink(organizer, 'Create an edition');
  await fillIn(organizer, 'Name', REHEARSAL.name);
  await fillIn(organizer, 'Short address name', REHEARSAL.slug);
  await fillIn(organizer, 'Year', round.date.slice(0, 4));
  await fillIn(organizer, 'Hosts', 'Public Digital');
  await choose(organizer, 'Format', 'Remote');
  await choose(organizer, 'Home time zone', round.homeTimeZone);
  await fillIn(organizer, 'First day', round.date);
  await fillIn(organizer, 'Last day', round.date);
  await fillIn(organizer, 'Daytime starts at (hour)', '0');
  await fillIn(organizer, 'Daytime ends at (hour)', '24');
  await pressButton(organizer, 'Create the edition');
  await expectStatusMessage(organizer, 'The edition was created as a draft.');

  // The day, the round and the invitees come from a programme file, as an operator imports it.
  await importProgramme(browser.server, rehearsalProgramme(round));

  await visit(organizer, `/organize/editions/${REHEARSAL.slug}`);
  await pressButton(organizer, 'Publish the programme');
  await expectStatusMessage(organizer, 'The edition’s status was changed.');

  // Everyone registers, each in a browser context of their own.
  let attendee: SignedIn | undefined;
  for (const person of REHEARSAL_PEOPLE) {
    const page = await browser.newPage({
      storageState: undefined,
      timezoneId: person.timeZone,
    });
    await registerFor(page.context(), REHEARSAL.slug, person);
    if (person === ATTENDEE) attendee = await page.context().storageState();
    await page.context().close();
  }
  assert.ok(attendee, 'the attendee registered');

  await visit(organizer, `/organize/editions/${REHEARSAL.slug}`);
  await followLink(organizer, 'Breakout rooms');
  await expectMainHeading(organizer, 'Breakout rooms');
  await fillIn(organizer, 'Smallest room', '2');
  await fillIn(organizer, 'Largest room', '3');
  await pressButton(organizer, 'Save room sizes');
  await expectStatusMessage(organizer, /The room sizes were saved/);
  await pressButton(organizer, 'Plan all rounds');
  await expectStatusMessage(organizer, /All rounds were planned/);
  await pressButton(organizer, 'Publish the rooms');
  await expectStatusMessage(organizer, /The rooms were published/);
  return { round, attendee };
}

/** The attendee's page, in their own context and time zone (remembered, so it never reloads itself). */
function openAttendeePage(browser: BrowserFixture, rehearsal: Rehearsal): Promise<Page> {
  return browser.newPage({ storageState: rehearsal.attendee, timezoneId: ATTENDEE.timeZone });
}

/** The round featured first, under way now, by its heading. */
function roundUnderWay(page: Page, round: RoundUnderWay): Locator {
  return page.getByRole('region', { name: `Now Round 1: ${round.title}` });
}

/** The members of the attendee's room, as the list shows them, one line each. */
async function membersShown(region: Locator): Promise<string[]> {
  return (await region.locator('[data-breakout-room] ul.people > li').allInnerTexts()).map((text) =>
    text.replace(/\s+/g, ' ').trim(),
  );
}

function personNamed(line: string): RehearsalPerson {
  const person = REHEARSAL_PEOPLE.find((candidate) => line.startsWith(candidate.name));
  assert.ok(person, `"${line}" is one of the rehearsal's people`);
  return person;
}

/** "14:05 GMT+1": the time now in a zone, as the page words it. */
function timeNowIn(zone: string): string {
  return DateTime.now().setZone(zone).setLocale('en-GB').toFormat('HH:mm ZZZZ');
}

/** Seconds from "Time left: 19:42" (or "1:02:03"). */
function secondsLeftIn(text: string): number {
  const match = /^Time left: (?:(\d+):)?(\d{1,2}):(\d{2})$/.exec(text);
  assert.ok(match, `the timer reads "Time left: m:ss", not "${text}"`);
  return Number(match[1] ?? 0) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

describeInBrowser(
  'An attendee in a breakout round under way',
  { signedInAs: ORGANIZER, timeZoneRemembered: ATTENDEE.timeZone },
  (browser) => {
    let rehearsal: Promise<Rehearsal> | undefined;
    const given = () => (rehearsal ??= setUpRehearsal(browser));

    it('sees their room, the prompt and the countdown, warned two minutes before the end', async () => {
      const setUp = await given();
      const { round } = setUp;
      const page = await openAttendeePage(browser, setUp);
      // The browser's clock is Playwright's, running from the real time, so that the test can
      // move it on to the end of the round; the server's clock stays real.
      await page.clock.install();

      // When the attendee opens their breakout room (the minute may turn meanwhile)
      const timesBefore = REHEARSAL_PEOPLE.map((person) => timeNowIn(person.timeZone));
      await visit(page, BREAKOUTS);
      const timesAfter = REHEARSAL_PEOPLE.map((person) => timeNowIn(person.timeZone));
      const localTimes = (person: RehearsalPerson) => {
        const index = REHEARSAL_PEOPLE.indexOf(person);
        return [timesBefore[index], timesAfter[index]];
      };
      await expectMainHeading(page, 'Your breakout room');

      // Then the round under way comes first, with its prompt and when it ends in their time
      const now = roundUnderWay(page, round);
      await now.getByRole('heading', { level: 2, name: `Now Round 1: ${round.title}` }).waitFor();
      await now.getByText(round.prompt, { exact: true }).waitFor();
      const endsThere = DateTime.fromJSDate(round.endsAt, { zone: ATTENDEE.timeZone });
      assert.match(
        await now.getByText(/^The round ends at /).innerText(),
        new RegExp(endsThere.toFormat('HH:mm')),
      );

      // And the members of their room, each with government, role and their time now
      const members = await membersShown(now);
      assert.ok(
        members.length >= 2 && members.length <= 3,
        `a room of two or three: ${members.join(' | ')}`,
      );
      for (const line of members) {
        const person = personNamed(line);
        const zone = person.timeZone.replace(/_/g, ' ');
        assert.ok(
          line.startsWith(
            `${person.name}${person === ATTENDEE ? ' (you)' : ''}, ${person.roleLabel} `,
          ),
          `name and role: "${line}"`,
        );
        assert.ok(
          localTimes(person).some((time) =>
            line.endsWith(`${person.country}. Their time now: ${time} (${zone})`),
          ),
          `government and local time: "${line}"`,
        );
      }
      assert.ok(
        members.some((line) => line.startsWith(`${ATTENDEE.name} (you)`)),
        'the attendee is in the room',
      );

      // And a link to join the room's call
      const join = now.getByRole('link', {
        name: /^Join Room \d+ of round 1 \(opens in a new tab\)$/,
      });
      assert.match((await join.getAttribute('href')) ?? '', /^https:\/\/meet\.jit\.si\/./);

      // And the countdown, ticking, with a live region that has said nothing yet
      const timer = now.locator('[data-countdown-timer]');
      const alert = now.locator('[data-countdown-alert]');
      await timer.filter({ hasText: /^Time left: / }).waitFor();
      const left = secondsLeftIn(await timer.innerText());
      const expectedLeft =
        (round.endsAt.getTime() - (await page.evaluate(() => Date.now()))) / 1000;
      assert.ok(
        Math.abs(left - expectedLeft) <= 3,
        `${left} s left shown, ${Math.round(expectedLeft)} s expected`,
      );
      assert.equal(await alert.getAttribute('aria-live'), 'polite');
      assert.equal((await alert.innerText()).trim(), '');
      await screenshot(page, 'attendee - breakout room during the round');

      // When the round has two minutes left (the browser's clock moved on)
      const pageNow = await page.evaluate(() => Date.now());
      await page.clock.fastForward(round.endsAt.getTime() - pageNow - 115_000);

      // Then the live region warns, once, and the timer shows under two minutes
      await alert.filter({ hasText: WARNING }).waitFor();
      assert.equal((await alert.innerText()).trim(), WARNING);
      assert.match(await timer.innerText(), /^Time left: 1:5\d$/);
      await expectNoAxeViolations(page);
      await screenshot(page, 'attendee - breakout room two minutes before the end');

      // When the end of the round has passed
      await page.clock.fastForward(120_000);

      // Then the live region says the round has ended, and so does the timer
      await alert.filter({ hasText: ENDED }).waitFor();
      assert.equal((await timer.innerText()).trim(), 'The round has ended.');
      await expectNoAxeViolations(page);
    });

    it('sees their new room without reloading when the organizer re-plans the round', async () => {
      const setUp = await given();
      const { round } = setUp;
      const page = await openAttendeePage(browser, setUp);

      // Given the attendee's page open on the round, listening for changes
      const listening = page.waitForResponse(
        (response) => response.url().includes('/room/events') && response.status() === 200,
      );
      await visit(page, BREAKOUTS);
      await listening;
      const now = roundUnderWay(page, round);
      const before = (await membersShown(now)).map(personNamed);
      await page.evaluate(() => {
        (window as unknown as { notReloaded: boolean }).notReloaded = true;
      });

      // When the organizer marks the attendee's room-mates as not there (and, in a room of two,
      // someone of another room, so that two people drop out) and re-plans the round
      const roomMates = before.filter((person) => person !== ATTENDEE);
      const gone = [
        ...roomMates,
        ...REHEARSAL_PEOPLE.filter((person) => !before.includes(person)),
      ].slice(0, Math.max(2, roomMates.length));
      const organizer = browser.page;
      await visit(organizer, `/organize/editions/${REHEARSAL.slug}/breakouts`);
      const notThere = organizer.getByRole('group', { name: 'Who is not there for round 1?' });
      for (const person of gone) {
        await notThere
          .getByRole('checkbox', { name: `${person.name} (${person.country})`, exact: true })
          .check();
      }
      await pressButton(organizer, 'Re-plan round 1');
      await expectStatusMessage(
        organizer,
        /The round was re-planned and attendees see their new rooms/,
      );

      // Then the attendee's page announces the change politely and shows the new room, in place
      const status = page.locator('[data-breakout-status]');
      await status
        .filter({ hasText: 'Your breakout room changed.' })
        .waitFor({ state: 'attached' });
      assert.equal(await status.getAttribute('aria-live'), 'polite');
      const after = (await membersShown(now)).map(personNamed);
      assert.ok(after.includes(ATTENDEE), 'the attendee is still in a room');
      for (const person of gone) {
        assert.ok(
          !after.includes(person),
          `${person.name} left the room: ${after.map((other) => other.name).join(', ')}`,
        );
      }
      assert.ok(
        after.some((person) => !before.includes(person)),
        `someone new shares the room: ${after.map((person) => person.name).join(', ')}`,
      );
      assert.equal(
        await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
        true,
        'the page was not reloaded',
      );
      await now
        .locator('[data-countdown-timer]')
        .filter({ hasText: /^Time left: / })
        .waitFor();
      await expectNoAxeViolations(page);
      await screenshot(page, 'attendee - breakout room after the re-plan');
    });
  },
);
