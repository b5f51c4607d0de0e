import type { Edition } from '../../domain/convening/edition.ts';
import { composeInvitationEmail } from '../../domain/invitations/invitation-email.ts';
import { INVITATION_LINK_DAYS, issueInvitationLink } from '../access/sign-in.ts';
import type { UseCaseDeps } from '../deps.ts';
import type { OutgoingMessage, QueuedMail } from '../ports.ts';

export type { MailStepReport } from '../mail/mail-queue-step.ts';
import { processDueSubscriptionMail } from '../writeups/subscription-mail.ts';
import { prepareFollowUpIntroduction } from '../follow-up-groups/follow-up-mail.ts';
import {
  addReport,
  processMailQueue,
  UnsendableMail,
  type MailStepReport,
} from '../mail/mail-queue-step.ts';
import { processDueIntroductionMail } from '../introductions/introduction-mail.ts';

/** Remembers editions and contacts for the length of one step. */
function createLookups(deps: UseCaseDeps) {
  const editions = new Map<string, Promise<Edition | null>>();
  const contacts = new Map<string, Promise<{ name: string; email: string } | null>>();
  const edition = (id: string) => {
    if (!editions.has(id)) editions.set(id, deps.store.programme.findEditionById(id));
    return editions.get(id)!;
  };
  // Questions go to the organizer who asked for the invitations, or else to an organizer of
  // the edition; replies then reach a person rather than a no-reply address.
  const contact = (mail: QueuedMail) => {
    const key = `${mail.editionId}/${mail.batchId}`;
    if (!contacts.has(key)) {
      contacts.set(
        key,
        (async () => {
          const batch = await deps.store.mail.findBatch(mail.batchId);
          let personId = batch?.requestedBy ?? null;
          if (personId === null) {
            const organizers = (await deps.store.access.listMembers(mail.editionId)).filter(
              (member) => member.role === 'organizer',
            );
            personId = organizers[0]?.personId ?? null;
          }
          if (personId === null) return null;
          const [person] = await deps.store.people.findPeopleByIds([personId]);
          return person ? { name: person.name, email: person.email } : null;
        })(),
      );
    }
    return contacts.get(key)!;
  };
  return { edition, contact };
}

async function prepareInvitation(
  deps: UseCaseDeps,
  mail: QueuedMail,
  lookups: ReturnType<typeof createLookups>,
): Promise<OutgoingMessage> {
  const edition = await lookups.edition(mail.editionId);
  const [person] = await deps.store.people.findPeopleByIds([mail.personId]);
  const invited = (await deps.store.access.listInvitationsOf(mail.personId)).some(
    (invitation) => invitation.editionId === mail.editionId,
  );
  if (!edition || !person || !invited) {
    throw new UnsendableMail(
      'This person is no longer on the invitation list of the edition, so nothing was sent.',
    );
  }
  const contact = await lookups.contact(mail);
  const now = deps.clock.now();
  const link = await issueInvitationLink(deps, mail.editionId, mail.personId);
  const { subject, text } = composeInvitationEmail({
    invitee: person,
    edition,
    link,
    linkExpiresAt: new Date(now.getTime() + INVITATION_LINK_DAYS * 86_400_000).toISOString(),
    linkDays: INVITATION_LINK_DAYS,
    signInUrl: deps.links.page('/sign-in'),
    contact,
  });
  return {
    to: { name: person.name, email: person.email },
    subject,
    text,
    ...(contact ? { replyTo: contact } : {}),
  };
}

/**
 * One step of the mail worker over every queue: invitations (one per person and edition) and
 * follow-up group introductions (one per person and group's sending), then subscriptions to new write-ups (a subscriber is an email
 * address, not a stored person), then introductions between attendees (many per person, no
 * edition), each with the same rules (../mail/mail-queue-step.ts), up to `limit` emails in all.
 */
export async function processDueMail(
  deps: UseCaseDeps,
  { limit }: { limit: number },
): Promise<MailStepReport> {
  const lookups = createLookups(deps);
  const report = await processMailQueue(deps, deps.store.mail, {
    limit,
    // Introductions to a follow-up group share the queue and its rules with invitations.
    prepare: (mail) =>
      mail.kind === 'follow-up-group'
        ? prepareFollowUpIntroduction(deps, mail)
        : prepareInvitation(deps, mail, lookups),
    recordSent: (mail, at) =>
      deps.store.transaction(async (store) => {
        await store.mail.markSent(mail.id, at);
        if (mail.kind === 'invitation')
          await store.access.updateInviteeProgress(mail.editionId, mail.personId, {
            invitationSentAt: at,
          });
      }),
  });
  if (report.claimed < limit)
    addReport(report, await processDueSubscriptionMail(deps, { limit: limit - report.claimed }));
  if (report.claimed < limit)
    addReport(report, await processDueIntroductionMail(deps, { limit: limit - report.claimed }));
  return report;
}
