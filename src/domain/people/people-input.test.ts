import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkGovernmentFields, checkPersonFields } from './people-input.ts';

const GOOD_PERSON = {
  name: 'Wanjiru Kamau',
  email: ' Wanjiru.Kamau@Example.org ',
  government: 'ke-ict',
  role: 'chief-digital-officer',
  maturity: 'starting',
  timeZone: 'Africa/Nairobi',
};

describe('checking people and governments', () => {
  it('accepts a person with the email and government code normalised', () => {
    const checked = checkPersonFields(GOOD_PERSON);
    assert.deepEqual(checked, {
      ok: true,
      value: {
        name: 'Wanjiru Kamau',
        email: 'wanjiru.kamau@example.org',
        governmentCode: 'KE-ICT',
        role: 'chief-digital-officer',
        maturity: 'starting',
        timeZone: 'Africa/Nairobi',
      },
    });
  });

  it('accepts a person without a government', () => {
    const checked = checkPersonFields({ ...GOOD_PERSON, government: '' });
    assert.equal(checked.ok && checked.value.governmentCode, null);
  });

  it('names every wrong field of a person at once', () => {
    const checked = checkPersonFields({
      email: 'not-an-email',
      role: 'boss',
      maturity: 'expert',
      timeZone: 'Mars/Base',
    });
    assert.ok(!checked.ok);
    assert.deepEqual(
      checked.errors.map((error) => error.field),
      ['name', 'email', 'role', 'maturity', 'timeZone'],
    );
    assert.match(
      checked.errors[2]?.message ?? '',
      /Role "boss" is not one we know\. Choose one of: minister,/,
    );
  });

  it('accepts a government with its code in capitals', () => {
    assert.deepEqual(checkGovernmentFields({ code: ' ee ', country: 'Estonia', teamName: 'RIA' }), {
      ok: true,
      value: { code: 'EE', country: 'Estonia', teamName: 'RIA' },
    });
  });

  it('refuses a government code with spaces, and missing names', () => {
    const checked = checkGovernmentFields({ code: 'KE ICT' });
    assert.ok(!checked.ok);
    assert.deepEqual(
      checked.errors.map((error) => error.field),
      ['code', 'country', 'teamName'],
    );
  });
});
