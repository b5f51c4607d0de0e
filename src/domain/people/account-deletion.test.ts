import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { editionsOnlyOrganizedBy, type EditionMember } from './account-deletion.ts';

const member = (editionId: string, personId: string, role: EditionMember['role']) => ({
  editionId,
  personId,
  role,
});

describe('who must stay to organize an edition', () => {
  it('names the editions a person organizes alone', () => {
    const members = [
      member('e-1', 'ana', 'organizer'),
      member('e-2', 'ana', 'organizer'),
      member('e-2', 'ben', 'organizer'),
    ];
    assert.deepEqual(editionsOnlyOrganizedBy('ana', members), ['e-1']);
  });

  it('names nothing when another organizer exists in every edition', () => {
    const members = [member('e-1', 'ana', 'organizer'), member('e-1', 'ben', 'organizer')];
    assert.deepEqual(editionsOnlyOrganizedBy('ana', members), []);
  });

  it('does not count other roles as organizers', () => {
    const members = [
      member('e-1', 'ana', 'organizer'),
      member('e-1', 'ben', 'moderator'),
      member('e-1', 'cai', 'rapporteur'),
    ];
    assert.deepEqual(editionsOnlyOrganizedBy('ana', members), ['e-1']);
  });

  it('names nothing for someone who organizes nothing', () => {
    assert.deepEqual(editionsOnlyOrganizedBy('ben', [member('e-1', 'ana', 'organizer')]), []);
  });
});
