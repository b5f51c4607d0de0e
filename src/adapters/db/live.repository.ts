import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  LiveStore,
  MessagePromotion,
  PersonalRoomData,
  PresenceRecord,
  SessionAttendance,
  StoredMessage,
  StoredQuestion,
  StoredRoom,
} from '../../app/ports.ts';
import type { QuestionStatus } from '../../domain/live/questions.ts';
import { REACTIONS, type ReactionCounts, type ReactionKind } from '../../domain/live/reactions.ts';
import {
  audienceOf,
  forgetPersonInEvent,
  type RoomAudience,
  type RoomEvent,
  type RoomEventPayload,
} from '../../domain/live/room-events.ts';
import type { Database, RoomEventsTable, RoomMessagesTable } from './schema.ts';

function toEvent(row: Selectable<RoomEventsTable>): RoomEvent {
  return {
    sessionId: row.session_id,
    seq: Number(row.seq),
    at: row.at,
    actorId: row.actor_id,
    audience: row.audience as RoomAudience,
    payload: JSON.parse(row.payload) as RoomEventPayload,
  };
}

function toMessage(row: Selectable<RoomMessagesTable>): StoredMessage {
  return {
    id: row.id,
    sessionId: row.session_id,
    authorId: row.author_id,
    seq: Number(row.seq),
    text: row.text,
    replyToId: row.reply_to_id,
    postedAt: row.posted_at,
    hiddenAt: row.hidden_at,
  };
}

/** All SQL about session rooms. */
export class LiveRepository implements LiveStore {
  constructor(private readonly db: Kysely<Database>) {}

  async findRoom(sessionId: string): Promise<StoredRoom> {
    const row = await this.db
      .selectFrom('live_rooms')
      .selectAll()
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    return {
      sessionId,
      lastSeq: Number(row?.last_seq ?? 0),
      queueEnabled: Number(row?.queue_enabled ?? 0) === 1,
      askingLocked: Number(row?.asking_locked ?? 0) === 1,
      pinnedQuestionId: row?.pinned_question_id ?? null,
      endedAt: row?.ended_at ?? null,
      openedAt: row?.opened_at ?? null,
    };
  }

  private async ensureRoom(db: Kysely<Database>, sessionId: string): Promise<void> {
    await db
      .insertInto('live_rooms')
      .values({ session_id: sessionId })
      .onConflict((oc) => oc.column('session_id').doNothing())
      .execute();
  }

  async lockRoom(sessionId: string): Promise<void> {
    const lock = () =>
      this.db
        .updateTable('live_rooms')
        .set({ last_seq: sql`last_seq` })
        .where('session_id', '=', sessionId)
        .executeTakeFirst();
    // One round trip for a room that has its row already, the usual case.
    if (Number((await lock()).numUpdatedRows) > 0) return;
    await this.ensureRoom(this.db, sessionId);
    await lock();
  }

  async updateRoom(
    sessionId: string,
    changes: Partial<
      Pick<
        StoredRoom,
        'queueEnabled' | 'askingLocked' | 'pinnedQuestionId' | 'endedAt' | 'openedAt'
      >
    >,
  ): Promise<void> {
    await this.ensureRoom(this.db, sessionId);
    await this.db
      .updateTable('live_rooms')
      .set({
        ...(changes.queueEnabled !== undefined
          ? { queue_enabled: changes.queueEnabled ? 1 : 0 }
          : {}),
        ...(changes.askingLocked !== undefined
          ? { asking_locked: changes.askingLocked ? 1 : 0 }
          : {}),
        ...(changes.pinnedQuestionId !== undefined
          ? { pinned_question_id: changes.pinnedQuestionId }
          : {}),
        ...(changes.endedAt !== undefined ? { ended_at: changes.endedAt } : {}),
        ...(changes.openedAt !== undefined ? { opened_at: changes.openedAt } : {}),
      })
      .where('session_id', '=', sessionId)
      .execute();
  }

  async appendEvent(
    sessionId: string,
    event: { at: string; actorId: string | null; payload: RoomEventPayload },
  ): Promise<RoomEvent> {
    const append = async (db: Kysely<Database>): Promise<RoomEvent> => {
      // Raising the number locks the room's row until commit: a second writer waits here, so
      // no reader ever sees event n+1 before event n.
      const next = () =>
        db
          .updateTable('live_rooms')
          .set({ last_seq: sql`last_seq + 1` })
          .where('session_id', '=', sessionId)
          .returning('last_seq')
          .executeTakeFirst();
      let raised = await next();
      if (!raised) {
        await this.ensureRoom(db, sessionId);
        raised = await next();
      }
      if (!raised) throw new Error(`The room of session ${sessionId} could not be created.`);
      const { last_seq } = raised;
      const stored: RoomEvent = {
        sessionId,
        seq: Number(last_seq),
        at: event.at,
        actorId: event.actorId,
        audience: audienceOf(event.payload),
        payload: event.payload,
      };
      await db
        .insertInto('room_events')
        .values({
          session_id: sessionId,
          seq: stored.seq,
          at: stored.at,
          type: stored.payload.type,
          audience: stored.audience,
          actor_id: stored.actorId,
          payload: JSON.stringify(stored.payload),
        })
        .execute();
      return stored;
    };
    return this.db.isTransaction ? append(this.db) : this.db.transaction().execute(append);
  }

