/**
 * Steps for the journeys through a session room (docs/realtime.md): several people, each in
 * their own browser context, in the demo's 2020 rooms, which have all ended by the schedule
 * until a moderator opens one.
 */
import type { BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import type { BrowserFixture } from './browser.ts';
import { signInThroughOutbox } from './sign-in.ts';
import { pressButton, visit } from './steps.ts';

/** A person of the demo who takes part in 2020's rooms, as the others see them. */
export interface RoomPerson {
  email: string;
  name: string;
  government: string;
}

/** The demo's moderator of 2020: moderates every room of the edition. */
export const MODERATOR: RoomPerson = {
  email: 'moderator@example.org',
  name: 'Mo Moderator',
  government: '',
};
/** The demo's two registered attendees of 2020. */
export const ADA: RoomPerson = {
  email: 'attendee@example.org',
  name: 'Ada Attendee',
  government: 'Estonia',
};
export const KOFI: RoomPerson = {
  email: 'attendee2@example.org',
  name: 'Kofi Attendee',
  government: 'Ghana',
};

/** What a signed-in context holds; each person signs in once per server (sign-in is rate limited). */
type SignedIn = Awaited<ReturnType<BrowserContext['storageState']>>;
const signedIn = new Map<string, Promise<SignedIn>>();

/**
 * The video calls embedded in rooms. Tests answer them with "204 No Content", so the frame
 * stays an empty page of the room's own origin: no test reaches the internet, and headless
 * Chromium does not send clicks after a scroll to a frame of another site instead of the page.
 */
const VIDEO_CALLS = /^https:\/\/meet\.jit\.si\//;

/**
 * Given a person in a browser context of their own (with or without JavaScript), signed in
 * through the development outbox the first time and with the same session afterwards.
 */
export async function pageAs(
  browser: BrowserFixture,
  person: RoomPerson,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const key = `${browser.server.url} ${person.email}`;
  const known = signedIn.get(key);
  let page: Page;
  if (known) {
    page = await browser.newPage({ ...options, storageState: await known });
  } else {
    page = await browser.newPage({ ...options, storageState: undefined });
    const context = page.context();
    const state = signInThroughOutbox(context, person.email).then(() => context.storageState());
    signedIn.set(key, state);
    await state.catch((error: unknown) => {
      signedIn.delete(key);
      throw error;
    });
  }
  await page.context().route(VIDEO_CALLS, (route) => route.fulfill({ status: 204 }));
  return page;
}

/** The address of the room of the 2020 session with this title, read from the edition's page. */
export async function roomPathOf(page: Page, title: string): Promise<string> {
  const html = await (await page.request.get('/editions/dsc-2020')).text();
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const link = new RegExp(`href="(/editions/dsc-2020/sessions/[^"]+)"[^>]*>\\s*${escaped}\\s*<`);
  const href = link.exec(html)?.[1];
  if (!href) throw new Error(`No session titled "${title}" on the page of dsc-2020.`);
  return `${href}/room`;
}

/** The room's state as its tag shows it, such as "Live now" or "Ended". */
export function roomState(page: Page): Locator {
  return page.locator('[data-room-state]');
}

/** Given a moderator on the room, which has ended by the schedule, opens it with "Open the room now". */
export async function openTheRoom(page: Page, path: string): Promise<void> {
  await visit(page, path);
  if ((await page.getByRole('button', { name: 'Open the room now' }).count()) > 0) {
    await pressButton(page, 'Open the room now');
  }
  const state = (await roomState(page).innerText()).trim().toLowerCase();
  if (state !== 'live now') throw new Error(`The room should be live now, but it says "${state}".`);
}

/** Then the page's live stream is connected: it says it is updating live. */
export async function expectUpdatingLive(page: Page): Promise<void> {
  await page.locator('[data-connection]', { hasText: 'Updating live' }).waitFor();
}

/** Given the person enters the room (axe runs on it) and its stream is connected. */
export async function enterRoom(page: Page, path: string): Promise<void> {
  await visit(page, path);
  if (await page.evaluate(() => document.scripts.length > 0 && 'EventSource' in window)) {
    await expectUpdatingLive(page);
  }
}

/** The chat's messages as shown (not those held back while the chat is paused). */
export function chatMessages(page: Page): Locator {
  return page.locator('[data-chat] > [data-message]');
}

/** The chat message whose text includes this. */
export function chatMessage(page: Page, text: string): Locator {
  return chatMessages(page).filter({ has: page.locator('[data-slot="text"]', { hasText: text }) });
}

/** The question whose text includes this. */
export function question(page: Page, text: string): Locator {
  return page
    .locator('[data-questions] > [data-question]')
    .filter({ has: page.locator('[data-slot="text"]', { hasText: text }) });
}

/** The total shown on a reaction's button, such as the count of applause. */
export function reactionTotal(page: Page, kind: string): Locator {
  return page.locator(`[data-reaction-total="${kind}"]`);
}

/** Waits until the element's text is exactly this (after trimming). */
export async function waitForText(locator: Locator, text: string, timeout = 10_000) {
  await locator
    .page()
    .waitForFunction(
      ({ element, text }) => (element?.textContent ?? '').trim() === text,
      { element: await locator.elementHandle({ timeout }), text },
      { timeout },
    );
}

/** Answers the ids of the items matching the selector, in the order of the page. */
export function idsOf(page: Page, selector: string, attribute: string): Promise<string[]> {
  return page
    .locator(selector)
    .evaluateAll(
      (elements, name) => elements.map((element) => element.getAttribute(name) ?? ''),
      attribute,
    );
}

export interface RoomAnswer {
  ok?: boolean;
  seq?: number;
  messageId?: string;
  questionId?: string;
  status?: string;
  error?: { code: string; message: string };
}

/**
 * Given the person does something in the room through its JSON interface (as a script or bot
 * would: docs/realtime.md, "Posting"), such as POST /messages with { text }. The form token
 * comes from the room page, fetched in the person's context. Fails unless it is accepted,
 * unless `expectStatus` says otherwise.
 */
export async function postToRoom(
  page: Page,
  path: string,
  action: string,
  fields: Record<string, string> = {},
  expectStatus = 200,
): Promise<RoomAnswer> {
  const html = await (await page.request.get(path)).text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error(`No form token on ${path}.`);
  const response = await page.request.post(`${path}${action}`, {
    headers: { accept: 'application/json' },
    form: { ...fields, _csrf: token },
  });
  const answer = (await response.json()) as RoomAnswer;
  if (response.status() !== expectStatus) {
    throw new Error(
      `POST ${action} answered ${response.status()}, expected ${expectStatus}: ${JSON.stringify(answer)}`,
    );
  }
  return answer;
}

/**
 * Starts recording what the page's polite live region (the announcer) says, each time its
 * text changes, so a test can read every announcement made, not only the last.
 */
export async function recordAnnouncements(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const region = document.querySelector('[data-announcer]');
    if (!region) throw new Error('The room has no announcer region.');
    const said: string[] = [];
    (window as unknown as { announcements: string[] }).announcements = said;
    new MutationObserver(() => {
      const text = (region.textContent ?? '').trim();
      if (text) said.push(text);
    }).observe(region, { childList: true, characterData: true, subtree: true });
  });
  return () =>
    page.evaluate(() => [...(window as unknown as { announcements: string[] }).announcements]);
}

