import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDirectoryChoices, newListedProfile } from './directory-profile.ts';

describe('a person’s directory choices', () => {
  it('lists a new profile with every field shown', () => {
    assert.deepEqual(newListedProfile('p-1', '2021-01-01T00:00:00.000Z'), {
      personId: 'p-1',
      listed: true,
      shows: { government: true, team: true, role: true, themes: true, editions: true },
      updatedAt: '2021-01-01T00:00:00.000Z',
    });
  });

  it('reads the ticked fields, one or several, and shows none when none is ticked', () => {
    assert.deepEqual(checkDirectoryChoices({ listed: 'yes', show: 'role' }), {
      ok: true,
      value: {
        listed: true,
        shows: { government: false, team: false, role: true, themes: false, editions: false },
      },
    });
    const several = checkDirectoryChoices({ listed: 'no', show: ['team', 'themes'] });
    assert.ok(several.ok);
    assert.equal(several.value.listed, false);
    assert.deepEqual(several.value.shows, {
      government: false,
      team: true,
      role: false,
      themes: true,
      editions: false,
    });
    const none = checkDirectoryChoices({ listed: 'yes' });
    assert.ok(none.ok && Object.values(none.value.shows).every((shown) => !shown));
  });

  it('asks for a yes or no, and refuses fields that are not offered (an email above all)', () => {
    const missing = checkDirectoryChoices({ show: ['role'] });
    assert.deepEqual(missing.ok ? [] : missing.errors.map((e) => e.field), ['listed']);
    const odd = checkDirectoryChoices({ listed: 'maybe', show: ['email', 'role'] });
    assert.deepEqual(odd.ok ? [] : odd.errors.map((e) => e.field), ['listed', 'show']);
    const object = checkDirectoryChoices({ listed: 'yes', show: [{ field: 'role' }] });
    assert.equal(object.ok, false);
  });
});
