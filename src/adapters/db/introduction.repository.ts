import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  IntroductionBlock,
  IntroductionStore,
  QueuedIntroductionMail,
  MailQueueLifecycle,
} from '../../app/ports.ts';
import type { MailStatus } from '../../domain/invitations/invitation-progress.ts';
import type { Introduction, IntroductionStatus } from '../../domain/introductions/introduction.ts';
import type { Database, IntroductionMailTable, IntroductionsTable } from './schema.ts';

function toIntroduction(row: Selectable<IntroductionsTable>): Introduction {
  return {
    id: row.id,
    askerId: row.asker_id,
    recipientId: row.recipient_id,
    message: row.message,
    status: row.status as IntroductionStatus,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
  };
}

export function toIntroductionMail(row: Selectable<IntroductionMailTable>): QueuedIntroductionMail {
  return {
    id: row.id,
    introductionId: row.introduction_id,
    personId: row.person_id,
    kind: row.kind === 'accepted' ? 'accepted' : 'requested',
    status: row.status as MailStatus,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    sentAt: row.sent_at,
    createdAt: row.created_at,
  };
}

function mailRow(mail: QueuedIntroductionMail) {
  return {
    id: mail.id,
    introduction_id: mail.introductionId,
    person_id: mail.personId,
    kind: mail.kind,
    status: mail.status,
    attempts: mail.attempts,
    next_attempt_at: mail.nextAttemptAt,
    last_error: mail.lastError,
    sent_at: mail.sentAt,
    created_at: mail.createdAt,
  };
}

