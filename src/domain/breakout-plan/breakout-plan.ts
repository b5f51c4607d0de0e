/**
 * An edition's breakout plan as organizers shape it and attendees see it: the rooms of each
 * breakout round, the bounds on their sizes, and the rules for changing them by hand. The
 * allocator (../breakouts/) proposes the rooms; these rules keep later changes valid.
 */
import type { BreakoutScore } from '../breakouts/breakout-problem.ts';
import { accepted, rejected, type Checked } from '../shared/result.ts';

/** A plan is a draft (organizers only) until it is published (then attendees see their rooms). */
export const BREAKOUT_PLAN_STATUSES = ['draft', 'published'] as const;
export type BreakoutPlanStatus = (typeof BREAKOUT_PLAN_STATUSES)[number];

/** The smallest and largest number of people in a room. */
export interface RoomSizeBounds {
  min: number;
  max: number;
}

/** Small groups of four to six: big enough to keep talking, small enough for everyone to speak. */
export const DEFAULT_ROOM_SIZE: Readonly<RoomSizeBounds> = { min: 4, max: 6 };
/** The largest room size an organizer may ask for; beyond it a room is a session of its own. */
export const LARGEST_ROOM_SIZE = 50;

/** An edition's breakout plan: settings, status and the score of the rooms as they are now. */
export interface BreakoutPlan {
  editionId: string;
  status: BreakoutPlanStatus;
  roomSize: RoomSizeBounds;
  /** The allocator's seed: the same people and seed give the same rooms. */
  seed: number;
  score: BreakoutScore | null;
  plannedAt: string | null;
  publishedBy: string | null;
  publishedAt: string | null;
  /** Goes up by one with every change to the rooms; a change names the revision it read. */
  revision: number;
}

/** One room of one breakout round (a session of format 'breakout-round'). */
export interface BreakoutRoom {
  id: string;
  editionId: string;
  sessionId: string;
  /** 1, 2, 3… within the round. */
  number: number;
  name: string;
  videoUrl: string;
  /** A locked room keeps its members when the rounds are planned again. */
  locked: boolean;
  rapporteurId: string | null;
  memberIds: string[];
}

/** A new plan with the default settings. */
export function newBreakoutPlan(editionId: string): BreakoutPlan {
  return {
    editionId,
    status: 'draft',
    roomSize: { ...DEFAULT_ROOM_SIZE },
    seed: 1,
    score: null,
    plannedAt: null,
    revision: 0,
    publishedBy: null,
    publishedAt: null,
  };
}

function wholeNumber(raw: unknown): number | null {
  const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
  return /^\d{1,4}$/.test(text) ? Number(text) : null;
}

/** Checks the room sizes an organizer typed, naming the field and what to type instead. */
export function checkRoomSizeBounds(raw: {
  min?: unknown;
  max?: unknown;
}): Checked<RoomSizeBounds> {
  const min = wholeNumber(raw.min);
  const max = wholeNumber(raw.max);
  const errors = [];
  if (min === null || min < 1 || min > LARGEST_ROOM_SIZE)
    errors.push({
      field: 'min',
      message: `Enter the smallest room size as a whole number from 1 to ${LARGEST_ROOM_SIZE}.`,
    });
  if (max === null || max < 1 || max > LARGEST_ROOM_SIZE)
    errors.push({
      field: 'max',
      message: `Enter the largest room size as a whole number from 1 to ${LARGEST_ROOM_SIZE}.`,
    });
  if (errors.length === 0 && min !== null && max !== null && min > max)
    errors.push({
      field: 'max',
      message: `The largest room size (${max}) must be at least the smallest (${min}).`,
    });
  if (errors.length > 0 || min === null || max === null) return rejected(errors);
  return accepted({ min, max });
}

/** A move of one person to another room of the same round, once checked. */
export interface CheckedMove {
  from: BreakoutRoom;
  to: BreakoutRoom;
}

