import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  assessSession,
  classifyLocalTime,
  gapsBetweenDays,
  planFairRotation,
  planMostDaytime,
  prepareAudience,
  suggestDayShift,
  suggestSessionTimes,
  type FairnessOptions,
  type FairnessPlan,
  type SessionTimes,
} from './fairness.ts';

/** A session starting at an instant and lasting some minutes. */
function session(startsAt: string, minutes: number): SessionTimes {
  const endsAt = new Date(Date.parse(startsAt) + minutes * 60_000).toISOString();
  return { startsAt, endsAt: endsAt.replace('.000Z', 'Z') };
}

function classify(
  startsAt: string,
  minutes: number,
  zone: string,
  options?: Partial<FairnessOptions>,
): string {
  return classifyLocalTime(session(startsAt, minutes), zone, options);
}

function repeat(zone: string, count: number): string[] {
  return Array.from({ length: count }, () => zone);
}

function offsetsOf(plan: FairnessPlan): number[] {
  return plan.days.map((day) => day.offsetMinutes);
}

function maxNightDaysIn(plan: FairnessPlan, region: string): number | undefined {
  return plan.byRegion.find((entry) => entry.region === region)?.maxNightDays;
}

describe('classifyLocalTime with the default daytime (08:00–20:00)', () => {
  // UTC has no clock changes, so local time is the instant's own time.
  it('counts a session wholly between 08:00 and 20:00 as daytime', () => {
    assert.equal(classify('2021-01-12T08:00:00Z', 60, 'UTC'), 'daytime');
    assert.equal(classify('2021-01-12T19:00:00Z', 60, 'UTC'), 'daytime');
    assert.equal(classify('2021-01-12T08:00:00Z', 12 * 60, 'UTC'), 'daytime');
  });

  it('counts a session that starts between 06:00 and 08:00 as early', () => {
    assert.equal(classify('2021-01-12T07:30:00Z', 60, 'UTC'), 'early');
    assert.equal(classify('2021-01-12T06:00:00Z', 60, 'UTC'), 'early');
    assert.equal(classify('2021-01-12T07:59:00Z', 60, 'UTC'), 'early');
  });

  it('counts a session that starts before 06:00 as night, even when it ends in daytime', () => {
    assert.equal(classify('2021-01-12T05:59:00Z', 60, 'UTC'), 'night');
    assert.equal(classify('2021-01-12T05:30:00Z', 180, 'UTC'), 'night');
  });

  it('counts a session that ends between 20:00 and 23:00 as late', () => {
    assert.equal(classify('2021-01-12T19:30:00Z', 60, 'UTC'), 'late');
    assert.equal(classify('2021-01-12T22:00:00Z', 60, 'UTC'), 'late');
    assert.equal(classify('2021-01-12T19:01:00Z', 60, 'UTC'), 'late');
  });

  it('counts a session that ends after 23:00 as night', () => {
    assert.equal(classify('2021-01-12T22:01:00Z', 60, 'UTC'), 'night');
    assert.equal(classify('2021-01-12T23:00:00Z', 60, 'UTC'), 'night');
    assert.equal(classify('2021-01-12T02:00:00Z', 60, 'UTC'), 'night');
  });

  it('counts a session running from early morning into the evening as night, as it fits no single window', () => {
    assert.equal(classify('2021-01-12T07:00:00Z', 14 * 60, 'UTC'), 'night');
  });
});

