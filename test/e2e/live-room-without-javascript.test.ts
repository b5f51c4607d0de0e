import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Page, Response } from 'playwright-core';
import { expectNoAxeViolations } from './support/axe.ts';
import { describeInBrowser } from './support/browser.ts';
import {
  ADA,
  chatMessage,
  KOFI,
  MODERATOR,
  named,
  openTheRoom,
  pageAs,
  postToRoom,
  question,
  reactionTotal,
  roomPathOf,
} from './support/room.ts';
import { expectFieldError, fillIn, visit } from './support/steps.ts';

// Scripts fail to load on slow or locked-down government networks: every form of the room
// works as a plain form post, which comes back to the room (303) or shows the room again
// with the problem beside the form and the right status.

const SHARING = 'Sharing code and practice across governments';
const COLLABORATION = 'Opening: collaboration, not competition';

/**
 * When the person presses the button of a form: answers the status the post got. Axe runs
 * on the page it comes back to only when asked (`axe`), as each check of a page without
 * JavaScript opens a copy of it, and the room looks the same after most posts.
 */
async function pressAndReadStatus(
  page: Page,
  name: string | RegExp,
  options: { axe?: boolean } = {},
): Promise<number> {
  const [posted] = await Promise.all([
    page.waitForResponse((response: Response) => response.request().method() === 'POST'),
    page.getByRole('button', { name }).click(),
  ]);
  await page.waitForLoadState('load');
  if (options.axe) await expectNoAxeViolations(page);
  return posted.status();
}

/** Then, reloading the page until it does (bounded), the reaction's total reads this. */
async function expectCountAfterReloads(page: Page, kind: string, total: string): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const shown = await reactionTotal(page, kind).textContent();
    if (shown === total) return;
    if (Date.now() > deadline) {
      throw new Error(`The ${kind} total still reads ${shown ?? 'nothing'}, expected ${total}.`);
    }
    await page.reload();
  }
}

describeInBrowser('A session room without JavaScript', (browser) => {
  it('posts a message and a question, upvotes and reacts through plain forms, and shows each problem beside its form', async () => {
    const moderator = await pageAs(browser, MODERATOR);
    const kofi = await pageAs(browser, KOFI);
    const ada = await pageAs(browser, ADA, { javaScriptEnabled: false });
    const path = await roomPathOf(moderator, SHARING);
    await openTheRoom(moderator, path);
    await visit(ada, path);

    // A message, with a link: back in the room, it is in the chat
    await fillIn(ada, 'Message', 'Our repository: https://example.org/code');
    assert.equal(await pressAndReadStatus(ada, 'Send', { axe: true }), 303);
    assert.equal(new URL(ada.url()).hash, '#chat');
    const posted = chatMessage(ada, 'Our repository:');
    await posted.waitFor();
    assert.equal(
      await posted.locator('[data-slot="text"] a').getAttribute('href'),
      'https://example.org/code',
    );

    // A question
    await fillIn(ada, 'Ask a question', 'Which licence do you use?');
    assert.equal(await pressAndReadStatus(ada, 'Ask'), 303);
    assert.equal(new URL(ada.url()).hash, '#questions');
    await question(ada, 'Which licence do you use?').waitFor();

    // A vote for Kofi's question: it counts, and the button says so
    const asked = 'Who maintains the shared code?';
    await postToRoom(kofi, path, '/questions', { text: asked });
    await visit(ada, path);
    assert.equal(await pressAndReadStatus(ada, named('Upvote', `: ${asked}`)), 303);
    const voted = question(ada, asked);
    assert.equal(await voted.locator('[data-slot="votes"]').textContent(), '1');
    assert.equal(
      await voted.getByRole('button', { name: named('Upvoted', `: ${asked}`) }).isDisabled(),
      true,
    );

    // A reaction: it is counted (reactions are stored in bursts, about once a second; see
    // the last test for seeing it at once)
    assert.equal(await pressAndReadStatus(ada, /^Applause/), 303);
    assert.equal(new URL(ada.url()).hash, '#reactions');
    await expectCountAfterReloads(ada, 'applause', '1');

    // An empty message: 400, the message beside the field
    assert.equal(await pressAndReadStatus(ada, 'Send', { axe: true }), 400);
    await expectFieldError(ada, 'Message', 'Write a message before sending it.');

    // A message too long: 400, and what was written is kept to shorten
    const long = 'a'.repeat(1001);
    await ada.getByLabel('Message', { exact: true }).evaluate((field, text) => {
      field.removeAttribute('maxlength');
      (field as HTMLTextAreaElement).value = text;
    }, long);
    assert.equal(await pressAndReadStatus(ada, 'Send'), 400);
    await expectFieldError(
      ada,
      'Message',
      'Your message is 1001 characters long; the limit is 1000. Shorten it and send it again.',
    );
    assert.equal(await ada.getByLabel('Message', { exact: true }).inputValue(), long);

    // An empty question: 400, beside the question's field
    await fillIn(ada, 'Message', '');
    assert.equal(await pressAndReadStatus(ada, 'Ask'), 400);
    await expectFieldError(ada, 'Ask a question', 'Write your question before sending it.');

    // Muted by a moderator while the page was open: 403, said beside the field
    const adaId = await chatMessage(moderator, 'Our repository:').getAttribute('data-author');
    await visit(moderator, path);
    await postToRoom(moderator, path, '/mutes', { personId: adaId ?? '' });
    await fillIn(ada, 'Message', 'Can anyone hear me?');
    assert.equal(await pressAndReadStatus(ada, 'Send', { axe: true }), 403);
    await expectFieldError(ada, 'Message', 'muted');
    await ada.locator('[data-muted-notice]').waitFor();
  });

  it('shows a reaction in its count as soon as the room comes back after the post', async () => {
    const moderator = await pageAs(browser, MODERATOR);
    const ada = await pageAs(browser, ADA, { javaScriptEnabled: false });
    const path = await roomPathOf(moderator, COLLABORATION);
    await openTheRoom(moderator, path);
    await visit(ada, path);
    assert.equal(await pressAndReadStatus(ada, /^Thank you/), 303);
    assert.equal(await reactionTotal(ada, 'thanks').textContent(), '1');
  });
});
