import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRoleRevocation, type MemberRole } from './edition-team.ts';

const TEAM: MemberRole[] = [
  { personId: 'amina', role: 'organizer' },
  { personId: 'amina', role: 'moderator' },
  { personId: 'bo', role: 'rapporteur' },
];

describe('taking a role away', () => {
  it('allows it for a role the person holds', () => {
    assert.deepEqual(checkRoleRevocation(TEAM, 'bo', 'rapporteur'), { allowed: true });
    assert.deepEqual(checkRoleRevocation(TEAM, 'amina', 'moderator'), { allowed: true });
  });

  it('refuses a role the person does not hold', () => {
    assert.deepEqual(checkRoleRevocation(TEAM, 'bo', 'moderator'), {
      allowed: false,
      reason: 'not-held',
    });
  });

  it('never leaves an edition without an organizer', () => {
    assert.deepEqual(checkRoleRevocation(TEAM, 'amina', 'organizer'), {
      allowed: false,
      reason: 'last-organizer',
    });
  });

  it('lets one of two organizers step down', () => {
    const team: MemberRole[] = [...TEAM, { personId: 'bo', role: 'organizer' }];
    assert.deepEqual(checkRoleRevocation(team, 'amina', 'organizer'), { allowed: true });
  });
});
