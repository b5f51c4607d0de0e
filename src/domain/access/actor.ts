import type { EditionRole } from './roles.ts';

/** A role held in one edition. */
export interface Membership {
  editionId: string;
  role: EditionRole;
}

/** Who is asking: someone signed out, or a signed-in person with their roles in each edition. */
export type Actor =
  | { kind: 'visitor' }
  | {
      kind: 'person';
      personId: string;
      name: string;
      email: string;
      memberships: Membership[];
      /** Editions the person is invited to, whatever they answered. */
      invitedEditionIds: string[];
    };

/** The signed-out visitor. */
export const VISITOR: Actor = { kind: 'visitor' };

/** Whether the actor holds `role` in the edition. */
export function hasRole(actor: Actor, editionId: string | undefined, role: EditionRole): boolean {
  return (
    actor.kind === 'person' &&
    editionId !== undefined &&
    actor.memberships.some((m) => m.editionId === editionId && m.role === role)
  );
}

/** Whether the actor holds any role in the edition. */
export function isMember(actor: Actor, editionId: string | undefined): boolean {
  return (
    actor.kind === 'person' &&
    editionId !== undefined &&
    actor.memberships.some((m) => m.editionId === editionId)
  );
}

/** Whether the actor organizes at least one edition: such a person may start a new one. */
export function isOrganizerAnywhere(actor: Actor): boolean {
  return actor.kind === 'person' && actor.memberships.some((m) => m.role === 'organizer');
}
