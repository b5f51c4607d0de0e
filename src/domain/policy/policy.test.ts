import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from '../access/actor.ts';
import type { EditionRole } from '../access/roles.ts';
import { can, type Action, type PolicySubject } from './policy.ts';

const EDITION = 'edition-2021';
const OTHER = 'edition-other';

function person(
  roles: EditionRole[],
  options: { invited?: boolean; personId?: string } = {},
): Actor {
  return {
    kind: 'person',
    personId: options.personId ?? 'p-1',
    name: 'Someone',
    email: 'someone@example.org',
    memberships: roles.map((role) => ({ editionId: EDITION, role })),
    invitedEditionIds: options.invited ? [EDITION] : [],
  };
}

const ACTORS: Record<string, Actor> = {
  visitor: { kind: 'visitor' },
  'signed-in stranger': person([]),
  invitee: person([], { invited: true }),
  attendee: person(['attendee'], { invited: true }),
  speaker: person(['speaker']),
  rapporteur: person(['rapporteur']),
  moderator: person(['moderator']),
  organizer: person(['organizer']),
  'organizer of another edition': {
    ...(person([]) as Extract<Actor, { kind: 'person' }>),
    memberships: [{ editionId: OTHER, role: 'organizer' }],
  },
};

const published: PolicySubject = { editionId: EDITION, editionStatus: 'published' };
const draft: PolicySubject = { editionId: EDITION, editionStatus: 'draft' };
const live: PolicySubject = { editionId: EDITION, editionStatus: 'live' };
const archived: PolicySubject = { editionId: EDITION, editionStatus: 'archived' };
const self: PolicySubject = { personId: 'p-1' };
const someoneElse: PolicySubject = { personId: 'p-2' };

const PEOPLE_OF_ANY_EDITION = [
  'attendee',
  'speaker',
  'rapporteur',
  'moderator',
  'organizer',
  'organizer of another edition',
];

