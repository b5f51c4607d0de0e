import assert from 'node:assert/strict';
import net, { type AddressInfo } from 'node:net';
import { after, afterEach, before, it } from 'node:test';
import { EventSource } from 'eventsource';
import { RoomHub } from '../../src/adapters/realtime/room-hub.ts';
import type { RoomEvent } from '../../src/domain/live/room-events.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { seedEdition } from '../support/programme-factory.ts';
import {
  DURING_THE_PANEL,
  parseFrames,
  postRoom,
  roomPath,
  roomPerson,
  StreamReader,
  waitUntil,
  type Frame,
  type RoomPerson,
} from '../support/rooms.ts';
import { buildTestWebApp, type TestWebApp } from '../support/web-app.ts';

const SLUG = 'dsc-2021';
/** The hub keeps this many recent events in memory; resuming from further back reads the log. */
const RECENT_EVENTS = 16;

/** A standard EventSource client that sends the person's cookie and keeps what it receives. */
class BrowserLikeClient {
  readonly frames: Frame[] = [];
  /** The Last-Event-ID sent with each connection (null for the first). */
  readonly sentLastEventIds: (string | null)[] = [];
  /** The newest event received when each connection was made. */
  readonly lastIdAtEachConnect: (number | undefined)[] = [];
  opens = 0;
  readonly source: EventSource;

  constructor(url: string, who: RoomPerson) {
    const cookie = Object.entries(who.cookies)
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
    this.source = new EventSource(url, {
      fetch: (input, init) => {
        this.sentLastEventIds.push(init.headers['Last-Event-ID'] ?? null);
        this.lastIdAtEachConnect.push(this.lastId);
        return fetch(input, { ...init, headers: { ...init.headers, cookie } });
      },
    });
    this.source.addEventListener('open', () => this.opens++);
    this.source.addEventListener('message', (event) => {
      this.frames.push({ id: Number(event.lastEventId), data: JSON.parse(event.data as string) });
    });
  }

  get lastId(): number | undefined {
    return this.frames.at(-1)?.id;
  }
}

