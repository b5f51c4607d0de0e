import type { UseCaseDeps } from '../deps.ts';
import type { PresenceRecord } from '../ports.ts';

type Deps = Pick<UseCaseDeps, 'store' | 'clock' | 'ids' | 'rooms'>;

/** A server reports its connections this often; one not reported for three times as long has gone. */
export const PRESENCE_HEARTBEAT_MS = 30_000;
export const PRESENCE_TIMEOUT_MS = 3 * PRESENCE_HEARTBEAT_MS;
/** Presence events name at most this many people; beyond it they carry the count alone. */
const MAX_NAMED = 50;

interface RoomChanges {
  joined: Set<string>;
  left: Set<string>;
}

/**
 * Who is in each room through this server process. Every connection's join and leave is
 * recorded (attendance is counted from them); the room hears who came and went in one
 * presence event per room every couple of seconds, not one per connection.
 */
export class PresenceTracker {
  private connections = new Map<string, { sessionId: string; personId: string }>();
  /** Open connections per room and person, on this process. */
  private perPerson = new Map<string, Map<string, number>>();
  private opened = new Map<string, PresenceRecord>();
  private closed: string[] = [];
  private changes = new Map<string, RoomChanges>();

  constructor(
    private readonly deps: Deps,
    readonly nodeId: string,
  ) {}

  private changesOf(sessionId: string): RoomChanges {
    let changes = this.changes.get(sessionId);
    if (!changes) {
      changes = { joined: new Set(), left: new Set() };
      this.changes.set(sessionId, changes);
    }
    return changes;
  }

  /** A connection opened; answers its id, to give back to `leave`. */
  join(sessionId: string, personId: string): string {
    const id = this.deps.ids.next();
    this.connections.set(id, { sessionId, personId });
    this.opened.set(id, {
      id,
      sessionId,
      personId,
      nodeId: this.nodeId,
      joinedAt: this.deps.clock.now().toISOString(),
      leftAt: null,
    });
    const people = this.perPerson.get(sessionId) ?? new Map<string, number>();
    this.perPerson.set(sessionId, people);
    const count = (people.get(personId) ?? 0) + 1;
    people.set(personId, count);
    if (count === 1) {
      const changes = this.changesOf(sessionId);
      if (!changes.left.delete(personId)) changes.joined.add(personId);
    }
    return id;
  }

  /** A connection closed. */
  leave(connectionId: string): void {
    const connection = this.connections.get(connectionId);
    if (!connection) return;
    this.connections.delete(connectionId);
    const opened = this.opened.get(connectionId);
    if (opened) opened.leftAt = this.deps.clock.now().toISOString();
    else this.closed.push(connectionId);
    const people = this.perPerson.get(connection.sessionId);
    const count = (people?.get(connection.personId) ?? 1) - 1;
    if (count > 0) {
      people?.set(connection.personId, count);
      return;
    }
    people?.delete(connection.personId);
    if (people?.size === 0) this.perPerson.delete(connection.sessionId);
    const changes = this.changesOf(connection.sessionId);
    if (!changes.joined.delete(connection.personId)) changes.left.add(connection.personId);
  }

  /** How many connections this process holds. */
  get size(): number {
    return this.connections.size;
  }

  /** Records joins and leaves, and tells each room that changed who came and went. */
  async flush(): Promise<void> {
    const opened = [...this.opened.values()];
    const closed = this.closed;
    const changes = [...this.changes];
    this.opened = new Map();
    this.closed = [];
    this.changes.clear();
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const seenSince = new Date(now.getTime() - PRESENCE_TIMEOUT_MS).toISOString();
    await this.deps.store.transaction(async (store) => {
      await store.live.openPresence(opened);
      await store.live.closePresence(closed, at);
    });
    for (const [sessionId, { joined, left }] of changes) {
      if (joined.size === 0 && left.size === 0) continue;
      // Someone who left here may still be in the room through another tab or server.
      const stillThere = new Set(
        await this.deps.store.live.filterPresent(sessionId, [...left], seenSince),
      );
      const gone = [...left].filter((id) => !stillThere.has(id));
      await this.deps.store.transaction(async (store) => {
        await store.live.lockRoom(sessionId);
        const count = await store.live.countPresent(sessionId, seenSince);
        await store.live.appendEvent(sessionId, {
          at,
          actorId: null,
          payload: {
            type: 'presence',
            count,
            joined: [...joined].slice(0, MAX_NAMED),
            left: gone.slice(0, MAX_NAMED),
          },
        });
      });
      this.deps.rooms.roomChanged(sessionId);
    }
  }

  /** Reports this process's connections as still open, and closes those of processes that stopped. */
  async heartbeat(): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.store.live.touchPresence(this.nodeId, now.toISOString());
    await this.deps.store.live.closeStalePresence(
      new Date(now.getTime() - PRESENCE_TIMEOUT_MS).toISOString(),
    );
  }

  /** Closes every connection, as when the server stops. */
  async closeAll(): Promise<void> {
    for (const id of [...this.connections.keys()]) this.leave(id);
    await this.flush();
  }
}
