import type { Kysely, Selectable } from 'kysely';
import type { MailQueueLifecycle } from '../../app/ports.ts';
import type { MailStatus } from '../../domain/invitations/invitation-progress.ts';
import type { Database } from './schema.ts';

/** The tables that hold a mail queue: each has the same status, attempt and time columns. */
export type MailQueueTableName = 'outgoing_mail' | 'subscription_mail' | 'introduction_mail';

/**
 * The SQL every mail queue shares: which email is due, claiming one for exactly one worker, and
 * recording what came of a send (the worker's side, MailQueueLifecycle). The repositories of
 * the three queues (invitations, write-up subscriptions, introductions) keep what differs: what
 * is queued and how a row reads (`readMail`); the store joins the two (withMailQueue).
 */
export class MailQueueTable<M, Row = never> implements MailQueueLifecycle<M> {
  private readonly table: 'outgoing_mail';

  /**
   * `sentFrom`: the statuses a send may be recorded over; with 'failed', an email given up as
   * interrupted that did go out after all is shown as sent.
   */
  constructor(
    private readonly db: Kysely<Database>,
    name: MailQueueTableName,
    private readonly readMail: (row: Row) => M,
    private readonly sentFrom: MailStatus[] = ['sending'],
  ) {
    // Typed as one of the tables: the columns used here are the same in all of them.
    this.table = name as 'outgoing_mail';
  }

  /** Ids of email ready to go at `now` (queued, or retrying and due), the longest waiting first. */
  async listDueIds(now: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom(this.table)
      .select('id')
      .where('status', 'in', ['queued', 'retrying'])
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((row) => row.id);
  }

  /**
   * Takes one due email for sending, and answers it; null when another worker got it. The
   * WHERE clause is the lock: of two workers updating the same row, the second finds it no
   * longer queued or retrying (PostgreSQL re-checks the condition after waiting for the first;
   * SQLite runs one writer at a time) and updates nothing.
   */
  async claim(id: string, now: string, deadline: string): Promise<M | null> {
    const result = await this.db
      .updateTable(this.table)
      .set((eb) => ({
        status: 'sending',
        attempts: eb('attempts', '+', 1),
        next_attempt_at: deadline,
      }))
      .where('id', '=', id)
      .where('status', 'in', ['queued', 'retrying'])
      .where('next_attempt_at', '<=', now)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return null;
    const row: Selectable<Database['outgoing_mail']> | undefined = await this.db
      .selectFrom(this.table)
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? this.readMail(row as unknown as Row) : null;
  }

  /** Records a sent email: one being sent, or (where `sentFrom` says so) one assumed interrupted. */
  async markSent(id: string, at: string): Promise<void> {
    await this.db
      .updateTable(this.table)
      .set({ status: 'sent', sent_at: at, last_error: null })
      .where('id', '=', id)
      .where('status', 'in', this.sentFrom)
      .execute();
  }

  /** Records a failed try of an email being sent, to be tried again at `nextAttemptAt`. */
  async scheduleRetry(id: string, nextAttemptAt: string, error: string): Promise<void> {
    await this.db
      .updateTable(this.table)
      .set({ status: 'retrying', next_attempt_at: nextAttemptAt, last_error: error })
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .execute();
  }

  /** Gives up an email being sent. */
  async markFailed(id: string, error: string): Promise<void> {
    await this.db
      .updateTable(this.table)
      .set({ status: 'failed', last_error: error })
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .execute();
  }

  /** Gives up every email still being sent after its deadline, without sending it. */
  async failInterrupted(now: string, reason: string): Promise<number> {
    const result = await this.db
      .updateTable(this.table)
      .set({ status: 'failed', last_error: reason })
      .where('status', '=', 'sending')
      .where('next_attempt_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}

/**
 * A queue's repository with the worker's side of its queue: the one place the shared SQL
 * joins each repository, so that none of them repeats it.
 */
export function withMailQueue<R extends object, M, Row>(
  repository: R,
  queue: MailQueueTable<M, Row>,
): R & MailQueueLifecycle<M> {
  const lifecycle: MailQueueLifecycle<M> = {
    listDueIds: (now, limit) => queue.listDueIds(now, limit),
    claim: (id, now, deadline) => queue.claim(id, now, deadline),
    markSent: (id, at) => queue.markSent(id, at),
    scheduleRetry: (id, nextAttemptAt, error) => queue.scheduleRetry(id, nextAttemptAt, error),
    markFailed: (id, error) => queue.markFailed(id, error),
    failInterrupted: (now, reason) => queue.failInterrupted(now, reason),
  };
  return Object.assign(repository, lifecycle);
}
