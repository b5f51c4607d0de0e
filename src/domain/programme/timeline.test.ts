import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Session } from '../convening/session.ts';
import { buildTimeline } from './timeline.ts';

const session = (id: string, startsAt: string, endsAt: string): Session => ({
  id,
  editionId: 'e',
  title: id,
  format: 'talk',
  startsAt,
  endsAt,
  description: '',
  videoUrl: '',
  themeIds: [],
});
const sessions = [
  session('late-night', '2020-11-18T03:30:00Z', '2020-11-18T04:00:00Z'),
  session('opening', '2020-11-17T14:00:00Z', '2020-11-17T14:45:00Z'),
  session('panel', '2020-11-17T15:00:00Z', '2020-11-17T16:00:00Z'),
  session('day-two', '2020-11-18T14:00:00Z', '2020-11-18T15:00:00Z'),
];
const days = [
  { id: 'd1', editionId: 'e', date: '2020-11-17', themeLabel: 'NOW', guidingQuestion: 'Q' },
];

describe('the programme timeline', () => {
  it('groups sessions by their date in the home time zone, in time order', () => {
    const timeline = buildTimeline(
      sessions,
      days,
      'America/New_York',
      new Date('2020-01-01T00:00:00Z'),
    );
    assert.deepEqual(
      timeline.map((day) => [
        day.date,
        day.day?.themeLabel ?? null,
        day.sessions.map((s) => s.session.id),
      ]),
      [
        // 03:30 UTC on the 18th is 22:30 on the 17th in New York.
        ['2020-11-17', 'NOW', ['opening', 'panel', 'late-night']],
        ['2020-11-18', null, ['day-two']],
      ],
    );
  });

  it('marks the running session as now and the next one as next', () => {
    const timeline = buildTimeline(
      sessions,
      days,
      'America/New_York',
      new Date('2020-11-17T14:10:00Z'),
    );
    const timings = Object.fromEntries(
      timeline.flatMap((day) => day.sessions.map((s) => [s.session.id, s.timing])),
    );
    assert.deepEqual(timings, {
      opening: 'now',
      panel: 'next',
      'late-night': 'later',
      'day-two': 'later',
    });
  });

  it('marks nothing as next before the first session or after the last', () => {
    for (const now of ['2020-11-17T13:59:00Z', '2020-11-18T15:00:00Z']) {
      const timings = buildTimeline(sessions, days, 'America/New_York', new Date(now)).flatMap(
        (day) => day.sessions.map((s) => s.timing),
      );
      assert.ok(!timings.includes('next') && !timings.includes('now'), now);
    }
  });

  it('keeps a day with no sessions so its theme still shows', () => {
    const timeline = buildTimeline([], days, 'Europe/London', new Date());
    assert.equal(timeline.length, 1);
    assert.equal(timeline[0]?.sessions.length, 0);
  });
});
