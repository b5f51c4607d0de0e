/**
 * Steps for the organizer's breakout rooms page: someone more registered for 2020, and the
 * rooms of round 1 as the page lists them.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { signInThroughOutbox } from './sign-in.ts';

export const THIRD = { email: 'sarah.hughes@gb.gov.example', name: 'Sarah Hughes' };

/** Given a third person registered for 2020 (the demo has two), so that rooms can differ in size. */
export async function registerThirdPerson(page: Page): Promise<void> {
  const context = page.context();
  await signInThroughOutbox(context, THIRD.email);
  const form = await (await context.request.get('/editions/dsc-2020/registration')).text();
  const token = /name="_csrf" value="([^"]+)"/.exec(form)?.[1];
  assert.ok(token, 'the registration form carries a token');
  const answer = await context.request.post('/editions/dsc-2020/registration', {
    form: {
      _csrf: token,
      attending: 'yes',
      displayName: THIRD.name,
      timeZone: 'Europe/London',
      accessibilityNeeds: '',
      inDirectory: 'no',
    },
  });
  assert.ok(answer.ok(), `registering answered ${answer.status()}`);
}

/** A room of round 1 on the organizer's page. */
export interface ListedRoom {
  /** The id of its element, such as "room-…". */
  id: string;
  /** Its heading, such as "Room 1 (2 people)". */
  heading: string;
  /** The names of its members, in the order listed. */
  members: string[];
}

/** The members of each room of round 1, by room heading, as the organizer's page lists them. */
export function roundOneRooms(page: Page): Promise<ListedRoom[]> {
  return page
    .locator('#round-1')
    .locator('..')
    .locator('.breakout-room')
    .evaluateAll((rooms) =>
      rooms.map((room) => ({
        id: room.id,
        heading: room.querySelector('h4')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
        members: Array.from(room.querySelectorAll('tbody tr td:first-child')).map(
          (cell) => cell.textContent?.trim() ?? '',
        ),
      })),
    );
}