/**
 * Checks moving a person to another room of the same round: both rooms must stay within the
 * size bounds, and neither may be locked (a locked room is one the organizers chose to keep).
 * `roundRooms` are the rooms of the target room's round.
 */
export function checkMove(
  roundRooms: readonly BreakoutRoom[],
  personId: string,
  personName: string,
  toRoomId: string,
  bounds: RoomSizeBounds,
): { ok: true; move: CheckedMove } | { ok: false; message: string } {
  const to = roundRooms.find((room) => room.id === toRoomId);
  if (!to) return { ok: false, message: 'Choose a room of the same round to move them to.' };
  const from = roundRooms.find((room) => room.memberIds.includes(personId));
  if (!from) return { ok: false, message: `${personName} is not in a room in this round.` };
  if (from.id === to.id) return { ok: false, message: `${personName} is already in ${to.name}.` };
  if (from.locked)
    return { ok: false, message: `${from.name} is locked. Unlock it to change who is in it.` };
  if (to.locked)
    return { ok: false, message: `${to.name} is locked. Unlock it to change who is in it.` };
  if (to.memberIds.length + 1 > bounds.max)
    return {
      ok: false,
      message: `${to.name} would have ${to.memberIds.length + 1} people, more than the largest room size (${bounds.max}). Move someone out of ${to.name} first, or choose another room.`,
    };
  if (from.memberIds.length - 1 < bounds.min)
    return {
      ok: false,
      message: `${from.name} would have ${from.memberIds.length - 1} ${from.memberIds.length - 1 === 1 ? 'person' : 'people'}, fewer than the smallest room size (${bounds.min}). Move someone into ${from.name} first, or change the room sizes.`,
    };
  return { ok: true, move: { from, to } };
}

/**
 * The numbers new rooms of a round take: the lowest ones the locked rooms do not hold, so
 * rooms stay numbered 1, 2, 3… as far as the locked ones allow.
 */
export function freeRoomNumbers(taken: readonly number[], count: number): number[] {
  const used = new Set(taken);
  const numbers: number[] = [];
  for (let number = 1; numbers.length < count; number++)
    if (!used.has(number)) numbers.push(number);
  return numbers;
}

/** Lower-case letters and digits only: a part of a meeting address that needs no escaping. */
function slugPart(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * A Jitsi meeting of its own for a room: readable (edition, round, room) and, with the random
 * part, not guessable, since anyone who knows a Jitsi address can join.
 */
export function jitsiRoomUrl(
  domain: string,
  editionSlug: string,
  roundNumber: number,
  roomNumber: number,
  random: string,
): string {
  return `https://${domain}/convene-${slugPart(editionSlug)}-${roundNumber}-${roomNumber}-${slugPart(random)}`;
}

/** "Room 3". */
export function roomName(number: number): string {
  return `Room ${number}`;
}

/**
 * Picks a rapporteur for every room that has none, by rotation over the rounds in order: the
 * member of the room who has taken notes least often so far (rooms that keep their rapporteur
 * count too), the earliest in the room's list on a tie, so the note-taking is shared out.
 * Answers the rooms of each round with their rapporteurs; nothing else changes.
 */
export function rotateRapporteurs<R extends { memberIds: string[]; rapporteurId: string | null }>(
  rounds: readonly (readonly R[])[],
): R[][] {
  const turns = new Map<string, number>();
  for (const room of rounds.flat())
    if (room.rapporteurId) turns.set(room.rapporteurId, (turns.get(room.rapporteurId) ?? 0) + 1);
  return rounds.map((rooms) =>
    rooms.map((room) => {
      if (room.rapporteurId || room.memberIds.length === 0) return room;
      let chosen = room.memberIds[0]!;
      for (const id of room.memberIds)
        if ((turns.get(id) ?? 0) < (turns.get(chosen) ?? 0)) chosen = id;
      turns.set(chosen, (turns.get(chosen) ?? 0) + 1);
      return { ...room, rapporteurId: chosen };
    }),
  );
}
