import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NotFoundError } from '../../src/app/deps.ts';
import { saveTheme } from '../../src/app/programme/programme.commands.ts';
import { suggestThemesFor } from '../../src/app/themes/theme-tags.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { FACTORY_ACTOR, seedEdition } from '../support/programme-factory.ts';
import {
  DURING_THE_PANEL,
  postRoom,
  readStreamOnce,
  roomPath,
  roomPerson,
  type RoomPerson,
} from '../support/rooms.ts';
import { buildTestWebApp, type TestWebApp } from '../support/web-app.ts';

const SLUG = 'dsc-2021';
const LOCK_IN_QUESTION =
  'How do you avoid getting locked into one big IT vendor when budgets are yearly?';

describeEachDatabase('themes and the sorted chat in a session room', (database) => {
  let web: TestWebApp;
  let base: string;
  let sessionId: string;
  let editionId: string;
  let lockInId: string;
  let otherEditionThemeId: string;
  let moderator: RoomPerson;
  let attendee: RoomPerson;
  let serial = 0;

  before(async () => {
    web = await buildTestWebApp(database(), { now: DURING_THE_PANEL });
    const seeded = await seedEdition(web.deps, SLUG);
    const other = await seedEdition(web.deps, 'other-2021');
    editionId = seeded.edition.id;
    sessionId = seeded.sessions.panel.id;
    lockInId = seeded.themes.lockIn.id;
    otherEditionThemeId = other.themes.lockIn.id;
    base = roomPath(SLUG, sessionId);
    moderator = await roomPerson(
      web.deps,
      editionId,
      { id: 'p-mod', name: 'Mo Derator' },
      'moderator',
    );
    attendee = await roomPerson(web.deps, editionId, { id: 'p-att', name: 'Ama Attendee' });
  });
  after(async () => web.app.close());

  /** A fresh attendee, so that no rate limit carries over between tests. */
  const someone = () =>
    roomPerson(web.deps, editionId, { id: `p-someone-${++serial}`, name: `Someone ${serial}` });

  async function say(who: RoomPerson, text: string): Promise<string> {
    const response = await postRoom(web.app, `${base}/messages`, { text }, who, { json: true });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<{ messageId: string }>().messageId;
  }

  async function ask(who: RoomPerson, text: string): Promise<string> {
    const response = await postRoom(web.app, `${base}/questions`, { text }, who, { json: true });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<{ questionId: string }>().questionId;
  }

  describe('asking a chat message in Q&A', () => {
    it('makes a question of the message, by its author but anonymous to attendees, as an event', async () => {
      const author = await someone();
      const messageId = await say(author, 'Who owns the platform after the vendor leaves?');
      const promoted = await postRoom(
        web.app,
        `${base}/messages/${messageId}/promote`,
        {},
        moderator,
        {
          json: true,
        },
      );
      assert.equal(promoted.statusCode, 200, promoted.body);
      const { questionId, seq, status } = promoted.json<{
        questionId: string;
        seq: number;
        status: string;
      }>();
      assert.equal(status, 'visible');
      const question = await web.deps.store.live.findQuestion(questionId);
      assert.equal(question?.askerId, author.id);
      assert.equal(question?.anonymous, true);
      assert.equal(question?.text, 'Who owns the platform after the vendor leaves?');

      const forAttendees = (await readStreamOnce(web.app, base, attendee, seq - 1))[0]!.data;
      assert.equal(forAttendees.type, 'question.promoted');
      assert.equal(forAttendees.messageId, messageId);
      assert.deepEqual(
        (forAttendees.question as { id: string; askedBy: unknown }).askedBy,
        null,
        'attendees do not see who wrote it',
      );
      const forModerators = (await readStreamOnce(web.app, base, moderator, seq - 1))[0]!.data;
      assert.equal(
        (forModerators.question as { askedBy: { name: string } }).askedBy.name,
        author.name,
      );

      const page = await web.app.inject({ url: base, cookies: attendee.cookies });
      assert.ok(page.body.includes(`id="question-${questionId}"`));
    });

    it('refuses to ask the same message twice, saying so', async () => {
      const messageId = await say(await someone(), 'Is the code on GitHub?');
      const url = `${base}/messages/${messageId}/promote`;
      assert.equal((await postRoom(web.app, url, {}, moderator, { json: true })).statusCode, 200);
      const again = await postRoom(web.app, url, {}, moderator, { json: true });
      assert.equal(again.statusCode, 409);
      assert.match(
        again.json<{ error: { message: string } }>().error.message,
        /already been asked in Q&A/,
      );
      // Without script: the room again, with the message beside the questions.
      const page = await postRoom(web.app, url, {}, moderator);
      assert.equal(page.statusCode, 409);
      assert.match(
        page.body,
        /id="promote-error" role="alert">[^<]*<span class="visually-hidden">Error:<\/span> That message has already been asked in Q&amp;A/,
      );
      const asked = (await web.deps.store.live.listQuestions(sessionId)).filter(
        (q) => q.text === 'Is the code on GitHub?',
      );
      assert.equal(asked.length, 1);
    });

    it('refuses an attendee (403) and an unknown message (404), never a server error', async () => {
      const messageId = await say(await someone(), 'How long did the tender take?');
      const byAttendee = await postRoom(
        web.app,
        `${base}/messages/${messageId}/promote`,
        {},
        attendee,
        { json: true },
      );
      assert.equal(byAttendee.statusCode, 403);
      const unknown = await postRoom(
        web.app,
        `${base}/messages/no-such-message/promote`,
        {},
        moderator,
        {
          json: true,
        },
      );
      assert.equal(unknown.statusCode, 404);
      assert.match(
        unknown.json<{ error: { message: string } }>().error.message,
        /not in this session/,
      );
    });

    it('works without script: the form comes back to the room, showing the message as asked', async () => {
      const messageId = await say(await someone(), 'What did the treasury say?');
      const response = await postRoom(
        web.app,
        `${base}/messages/${messageId}/promote`,
        {},
        moderator,
      );
      assert.equal(response.statusCode, 303);
      const page = await web.app.inject({ url: base, cookies: moderator.cookies });
      const item = page.body.slice(page.body.indexOf(`id="message-${messageId}"`));
      assert.match(item.slice(0, item.indexOf('</li>')), /data-promote-form hidden/);
    });
  });

  describe('confirming themes of questions', () => {
    it('suggests themes to moderators from the words, with the reason, and not to attendees', async () => {
      await ask(await someone(), LOCK_IN_QUESTION);
      const forModerator = await web.app.inject({ url: base, cookies: moderator.cookies });
      assert.match(forModerator.body, /Tag: Vendor lock-in and budgets/);
      assert.match(forModerator.body, /\(suggested because: [a-z, ]*vendor/);
      const forAttendee = await web.app.inject({ url: base, cookies: attendee.cookies });
      assert.doesNotMatch(forAttendee.body, /Tag: Vendor lock-in/);
    });

    it('suggests themes for a question or a message through the use case, leaving out confirmed ones', async () => {
      const questionId = await ask(await someone(), LOCK_IN_QUESTION);
      const messageId = await say(await someone(), LOCK_IN_QUESTION);
      for (const [kind, id] of [
        ['question', questionId],
        ['message', messageId],
      ] as const) {
        const [first] = await suggestThemesFor(web.deps, kind, id);
        assert.equal(first?.themeId, lockInId);
        assert.equal(first?.name, 'Vendor lock-in and budgets');
        assert.ok(first?.because.includes('vendor'));
      }
      await web.deps.store.themeTags.addTag({
        editionId,
        subjectKind: 'message',
        subjectId: messageId,
        themeId: lockInId,
        taggedBy: moderator.id,
        taggedAt: DURING_THE_PANEL,
      });
      assert.ok(
        !(await suggestThemesFor(web.deps, 'message', messageId)).some(
          (s) => s.themeId === lockInId,
        ),
      );
      await assert.rejects(
        suggestThemesFor(web.deps, 'question', 'no-such-question'),
        NotFoundError,
      );
    });

    it('confirms a theme, refuses it twice, and removes it', async () => {
      const questionId = await ask(await someone(), LOCK_IN_QUESTION);
      const fields = { kind: 'question', subjectId: questionId, themeId: lockInId };
      const confirmed = await postRoom(web.app, `${base}/themes/confirm`, fields, moderator);
      assert.equal(confirmed.statusCode, 303);
      const tags = await web.deps.store.themeTags.listTagged(editionId, lockInId);
      const tag = tags.find((t) => t.subjectId === questionId);
      assert.equal(tag?.subjectKind, 'question');
      assert.equal(tag?.taggedBy, moderator.id);
      const page = await web.app.inject({ url: base, cookies: moderator.cookies });
      const item = page.body.slice(page.body.indexOf(`id="question-${questionId}"`));
      assert.match(
        item.slice(0, item.indexOf('</li>')),
        /<span class="tag tag--theme">Vendor lock-in and budgets<\/span>/,
      );

      const twice = await postRoom(web.app, `${base}/themes/confirm`, fields, moderator, {
        json: true,
      });
      assert.equal(twice.statusCode, 409);
      assert.match(twice.json<{ error: { message: string } }>().error.message, /already tagged/);

      const removed = await postRoom(web.app, `${base}/themes/remove`, fields, moderator, {
        json: true,
      });
      assert.equal(removed.statusCode, 200);
      assert.equal((await web.deps.store.themeTags.listTagsOf('question', [questionId])).length, 0);
      const again = await postRoom(web.app, `${base}/themes/remove`, fields, moderator, {
        json: true,
      });
      assert.equal(again.statusCode, 409);
    });

    it('answers bad input with 400 or 404 and a clear message, and an attendee with 403', async () => {
      const questionId = await ask(await someone(), LOCK_IN_QUESTION);
      const cases: [Record<string, string>, number, RegExp][] = [
        [
          { kind: 'question', subjectId: questionId, themeId: 'no-such-theme' },
          400,
          /not one of this edition’s themes/,
        ],
        [
          { kind: 'question', subjectId: questionId, themeId: otherEditionThemeId },
          400,
          /not one of this edition’s themes/,
        ],
        [
          { kind: 'question', subjectId: 'no-such-question', themeId: lockInId },
          404,
          /not in this session/,
        ],
        [
          { kind: 'message', subjectId: 'no-such-message', themeId: lockInId },
          404,
          /not in this session/,
        ],
        [{ kind: 'poem', subjectId: questionId, themeId: lockInId }, 400, /Choose what to tag/],
        [{}, 400, /Choose what to tag/],
      ];
      for (const [fields, status, message] of cases) {
        const response = await postRoom(web.app, `${base}/themes/confirm`, fields, moderator, {
          json: true,
        });
        assert.equal(response.statusCode, status, JSON.stringify(fields));
        assert.match(response.json<{ error: { message: string } }>().error.message, message);
      }
      const byAttendee = await postRoom(
        web.app,
        `${base}/themes/confirm`,
        { kind: 'question', subjectId: questionId, themeId: lockInId },
        attendee,
        { json: true },
      );
      assert.equal(byAttendee.statusCode, 403);
      assert.equal((await web.deps.store.themeTags.listTagsOf('question', [questionId])).length, 0);
    });

    it('lists everything of the edition tagged with a theme, and a deleted theme takes its tags', async () => {
      const theme = await saveTheme(web.deps, FACTORY_ACTOR, SLUG, null, {
        name: 'Short-lived theme',
        description: 'Vendors and budgets again.',
      });
      assert.ok(theme.ok);
      const questionId = await ask(await someone(), LOCK_IN_QUESTION);
      const messageId = await say(await someone(), 'Our vendor contract ends next year.');
      for (const [kind, subjectId] of [
        ['question', questionId],
        ['message', messageId],
      ])
        assert.equal(
          (
            await postRoom(
              web.app,
              `${base}/themes/confirm`,
              { kind: kind!, subjectId: subjectId!, themeId: theme.value.id },
              moderator,
              { json: true },
            )
          ).statusCode,
          200,
        );
      const tagged = await web.deps.store.themeTags.listTagged(editionId, theme.value.id);
      assert.deepEqual(
        tagged.map((t) => [t.subjectKind, t.subjectId]).sort(),
        [
          ['message', messageId],
          ['question', questionId],
        ].sort(),
      );
      await web.deps.store.programme.deleteTheme(theme.value.id);
      assert.deepEqual(await web.deps.store.themeTags.listTagged(editionId, theme.value.id), []);
    });
  });

  describe('the chat, sorted, after the session', () => {
    it('shows moderators the visible messages under three headings with counts, and not attendees', async () => {
      // A room of its own: the opening, which has ended by now.
      const seeded = await web.deps.store.programme.listSessions(editionId);
      const opening = seeded.find((s) => s.title.startsWith('Opening'))!;
      const openingBase = roomPath(SLUG, opening.id);
      const state = (ended: string) =>
        postRoom(web.app, `${openingBase}/state`, { ended }, moderator, { json: true });
      assert.equal((await state('false')).statusCode, 200);
      const post = async (text: string) => {
        const response = await postRoom(web.app, `${openingBase}/messages`, { text }, attendee, {
          json: true,
        });
        assert.equal(response.statusCode, 200, response.body);
        return response.json<{ messageId: string }>().messageId;
      };
      await post('Great talk! How did you fund it?');
      await post('Gracias desde Chile 👏');
      await post('Slides at https://example.org/slides?page=2');
      await post('Which team owns the platform now?');
      const hidden = await post('Buy cheap watches here');
      assert.equal(
        (
          await postRoom(
            web.app,
            `${openingBase}/messages/${hidden}/hide`,
            { hidden: 'true' },
            moderator,
            {
              json: true,
            },
          )
        ).statusCode,
        200,
      );
      const duringIt = await web.app.inject({ url: openingBase, cookies: moderator.cookies });
      assert.doesNotMatch(duringIt.body, /Chat, sorted/, 'not while the session is live');
      assert.equal((await state('true')).statusCode, 200);

      const page = await web.app.inject({ url: openingBase, cookies: moderator.cookies });
      assert.match(page.body, /<h2 id="chat-sorted-heading">Chat, sorted<\/h2>/);
      assert.match(page.body, /Questions <span class="count">\(2\)<\/span>/);
      assert.match(
        page.body,
        /Encouragement and congratulations <span class="count">\(1\)<\/span>/,
      );
      assert.match(page.body, /Other <span class="count">\(1\)<\/span>/);
      const questions = page.body.slice(
        page.body.indexOf('data-sorted-chat="question"'),
        page.body.indexOf('data-sorted-chat="encouragement"'),
      );
      assert.match(questions, /Great talk! How did you fund it\?/);
      const sorted = page.body.slice(page.body.indexOf('chat-sorted-heading'));
      assert.doesNotMatch(sorted.slice(0, sorted.indexOf('</section>')), /Buy cheap watches/);

      const forAttendee = await web.app.inject({ url: openingBase, cookies: attendee.cookies });
      assert.equal(forAttendee.statusCode, 200);
      assert.doesNotMatch(forAttendee.body, /Chat, sorted/);

      // A question found in the chat is asked in Q&A from there, after the end.
      const fund = (await web.deps.store.live.listMessages(opening.id, 50)).find((m) =>
        m.text.startsWith('Great talk!'),
      )!;
      const asked = await postRoom(
        web.app,
        `${openingBase}/messages/${fund.id}/promote`,
        {},
        moderator,
      );
      assert.equal(asked.statusCode, 303);
      const after = await web.app.inject({ url: openingBase, cookies: moderator.cookies });
      const sortedItem = after.body.slice(after.body.indexOf(`data-sorted-message="${fund.id}"`));
      assert.match(sortedItem.slice(0, sortedItem.indexOf('</li>')), /Asked in Q&amp;A/);
    });

    it('lets moderators tag a sorted chat message with a suggested theme or any other, and come back to it', async () => {
      const later = (await web.deps.store.programme.listSessions(editionId)).find((s) =>
        s.title.startsWith('From services'),
      )!;
      const laterBase = roomPath(SLUG, later.id);
      const state = (ended: string) =>
        postRoom(web.app, `${laterBase}/state`, { ended }, moderator, { json: true });
      assert.equal((await state('false')).statusCode, 200);
      const posted = await postRoom(
        web.app,
        `${laterBase}/messages`,
        { text: LOCK_IN_QUESTION },
        attendee,
        { json: true },
      );
      assert.equal(posted.statusCode, 200, posted.body);
      const messageId = posted.json<{ messageId: string }>().messageId;
      assert.equal((await state('true')).statusCode, 200);

      const itemOf = (body: string) => {
        const item = body.slice(body.indexOf(`data-sorted-message="${messageId}"`));
        return item.slice(0, item.indexOf('</li>'));
      };
      const page = await web.app.inject({ url: laterBase, cookies: moderator.cookies });
      const item = itemOf(page.body);
      assert.match(item, /Tag: Vendor lock-in and budgets/, 'the suggestion is offered');
      assert.match(
        item,
        /<select class="select" id="theme-message-[^"]+" name="themeId">/,
        'and every theme',
      );
      assert.match(
        item,
        /<label for="theme-message-[^"]+" class="theme-choice__label">Add a theme<span class="visually-hidden"> to the message/,
      );

      const tagged = await postRoom(
        web.app,
        `${laterBase}/themes/confirm`,
        { kind: 'message', subjectId: messageId, themeId: lockInId },
        moderator,
      );
      assert.equal(tagged.statusCode, 303);
      assert.equal(tagged.headers.location, `${laterBase}#chat-sorted`);
      const tags = await web.deps.store.themeTags.listTagsOf('message', [messageId]);
      assert.deepEqual(
        tags.map((t) => [t.themeId, t.taggedBy]),
        [[lockInId, moderator.id]],
      );
      const after = itemOf(
        (await web.app.inject({ url: laterBase, cookies: moderator.cookies })).body,
      );
      assert.match(after, /<span class="tag tag--theme">Vendor lock-in and budgets<\/span>/);
      assert.doesNotMatch(after, /Tag: Vendor lock-in and budgets/, 'no longer suggested');
      assert.doesNotMatch(after, new RegExp(`<option value="${lockInId}">`), 'nor offered again');

      const refused = await postRoom(
        web.app,
        `${laterBase}/themes/confirm`,
        { kind: 'message', subjectId: messageId, themeId: otherEditionThemeId },
        moderator,
        { json: true },
      );
      assert.ok([400, 404].includes(refused.statusCode), refused.body);
      const byAttendee = await postRoom(
        web.app,
        `${laterBase}/themes/confirm`,
        { kind: 'message', subjectId: messageId, themeId: lockInId },
        attendee,
        { json: true },
      );
      assert.equal(byAttendee.statusCode, 403);
      assert.equal((await web.deps.store.themeTags.listTagsOf('message', [messageId])).length, 1);
    });
  });
});
