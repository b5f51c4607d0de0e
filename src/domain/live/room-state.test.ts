import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ROOM_CLOSES_AFTER_END_MINUTES,
  ROOM_STATE_LABELS,
  roomState,
  scheduledCloseAt,
  type RoomTimes,
} from './room-state.ts';

const SCHEDULE: RoomTimes = {
  startsAt: '2021-11-16T15:00:00.000Z',
  endsAt: '2021-11-16T16:00:00.000Z',
  endedAt: null,
  openedAt: null,
};
const at = (iso: string) => new Date(iso);

describe('the state of a session room', () => {
  it('is not started before the scheduled start', () => {
    assert.equal(roomState(SCHEDULE, at('2021-11-16T14:59:59.999Z')), 'before');
    assert.equal(roomState(SCHEDULE, at('2021-06-01T12:00:00Z')), 'before');
  });

  it('is live from the scheduled start to the scheduled end', () => {
    assert.equal(roomState(SCHEDULE, at('2021-11-16T15:00:00Z')), 'live');
    assert.equal(roomState(SCHEDULE, at('2021-11-16T15:59:59Z')), 'live');
  });

  it('stays live for 15 minutes after the scheduled end, for last questions and thanks', () => {
    assert.equal(ROOM_CLOSES_AFTER_END_MINUTES, 15);
    assert.equal(scheduledCloseAt(SCHEDULE).toISOString(), '2021-11-16T16:15:00.000Z');
    assert.equal(roomState(SCHEDULE, at('2021-11-16T16:00:00Z')), 'live');
    assert.equal(roomState(SCHEDULE, at('2021-11-16T16:14:59.999Z')), 'live');
  });

  it('is ended from the close of the grace period on', () => {
    assert.equal(roomState(SCHEDULE, at('2021-11-16T16:15:00Z')), 'ended');
    assert.equal(roomState(SCHEDULE, at('2022-01-01T00:00:00Z')), 'ended');
  });

  it('is ended once a moderator ends it, even in the middle of the schedule', () => {
    const ended = { ...SCHEDULE, endedAt: '2021-11-16T15:30:00.000Z' };
    assert.equal(roomState(ended, at('2021-11-16T15:29:59Z')), 'live');
    assert.equal(roomState(ended, at('2021-11-16T15:30:00Z')), 'ended');
    assert.equal(roomState(ended, at('2021-11-16T15:45:00Z')), 'ended');
  });

  it('is live once a moderator opens it early, before the scheduled start', () => {
    const opened = { ...SCHEDULE, openedAt: '2021-11-16T14:30:00.000Z' };
    assert.equal(roomState(opened, at('2021-11-16T14:29:00Z')), 'before');
    assert.equal(roomState(opened, at('2021-11-16T14:30:00Z')), 'live');
  });

  it('stays live after the schedule when a moderator opened it again, until they end it', () => {
    const reopened = { ...SCHEDULE, openedAt: '2021-11-16T17:00:00.000Z' };
    assert.equal(roomState(reopened, at('2021-11-16T16:30:00Z')), 'ended');
    assert.equal(roomState(reopened, at('2021-11-16T17:00:00Z')), 'live');
    assert.equal(roomState(reopened, at('2021-11-20T09:00:00Z')), 'live');
  });

  it('lets an ending decide over an opening when both are recorded', () => {
    const both = {
      ...SCHEDULE,
      openedAt: '2021-11-16T14:00:00.000Z',
      endedAt: '2021-11-16T15:10:00.000Z',
    };
    assert.equal(roomState(both, at('2021-11-16T15:20:00Z')), 'ended');
  });

  it('has a label for every state', () => {
    assert.deepEqual(ROOM_STATE_LABELS, {
      before: 'Not started yet',
      live: 'Live now',
      ended: 'Ended',
    });
  });
});
