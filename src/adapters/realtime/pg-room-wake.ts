import pg from 'pg';
import type { CrossProcessWake } from './room-hub.ts';

/** The PostgreSQL channel on which servers tell each other that a room's log grew. */
export const ROOM_WAKE_CHANNEL = 'convene_room_events';

export interface PgRoomWake extends CrossProcessWake {
  close(): Promise<void>;
}

/**
 * Wakes rooms across server processes with PostgreSQL LISTEN/NOTIFY. The notification carries
 * only the room's id: each process then reads the log, which stays the source of truth. When the
 * connection drops it reconnects, and wakes every room so that nothing missed meanwhile waits
 * for the next poll.
 */
export function createPgRoomWake(
  url: string,
  handlers: { wake(sessionId: string): void; wakeAll(): void; log(message: string): void },
): PgRoomWake {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  const outgoing = new Set<string>();
  let flushing = false;

  const connect = async () => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      if (message.channel === ROOM_WAKE_CHANNEL && message.payload) handlers.wake(message.payload);
    });
    const lost = (why: string) => {
      if (client !== next) return;
      client = null;
      void next.end().catch(() => {});
      if (!closed) {
        handlers.log(`Lost the PostgreSQL connection for live rooms (${why}); reconnecting.`);
        retry = setTimeout(() => void connect(), 1000);
      }
    };
    next.on('error', (error) => lost(error.message));
    next.on('end', () => lost('closed'));
    try {
      await next.connect();
      await next.query(`LISTEN ${ROOM_WAKE_CHANNEL}`);
      client = next;
      handlers.wakeAll();
      flush();
    } catch (error) {
      void next.end().catch(() => {});
      if (!closed) retry = setTimeout(() => void connect(), 1000);
      handlers.log(`Cannot listen for live room events yet: ${(error as Error).message}`);
    }
  };

  const flush = () => {
    if (flushing || !client || outgoing.size === 0) return;
    flushing = true;
    setImmediate(async () => {
      const ids = [...outgoing];
      outgoing.clear();
      try {
        for (const id of ids)
          await client?.query('select pg_notify($1, $2)', [ROOM_WAKE_CHANNEL, id]);
      } catch {
        // The other processes poll their rooms; they see the events a moment later.
      } finally {
        flushing = false;
        if (outgoing.size > 0) flush();
      }
    });
  };

  void connect();
  return {
    publish(sessionId) {
      outgoing.add(sessionId);
      flush();
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const current = client;
      client = null;
      await current?.end().catch(() => {});
    },
  };
}