/** A TCP relay in front of the server whose connections a test can cut, as a flaky network does. */
async function startCuttableRelay(port: number) {
  const sockets = new Set<net.Socket>();
  const relay = net.createServer((client) => {
    const upstream = net.connect(port, '127.0.0.1');
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(from);
      from.on('error', () => {});
      from.on('close', () => {
        sockets.delete(from);
        to.destroy();
      });
      from.pipe(to);
    }
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(relay.address() as AddressInfo).port}`,
    cut: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        relay.close(() => resolve());
      }),
  };
}

describeEachDatabase('session rooms: ordered delivery and resuming', (database) => {
  let web: TestWebApp;
  let origin: string;
  let sessionId: string;
  let base: string;
  let editionId: string;
  let moderator: RoomPerson;
  let serial = 0;
  const cleanups: (() => void | Promise<void>)[] = [];

  before(async () => {
    web = await buildTestWebApp(database(), {
      now: DURING_THE_PANEL,
      hub: { recentEvents: RECENT_EVENTS },
    });
    const seeded = await seedEdition(web.deps, SLUG);
    editionId = seeded.edition.id;
    sessionId = seeded.sessions.panel.id;
    base = roomPath(SLUG, sessionId);
    moderator = await roomPerson(web.deps, editionId, { id: 'p-moderator' }, 'moderator');
    await web.app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(web.app.server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
    await waitUntil(async () => (await web.hub.clientCount()) === 0, 'every stream to close');
  });
  after(async () => web.app.close());

  /** Registered attendees new to this test, so that no rate limit carries over from another. */
  async function attendees(count: number): Promise<RoomPerson[]> {
    const people: RoomPerson[] = [];
    for (let i = 0; i < count; i++) {
      const id = `p-attendee-${++serial}`;
      people.push(await roomPerson(web.deps, editionId, { id, name: `Attendee ${serial}` }));
    }
    return people;
  }

  const log = (after: number): Promise<RoomEvent[]> =>
    web.deps.store.live.readEvents(sessionId, after, 10_000);
  const lastSeq = async () => (await web.deps.store.live.lastSeqs([sessionId])).get(sessionId)!;

  function reader(who: RoomPerson, path = `${base}/events`): StreamReader {
    const stream = new StreamReader(origin, path, who);
    cleanups.push(() => stream.close());
    return stream;
  }

  function browser(who: RoomPerson, url: string): BrowserLikeClient {
    const client = new BrowserLikeClient(url, who);
    cleanups.push(() => client.source.close());
    return client;
  }

  async function post(who: RoomPerson, path: string, fields: Record<string, string>) {
    const response = await postRoom(web.app, `${base}${path}`, fields, who, { json: true });
    assert.equal(response.statusCode, 200, `${who.id} POST ${path}: ${response.body}`);
    return response.json() as { ok: true; seq: number; questionId?: string; messageId?: string };
  }

  /**
   * Posts one more message and waits for every client to receive it: as each connection
   * delivers in order, anything sent twice before it has arrived by then.
   */
  async function settle(clients: { frames: Frame[] }[]): Promise<number> {
    const [sentinel] = await attendees(1);
    const { seq } = await post(sentinel!, '/messages', { text: 'Sentinel: all caught up?' });
    await waitUntil(
      () => clients.every((client) => client.frames.some((frame) => frame.id === seq)),
      `every client to receive the sentinel event ${seq}`,
    );
    return seq;
  }

  /** Asserts a client received exactly these events, each once, in this order. */
  function assertReceivedExactly(frames: Frame[], expected: RoomEvent[], who: string): void {
    const ids = frames.map((frame) => frame.id);
    for (let i = 1; i < ids.length; i++)
      assert.ok(ids[i]! > ids[i - 1]!, `${who}: ${ids[i]} came after ${ids[i - 1]}`);
    assert.deepEqual(
      ids,
      expected.map((event) => event.seq),
      `${who} received exactly the room's log, in order`,
    );
    for (const [i, event] of expected.entries()) {
      const data = frames[i]!.data;
      assert.equal(data.type, event.payload.type, `${who}: the type of event ${event.seq}`);
      if (event.payload.type === 'message.posted')
        assert.equal((data.message as { id: string }).id, event.payload.messageId);
      if (event.payload.type === 'question.asked')
        assert.equal((data.question as { id: string }).id, event.payload.questionId);
    }
  }

  const forAttendees = (events: RoomEvent[]) => events.filter((e) => e.audience === 'all');

  it('delivers every event to every connected client exactly once, in the order of the room’s log', async () => {
    const people = await attendees(6);
    const [spare] = await attendees(1);
    const baseline = await lastSeq();

    // Standard EventSource clients and plain connections, attendees and a moderator, all
    // starting from the same event number so that none depends on when it was subscribed.
    const clients = {
      'attendee (EventSource)': browser(people[0]!, `${origin}${base}/events?after=${baseline}`),
      'moderator (EventSource)': browser(moderator, `${origin}${base}/events?after=${baseline}`),
      'attendee 2': await reader(people[1]!, `${base}/events?after=${baseline}`).open(),
      'attendee 3': await reader(people[2]!, `${base}/events?after=${baseline}`).open(),
      'moderator 2': await reader(moderator, `${base}/events?after=${baseline}`).open(),
    };
    const moderators = new Set(['moderator (EventSource)', 'moderator 2']);

    // Events only moderators receive: a question waiting in the queue, and a muting.
    await post(moderator, '/settings', { queueEnabled: 'on' });
    await post(spare!, '/questions', { text: 'A question for the moderators to approve' });
    await post(moderator, '/settings', {});
    await post(moderator, '/mutes', { personId: spare!.id, muted: 'true' });

    // Everyone asks at once, then everyone chats, votes and reacts at once.
    const asked = await Promise.all(
      people.flatMap((person, p) =>
        [1, 2, 3].map(async (n) => ({
          asker: person.id,
          id: (await post(person, '/questions', { text: `Question ${n} from person ${p}` }))
            .questionId!,
        })),
      ),
    );
    await Promise.all(
      people.flatMap((person, p) => [
        ...Array.from({ length: 8 }, (_, n) =>
          post(person, '/messages', { text: `Message ${n} from person ${p}` }),
        ),
        ...asked
          .filter((question) => question.asker !== person.id)
          .map((question) => post(person, `/questions/${question.id}/vote`, {})),
        ...['applause', 'thanks', 'love'].map((kind) => post(person, '/reactions', { kind })),
      ]),
    );
    await web.reactions.flush();
    await web.presence.flush();

    const sentinel = await settle(Object.values(clients));
    const events = await log(baseline);
    assert.equal(events.at(-1)!.seq, sentinel);
    assert.equal(
      events.filter((e) => e.payload.type === 'message.posted').length,
      6 * 8 + 1,
      'all the messages are in the log',
    );
    assert.equal(events.filter((e) => e.payload.type === 'question.voted').length, 6 * 15);
    assert.ok(events.some((e) => e.payload.type === 'reactions'));
    assert.ok(events.some((e) => e.payload.type === 'presence'));
    assert.equal(events.filter((e) => e.audience === 'moderators').length, 2);
    for (const [name, client] of Object.entries(clients))
      assertReceivedExactly(
        client.frames,
        moderators.has(name) ? events : forAttendees(events),
        name,
      );
  });

  it('resumes a standard client cut off mid-stream from its Last-Event-ID, missing nothing and repeating nothing', async () => {
    const posters = await attendees(3);
    const [listener] = await attendees(1);
    const baseline = await lastSeq();
    const relay = await startCuttableRelay(Number(new URL(origin).port));
    cleanups.push(() => relay.close());
    const client = browser(listener!, `${relay.origin}${base}/events?after=${baseline}`);

    // The stream is flowing; then the connection drops while a burst is on its way.
    for (let n = 0; n < 4; n++) {
      await post(posters[n % 3]!, '/messages', { text: `Before the cut ${n}` });
      await waitUntil(() => client.frames.length === n + 1, `message ${n} to arrive`);
    }
    const burst = Promise.all(
      posters.map((poster, n) => post(poster, '/messages', { text: `In flight ${n}` })),
    );
    relay.cut();
    await burst;
    for (let n = 0; n < 3; n++)
      await post(posters[n]!, '/messages', { text: `While disconnected ${n}` });
    await waitUntil(() => client.opens >= 2, 'the client to reconnect by itself');
    await post(posters[0]!, '/messages', { text: 'After reconnecting' });

    const sentinel = await settle([client]);
    assert.equal(client.opens, 2, 'one reconnection');
    assert.deepEqual(
      client.sentLastEventIds,
      [null, String(client.lastIdAtEachConnect[1])],
      'it reconnected from the last event it had',
    );
    const events = await log(baseline);
    assert.equal(events.at(-1)!.seq, sentinel);
    assertReceivedExactly(client.frames, forAttendees(events), 'the reconnected client');
  });

  it('resumes a client that closed its connection, whether or not others kept the room open meanwhile', async () => {
    const posters = await attendees(2);
    const [listener] = await attendees(1);
    for (const keptOpen of [true, false]) {
      const baseline = await lastSeq();
      const watcher = keptOpen ? await reader(moderator).open() : null;
      const first = await reader(listener!, `${base}/events?after=${baseline}`).open();
      for (let n = 0; n < 3; n++) await post(posters[n % 2]!, '/messages', { text: `Before ${n}` });
      await waitUntil(() => first.frames.length === 3, 'the first three messages');
      first.close();
      await waitUntil(
        async () => (await web.hub.clientCount()) === (keptOpen ? 1 : 0),
        'the server to notice the closed connection',
      );
      for (let n = 0; n < 3; n++) await post(posters[n % 2]!, '/messages', { text: `Missed ${n}` });
      const second = await reader(listener!).open(first.lastId);
      assert.equal(second.status, 200);
      await post(posters[0]!, '/messages', { text: 'After reconnecting' });
      await settle([second]);
      assertReceivedExactly(
        [...first.frames, ...second.frames],
        forAttendees(await log(baseline)),
        keptOpen ? 'a client resuming from memory' : 'a client resuming from the log',
      );
      second.close();
      watcher?.close();
      await waitUntil(async () => (await web.hub.clientCount()) === 0, 'every stream to close');
    }
  });

  it('resumes from an event older than the hub remembers by reading the room’s log', async () => {
    const posters = await attendees(3);
    const [late, recent] = await attendees(2);
    // A moderator's connection keeps the room open, so the hub's memory fills and moves on.
    const anchor = await reader(moderator).open();
    const old = await lastSeq();
    for (let n = 0; n < RECENT_EVENTS + 9; n++)
      await post(posters[n % 3]!, '/messages', { text: `Long discussion, part ${n}` });
    const newest = await lastSeq();
    await waitUntil(() => anchor.lastId === newest, 'the room to send every message');

    const live = web.deps.store.live;
    const readFrom: number[] = [];
    const readEvents = live.readEvents.bind(live);
    live.readEvents = (session, afterSeq, limit) => {
      readFrom.push(afterSeq);
      return readEvents(session, afterSeq, limit);
    };
    cleanups.push(() => {
      live.readEvents = readEvents;
    });

    const fromOld = await reader(late!).open(old);
    const fromRecent = await reader(recent!).open(newest - 5);
    await settle([fromOld, fromRecent, anchor]);
    assert.ok(readFrom.includes(old), 'the old position was read from the database');
    assert.ok(!readFrom.includes(newest - 5), 'the recent position was served from memory');
    const events = forAttendees(await log(old));
    assertReceivedExactly(fromOld.frames, events, 'the client resuming from far back');
    assertReceivedExactly(
      fromRecent.frames,
      events.filter((e) => e.seq > newest - 5),
      'the client resuming from recently',
    );
  });

  it('gives each event once to a client resuming on a server that has not yet read the newest events', async () => {
    // A second server process: it hears of new events only when woken, which here it is not.
    const other = new RoomHub(web.deps.store, { pollMs: 3_600_000 });
    cleanups.push(() => other.close());
    const collect = (viewerId: string) => {
      const chunks: string[] = [];
      return {
        chunks,
        frames: () => parseFrames(chunks.join('')),
        subscriber: {
          moderator: false,
          viewerId,
          write: (chunk: Buffer) => chunks.push(chunk.toString('utf8')) > 0,
          pending: () => 0,
          drained: async () => {},
          isClosed: () => false,
          end: () => {},
        },
      };
    };
    const [poster, a, b] = await attendees(3);
    const watcher = collect(a!.id);
    const stopWatcher = await other.subscribe(sessionId, null, watcher.subscriber);
    cleanups.push(stopWatcher);

    // Three messages reach this server's clients, but not the other server's.
    for (let n = 0; n < 3; n++) await post(poster!, '/messages', { text: `Elsewhere ${n}` });
    const newest = await lastSeq();
    assert.deepEqual(watcher.frames(), [], 'the other server has not read them yet');

    // A client that saw all but the last of them here moves to the other server.
    const moved = collect(b!.id);
    const stopMoved = await other.subscribe(sessionId, newest - 1, moved.subscriber);
    cleanups.push(stopMoved);
    await post(poster!, '/messages', { text: 'After the move' });
    other.wake(sessionId);
    await waitUntil(
      () => moved.frames().some((frame) => frame.id === newest + 1),
      'the next event on the other server',
    );
    assert.deepEqual(
      moved.frames().map((frame) => frame.id),
      [newest, newest + 1],
      'the moved client gets the one event it missed, then the new one, each once',
    );
    assert.deepEqual(
      watcher.frames().map((frame) => frame.id),
      [newest - 2, newest - 1, newest, newest + 1],
      'the other server’s own client gets them all once',
    );
  });

  it('refuses an event number that is not a whole number with a 400 that says what to send', async () => {
    const [person] = await attendees(1);
    for (const bad of ['abc', '-1', '1.5', '1e3', '0x10', '9999999999999999']) {
      const stream = await reader(person!).open(bad);
      await waitUntil(() => stream.ended, `the answer to Last-Event-ID ${JSON.stringify(bad)}`);
      assert.equal(stream.status, 400, `Last-Event-ID ${JSON.stringify(bad)}`);
      const body = JSON.parse(stream.body) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'invalid');
      assert.match(body.error.message, /must be a whole number, such as 42/);
      assert.match(body.error.message, /Last-Event-ID/);
    }
    const query = await web.app.inject({
      url: `${base}/events?once=1&after=latest`,
      cookies: person!.cookies,
    });
    assert.equal(query.statusCode, 400);
    assert.match(query.json<{ error: { message: string } }>().error.message, /whole number/);
    assert.equal(await web.hub.clientCount(), 0, 'no stream was opened for either');
  });

  it('prefers the Last-Event-ID header to the after= address when a client sends both', async () => {
    const [poster, person] = await attendees(2);
    const from = await lastSeq();
    for (let n = 0; n < 3; n++) await post(poster!, '/messages', { text: `Numbered ${n}` });
    const response = await web.app.inject({
      url: `${base}/events?once=1&after=0`,
      cookies: person!.cookies,
      headers: { 'last-event-id': String(from + 1) },
    });
    assert.deepEqual(
      parseFrames(response.body).map((frame) => frame.id),
      [from + 2, from + 3],
    );
  });
});
