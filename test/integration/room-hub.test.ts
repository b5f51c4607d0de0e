import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { RoomHub } from '../../src/adapters/realtime/room-hub.ts';
import type { RoomSubscriber } from '../../src/app/ports.ts';
import type { RoomEventPayload } from '../../src/domain/live/room-events.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildTestDeps } from '../support/deps.ts';
import { seedEdition } from '../support/programme-factory.ts';
import { signInAs } from '../support/sessions.ts';

/** A client of the hub that keeps every event it receives. */
function recorder(options: { moderator?: boolean; viewerId?: string } = {}) {
  let text = '';
  const subscriber: RoomSubscriber & { seqs(): number[]; events(): Record<string, unknown>[] } = {
    moderator: options.moderator ?? false,
    viewerId: options.viewerId ?? 'nobody',
    write: (chunk) => {
      text += chunk.toString();
      return true;
    },
    pending: () => 0,
    drained: async () => {},
    isClosed: () => false,
    end: () => {},
    events: () =>
      text
        .split('\n\n')
        .map((frame) => frame.split('\n').find((line) => line.startsWith('data: ')))
        .filter((line): line is string => line !== undefined)
        .map((line) => JSON.parse(line.slice(6)) as Record<string, unknown>),
    seqs: () => subscriber.events().map((event) => Number(event.seq)),
  };
  return subscriber;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 25));
  assert.ok(condition(), `timed out waiting until ${what}`);
}

describeEachDatabase('the room hub', (database) => {
  let deps: ReturnType<typeof buildTestDeps>['deps'];
  let sessionId = '';
  let authorId = '';
  const hubs: RoomHub[] = [];
  const hub = (options: ConstructorParameters<typeof RoomHub>[1] = {}) => {
    // Polling is slow here, so that only the wake-ups a test makes deliver anything.
    const made = new RoomHub(deps.store, { pollMs: 60_000, ...options });
    hubs.push(made);
    return made;
  };
  const append = (payload: RoomEventPayload, actorId: string | null = authorId) =>
    deps.store.live.appendEvent(sessionId, {
      at: deps.clock.now().toISOString(),
      actorId,
      payload,
    });
  const message = (n: number): RoomEventPayload => ({
    type: 'message.posted',
    messageId: `m-${sessionId}-${n}`,
    text: `Message ${n}`,
    replyTo: null,
  });

  before(async () => {
    deps = buildTestDeps(database()).deps;
    const seeded = await seedEdition(deps, `hub-${Math.random().toString(36).slice(2, 8)}`);
    sessionId = seeded.sessions.panel.id;
    authorId = 'hub-author';
    await signInAs(deps, { id: authorId, name: 'Hana Author' });
  });
  after(() => {
    for (const made of hubs) made.close();
  });

  it('sends a client that has seen more than this process each later event once, in order', async () => {
    const seen = await deps.store.live.lastSeqs([sessionId]);
    const start = seen.get(sessionId) ?? 0;
    const room = hub();
    const first = recorder();
    // The room opens here at `start`; four events then reach the log without waking it.
    await room.subscribe(sessionId, null, first);
    for (let n = 1; n <= 4; n++) await append(message(n));
    // A client that already saw the first two (from another process) joins here.
    const second = recorder();
    await room.subscribe(sessionId, start + 2, second);
    assert.deepEqual(second.seqs(), [start + 3, start + 4]);
    room.wake(sessionId);
    await until(() => first.seqs().length === 4, 'the first client has all four');
    assert.deepEqual(first.seqs(), [start + 1, start + 2, start + 3, start + 4]);
    assert.deepEqual(second.seqs(), [start + 3, start + 4]);
  });

  it('resumes from the database when the client is further back than the hub remembers', async () => {
    const room = hub({ recentEvents: 2 });
    const live = recorder();
    await room.subscribe(sessionId, null, live);
    const from = (await deps.store.live.lastSeqs([sessionId])).get(sessionId) ?? 0;
    for (let n = 10; n < 16; n++) await append(message(n));
    room.wake(sessionId);
    await until(() => live.seqs().length === 6, 'the live client has six');
    const late = recorder();
    await room.subscribe(sessionId, from, late);
    assert.deepEqual(late.seqs(), live.seqs());
    const logged = (await deps.store.live.readEvents(sessionId, from, 100)).map((e) => e.seq);
    assert.deepEqual(late.seqs(), logged);
  });

  it('tells a client whose last event number is beyond the log to reload, then carries on from the newest', async () => {
    const room = hub();
    const lost = recorder();
    const newest = (await deps.store.live.lastSeqs([sessionId])).get(sessionId) ?? 0;
    await room.subscribe(sessionId, newest + 1000, lost);
    assert.deepEqual(
      lost.events().map((e) => e.type),
      ['reset'],
    );
    await append(message(99));
    room.wake(sessionId);
    await until(() => lost.seqs().length === 2, 'the next event arrives');
    assert.equal(lost.seqs()[1], newest + 1);
  });

  it('keeps the queue and the name behind an anonymous question to the moderators', async () => {
    const room = hub();
    const attendee = recorder();
    const moderator = recorder({ moderator: true });
    await room.subscribe(sessionId, null, attendee);
    await room.subscribe(sessionId, null, moderator);
    await append({
      type: 'question.asked',
      questionId: `q-${sessionId}-1`,
      text: 'Queued?',
      anonymous: false,
      status: 'queued',
    });
    await append({
      type: 'question.asked',
      questionId: `q-${sessionId}-2`,
      text: 'Who asks?',
      anonymous: true,
      status: 'visible',
    });
    room.wake(sessionId);
    await until(
      () => moderator.events().length === 2 && attendee.events().length === 1,
      'both have their events',
    );
    const [forAttendee] = attendee.events() as [{ question: { text: string; askedBy: unknown } }];
    assert.equal(forAttendee.question.text, 'Who asks?');
    assert.equal(forAttendee.question.askedBy, null);
    const asked = moderator.events() as { question: { askedBy: { name: string } | null } }[];
    assert.equal(asked[1]!.question.askedBy?.name, 'Hana Author');
    assert.doesNotMatch(JSON.stringify(attendee.events()), /Hana Author|Queued\?/);
  });
});
