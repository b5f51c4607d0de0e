import type { Actor } from '../../domain/access/actor.ts';
import { checkRoleRevocation } from '../../domain/access/edition-team.ts';
import { EDITION_ROLE_LABELS, GRANTED_ROLES, type GrantedRole } from '../../domain/access/roles.ts';
import type { Edition } from '../../domain/convening/edition.ts';
import type { RawInput } from '../../domain/convening/programme-input.ts';
import { isEmailAddress } from '../../domain/people/people-input.ts';
import { normaliseEmail, type Person } from '../../domain/people/person.ts';
import { accepted, rejected, type Checked, type FieldError } from '../../domain/shared/result.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { NotFoundError, type UseCaseDeps } from '../deps.ts';
import type { Store } from '../ports.ts';

/** Someone who holds a granted role in an edition. */
export interface TeamMember {
  person: Person;
  role: GrantedRole;
}

/** The people who run an edition: organizers, then moderators, then rapporteurs, each by name. */
export interface EditionTeam {
  edition: Edition;
  members: TeamMember[];
}

/** What taking a role away did, or why it was refused. */
export type RevocationOutcome = { ok: true; member: TeamMember } | { ok: false; reason: string };

async function requireEdition(store: Store, slug: string): Promise<Edition> {
  const edition = await store.programme.findEditionBySlug(slug);
  if (!edition) throw new NotFoundError(`The edition "${slug}"`);
  return edition;
}

function isGrantedRole(value: string): value is GrantedRole {
  return (GRANTED_ROLES as readonly string[]).includes(value);
}

function roleName(role: GrantedRole): string {
  return EDITION_ROLE_LABELS[role].toLowerCase();
}

/** The organizers, moderators and rapporteurs of an edition. */
export async function listEditionTeam(deps: UseCaseDeps, slug: string): Promise<EditionTeam> {
  const edition = await requireEdition(deps.store, slug);
  const grants = (await deps.store.access.listMembers(edition.id)).filter(
    (member): member is { personId: string; role: GrantedRole } => isGrantedRole(member.role),
  );
  const people = new Map(
    (
      await deps.store.people.findPeopleByIds([...new Set(grants.map((grant) => grant.personId))])
    ).map((person) => [person.id, person]),
  );
  const members = grants
    .flatMap((grant) => {
      const person = people.get(grant.personId);
      return person ? [{ person, role: grant.role }] : [];
    })
    .sort(
      (a, b) =>
        GRANTED_ROLES.indexOf(a.role) - GRANTED_ROLES.indexOf(b.role) ||
        a.person.name.localeCompare(b.person.name, 'en') ||
        a.person.email.localeCompare(b.person.email),
    );
  return { edition, members };
}

/**
 * Gives a person known to Convene (by their email) a role in the edition: organizer,
 * moderator or rapporteur. Someone not known yet is imported as an invitee first, so that a
 * typing mistake never creates a stranger with organizer rights.
 */
export async function grantEditionRole(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  raw: RawInput,
): Promise<Checked<TeamMember>> {
  const errors: FieldError[] = [];
  const email = normaliseEmail(String(raw.email ?? ''));
  if (!email) errors.push({ field: 'email', message: 'Enter the email address of the person.' });
  else if (!isEmailAddress(email))
    errors.push({
      field: 'email',
      message: `${email} is not an email address. Enter it like name@example.org.`,
    });
  const role = String(raw.role ?? '');
  if (!isGrantedRole(role))
    errors.push({ field: 'role', message: 'Choose a role: organizer, moderator or rapporteur.' });
  if (errors.length > 0 || !isGrantedRole(role)) return rejected(errors);

  return deps.store.transaction(async (store) => {
    const edition = await requireEdition(store, slug);
    await store.access.lockRoles(edition.id);
    const [person] = await store.people.findPeopleByEmails([email]);
    if (!person) {
      return rejected([
        {
          field: 'email',
          message: `No one with the email ${email} is known to Convene. Import them as an invitee first, then give them the role.`,
        },
      ]);
    }
    const members = await store.access.listMembers(edition.id);
    if (members.some((member) => member.personId === person.id && member.role === role)) {
      return rejected([
        {
          field: 'email',
          message: `${person.name} is already a ${roleName(role)} of ${edition.name}.`,
        },
      ]);
    }
    await store.access.grantRole(edition.id, person.id, role, deps.clock.now().toISOString());
    await recordAudit(
      deps,
      store,
      actor,
      edition.id,
      'role.granted',
      `Made ${person.name} (${person.email}) a ${roleName(role)} of ${edition.name}.`,
    );
    return accepted({ person, role });
  });
}

/** Takes a role away from a person, unless that would leave the edition without an organizer. */
export async function revokeEditionRole(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  personId: string,
  role: string,
): Promise<RevocationOutcome> {
  return deps.store.transaction(async (store) => {
    const edition = await requireEdition(store, slug);
    // Two organizers removing each other at the same moment: the second waits, then finds
    // the first's change and is refused, so the edition always keeps an organizer.
    await store.access.lockRoles(edition.id);
    const [person] = await store.people.findPeopleByIds([personId]);
    if (!person || !isGrantedRole(role)) throw new NotFoundError('The role');
    const check = checkRoleRevocation(await store.access.listMembers(edition.id), personId, role);
    if (!check.allowed) {
      const isSelf = actor.kind === 'person' && actor.personId === personId;
      return {
        ok: false,
        reason:
          check.reason === 'not-held'
            ? `${person.name} is not a ${roleName(role)} of ${edition.name} any more. Someone may have changed it already.`
            : `${isSelf ? 'You are' : `${person.name} is`} the only organizer of ${edition.name}. Make someone else an organizer first, so that the edition always has one.`,
      };
    }
    await store.access.revokeRole(edition.id, personId, role);
    await recordAudit(
      deps,
      store,
      actor,
      edition.id,
      'role.revoked',
      `Removed the ${roleName(role)} role from ${person.name} (${person.email}) in ${edition.name}.`,
    );
    return { ok: true, member: { person, role } };
  });
}
