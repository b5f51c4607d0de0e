import { composeFollowUpIntroduction } from '../../domain/follow-up-groups/introduction-email.ts';
import type { UseCaseDeps } from '../deps.ts';
import type { OutgoingMessage, QueuedMail } from '../ports.ts';
// A follow-up introduction that no later try can send (the person left the group or the
// edition) is given up as any unsendable email is.
import { UnsendableMail } from '../mail/mail-queue-step.ts';

const ONE_HOUR = 3_600_000;

/**
 * Prepares one member's introduction to their follow-up group at the moment it is sent, from
 * what is stored then: the other members still registered for the edition, with the name,
 * government and email address of each, and the group's suggested call in the reader's own
 * time zone and in UTC. Replies go to the organizer who sent the introductions.
 */
export async function prepareFollowUpIntroduction(
  deps: Pick<UseCaseDeps, 'store'>,
  mail: QueuedMail,
): Promise<OutgoingMessage> {
  const { store } = deps;
  const found = await store.followUpGroups.findGroupOfMember(mail.batchId, mail.personId);
  const edition = await store.programme.findEditionById(mail.editionId);
  const registration = await store.registrations.findRegistration(mail.editionId, mail.personId);
  const [person] = await store.people.findPeopleByIds([mail.personId]);
  if (!found || !edition || !registration || !person)
    throw new UnsendableMail(
      'This person is no longer registered for the edition or in a follow-up group, so nothing was sent.',
    );
  const group = found.grouping.groups.find((g) => g.id === found.groupId);
  const theme = (await store.programme.listThemes(edition.id)).find(
    (t) => t.id === found.grouping.themeId,
  );
  if (!group || !theme)
    throw new UnsendableMail('The follow-up group or its theme was removed, so nothing was sent.');
  const otherIds = group.memberIds.filter((id) => id !== mail.personId);
  const governments = new Map((await store.people.listGovernments()).map((g) => [g.id, g]));
  const others = [];
  for (const other of await store.people.findPeopleByIds(otherIds)) {
    // Only people still registered are introduced: someone who withdrew is not shared.
    const theirs = await store.registrations.findRegistration(edition.id, other.id);
    if (!theirs) continue;
    const government = other.governmentId ? governments.get(other.governmentId) : undefined;
    others.push({
      name: theirs.displayName || other.name,
      government: government
        ? government.teamName
          ? `${government.country}, ${government.teamName}`
          : government.country
        : null,
      email: other.email,
    });
  }
  if (others.length === 0)
    throw new UnsendableMail(
      'Nobody else in this follow-up group is still registered, so there is nobody to introduce.',
    );
  others.sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const batch = await store.mail.findBatch(mail.batchId);
  const [organizer] = batch?.requestedBy
    ? await store.people.findPeopleByIds([batch.requestedBy])
    : [];
  const { subject, text } = composeFollowUpIntroduction({
    recipient: { name: registration.displayName || person.name, timeZone: registration.timeZone },
    editionName: edition.name,
    themeName: theme.name,
    organizer: organizer ? { name: organizer.name, email: organizer.email } : null,
    others,
    slot: {
      startsAt: group.suggestedStart,
      endsAt: new Date(Date.parse(group.suggestedStart) + ONE_HOUR).toISOString(),
    },
  });
  return {
    to: { name: person.name, email: person.email },
    subject,
    text,
    ...(organizer ? { replyTo: { name: organizer.name, email: organizer.email } } : {}),
  };
}
