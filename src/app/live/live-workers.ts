import type { Logger } from '../ports.ts';
import { PRESENCE_HEARTBEAT_MS, type PresenceTracker } from './presence.ts';
import type { ReactionBursts } from './reactions.ts';

/** Reactions reach the room about this often, as one burst. */
export const REACTION_BURST_MS = 1000;
/** Joins and leaves reach the room about this often, as one presence event. */
export const PRESENCE_FLUSH_MS = 2000;

/** The background work of session rooms on one server process. */
export interface LiveWorkers {
  /** Stops the timers, records every connection as left and sends what is waiting. */
  stop(): Promise<void>;
}

/**
 * Runs the rooms' periodic work: reaction bursts, presence events, and the heartbeat that keeps
 * this process's connections counted (and closes those of processes that stopped). A failing
 * step is logged and tried again at the next tick.
 */
export function startLiveWorkers(
  presence: PresenceTracker,
  reactions: ReactionBursts,
  log: Logger,
): LiveWorkers {
  const running = new Set<Promise<void>>();
  const every = (ms: number, what: string, work: () => Promise<void>) => {
    let busy = false;
    return setInterval(() => {
      if (busy) return;
      busy = true;
      const step = work()
        .catch((error: unknown) =>
          log.error({ err: error }, `Live rooms: ${what} failed; trying again.`),
        )
        .finally(() => {
          busy = false;
          running.delete(step);
        });
      running.add(step);
    }, ms);
  };
  const timers = [
    every(REACTION_BURST_MS, 'sending reactions', () => reactions.flush()),
    every(PRESENCE_FLUSH_MS, 'recording presence', () => presence.flush()),
    every(PRESENCE_HEARTBEAT_MS, 'the presence heartbeat', () => presence.heartbeat()),
  ];
  return {
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await Promise.allSettled([...running]);
      await presence.closeAll().catch(() => {});
      await reactions.flush().catch(() => {});
    },
  };
}
