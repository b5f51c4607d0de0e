/**
 * Steps for browser tests that read as sentences: "visit the programme, press Tab until
 * the skip link, press Enter, expect focus inside main". Every step that loads a page runs
 * axe on it, and every keyboard step checks that focus can be seen.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Locator, Page, Response } from 'playwright-core';
import { expectNoAxeViolations, type AxeCheckOptions } from './axe.ts';

const SCREENSHOTS = fileURLToPath(new URL('../../../test-results/screenshots/', import.meta.url));

/** An element to reach: a locator, or the accessible name of a link, button or form control. */
export type Target = Locator | string | RegExp;

/** The roles of what keyboard users move between, to find an element by its accessible name. */
const INTERACTIVE_ROLES = [
  'link',
  'button',
  'textbox',
  'searchbox',
  'checkbox',
  'radio',
  'combobox',
  'listbox',
  'option',
  'tab',
  'menuitem',
  'switch',
  'slider',
  'spinbutton',
] as const;

function toLocator(page: Page, target: Target): Locator {
  if (typeof target !== 'string' && !(target instanceof RegExp)) return target;
  return INTERACTIVE_ROLES.map((role) => page.getByRole(role, { name: target })).reduce(
    (all, next) => all.or(next),
  );
}

function describeTarget(target: Target): string {
  return typeof target === 'string' || target instanceof RegExp
    ? `"${String(target)}"`
    : String(target);
}

/** Retries a check for a short while, as the page may still be reacting to the last key. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 2000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
}

export interface VisitOptions {
  /** The HTTP status the page should answer with; by default anything below 400. */
  status?: number;
  axe?: AxeCheckOptions;
}

/** Given a visitor opens a page of the product by its path: checks the answer and runs axe. */
export async function visit(
  page: Page,
  path: string,
  options: VisitOptions = {},
): Promise<Response> {
  const response = await page.goto(path);
  if (!response) throw new Error(`Opening ${path} gave no response.`);
  const status = response.status();
  const expected = options.status;
  if (expected === undefined ? status >= 400 : status !== expected) {
    throw new Error(
      `Opening ${path} answered ${status}, expected ${expected ?? 'a page (below 400)'}.`,
    );
  }
  await expectNoAxeViolations(page, options.axe);
  return response;
}

/**
 * When the visitor follows a link by its text: waits for the next page and runs axe on it.
 * Several links with the same text are fine only when they all lead to the same place.
 */
export async function followLink(page: Page, name: string | RegExp, options: VisitOptions = {}) {
  const links = page.getByRole('link', { name });
  const targets = new Set(
    await links.evaluateAll((elements) => elements.map((element) => element.getAttribute('href'))),
  );
  if (targets.size > 1) {
    throw new Error(
      `Links named ${String(name)} lead to different places (${[...targets].join(', ')}): which one is meant?`,
    );
  }
  await links.first().click();
  await page.waitForLoadState('load');
  await expectNoAxeViolations(page, options.axe);
}

/** When the visitor presses a button (a form's submit): waits for the next page and runs axe on it. */
export async function pressButton(page: Page, name: string | RegExp, options: VisitOptions = {}) {
  await page.getByRole('button', { name }).click();
  await page.waitForLoadState('load');
  await expectNoAxeViolations(page, options.axe);
}

interface FocusState {
  /** The focused element in words, such as: link "Skip to main content". */
  description: string;
  /** False when focus is on nothing in the page (the body, or the browser's own controls). */
  isOnPage: boolean;
  /** Whether focus shows: :focus-visible matches and an outline or box-shadow is drawn. */
  isVisible: boolean;
}

function readFocus(page: Page): Promise<FocusState> {
  return page.evaluate(async () => {
    const element = document.activeElement;
    if (!element || element === document.body || element === document.documentElement) {
      return { description: 'nothing on the page', isOnPage: false, isVisible: false };
    }
    const tag = element.tagName.toLowerCase();
    const role =
      element.getAttribute('role') ??
      (tag === 'a'
        ? 'link'
        : tag === 'input'
          ? `input[type=${element.getAttribute('type') ?? 'text'}]`
          : tag);
    const name = (
      element.getAttribute('aria-label') ||
      (element as HTMLElement).innerText ||
      (element as HTMLInputElement).value ||
      element.getAttribute('title') ||
      ''
    )
      .trim()
      .replace(/\s+/g, ' ')
      .slice(0, 80);
    // Focus inside a frame (the video call, another site's page) matches no :focus on this
    // side, so the page draws the ring on the frame's box (room.js): read it there, once the
    // page has heard that focus left it (a moment after the key).
    const isFrame = tag === 'iframe';
    const drawn = isFrame ? (element.parentElement ?? element) : element;
    if (isFrame)
      for (let wait = 0; wait < 20 && getComputedStyle(drawn).boxShadow === 'none'; wait++)
        await new Promise((resolve) => setTimeout(resolve, 25));
    const style = getComputedStyle(drawn);
    // No named helper functions in here: this runs in the page, where tsx's __name is not defined.
    const hasOutline =
      style.outlineStyle !== 'none' &&
      (style.outlineStyle === 'auto' || parseFloat(style.outlineWidth) > 0) &&
      style.outlineColor !== 'transparent' &&
      !/rgba\(.*,\s*0\)$/.test(style.outlineColor);
    const hasShadow = style.boxShadow !== 'none';
    return {
      description: `${role}${element.id ? `#${element.id}` : ''}${name ? ` "${name}"` : ''}`,
      isOnPage: true,
      isVisible: (isFrame || element.matches(':focus-visible')) && (hasOutline || hasShadow),
    };
  });
}

