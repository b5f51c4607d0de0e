import type { EditionRole } from '../access/roles.ts';

/** A role someone holds in an edition, as the rule below needs to see it. */
export interface EditionMember {
  editionId: string;
  personId: string;
  role: EditionRole;
}

/**
 * The editions a person is the only organizer of. Their account cannot be deleted while there
 * are any: an edition nobody organizes could no longer be changed, archived or deleted, and its
 * invitees' data would be left without anyone responsible for it.
 */
export function editionsOnlyOrganizedBy(personId: string, members: EditionMember[]): string[] {
  const organizers = new Map<string, Set<string>>();
  for (const member of members) {
    if (member.role !== 'organizer') continue;
    const people = organizers.get(member.editionId) ?? new Set<string>();
    people.add(member.personId);
    organizers.set(member.editionId, people);
  }
  return [...organizers]
    .filter(([, people]) => people.size === 1 && people.has(personId))
    .map(([editionId]) => editionId);
}