describe('classifyLocalTime with an edition’s own daytime hours', () => {
  it('moves every boundary with the daytime hours', () => {
    const options = { daytimeStartHour: 10, daytimeEndHour: 18 };
    assert.equal(classify('2021-01-12T10:00:00Z', 60, 'UTC', options), 'daytime');
    assert.equal(classify('2021-01-12T09:00:00Z', 60, 'UTC', options), 'early');
    assert.equal(classify('2021-01-12T08:00:00Z', 60, 'UTC', options), 'early');
    assert.equal(classify('2021-01-12T07:30:00Z', 60, 'UTC', options), 'night');
    assert.equal(classify('2021-01-12T17:30:00Z', 60, 'UTC', options), 'late');
    assert.equal(classify('2021-01-12T20:00:00Z', 60, 'UTC', options), 'late');
    assert.equal(classify('2021-01-12T20:30:00Z', 60, 'UTC', options), 'night');
    // 08:30–09:30 is daytime by default but early for this edition.
    assert.equal(classify('2021-01-12T08:30:00Z', 60, 'UTC'), 'daytime');
  });

  it('rejects daytime hours that are not whole hours, or end before they start', () => {
    assert.throws(
      () => classify('2021-01-12T10:00:00Z', 60, 'UTC', { daytimeStartHour: 9, daytimeEndHour: 9 }),
      /Daytime must end after it starts/,
    );
    assert.throws(
      () => classify('2021-01-12T10:00:00Z', 60, 'UTC', { daytimeStartHour: 8.5 }),
      /daytimeStartHour must be a whole hour/,
    );
    assert.throws(
      () => classify('2021-01-12T10:00:00Z', 60, 'UTC', { daytimeEndHour: 25 }),
      /daytimeEndHour must be a whole hour/,
    );
  });

  it('rejects a session that ends before it starts, and a zone nobody knows', () => {
    assert.throws(
      () =>
        classifyLocalTime(
          { startsAt: '2021-01-12T10:00:00Z', endsAt: '2021-01-12T09:00:00Z' },
          'UTC',
        ),
      /must end after it starts/,
    );
    assert.throws(() => classify('2021-01-12T10:00:00Z', 60, 'Mars/Olympus_Mons'), /not a known/);
  });
});

describe('classifyLocalTime across local midnight', () => {
  it('counts a session from 23:30 to 00:30 as night by default', () => {
    assert.equal(classify('2021-01-12T23:30:00Z', 60, 'UTC'), 'night');
  });

  it('counts a session crossing midnight as late when the late window runs past midnight', () => {
    // Daytime 14:00–24:00 makes 24:00–03:00 late.
    const options = { daytimeStartHour: 14, daytimeEndHour: 24 };
    assert.equal(classify('2021-01-12T23:00:00Z', 120, 'UTC', options), 'late');
    assert.equal(classify('2021-01-12T23:30:00Z', 60, 'UTC', options), 'late');
    assert.equal(classify('2021-01-12T23:30:00Z', 240, 'UTC', options), 'night');
  });

  it('counts a session crossing midnight as early when the early window starts the evening before', () => {
    // Daytime 01:00–12:00 makes 23:00–01:00 early.
    const options = { daytimeStartHour: 1, daytimeEndHour: 12 };
    assert.equal(classify('2021-01-12T23:30:00Z', 60, 'UTC', options), 'early');
    assert.equal(classify('2021-01-12T23:00:00Z', 180, 'UTC', options), 'early');
    assert.equal(classify('2021-01-12T22:30:00Z', 60, 'UTC', options), 'night');
  });

  it('follows the local day of a zone far from UTC', () => {
    // 22:00 UTC is 08:00 the next day in Sydney (AEST, +10:00, in July).
    assert.equal(classify('2021-07-12T22:00:00Z', 60, 'Australia/Sydney'), 'daytime');
    assert.equal(classify('2021-07-12T13:30:00Z', 60, 'Australia/Sydney'), 'night');
  });
});

