import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { describeMessage } from '../support/mail.ts';
import { startSmtpServer } from '../support/smtp-server.ts';
import { describeInBrowser } from './support/browser.ts';
import {
  expectErrorSummary,
  expectFieldError,
  expectMainHeading,
  expectStatusMessage,
  fillIn,
  followLink,
  pressButton,
  pressKeyToOpenPage,
  pressTabUntil,
  visit,
} from './support/steps.ts';

/** The demo attendee (README, "Signing in on the demo"). */
const ADA = { email: 'attendee@example.org', name: 'Ada Attendee' };

// A real SMTP server for the whole file: the product sends every email to it, as with SMTP_HOST
// set in production, so the journey reads both acceptance emails as the two people would.
const smtp = await startSmtpServer();
after(() => smtp.close());

/** The credentials test/support/smtp-server.ts asks for. */
const SMTP_ENV = {
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: String(smtp.port),
  SMTP_SECURE: 'off',
  SMTP_USER: 'convene',
  SMTP_PASSWORD: 'a-test-smtp-password',
  MAIL_FROM: 'Convene <convene@test.example>',
};

/** Waits for the mail worker (every 2 seconds) to deliver a message matching `test`. */
async function waitForMail(
  test: (message: { to: string[]; subject: string; text: string; raw: string }) => boolean,
  what: string,
) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    for (const message of smtp.received) {
      const parsed = { ...(await describeMessage(message.raw)), to: message.to, raw: message.raw };
      if (test(parsed)) return parsed;
    }
    await sleep(250);
  }
  throw new Error(`No email ${what} reached the SMTP server.`);
}

/**
 * Signs a person in as they would with a real mail server: asks for a link at /sign-in, reads
 * the email the SMTP server received, follows its link and confirms.
 */
async function signInBySmtp(context: BrowserContext, email: string): Promise<void> {
  const csrf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const before = smtp.receivedBy(email).length;
  const form = await (await context.request.get('/sign-in')).text();
  const asked = await context.request.post('/sign-in', { form: { email, _csrf: csrf(form) } });
  assert.ok(asked.ok(), `POST /sign-in answered ${asked.status()}`);
  const deadline = Date.now() + 20_000;
  while (smtp.receivedBy(email).length === before && Date.now() < deadline) await sleep(100);
  const message = smtp.receivedBy(email).at(-1);
  assert.ok(message, `a sign-in email to ${email}`);
  const link = /\/sign-in\/[A-Za-z0-9_-]+/.exec((await describeMessage(message.raw)).text)?.[0];
  assert.ok(link, 'the email has a sign-in link');
  const confirm = await (await context.request.get(link)).text();
  const used = await context.request.post(link, { form: { _csrf: csrf(confirm) } });
  assert.ok(used.ok(), `POST ${link} answered ${used.status()}`);
}

/** The name of the n-th person on the page of people worth meeting. */
async function suggestion(page: Page, n: number): Promise<string> {
  const heading = page.locator('[data-suggestion] h2').nth(n);
  return (await heading.innerText()).split(',')[0]!.trim();
}

