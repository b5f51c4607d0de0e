import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkDayFields,
  checkEditionFields,
  checkSessionFields,
  checkThemeFields,
} from './programme-input.ts';

const edition = {
  startDate: '2020-11-17',
  endDate: '2020-11-19',
  homeTimeZone: 'America/New_York',
};
const fieldsOf = (result: { ok: boolean; errors?: { field: string }[] }) =>
  result.ok ? [] : (result.errors ?? []).map((e) => e.field);

describe('checking an edition', () => {
  const good = {
    name: 'DSC 2020',
    slug: 'dsc-2020',
    year: 2020,
    hosts: ['Public Digital', 'Harvard Kennedy School'],
    homeTimeZone: 'America/New_York',
    startDate: '2020-11-17',
    endDate: '2020-11-19',
    format: 'remote',
  };

  it('accepts a complete edition and fills in the default daytime hours', () => {
    const result = checkEditionFields(good);
    assert.ok(result.ok);
    assert.equal(result.value.daytimeStartHour, 8);
    assert.equal(result.value.daytimeEndHour, 20);
    assert.deepEqual(result.value.hosts, ['Public Digital', 'Harvard Kennedy School']);
  });

  it('lists every problem at once, by field', () => {
    const result = checkEditionFields({
      slug: 'Not OK',
      year: '20',
      homeTimeZone: 'Nowhere/City',
      startDate: '2020-02-30',
      endDate: 'soon',
      format: 'online',
    });
    assert.deepEqual(fieldsOf(result).sort(), [
      'endDate',
      'format',
      'homeTimeZone',
      'hosts',
      'name',
      'slug',
      'startDate',
      'year',
    ]);
  });

  it('asks where an in-person edition takes place', () => {
    assert.deepEqual(fieldsOf(checkEditionFields({ ...good, format: 'in-person', location: '' })), [
      'location',
    ]);
  });

  it('refuses daytime that ends before it starts', () => {
    assert.deepEqual(
      fieldsOf(checkEditionFields({ ...good, daytimeStartHour: '20', daytimeEndHour: '8' })),
      ['daytimeEndHour'],
    );
  });
});

describe('checking a day', () => {
  it('accepts a day within the edition', () => {
    assert.ok(
      checkDayFields(
        { date: '2020-11-18', themeLabel: 'LATER', guidingQuestion: 'What next?' },
        edition,
      ).ok,
    );
  });

  it('refuses a day outside the edition', () => {
    assert.deepEqual(
      fieldsOf(
        checkDayFields({ date: '2020-11-20', themeLabel: 'X', guidingQuestion: 'Y' }, edition),
      ),
      ['date'],
    );
  });
});

describe('checking a theme', () => {
  it('needs a name', () => {
    assert.deepEqual(fieldsOf(checkThemeFields({ name: '  ' })), ['name']);
  });
});

describe('checking a session', () => {
  const good = {
    title: 'Opening',
    format: 'talk',
    date: '2020-11-17',
    startTime: '09:00',
    endTime: '09:45',
  };

  it('turns wall-clock times in the home time zone into instants', () => {
    const result = checkSessionFields(good, edition);
    assert.ok(result.ok);
    assert.equal(result.value.startsAt, '2020-11-17T14:00:00Z');
    assert.equal(result.value.endsAt, '2020-11-17T14:45:00Z');
  });

  it('reads speakers from lines, commas or semicolons, lower-cased and without repeats', () => {
    const result = checkSessionFields(
      { ...good, speakers: 'A@Example.org\nb@example.org; a@example.org' },
      edition,
    );
    assert.ok(result.ok);
    assert.deepEqual(result.value.speakerEmails, ['a@example.org', 'b@example.org']);
  });

  it('refuses a time that does not exist because the clocks go forward', () => {
    const spring = {
      startDate: '2021-03-14',
      endDate: '2021-03-14',
      homeTimeZone: 'America/New_York',
    };
    const result = checkSessionFields(
      { ...good, date: '2021-03-14', startTime: '02:30', endTime: '03:30' },
      spring,
    );
    assert.deepEqual(fieldsOf(result), ['startTime']);
  });

  it('refuses an end before the start, a bad time, a bad link and a bad email', () => {
    assert.deepEqual(fieldsOf(checkSessionFields({ ...good, endTime: '08:00' }, edition)), [
      'endTime',
    ]);
    assert.deepEqual(fieldsOf(checkSessionFields({ ...good, startTime: '9am' }, edition)), [
      'startTime',
    ]);
    assert.deepEqual(
      fieldsOf(checkSessionFields({ ...good, videoUrl: 'ftp://files.example' }, edition)),
      ['videoUrl'],
    );
    assert.deepEqual(fieldsOf(checkSessionFields({ ...good, moderators: 'someone' }, edition)), [
      'moderators',
    ]);
  });

  it('accepts https video links only, and http on this machine for development', () => {
    assert.ok(checkSessionFields({ ...good, videoUrl: 'https://zoom.example/j/123' }, edition).ok);
    assert.ok(checkSessionFields({ ...good, videoUrl: 'http://localhost:8000/room' }, edition).ok);
    assert.equal(
      checkSessionFields({ ...good, videoUrl: 'http://zoom.example/j/123' }, edition).ok,
      false,
    );
  });
});
