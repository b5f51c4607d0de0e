import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { createStore } from '../../src/adapters/db/store.ts';
import { NotFoundError } from '../../src/app/deps.ts';
import type { Store } from '../../src/app/ports.ts';
import {
  assessEditionFairness,
  type EditionFairness,
} from '../../src/app/programme/assess-fairness.ts';
import type { Edition } from '../../src/domain/convening/edition.ts';
import type { Session, SessionFormat } from '../../src/domain/convening/session.ts';
import { describeEachDatabase } from '../support/databases.ts';

const edition: Edition = {
  id: 'ed-fair',
  slug: 'fairness-2021',
  name: 'Fairness Convening 2021',
  year: 2021,
  hosts: ['Public Digital'],
  homeTimeZone: 'Europe/London',
  startDate: '2021-01-12',
  endDate: '2021-01-14',
  format: 'remote',
  location: '',
  status: 'draft',
  daytimeStartHour: 8,
  daytimeEndHour: 20,
};

function sessionAt(id: string, format: SessionFormat, startsAt: string, endsAt: string): Session {
  return {
    id,
    editionId: edition.id,
    title: `Session ${id}`,
    format,
    startsAt,
    endsAt,
    description: '',
    videoUrl: '',
    themeIds: [],
  };
}

/**
 * Three days with one two-hour session each at 08:00 UTC (and a break on the first), for
 * invitees in London, Singapore and Los Angeles: 08:00 UTC is daytime in London and Singapore
 * and night in Los Angeles.
 */
async function seed(store: Store): Promise<void> {
  await store.programme.insertEdition(edition);
  for (const session of [
    sessionAt('s1', 'talk', '2021-01-12T08:00:00Z', '2021-01-12T10:00:00Z'),
    sessionAt('s1-break', 'break', '2021-01-12T10:00:00Z', '2021-01-12T10:30:00Z'),
    sessionAt('s2', 'panel', '2021-01-13T08:00:00Z', '2021-01-13T10:00:00Z'),
    sessionAt('s3', 'discussion', '2021-01-14T08:00:00Z', '2021-01-14T10:00:00Z'),
  ]) {
    await store.programme.saveSession(session, []);
  }
  const zones = [
    ...Array.from({ length: 4 }, () => 'Europe/London'),
    ...Array.from({ length: 3 }, () => 'Asia/Singapore'),
    ...Array.from({ length: 2 }, () => 'America/Los_Angeles'),
    // A zone the runtime does not know, as an old record might hold.
    'Mars/Olympus_Mons',
  ];
  for (const [index, timeZone] of zones.entries()) {
    const id = `person-${index}`;
    await store.people.savePerson({
      id,
      name: `Invitee ${index}`,
      email: `invitee-${index}@example.org`,
      governmentId: null,
      role: 'engineer',
      maturity: 'starting',
      timeZone,
    });
    await store.people.addInvitee(edition.id, id, '2020-12-01T09:00:00Z');
  }
  // Someone who is not invited, at night in Tokyo at 08:00 UTC, must not be counted.
  await store.people.savePerson({
    id: 'person-uninvited',
    name: 'Not Invited',
    email: 'not-invited@example.org',
    governmentId: null,
    role: 'other',
    maturity: 'starting',
    timeZone: 'Pacific/Auckland',
  });
}

