import {
  INTERRUPTED_SEND_REASON,
  planAfterFailedAttempt,
  sendingDeadline,
} from '../../domain/invitations/mail-retry.ts';
import type { UseCaseDeps } from '../deps.ts';
import type { MailQueueLifecycle, OutgoingMessage } from '../ports.ts';

/** What one step of the worker did, for one queue or all of them added up. */
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

/** A reason not to send that no later try can change: the email is given up at once. */
export class UnsendableMail extends Error {}

/** Longest reason kept: enough for a mail server's reply, not a whole stack trace. */
const MAX_REASON = 500;

function describeProblem(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).trim();
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text;
}

/** How one queue's email is written and, when it went, recorded. */
export interface MailQueueStepOptions<M> {
  limit: number;
  /** Writes the email from what is stored when it goes; throws UnsendableMail to give it up. */
  prepare(mail: M): Promise<OutgoingMessage>;
  /** Records a sent email; the queue's markSent unless the queue records more with it. */
  recordSent?(mail: M, at: string): Promise<void>;
}

/**
 * One step over one mail queue, with the rules every queue shares: gives up sends interrupted
 * by a crash (never resending them), then takes up to `limit` due emails, each claimed
 * atomically so that workers running at the same time in one or many processes never send the
 * same email, and sends them one by one. A failed send waits longer each time (1, 5, 30, 120
 * minutes) and is given up after five tries.
 */
export async function processMailQueue<M extends { id: string; attempts: number }>(
  deps: Pick<UseCaseDeps, 'clock' | 'mailer'>,
  queue: MailQueueLifecycle<M>,
  options: MailQueueStepOptions<M>,
): Promise<MailStepReport> {
  const report: MailStepReport = { claimed: 0, sent: 0, retrying: 0, failed: 0, interrupted: 0 };
  const start = deps.clock.now().toISOString();
  report.interrupted = await queue.failInterrupted(start, INTERRUPTED_SEND_REASON);
  for (const id of await queue.listDueIds(start, options.limit)) {
    const now = deps.clock.now();
    const mail = await queue.claim(id, now.toISOString(), sendingDeadline(now));
    if (!mail) continue; // Another worker took it.
    report.claimed += 1;
    report[await sendClaimed(deps, queue, options, mail)] += 1;
  }
  return report;
}

/** Sends one claimed email and records the outcome; never throws for a failed send. */
async function sendClaimed<M extends { id: string; attempts: number }>(
  deps: Pick<UseCaseDeps, 'clock' | 'mailer'>,
  queue: MailQueueLifecycle<M>,
  options: MailQueueStepOptions<M>,
  mail: M,
): Promise<'sent' | 'retrying' | 'failed'> {
  let message: OutgoingMessage | null = null;
  try {
    message = await options.prepare(mail);
    await deps.mailer.send(message);
  } catch (error) {
    const unsendable = error instanceof UnsendableMail;
    const reason =
      unsendable || message !== null
        ? describeProblem(error)
        : `Convene could not prepare the email (${describeProblem(error)}).`;
    const plan = unsendable
      ? ({ status: 'failed' } as const)
      : planAfterFailedAttempt(mail.attempts, deps.clock.now());
    if (plan.status === 'failed') await queue.markFailed(mail.id, reason);
    else await queue.scheduleRetry(mail.id, plan.nextAttemptAt, reason);
    return plan.status;
  }
  const at = deps.clock.now().toISOString();
  // If this fails (the database is gone), the email stays "sending" and is later shown as
  // interrupted: never sent again without someone deciding to.
  if (options.recordSent) await options.recordSent(mail, at);
  else await queue.markSent(mail.id, at);
  return 'sent';
}

/** Adds one queue's step to the report of the whole worker step. */
export function addReport(total: MailStepReport, part: MailStepReport): void {
  for (const key of Object.keys(total) as (keyof MailStepReport)[]) total[key] += part[key];
}
