import type { EditionRole, GrantedRole } from './roles.ts';

/** A role someone holds in an edition. */
export interface MemberRole {
  personId: string;
  role: EditionRole;
}

/** Whether a granted role may be taken away, and if not, why. */
export type RevocationCheck =
  { allowed: true } | { allowed: false; reason: 'not-held' | 'last-organizer' };

/**
 * Checks taking `role` away from a person: they must hold it, and an edition is never left
 * without an organizer, since no one else could then grant the role again.
 */
export function checkRoleRevocation(
  members: readonly MemberRole[],
  personId: string,
  role: GrantedRole,
): RevocationCheck {
  if (!members.some((member) => member.personId === personId && member.role === role))
    return { allowed: false, reason: 'not-held' };
  const organizers = members.filter((member) => member.role === 'organizer');
  if (role === 'organizer' && organizers.length === 1)
    return { allowed: false, reason: 'last-organizer' };
  return { allowed: true };
}
