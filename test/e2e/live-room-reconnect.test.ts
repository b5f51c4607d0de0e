import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeInBrowser } from './support/browser.ts';
import {
  ADA,
  chatMessage,
  enterRoom,
  expectUpdatingLive,
  idsOf,
  KOFI,
  MODERATOR,
  openTheRoom,
  pageAs,
  postToRoom,
  question,
  recordStreamEvents,
  roomPathOf,
  waitForText,
} from './support/room.ts';

// The server restarts (a deploy, a crash) while people are in a room: their pages reconnect
// by themselves with the last event they saw (Last-Event-ID) and miss nothing, with nothing
// sent or shown twice and no reload (docs/realtime.md, "Nothing lost, nothing twice").

const FUNDING = 'Funding teams, not projects';
const EVENTS = /\/room\/events/;

describeInBrowser('A session room when the server restarts', (browser) => {
  it('catches up on every event after a restart, each once, without a reload', async () => {
    const moderator = await pageAs(browser, MODERATOR);
    const kofi = await pageAs(browser, KOFI);
    const ada = await pageAs(browser, ADA);
    const path = await roomPathOf(moderator, FUNDING);
    await openTheRoom(moderator, path);
    const received = await recordStreamEvents(ada);
    await enterRoom(ada, path);
    await ada.evaluate(() => Object.assign(window, { sameDocument: true }));

    // Before: a message and a question arrive live
    const messages = [await postToRoom(kofi, path, '/messages', { text: 'Before the restart' })];
    const first = await postToRoom(kofi, path, '/questions', { text: 'Who pays for the team?' });
    await chatMessage(ada, 'Before the restart').waitFor();
    await question(ada, 'Who pays for the team?').waitFor();

    // The server stops: the page says it is reconnecting. Its attempts are refused until the
    // server is back and more has happened, so it has to catch up on what it missed.
    await ada.route(EVENTS, (route) => route.abort('connectionrefused'));
    await browser.server.restart({
      whileStopped: () =>
        ada.locator('[data-connection]', { hasText: 'Reconnecting' }).waitFor({ timeout: 15_000 }),
    });
    const missed = [];
    for (const text of ['After the restart (1)', 'After the restart (2)']) {
      missed.push(await postToRoom(kofi, path, '/messages', { text }));
    }
    messages.push(...missed);
    const second = await postToRoom(kofi, path, '/questions', { text: 'And who decides?' });
    missed.push(second);
    missed.push(await postToRoom(moderator, path, `/questions/${first.questionId ?? ''}/vote`));
    missed.push(
      await postToRoom(moderator, path, `/questions/${first.questionId ?? ''}/status`, {
        status: 'answered',
      }),
    );
    await ada.unroute(EVENTS);

    // Then the page reconnects by itself and shows what it missed
    await expectUpdatingLive(ada);
    await chatMessage(ada, 'After the restart (2)').waitFor();
    await question(ada, 'And who decides?').waitFor();
    const answered = question(ada, 'Who pays for the team?');
    await answered.and(ada.locator('[data-status="answered"]')).waitFor();
    await waitForText(answered.locator('[data-slot="votes"]'), '1');

    // And, live again, the next message arrives as usual
    messages.push(await postToRoom(kofi, path, '/messages', { text: 'Back to normal' }));
    await chatMessage(ada, 'Back to normal').waitFor();

    // Every event came once over the wire: the reconnect resumed after the last event the page
    // had (Last-Event-ID), not from the number the page was rendered at
    const ids = await received();
    assert.deepEqual(
      ids.filter((id, index) => ids.indexOf(id) !== index),
      [],
      `events sent twice: ${ids.join(', ')}`,
    );
    for (const { seq } of missed) assert.ok(ids.includes(String(seq)), `event ${seq} arrived`);

    // And each message and question is in the page once, in order, without a reload
    assert.deepEqual(
      await idsOf(ada, '[data-chat] > [data-message]', 'data-message'),
      messages.map((message) => message.messageId),
    );
    assert.deepEqual(
      (await idsOf(ada, '[data-questions] > [data-question]', 'data-question')).sort(),
      [first.questionId, second.questionId].sort(),
    );
    assert.equal(
      await ada.evaluate(() => 'sameDocument' in window),
      true,
      'the page was not reloaded',
    );
  });
});
