import { lookupRoomPeople } from '../../app/live/room-people.ts';
import type { RoomFeed, RoomSignal, RoomSubscriber, Store } from '../../app/ports.ts';
import {
  peopleNamedIn,
  toWireEvent,
  type RoomEvent,
  type RoomPerson,
} from '../../domain/live/room-events.ts';

/** Tuning of the hub; the defaults suit one server process with thousands of clients per room. */
export interface RoomHubOptions {
  /** How often each open room checks its log even without a wake-up (a missed one costs at most this). */
  pollMs?: number;
  /** How often every stream gets a comment line, so proxies and clients know it is alive. */
  heartbeatMs?: number;
  /** A client with more than this many bytes unread is disconnected; it resumes where it was. */
  maxPendingBytes?: number;
  /** How many recent events each room keeps in memory for clients that reconnect. */
  recentEvents?: number;
  /** Events read from the log at a time. */
  pageSize?: number;
}

/** Tells other server processes that a room's log grew (PostgreSQL NOTIFY), and hears them. */
export interface CrossProcessWake {
  publish(sessionId: string): void;
}

interface Member {
  subscriber: RoomSubscriber;
  /** Chunks held back while the client catches up; null once it is live. */
  queue: Buffer[] | null;
}

interface Recent {
  seq: number;
  all: Buffer | null;
  moderators: Buffer;
}

interface Channel {
  sessionId: string;
  /** The newest event sent to this room's clients. */
  cursor: number;
  members: Set<Member>;
  recent: Recent[];
  pumping: boolean;
  again: boolean;
  scheduled: boolean;
}

const HEARTBEAT = Buffer.from(': keep-alive\n\n');

/** One event in the stream's format: its number as the event id, its JSON as the data. */
export function frame(seq: number, json: string): string {
  return `id: ${seq}\ndata: ${json}\n\n`;
}

/**
 * Fans each room's log out to the clients connected to this process. The log in the database
 * is the truth: a wake-up (from this process or, through PostgreSQL, any other) makes the room
 * read the events after the last one it sent, serialize each once per audience (everyone,
 * moderators), and write the same bytes to every client in one batch per read.
 */
export class RoomHub implements RoomFeed, RoomSignal {
  private channels = new Map<string, Promise<Channel>>();
  private timers: NodeJS.Timeout[] = [];
  private readonly pollMs: number;
  private readonly maxPending: number;
  private readonly recentSize: number;
  private readonly pageSize: number;
  private cross: CrossProcessWake | null = null;
  /** Names of people, looked up once per batch and kept briefly. */
  private people = new Map<string, { person: RoomPerson; until: number }>();

  constructor(
    private readonly store: Store,
    options: RoomHubOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 1000;
    this.maxPending = options.maxPendingBytes ?? 4 * 1024 * 1024;
    this.recentSize = options.recentEvents ?? 4096;
    this.pageSize = options.pageSize ?? 1000;
    const heartbeatMs = options.heartbeatMs ?? 15_000;
    this.timers.push(setInterval(() => void this.pollAll(), this.pollMs).unref());
    this.timers.push(setInterval(() => this.heartbeat(), heartbeatMs).unref());
  }

  /** Connects the hub to other processes: what it publishes wakes their rooms. */
  connect(cross: CrossProcessWake): void {
    this.cross = cross;
  }

  /** A room's log grew here: wake its clients on this process and on every other. */
  roomChanged(sessionId: string): void {
    this.wake(sessionId);
    this.cross?.publish(sessionId);
  }

  /** A room's log grew somewhere: read and send what is new, soon (several wake-ups, one read). */
  wake(sessionId: string): void {
    const pending = this.channels.get(sessionId);
    if (!pending) return;
    void pending.then((channel) => this.schedule(channel));
  }

  /** Wakes every open room, as after losing contact with the other processes for a while. */
  wakeAll(): void {
    for (const sessionId of this.channels.keys()) this.wake(sessionId);
  }

