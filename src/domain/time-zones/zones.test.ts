import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  currentZoneName,
  instantToLocal,
  isValidTimeZone,
  listTimeZones,
  localToInstant,
  regionOfTimeZone,
} from './zones.ts';

describe('time zones', () => {
  it('knows real zones and refuses made-up ones', () => {
    assert.ok(isValidTimeZone('Africa/Nairobi'));
    assert.ok(isValidTimeZone('Asia/Kolkata'));
    assert.equal(isValidTimeZone('Mars/Olympus_Mons'), false);
    assert.equal(isValidTimeZone(''), false);
  });

  it('lists zones by the names people know today', () => {
    const zones = listTimeZones();
    assert.ok(zones.includes('Asia/Kolkata') && zones.includes('Europe/Kyiv'));
    assert.ok(!zones.includes('Asia/Calcutta'));
    assert.equal(currentZoneName('Asia/Saigon'), 'Asia/Ho_Chi_Minh');
  });

  it('converts wall-clock times to instants on both sides of a clock change', () => {
    assert.equal(localToInstant('2020-10-24', '10:00', 'Europe/London'), '2020-10-24T09:00:00Z');
    assert.equal(localToInstant('2020-10-25', '10:00', 'Europe/London'), '2020-10-25T10:00:00Z');
    assert.equal(
      localToInstant('2020-03-29', '01:30', 'Europe/London'),
      null,
      'the skipped hour does not exist',
    );
  });

  it('reads an instant back as a local date and time', () => {
    assert.deepEqual(instantToLocal('2020-11-18T03:30:00Z', 'America/New_York'), {
      date: '2020-11-17',
      time: '22:30',
    });
    assert.deepEqual(instantToLocal('2020-11-17T14:00:00Z', 'Asia/Kathmandu'), {
      date: '2020-11-17',
      time: '19:45',
    });
  });

  it('places zones in world regions', () => {
    assert.equal(regionOfTimeZone('America/Lima'), 'Americas');
    assert.equal(regionOfTimeZone('Pacific/Auckland'), 'Oceania');
    assert.equal(regionOfTimeZone('Africa/Accra'), 'Africa');
    assert.equal(regionOfTimeZone('Asia/Dubai'), 'Asia');
    assert.equal(regionOfTimeZone('UTC'), 'Other');
  });
});
