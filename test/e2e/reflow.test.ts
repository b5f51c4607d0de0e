import assert from 'node:assert/strict';
import { it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from './support/axe.ts';
import { describeInBrowser, ORGANIZER } from './support/browser.ts';
import {
  expectMainHeading,
  expectNoHorizontalScroll,
  followLink,
  pressKey,
  pressTabUntil,
  screenshot,
  visit,
} from './support/steps.ts';

/** 1280 CSS pixels zoomed to 400%: the width WCAG 1.4.10 Reflow asks content to fit. */
const NARROW = { width: 320, height: 640 };

/**
 * Then every part of the page that scrolls sideways on its own (a wide table) is a named
 * region that Tab reaches, so keyboard users can scroll it with the arrow keys and read all
 * of it; the first is reached with Tab and scrolled. Answers how many there are.
 */
async function expectSidewaysScrollingUsableByKeyboard(page: Page): Promise<number> {
  const scrollers = await page.evaluate(() =>
    Array.from(document.body.querySelectorAll('*'))
      .filter(
        (element) =>
          /(auto|scroll)/.test(getComputedStyle(element).overflowX) &&
          element.scrollWidth > element.clientWidth + 1,
      )
      .map((element, index) => {
        element.setAttribute('data-test-scrolls', String(index));
        const labelledBy = element.getAttribute('aria-labelledby') ?? '';
        return {
          role: element.getAttribute('role'),
          name: (
            element.getAttribute('aria-label') ??
            document.getElementById(labelledBy)?.textContent ??
            ''
          ).trim(),
          tabIndex: (element as HTMLElement).tabIndex,
        };
      }),
  );
  for (const { role, name, tabIndex } of scrollers) {
    assert.equal(role, 'region', `a part that scrolls sideways should be a region (${name})`);
    assert.notEqual(name, '', 'a part that scrolls sideways should be named');
    assert.equal(tabIndex, 0, `Tab should reach "${name}"`);
  }
  if (scrollers.length > 0) {
    const first = page.locator('[data-test-scrolls="0"]');
    await pressTabUntil(page, first, { maxPresses: 80 });
    await pressKey(page, 'ArrowRight');
    // The browser scrolls smoothly: give it a moment to start.
    let scrolled = false;
    for (let tries = 0; tries < 20 && !scrolled; tries++) {
      scrolled = await first.evaluate((element) => element.scrollLeft > 0);
      if (!scrolled) await sleep(50);
    }
    assert.ok(scrolled, `the arrow keys should scroll "${scrollers[0]?.name}" sideways`);
  }
  return scrollers.length;
}

describeInBrowser(
  'Pages at 320 CSS pixels wide',
  { timeZoneRemembered: 'Asia/Singapore', signedInAs: ORGANIZER },
  (browser) => {
    it('shows the programme and a session without scrolling sideways', async () => {
      const { page } = browser;
      await page.setViewportSize(NARROW);
      await visit(page, '/programme');
      await expectNoHorizontalScroll(page);
      await screenshot(page, 'reflow - programme at 320px');

      await followLink(page, 'Opening: collaboration, not competition');
      await expectMainHeading(page, 'Opening: collaboration, not competition');
      await expectNoHorizontalScroll(page);
      await screenshot(page, 'reflow - session at 320px');
    });

    it('shows the organizer’s overview and the fairness page without scrolling sideways, their wide tables scrolling inside with the keyboard', async () => {
      const { page } = browser;
      await page.setViewportSize(NARROW);
      await visit(page, '/organize/editions/dsc-2020');
      await expectNoHorizontalScroll(page);
      await expectSidewaysScrollingUsableByKeyboard(page);
      await screenshot(page, 'reflow - organizer overview at 320px');

      await visit(page, '/organize/editions/dsc-2020/fairness');
      // The tables inside each session's details count too.
      await page.evaluate(() => {
        for (const details of Array.from(document.querySelectorAll('details'))) {
          details.open = true;
        }
      });
      await expectNoAxeViolations(page);
      await expectNoHorizontalScroll(page);
      const scrolling = await expectSidewaysScrollingUsableByKeyboard(page);
      assert.ok(scrolling > 0, 'the fairness tables are too wide for 320px and scroll inside');
      await screenshot(page, 'reflow - fairness at 320px');
    });
  },
);
