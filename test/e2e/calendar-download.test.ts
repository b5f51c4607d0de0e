import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { it } from 'node:test';
import ICAL from 'ical.js';
import type { Locator, Page } from 'playwright-core';
import { describeInBrowser } from './support/browser.ts';
import { followLink, screenshot, visit } from './support/steps.ts';

/**
 * The sessions of the demo 2020 edition as the organizers planned them in New York, which is
 * five hours behind UTC in November 2020 (EST): what every calendar must hold, in UTC.
 */
const DEMO_2020_SESSIONS_IN_UTC: Array<[title: string, start: string, end: string]> = [
  ['Opening: collaboration, not competition', '2020-11-17T14:00:00Z', '2020-11-17T14:40:00Z'],
  [
    'The digital team you had: responding to coronavirus',
    '2020-11-17T14:45:00Z',
    '2020-11-17T15:45:00Z',
  ],
  [
    'Breakout round 1: what surprised you this year?',
    '2020-11-17T15:50:00Z',
    '2020-11-17T16:15:00Z',
  ],
  [
    'Shipping in weeks, not years: emergency delivery',
    '2020-11-17T16:20:00Z',
    '2020-11-17T17:00:00Z',
  ],
  [
    'From a few digital services to public-sector reform',
    '2020-11-18T14:00:00Z',
    '2020-11-18T15:00:00Z',
  ],
  [
    'Breakout round 2: the struggle you would most like help with',
    '2020-11-18T15:05:00Z',
    '2020-11-18T15:30:00Z',
  ],
  ['Breaking free of big IT vendors', '2020-11-18T15:35:00Z', '2020-11-18T16:15:00Z'],
  ['Sharing code and practice across governments', '2020-11-18T16:20:00Z', '2020-11-18T17:10:00Z'],
  ['Funding teams, not projects', '2020-11-19T14:00:00Z', '2020-11-19T15:00:00Z'],
  [
    'Breakout round 3: your priority for the next six months',
    '2020-11-19T15:05:00Z',
    '2020-11-19T15:30:00Z',
  ],
  ['Talent, capability and what we do next', '2020-11-19T15:35:00Z', '2020-11-19T16:30:00Z'],
];

interface CalendarEvent {
  title: string;
  start: string;
  end: string;
  url: string;
}

/** When the visitor activates a calendar link: answers the downloaded file's name and its events. */
async function downloadCalendar(page: Page, link: Locator) {
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const failure = await download.failure();
  if (failure) throw new Error(`The calendar download failed: ${failure}`);
  const text = await readFile(await download.path(), 'utf8');
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events: CalendarEvent[] = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      title: event.summary,
      start: event.startDate.toJSDate().toISOString().replace('.000Z', 'Z'),
      end: event.endDate.toJSDate().toISOString().replace('.000Z', 'Z'),
      url: String(component.getFirstPropertyValue('url') ?? ''),
    };
  });
  return { filename: download.suggestedFilename(), events };
}

describeInBrowser(
  'Adding the programme to a calendar',
  // Tokyo, so a calendar that used the viewer's time instead of UTC would show it.
  { timezoneId: 'Asia/Tokyo', timeZoneRemembered: 'Asia/Tokyo' },
  (browser) => {
    it('downloads the whole programme as an .ics file with one event per session at its UTC time', async () => {
      const { page } = browser;
      await visit(page, '/programme');

      const link = page.getByRole('link', { name: 'Add the whole programme to your calendar' });
      const { filename, events } = await downloadCalendar(page, link);

      assert.equal(filename, 'dsc-2020.ics');
      assert.deepEqual(
        events
          .map(({ title, start, end }) => [title, start, end])
          .sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
        DEMO_2020_SESSIONS_IN_UTC,
      );
      // Each event leads back to its session's page on this site.
      for (const event of events) {
        assert.match(
          event.url,
          new RegExp(`^${browser.server.url}/editions/dsc-2020/sessions/[0-9a-f-]+$`),
        );
      }
    });

    it('downloads a single session as an .ics file with just that session', async () => {
      const { page } = browser;
      await visit(page, '/programme');
      await followLink(page, 'Breaking free of big IT vendors');

      const link = page.getByRole('link', { name: 'Add this session to your calendar' });
      const { filename, events } = await downloadCalendar(page, link);

      assert.equal(filename, 'dsc-2020-breaking-free-of-big-it-vendors.ics');
      assert.deepEqual(events, [
        {
          title: 'Breaking free of big IT vendors',
          start: '2020-11-18T15:35:00Z',
          end: '2020-11-18T16:15:00Z',
          url: page.url(),
        },
      ]);
      await screenshot(page, 'calendar - session page');
    });
  },
);
