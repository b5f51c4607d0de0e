import {
  composeIntroductionAcceptedEmail,
  composeIntroductionRequestEmail,
} from '../../domain/introductions/introduction-email.ts';
import type { UseCaseDeps } from '../deps.ts';
import type { OutgoingMessage, QueuedIntroductionMail } from '../ports.ts';
import { teamLabel } from './introductions.ts';
import { processMailQueue, UnsendableMail, type MailStepReport } from '../mail/mail-queue-step.ts';

/**
 * Writes one introduction email from what is stored when it goes: the request only while it is
 * still waiting for an answer (and never with the asker's address); an acceptance only for an
 * accepted request, with the other person's address.
 */
async function prepare(deps: UseCaseDeps, mail: QueuedIntroductionMail): Promise<OutgoingMessage> {
  const introduction = await deps.store.introductions.findIntroduction(mail.introductionId);
  if (!introduction) throw new UnsendableMail('The request no longer exists, so nothing was sent.');
  const people = await deps.store.people.findPeopleByIds([
    introduction.askerId,
    introduction.recipientId,
  ]);
  const asker = people.find((p) => p.id === introduction.askerId);
  const recipient = people.find((p) => p.id === introduction.recipientId);
  if (!asker || !recipient)
    throw new UnsendableMail(
      'One of the two people no longer has an account, so nothing was sent.',
    );
  const governments = new Map((await deps.store.people.listGovernments()).map((g) => [g.id, g]));
  const team = (governmentId: string | null) =>
    teamLabel(governmentId ? governments.get(governmentId) : null);
  if (mail.kind === 'requested') {
    if (introduction.status !== 'pending')
      throw new UnsendableMail(
        'The request was answered before this email went, so nothing was sent.',
      );
    return {
      to: { name: recipient.name, email: recipient.email },
      ...composeIntroductionRequestEmail({
        recipientName: recipient.name,
        asker: { name: asker.name, team: team(asker.governmentId) },
        message: introduction.message,
        introductionsUrl: deps.links.page('/introductions'),
      }),
    };
  }
  if (introduction.status !== 'accepted')
    throw new UnsendableMail('The request is not accepted, so nothing was sent.');
  const toIsAsker = mail.personId === asker.id;
  const to = toIsAsker ? asker : recipient;
  const other = toIsAsker ? recipient : asker;
  return {
    to: { name: to.name, email: to.email },
    ...composeIntroductionAcceptedEmail({
      toName: to.name,
      other: { name: other.name, team: team(other.governmentId), email: other.email },
      toIsAsker,
      message: introduction.message,
    }),
  };
}

/**
 * Sends due introduction email with the same rules as invitations (one worker step over the
 * introductions' own queue: many per person, and no edition).
 */
export function processDueIntroductionMail(
  deps: UseCaseDeps,
  { limit }: { limit: number },
): Promise<MailStepReport> {
  return processMailQueue(deps, deps.store.introductions, {
    limit,
    prepare: (mail) => prepare(deps, mail),
  });
}