function assertFocusVisible(state: FocusState): void {
  if (state.isOnPage && !state.isVisible) {
    throw new Error(
      `Focus is on ${state.description} but cannot be seen: no outline or box-shadow when focused (WCAG 2.4.7 Focus Visible).`,
    );
  }
}

/** When the visitor presses Tab (or Shift+Tab) once: checks the focus can be seen and says where it is. */
export async function pressTab(page: Page, options: { backwards?: boolean } = {}): Promise<string> {
  await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
  const state = await readFocus(page);
  assertFocusVisible(state);
  return state.description;
}

/**
 * When a keyboard user presses Tab (or, `backwards`, Shift+Tab) until they reach an element:
 * checks focus can be seen at every stop on the way, and answers how many presses it took.
 * Fails, listing the stops, if the element is not reached.
 */
export async function pressTabUntil(
  page: Page,
  target: Target,
  options: { maxPresses?: number; backwards?: boolean } = {},
): Promise<number> {
  const locator = toLocator(page, target);
  const maxPresses = options.maxPresses ?? 40;
  const stops: string[] = [];
  for (let presses = 1; presses <= maxPresses; presses++) {
    stops.push(await pressTab(page, { backwards: options.backwards }));
    if (await isFocused(locator)) return presses;
  }
  throw new Error(
    `Pressed ${options.backwards ? 'Shift+Tab' : 'Tab'} ${maxPresses} times without reaching ${describeTarget(target)}. Focus went to:\n${stops.map((stop, index) => `  ${index + 1}. ${stop}`).join('\n')}`,
  );
}

/** When the visitor presses a key or chord, such as 'Enter', 'Space' or 'Shift+Tab'. */
export async function pressKey(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key);
}

/**
 * When the visitor presses a key that opens another page, such as Enter on a link or a
 * submit button: waits for the new page and runs axe on it. (A key press, unlike a click,
 * does not wait for the navigation it starts.)
 */
export async function pressKeyToOpenPage(
  page: Page,
  key = 'Enter',
  options: VisitOptions = {},
): Promise<void> {
  const opened = page.waitForEvent('framenavigated', {
    predicate: (frame) => frame === page.mainFrame(),
  });
  await page.keyboard.press(key);
  await opened;
  await page.waitForLoadState('load');
  await expectNoAxeViolations(page, options.axe);
}

/** When the keyboard user selects everything in the focused field and types over it. */
export async function typeOver(page: Page, text: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/** When the visitor types into the field with this label, replacing what was there. */
export async function fillIn(page: Page, label: string, value: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(value);
}

/** When the visitor chooses an option, by its value or its text, from the list with this label. */
export async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).selectOption(option);
}

function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluateAll((elements) =>
    elements.some((element) => element === document.activeElement),
  );
}

/** Then focus is on the element. */
export async function expectFocusOn(page: Page, target: Target): Promise<void> {
  const locator = toLocator(page, target);
  if (await eventually(() => isFocused(locator))) return;
  const { description } = await readFocus(page);
  throw new Error(`Expected focus on ${describeTarget(target)}, but it is on ${description}.`);
}

/** Then focus is on the element or inside it, such as the main content after the skip link. */
export async function expectFocusWithin(page: Page, target: Locator): Promise<void> {
  const isWithin = () =>
    target.evaluate(
      (element) => element === document.activeElement || element.contains(document.activeElement),
    );
  if (await eventually(isWithin)) return;
  const { description } = await readFocus(page);
  throw new Error(`Expected focus within ${String(target)}, but it is on ${description}.`);
}

/** Then the page has exactly one h1 with text in it; answers that text. */
export async function expectMainHeading(page: Page, name?: string | RegExp): Promise<string> {
  const headings = await page.getByRole('heading', { level: 1 }).allInnerTexts();
  if (headings.length !== 1) {
    throw new Error(
      `Expected one h1 on ${page.url()}, found ${headings.length}${headings.length ? `: ${headings.join(' | ')}` : ''}.`,
    );
  }
  const text = (headings[0] ?? '').trim();
  const matches =
    name === undefined ? text !== '' : typeof name === 'string' ? text === name : name.test(text);
  if (!matches) {
    throw new Error(
      `Expected the h1 on ${page.url()} to read ${name === undefined ? 'something' : String(name)}, but it reads "${text}".`,
    );
  }
  return text;
}

