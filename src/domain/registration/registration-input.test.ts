import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkInvitationAnswer } from './registration-input.ts';

const choices = { sessionIds: ['s-1', 's-2', 's-3'], themeIds: ['t-1', 't-2'] };
const attending = {
  attending: 'yes',
  displayName: '  Wanjiru   Kamau ',
  timeZone: 'Africa/Nairobi',
  accessibilityNeeds: '',
  inDirectory: 'no',
};
const problems = (result: ReturnType<typeof checkInvitationAnswer>) =>
  result.ok ? [] : result.errors.map((e) => e.field);

describe('checking an answer to an invitation', () => {
  it('accepts a decline without asking for anything else', () => {
    assert.deepEqual(checkInvitationAnswer({ attending: 'no', displayName: '' }, choices), {
      ok: true,
      value: { attending: false },
    });
  });

  it('asks whether the person will attend when neither answer was chosen', () => {
    const result = checkInvitationAnswer({}, choices);
    assert.deepEqual(problems(result), ['attending']);
    assert.ok(!result.ok);
    assert.equal(result.errors[0]?.message, 'Choose whether you will attend.');
  });

  it('accepts a registration with one session and one theme, sent as single values', () => {
    const result = checkInvitationAnswer(
      { ...attending, sessions: 's-2', strugglingThemes: 't-1' },
      choices,
    );
    assert.ok(result.ok && result.value.attending);
    assert.deepEqual(result.value.registration, {
      displayName: 'Wanjiru Kamau',
      timeZone: 'Africa/Nairobi',
      accessibilityNeeds: '',
      inDirectory: false,
      sessionIds: ['s-2'],
      strugglingThemeIds: ['t-1'],
      helpingThemeIds: [],
    });
  });

  it('keeps the edition’s order and drops repeats among the chosen sessions', () => {
    const result = checkInvitationAnswer(
      { ...attending, inDirectory: 'yes', sessions: ['s-3', 's-1', 's-3'] },
      choices,
    );
    assert.ok(result.ok && result.value.attending);
    assert.deepEqual(result.value.registration.sessionIds, ['s-1', 's-3']);
    assert.equal(result.value.registration.inDirectory, true);
  });

  it('names the time zone people know today for an old zone name', () => {
    const result = checkInvitationAnswer({ ...attending, timeZone: 'Asia/Calcutta' }, choices);
    assert.ok(result.ok && result.value.attending);
    assert.equal(result.value.registration.timeZone, 'Asia/Kolkata');
  });

  it('lists every problem of a registration at once', () => {
    const result = checkInvitationAnswer(
      {
        attending: 'yes',
        displayName: ' ',
        timeZone: 'Mars/Olympus_Mons',
        accessibilityNeeds: 'x'.repeat(2001),
      },
      choices,
    );
    assert.deepEqual(problems(result), [
      'displayName',
      'timeZone',
      'accessibilityNeeds',
      'inDirectory',
    ]);
  });

  it('rejects a session or theme the edition does not offer instead of dropping it', () => {
    const result = checkInvitationAnswer(
      {
        ...attending,
        sessions: ['s-1', 'not-a-session'],
        strugglingThemes: ['t-9'],
        helpingThemes: ['t-1', 't-8', 't-7'],
      },
      choices,
    );
    assert.ok(!result.ok);
    assert.deepEqual(
      result.errors.map((e) => [e.field, e.message]),
      [
        [
          'sessions',
          'One of the sessions you chose is not in this edition. It may have been removed; choose again from the list.',
        ],
        [
          'strugglingThemes',
          'One of the themes you chose is not in this edition. It may have been removed; choose again from the list.',
        ],
        [
          'helpingThemes',
          '2 of the themes you chose are not in this edition. They may have been removed; choose again from the list.',
        ],
      ],
    );
  });

  it('refuses a display name longer than 100 characters', () => {
    const result = checkInvitationAnswer({ ...attending, displayName: 'a'.repeat(101) }, choices);
    assert.deepEqual(problems(result), ['displayName']);
  });

  it('treats an answer other than yes or no as no answer', () => {
    assert.deepEqual(problems(checkInvitationAnswer({ attending: 'maybe' }, choices)), [
      'attending',
    ]);
    assert.deepEqual(
      problems(checkInvitationAnswer({ ...attending, inDirectory: 'public' }, choices)),
      ['inDirectory'],
    );
  });
});
