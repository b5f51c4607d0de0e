import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { saveSession } from '../../src/app/programme/programme.commands.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { expectAccepted, FACTORY_ACTOR, seedEdition } from '../support/programme-factory.ts';
import {
  DURING_THE_PANEL,
  escapeHtml,
  itemOf,
  postRoom,
  readStreamOnce,
  roomPath,
  roomPerson,
  type Frame,
  type RoomPerson,
} from '../support/rooms.ts';
import { buildTestWebApp, type TestWebApp } from '../support/web-app.ts';

const SLUG = 'dsc-2021';

interface Refusal {
  status: number;
  code: string;
  message: string;
  field?: string | null;
}

type Response = Awaited<ReturnType<typeof postRoom>>;

describeEachDatabase('session rooms: bad input, refusals and moderation', (database) => {
  let web: TestWebApp;
  let editionId: string;
  let seeded: Awaited<ReturnType<typeof seedEdition>>;
  let other: Awaited<ReturnType<typeof seedEdition>>;
  let moderator: RoomPerson;
  let organizer: RoomPerson;
  let nonMember: RoomPerson;
  let panel: string;
  let serial = 0;

  before(async () => {
    web = await buildTestWebApp(database(), { now: DURING_THE_PANEL });
    seeded = await seedEdition(web.deps, SLUG);
    other = await seedEdition(web.deps, 'dsc-other');
    editionId = seeded.edition.id;
    panel = seeded.sessions.panel.id;
    moderator = await roomPerson(
      web.deps,
      editionId,
      { id: 'p-moderator', name: 'Maria Moderator' },
      'moderator',
    );
    organizer = await roomPerson(
      web.deps,
      editionId,
      { id: 'p-organizer', name: 'Olu Organizer' },
      'organizer',
    );
    // Signed in, and an organizer elsewhere, but nobody in this edition.
    nonMember = await roomPerson(
      web.deps,
      other.edition.id,
      { id: 'p-outsider', name: 'Otto Outsider' },
      'organizer',
    );
  });
  after(async () => web.app.close());

  /** A registered attendee new to this test, so that no rate limit carries over. */
  async function attendee(name?: string): Promise<RoomPerson> {
    const n = ++serial;
    return roomPerson(web.deps, editionId, { id: `p-attendee-${n}`, name: name ?? `Ada Nr${n}` });
  }

  /** A session of the seeded edition, for a test that changes its room's state. */
  async function addSession(
    fields: { date?: string; startTime?: string; endTime?: string; format?: string } = {},
  ): Promise<string> {
    const session = expectAccepted(
      await saveSession(web.deps, FACTORY_ACTOR, SLUG, null, {
        title: `Extra session ${++serial}`,
        format: fields.format ?? 'discussion',
        date: fields.date ?? '2021-11-16',
        startTime: fields.startTime ?? '15:00',
        endTime: fields.endTime ?? '16:00',
      }),
    );
    return session.id;
  }

  const url = (sessionId: string, path = '') => `${roomPath(SLUG, sessionId)}${path}`;
  const lastSeq = async (sessionId: string) =>
    (await web.deps.store.live.lastSeqs([sessionId])).get(sessionId)!;
  const page = async (sessionId: string, who: RoomPerson) => {
    const response = await web.app.inject({ url: url(sessionId), cookies: who.cookies });
    assert.equal(response.statusCode, 200, `the room page for ${who.id}`);
    return response.body;
  };

  async function ok(
    who: RoomPerson,
    sessionId: string,
    path: string,
    fields: Record<string, string> = {},
  ) {
    const response = await postRoom(web.app, url(sessionId, path), fields, who, { json: true });
    assert.equal(response.statusCode, 200, `${who.id} POST ${path}: ${response.body}`);
    const body = response.json<{
      ok: boolean;
      seq: number;
      messageId?: string;
      questionId?: string;
    }>();
    assert.equal(body.ok, true);
    return body;
  }

  function assertJsonRefusal(response: Response, expected: Refusal, label: string): void {
    assert.equal(response.statusCode, expected.status, `${label}: ${response.body}`);
    const { error } = response.json<{
      error: { code: string; message: string; field: string | null };
    }>();
    assert.equal(error.code, expected.code, label);
    assert.equal(error.message, expected.message, label);
    if (expected.field !== undefined) assert.equal(error.field, expected.field, label);
  }

  /**
   * Posts the same form with script (JSON) and without (a plain form): both are refused the
   * same way, the page shows the message, and nothing reaches the room's log.
   */
  async function assertRefusedBothWays(
    who: RoomPerson,
    sessionId: string,
    path: string,
    fields: Record<string, string>,
    expected: Refusal,
  ): Promise<string> {
    const before = await lastSeq(sessionId);
    const label = `${who.id} POST ${path} ${JSON.stringify(fields).slice(0, 80)}`;
    assertJsonRefusal(
      await postRoom(web.app, url(sessionId, path), fields, who, { json: true }),
      expected,
      `${label} (JSON)`,
    );
    const form = await postRoom(web.app, url(sessionId, path), fields, who);
    assert.equal(form.statusCode, expected.status, `${label} (form)`);
    assert.match(String(form.headers['content-type']), /^text\/html/);
    assert.ok(
      form.body.includes(escapeHtml(expected.message)),
      `${label} (form): the page shows "${expected.message}"`,
    );
    assert.equal(await lastSeq(sessionId), before, `${label}: nothing was added to the room`);
    return form.body;
  }

  describe('what people write', () => {
    const messageCases: [string, string, string][] = [
      ['an empty message', '', 'Write a message before sending it.'],
      ['a message of spaces and line breaks', '  \r\n\t \n ', 'Write a message before sending it.'],
      [
        'a message over 1000 characters',
        'x'.repeat(1001),
        'Your message is 1001 characters long; the limit is 1000. Shorten it and send it again.',
      ],
      [
        'a message with a bell character',
        'ding\u0007dong',
        'Your message contains an invisible control character (U+0007) at position 5. Remove it, or type the text again instead of pasting it.',
      ],
      [
        'a message with a null character',
        'a\u0000',
        'Your message contains an invisible control character (U+0000) at position 2. Remove it, or type the text again instead of pasting it.',
      ],
      [
        'a message with an escape sequence',
        '\u001b[2Jcleared',
        'Your message contains an invisible control character (U+001B) at position 1. Remove it, or type the text again instead of pasting it.',
      ],
      [
        'a message that reverses its text',
        'invoice\u202Efdp.exe',
        'Your message contains an invisible control character (U+202E) at position 8. Remove it, or type the text again instead of pasting it.',
      ],
    ];
    for (const [what, text, message] of messageCases) {
      it(`refuses ${what}, with and without script, storing nothing`, async () => {
        const who = await attendee();
        const before = (await web.deps.store.live.listMessages(panel, 1000)).length;
        const body = await assertRefusedBothWays(
          who,
          panel,
          '/messages',
          { text },
          { status: 400, code: 'invalid', message, field: 'text' },
        );
        assert.equal((await web.deps.store.live.listMessages(panel, 1000)).length, before);
        assert.match(body, /aria-invalid="true"/, 'the field is marked as wrong');
      });
    }

    it('keeps what was typed in the form when a message is too long, so nothing is lost', async () => {
      const who = await attendee();
      const text = `${'Long thoughts. '.repeat(67)}end`;
      const form = await postRoom(web.app, url(panel, '/messages'), { text }, who);
      assert.equal(form.statusCode, 400);
      assert.ok(form.body.includes(`>${escapeHtml(text)}</textarea>`));
    });

    it('accepts a message of exactly 1000 characters, counting an emoji as one', async () => {
      const who = await attendee();
      const text = `${'😀'.repeat(10)}${'a'.repeat(990)}`;
      const { messageId } = await ok(who, panel, '/messages', { text });
      assert.equal((await web.deps.store.live.findMessage(messageId!))?.text, text);
    });

    const questionCases: [string, string, string][] = [
      ['an empty question', '', 'Write your question before sending it.'],
      ['a question of spaces', '     ', 'Write your question before sending it.'],
      [
        'a question over 500 characters',
        'q'.repeat(501),
        'Your question is 501 characters long; the limit is 500. Shorten it and send it again.',
      ],
      [
        'a question with a delete character',
        'why\u007f',
        'Your question contains an invisible control character (U+007F) at position 4. Remove it, or type the text again instead of pasting it.',
      ],
      [
        'a question with a next-line character',
        'why\u0085not',
        'Your question contains an invisible control character (U+0085) at position 4. Remove it, or type the text again instead of pasting it.',
      ],
    ];
    for (const [what, text, message] of questionCases) {
      it(`refuses ${what}, with and without script, storing nothing`, async () => {
        const who = await attendee();
        await assertRefusedBothWays(
          who,
          panel,
          '/questions',
          { text },
          { status: 400, code: 'invalid', message, field: 'text' },
        );
        assert.ok(
          !(await web.deps.store.live.listQuestions(panel)).some((q) => q.askerId === who.id),
        );
      });
    }

    it('keeps line breaks and tabs in a message', async () => {
      const who = await attendee();
      const { messageId } = await ok(who, panel, '/messages', { text: 'one\r\n\ttwo' });
      assert.equal((await web.deps.store.live.findMessage(messageId!))?.text, 'one\n\ttwo');
    });

    it('stores HTML and script as text and shows them as text, on the page and in the stream', async () => {
      const who = await attendee();
      const script = '<script>alert("room")</script><img src=x onerror=alert(1)>';
      const { messageId } = await ok(who, panel, '/messages', { text: script });
      const { questionId } = await ok(who, panel, '/questions', { text: `Is ${script} safe?` });
      assert.equal((await web.deps.store.live.findMessage(messageId!))?.text, script);
      const html = await page(panel, await attendee());
      assert.ok(
        html.includes('&lt;script&gt;alert(&quot;room&quot;)&lt;/script&gt;&lt;img src=x'),
        'the page shows the characters',
      );
      assert.ok(!html.includes('<script>alert'), 'no script element from the message');
      assert.ok(!html.includes('<img src=x'), 'no image element from the message');
      assert.ok(itemOf(html, `question-${questionId}`)!.includes('Is &lt;script&gt;'));
      const frames = await readStreamOnce(web.app, url(panel), who);
      const posted = frames.find(
        (f) => (f.data.message as { id?: string } | undefined)?.id === messageId,
      );
      assert.deepEqual((posted!.data.message as { segments: unknown }).segments, [
        { text: script },
      ]);
    });

    it('never links javascript: or data: addresses, and links web addresses safely', async () => {
      const who = await attendee();
      const { messageId } = await ok(who, panel, '/messages', {
        text: 'javascript:alert(1) data:text/html,<b>x</b> https://www.gov.uk/service',
      });
      const item = itemOf(await page(panel, who), `message-${messageId}`)!;
      assert.doesNotMatch(item, /href="(javascript|data):/i);
      assert.match(
        item,
        /<a href="https:\/\/www\.gov\.uk\/service" rel="nofollow noopener noreferrer" target="_blank">/,
      );
    });
  });

  describe('which rooms exist', () => {
    const missing: [string, () => string][] = [
      ['an unknown session', () => `/editions/${SLUG}/sessions/no-such-session/room`],
      ['an unknown edition', () => `/editions/no-such-edition/sessions/${panel}/room`],
      [
        'a session of another edition',
        () => `/editions/${SLUG}/sessions/${other.sessions.panel.id}/room`,
      ],
    ];
    for (const [what, path] of missing) {
      it(`answers 404 for ${what}, for the page, the stream and every form`, async () => {
        const who = await attendee();
        const base = path();
        for (const get of [base, `${base}/events?once=1`]) {
          const response = await web.app.inject({ url: get, cookies: who.cookies });
          assert.equal(response.statusCode, 404, get);
        }
        for (const [form, fields] of [
          ['/messages', { text: 'Hello?' }],
          ['/questions', { text: 'Anyone?' }],
          ['/reactions', { kind: 'applause' }],
        ] as const) {
          const plain = await postRoom(web.app, `${base}${form}`, fields, who);
          assert.equal(plain.statusCode, 404, `${base}${form}`);
          assert.match(plain.body, /Page not found/);
          const json = await postRoom(web.app, `${base}${form}`, fields, who, { json: true });
          assert.equal(json.statusCode, 404, `${base}${form} (JSON)`);
          assert.equal(json.json<{ error: { code: string } }>().error.code, 'not-found');
        }
        assert.equal(
          await lastSeq(other.sessions.panel.id),
          0,
          'the other edition’s room is untouched',
        );
      });
    }

    it('has no room for a break', async () => {
      const pause = await addSession({ format: 'break', startTime: '16:00', endTime: '16:15' });
      const who = await attendee();
      assert.equal(
        (await web.app.inject({ url: url(pause), cookies: who.cookies })).statusCode,
        404,
      );
      assert.equal(
        (await postRoom(web.app, url(pause, '/messages'), { text: 'Coffee?' }, who)).statusCode,
        404,
      );
      assert.equal(await lastSeq(pause), 0);
    });
  });

  describe('who may take part', () => {
    it('refuses someone who is not in the edition, without showing them the room', async () => {
      const secret = `Only for the edition ${++serial}`;
      await ok(await attendee(), panel, '/messages', { text: secret });
      for (const [path, fields] of [
        ['/messages', { text: 'Let me in' }],
        ['/questions', { text: 'Can I ask?' }],
        ['/reactions', { kind: 'applause' }],
      ] as const) {
        const before = await lastSeq(panel);
        const json = await postRoom(web.app, url(panel, path), fields, nonMember, { json: true });
        assertJsonRefusal(
          json,
          {
            status: 403,
            code: 'forbidden',
            message:
              'Only registered attendees, speakers and the team of this edition can take part in its session rooms.',
          },
          `${path} (JSON)`,
        );
        const form = await postRoom(web.app, url(panel, path), fields, nonMember);
        assert.equal(form.statusCode, 403, path);
        assert.ok(!form.body.includes(secret), `${path}: the refusal does not show the chat`);
        assert.equal(await lastSeq(panel), before);
      }
      const pageResponse = await web.app.inject({ url: url(panel), cookies: nonMember.cookies });
      assert.equal(pageResponse.statusCode, 403);
      assert.ok(!pageResponse.body.includes(secret));
      const stream = await web.app.inject({
        url: url(panel, '/events?once=1'),
        cookies: nonMember.cookies,
      });
      assert.equal(stream.statusCode, 403);
      assert.ok(!stream.body.includes(secret));
    });

    it('refuses an invitee who has not registered', async () => {
      const invitee = await roomPerson(
        web.deps,
        editionId,
        { id: `p-invited-${++serial}` },
        'nobody',
      );
      await web.deps.store.people.addInvitee(editionId, invitee.id, DURING_THE_PANEL);
      const json = await postRoom(web.app, url(panel, '/messages'), { text: 'Hi' }, invitee, {
        json: true,
      });
      assert.equal(json.statusCode, 403);
    });

    it('sends a signed-out visitor to sign in, and answers a script 401, showing nothing', async () => {
      const secret = `Members only ${++serial}`;
      await ok(await attendee(), panel, '/messages', { text: secret });
      for (const [path, fields] of [
        ['/messages', { text: 'Anonymous visitor here' }],
        ['/questions', { text: 'Visitor question' }],
        ['/questions/any/vote', {}],
        ['/reactions', { kind: 'applause' }],
      ] as const) {
        const before = await lastSeq(panel);
        const form = await postRoom(web.app, url(panel, path), fields, null);
        assert.equal(form.statusCode, 303, path);
        assert.equal(form.headers.location, '/sign-in');
        const json = await postRoom(web.app, url(panel, path), fields, null, { json: true });
        assert.equal(json.statusCode, 401, `${path} (JSON)`);
        assert.deepEqual(json.json(), {
          error: {
            code: 'sign-in',
            message: 'Sign in to take part in this session room.',
            field: null,
            retryAfterSeconds: null,
          },
        });
        for (const response of [form, json]) assert.ok(!response.body.includes(secret));
        assert.equal(await lastSeq(panel), before);
      }
      for (const get of [url(panel), url(panel, '/events?once=1')]) {
        const response = await web.app.inject({ url: get });
        assert.equal(response.statusCode, 303, get);
        assert.equal(response.headers.location, '/sign-in');
      }
    });

    it('refuses a post without the page’s form token, as JSON or as a page, storing nothing', async () => {
      const who = await attendee();
      const before = await lastSeq(panel);
      const post = (accept: string) =>
        web.app.inject({
          method: 'POST',
          url: url(panel, '/messages'),
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept },
          cookies: who.cookies,
          payload: 'text=Forged',
        });
      const json = await post('application/json');
      assert.equal(json.statusCode, 403);
      assert.equal(json.json<{ error: { code: string } }>().error.code, 'expired');
      assert.match(json.json<{ error: { message: string } }>().error.message, /reload the page/);
      const form = await post('text/html');
      assert.equal(form.statusCode, 403);
      assert.match(form.body, /This form has expired/);
      assert.equal(await lastSeq(panel), before);
    });

    it('lets the session’s own moderator in the programme moderate its room, and no other', async () => {
      // Kadri moderates the opening in the programme; she holds no role in the edition.
      const kadri: RoomPerson = {
        id: `p-kadri-${SLUG}`,
        name: 'Kadri Tamm',
        cookies: await (
          await import('../support/sessions.ts')
        ).signInAs(web.deps, { id: `p-kadri-${SLUG}` }),
      };
      const opening = seeded.sessions.opening.id;
      await ok(kadri, opening, '/state', { ended: 'false' });
      const who = await attendee();
      const { messageId } = await ok(who, opening, '/messages', { text: 'Off topic' });
      await ok(kadri, opening, `/messages/${messageId}/hide`, { hidden: 'true' });
      const other = await ok(who, panel, '/messages', { text: 'Fine here' });
      assertJsonRefusal(
        await postRoom(web.app, url(panel, `/messages/${other.messageId}/hide`), {}, kadri, {
          json: true,
        }),
        {
          status: 403,
          code: 'forbidden',
          message: 'Only the moderators and organizers of this session can do this.',
        },
        'Kadri in the panel',
      );
      await ok(kadri, opening, '/state', { ended: 'true' });
    });
  });

  describe('the state of the room', () => {
    it('refuses messages, questions, votes and reactions once the session has ended, still showing the chat', async () => {
      const sessionId = await addSession();
      const who = await attendee();
      const { messageId } = await ok(who, sessionId, '/messages', { text: 'Said before the end' });
      const { questionId } = await ok(who, sessionId, '/questions', {
        text: 'Asked before the end?',
      });
      await ok(moderator, sessionId, '/state', { ended: 'true' });
      const voter = await attendee();
      for (const [path, fields, what] of [
        ['/messages', { text: 'Too late' }, 'the chat'],
        ['/questions', { text: 'Too late?' }, 'asking questions'],
        [`/questions/${questionId}/vote`, {}, 'voting'],
        ['/reactions', { kind: 'thanks' }, 'reacting'],
      ] as const) {
        const body = await assertRefusedBothWays(voter, sessionId, path, fields, {
          status: 409,
          code: 'ended',
          message: `This session has ended, so ${what} is closed. The chat and questions stay here to read.`,
        });
        assert.ok(itemOf(body, `message-${messageId}`)!.includes('Said before the end'));
      }
      const html = await page(sessionId, voter);
      assert.match(html, /This session has ended/);
      assert.ok(itemOf(html, `message-${messageId}`), 'the chat is still there to read');
      assert.ok(itemOf(html, `question-${questionId}`), 'and the questions');
      assert.ok(!html.includes(`action="${url(sessionId, '/messages')}"`), 'no message form');
    });

    it('ends a room that ended on schedule, 15 minutes after its end', async () => {
      const who = await attendee();
      const opening = seeded.sessions.opening.id;
      assertJsonRefusal(
        await postRoom(web.app, url(opening, '/messages'), { text: 'Late' }, who, { json: true }),
        {
          status: 409,
          code: 'ended',
          message:
            'This session has ended, so the chat is closed. The chat and questions stay here to read.',
        },
        'the opening, ended at 15:00',
      );
    });

    it('lets moderators end a room and open it again, and nobody else', async () => {
      const sessionId = await addSession();
      const who = await attendee();
      const forbidden = {
        status: 403,
        code: 'forbidden',
        message: 'Only the moderators and organizers of this session can do this.',
      };
      await assertRefusedBothWays(who, sessionId, '/state', { ended: 'true' }, forbidden);
      await ok(moderator, sessionId, '/state', { ended: 'true' });
      assertJsonRefusal(
        await postRoom(web.app, url(sessionId, '/state'), { ended: 'true' }, organizer, {
          json: true,
        }),
        { status: 409, code: 'conflict', message: 'This session has already ended.' },
        'ending twice',
      );
      const ended = await readStreamOnce(web.app, url(sessionId), who);
      assert.deepEqual(
        ended.map((f) => [f.data.type, f.data.state]),
        [['room.state', 'ended']],
      );
      await ok(organizer, sessionId, '/state', { ended: 'false' });
      await ok(who, sessionId, '/messages', { text: 'Open again' });
      assertJsonRefusal(
        await postRoom(web.app, url(sessionId, '/state'), { ended: 'false' }, moderator, {
          json: true,
        }),
        { status: 409, code: 'conflict', message: 'This room is already open.' },
        'opening an open room',
      );
    });

    it('lets people post before the start, and a moderator open the room early', async () => {
      const later = seeded.sessions.later.id;
      const who = await attendee();
      assert.match(await page(later, who), /Not started yet/);
      await ok(who, later, '/messages', { text: 'Looking forward to it' });
      await ok(moderator, later, '/state', { ended: 'false' });
      assert.match(await page(later, who), /Live now/);
    });
  });

  describe('questions and votes', () => {
    it('counts one vote per person, refusing a second', async () => {
      const asker = await attendee();
      const voter = await attendee();
      const { questionId } = await ok(asker, panel, '/questions', { text: 'Vote for me?' });
      assert.equal((await ok(voter, panel, `/questions/${questionId}/vote`)).seq > 0, true);
      await assertRefusedBothWays(
        voter,
        panel,
        `/questions/${questionId}/vote`,
        {},
        {
          status: 409,
          code: 'already-voted',
          message: 'You have already upvoted this question. Each person has one vote per question.',
        },
      );
      assert.equal((await web.deps.store.live.findQuestion(questionId!))?.votes, 1);
    });

    it('refuses a vote for your own question', async () => {
      const asker = await attendee();
      const { questionId } = await ok(asker, panel, '/questions', { text: 'My own question' });
      await assertRefusedBothWays(
        asker,
        panel,
        `/questions/${questionId}/vote`,
        {},
        {
          status: 409,
          code: 'conflict',
          message:
            'You asked this question, so you cannot upvote it. Upvote other people’s questions.',
        },
      );
    });

    it('refuses votes for unknown, waiting and answered questions', async () => {
      const sessionId = await addSession();
      const asker = await attendee();
      const voter = await attendee();
      await assertRefusedBothWays(
        voter,
        sessionId,
        '/questions/no-such-question/vote',
        {},
        {
          status: 404,
          code: 'not-found',
          message: 'That question is not in this session. Reload the room to see its questions.',
        },
      );
      await ok(moderator, sessionId, '/settings', { queueEnabled: 'on' });
      const queued = await ok(asker, sessionId, '/questions', { text: 'Waiting?' });
      // An attendee cannot see a waiting question at all; a moderator is told why.
      await assertRefusedBothWays(
        voter,
        sessionId,
        `/questions/${queued.questionId}/vote`,
        {},
        {
          status: 404,
          code: 'not-found',
          message: 'That question is not in this session. Reload the room to see its questions.',
        },
      );
      assertJsonRefusal(
        await postRoom(
          web.app,
          url(sessionId, `/questions/${queued.questionId}/vote`),
          {},
          moderator,
          { json: true },
        ),
        {
          status: 409,
          code: 'conflict',
          message:
            'This question is waiting for a moderator; votes open once it is shown to everyone.',
        },
        'a moderator voting for a waiting question',
      );
      await ok(moderator, sessionId, `/questions/${queued.questionId}/status`, {
        status: 'visible',
      });
      await ok(moderator, sessionId, `/questions/${queued.questionId}/status`, {
        status: 'answered',
      });
      await assertRefusedBothWays(
        voter,
        sessionId,
        `/questions/${queued.questionId}/vote`,
        {},
        {
          status: 409,
          code: 'conflict',
          message: 'This question is answered, so voting on it has closed.',
        },
      );
    });

    it('refuses a question while asking is locked, and takes them again once unlocked', async () => {
      const sessionId = await addSession();
      const who = await attendee();
      const { questionId } = await ok(who, sessionId, '/questions', { text: 'Before the lock' });
      await ok(moderator, sessionId, '/settings', { askingLocked: 'on' });
      const body = await assertRefusedBothWays(
        who,
        sessionId,
        '/questions',
        { text: 'After?' },
        {
          status: 409,
          code: 'asking-locked',
          message:
            'The moderators have closed questions for this session. You can still vote for the questions already asked, or use the chat.',
        },
      );
      assert.match(body, /The moderators have closed questions for this session\./);
      await ok(await attendee(), sessionId, `/questions/${questionId}/vote`);
      await ok(who, sessionId, '/messages', { text: 'The chat still works' });
      await ok(moderator, sessionId, '/settings', {});
      await ok(who, sessionId, '/questions', { text: 'After the unlock' });
    });

    it('refuses a status that does not exist and a move that is not allowed', async () => {
      const who = await attendee();
      const { questionId } = await ok(who, panel, '/questions', { text: 'Move me' });
      await assertRefusedBothWays(
        moderator,
        panel,
        `/questions/${questionId}/status`,
        { status: 'deleted' },
        {
          status: 400,
          code: 'invalid',
          message:
            'Choose what to do with the question: show it (visible), mark it answered, or archive it.',
          field: 'status',
        },
      );
      await assertRefusedBothWays(
        moderator,
        panel,
        `/questions/${questionId}/status`,
        { status: 'queued' },
        {
          status: 409,
          code: 'conflict',
          message:
            'A question that is open cannot be marked waiting for a moderator. Reload the room to see where it is now.',
        },
      );
      await assertRefusedBothWays(
        who,
        panel,
        `/questions/${questionId}/status`,
        { status: 'answered' },
        {
          status: 403,
          code: 'forbidden',
          message: 'Only the moderators and organizers of this session can do this.',
        },
      );
    });

    it('refuses a reaction that is not one of those shown, and sends the others as one burst', async () => {
      const sessionId = await addSession();
      const who = await attendee();
      for (const kind of ['', 'angry', '<b>applause</b>'])
        await assertRefusedBothWays(
          who,
          sessionId,
          '/reactions',
          { kind },
          {
            status: 400,
            code: 'invalid',
            message:
              'Choose one of the reactions shown: applause, thanks, celebrate, love, insightful or agree.',
            field: 'kind',
          },
        );
      await web.reactions.flush();
      assert.equal(await lastSeq(sessionId), 0, 'no burst for refused reactions');
      await ok(who, sessionId, '/reactions', { kind: 'applause' });
      await ok(await attendee(), sessionId, '/reactions', { kind: 'applause' });
      await ok(who, sessionId, '/reactions', { kind: 'thanks' });
      await web.reactions.flush();
      const frames = await readStreamOnce(web.app, url(sessionId), who);
      assert.deepEqual(
        frames.map((f) => [f.data.type, f.data.counts]),
        [['reactions', { applause: 2, thanks: 1 }]],
      );
    });
  });

  describe('replies', () => {
    it('refuses a reply to an unknown message, a hidden one, or one in another room', async () => {
      const author = await attendee();
      const replier = await attendee();
      const hidden = await ok(author, panel, '/messages', { text: 'Soon hidden' });
      await ok(moderator, panel, `/messages/${hidden.messageId}/hide`, { hidden: 'true' });
      const elsewhere = await ok(author, seeded.sessions.later.id, '/messages', {
        text: 'Elsewhere',
      });
      for (const replyTo of ['no-such-message', hidden.messageId!, elsewhere.messageId!])
        await assertRefusedBothWays(
          replier,
          panel,
          '/messages',
          { text: 'Replying', replyTo },
          {
            status: 400,
            code: 'invalid',
            message:
              'The message you are replying to is no longer in this chat. Send your message without the reply, or reply to another one.',
            field: 'replyTo',
          },
        );
      // Moderators still see the hidden message, and may answer it.
      await ok(moderator, panel, '/messages', {
        text: 'Please keep it kind',
        replyTo: hidden.messageId!,
      });
    });

    it('quotes the message replied to, with its author', async () => {
      const author = await attendee('Grace Quoted');
      const replier = await attendee();
      const original = await ok(author, panel, '/messages', { text: 'Open source first' });
      const reply = await ok(replier, panel, '/messages', {
        text: 'Agreed',
        replyTo: original.messageId!,
      });
      const item = itemOf(await page(panel, replier), `message-${reply.messageId}`)!;
      assert.match(item, /Reply to <strong[^>]*>Grace Quoted<\/strong>/);
      assert.match(item, /Open source first/);
    });
  });

  describe('rate limits', () => {
    it('refuses the 11th message in 30 seconds, says when to post again, and never blocks others', async () => {
      const sessionId = await addSession();
      const flooder = await attendee();
      for (let n = 0; n < 10; n++)
        await ok(flooder, sessionId, '/messages', { text: `Flood ${n}` });
      const before = await lastSeq(sessionId);
      const refused = await postRoom(
        web.app,
        url(sessionId, '/messages'),
        { text: 'Flood 10' },
        flooder,
        { json: true },
      );
      assert.equal(refused.statusCode, 429);
      const retryAfter = Number(refused.headers['retry-after']);
      assert.ok(
        retryAfter >= 1 && retryAfter <= 30,
        `retry-after ${refused.headers['retry-after']}`,
      );
      const { error } = refused.json<{
        error: { code: string; message: string; retryAfterSeconds: number };
      }>();
      assert.equal(error.code, 'rate-limited');
      assert.equal(error.retryAfterSeconds, retryAfter);
      assert.match(
        error.message,
        /^You are sending messages faster than this room allows \(10 every 30 seconds\)\. You can post again in \d+ seconds?\.$/,
      );
      const form = await postRoom(
        web.app,
        url(sessionId, '/messages'),
        { text: 'Flood 11' },
        flooder,
      );
      assert.equal(form.statusCode, 429);
      assert.ok(Number(form.headers['retry-after']) >= 1);
      assert.match(form.body, /You can post again in \d+ seconds?\./);
      assert.equal(await lastSeq(sessionId), before, 'nothing stored');

      // Someone else in the same room, meanwhile, posts as usual.
      await ok(await attendee(), sessionId, '/messages', { text: 'I can still talk' });
    });

    it('limits questions to 5 a minute per person', async () => {
      const sessionId = await addSession();
      const who = await attendee();
      for (let n = 0; n < 5; n++) await ok(who, sessionId, '/questions', { text: `Question ${n}` });
      const refused = await postRoom(
        web.app,
        url(sessionId, '/questions'),
        { text: 'One more' },
        who,
        {
          json: true,
        },
      );
      assert.equal(refused.statusCode, 429);
      assert.match(
        refused.json<{ error: { message: string } }>().error.message,
        /\(5 every 60 seconds\)/,
      );
    });
  });

  describe('moderation', () => {
    it('hides a message from everyone but its author and the moderators, on the page and in the stream', async () => {
      const sessionId = await addSession();
      const author = await attendee('Hana Author');
      const reader = await attendee();
      const { messageId } = await ok(author, sessionId, '/messages', { text: 'An unkind remark' });
      await assertRefusedBothWays(
        reader,
        sessionId,
        `/messages/${messageId}/hide`,
        {},
        {
          status: 403,
          code: 'forbidden',
          message: 'Only the moderators and organizers of this session can do this.',
        },
      );
      await ok(moderator, sessionId, `/messages/${messageId}/hide`, { hidden: 'true' });
      assertJsonRefusal(
        await postRoom(web.app, url(sessionId, `/messages/${messageId}/hide`), {}, organizer, {
          json: true,
        }),
        { status: 409, code: 'conflict', message: 'That message is already hidden.' },
        'hiding twice',
      );

      const id = `message-${messageId}`;
      assert.equal(itemOf(await page(sessionId, reader), id), null, 'gone for others');
      for (const who of [author, moderator, organizer]) {
        const item = itemOf(await page(sessionId, who), id);
        assert.ok(item, `${who.id} still sees it`);
        assert.match(item, /class="chat-message chat-message--hidden"/, `${who.id}: marked hidden`);
        assert.match(item, /An unkind remark/);
      }

      const posted = (frames: Frame[]) =>
        frames.some((f) => (f.data.message as { id?: string } | undefined)?.id === messageId);
      const hiddenEvent = (frames: Frame[]) =>
        frames.find((f) => f.data.type === 'message.hidden' && f.data.messageId === messageId);
      const readerFrames = await readStreamOnce(web.app, url(sessionId), reader);
      assert.ok(!posted(readerFrames), 'a resuming attendee never receives the hidden text');
      assert.ok(!JSON.stringify(readerFrames).includes('An unkind remark'));
      assert.equal(hiddenEvent(readerFrames)?.data.hidden, true);
      for (const who of [author, moderator]) {
        const frames = await readStreamOnce(web.app, url(sessionId), who);
        assert.ok(posted(frames), `${who.id} receives the message when resuming`);
        assert.equal(hiddenEvent(frames)?.data.hidden, true, `${who.id} learns it is hidden`);
      }

      await ok(moderator, sessionId, `/messages/${messageId}/hide`, { hidden: 'false' });
      const shown = itemOf(await page(sessionId, reader), id);
      assert.ok(shown, 'shown again to everyone');
      assert.doesNotMatch(shown, /chat-message--hidden/);
    });

    it('shows "Anonymous" to attendees for an anonymous question and the asker’s name to moderators', async () => {
      const sessionId = await addSession();
      const asker = await attendee('Zawadi Private');
      const reader = await attendee();
      const { questionId } = await ok(asker, sessionId, '/questions', {
        text: 'What did the audit find?',
        anonymous: 'on',
      });
      const id = `question-${questionId}`;
      const forReader = itemOf(await page(sessionId, reader), id)!;
      assert.match(forReader, /Anonymous/);
      assert.ok(!forReader.includes('Zawadi'), 'no name for attendees');
      assert.ok(!(await page(sessionId, reader)).includes('Zawadi Private'), 'nowhere on the page');
      for (const who of [moderator, asker]) {
        const item = itemOf(await page(sessionId, who), id)!;
        assert.match(item, /Zawadi Private/, `${who.id} sees the name`);
        assert.match(item, /anonymous to attendees/);
      }

      const askedBy = (frames: Frame[]) =>
        (
          frames.find((f) => f.data.type === 'question.asked')!.data.question as {
            askedBy: { id: string } | null;
          }
        ).askedBy;
      const readerFrames = await readStreamOnce(web.app, url(sessionId), reader);
      assert.equal(askedBy(readerFrames), null);
      assert.ok(
        !JSON.stringify(readerFrames).includes(asker.id),
        'no id of the asker in the stream',
      );
      assert.equal(askedBy(await readStreamOnce(web.app, url(sessionId), moderator))?.id, asker.id);

      // Answering it keeps the asker hidden too.
      await ok(moderator, sessionId, `/questions/${questionId}/status`, { status: 'answered' });
      const answered = await readStreamOnce(web.app, url(sessionId), reader);
      assert.ok(!JSON.stringify(answered).includes(asker.id));
      assert.ok(!(await page(sessionId, reader)).includes('Zawadi Private'));
    });

    it('shows a question waiting in the queue only to moderators and its asker until approved', async () => {
      const sessionId = await addSession();
      const asker = await attendee('Queued Asker');
      const reader = await attendee();
      await ok(moderator, sessionId, '/settings', { queueEnabled: 'on' });
      const asked = await ok(asker, sessionId, '/questions', { text: 'Is this one allowed?' });
      assert.equal((asked as { status?: string }).status, 'queued');
      const id = `question-${asked.questionId}`;
      assert.equal(itemOf(await page(sessionId, reader), id), null, 'hidden from attendees');
      assert.ok(itemOf(await page(sessionId, asker), id), 'shown to its asker');
      assert.match(itemOf(await page(sessionId, moderator), id)!, /Waiting for a moderator/);
      const isAsked = (frames: Frame[]) =>
        frames.some(
          (f) =>
            f.data.type === 'question.asked' &&
            (f.data.question as { id: string }).id === asked.questionId,
        );
      assert.ok(!isAsked(await readStreamOnce(web.app, url(sessionId), reader)));
      assert.ok(isAsked(await readStreamOnce(web.app, url(sessionId), moderator)));

      await ok(moderator, sessionId, `/questions/${asked.questionId}/status`, {
        status: 'visible',
      });
      assert.ok(itemOf(await page(sessionId, reader), id), 'approved: everyone sees it');
      const approved = (await readStreamOnce(web.app, url(sessionId), reader)).find(
        (f) => f.data.type === 'question.status',
      );
      assert.equal(approved?.data.status, 'visible');
      assert.equal((approved?.data.question as { text: string }).text, 'Is this one allowed?');
      await ok(reader, sessionId, `/questions/${asked.questionId}/vote`);
    });

    it('never shows attendees a question a moderator rejected from the queue', async () => {
      const sessionId = await addSession();
      const asker = await attendee();
      const reader = await attendee();
      await ok(moderator, sessionId, '/settings', { queueEnabled: 'on' });
      const asked = await ok(asker, sessionId, '/questions', { text: 'Something unkind?' });
      await ok(moderator, sessionId, `/questions/${asked.questionId}/status`, {
        status: 'rejected',
      });
      const frames = await readStreamOnce(web.app, url(sessionId), reader);
      assert.ok(!JSON.stringify(frames).includes('Something unkind?'), 'not in the stream');
      assert.equal(
        itemOf(await page(sessionId, reader), `question-${asked.questionId}`),
        null,
        'not on the page',
      );
    });

    it('marks a question answered, pins the one being discussed and unpins it', async () => {
      const sessionId = await addSession();
      const who = await attendee();
      const first = await ok(who, sessionId, '/questions', { text: 'First, the budget?' });
      const second = await ok(who, sessionId, '/questions', { text: 'Then, the people?' });
      await ok(moderator, sessionId, '/pin', { questionId: first.questionId! });
      let html = await page(sessionId, who);
      assert.match(html, /Being answered now<\/p><p class="pinned__text">First, the budget\?/);
      await ok(moderator, sessionId, `/questions/${first.questionId}/status`, {
        status: 'answered',
      });
      html = await page(sessionId, who);
      assert.doesNotMatch(html, /class="pinned__text"/, 'answering the pinned question unpins it');
      assert.match(itemOf(html, `question-${first.questionId}`)!, /Answered/);
      await assertRefusedBothWays(
        moderator,
        sessionId,
        '/pin',
        { questionId: first.questionId! },
        {
          status: 409,
          code: 'conflict',
          message: 'Only an open question can be pinned. Approve it first, or reopen it.',
        },
      );
      await ok(moderator, sessionId, '/pin', { questionId: second.questionId! });
      assert.match(await page(sessionId, who), /class="pinned__text">Then, the people\?/);
      await ok(moderator, sessionId, '/pin', { questionId: '' });
      assert.doesNotMatch(await page(sessionId, who), /class="pinned__text"/);
      const types = (await readStreamOnce(web.app, url(sessionId), who)).map((f) => [
        f.data.type,
        f.data.questionId ?? null,
      ]);
      assert.deepEqual(
        types.filter(([type]) => type === 'question.pinned'),
        [
          ['question.pinned', first.questionId],
          ['question.pinned', null],
          ['question.pinned', second.questionId],
          ['question.pinned', null],
        ],
      );
    });

    it('mutes a person, who can still vote and react but not post, and unmutes them', async () => {
      const sessionId = await addSession();
      const muted = await attendee('Loud Person');
      const asker = await attendee();
      const { questionId } = await ok(asker, sessionId, '/questions', { text: 'Vote on this?' });
      await assertRefusedBothWays(
        asker,
        sessionId,
        '/mutes',
        { personId: muted.id },
        {
          status: 403,
          code: 'forbidden',
          message: 'Only the moderators and organizers of this session can do this.',
        },
      );
      await ok(moderator, sessionId, '/mutes', { personId: muted.id, muted: 'true' });
      const mutedRefusal = {
        status: 403,
        code: 'muted',
        message:
          'A moderator has muted you in this session, so you cannot post messages or questions here. You can still read, vote and react.',
      };
      await assertRefusedBothWays(
        muted,
        sessionId,
        '/messages',
        { text: 'Let me speak' },
        mutedRefusal,
      );
      await assertRefusedBothWays(
        muted,
        sessionId,
        '/questions',
        { text: 'Let me ask' },
        mutedRefusal,
      );
      await ok(muted, sessionId, `/questions/${questionId}/vote`);
      await ok(muted, sessionId, '/reactions', { kind: 'agree' });
      assert.match(await page(sessionId, muted), /A moderator has muted you in this session/);
      assert.match(await page(sessionId, moderator), /Muted in this session[\s\S]*Loud Person/);
      assertJsonRefusal(
        await postRoom(web.app, url(sessionId, '/mutes'), { personId: muted.id }, organizer, {
          json: true,
        }),
        { status: 409, code: 'conflict', message: 'Loud Person is already muted.' },
        'muting twice',
      );
      // Only the moderators hear who was muted.
      const isMuting = (frames: Frame[]) => frames.some((f) => f.data.type === 'person.muted');
      assert.ok(!isMuting(await readStreamOnce(web.app, url(sessionId), asker)));
      assert.ok(isMuting(await readStreamOnce(web.app, url(sessionId), moderator)));

      await ok(moderator, sessionId, '/mutes', { personId: muted.id, muted: 'false' });
      await ok(muted, sessionId, '/messages', { text: 'Thank you' });
      assert.doesNotMatch(await page(sessionId, muted), /A moderator has muted you/);
    });

    it('refuses to mute nobody, an unknown person, or oneself', async () => {
      await assertRefusedBothWays(
        moderator,
        panel,
        '/mutes',
        {},
        {
          status: 400,
          code: 'invalid',
          message: 'Choose the person to mute or unmute.',
          field: 'personId',
        },
      );
      await assertRefusedBothWays(
        moderator,
        panel,
        '/mutes',
        { personId: 'p-nobody' },
        {
          status: 404,
          code: 'not-found',
          message: 'That person is not in this edition. Reload the room.',
        },
      );
      await assertRefusedBothWays(
        moderator,
        panel,
        '/mutes',
        { personId: moderator.id },
        {
          status: 400,
          code: 'invalid',
          message: 'You cannot mute yourself.',
        },
      );
    });

    it('refuses moderators’ forms from attendees before looking at what they sent', async () => {
      const who = await attendee();
      const forbidden = {
        status: 403,
        code: 'forbidden',
        message: 'Only the moderators and organizers of this session can do this.',
      };
      await assertRefusedBothWays(who, panel, '/mutes', {}, forbidden);
      await assertRefusedBothWays(who, panel, '/questions/any/status', {}, forbidden);
      await assertRefusedBothWays(who, panel, '/settings', { askingLocked: 'on' }, forbidden);
      await assertRefusedBothWays(who, panel, '/pin', { questionId: '' }, forbidden);
    });
  });
});