  async readEvents(sessionId: string, afterSeq: number, limit: number): Promise<RoomEvent[]> {
    const rows = await this.db
      .selectFrom('room_events')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map(toEvent);
  }

  async lastSeqs(sessionIds: string[]): Promise<Map<string, number>> {
    const result = new Map(sessionIds.map((id) => [id, 0]));
    if (sessionIds.length === 0) return result;
    const rows = await this.db
      .selectFrom('live_rooms')
      .select(['session_id', 'last_seq'])
      .where('session_id', 'in', sessionIds)
      .execute();
    for (const row of rows) result.set(row.session_id, Number(row.last_seq));
    return result;
  }

  async insertMessage(message: StoredMessage): Promise<void> {
    await this.db
      .insertInto('room_messages')
      .values({
        id: message.id,
        session_id: message.sessionId,
        author_id: message.authorId,
        seq: message.seq,
        text: message.text,
        reply_to_id: message.replyToId,
        posted_at: message.postedAt,
        hidden_at: message.hiddenAt,
        hidden_by: null,
      })
      .execute();
  }

  async findMessage(id: string): Promise<StoredMessage | null> {
    const row = await this.db
      .selectFrom('room_messages')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toMessage(row) : null;
  }

  async setMessageHidden(
    id: string,
    hiddenAt: string | null,
    hiddenBy: string | null,
  ): Promise<void> {
    await this.db
      .updateTable('room_messages')
      .set({ hidden_at: hiddenAt, hidden_by: hiddenBy })
      .where('id', '=', id)
      .execute();
  }

  async listHiddenMessages(sessionId: string): Promise<{ id: string; authorId: string }[]> {
    const rows = await this.db
      .selectFrom('room_messages')
      .select(['id', 'author_id'])
      .where('session_id', '=', sessionId)
      .where('hidden_at', 'is not', null)
      .execute();
    return rows.map((row) => ({ id: row.id, authorId: row.author_id }));
  }

