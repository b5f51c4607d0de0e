import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  countInRanges,
  countNewPeopleMet,
  formatAverage,
  formatShare,
  mean,
  median,
  summariseRepresentation,
} from './convening-numbers.ts';

describe('the people represented', () => {
  it('adds governments of one country together and puts people without a government apart, largest then by name', () => {
    const summary = summariseRepresentation([
      { governmentId: 'us-fed', country: 'United States', people: 2 },
      { governmentId: 'us-ca', country: 'United States', people: 1 },
      { governmentId: 'ke', country: 'Kenya', people: 3 },
      { governmentId: null, country: null, people: 2 },
    ]);
    assert.equal(summary.registered, 8);
    assert.equal(summary.governments, 3);
    assert.equal(summary.withoutGovernment, 2);
    assert.deepEqual(summary.countries, [
      { country: 'Kenya', governments: 1, people: 3 },
      { country: 'United States', governments: 2, people: 3 },
    ]);
  });

  it('counts nothing for nobody registered', () => {
    assert.deepEqual(summariseRepresentation([]), {
      registered: 0,
      governments: 0,
      countries: [],
      withoutGovernment: 0,
    });
  });
});

describe('new people met in breakout rooms', () => {
  it('counts each person once however many rounds or directions the pair appears in', () => {
    const counts = countNewPeopleMet(
      [
        { personId: 'a', otherPersonId: 'b' },
        { personId: 'b', otherPersonId: 'a' },
        { personId: 'a', otherPersonId: 'b' },
        { personId: 'a', otherPersonId: 'c' },
      ],
      [],
    );
    assert.deepEqual(Object.fromEntries(counts), { a: 2, b: 1, c: 1 });
  });

  it('leaves out people met in an earlier edition, in either order', () => {
    const counts = countNewPeopleMet(
      [
        { personId: 'a', otherPersonId: 'b' },
        { personId: 'a', otherPersonId: 'c' },
        { personId: 'b', otherPersonId: 'c' },
      ],
      [{ personId: 'b', otherPersonId: 'a' }],
    );
    assert.deepEqual(Object.fromEntries(counts), { a: 1, b: 1, c: 2 });
  });

  it('keeps someone who met only people they knew, with none new', () => {
    const counts = countNewPeopleMet(
      [{ personId: 'a', otherPersonId: 'b' }],
      [{ personId: 'a', otherPersonId: 'b' }],
    );
    assert.deepEqual(Object.fromEntries(counts), { a: 0, b: 0 });
  });
});

describe('ranges, medians and averages', () => {
  it('puts every value in exactly one range, the last one open-ended', () => {
    const counted = countInRanges([0, 0, 1, 2, 3, 5, 6, 10, 11, 40]);
    assert.deepEqual(
      counted.map((c) => [c.range.label, c.count]),
      [
        ['None', 2],
        ['1 or 2', 2],
        ['3 to 5', 2],
        ['6 to 10', 2],
        ['11 or more', 2],
      ],
    );
  });

  it('takes the middle value, or the mean of the two middle ones', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([]), null);
  });

  it('averages, and has no average of nothing', () => {
    assert.equal(mean([1, 2, 6]), 3);
    assert.equal(mean([]), null);
  });

  it('writes averages to one decimal place only when needed, and shares as percentages', () => {
    assert.equal(formatAverage(4), '4');
    assert.equal(formatAverage(10 / 3), '3.3');
    assert.equal(formatShare(1, 3), '33%');
    assert.equal(formatShare(0, 0), '0%');
  });
});