describe('classifyLocalTime across changes of the clocks', () => {
  it('follows Europe/London when the clocks go back on 2020-10-25', () => {
    // 07:30 UTC is 08:30 BST the day before and 07:30 GMT that day.
    assert.equal(classify('2020-10-24T07:30:00Z', 60, 'Europe/London'), 'daytime');
    assert.equal(classify('2020-10-25T07:30:00Z', 60, 'Europe/London'), 'early');
    // 18:30 UTC is 19:30 BST (ending 20:30, late) and then 18:30 GMT (daytime).
    assert.equal(classify('2020-10-24T18:30:00Z', 60, 'Europe/London'), 'late');
    assert.equal(classify('2020-10-25T18:30:00Z', 60, 'Europe/London'), 'daytime');
    assert.equal(classify('2020-10-26T07:30:00Z', 60, 'Europe/London'), 'early');
  });

  it('follows Europe/London when the clocks go forward on 2020-03-29', () => {
    // 07:30 UTC is 07:30 GMT the day before and 08:30 BST that day.
    assert.equal(classify('2020-03-28T07:30:00Z', 60, 'Europe/London'), 'early');
    assert.equal(classify('2020-03-29T07:30:00Z', 60, 'Europe/London'), 'daytime');
    // 19:30 UTC is 19:30 GMT (ending 20:30, late) and then 20:30 BST (late), 22:30 UTC is night.
    assert.equal(classify('2020-03-28T19:30:00Z', 60, 'Europe/London'), 'late');
    assert.equal(classify('2020-03-29T21:30:00Z', 60, 'Europe/London'), 'night');
  });

  it('starts daytime when the clocks jump if its first hour does not exist that day', () => {
    // With daytime from 01:00, London's 01:00–02:00 does not exist on 2020-03-29: the clocks
    // jump from 01:00 GMT to 02:00 BST at 01:00 UTC, and daytime starts then.
    const options = { daytimeStartHour: 1, daytimeEndHour: 12 };
    assert.equal(classify('2020-03-29T01:00:00Z', 60, 'Europe/London', options), 'daytime');
    assert.equal(classify('2020-03-29T00:30:00Z', 60, 'Europe/London', options), 'early');
  });

  it('starts daytime at the first 01:00 when the clocks go back through it', () => {
    // On 2020-10-25 London shows 01:00–02:00 twice; the first 01:00 (BST) is 00:00 UTC.
    const options = { daytimeStartHour: 1, daytimeEndHour: 12 };
    assert.equal(classify('2020-10-25T00:00:00Z', 60, 'Europe/London', options), 'daytime');
    assert.equal(classify('2020-10-24T23:30:00Z', 60, 'Europe/London', options), 'early');
  });

  it('follows America/New_York when the clocks go back on 2020-11-01', () => {
    // 12:30 UTC is 08:30 EDT the day before and 07:30 EST that day.
    assert.equal(classify('2020-10-31T12:30:00Z', 60, 'America/New_York'), 'daytime');
    assert.equal(classify('2020-11-01T12:30:00Z', 60, 'America/New_York'), 'early');
    // The 25-hour day still ends at 20:00 local: 00:00 UTC is 19:00 EST, 01:00 UTC is 20:00.
    assert.equal(classify('2020-11-02T00:00:00Z', 60, 'America/New_York'), 'daytime');
    assert.equal(classify('2020-11-02T00:30:00Z', 60, 'America/New_York'), 'late');
  });

  it('follows Australia/Sydney when summer time ends in April and starts in October', () => {
    // Summer time ends at 03:00 AEDT on Sunday 2020-04-05 (16:00 UTC on the 4th).
    assert.equal(classify('2020-04-03T21:00:00Z', 60, 'Australia/Sydney'), 'daytime');
    assert.equal(classify('2020-04-04T21:00:00Z', 60, 'Australia/Sydney'), 'early');
    // Summer time starts at 02:00 AEST on Sunday 2020-10-04 (16:00 UTC on the 3rd).
    assert.equal(classify('2020-10-02T21:30:00Z', 60, 'Australia/Sydney'), 'early');
    assert.equal(classify('2020-10-03T21:30:00Z', 60, 'Australia/Sydney'), 'daytime');
  });

  it('keeps Asia/Kolkata, which has no summer time, at +05:30 all year', () => {
    for (const date of ['2020-03-29', '2020-10-25', '2020-11-01']) {
      assert.equal(classify(`${date}T02:30:00Z`, 60, 'Asia/Kolkata'), 'daytime', date);
      assert.equal(classify(`${date}T02:00:00Z`, 60, 'Asia/Kolkata'), 'early', date);
      assert.equal(classify(`${date}T14:00:00Z`, 60, 'Asia/Kolkata'), 'late', date);
    }
  });

  it('handles zones a quarter or half hour off the hour, with and without summer time', () => {
    // Kathmandu is +05:45: 02:15 UTC is 08:00.
    assert.equal(classify('2021-01-12T02:15:00Z', 60, 'Asia/Kathmandu'), 'daytime');
    assert.equal(classify('2021-01-12T02:00:00Z', 60, 'Asia/Kathmandu'), 'early');
    // Adelaide is +10:30 until 03:00 on 2020-04-05 and +09:30 after.
    assert.equal(classify('2020-04-03T21:30:00Z', 60, 'Australia/Adelaide'), 'daytime');
    assert.equal(classify('2020-04-04T21:30:00Z', 60, 'Australia/Adelaide'), 'early');
  });
});

