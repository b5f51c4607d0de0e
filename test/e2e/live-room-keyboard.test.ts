import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeInBrowser } from './support/browser.ts';
import {
  ADA,
  chatMessage,
  chatMessages,
  enterRoom,
  KOFI,
  MODERATOR,
  named,
  openTheRoom,
  pageAs,
  postToRoom,
  question,
  reactionTotal,
  roomPathOf,
  waitForText,
} from './support/room.ts';
import { expectFocusOn, pressKey, pressTabUntil, screenshot } from './support/steps.ts';

// Every step of the people in the room uses the keyboard alone: Tab, Shift+Tab, Enter and
// Space. Others in the room (setting the scene) post through the room's JSON interface.
// The keyboard users start from the end of the page (Shift+Tab) and never Tab through the
// embedded video call: it is the video provider's page, with focus drawn by it, which the
// steps cannot see into (in the tests it is an empty stand-in, see support/room.ts).

const VENDORS = 'Breaking free of big IT vendors';
const TALENT = 'Talent, capability and what we do next';

describeInBrowser('A session room with the keyboard alone', (browser) => {
  it('lets an attendee chat, reply, ask anonymously, upvote, react and pause the chat, with focus kept as events arrive', async () => {
    const moderator = await pageAs(browser, MODERATOR);
    const kofi = await pageAs(browser, KOFI);
    const ada = await pageAs(browser, ADA);
    const path = await roomPathOf(moderator, VENDORS);
    await openTheRoom(moderator, path);
    const older = 'How did you renegotiate the contract?';
    const newer = 'What did you build first?';
    await postToRoom(kofi, path, '/messages', { text: 'Morning all, from Accra.' });
    const olderQuestion = await postToRoom(kofi, path, '/questions', { text: older });
    const newerQuestion = await postToRoom(kofi, path, '/questions', { text: newer });
    await enterRoom(ada, path);

    // She writes a message and sends it with Enter; focus stays in the field
    const message = ada.getByLabel('Message', { exact: true });
    await pressTabUntil(ada, message, { backwards: true });
    await ada.keyboard.type('Hello from Tallinn');
    await pressKey(ada, 'Enter');
    await chatMessage(ada, 'Hello from Tallinn').waitFor();
    assert.equal(await message.inputValue(), '');
    await expectFocusOn(ada, message);

    // Shift+Enter starts a new line instead
    await ada.keyboard.type('Two things:');
    await pressKey(ada, 'Shift+Enter');
    await ada.keyboard.type('contracts and people');
    await pressKey(ada, 'Enter');
    await chatMessage(ada, 'contracts and people').waitFor();
    assert.equal(
      await chatMessage(ada, 'contracts and people').locator('[data-slot="text"]').textContent(),
      'Two things:\ncontracts and people',
    );

    // She goes back to Kofi's message and replies to it
    await pressTabUntil(ada, named('Reply', 'to Kofi Attendee'), { backwards: true });
    await pressKey(ada, 'Enter');
    await expectFocusOn(ada, message);
    await ada.getByText('Replying to Kofi Attendee').waitFor();
    await ada.keyboard.type('Morning Kofi!');
    await pressKey(ada, 'Enter');
    const reply = chatMessage(ada, 'Morning Kofi!');
    await reply.waitFor();
    assert.match(await reply.locator('[data-slot="reply"]').innerText(), /^Reply to Kofi Attendee/);

    // She asks a question anonymously: the field, Space on the box, Enter on Ask
    await pressTabUntil(ada, 'Ask a question', { backwards: true, maxPresses: 60 });
    await ada.keyboard.type('Who owns the code now?');
    await pressTabUntil(
      ada,
      'Ask anonymously Other attendees will not see your name; the moderators will.',
      {
        maxPresses: 1,
      },
    );
    await pressKey(ada, 'Space');
    assert.equal(await ada.getByLabel('Ask anonymously').isChecked(), true);
    await pressTabUntil(ada, ada.getByRole('button', { name: 'Ask', exact: true }), {
      maxPresses: 1,
    });
    await pressKey(ada, 'Enter');
    const mine = question(ada, 'Who owns the code now?');
    await mine.waitFor();
    assert.equal(await mine.locator('[data-slot="asker"]').innerText(), 'You (anonymous)');
    await expectFocusOn(ada, ada.getByRole('button', { name: 'Ask', exact: true }));

    // She rests on the Upvote of the newer question; it moves to the top as others vote, and
    // focus moves with it
    const upvoteNewer = question(ada, newer).getByRole('button', {
      name: named('Upvote', `: ${newer}`),
    });
    await pressTabUntil(ada, upvoteNewer);
    const order = () =>
      ada.locator('[data-questions] > li').evaluateAll((items) => items.map((item) => item.id));
    assert.deepEqual((await order()).slice(0, 2), [
      `question-${olderQuestion.questionId ?? ''}`,
      `question-${newerQuestion.questionId ?? ''}`,
    ]);
    await postToRoom(moderator, path, `/questions/${newerQuestion.questionId ?? ''}/vote`);
    await waitForText(question(ada, newer).locator('[data-slot="votes"]'), '1');
    assert.equal((await order())[0], `question-${newerQuestion.questionId ?? ''}`);
    await expectFocusOn(ada, upvoteNewer);

    // And upvotes it with Space: it says Upvoted, and focus stays on it
    await pressKey(ada, 'Space');
    const upvoted = question(ada, newer).getByRole('button', {
      name: named('Upvoted', `: ${newer}`),
    });
    await upvoted.waitFor();
    await waitForText(question(ada, newer).locator('[data-slot="votes"]'), '2');
    await expectFocusOn(ada, upvoted);
    assert.equal(await upvoted.getAttribute('aria-disabled'), 'true');

    // She applauds with Space, twice; the count rises, and focus stays
    const applause = ada.getByRole('button', { name: /^Applause/ });
    await pressTabUntil(ada, applause, { backwards: true, maxPresses: 60 });
    await pressKey(ada, 'Space');
    await pressKey(ada, 'Space');
    await waitForText(reactionTotal(ada, 'applause'), '2');
    await expectFocusOn(ada, applause);

    // She pauses the chat; new messages wait behind a button
    const pause = ada.getByRole('button', { name: 'Pause new messages' });
    await pressTabUntil(ada, pause, { maxPresses: 60 });
    await pressKey(ada, 'Enter');
    const resume = ada.getByRole('button', { name: 'Resume new messages' });
    await expectFocusOn(ada, resume);
    assert.equal(await resume.getAttribute('aria-pressed'), 'true');
    const before = await chatMessages(ada).count();
    await postToRoom(kofi, path, '/messages', { text: 'Slides are up now.' });
    await postToRoom(kofi, path, '/messages', { text: 'And the recording.' });
    const show = ada.getByRole('button', { name: 'Show 2 new messages' });
    await show.waitFor();
    assert.equal(await chatMessages(ada).count(), before);

    // And shows them with the button: the chat resumes, with focus on the chat's log
    await pressTabUntil(ada, show);
    await pressKey(ada, 'Enter');
    await chatMessage(ada, 'And the recording.').waitFor();
    await expectFocusOn(ada, ada.locator('[data-chat]'));
    assert.equal(await chatMessages(ada).count(), before + 2);
    assert.equal(await pause.getAttribute('aria-pressed'), 'false');

    // And pauses and resumes with the same button, Enter then Space, focus staying on it
    await pressTabUntil(ada, pause, { backwards: true, maxPresses: 60 });
    await pressKey(ada, 'Enter');
    await expectFocusOn(ada, resume);
    await pressKey(ada, 'Space');
    await expectFocusOn(ada, pause);
    assert.equal(await pause.getAttribute('aria-pressed'), 'false');
  });

  it('lets a moderator approve, pin, answer, hide and mute, with focus on what replaces each button', async () => {
    const moderator = await pageAs(browser, MODERATOR);
    const kofi = await pageAs(browser, KOFI);
    const path = await roomPathOf(moderator, TALENT);
    await openTheRoom(moderator, path);
    await postToRoom(moderator, path, '/settings', { queueEnabled: 'on' });
    const asked = 'How do you keep good people?';
    await postToRoom(kofi, path, '/questions', { text: asked });
    await postToRoom(kofi, path, '/messages', {
      text: 'A message that breaks the code of conduct',
    });
    await enterRoom(moderator, path);

    // Approve: the question is open to all, and focus goes to what the moderator does next
    const item = question(moderator, asked);
    await pressTabUntil(moderator, named('Approve', `question: ${asked}`), {
      backwards: true,
      maxPresses: 60,
    });
    await pressKey(moderator, 'Enter');
    await item.and(moderator.locator('[data-status="visible"]')).waitFor();
    await expectFocusOn(moderator, named('Mark answered', `: ${asked}`));

    // Pin it: "Being answered now"; focus stays on the question's buttons
    await pressTabUntil(moderator, named('Pin as current', `question: ${asked}`), {
      maxPresses: 1,
    });
    await pressKey(moderator, 'Enter');
    await moderator.locator('[data-pinned] .pinned', { hasText: asked }).waitFor();
    await expectFocusOn(moderator, named('Mark answered', `: ${asked}`));

    // Mark it answered; focus goes to Reopen, which took its place
    await pressKey(moderator, 'Enter');
    await item.and(moderator.locator('[data-status="answered"]')).waitFor();
    await expectFocusOn(moderator, named('Reopen', `question: ${asked}`));

    // Hide Kofi's message; focus goes to "Show again"
    const hide = named('Hide', 'the message from Kofi Attendee');
    await pressTabUntil(moderator, hide, { maxPresses: 60 });
    await pressKey(moderator, 'Enter');
    await chatMessage(moderator, 'code of conduct').locator('[data-slot="hidden-tag"]').waitFor();
    await expectFocusOn(moderator, named('Show again', 'the message from Kofi Attendee'));

    // Mute Kofi with Space: the button says Unmute, and Kofi can no longer post
    await pressTabUntil(moderator, named('Mute', 'Kofi Attendee in this session'), {
      maxPresses: 1,
    });
    await pressKey(moderator, 'Space');
    const unmute = named('Unmute', 'Kofi Attendee in this session');
    await moderator.getByRole('button', { name: unmute }).waitFor();
    await expectFocusOn(moderator, unmute);
    const refused = await postToRoom(kofi, path, '/messages', { text: 'Still here?' }, 403);
    assert.equal(refused.error?.code, 'muted');
  });

  it('draws the focus ring around the video call while keyboard focus is inside it', async () => {
    const ada = await pageAs(browser, ADA);
    const path = await roomPathOf(ada, TALENT);
    await enterRoom(ada, path);
    const frame = ada.locator('.video-frame');
    // When she Tabs into the call (each stop on the way, the call included, shows focus)
    await pressTabUntil(ada, frame.locator('iframe'), { maxPresses: 60 });
    // Then the page draws the ring around it, as the browser cannot
    await frame.and(ada.locator('.video-frame--focused')).waitFor();
    assert.notEqual(await frame.evaluate((element) => getComputedStyle(element).boxShadow), 'none');
    await screenshot(ada, 'session room - focus in the video call');
    // And when she Tabs on out of it, the ring goes with her
    await pressTabUntil(ada, ada.getByRole('link', { name: /Open the call on meet\.jit\.si/ }), {
      maxPresses: 3,
    });
    await ada.locator('.video-frame--focused').waitFor({ state: 'detached' });
  });
});