describeEachDatabase('assessing the time-zone fairness of an edition', (database) => {
  let fairness: EditionFairness;
  let store: Store;
  before(async () => {
    store = createStore(database().connection.db);
    await seed(store);
    fairness = await assessEditionFairness({ store }, edition.slug);
  });

  it('counts the invited people with a known time zone, by region', () => {
    assert.equal(fairness.invitees.total, 10);
    assert.equal(fairness.invitees.unknownTimeZone, 1);
    const byRegion = Object.fromEntries(
      fairness.invitees.byRegion.map(({ region, count }) => [region, count]),
    );
    assert.deepEqual(byRegion, {
      Africa: 0,
      Americas: 2,
      Asia: 3,
      Europe: 4,
      Oceania: 0,
      Other: 0,
    });
    assert.deepEqual(fairness.daytime, { daytimeStartHour: 8, daytimeEndHour: 20 });
  });

  it('assesses every session except breaks, with its home times and region breakdown', () => {
    assert.deepEqual(
      fairness.sessions.map((session) => session.sessionId),
      ['s1', 's2', 's3'],
    );
    const [first] = fairness.sessions;
    assert.deepEqual(first?.homeStart, { date: '2021-01-12', time: '08:00' });
    assert.deepEqual(first?.homeEnd, { date: '2021-01-12', time: '10:00' });
    assert.deepEqual(first?.assessment.counts, {
      daytime: 7,
      early: 0,
      late: 0,
      night: 2,
      total: 9,
    });
    const americas = first?.assessment.byRegion.find((entry) => entry.region === 'Americas');
    assert.deepEqual(americas?.counts, { daytime: 0, early: 0, late: 0, night: 2, total: 2 });
  });

  it('suggests the closest times that keep the most people in daytime', () => {
    const suggestions = fairness.sessions[0]?.suggestions ?? [];
    assert.deepEqual(
      suggestions.map((suggestion) => [suggestion.shiftMinutes, suggestion.homeStart.time]),
      [
        [0, '08:00'],
        [30, '08:30'],
        [60, '09:00'],
      ],
    );
    assert.equal(suggestions[0]?.counts.daytime, 7);
  });

  it('keeps each day where it is when only the daytime of that day counts', () => {
    assert.deepEqual(
      fairness.days.map((day) => [day.date, day.sessionIds, day.best.offsetMinutes]),
      [
        ['2021-01-12', ['s1'], 0],
        ['2021-01-13', ['s2'], 0],
        ['2021-01-14', ['s3'], 0],
      ],
    );
    assert.deepEqual(fairness.days[0]?.bestFirstStart, { date: '2021-01-12', time: '08:00' });
  });

  it('offers a plan that rotates the night instead of leaving Los Angeles up every day', () => {
    const { mostDaytime, fairRotation } = fairness.plans;
    assert.deepEqual(
      mostDaytime.days.map((day) => day.offsetMinutes),
      [0, 0, 0],
    );
    assert.equal(mostDaytime.maxNightDays, 3);
    assert.equal(fairRotation.maxNightDays, 1);
    assert.deepEqual(
      fairRotation.days.map((day) => [day.date, day.offsetMinutes, day.firstStart]),
      [
        ['2021-01-12', 0, { date: '2021-01-12', time: '08:00' }],
        ['2021-01-13', 480, { date: '2021-01-13', time: '16:00' }],
        ['2021-01-14', -360, { date: '2021-01-14', time: '02:00' }],
      ],
    );
    assert.deepEqual(fairRotation.nightDaysHistogram, [0, 9, 0, 0]);
  });

  it('refuses an edition that does not exist', async () => {
    await assert.rejects(() => assessEditionFairness({ store }, 'no-such-edition'), NotFoundError);
  });
});

describeEachDatabase('moving one day of an edition without meeting its neighbours', (database) => {
  it('suggests for a day alone only moves that keep it clear of the days before and after', async () => {
    const store = createStore(database().connection.db);
    const near: Edition = { ...edition, id: 'ed-near', slug: 'near-2021' };
    await store.programme.insertEdition(near);
    // Evening in London on the 12th, then just after midnight: the second day's nearest
    // daytime alone would be the evening before (5 h 30 earlier), on top of the first day.
    for (const session of [
      {
        ...sessionAt('n1', 'talk', '2021-01-12T19:00:00Z', '2021-01-12T19:30:00Z'),
        editionId: near.id,
      },
      {
        ...sessionAt('n2', 'talk', '2021-01-13T00:15:00Z', '2021-01-13T01:15:00Z'),
        editionId: near.id,
      },
    ])
      await store.programme.saveSession(session, []);
    await store.people.savePerson({
      id: 'person-near',
      name: 'Invitee in London',
      email: 'near@example.org',
      governmentId: null,
      role: 'engineer',
      maturity: 'starting',
      timeZone: 'Europe/London',
    });
    await store.people.addInvitee(near.id, 'person-near', '2020-12-01T09:00:00Z');

    const fairness = await assessEditionFairness({ store }, near.slug);
    const second = fairness.days.find((day) => day.sessionIds.includes('n2'));
    // The next morning instead, 8 hours later: daytime, and clear of the first day.
    assert.equal(second?.best.offsetMinutes, 480);
    assert.deepEqual(second?.bestFirstStart, { date: '2021-01-13', time: '08:15' });
  });
});