/** Then a status message (role=status), which screen readers announce, says this. */
export async function expectStatusMessage(page: Page, text: string | RegExp): Promise<void> {
  const messages = (await page.getByRole('status').allInnerTexts()).map((message) =>
    message.trim().replace(/\s+/g, ' '),
  );
  const matches = (message: string) =>
    typeof text === 'string' ? message.includes(text) : text.test(message);
  if (!messages.some(matches)) {
    throw new Error(
      `Expected a status message saying ${String(text)} on ${page.url()}, but ${messages.length ? `the status messages say: ${messages.join(' | ')}` : 'there is none'}.`,
    );
  }
}

/**
 * Then the error summary comes first in the main content, before the heading, and lists
 * these problems in order, each a link; with `focused` (the default), focus is on it, as the
 * page script puts it there so screen readers read it at once.
 */
export async function expectErrorSummary(
  page: Page,
  messages: string[],
  options: { focused?: boolean } = {},
): Promise<Locator> {
  const summary = page.locator('[data-error-summary]');
  const count = await summary.count();
  if (count !== 1) throw new Error(`Expected one error summary on ${page.url()}, found ${count}.`);
  const listed = (await summary.getByRole('link').allInnerTexts()).map((text) => text.trim());
  if (JSON.stringify(listed) !== JSON.stringify(messages)) {
    throw new Error(
      `Expected the error summary to list:\n  ${messages.join('\n  ')}\nbut it lists:\n  ${listed.join('\n  ') || '(nothing)'}`,
    );
  }
  const isFirst = await summary.evaluate((element) => {
    const main = element.closest('main');
    const heading = main?.querySelector('h1');
    return Boolean(
      main &&
      heading &&
      element.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING,
    );
  });
  if (!isFirst) throw new Error('The error summary should come before the page heading, in main.');
  if (options.focused ?? true) await expectFocusOn(page, summary);
  return summary;
}

/**
 * Then the field with this label shows its error: marked invalid (aria-invalid), with the
 * message visible beside it and part of its description, so screen readers read it with the field.
 */
export async function expectFieldError(page: Page, label: string, message: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  const { invalid, description, visible } = await field.evaluate((element) => {
    const ids = (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    const described = ids.map((id) => document.getElementById(id));
    return {
      invalid: element.getAttribute('aria-invalid'),
      description: described.map((node) => node?.textContent ?? '').join(' '),
      visible: described.some(
        (node) =>
          node instanceof HTMLElement && node.offsetParent !== null && node.innerText !== '',
      ),
    };
  });
  const problems = [
    invalid === 'true' ? '' : `aria-invalid is ${invalid ?? 'missing'}, not "true"`,
    description.includes(message) ? '' : `its description is "${description.trim()}"`,
    visible ? '' : 'no message is visible beside it',
  ].filter(Boolean);
  if (problems.length > 0) {
    throw new Error(
      `Expected the field "${label}" to show the error "${message}", but ${problems.join('; ')}.`,
    );
  }
}

/**
 * Then the page does not scroll sideways at its width (WCAG 1.4.10 Reflow): fails naming
 * what sticks out. Content inside its own scrolling container (a wide table) is allowed.
 */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const result = await page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    // No named helper functions in here: this runs in the page, where tsx's __name is not defined.
    const sticking = Array.from(document.body.querySelectorAll('*'))
      .filter((element) => element.getBoundingClientRect().right > width + 1)
      .filter((element) => {
        // Inside a box that scrolls or clips it, it cannot widen the page; but an absolutely
        // positioned element escapes every such box until the one it is positioned in.
        let clippable = !/^(absolute|fixed)$/.test(getComputedStyle(element).position);
        for (let node = element.parentElement; node && node !== root; node = node.parentElement) {
          const style = getComputedStyle(node);
          if (!clippable && style.position !== 'static') clippable = true;
          if (clippable && /(auto|scroll|hidden|clip)/.test(style.overflowX)) return false;
        }
        return true;
      })
      .slice(0, 10)
      .map((element) => {
        const name = element.tagName.toLowerCase();
        const classes =
          element.className && typeof element.className === 'string'
            ? `.${element.className.trim().split(/\s+/).join('.')}`
            : '';
        return `${name}${classes} (right edge at ${Math.round(element.getBoundingClientRect().right)}px)`;
      });
    return { scrollWidth: root.scrollWidth, width, sticking };
  });
  if (result.scrollWidth > result.width) {
    throw new Error(
      `${page.url()} scrolls sideways at ${result.width}px: it is ${result.scrollWidth}px wide (WCAG 1.4.10 Reflow). Sticking out:\n  ${result.sticking.join('\n  ')}`,
    );
  }
}

/** Saves a full-page picture to test-results/screenshots/<name>.png; answers the file. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 120) || 'page';
  const file = join(SCREENSHOTS, `${slug}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