// Who may: each row names the action, its subject, and every actor allowed; all others are forbidden.
const TABLE: [Action, PolicySubject, string[]][] = [
  ['edition.view', published, Object.keys(ACTORS)],
  ['edition.view', draft, ['attendee', 'speaker', 'rapporteur', 'moderator', 'organizer']],
  ['edition.list-archive', {}, Object.keys(ACTORS)],
  ['edition.create', {}, ['organizer', 'organizer of another edition']],
  ['edition.manage', published, ['organizer']],
  ['fairness.view', published, ['organizer']],
  ['invitees.manage', published, ['organizer']],
  ['roles.manage', published, ['organizer']],
  ['audit.view', published, ['organizer']],
  ['programme.import', {}, ['organizer', 'organizer of another edition']],
  ['registration.respond', published, ['invitee', 'attendee']],
  ['registration.respond', draft, []],
  ['registration.respond', live, ['invitee', 'attendee']],
  ['registration.respond', archived, []],
  [
    'account.view',
    self,
    [
      'signed-in stranger',
      'invitee',
      'attendee',
      'speaker',
      'rapporteur',
      'moderator',
      'organizer',
      'organizer of another edition',
    ],
  ],
  ['account.view', someoneElse, []],
  [
    'account.delete',
    self,
    [
      'signed-in stranger',
      'invitee',
      'attendee',
      'speaker',
      'rapporteur',
      'moderator',
      'organizer',
      'organizer of another edition',
    ],
  ],
  ['account.delete', someoneElse, []],
  ['room.enter', published, ['attendee', 'speaker', 'rapporteur', 'moderator', 'organizer']],
  ['room.take-part', published, ['attendee', 'speaker', 'rapporteur', 'moderator', 'organizer']],
  ['room.moderate', published, ['moderator', 'organizer']],
  // The session's own moderator in the programme moderates its room; the id is p-1.
  [
    'room.moderate',
    { ...published, sessionModeratorIds: ['p-1'] },
    [
      'signed-in stranger',
      'invitee',
      'attendee',
      'speaker',
      'rapporteur',
      'moderator',
      'organizer',
      'organizer of another edition',
    ],
  ],
  ['room.moderate', { ...published, sessionModeratorIds: ['p-2'] }, ['moderator', 'organizer']],
  ['breakouts.manage', published, ['organizer']],
  [
    'breakouts.view-own',
    published,
    ['attendee', 'speaker', 'rapporteur', 'moderator', 'organizer'],
  ],
  ['breakouts.take-notes', { ...published, rapporteurId: 'p-2' }, ['rapporteur', 'organizer']],
  ['writeups.manage', published, ['organizer']],
  ['writeups.read', published, Object.keys(ACTORS)],
  ['writeups.read', draft, ['attendee', 'speaker', 'rapporteur', 'moderator', 'organizer']],
  ['writeups.comment', published, ['attendee', 'speaker', 'rapporteur', 'moderator', 'organizer']],
  ['writeups.comment', archived, ['attendee', 'speaker', 'rapporteur', 'moderator', 'organizer']],
  ['writeups.moderate-comments', published, ['organizer']],
  ['session-notes.write', published, ['rapporteur', 'organizer']],
  [
    'breakouts.take-notes',
    { ...published, rapporteurId: 'p-1' },
    ['attendee', 'speaker', 'rapporteur', 'moderator', 'organizer'],
  ],
  [
    'breakouts.read-notes',
    { ...published, rapporteurId: 'p-2', memberIds: ['p-1', 'p-2'] },
    ['attendee', 'speaker', 'rapporteur', 'moderator', 'organizer'],
  ],
  [
    'breakouts.read-notes',
    { ...published, rapporteurId: 'p-2', memberIds: ['p-2'] },
    ['rapporteur', 'organizer'],
  ],
  ['stats.view', published, Object.keys(ACTORS)],
  ['stats.view', live, Object.keys(ACTORS)],
  ['stats.view', archived, Object.keys(ACTORS)],
  ['stats.view', draft, ['attendee', 'speaker', 'rapporteur', 'moderator', 'organizer']],
  // A theme's tagged questions, messages and notes: the edition's people, whatever its status.
  [
    'themes.read-tagged',
    published,
    ['attendee', 'speaker', 'rapporteur', 'moderator', 'organizer'],
  ],
  ['themes.read-tagged', draft, ['attendee', 'speaker', 'rapporteur', 'moderator', 'organizer']],
  // Shared resources are for the people of any edition; invitees who have not registered and
  // signed-in strangers are not among them.
  ['resources.browse', {}, PEOPLE_OF_ANY_EDITION],
  ['resources.share', {}, PEOPLE_OF_ANY_EDITION],
  ['resources.comment', {}, PEOPLE_OF_ANY_EDITION],
  ['resources.edit-own', self, PEOPLE_OF_ANY_EDITION],
  ['resources.edit-own', someoneElse, []],
  ['resources.moderate', {}, ['organizer', 'organizer of another edition']],
  ['follow-up-groups.manage', published, ['organizer']],
  ['follow-up-groups.manage', archived, ['organizer']],
  // Introductions and suggested peers: the people of any edition, never a stranger or an
  // invitee who has not registered (whom nobody has met).
  ['introductions.use', {}, PEOPLE_OF_ANY_EDITION],
  ['peers.view', {}, PEOPLE_OF_ANY_EDITION],
  // The directory: the people of any edition browse it and choose their own entry; who they
  // met is theirs alone.
  ['directory.browse', {}, PEOPLE_OF_ANY_EDITION],
  ['directory.choose-own', self, PEOPLE_OF_ANY_EDITION],
  ['directory.choose-own', someoneElse, []],
  [
    'people-met.view',
    self,
    [
      'signed-in stranger',
      'invitee',
      'attendee',
      'speaker',
      'rapporteur',
      'moderator',
      'organizer',
      'organizer of another edition',
    ],
  ],
  ['people-met.view', someoneElse, []],
];

describe('the policy, role by action', () => {
  for (const [action, subject, allowed] of TABLE) {
    for (const [name, actor] of Object.entries(ACTORS)) {
      const expected = allowed.includes(name);
      it(`${expected ? 'lets' : 'forbids'} ${name} ${action} on ${JSON.stringify(subject)}`, () => {
        assert.equal(can(actor, action, subject), expected);
      });
    }
  }

  it('forbids managing an edition whose id is not given, whoever asks', () => {
    for (const actor of Object.values(ACTORS))
      assert.equal(can(actor, 'edition.manage', {}), false);
  });
});
