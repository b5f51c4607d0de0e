import { sql, type Kysely } from 'kysely';
import type { EditionMeeting, SessionActivity, StatsStore } from '../../app/ports.ts';
import type { SessionFormat } from '../../domain/convening/session.ts';
import type { RegisteredByGovernment } from '../../domain/stats/convening-numbers.ts';
import type { Database } from './schema.ts';

/** The numbers of a convening: counts over registrations, session rooms and breakout rooms. */
export class StatsRepository implements StatsStore {
  constructor(private readonly db: Kysely<Database>) {}

  async countRegisteredByGovernment(
    editionIds: string[],
  ): Promise<(RegisteredByGovernment & { editionId: string })[]> {
    if (editionIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('edition_invitees as ei')
      .innerJoin('people as p', 'p.id', 'ei.person_id')
      .leftJoin('governments as g', 'g.id', 'p.government_id')
      .select([
        'ei.edition_id',
        'g.id as government_id',
        'g.country',
        (eb) => eb.fn.countAll<number | string>().as('n'),
      ])
      .where('ei.edition_id', 'in', editionIds)
      .where('ei.status', '=', 'registered')
      .groupBy(['ei.edition_id', 'g.id', 'g.country'])
      .execute();
    return rows.map((row) => ({
      editionId: row.edition_id,
      governmentId: row.government_id,
      country: row.country,
      people: Number(row.n),
    }));
  }

  async countReturning(editionIds: string[]): Promise<Map<string, number>> {
    if (editionIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('edition_invitees as ei')
      .innerJoin('editions as e', 'e.id', 'ei.edition_id')
      .select(['ei.edition_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('ei.edition_id', 'in', editionIds)
      .where('ei.status', '=', 'registered')
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('edition_invitees as earlier')
            .innerJoin('editions as ee', 'ee.id', 'earlier.edition_id')
            .select(sql<number>`1`.as('one'))
            .whereRef('earlier.person_id', '=', 'ei.person_id')
            .where('earlier.status', '=', 'registered')
            .where('ee.status', '!=', 'draft')
            .whereRef('ee.start_date', '<', 'e.start_date'),
        ),
      )
      .groupBy('ei.edition_id')
      .execute();
    return new Map(rows.map((row) => [row.edition_id, Number(row.n)]));
  }

  async countRoomAttendees(editionIds: string[]): Promise<Map<string, number>> {
    if (editionIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('room_presence as rp')
      .innerJoin('sessions as s', 's.id', 'rp.session_id')
      .select([
        's.edition_id',
        (eb) => eb.fn.count<number | string>('rp.person_id').distinct().as('n'),
      ])
      .where('s.edition_id', 'in', editionIds)
      .groupBy('s.edition_id')
      .execute();
    return new Map(rows.map((row) => [row.edition_id, Number(row.n)]));
  }

  async listSessionActivity(editionIds: string[]): Promise<SessionActivity[]> {
    if (editionIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('sessions as s')
      .select((eb) => [
        's.edition_id',
        's.id',
        's.title',
        's.format',
        's.starts_at',
        eb
          .selectFrom('room_presence as rp')
          .select((inner) => inner.fn.count<number | string>('rp.person_id').distinct().as('n'))
          .whereRef('rp.session_id', '=', 's.id')
          .as('attendees'),
        eb
          .selectFrom('room_questions as q')
          .select((inner) => inner.fn.countAll<number | string>().as('n'))
          .whereRef('q.session_id', '=', 's.id')
          .where('q.status', '!=', 'rejected')
          .as('questions'),
        eb
          .selectFrom('room_messages as m')
          .select((inner) => inner.fn.countAll<number | string>().as('n'))
          .whereRef('m.session_id', '=', 's.id')
          .where('m.hidden_at', 'is', null)
          .as('messages'),
      ])
      .where('s.edition_id', 'in', editionIds)
      .orderBy('s.starts_at')
      .orderBy('s.title')
      .execute();
    return rows.map((row) => ({
      editionId: row.edition_id,
      sessionId: row.id,
      title: row.title,
      format: row.format as SessionFormat,
      startsAt: row.starts_at,
      attendees: Number(row.attendees ?? 0),
      questions: Number(row.questions ?? 0),
      messages: Number(row.messages ?? 0),
    }));
  }

  async listMeetings(editionIds: string[], heldBy: string): Promise<EditionMeeting[]> {
    if (editionIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('breakout_assignments as mine')
      .innerJoin('breakout_assignments as theirs', (join) =>
        join
          .onRef('theirs.room_id', '=', 'mine.room_id')
          .onRef('theirs.person_id', '!=', 'mine.person_id'),
      )
      .innerJoin('breakout_rooms as r', 'r.id', 'mine.room_id')
      .innerJoin('breakout_plans as p', 'p.edition_id', 'r.edition_id')
      .innerJoin('sessions as s', 's.id', 'r.session_id')
      .select(['r.edition_id', 'mine.person_id as person_id', 'theirs.person_id as other_id'])
      .distinct()
      .where('r.edition_id', 'in', editionIds)
      .where('p.status', '=', 'published')
      .where('s.starts_at', '<=', heldBy)
      .execute();
    return rows.map((row) => ({
      editionId: row.edition_id,
      personId: row.person_id,
      otherPersonId: row.other_id,
    }));
  }
}
