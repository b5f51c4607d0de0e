import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeInBrowser } from './support/browser.ts';
import {
  ADA,
  chatMessage,
  chatMessages,
  enterRoom,
  expectUpdatingLive,
  idsOf,
  KOFI,
  MODERATOR,
  named,
  openTheRoom,
  pageAs,
  postToRoom,
  question,
  reactionTotal,
  recordAnnouncements,
  roomPathOf,
  roomState,
  waitForText,
} from './support/room.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import {
  expectFieldError,
  expectMainHeading,
  expectNoHorizontalScroll,
  followLink,
  pressButton,
  screenshot,
  visit,
} from './support/steps.ts';

// A session room: two attendees and a moderator, each in their own browser, see each other's
// chat, questions, votes and reactions as they happen, without reloading (docs/realtime.md).

const OPENING = 'Opening: collaboration, not competition';
const SHIPPING = 'Shipping in weeks, not years: emergency delivery';
const REFORM = 'From a few digital services to public-sector reform';

describeInBrowser('A session room, live', (browser) => {
  it('shows questions, votes, answers, chat, replies, hidden messages and reactions to everyone as they happen', async () => {
    const moderator = await pageAs(browser, MODERATOR);
    const ada = await pageAs(browser, ADA);
    const kofi = await pageAs(browser, KOFI);

    // Given the moderator enters the room from the session's page and opens it
    const path = await roomPathOf(moderator, OPENING);
    await visit(moderator, path.replace(/\/room$/, ''));
    await followLink(moderator, /^Enter the session room/);
    await expectMainHeading(moderator, OPENING);
    await openTheRoom(moderator, path);

    // And both attendees are in it
    await enterRoom(ada, path);
    await enterRoom(kofi, path);
    await expectUpdatingLive(moderator);

    // When Ada asks a question
    const asked = 'How did you fund the first team?';
    await ada.getByLabel('Ask a question').fill(asked);
    await ada.getByRole('button', { name: 'Ask', exact: true }).click();
    await ada
      .locator('[data-live-form="question"] [data-form-status]', { hasText: 'Sent.' })
      .waitFor();

    // Then Kofi sees it appear, and upvotes it
    const kofisQuestion = question(kofi, asked);
    await kofisQuestion.waitFor();
    assert.match(await kofisQuestion.locator('[data-slot="asker"]').innerText(), /Ada Attendee/);
    await kofisQuestion.getByRole('button', { name: named('Upvote', `: ${asked}`) }).click();
    await kofisQuestion.getByRole('button', { name: named('Upvoted', `: ${asked}`) }).waitFor();
    assert.equal(
      await kofisQuestion
        .getByRole('button', { name: named('Upvoted', `: ${asked}`) })
        .isDisabled(),
      true,
    );

    // And the moderator sees the vote, and marks the question answered
    const moderatorsQuestion = question(moderator, asked);
    await waitForText(moderatorsQuestion.locator('[data-slot="votes"]'), '1');
    await moderatorsQuestion
      .getByRole('button', { name: named('Mark answered', `: ${asked}`) })
      .click();

    // Then both attendees see it marked answered
    for (const page of [ada, kofi]) {
      const answered = question(page, asked);
      await answered.and(page.locator('[data-status="answered"]')).waitFor();
      assert.equal(await answered.locator('[data-slot="status"]').textContent(), 'Answered');
    }

    // When Ada posts a message with a link and what looks like a script
    const link = 'https://example.org/guide';
    const written = `Our guide: ${link} <script>window.scriptRan = true</script> <b>bold?</b>`;
    await ada.getByLabel('Message', { exact: true }).fill(written);
    await ada.getByRole('button', { name: 'Send' }).click();

    // Then Kofi sees it as text, with the link a link, and no script ran
    const kofisCopy = chatMessage(kofi, 'Our guide:');
    await kofisCopy.waitFor();
    assert.equal(
      await kofisCopy.locator('[data-slot="text"]').textContent(),
      `Our guide: ${link} (opens in a new tab) <script>window.scriptRan = true</script> <b>bold?</b>`,
    );
    assert.equal(await kofisCopy.locator('script, b').count(), 0);
    assert.equal(await kofi.evaluate(() => 'scriptRan' in window), false);
    assert.match(await kofisCopy.locator('[data-slot="author-name"]').first().innerText(), /Ada/);
    const guide = kofisCopy.getByRole('link', { name: `${link} (opens in a new tab)` });
    await kofi
      .context()
      .route(link, (route) =>
        route.fulfill({ contentType: 'text/html', body: '<title>The guide</title>' }),
      );
    const [opened] = await Promise.all([kofi.context().waitForEvent('page'), guide.click()]);
    await opened.waitForLoadState();
    assert.equal(opened.url(), link);
    await opened.close();

    // When Kofi replies to it
    await kofisCopy.getByRole('link', { name: named('Reply', 'to Ada Attendee') }).click();
    await kofi.getByText('Replying to Ada Attendee').waitFor();
    await kofi.getByLabel('Message', { exact: true }).fill('Thank you, reading it now.');
    await kofi.getByRole('button', { name: 'Send' }).click();

    // Then Ada sees the reply, saying what it replies to
    const reply = chatMessage(ada, 'Thank you, reading it now.');
    await reply.waitFor();
    assert.match(
      await reply.locator('[data-slot="reply"]').innerText(),
      /^Reply to Ada Attendee: “Our guide: https:\/\/example\.org\/guide/,
    );

    // When the moderator hides Ada's message
    await chatMessage(moderator, 'Our guide:')
      .getByRole('button', { name: named('Hide', 'the message from Ada Attendee') })
      .click();

    // Then Kofi no longer sees it, and Ada sees it marked hidden
    await kofisCopy.waitFor({ state: 'detached' });
    const adasCopy = chatMessage(ada, 'Our guide:');
    await adasCopy.locator('[data-slot="hidden-tag"]').waitFor();
    assert.equal(await adasCopy.getAttribute('class'), 'chat-message chat-message--hidden');
    await chatMessage(moderator, 'Our guide:')
      .getByRole('button', { name: named('Show again', 'the message from Ada Attendee') })
      .waitFor();
    assert.equal(await chatMessages(kofi).count(), 1);

    // When Kofi applauds, Ada sees the count rise in the next burst, with the bubbles
    assert.equal(await reactionTotal(ada, 'applause').innerText(), '0');
    await kofi.getByRole('button', { name: /Applause/ }).click();
    await Promise.all([
      waitForText(reactionTotal(ada, 'applause'), '1', 5000),
      ada
        .locator('[data-burst] .burst-bubble')
        .first()
        .waitFor({ state: 'attached', timeout: 5000 }),
    ]);
  });

  it('passes axe in every state: attendee, moderator with queued, answered and pinned questions, muted, ended, and an error without JavaScript', async () => {
    const moderator = await pageAs(browser, MODERATOR);
    const ada = await pageAs(browser, ADA);
    const kofi = await pageAs(browser, KOFI);
    const path = await roomPathOf(moderator, SHIPPING);

    // An ended room, before anyone opened it (the demo's sessions were in 2020)
    await visit(ada, path);
    assert.equal((await roomState(ada).textContent())?.trim(), 'Ended');
    await ada.locator('[data-ended-notice]').waitFor();
    assert.equal(await ada.getByLabel('Message', { exact: true }).count(), 0);
    assert.equal(await ada.locator('[data-chat]').isVisible(), false, 'no empty box for the chat');
    await ada.getByText('No messages yet.').waitFor();

    // Open, with chat and questions, some waiting for approval
    await openTheRoom(moderator, path);
    await moderator.getByLabel('Approve questions before everyone sees them').check();
    await pressButton(moderator, 'Save question settings');
    await enterRoom(moderator, path);
    await enterRoom(ada, path);
    await postToRoom(kofi, path, '/messages', {
      text: 'Hello from Accra. Slides: https://example.org/slides',
    });
    await postToRoom(ada, path, '/messages', { text: 'Hello from Tallinn!' });
    const pinned = await postToRoom(kofi, path, '/questions', {
      text: 'What did procurement say?',
    });
    const answered = await postToRoom(kofi, path, '/questions', {
      text: 'Who signed it off?',
      anonymous: 'on',
    });
    await postToRoom(ada, path, '/questions', { text: 'How long did the first release take?' });
    assert.equal(pinned.status, 'queued');

    // The moderator sees them arrive live, queued, and approves, answers and pins
    await question(moderator, 'How long did the first release take?').waitFor();
    await expectNoAxeViolations(moderator);
    for (const id of [pinned.questionId, answered.questionId]) {
      await postToRoom(moderator, path, `/questions/${id ?? ''}/status`, { status: 'visible' });
    }
    await postToRoom(moderator, path, `/questions/${answered.questionId ?? ''}/status`, {
      status: 'answered',
    });
    await postToRoom(moderator, path, '/pin', { questionId: pinned.questionId ?? '' });
    await moderator.locator('[data-pinned] .pinned').waitFor();
    await moderator
      .locator(`#question-${answered.questionId ?? ''}[data-status="answered"]`)
      .waitFor();
    await expectNoAxeViolations(moderator);

    // Ada, whose page was open all along, sees the same without a reload
    await ada.locator('[data-pinned] .pinned', { hasText: 'What did procurement say?' }).waitFor();
    await expectNoAxeViolations(ada);

    // Reloaded, as rendered by the server
    await enterRoom(moderator, path);
    assert.deepEqual(
      await moderator
        .locator('[data-questions] > li')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-status'))),
      ['queued', 'visible', 'answered'],
    );
    await screenshot(moderator, 'live room - moderator, 1280 wide');
    await enterRoom(ada, path);
    await screenshot(ada, 'live room - attendee, 1280 wide');

    // 375 wide, as on a phone: nothing scrolls sideways
    for (const [page, who] of [
      [ada, 'attendee'],
      [moderator, 'moderator'],
    ] as const) {
      await page.setViewportSize({ width: 375, height: 800 });
      await expectNoHorizontalScroll(page);
      await expectNoAxeViolations(page);
      await screenshot(page, `live room - ${who}, 375 wide`);
    }

    // A muted attendee
    const kofiId = await chatMessage(moderator, 'Hello from Accra').getAttribute('data-author');
    await postToRoom(moderator, path, '/mutes', { personId: kofiId ?? '' });
    await visit(kofi, path);
    await kofi.locator('[data-muted-notice]').waitFor();
    assert.equal(await kofi.getByLabel('Message', { exact: true }).isDisabled(), true);
    assert.equal(await kofi.getByLabel('Ask a question').isDisabled(), true);

    // An error after a plain form post, without JavaScript
    const plain = await pageAs(browser, ADA, { javaScriptEnabled: false });
    await visit(plain, path);
    const [posted] = await Promise.all([
      plain.waitForResponse((response) => response.request().method() === 'POST'),
      pressButton(plain, 'Send'),
    ]);
    assert.equal(posted.status(), 400);
    await expectFieldError(plain, 'Message', 'Write a message');

    // Ended by the moderator: Ada's open page closes without a reload; reloaded, the same
    await enterRoom(moderator, path);
    await moderator.setViewportSize({ width: 1280, height: 800 });
    await pressButton(moderator, 'End the session now');
    await ada.locator('[data-live-notice]', { hasText: 'This session has ended' }).waitFor();
    await expectNoAxeViolations(ada);
    await visit(ada, path);
    await ada.locator('[data-ended-notice]').waitFor();
  });

  it('announces new messages politely, a few at a time, and holds them while the chat is paused', async () => {
    const moderator = await pageAs(browser, MODERATOR);
    const ada = await pageAs(browser, ADA);
    const kofi = await pageAs(browser, KOFI);
    const path = await roomPathOf(moderator, REFORM);
    await openTheRoom(moderator, path);
    await enterRoom(ada, path);

    // The announcer is a polite live region, hidden from sight
    const announcer = ada.locator('[data-announcer]');
    assert.equal(await announcer.getAttribute('aria-live'), 'polite');
    const announcements = await recordAnnouncements(ada);

    // One message is read out, with who wrote it
    await postToRoom(kofi, path, '/messages', { text: 'Good morning from Accra' });
    await ada.waitForFunction(
      () => (window as unknown as { announcements: string[] }).announcements.length === 1,
    );
    assert.deepEqual(await announcements(), ['Kofi Attendee wrote: Good morning from Accra']);

    // Many at once are summed up, not read out one by one
    for (const n of [1, 2, 3, 4, 5]) {
      await postToRoom(kofi, path, '/messages', { text: `Point ${n} of 5` });
    }
    await chatMessage(ada, 'Point 5 of 5').waitFor();
    // Every message is accounted for: by name, or in a count of new updates.
    await ada.waitForFunction(
      () =>
        (window as unknown as { announcements: string[] }).announcements
          .slice(1)
          .reduce(
            (sum, said) =>
              sum +
              (/^(\d+) new updates/.exec(said)
                ? Number(/^(\d+)/.exec(said)?.[1])
                : said.split(' wrote: ').length - 1),
            0,
          ) === 5,
      undefined,
      { timeout: 15_000 },
    );
    const burst = (await announcements()).slice(1);
    assert.ok(
      burst.length < 5,
      `five messages at once made ${burst.length} announcements: ${burst.join(' | ')}`,
    );
    assert.ok(
      burst.some((said) => /^\d+ new updates in the room\.$/.test(said)),
      burst.join(' | '),
    );

    // When Ada pauses the chat, new messages wait
    await ada.getByRole('button', { name: 'Pause new messages' }).click();
    const pause = ada.getByRole('button', { name: 'Resume new messages' });
    assert.equal(await pause.getAttribute('aria-pressed'), 'true');
    const shown = await idsOf(ada, '[data-chat] > [data-message]', 'data-message');
    await postToRoom(kofi, path, '/messages', { text: 'While you were away (1)' });
    const second = await postToRoom(kofi, path, '/messages', { text: 'While you were away (2)' });
    await postToRoom(kofi, path, '/messages', { text: 'While you were away (3)' });
    const button = ada.getByRole('button', { name: 'Show 3 new messages' });
    await button.waitFor();
    assert.deepEqual(await idsOf(ada, '[data-chat] > [data-message]', 'data-message'), shown);

    // And one of them is hidden by the moderator meanwhile: it is no longer counted
    await postToRoom(moderator, path, `/messages/${second.messageId ?? ''}/hide`, {
      hidden: 'true',
    });
    await ada.getByRole('button', { name: 'Show 2 new messages' }).waitFor();
    assert.deepEqual(await idsOf(ada, '[data-chat] > [data-message]', 'data-message'), shown);

    // When she resumes, they are there in order, and the button goes
    await pause.click();
    await chatMessage(ada, 'While you were away (3)').waitFor();
    const texts = await chatMessages(ada).locator('[data-slot="text"]').allTextContents();
    assert.deepEqual(texts.slice(-2), ['While you were away (1)', 'While you were away (3)']);
    assert.equal(await ada.getByRole('button', { name: /^Show \d+ new message/ }).count(), 0);
    assert.equal(
      await ada.getByRole('button', { name: 'Pause new messages' }).getAttribute('aria-pressed'),
      'false',
    );
  });
});