describe('assessSession', () => {
  const audience = prepareAudience([
    ...repeat('Europe/London', 3),
    ...repeat('America/New_York', 2),
    'Asia/Tokyo',
    'Africa/Nairobi',
    'Australia/Sydney',
    'UTC',
    'Mars/Olympus_Mons',
  ]);

  it('counts the invitees in each category overall and by region', () => {
    // 13:00 UTC in January: London 13:00, New York 08:00, Nairobi 16:00, UTC 13:00 (daytime);
    // Tokyo 22:00 (late); Sydney 00:00 (night).
    const assessment = assessSession(session('2021-01-12T13:00:00Z', 60), audience);
    assert.deepEqual(assessment.counts, { daytime: 7, early: 0, late: 1, night: 1, total: 9 });
    const byRegion = Object.fromEntries(
      assessment.byRegion.map(({ region, counts }) => [region, counts]),
    );
    assert.deepEqual(Object.keys(byRegion), [
      'Africa',
      'Americas',
      'Asia',
      'Europe',
      'Oceania',
      'Other',
    ]);
    assert.deepEqual(byRegion.Europe, { daytime: 3, early: 0, late: 0, night: 0, total: 3 });
    assert.deepEqual(byRegion.Americas, { daytime: 2, early: 0, late: 0, night: 0, total: 2 });
    assert.deepEqual(byRegion.Asia, { daytime: 0, early: 0, late: 1, night: 0, total: 1 });
    assert.deepEqual(byRegion.Africa, { daytime: 1, early: 0, late: 0, night: 0, total: 1 });
    assert.deepEqual(byRegion.Oceania, { daytime: 0, early: 0, late: 0, night: 1, total: 1 });
    assert.deepEqual(byRegion.Other, { daytime: 1, early: 0, late: 0, night: 0, total: 1 });
  });

  it('leaves out invitees whose time zone is unknown, and says how many', () => {
    assert.equal(audience.size, 9);
    assert.equal(audience.unknownTimeZoneCount, 1);
  });
});

