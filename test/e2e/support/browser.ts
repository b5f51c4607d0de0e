import { accessSync, constants } from 'node:fs';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { markJavaScriptOff } from './axe.ts';
import { startServer, type RunningServer, type StartServerOptions } from './server.ts';
import { signInThroughOutbox } from './sign-in.ts';
import { screenshot } from './steps.ts';

/** Debian's Chromium: the browser tests never download one of their own. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Whether a missing service must fail the run (CI) instead of skipping its suite (a laptop). */
const servicesRequired = process.env.CONVENE_REQUIRE_SERVICES === '1';

/** The time zone and language every page starts with, so dates and times read the same on any machine. */
export const DEFAULT_TIME_ZONE = 'UTC';
export const DEFAULT_LOCALE = 'en-GB';

/** The demo's organizer of every edition (README, "Signing in on the demo"). */
export const ORGANIZER = 'organizer@example.org';

/** The cookie in which the product remembers a visitor's time zone (src/web/plugins/time-zone.ts). */
export const TIME_ZONE_COOKIE = 'convene_tz';

/** Whether Debian's Chromium is installed and can be run. */
export function isChromiumInstalled(): boolean {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Launches Debian's headless Chromium. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
}

/** What a browser test works with; each test gets a fresh context and page. */
export interface BrowserFixture {
  /** The page of the running test, in a fresh context (no cookies, no storage). */
  readonly page: Page;
  readonly context: BrowserContext;
  /** The product under test, shared by every test of the file. */
  readonly server: RunningServer;
  /**
   * Opens another fresh context and page for the running test, such as a second attendee
   * or a person in another time zone. It is closed with the test.
   */
  newPage(options?: BrowserContextOptions): Promise<Page>;
}

export interface BrowserSuiteOptions {
  /** The IANA time zone the browser reports, such as 'Asia/Tokyo'. */
  timezoneId?: string;
  /** The browser's language, such as 'fr-FR'. */
  locale?: string;
  /**
   * A time zone the product already remembers for every visitor of the suite (its cookie), as
   * for someone returning: pages with the "Show times in" form then do not reload themselves
   * to remember the browser's zone on the first visit.
   */
  timeZoneRemembered?: string;
  /**
   * The email of a person of the demo every test of the suite is signed in as, such as
   * 'organizer@example.org'. The suite signs in once, through the development outbox.
   */
  signedInAs?: string;
  /** Extra environment for the server; suites that pass the same env share one server. */
  server?: StartServerOptions;
}

/** A resource started by the first suite of a file that needs it, stopped after the last. */
interface Shared<T> {
  users: number;
  started?: Promise<T>;
}

const servers = new Map<string, Shared<RunningServer>>();
const browsers: Shared<Browser> = { users: 0 };

async function acquire<T>(shared: Shared<T>, start: () => Promise<T>): Promise<T> {
  shared.started ??= start();
  return shared.started;
}

async function release<T>(shared: Shared<T>, stop: (value: T) => Promise<void>): Promise<void> {
  shared.users -= 1;
  if (shared.users > 0 || !shared.started) return;
  const started = shared.started;
  shared.started = undefined;
  // A resource that never started has nothing to stop; its error was already reported.
  const value = await started.catch(() => undefined);
  if (value !== undefined) await stop(value);
}

/**
 * Declares a suite of browser tests against the real product. The server and Chromium
 * start once per test file (suites passing the same server env share them); every test
 * gets a fresh context and page with a fixed time zone and locale. Without Chromium the
 * suite is skipped with a plain reason, or fails when CONVENE_REQUIRE_SERVICES=1.
 */