/**
 * The accessible name of a control whose words are partly visually hidden, such as
 * "Upvote" and ": How did you fund…": browsers may put a space where the hidden part starts.
 */
export function named(visible: string, hidden: string): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escape(visible)}\\s*${escape(hidden.trim())}$`);
}

/**
 * Records, before the page's own script sees them, the id of every event the page's streams
 * receive (EventSource's lastEventId), in order, so a test can tell whether the server sent
 * anything twice after a reconnect. Call before the page is opened.
 */
export async function recordStreamEvents(page: Page): Promise<() => Promise<string[]>> {
  // No named functions in here: it runs in the page, where tsx's __name is not defined.
  await page.addInitScript(() => {
    const Original = window.EventSource;
    const received: string[] = [];
    Object.assign(window, {
      receivedEventIds: received,
      EventSource: Object.assign(
        function (url: string | URL, init?: EventSourceInit) {
          const source = new Original(url, init);
          source.addEventListener('message', (event) => received.push(event.lastEventId));
          return source;
        },
        { CONNECTING: 0, OPEN: 1, CLOSED: 2, prototype: Original.prototype },
      ),
    });
  });
  return () =>
    page.evaluate(() => [
      ...(window as unknown as { receivedEventIds: string[] }).receivedEventIds,
    ]);
}