describe('suggestSessionTimes', () => {
  const europe = prepareAudience([
    ...repeat('Europe/London', 4),
    ...repeat('Europe/Paris', 3),
    ...repeat('Europe/Helsinki', 2),
  ]);

  it('suggests European daytime for a session at 03:00 that everyone in Europe would attend at night', () => {
    const at3 = session('2021-01-12T03:00:00Z', 60);
    assert.equal(assessSession(at3, europe).counts.night, 9);
    const suggestions = suggestSessionTimes(at3, europe, 'Europe/London');
    // Everyone is in daytime from 08:00 UTC (London) to 17:00 UTC (Helsinki ends at 20:00);
    // the closest to 03:00 come first.
    assert.deepEqual(
      suggestions.map((suggestion) => [suggestion.startsAt, suggestion.endsAt]),
      [
        ['2021-01-12T08:00:00Z', '2021-01-12T09:00:00Z'],
        ['2021-01-12T08:30:00Z', '2021-01-12T09:30:00Z'],
        ['2021-01-12T09:00:00Z', '2021-01-12T10:00:00Z'],
      ],
    );
    assert.deepEqual(
      suggestions.map((suggestion) => suggestion.shiftMinutes),
      [300, 330, 360],
    );
    for (const suggestion of suggestions) {
      assert.deepEqual(suggestion.counts, { daytime: 9, early: 0, late: 0, night: 0, total: 9 });
    }
  });

  it('puts the current time first when it is already among the best', () => {
    const [first] = suggestSessionTimes(
      session('2021-01-12T10:00:00Z', 60),
      europe,
      'Europe/London',
    );
    assert.equal(first?.shiftMinutes, 0);
    assert.equal(first?.startsAt, '2021-01-12T10:00:00Z');
  });

  it('ranks a time with nobody at night above a closer one with as many in daytime', () => {
    // One invitee each in London, Tokyo and New York, in January. At 10:00 UTC London and Tokyo
    // are in daytime and New York at night; at 13:00 UTC London and New York are in daytime
    // and Tokyo is late (22:00–23:00), so nobody is at night.
    const world = prepareAudience(['Europe/London', 'Asia/Tokyo', 'America/New_York']);
    const suggestions = suggestSessionTimes(
      session('2021-01-12T10:00:00Z', 60),
      world,
      'Europe/London',
    );
    assert.deepEqual(
      suggestions.slice(0, 2).map((suggestion) => suggestion.startsAt),
      ['2021-01-12T13:00:00Z', '2021-01-12T10:00:00Z'],
    );
    assert.deepEqual(suggestions[0]?.counts, { daytime: 2, early: 0, late: 1, night: 0, total: 3 });
    assert.deepEqual(suggestions[1]?.counts, { daytime: 2, early: 0, late: 0, night: 1, total: 3 });
  });

  it('offers every half hour of the home date, fewer or more on days the clocks change', () => {
    const count = (startsAt: string) =>
      suggestSessionTimes(session(startsAt, 60), europe, 'Europe/London', { limit: 100 }).length;
    assert.equal(count('2020-03-28T12:00:00Z'), 48);
    assert.equal(count('2020-03-29T12:00:00Z'), 46);
    assert.equal(count('2020-10-25T12:00:00Z'), 50);
  });

  it('honours the limit', () => {
    const suggestions = suggestSessionTimes(
      session('2021-01-12T03:00:00Z', 60),
      europe,
      'Europe/London',
      {
        limit: 5,
      },
    );
    assert.equal(suggestions.length, 5);
  });
});

describe('suggestDayShift', () => {
  it('moves a whole day into European daytime, keeping the gaps between sessions', () => {
    const europe = prepareAudience([
      ...repeat('Europe/London', 4),
      ...repeat('Europe/Paris', 3),
      ...repeat('Europe/Helsinki', 2),
    ]);
    const day = [session('2021-01-12T03:00:00Z', 60), session('2021-01-12T04:30:00Z', 60)];
    const { current, best } = suggestDayShift(day, europe);
    // London 03:00 and 04:30, Paris 04:00 and 05:30: night; Helsinki 05:00 (night), 06:30 (early).
    assert.deepEqual(current.counts, { daytime: 0, early: 2, late: 0, night: 16, total: 18 });
    assert.equal(current.inviteesWithNight, 9);
    // The smallest move that puts both sessions in everyone's daytime: 03:00 → 08:00 UTC.
    assert.equal(best.offsetMinutes, 300);
    assert.deepEqual(best.counts, { daytime: 18, early: 0, late: 0, night: 0, total: 18 });
    assert.equal(best.inviteesWithNight, 0);
  });
});

