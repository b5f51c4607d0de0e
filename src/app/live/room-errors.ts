/** Why a room refused a request, with the status a web client gets and words for the person. */
export type RoomErrorCode =
  | 'invalid'
  | 'not-found'
  | 'forbidden'
  | 'muted'
  | 'ended'
  | 'asking-locked'
  | 'already-voted'
  | 'conflict'
  | 'rate-limited';

const STATUS: Record<RoomErrorCode, number> = {
  invalid: 400,
  'not-found': 404,
  forbidden: 403,
  muted: 403,
  ended: 409,
  'asking-locked': 409,
  'already-voted': 409,
  conflict: 409,
  'rate-limited': 429,
};

/** A refusal from a session room: nothing was changed, and the message says what to do. */
export class RoomError extends Error {
  readonly status: number;
  constructor(
    readonly code: RoomErrorCode,
    message: string,
    /** The form field the problem is in, when there is one. */
    readonly field?: string,
    /** For 'rate-limited': when the person can try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'RoomError';
    this.status = STATUS[code];
  }
}