/** The two people of a pair in id order, as the unique index of pending requests holds them. */
function ordered(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

/** All SQL about introductions, blocks and introduction email. */
export class IntroductionRepository implements Omit<
  IntroductionStore,
  keyof MailQueueLifecycle<QueuedIntroductionMail>
> {
  constructor(private readonly db: Kysely<Database>) {}

  async lockAsker(personId: string): Promise<void> {
    // A write that changes nothing: PostgreSQL locks the row until commit; SQLite takes the
    // database's write lock, which serialises writers anyway.
    await this.db
      .updateTable('people')
      .set({ name: sql`name` })
      .where('id', '=', personId)
      .execute();
  }

  async insertIntroduction(
    introduction: Introduction,
    mail: QueuedIntroductionMail,
  ): Promise<boolean> {
    const [low, high] = ordered(introduction.askerId, introduction.recipientId);
    // The partial unique index of pending pairs decides; no conflict target, as SQLite matches a
    // partial index's target only with literal values.
    const result = await this.db
      .insertInto('introductions')
      .values({
        id: introduction.id,
        asker_id: introduction.askerId,
        recipient_id: introduction.recipientId,
        person_low: low,
        person_high: high,
        message: introduction.message,
        status: introduction.status,
        created_at: introduction.createdAt,
        decided_at: introduction.decidedAt,
      })
      .onConflict((conflict) => conflict.doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
    await this.db.insertInto('introduction_mail').values(mailRow(mail)).execute();
    return true;
  }

  async findIntroduction(id: string): Promise<Introduction | null> {
    const row = await this.db
      .selectFrom('introductions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toIntroduction(row) : null;
  }

  async listBetween(a: string, b: string): Promise<Introduction[]> {
    const [low, high] = ordered(a, b);
    const rows = await this.db
      .selectFrom('introductions')
      .selectAll()
      .where('person_low', '=', low)
      .where('person_high', '=', high)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toIntroduction);
  }

  async listAskedSince(askerId: string, since: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('introductions')
      .select('created_at')
      .where('asker_id', '=', askerId)
      .where('created_at', '>', since)
      .execute();
    return rows.map((row) => row.created_at);
  }

  async countPendingBy(askerId: string): Promise<number> {
    const row = await this.db
      .selectFrom('introductions')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('asker_id', '=', askerId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(row?.count ?? 0);
  }

  async listInvolving(personId: string): Promise<Introduction[]> {
    const rows = await this.db
      .selectFrom('introductions')
      .selectAll()
      .where((eb) => eb.or([eb('asker_id', '=', personId), eb('recipient_id', '=', personId)]))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toIntroduction);
  }

  async decide(
    id: string,
    status: Exclude<IntroductionStatus, 'pending'>,
    at: string,
  ): Promise<boolean> {
    // Compare-and-set: only a request still pending changes, so one of two answers applies.
    const result = await this.db
      .updateTable('introductions')
      .set({ status, decided_at: at })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async declinePendingFrom(askerId: string, recipientId: string, at: string): Promise<number> {
    const result = await this.db
      .updateTable('introductions')
      .set({ status: 'declined', decided_at: at })
      .where('asker_id', '=', askerId)
      .where('recipient_id', '=', recipientId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async withdrawPendingFrom(askerId: string, recipientId: string): Promise<number> {
    // Its email goes with it (on delete cascade).
    const result = await this.db
      .deleteFrom('introductions')
      .where('asker_id', '=', askerId)
      .where('recipient_id', '=', recipientId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async block(block: IntroductionBlock): Promise<void> {
    await this.db
      .insertInto('introduction_blocks')
      .values({
        blocker_id: block.blockerId,
        blocked_id: block.blockedId,
        created_at: block.createdAt,
      })
      .onConflict((conflict) => conflict.columns(['blocker_id', 'blocked_id']).doNothing())
      .execute();
  }

  async unblock(blockerId: string, blockedId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('introduction_blocks')
      .where('blocker_id', '=', blockerId)
      .where('blocked_id', '=', blockedId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async isBlockedEitherWay(a: string, b: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('introduction_blocks')
      .select('blocker_id')
      .where((eb) =>
        eb.or([
          eb.and([eb('blocker_id', '=', a), eb('blocked_id', '=', b)]),
          eb.and([eb('blocker_id', '=', b), eb('blocked_id', '=', a)]),
        ]),
      )
      .executeTakeFirst();
    return row !== undefined;
  }

  async listBlockedBy(personId: string): Promise<IntroductionBlock[]> {
    const rows = await this.db
      .selectFrom('introduction_blocks')
      .selectAll()
      .where('blocker_id', '=', personId)
      .orderBy('created_at', 'desc')
      .orderBy('blocked_id')
      .execute();
    return rows.map((row) => ({
      blockerId: row.blocker_id,
      blockedId: row.blocked_id,
      createdAt: row.created_at,
    }));
  }

  async listBlockedEitherWay(personId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('introduction_blocks')
      .select(['blocker_id', 'blocked_id'])
      .where((eb) => eb.or([eb('blocker_id', '=', personId), eb('blocked_id', '=', personId)]))
      .execute();
    return [
      ...new Set(
        rows.map((row) => (row.blocker_id === personId ? row.blocked_id : row.blocker_id)),
      ),
    ];
  }

  async enqueueMail(mail: QueuedIntroductionMail[]): Promise<void> {
    if (mail.length === 0) return;
    await this.db
      .insertInto('introduction_mail')
      .values(mail.map(mailRow))
      .onConflict((conflict) =>
        conflict.columns(['introduction_id', 'person_id', 'kind']).doNothing(),
      )
      .execute();
  }

  async listMail(introductionId: string): Promise<QueuedIntroductionMail[]> {
    const rows = await this.db
      .selectFrom('introduction_mail')
      .selectAll()
      .where('introduction_id', '=', introductionId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toIntroductionMail);
  }

  async forgetPerson(personId: string): Promise<void> {
    // Email about requests involving them goes with the requests (ON DELETE CASCADE would too;
    // said here so that account deletion does not depend on the order of deletes).
    const involving = this.db
      .selectFrom('introductions')
      .select('id')
      .where((eb) => eb.or([eb('asker_id', '=', personId), eb('recipient_id', '=', personId)]));
    await this.db
      .deleteFrom('introduction_mail')
      .where((eb) =>
        eb.or([eb('person_id', '=', personId), eb('introduction_id', 'in', involving)]),
      )
      .execute();
    await this.db
      .deleteFrom('introductions')
      .where((eb) => eb.or([eb('asker_id', '=', personId), eb('recipient_id', '=', personId)]))
      .execute();
    await this.db
      .deleteFrom('introduction_blocks')
      .where((eb) => eb.or([eb('blocker_id', '=', personId), eb('blocked_id', '=', personId)]))
      .execute();
  }
}
