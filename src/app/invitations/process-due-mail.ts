import type { Edition } from '../../domain/convening/edition.ts';
import { composeInvitationEmail } from '../../domain/invitations/invitation-email.ts';
import {
  INTERRUPTED_SEND_REASON,
  planAfterFailedAttempt,
  sendingDeadline,
} from '../../domain/invitations/mail-retry.ts';
import { INVITATION_LINK_DAYS, issueInvitationLink } from '../access/sign-in.ts';
import type { UseCaseDeps } from '../deps.ts';
import type { OutgoingMessage, QueuedMail } from '../ports.ts';
import { processDueSubscriptionMail } from '../writeups/subscription-mail.ts';

/** What one step of the worker did. */
export interface MailStepReport {
  /** Emails this step took from the queue (each by exactly one worker). */
  claimed: number;
  sent: number;
  /** Emails that failed and wait for another try. */
  retrying: number;
  /** Emails given up after their last try, or that can no longer be sent. */
  failed: number;
  /** Emails found still "sending" after their deadline, given up without sending them again. */
  interrupted: number;
}

/** A reason not to send that no later try can change. */
class UnsendableMail extends Error {}

/** Longest reason kept: enough for a mail server's reply, not a whole stack trace. */
const MAX_REASON = 500;

function describeProblem(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).trim();
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text;
}

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

/** Sends one claimed email and records the outcome; never throws for a failed send. */
async function sendClaimed(
  deps: UseCaseDeps,
  mail: QueuedMail,
  lookups: ReturnType<typeof createLookups>,
): Promise<'sent' | 'retrying' | 'failed'> {
  let message: OutgoingMessage | null = null;
  try {
    message = await prepareInvitation(deps, mail, lookups);
    await deps.mailer.send(message);
  } catch (error) {
    const reason =
      error instanceof UnsendableMail || message !== null
        ? describeProblem(error)
        : `Convene could not prepare the email (${describeProblem(error)}).`;
    const plan =
      error instanceof UnsendableMail
        ? ({ status: 'failed' } as const)
        : planAfterFailedAttempt(mail.attempts, deps.clock.now());
    if (plan.status === 'failed') await deps.store.mail.markFailed(mail.id, reason);
    else await deps.store.mail.scheduleRetry(mail.id, plan.nextAttemptAt, reason);
    return plan.status;
  }
  const at = deps.clock.now().toISOString();
  // If this fails (the database is gone), the email stays "sending" and is later shown as
  // interrupted: never sent again without an organizer deciding to.
  await deps.store.transaction(async (store) => {
    await store.mail.markSent(mail.id, at);
    await store.access.updateInviteeProgress(mail.editionId, mail.personId, {
      invitationSentAt: at,
    });
  });
  return 'sent';
}

/**
 * One step of the mail worker: gives up sends interrupted by a crash (never resending them),
 * then takes up to `limit` due emails, each claimed atomically so that workers running at the
 * same time in one or many processes never send the same email, and sends them one by one.
 * A failed send waits longer each time (1, 5, 30, 120 minutes) and is given up after five tries.
 */
export async function processDueMail(
  deps: UseCaseDeps,
  { limit }: { limit: number },
): Promise<MailStepReport> {
  const report: MailStepReport = { claimed: 0, sent: 0, retrying: 0, failed: 0, interrupted: 0 };
  const start = deps.clock.now().toISOString();
  report.interrupted = await deps.store.mail.failInterrupted(start, INTERRUPTED_SEND_REASON);
  const lookups = createLookups(deps);
  for (const id of await deps.store.mail.listDueIds(start, limit)) {
    const now = deps.clock.now();
    const mail = await deps.store.mail.claim(id, now.toISOString(), sendingDeadline(now));
    if (!mail) continue; // Another worker took it.
    report.claimed += 1;
    report[await sendClaimed(deps, mail, lookups)] += 1;
  }
  // Subscriptions to new write-ups share the worker and its rules, from a queue of their own
  // (a subscriber is an email address, not a stored person).
  if (report.claimed < limit) {
    const subscriptions = await processDueSubscriptionMail(deps, {
      limit: limit - report.claimed,
    });
    for (const key of Object.keys(report) as (keyof MailStepReport)[])
      report[key] += subscriptions[key];
  }
  return report;
}
