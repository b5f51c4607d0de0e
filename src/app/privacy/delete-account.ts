import type { Actor } from '../../domain/access/actor.ts';
import type { Edition } from '../../domain/convening/edition.ts';
import {
  editionsOnlyOrganizedBy,
  type EditionMember,
} from '../../domain/people/account-deletion.ts';
import { normaliseEmail } from '../../domain/people/person.ts';
import { NotFoundError, type UseCaseDeps } from '../deps.ts';
import type { Store } from '../ports.ts';

/** How the audit log names someone who deleted their account, in place of their name. */
export const DELETED_ACCOUNT_LABEL = 'A deleted account';
/** What replaces a deleted person's name or email inside the text of other audit entries. */
export const DELETED_ACCOUNT_MENTION = '[deleted account]';

/** Whether an account may be deleted now, and if not, the editions that would lose their only organizer. */
export type AccountDeletionCheck =
  { allowed: true } | { allowed: false; onlyOrganizerOf: Pick<Edition, 'id' | 'slug' | 'name'>[] };

async function checkDeletion(store: Store, personId: string): Promise<AccountDeletionCheck> {
  const organized = (await store.personalData.listGrantedRolesOf(personId))
    .filter((role) => role.role === 'organizer')
    .map((role) => role.editionId);
  const members: EditionMember[] = [];
  for (const editionId of new Set(organized)) {
    for (const member of await store.access.listMembers(editionId))
      members.push({ editionId, ...member });
  }
  const blocking = editionsOnlyOrganizedBy(personId, members);
  if (blocking.length === 0) return { allowed: true };
  const editions = (await store.programme.listEditions()).filter((e) => blocking.includes(e.id));
  return {
    allowed: false,
    onlyOrganizerOf: editions.map(({ id, slug, name }) => ({ id, slug, name })),
  };
}

/** Says whether the signed-in person can delete their account now, before they ask to. */
export async function checkAccountDeletion(
  deps: Pick<UseCaseDeps, 'store'>,
  actor: Extract<Actor, { kind: 'person' }>,
): Promise<AccountDeletionCheck> {
  return checkDeletion(deps.store, actor.personId);
}

/**
 * Deletes the signed-in person's account, all at once or not at all: their registrations,
 * invitations, roles, places as speaker or moderator, what they wrote and did in session rooms, their comments on write-ups, subscriptions to new write-ups (by their email), mail, sign-in links and sessions (which
 * signs them out everywhere), then their own record. The audit log keeps what was done but not
 * who: their name becomes "A deleted account", and mentions of them in other entries are
 * replaced. Refused while they are the only organizer of an edition.
 * See docs/decisions/0005-account-deletion.md.
 */
export async function deleteAccount(
  deps: Pick<UseCaseDeps, 'store'>,
  actor: Extract<Actor, { kind: 'person' }>,
): Promise<AccountDeletionCheck> {
  const personId = actor.personId;
  return deps.store.transaction(async (store) => {
    const [person] = await store.people.findPeopleByIds([personId]);
    if (!person) throw new NotFoundError('Your account');
    // The editions they organize keep their roles as they are until this ends, so that two
    // organizers of one edition deleting their accounts at once cannot leave it with none.
    // Always in the same order, so two such deletions never wait for each other's locks.
    const organized = (await store.personalData.listGrantedRolesOf(personId))
      .filter((role) => role.role === 'organizer')
      .map((role) => role.editionId);
    for (const editionId of [...new Set(organized)].sort()) await store.access.lockRoles(editionId);
    const check = await checkDeletion(store, personId);
    if (!check.allowed) return check;
    const displayNames = (await store.registrations.listRegistrationsOf(personId)).map(
      (registration) => registration.displayName,
    );

    await store.personalData.deleteRegistrationsOf(personId);
    await store.personalData.deleteInvitationsOf(personId);
    await store.personalData.deleteRolesOf(personId);
    await store.personalData.deleteSessionPartsOf(personId);
    await store.personalData.deleteMailOf(personId);
    await store.personalData.deleteSignInTokensOf(personId);
    await store.access.deleteUserSessionsOf(personId);
    // The themes confirmed for their own messages and questions, which go next.
    await store.themeTags.forgetSubjectsOf(personId);
    // Their messages, questions, votes and reactions, and their name in every room's log.
    await store.live.forgetPerson(personId);
    // Their places in breakout rooms, pairs kept apart and absences (ON DELETE CASCADE would
    // too; said here so the list of what goes stays in one place).
    await store.breakouts.forgetPerson(personId);
    // Their comments on write-ups, hidden or not (ON DELETE CASCADE would too).
    await store.writeups.deleteCommentsOf(personId);
    // Requests for introductions they made or received, blocks either way, and their email
    // (ON DELETE CASCADE would too).
    await store.introductions.forgetPerson(personId);
    // Their entry in the directory of attendees and its choices (ON DELETE CASCADE would too).
    await store.directory.deleteProfile(personId);
    // The resources they shared (with everyone's comments on them), their comments on others'
    // resources, and their places in follow-up groups: shared resources carry the sharer's
    // name, so they go with the account (docs/decisions/0011-shared-resources-and-follow-up-groups.md).
    await store.resources.forgetPerson(personId);
    await store.followUpGroups.forgetPerson(personId);
    // Subscriptions to new write-ups hold only an email address: theirs go too.
    await store.subscriptions.deleteByEmail(normaliseEmail(person.email));
    await store.audit.anonymiseActor(personId, DELETED_ACCOUNT_LABEL);
    await store.personalData.redactAuditMentions(
      [`${person.name} (${person.email})`, person.email, person.name, ...displayNames],
      DELETED_ACCOUNT_MENTION,
    );
    // The record itself goes last: with everything that pointed to it gone, nothing is left
    // that could tie what remains (the audit log, the programme) back to the person.
    await store.personalData.deletePerson(personId);
    return check;
  });
}