  /** Clients connected to this process, over all rooms. */
  async clientCount(): Promise<number> {
    let count = 0;
    for (const pending of this.channels.values()) count += (await pending).members.size;
    return count;
  }

  async subscribe(
    sessionId: string,
    afterSeq: number | null,
    subscriber: RoomSubscriber,
  ): Promise<() => void> {
    const channel = await this.open(sessionId);
    const member: Member = { subscriber, queue: [] };
    channel.members.add(member);
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      channel.members.delete(member);
      if (channel.members.size === 0) this.channels.delete(sessionId);
    };
    try {
      if (afterSeq !== null && afterSeq > channel.cursor) {
        // The client has seen events this process has not read yet (it was connected elsewhere).
        await this.pump(channel);
        // That read queued its events for this client too; the catch-up below sends each once.
        member.queue = [];
        if (afterSeq > channel.cursor) {
          // A number this room never reached: the client's position is unknown; it should reload.
          subscriber.write(
            Buffer.from(
              frame(channel.cursor, JSON.stringify({ seq: channel.cursor, type: 'reset' })),
            ),
          );
          afterSeq = channel.cursor;
        }
      }
      // Everything up to here was sent before this client joined; everything later is queued for it.
      const upTo = channel.cursor;
      if (afterSeq !== null && afterSeq < upTo)
        await this.catchUp(channel, subscriber, afterSeq, upTo);
      for (const chunk of member.queue ?? []) subscriber.write(chunk);
      member.queue = null;
    } catch (error) {
      stop();
      throw error;
    }
    return stop;
  }

  /** Stops the timers and ends every stream (clients reconnect, to this server or another). */
  close(): void {
    for (const timer of this.timers) clearInterval(timer);
    for (const pending of this.channels.values())
      void pending.then((channel) => {
        for (const member of channel.members) member.subscriber.end();
      });
    this.channels.clear();
  }

  private open(sessionId: string): Promise<Channel> {
    let pending = this.channels.get(sessionId);
    if (!pending) {
      pending = this.store.live.lastSeqs([sessionId]).then((seqs) => ({
        sessionId,
        cursor: seqs.get(sessionId) ?? 0,
        members: new Set<Member>(),
        recent: [],
        pumping: false,
        again: false,
        scheduled: false,
      }));
      this.channels.set(sessionId, pending);
      pending.catch(() => this.channels.delete(sessionId));
    }
    return pending;
  }

  private schedule(channel: Channel): void {
    if (channel.scheduled) return;
    channel.scheduled = true;
    // Wake-ups in the same turn of the event loop make one read and one batch.
    setImmediate(() => {
      channel.scheduled = false;
      void this.pump(channel).catch(() => {
        // The database was unreachable; the next wake-up or poll tries again.
      });
    });
  }

  private async pollAll(): Promise<void> {
    for (const pending of this.channels.values()) {
      const channel = await pending.catch(() => null);
      if (channel) this.schedule(channel);
    }
  }

  /** Reads what is new in the room's log and sends it, until nothing is. One read at a time per room. */
  private async pump(channel: Channel): Promise<void> {
    if (channel.pumping) {
      channel.again = true;
      while (channel.pumping) await new Promise((resolve) => setImmediate(resolve));
      return;
    }
    channel.pumping = true;
    try {
      do {
        channel.again = false;
        const events = await this.store.live.readEvents(
          channel.sessionId,
          channel.cursor,
          this.pageSize,
        );
        if (events.length === 0) break;
        await this.broadcast(channel, events);
        if (events.length === this.pageSize) channel.again = true;
      } while (channel.again);
    } finally {
      channel.pumping = false;
    }
  }

  private async lookup(events: RoomEvent[]): Promise<(id: string) => RoomPerson> {
    const now = Date.now();
    const wanted = new Set<string>();
    for (const event of events) for (const id of peopleNamedIn(event)) wanted.add(id);
    const missing = [...wanted].filter((id) => (this.people.get(id)?.until ?? 0) < now);
    if (missing.length > 0) {
      const found = await lookupRoomPeople(this.store, missing);
      for (const [id, person] of found) this.people.set(id, { person, until: now + 60_000 });
      if (this.people.size > 50_000) this.people.clear();
    }
    return (id) =>
      this.people.get(id)?.person ?? { id, name: 'Former participant', government: '' };
  }

  private async broadcast(channel: Channel, events: RoomEvent[]): Promise<void> {
    const person = await this.lookup(events);
    if (events[0]!.seq <= channel.cursor) return; // Another read already sent these.
    let all = '';
    let moderators = '';
    for (const event of events) {
      const forModerators = frame(event.seq, JSON.stringify(toWireEvent(event, true, person)));
      let forAll: string | null = null;
      if (event.audience === 'all') {
        const json = JSON.stringify(toWireEvent(event, false, person));
        forAll = frame(event.seq, json);
      }
      all += forAll ?? '';
      moderators += forModerators;
      channel.recent.push({
        seq: event.seq,
        all: forAll === null ? null : Buffer.from(forAll),
        moderators: Buffer.from(forModerators),
      });
    }
    if (channel.recent.length > this.recentSize)
      channel.recent.splice(0, channel.recent.length - this.recentSize);
    channel.cursor = events.at(-1)!.seq;
    const allBytes = all.length > 0 ? Buffer.from(all) : null;
    const moderatorBytes = all === moderators ? allBytes : Buffer.from(moderators);
    for (const member of channel.members) {
      const chunk = member.subscriber.moderator ? moderatorBytes : allBytes;
      if (chunk === null) continue;
      if (member.queue) member.queue.push(chunk);
      else this.send(member, chunk);
    }
  }

  private send(member: Member, chunk: Buffer): void {
    member.subscriber.write(chunk);
    // A client that stopped reading is let go rather than held in memory; it resumes later.
    if (member.subscriber.pending() > this.maxPending) member.subscriber.end();
  }

  /** Sends one client the events after `afterSeq` up to `upTo`: from memory when recent, else from the log. */
  private async catchUp(
    channel: Channel,
    subscriber: RoomSubscriber,
    afterSeq: number,
    upTo: number,
  ): Promise<void> {
    const first = channel.recent[0];
    if (first && first.seq <= afterSeq + 1) {
      // A copy: the window moves on while this client drains.
      const missed = channel.recent.filter((recent) => recent.seq > afterSeq && recent.seq <= upTo);
      for (const recent of missed) {
        if (subscriber.isClosed()) return;
        const chunk = subscriber.moderator ? recent.moderators : recent.all;
        if (chunk && !subscriber.write(chunk)) await subscriber.drained();
      }
      return;
    }
    // From the log, as this person may see it now: hidden messages only for their author.
    const hidden = subscriber.moderator
      ? new Map<string, string>()
      : new Map(
          (await this.store.live.listHiddenMessages(channel.sessionId)).map((m) => [
            m.id,
            m.authorId,
          ]),
        );
    let at = afterSeq;
    while (at < upTo && !subscriber.isClosed()) {
      const events = (
        await this.store.live.readEvents(channel.sessionId, at, this.pageSize)
      ).filter((e) => e.seq <= upTo);
      if (events.length === 0) break;
      const person = await this.lookup(events);
      let text = '';
      for (const event of events) {
        if (event.audience === 'moderators' && !subscriber.moderator) continue;
        const p = event.payload;
        if (
          p.type === 'message.posted' &&
          hidden.has(p.messageId) &&
          hidden.get(p.messageId) !== subscriber.viewerId
        )
          continue;
        text += frame(event.seq, JSON.stringify(toWireEvent(event, subscriber.moderator, person)));
      }
      at = events.at(-1)!.seq;
      if (text.length > 0 && !subscriber.write(Buffer.from(text))) await subscriber.drained();
    }
  }

  private heartbeat(): void {
    for (const pending of this.channels.values())
      void pending.then((channel) => {
        for (const member of channel.members) if (!member.queue) this.send(member, HEARTBEAT);
      });
  }
}