describe('planMostDaytime and planFairRotation', () => {
  // Three groups eight hours apart (January, so no summer time): every two-hour session puts
  // one of them at night. 08:00 UTC suits London and Singapore (7 in daytime) and keeps Los
  // Angeles at night; 16:00 UTC suits London and Los Angeles (6); 02:00 UTC suits Singapore and
  // Los Angeles (5).
  const zones = [
    ...repeat('Europe/London', 4),
    ...repeat('Asia/Singapore', 3),
    ...repeat('America/Los_Angeles', 2),
  ];
  const audience = prepareAudience(zones);
  const days = ['2021-01-12', '2021-01-13', '2021-01-14'].map((date) => [
    session(`${date}T08:00:00Z`, 120),
  ]);

  it('puts the same people at night every day when each day only seeks the most daytime', () => {
    const plan = planMostDaytime(days, audience);
    assert.equal(plan.search, 'per-day');
    assert.deepEqual(offsetsOf(plan), [0, 0, 0]);
    assert.equal(plan.totals.daytime, 21);
    assert.equal(plan.maxNightDays, 3);
    assert.equal(maxNightDaysIn(plan, 'Americas'), 3);
    assert.deepEqual(plan.nightDaysHistogram, [7, 0, 0, 2]);
  });

  it('rotates the night across the groups so nobody is up at night more than once', () => {
    const plan = planFairRotation(days, audience);
    assert.equal(plan.search, 'exhaustive');
    // Los Angeles at night on day 1, Singapore on day 2 (16:00 UTC), London on day 3 (02:00 UTC).
    assert.deepEqual(offsetsOf(plan), [0, 480, -360]);
    assert.equal(plan.maxNightDays, 1);
    assert.deepEqual(plan.nightDaysHistogram, [0, 9, 0, 0]);
    assert.equal(maxNightDaysIn(plan, 'Americas'), 1);
    assert.equal(maxNightDaysIn(plan, 'Asia'), 1);
    assert.equal(maxNightDaysIn(plan, 'Europe'), 1);
    assert.equal(plan.totals.daytime, 7 + 6 + 5);
    assert.equal(plan.totalShiftMinutes, 840);
    assert.deepEqual(
      plan.days.map((day) => day.inviteesWithNight),
      [2, 3, 4],
    );
  });

  it('finds an equally fair plan by coordinate descent when there are too many combinations to try', () => {
    const week = Array.from({ length: 7 }, (_, index) => [
      session(`2021-01-${String(12 + index)}T08:00:00Z`, 120),
    ]);
    const exhaustive = planFairRotation(week, audience, { maxExhaustiveCombinations: Infinity });
    const descent = planFairRotation(week, audience, { maxExhaustiveCombinations: 0 });
    assert.equal(exhaustive.search, 'exhaustive');
    assert.equal(descent.search, 'coordinate-descent');
    // Seven nights shared by three groups: at best someone has three; Los Angeles alone would
    // have seven under the most-daytime plan.
    assert.equal(planMostDaytime(week, audience).maxNightDays, 7);
    assert.equal(exhaustive.maxNightDays, 3);
    assert.equal(descent.maxNightDays, 3);
    assert.equal(descent.totals.daytime, exhaustive.totals.daytime);
    assert.equal(exhaustive.totals.daytime, 3 * 7 + 3 * 6 + 5);
  });

  it('gives the same plans whatever the order of the invitees', () => {
    const reversed = prepareAudience([...zones].reverse());
    const shuffled = prepareAudience([...zones.slice(5), ...zones.slice(0, 5)]);
    const plan = planFairRotation(days, audience);
    assert.deepEqual(planFairRotation(days, reversed), plan);
    assert.deepEqual(planFairRotation(days, shuffled), plan);
    assert.deepEqual(planFairRotation(days, audience), plan);
    assert.deepEqual(planMostDaytime(days, shuffled), planMostDaytime(days, audience));
  });

  it('keeps a day without sessions where it is', () => {
    const plan = planFairRotation([...days, []], audience);
    assert.equal(plan.days.length, 4);
    assert.equal(plan.days[3]?.offsetMinutes, 0);
    assert.equal(plan.days[3]?.counts.total, 0);
  });
});

