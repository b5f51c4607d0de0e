import type { Actor, Membership } from '../../domain/access/actor.ts';
import type { Store } from '../ports.ts';

/**
 * Builds the actor for a signed-in person: the roles organizers granted, "speaker" where they
 * lead a session, "attendee" where they registered. Null when the person no longer exists.
 */
export async function loadActor(store: Store, personId: string): Promise<Actor | null> {
  const [person] = await store.people.findPeopleByIds([personId]);
  if (!person) return null;
  const [granted, contributed, invitations] = await Promise.all([
    store.access.listMemberships(personId),
    store.access.listContributedEditionIds(personId),
    store.access.listInvitationsOf(personId),
  ]);
  const memberships: Membership[] = [
    ...granted,
    ...contributed.map((editionId) => ({ editionId, role: 'speaker' as const })),
    ...invitations
      .filter((i) => i.status === 'registered')
      .map((i) => ({ editionId: i.editionId, role: 'attendee' as const })),
  ];
  return {
    kind: 'person',
    personId,
    name: person.name,
    email: person.email,
    memberships,
    invitedEditionIds: invitations.map((invitation) => invitation.editionId),
  };
}
