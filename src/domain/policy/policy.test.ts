import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EditionStatus } from '../convening/edition.ts';
import { can, type Action, type Actor } from './policy.ts';

const visitor: Actor = { kind: 'visitor' };
const organizer: Actor = { kind: 'organizer', via: 'development-switch' };

// Each row: action, edition status (where it matters), visitor allowed, organizer allowed.
const TABLE: [Action, EditionStatus | undefined, boolean, boolean][] = [
  ['edition.view', 'draft', false, true],
  ['edition.view', 'published', true, true],
  ['edition.view', 'live', true, true],
  ['edition.view', 'archived', true, true],
  ['edition.list-archive', undefined, true, true],
  ['edition.manage', 'published', false, true],
  ['programme.import', undefined, false, true],
  ['fairness.view', 'published', false, true],
];

describe('the policy, role by action', () => {
  for (const [action, status, visitorMay, organizerMay] of TABLE) {
    it(`${visitorMay ? 'lets' : 'forbids'} a visitor and ${organizerMay ? 'lets' : 'forbids'} an organizer ${action}${status ? ` on a ${status} edition` : ''}`, () => {
      assert.equal(can(visitor, action, { editionStatus: status }), visitorMay);
      assert.equal(can(organizer, action, { editionStatus: status }), organizerMay);
    });
  }

  it('forbids a visitor to view an edition whose status is unknown', () => {
    assert.equal(can(visitor, 'edition.view', {}), false);
  });
});