  async insertPromotion(promotion: MessagePromotion): Promise<boolean> {
    const result = await this.db
      .insertInto('message_promotions')
      .values({
        message_id: promotion.messageId,
        question_id: promotion.questionId,
        promoted_by: promotion.promotedBy,
        promoted_at: promotion.promotedAt,
      })
      .onConflict((oc) => oc.column('message_id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async findPromotion(messageId: string): Promise<MessagePromotion | null> {
    const row = await this.db
      .selectFrom('message_promotions')
      .selectAll()
      .where('message_id', '=', messageId)
      .executeTakeFirst();
    return row
      ? {
          messageId: row.message_id,
          questionId: row.question_id,
          promotedBy: row.promoted_by,
          promotedAt: row.promoted_at,
        }
      : null;
  }

  async listPromotions(sessionId: string): Promise<Map<string, string>> {
    const rows = await this.db
      .selectFrom('message_promotions as p')
      .innerJoin('room_messages as m', 'm.id', 'p.message_id')
      .select(['p.message_id', 'p.question_id'])
      .where('m.session_id', '=', sessionId)
      .execute();
    return new Map(rows.map((row) => [row.message_id, row.question_id]));
  }

  async listMessages(sessionId: string, limit: number): Promise<StoredMessage[]> {
    const rows = await this.db
      .selectFrom('room_messages')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toMessage).reverse();
  }

  private questions() {
    return this.db
      .selectFrom('room_questions as q')
      .selectAll('q')
      .select((eb) =>
        eb
          .selectFrom('room_question_votes as v')
          .select((v) => v.fn.countAll<number>().as('n'))
          .whereRef('v.question_id', '=', 'q.id')
          .as('votes'),
      );
  }

  private toQuestion(
    row: Awaited<ReturnType<ReturnType<LiveRepository['questions']>['execute']>>[number],
  ): StoredQuestion {
    return {
      id: row.id,
      sessionId: row.session_id,
      askerId: row.asker_id,
      seq: Number(row.seq),
      text: row.text,
      anonymous: Number(row.anonymous) === 1,
      status: row.status as QuestionStatus,
      askedAt: row.asked_at,
      votes: Number(row.votes ?? 0),
    };
  }

  async insertQuestion(question: Omit<StoredQuestion, 'votes'>): Promise<void> {
    await this.db
      .insertInto('room_questions')
      .values({
        id: question.id,
        session_id: question.sessionId,
        asker_id: question.askerId,
        seq: question.seq,
        text: question.text,
        anonymous: question.anonymous ? 1 : 0,
        status: question.status,
        asked_at: question.askedAt,
        status_changed_at: null,
      })
      .execute();
  }

  async findQuestion(id: string): Promise<StoredQuestion | null> {
    const row = await this.questions().where('q.id', '=', id).executeTakeFirst();
    return row ? this.toQuestion(row) : null;
  }

  async setQuestionStatus(id: string, status: QuestionStatus, at: string): Promise<void> {
    await this.db
      .updateTable('room_questions')
      .set({ status, status_changed_at: at })
      .where('id', '=', id)
      .execute();
  }

  async listQuestions(sessionId: string): Promise<StoredQuestion[]> {
    const rows = await this.questions()
      .where('q.session_id', '=', sessionId)
      .orderBy('q.seq')
      .execute();
    return rows.map((row) => this.toQuestion(row));
  }

  async addVote(questionId: string, personId: string, at: string): Promise<boolean> {
    const result = await this.db
      .insertInto('room_question_votes')
      .values({ question_id: questionId, person_id: personId, voted_at: at })
      .onConflict((oc) => oc.columns(['question_id', 'person_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async listVotedQuestionIds(sessionId: string, personId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('room_question_votes as v')
      .innerJoin('room_questions as q', 'q.id', 'v.question_id')
      .select('v.question_id')
      .where('q.session_id', '=', sessionId)
      .where('v.person_id', '=', personId)
      .execute();
    return rows.map((row) => row.question_id);
  }

  async setMuted(sessionId: string, personId: string, muted: boolean, at: string): Promise<void> {
    if (muted)
      await this.db
        .insertInto('room_mutes')
        .values({ session_id: sessionId, person_id: personId, muted_at: at })
        .onConflict((oc) => oc.columns(['session_id', 'person_id']).doNothing())
        .execute();
    else
      await this.db
        .deleteFrom('room_mutes')
        .where('session_id', '=', sessionId)
        .where('person_id', '=', personId)
        .execute();
  }

  async isMuted(sessionId: string, personId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('room_mutes')
      .select('person_id')
      .where('session_id', '=', sessionId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async listMuted(sessionId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('room_mutes')
      .select('person_id')
      .where('session_id', '=', sessionId)
      .execute();
    return rows.map((row) => row.person_id);
  }

  async insertReactions(
    rows: { sessionId: string; personId: string; kind: ReactionKind; at: string }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insertInto('room_reactions')
      .values(
        rows.map((r) => ({
          session_id: r.sessionId,
          person_id: r.personId,
          kind: r.kind,
          at: r.at,
        })),
      )
      .execute();
  }

  async reactionTotals(sessionId: string): Promise<ReactionCounts> {
    const rows = await this.db
      .selectFrom('room_reactions')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .where('session_id', '=', sessionId)
      .groupBy('kind')
      .execute();
    const totals: ReactionCounts = {};
    for (const row of rows) {
      if (REACTIONS.some((r) => r.kind === row.kind))
        totals[row.kind as ReactionKind] = Number(row.n);
    }
    return totals;
  }

  async openPresence(records: PresenceRecord[]): Promise<void> {
    if (records.length === 0) return;
    for (let i = 0; i < records.length; i += 500) {
      await this.db
        .insertInto('room_presence')
        .values(
          records.slice(i, i + 500).map((r) => ({
            id: r.id,
            session_id: r.sessionId,
            person_id: r.personId,
            node_id: r.nodeId,
            joined_at: r.joinedAt,
            last_seen_at: r.joinedAt,
            left_at: r.leftAt,
          })),
        )
        .execute();
    }
  }

  async closePresence(ids: string[], at: string): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      await this.db
        .updateTable('room_presence')
        .set({ left_at: at, last_seen_at: at })
        .where('id', 'in', ids.slice(i, i + 500))
        .where('left_at', 'is', null)
        .execute();
    }
  }

  async touchPresence(nodeId: string, at: string): Promise<void> {
    await this.db
      .updateTable('room_presence')
      .set({ last_seen_at: at })
      .where('node_id', '=', nodeId)
      .where('left_at', 'is', null)
      .execute();
  }

  async closeStalePresence(seenBefore: string): Promise<number> {
    const result = await this.db
      .updateTable('room_presence')
      .set({ left_at: sql`last_seen_at` })
      .where('left_at', 'is', null)
      .where('last_seen_at', '<', seenBefore)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  private openIn(sessionId: string, seenSince: string) {
    return this.db
      .selectFrom('room_presence')
      .where('session_id', '=', sessionId)
      .where('left_at', 'is', null)
      .where('last_seen_at', '>=', seenSince);
  }

  async countPresent(sessionId: string, seenSince: string): Promise<number> {
    const row = await this.openIn(sessionId, seenSince)
      .select((eb) => eb.fn.count<number>('person_id').distinct().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async listPresent(sessionId: string, seenSince: string): Promise<string[]> {
    const rows = await this.openIn(sessionId, seenSince).select('person_id').distinct().execute();
    return rows.map((row) => row.person_id);
  }

  async filterPresent(
    sessionId: string,
    personIds: string[],
    seenSince: string,
  ): Promise<string[]> {
    if (personIds.length === 0) return [];
    const rows = await this.openIn(sessionId, seenSince)
      .select('person_id')
      .distinct()
      .where('person_id', 'in', personIds)
      .execute();
    return rows.map((row) => row.person_id);
  }

  async attendance(sessionId: string): Promise<SessionAttendance> {
    const rows = await this.db
      .selectFrom('room_presence as r')
      .innerJoin('people as p', 'p.id', 'r.person_id')
      .leftJoin('governments as g', 'g.id', 'p.government_id')
      .select(['g.country', (eb) => eb.fn.count<number>('r.person_id').distinct().as('n')])
      .where('r.session_id', '=', sessionId)
      .groupBy('g.country')
      .execute();
    const governments = rows
      .map((row) => ({ government: row.country ?? 'No government', people: Number(row.n) }))
      .sort((a, b) => b.people - a.people || a.government.localeCompare(b.government));
    const total = await this.db
      .selectFrom('room_presence')
      .select((eb) => eb.fn.count<number>('person_id').distinct().as('n'))
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    return { people: Number(total?.n ?? 0), governments };
  }

  async listPersonalRoomData(personId: string): Promise<PersonalRoomData> {
    const [messages, questions, votes, reactions, presence, mutes] = await Promise.all([
      this.db
        .selectFrom('room_messages')
        .selectAll()
        .where('author_id', '=', personId)
        .orderBy('posted_at')
        .execute(),
      this.db
        .selectFrom('room_questions')
        .selectAll()
        .where('asker_id', '=', personId)
        .orderBy('asked_at')
        .execute(),
      this.db
        .selectFrom('room_question_votes as v')
        .innerJoin('room_questions as q', 'q.id', 'v.question_id')
        .select(['q.session_id', 'q.text', 'v.voted_at'])
        .where('v.person_id', '=', personId)
        .orderBy('v.voted_at')
        .execute(),
      this.db
        .selectFrom('room_reactions')
        .selectAll()
        .where('person_id', '=', personId)
        .orderBy('at')
        .execute(),
      this.db
        .selectFrom('room_presence')
        .selectAll()
        .where('person_id', '=', personId)
        .orderBy('joined_at')
        .execute(),
      this.db.selectFrom('room_mutes').selectAll().where('person_id', '=', personId).execute(),
    ]);
    return {
      messages: messages.map((m) => ({
        sessionId: m.session_id,
        text: m.text,
        postedAt: m.posted_at,
        hidden: m.hidden_at !== null,
      })),
      questions: questions.map((q) => ({
        sessionId: q.session_id,
        text: q.text,
        anonymous: Number(q.anonymous) === 1,
        status: q.status,
        askedAt: q.asked_at,
      })),
      votes: votes.map((v) => ({ sessionId: v.session_id, question: v.text, votedAt: v.voted_at })),
      reactions: reactions.map((r) => ({ sessionId: r.session_id, kind: r.kind, at: r.at })),
      presence: presence.map((p) => ({
        sessionId: p.session_id,
        joinedAt: p.joined_at,
        leftAt: p.left_at,
      })),
      mutedIn: mutes.map((m) => ({ sessionId: m.session_id, mutedAt: m.muted_at })),
    };
  }

  async forgetPerson(personId: string): Promise<void> {
    await this.db.deleteFrom('room_events').where('actor_id', '=', personId).execute();
    const mentioning = await this.db
      .selectFrom('room_events')
      .selectAll()
      // The id as a literal part of the pattern: its % and _ escaped, not dropped.
      .where(sql<boolean>`payload like ${`%${personId.replace(/[\\%_]/g, '\\$&')}%`} escape '\\'`)
      .execute();
    for (const row of mentioning) {
      const event = toEvent(row);
      const kept = forgetPersonInEvent(event.payload, personId);
      if (kept === null)
        await this.db
          .deleteFrom('room_events')
          .where('session_id', '=', event.sessionId)
          .where('seq', '=', event.seq)
          .execute();
      else
        await this.db
          .updateTable('room_events')
          .set({ payload: JSON.stringify(kept) })
          .where('session_id', '=', event.sessionId)
          .where('seq', '=', event.seq)
          .execute();
    }
  }
}