export function describeInBrowser(title: string, suite: (browser: BrowserFixture) => void): void;
export function describeInBrowser(
  title: string,
  options: BrowserSuiteOptions,
  suite: (browser: BrowserFixture) => void,
): void;
export function describeInBrowser(
  title: string,
  optionsOrSuite: BrowserSuiteOptions | ((browser: BrowserFixture) => void),
  maybeSuite?: (browser: BrowserFixture) => void,
): void {
  const options = typeof optionsOrSuite === 'function' ? {} : optionsOrSuite;
  const suite = typeof optionsOrSuite === 'function' ? optionsOrSuite : maybeSuite;
  if (!suite)
    throw new Error(`describeInBrowser("${title}") needs a function declaring its tests.`);

  if (!isChromiumInstalled()) {
    const reason = `Chromium is not installed at ${CHROMIUM_PATH}`;
    if (servicesRequired) {
      describe(title, () => {
        before(() => {
          throw new Error(`${reason}, and CONVENE_REQUIRE_SERVICES=1 requires it.`);
        });
        it('needs Chromium', () => {});
      });
    } else {
      describe(title, { skip: reason }, () => {});
    }
    return;
  }

  const serverKey = JSON.stringify(options.server?.env ?? {});
  const sharedServer = servers.get(serverKey) ?? { users: 0 };
  servers.set(serverKey, sharedServer);
  // Counted while the file loads, before any suite runs, so the last suite knows it is last.
  sharedServer.users += 1;
  browsers.users += 1;

  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let current: { context: BrowserContext; page: Page } | undefined;
  let signedIn: Awaited<ReturnType<BrowserContext['storageState']>> | undefined;
  let extraContexts: BrowserContext[] = [];
  const contextOptions = (): BrowserContextOptions => ({
    baseURL: server?.url,
    timezoneId: options.timezoneId ?? DEFAULT_TIME_ZONE,
    locale: options.locale ?? DEFAULT_LOCALE,
    viewport: { width: 1280, height: 800 },
    storageState: signedIn,
  });
  const openContext = async (overrides: BrowserContextOptions = {}) => {
    if (!browser) throw new Error('Chromium did not start; see the error of the suite.');
    const context = await browser.newContext({ ...contextOptions(), ...overrides });
    if (overrides.javaScriptEnabled === false) markJavaScriptOff(context);
    if (options.timeZoneRemembered && server) {
      await context.addCookies([
        { name: TIME_ZONE_COOKIE, value: options.timeZoneRemembered, url: server.url },
      ]);
    }
    // Fail in seconds with a useful message rather than waiting for the file's timeout.
    context.setDefaultTimeout(10_000);
    context.setDefaultNavigationTimeout(20_000);
    return context;
  };

  const fixture: BrowserFixture = {
    get page() {
      if (!current) throw new Error('browser.page is only there while a test runs.');
      return current.page;
    },
    get context() {
      if (!current) throw new Error('browser.context is only there while a test runs.');
      return current.context;
    },
    get server() {
      if (!server) throw new Error('The server is only there while the suite runs.');
      return server;
    },
    newPage: async (overrides = {}) => {
      const context = await openContext(overrides);
      extraContexts.push(context);
      return context.newPage();
    },
  };

  describe(title, () => {
    before(
      async () => {
        [server, browser] = await Promise.all([
          acquire(sharedServer, () => startServer(options.server)),
          acquire(browsers, launchBrowser),
        ]);
        if (options.signedInAs) {
          const context = await openContext();
          await signInThroughOutbox(context, options.signedInAs);
          signedIn = await context.storageState();
          await context.close();
        }
      },
      { timeout: 90_000 },
    );

    after(async () => {
      await Promise.all([
        release(browsers, (value) => value.close()),
        release(sharedServer, (value) => value.stop()),
      ]);
    });

    beforeEach(async () => {
      const context = await openContext();
      current = { context, page: await context.newPage() };
    });

    afterEach(async (t) => {
      // Leave a picture of the page behind when a test fails, to see what the user saw.
      if (current && 'passed' in t && t.passed === false) {
        await screenshot(current.page, `failed ${title} ${t.name}`).catch(() => {});
      }
      const contexts = [...extraContexts, ...(current ? [current.context] : [])];
      current = undefined;
      extraContexts = [];
      await Promise.all(contexts.map((context) => context.close()));
    });

    suite(fixture);
  });
}