describe('plans never move two days into each other', () => {
  // Two people in London (UTC in January), daytime 08:00–20:00. The first day ends at 19:30;
  // the second starts 45 minutes later, at 20:15, and runs past 20:00. Each day on its own
  // would stay (the first) and move 90 minutes earlier (the second), which would put the
  // second day's session before the first day's end.
  const audience = prepareAudience(repeat('Europe/London', 2));
  const days = [[session('2021-01-12T19:00:00Z', 30)], [session('2021-01-12T20:15:00Z', 60)]];

  it('measures the time between one day’s end and the next day’s start', () => {
    assert.deepEqual(gapsBetweenDays(days), [45]);
    assert.deepEqual(gapsBetweenDays([...days, [], days[0]!]), [45, null, null]);
    assert.deepEqual(
      gapsBetweenDays([[session('2021-01-12T19:00:00Z', 120)], days[1]!]),
      [null],
      'days that already overlap are given no limit',
    );
  });

  it('moves a day alone only as far as its neighbours, as they are, leave room for', () => {
    const [first, second] = days as [SessionTimes[], SessionTimes[]];
    assert.equal(suggestDayShift(second, audience).best.offsetMinutes, -90);
    assert.equal(
      suggestDayShift(second, audience, {}, { notBefore: '2021-01-12T19:30:00Z' }).best
        .offsetMinutes,
      720,
      'no earlier than the day before ends: the next morning is the daytime within reach',
    );
    assert.equal(
      suggestDayShift(
        second,
        audience,
        {},
        { notBefore: '2021-01-12T19:30:00Z', notAfter: '2021-01-13T02:00:00Z' },
      ).best.offsetMinutes,
      0,
      'between both neighbours no daytime is within reach, so it stays',
    );
    const early = [session('2021-01-13T06:00:00Z', 60)];
    assert.equal(suggestDayShift(early, audience).best.offsetMinutes, 120);
    assert.equal(
      suggestDayShift(
        early,
        audience,
        {},
        { notBefore: '2021-01-13T05:00:00Z', notAfter: '2021-01-13T08:30:00Z' },
      ).best.offsetMinutes,
      0,
      'no later than the next day starts',
    );
    assert.equal(
      suggestDayShift(
        early,
        audience,
        {},
        { notBefore: '2021-01-13T05:00:00Z', notAfter: '2021-01-13T09:00:00Z' },
      ).best.offsetMinutes,
      120,
      'the move fits exactly',
    );
    assert.equal(
      suggestDayShift(first, audience, {}, { notAfter: '2021-01-12T19:15:00Z' }).best.offsetMinutes,
      0,
      'a limit the day already breaks is no limit',
    );
  });

  it('moves the first day earlier too, rather than overlap, when seeking the most daytime', () => {
    const plan = planMostDaytime(days, audience);
    assert.deepEqual(offsetsOf(plan), [-60, -90]);
    assert.equal(plan.totals.daytime, 4);
  });

  it('keeps the days apart in the fair-rotation plan, whether every combination is tried or not', () => {
    for (const maxExhaustiveCombinations of [Infinity, 0]) {
      const plan = planFairRotation(days, audience, { maxExhaustiveCombinations });
      assert.equal(plan.search, maxExhaustiveCombinations ? 'exhaustive' : 'coordinate-descent');
      assert.deepEqual(offsetsOf(plan), [-60, -90], `search: ${plan.search}`);
      assert.equal(plan.totals.daytime, 4);
    }
  });

  it('never lets any plan over several days put a day’s end after the next day’s start', () => {
    const zones = [
      ...repeat('Europe/London', 3),
      ...repeat('Asia/Singapore', 3),
      ...repeat('America/Los_Angeles', 3),
      ...repeat('Pacific/Auckland', 2),
    ];
    const world = prepareAudience(zones);
    // Four days whose sessions start at different hours, three hours long each.
    const week = [
      '2021-01-12T02:00:00Z',
      '2021-01-13T14:00:00Z',
      '2021-01-14T01:00:00Z',
      '2021-01-14T21:00:00Z',
    ].map((start) => [
      session(start, 90),
      session(new Date(Date.parse(start) + 90 * 60_000).toISOString(), 90),
    ]);
    const plans = [
      planMostDaytime(week, world),
      planFairRotation(week, world),
      planFairRotation(week, world, { maxExhaustiveCombinations: 0 }),
    ];
    for (const plan of plans) {
      const spans = week.map((sessions, day) => {
        const shift = (plan.days[day]?.offsetMinutes ?? 0) * 60_000;
        return {
          start: Math.min(...sessions.map((s) => Date.parse(s.startsAt))) + shift,
          end: Math.max(...sessions.map((s) => Date.parse(s.endsAt))) + shift,
        };
      });
      for (let day = 0; day < spans.length - 1; day++)
        assert.ok(
          spans[day]!.end <= spans[day + 1]!.start,
          `${plan.mode} (${plan.search}): day ${day + 1} ends after day ${day + 2} starts (${offsetsOf(plan).join(', ')})`,
        );
    }
  });
});
