/** Where a session room is: open before the start, live, or ended (read-only). */
export type RoomState = 'before' | 'live' | 'ended';

export const ROOM_STATE_LABELS: Record<RoomState, string> = {
  before: 'Not started yet',
  live: 'Live now',
  ended: 'Ended',
};

/** How long the conversation stays open after the scheduled end, for last questions and thanks. */
export const ROOM_CLOSES_AFTER_END_MINUTES = 15;

/** The times a room's state follows: the session's schedule and what moderators did. */
export interface RoomTimes {
  startsAt: string;
  endsAt: string;
  /** When a moderator ended the session early, if they did. */
  endedAt: string | null;
  /** When a moderator opened the room outside its schedule (early, or again after it ended), if they did. */
  openedAt: string | null;
}

/** When the room becomes read-only unless a moderator ends it sooner. */
export function scheduledCloseAt(times: RoomTimes): Date {
  return new Date(Date.parse(times.endsAt) + ROOM_CLOSES_AFTER_END_MINUTES * 60_000);
}

/**
 * The room's state at `now`: before the scheduled start, live until a moderator ends it or
 * the scheduled end plus a short grace period passes, then ended. Moderators decide over the
 * schedule: a room they ended is ended, a room they opened is live until they end it.
 */
export function roomState(times: RoomTimes, now: Date): RoomState {
  const at = now.getTime();
  if (times.endedAt !== null && Date.parse(times.endedAt) <= at) return 'ended';
  if (times.openedAt !== null && Date.parse(times.openedAt) <= at) return 'live';
  if (at >= scheduledCloseAt(times).getTime()) return 'ended';
  if (at < Date.parse(times.startsAt)) return 'before';
  return 'live';
}