describeInBrowser(
  'Introductions with consent: asking, accepting, declining and blocking',
  { timeZoneRemembered: 'Europe/London', server: { env: SMTP_ENV } },
  (browser) => {
    it('an attendee asks someone suggested to them, who accepts; both are emailed the other’s address', async () => {
      const { page } = browser;
      await signInBySmtp(browser.context, ADA.email);

      // Given the people worth meeting, with the reasons why
      await visit(page, '/peers');
      await expectMainHeading(page, 'People worth meeting');
      const name = await suggestion(page, 0);
      assert.match(await page.locator('[data-suggestion]').first().innerText(), /have not met yet/);

      // When she asks for an introduction, first forgetting the message
      await followLink(page, `Ask for an introduction to ${name}`);
      await expectMainHeading(page, `Ask for an introduction to ${name}`);
      await pressButton(page, 'Send the request');
      const missing =
        'Enter a short message saying why you would like to be introduced: the person reads it before deciding.';
      await expectErrorSummary(page, [missing]);
      await expectFieldError(page, 'Why would you like to be introduced?', missing);
      await fillIn(
        page,
        'Why would you like to be introduced?',
        'Our team is starting on capability frameworks; I would like to learn from yours.',
      );
      await pressButton(page, 'Send the request');

      // Then her request waits for an answer, and the other person is emailed without her address
      await expectStatusMessage(page, 'Your request was sent.');
      await expectMainHeading(page, 'Introductions');
      assert.match(await page.locator('#outgoing').innerText(), /Waiting for an answer/i);
      const request = await waitForMail(
        (m) => m.subject === `${ADA.name} would like an introduction`,
        'asking for an introduction',
      );
      const theirEmail = request.to[0]!;
      assert.ok(!request.raw.includes(ADA.email), 'the request does not carry her address');
      assert.match(request.text, /learn from yours/);
      assert.ok(!(await page.content()).includes(theirEmail), 'no address on her page');

      // When the other person signs in and accepts
      const other = await browser.newPage({ storageState: undefined });
      await signInBySmtp(other.context(), theirEmail);
      await visit(other, '/introductions');
      await expectMainHeading(other, 'Introductions');
      assert.ok(!(await other.content()).includes(ADA.email), 'no address before accepting');
      await pressButton(other, `Accept the request from ${ADA.name}`);
      await expectStatusMessage(other, 'You accepted the introduction.');

      // Then each of them receives the other's address, by email only
      const toAda = await waitForMail(
        (m) => m.to.includes(ADA.email) && m.subject === `Introduction: ${name}`,
        `to ${ADA.email} with ${name}’s address`,
      );
      assert.match(toAda.text, new RegExp(`You can write to ${name} at: ${theirEmail}`));
      const toThem = await waitForMail(
        (m) => m.to.includes(theirEmail) && m.subject === `Introduction: ${ADA.name}`,
        `to ${theirEmail} with ${ADA.name}’s address`,
      );
      assert.match(toThem.text, new RegExp(`You can write to ${ADA.name} at: ${ADA.email}`));
      await visit(page, '/introductions');
      assert.match(await page.locator('#outgoing').innerText(), /Accepted: check your email/i);
      assert.ok(!(await page.content()).includes(theirEmail), 'still no address on the page');
    });

    it('another person declines, and the asker is not told: the request still reads as waiting', async () => {
      const { page } = browser;
      await signInBySmtp(browser.context, ADA.email);
      await visit(page, '/peers');
      const name = await suggestion(page, 1);
      await followLink(page, `Ask for an introduction to ${name}`);
      await fillIn(page, 'Why would you like to be introduced?', 'Procurement, again.');
      await pressButton(page, 'Send the request');
      await expectStatusMessage(page, 'Your request was sent.');
      const request = await waitForMail(
        (m) => m.subject === `${ADA.name} would like an introduction` && m.text.includes('again.'),
        'asking the second person',
      );

      const other = await browser.newPage({ storageState: undefined });
      await signInBySmtp(other.context(), request.to[0]!);
      await visit(other, '/introductions');
      await pressButton(other, `Decline the request from ${ADA.name}`);
      await expectStatusMessage(other, 'You declined the request. They are not told.');
      assert.match(await other.locator('#incoming').innerText(), /You declined/i);

      // The asker sees it waiting (for the grace period; "Not taken up" after it is tested in
      // test/integration/introductions-web.test.ts, where the clock can move).
      await visit(page, '/introductions');
      const mine = page.locator('#outgoing [data-introduction]').filter({ hasText: name });
      assert.match(await mine.innerText(), /Waiting for an answer/i);
      assert.doesNotMatch(await page.locator('#outgoing').innerText(), /declin/i);
      await sleep(2500);
      assert.ok(
        !smtp.receivedBy(ADA.email).some((m) => m.raw.includes(name)),
        'nothing is mailed to the asker about it',
      );
    });

    it('the person asked blocks the asker from their request, and can unblock them later', async () => {
      const { page } = browser;
      await signInBySmtp(browser.context, ADA.email);
      await visit(page, '/introductions');
      // The demo's request waiting for Ada's answer.
      const request = page
        .locator('#incoming [data-introduction]')
        .filter({ hasText: 'buy software in small pieces' });
      const asker = await request.locator('strong').first().innerText();
      assert.match(await request.innerText(), /Waiting for your answer/i);

      // With the keyboard alone: Tab to the button, press Enter
      await page.locator('h1').focus();
      await pressTabUntil(page, page.getByRole('button', { name: `Block ${asker}` }));
      await pressKeyToOpenPage(page, 'Enter');
      await expectStatusMessage(page, 'The person is blocked');
      assert.match(
        await page
          .locator('#incoming [data-introduction]')
          .filter({ hasText: 'buy software in small pieces' })
          .innerText(),
        /You declined/i,
      );
      assert.match(await page.locator('#blocked').innerText(), new RegExp(asker));

      await pressButton(page, `Unblock ${asker}`);
      await expectStatusMessage(page, 'The person is no longer blocked.');
      assert.doesNotMatch(await page.locator('#blocked').innerText(), new RegExp(asker));
    });
  },
);
