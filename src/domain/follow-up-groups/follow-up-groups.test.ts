import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkGroupSizes,
  countSameGovernmentPairs,
  formFollowUpGroups,
  type GroupCandidate,
} from './follow-up-groups.ts';
import { composeFollowUpIntroduction } from './introduction-email.ts';
import { suggestMeetingSlot } from './meeting-slot.ts';

const clockless = { now: () => 0, timeLimitMs: 1_000_000, maxIterations: 2_000 };

function people(count: number, governments: number): GroupCandidate[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `p${index}`,
    governmentId: `gov${index % governments}`,
  }));
}

describe('checking follow-up group sizes', () => {
  it('accepts whole numbers from 2 to 12, smallest first', () => {
    assert.deepEqual(checkGroupSizes('3', '5'), { ok: true, value: { min: 3, max: 5 } });
    assert.deepEqual(checkGroupSizes(4, 4), { ok: true, value: { min: 4, max: 4 } });
  });

  it('names the field that is wrong', () => {
    const fields = (min: unknown, max: unknown) => {
      const checked = checkGroupSizes(min, max);
      return checked.ok ? [] : checked.errors.map((error) => error.field);
    };
    assert.deepEqual(fields('1', '5'), ['minSize']);
    assert.deepEqual(fields('3', '13'), ['maxSize']);
    assert.deepEqual(fields('three', ''), ['minSize', 'maxSize']);
    assert.deepEqual(fields('2.5', '4'), ['minSize']);
    assert.deepEqual(fields('6', '4'), ['maxSize']);
  });
});

describe('forming follow-up groups', () => {
  it('places everyone exactly once, in groups within the sizes, over many seeds', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const candidates = people(7 + seed, 4);
      const formed = formFollowUpGroups(candidates, { min: 3, max: 5 }, { seed, ...clockless });
      assert.ok(formed.ok, `seed ${seed}`);
      const placed = formed.value.flat().sort();
      assert.deepEqual(placed, candidates.map((p) => p.id).sort(), `seed ${seed}: once each`);
      for (const group of formed.value) assert.ok(group.length >= 3 && group.length <= 5);
    }
  });

  it('keeps people of one government apart when there are enough governments', () => {
    const candidates = people(12, 4); // 3 people in each of 4 governments, 3 groups of 4
    const formed = formFollowUpGroups(candidates, { min: 4, max: 4 }, { seed: 7, ...clockless });
    assert.ok(formed.ok);
    const governmentOf = new Map(candidates.map((p) => [p.id, p.governmentId]));
    assert.equal(countSameGovernmentPairs(formed.value, governmentOf), 0);
  });

  it('is the same for the same seed', () => {
    const candidates = people(15, 5);
    const once = formFollowUpGroups(candidates, { min: 3, max: 4 }, { seed: 3, ...clockless });
    const again = formFollowUpGroups(candidates, { min: 3, max: 4 }, { seed: 3, ...clockless });
    assert.deepEqual(once, again);
  });

  it('spreads out people who already met, and ignores meetings with people not placed', () => {
    const candidates = people(8, 8);
    const formed = formFollowUpGroups(
      candidates,
      { min: 4, max: 4 },
      { seed: 1, history: [['p0', 'p1', 'p2', 'p3', 'someone-else']], ...clockless },
    );
    assert.ok(formed.ok);
    for (const group of formed.value)
      assert.ok(group.filter((id) => ['p0', 'p1', 'p2', 'p3'].includes(id)).length <= 2);
  });

  it('refuses too few people, or a number that no split within the sizes fits', () => {
    const few = formFollowUpGroups(people(2, 2), { min: 3, max: 5 }, { seed: 1, ...clockless });
    assert.equal(few.ok, false);
    if (!few.ok) assert.match(few.errors[0]!.message, /Only 2 people named this theme/);
    const odd = formFollowUpGroups(people(7, 3), { min: 4, max: 5 }, { seed: 1, ...clockless });
    assert.equal(odd.ok, false);
    if (!odd.ok) assert.match(odd.errors[0]!.message, /cannot be split into groups of 4 to 5/);
  });
});

describe('suggesting a first call for a group', () => {
  const now = new Date('2021-06-01T12:00:00Z'); // a Tuesday

  it('picks an hour on Tuesday to Thursday, at least two days ahead', () => {
    const slot = suggestMeetingSlot(['Europe/London'], now);
    const start = new Date(slot.startsAt);
    assert.ok([2, 3, 4].includes(start.getUTCDay()));
    assert.ok(start.getTime() >= Date.parse('2021-06-03T00:00:00Z'));
    assert.equal(Date.parse(slot.endsAt) - start.getTime(), 3_600_000);
    assert.equal(start.getUTCMinutes(), 0);
  });

  it('puts everyone in daytime when the zones allow it', () => {
    const slot = suggestMeetingSlot(['Africa/Nairobi', 'Europe/Tallinn', 'Europe/London'], now);
    assert.deepEqual(slot.counts, { daytime: 3, early: 0, late: 0, night: 0, total: 3 });
    // The first such hour: 08:00 in Nairobi and Tallinn (summer) is 05:00 UTC; London is 06:00.
    assert.equal(slot.startsAt, '2021-06-03T07:00:00.000Z');
  });

  it('keeps nights to the fewest people when the zones are far apart', () => {
    const slot = suggestMeetingSlot(
      ['Pacific/Auckland', 'America/Los_Angeles', 'Europe/London', 'Asia/Kolkata'],
      now,
    );
    assert.equal(slot.counts.total, 4);
    assert.ok(slot.counts.night <= 1, JSON.stringify(slot.counts));
    assert.ok(slot.counts.daytime >= 2, JSON.stringify(slot.counts));
  });

  it('gives the same answer whatever the order of the zones', () => {
    const zones = ['Asia/Tokyo', 'America/Bogota', 'Europe/Berlin'];
    assert.deepEqual(suggestMeetingSlot(zones, now), suggestMeetingSlot([...zones].reverse(), now));
  });
});

describe('the introduction email of a follow-up group', () => {
  const { subject, text } = composeFollowUpIntroduction({
    recipient: { name: 'Wanjiru Kamau', timeZone: 'Africa/Nairobi' },
    editionName: 'Digital Services Convening 2021',
    themeName: 'Procurement',
    organizer: { name: 'Olu Organizer', email: 'olu@example.org' },
    others: [
      {
        name: 'Kadri Tamm',
        government: 'Estonia, Government CIO Office',
        email: 'kadri@ee.example',
      },
      { name: 'Ana Silva', government: null, email: 'ana@pt.example' },
    ],
    slot: { startsAt: '2021-06-03T07:00:00.000Z', endsAt: '2021-06-03T08:00:00.000Z' },
  });

  it('says the organizers made the introduction, and names the theme', () => {
    assert.match(subject, /Procurement/);
    assert.match(
      text,
      /Olu Organizer, an organizer of Digital Services Convening 2021, is introducing you/,
    );
    assert.match(text, /You did not ask for this introduction: the organizers made it/);
  });

  it('lists the other members with governments and emails, never the recipient', () => {
    assert.match(text, /- Kadri Tamm \(Estonia, Government CIO Office\): kadri@ee\.example/);
    assert.match(text, /- Ana Silva: ana@pt\.example/);
    assert.doesNotMatch(text, /- Wanjiru Kamau/);
  });

  it('shows the suggested time in the reader’s zone and in UTC', () => {
    assert.match(text, /Your time \(Africa\/Nairobi\): Thursday 3 June 2021, 10:00 to 11:00/);
    assert.match(text, /UTC: Thursday 3 June 2021, 07:00 to 08:00/);
  });
});
