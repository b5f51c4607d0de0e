import type { Kysely, Selectable } from 'kysely';
import type {
  BreakoutAbsence,
  BreakoutMeeting,
  BreakoutStore,
  PersonalBreakoutData,
} from '../../app/ports.ts';
import {
  DEFAULT_ROOM_SIZE,
  type BreakoutPlan,
  type BreakoutPlanStatus,
  type BreakoutRoom,
} from '../../domain/breakout-plan/breakout-plan.ts';
import type { BreakoutScore } from '../../domain/breakouts/breakout-problem.ts';
import type { BreakoutPlansTable, Database } from './schema.ts';

function parseScore(json: string | null): BreakoutScore | null {
  if (json === null) return null;
  try {
    return JSON.parse(json) as BreakoutScore;
  } catch {
    return null;
  }
}

function toPlan(row: Selectable<BreakoutPlansTable>): BreakoutPlan {
  return {
    editionId: row.edition_id,
    status: row.status as BreakoutPlanStatus,
    roomSize: { min: Number(row.room_size_min), max: Number(row.room_size_max) },
    seed: Number(row.seed),
    score: parseScore(row.score),
    plannedAt: row.planned_at,
    publishedBy: row.published_by,
    publishedAt: row.published_at,
    revision: Number(row.revision),
  };
}

/** All SQL about breakout plans, rooms, pairs kept apart and absences. */
export class BreakoutRepository implements BreakoutStore {
  constructor(private readonly db: Kysely<Database>) {}

  async findPlan(editionId: string): Promise<BreakoutPlan | null> {
    const row = await this.db
      .selectFrom('breakout_plans')
      .selectAll()
      .where('edition_id', '=', editionId)
      .executeTakeFirst();
    return row ? toPlan(row) : null;
  }

  async savePlan(plan: BreakoutPlan): Promise<void> {
    const values = {
      status: plan.status,
      room_size_min: plan.roomSize.min,
      room_size_max: plan.roomSize.max,
      seed: plan.seed,
      score: plan.score ? JSON.stringify(plan.score) : null,
      planned_at: plan.plannedAt,
      published_by: plan.publishedBy,
      published_at: plan.publishedAt,
    };
    await this.db
      .insertInto('breakout_plans')
      .values({ edition_id: plan.editionId, ...values })
      .onConflict((oc) => oc.column('edition_id').doUpdateSet(values))
      .execute();
  }

  async claimRevision(editionId: string, expected: number): Promise<boolean> {
    const updated = await this.db
      .updateTable('breakout_plans')
      .set((eb) => ({ revision: eb('revision', '+', 1) }))
      .where('edition_id', '=', editionId)
      .where('revision', '=', expected)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 1) return true;
    if (expected !== 0) return false;
    // No plan stored yet: the first change makes one at revision 1.
    const inserted = await this.db
      .insertInto('breakout_plans')
      .values({
        edition_id: editionId,
        status: 'draft',
        room_size_min: DEFAULT_ROOM_SIZE.min,
        room_size_max: DEFAULT_ROOM_SIZE.max,
        seed: 1,
        score: null,
        planned_at: null,
        published_by: null,
        published_at: null,
        revision: 1,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async listRooms(editionId: string): Promise<BreakoutRoom[]> {
    const rooms = await this.db
      .selectFrom('breakout_rooms')
      .selectAll()
      .where('edition_id', '=', editionId)
      .orderBy('session_id')
      .orderBy('number')
      .execute();
    if (rooms.length === 0) return [];
    const members = await this.db
      .selectFrom('breakout_assignments')
      .innerJoin('breakout_rooms', 'breakout_rooms.id', 'breakout_assignments.room_id')
      .select(['breakout_assignments.room_id', 'breakout_assignments.person_id'])
      .where('breakout_rooms.edition_id', '=', editionId)
      .orderBy('breakout_assignments.person_id')
      .execute();
    const byRoom = new Map<string, string[]>();
    for (const { room_id, person_id } of members)
      byRoom.set(room_id, [...(byRoom.get(room_id) ?? []), person_id]);
    return rooms.map((row) => ({
      id: row.id,
      editionId: row.edition_id,
      sessionId: row.session_id,
      number: Number(row.number),
      name: row.name,
      videoUrl: row.video_url,
      locked: Number(row.locked) === 1,
      rapporteurId: row.rapporteur_id,
      memberIds: byRoom.get(row.id) ?? [],
    }));
  }

  async replaceRooms(sessionId: string, keepRoomIds: string[], rooms: BreakoutRoom[]) {
    let stale = this.db.deleteFrom('breakout_rooms').where('session_id', '=', sessionId);
    if (keepRoomIds.length > 0) stale = stale.where('id', 'not in', keepRoomIds);
    // Assignments go with their rooms (ON DELETE CASCADE).
    await stale.execute();
    if (rooms.length === 0) return;
    await this.db
      .insertInto('breakout_rooms')
      .values(
        rooms.map((room) => ({
          id: room.id,
          edition_id: room.editionId,
          session_id: room.sessionId,
          number: room.number,
          name: room.name,
          video_url: room.videoUrl,
          locked: room.locked ? 1 : 0,
          rapporteur_id: room.rapporteurId,
        })),
      )
      .execute();
    const assignments = rooms.flatMap((room) =>
      room.memberIds.map((personId) => ({
        session_id: room.sessionId,
        person_id: personId,
        room_id: room.id,
      })),
    );
    if (assignments.length > 0)
      await this.db.insertInto('breakout_assignments').values(assignments).execute();
  }

  async moveMember(sessionId: string, personId: string, roomId: string): Promise<void> {
    await this.db
      .updateTable('breakout_assignments')
      .set({ room_id: roomId })
      .where('session_id', '=', sessionId)
      .where('person_id', '=', personId)
      .execute();
  }

  async setRoomLocked(roomId: string, locked: boolean): Promise<void> {
    await this.db
      .updateTable('breakout_rooms')
      .set({ locked: locked ? 1 : 0 })
      .where('id', '=', roomId)
      .execute();
  }

  async setRoomRapporteur(roomId: string, personId: string | null): Promise<void> {
    await this.db
      .updateTable('breakout_rooms')
      .set({ rapporteur_id: personId })
      .where('id', '=', roomId)
      .execute();
  }

  async listRoundLinks(editionId: string): Promise<Map<string, string>> {
    const rows = await this.db
      .selectFrom('breakout_round_links')
      .innerJoin('sessions', 'sessions.id', 'breakout_round_links.session_id')
      .select(['breakout_round_links.session_id', 'breakout_round_links.meeting_url'])
      .where('sessions.edition_id', '=', editionId)
      .execute();
    return new Map(rows.map((row) => [row.session_id, row.meeting_url]));
  }

  async saveRoundLink(sessionId: string, meetingUrl: string): Promise<void> {
    if (meetingUrl === '') {
      await this.db
        .deleteFrom('breakout_round_links')
        .where('session_id', '=', sessionId)
        .execute();
      return;
    }
    await this.db
      .insertInto('breakout_round_links')
      .values({ session_id: sessionId, meeting_url: meetingUrl })
      .onConflict((oc) => oc.column('session_id').doUpdateSet({ meeting_url: meetingUrl }))
      .execute();
  }

  async listApartPairs(editionId: string): Promise<[string, string][]> {
    const rows = await this.db
      .selectFrom('breakout_apart_pairs')
      .select(['first_id', 'second_id'])
      .where('edition_id', '=', editionId)
      .orderBy('first_id')
      .orderBy('second_id')
      .execute();
    return rows.map((row) => [row.first_id, row.second_id]);
  }

  async addApartPair(editionId: string, [first, second]: [string, string]): Promise<void> {
    await this.db
      .insertInto('breakout_apart_pairs')
      .values({ edition_id: editionId, first_id: first, second_id: second })
      .onConflict((oc) => oc.columns(['edition_id', 'first_id', 'second_id']).doNothing())
      .execute();
  }

  async removeApartPair(editionId: string, [first, second]: [string, string]): Promise<void> {
    await this.db
      .deleteFrom('breakout_apart_pairs')
      .where('edition_id', '=', editionId)
      .where('first_id', '=', first)
      .where('second_id', '=', second)
      .execute();
  }

  async listAbsences(editionId: string): Promise<BreakoutAbsence[]> {
    const rows = await this.db
      .selectFrom('breakout_absences')
      .innerJoin('sessions', 'sessions.id', 'breakout_absences.session_id')
      .select(['breakout_absences.session_id', 'breakout_absences.person_id'])
      .where('sessions.edition_id', '=', editionId)
      .orderBy('breakout_absences.session_id')
      .orderBy('breakout_absences.person_id')
      .execute();
    return rows.map((row) => ({ sessionId: row.session_id, personId: row.person_id }));
  }

  async addAbsence({ sessionId, personId }: BreakoutAbsence): Promise<void> {
    await this.db
      .insertInto('breakout_absences')
      .values({ session_id: sessionId, person_id: personId })
      .onConflict((oc) => oc.columns(['session_id', 'person_id']).doNothing())
      .execute();
  }

  async removeAbsence({ sessionId, personId }: BreakoutAbsence): Promise<void> {
    await this.db
      .deleteFrom('breakout_absences')
      .where('session_id', '=', sessionId)
      .where('person_id', '=', personId)
      .execute();
  }

  async listMeetings(personId: string): Promise<BreakoutMeeting[]> {
    const rows = await this.db
      .selectFrom('breakout_assignments as mine')
      .innerJoin('breakout_assignments as theirs', (join) =>
        join
          .onRef('theirs.room_id', '=', 'mine.room_id')
          .onRef('theirs.person_id', '!=', 'mine.person_id'),
      )
      .innerJoin('breakout_rooms', 'breakout_rooms.id', 'mine.room_id')
      .innerJoin('breakout_plans', 'breakout_plans.edition_id', 'breakout_rooms.edition_id')
      .select([
        'breakout_rooms.edition_id',
        'breakout_rooms.session_id',
        'breakout_rooms.id as room_id',
        'breakout_rooms.name',
        'theirs.person_id',
      ])
      .where('mine.person_id', '=', personId)
      .where('breakout_plans.status', '=', 'published')
      .orderBy('breakout_rooms.session_id')
      .orderBy('theirs.person_id')
      .execute();
    return rows.map((row) => ({
      editionId: row.edition_id,
      sessionId: row.session_id,
      roomId: row.room_id,
      roomName: row.name,
      otherPersonId: row.person_id,
    }));
  }

  async listPersonalBreakoutData(personId: string): Promise<PersonalBreakoutData> {
    const rooms = await this.db
      .selectFrom('breakout_rooms')
      .leftJoin('breakout_assignments', (join) =>
        join
          .onRef('breakout_assignments.room_id', '=', 'breakout_rooms.id')
          .on('breakout_assignments.person_id', '=', personId),
      )
      .select([
        'breakout_rooms.edition_id',
        'breakout_rooms.session_id',
        'breakout_rooms.name',
        'breakout_rooms.rapporteur_id',
      ])
      .where((eb) =>
        eb.or([
          eb('breakout_assignments.person_id', '=', personId),
          eb('breakout_rooms.rapporteur_id', '=', personId),
        ]),
      )
      .orderBy('breakout_rooms.session_id')
      .execute();
    const pairs = await this.db
      .selectFrom('breakout_apart_pairs')
      .select('edition_id')
      .where((eb) => eb.or([eb('first_id', '=', personId), eb('second_id', '=', personId)]))
      .execute();
    const absences = await this.db
      .selectFrom('breakout_absences')
      .select('session_id')
      .where('person_id', '=', personId)
      .execute();
    return {
      rooms: rooms.map((row) => ({
        editionId: row.edition_id,
        sessionId: row.session_id,
        room: row.name,
        isRapporteur: row.rapporteur_id === personId,
      })),
      // Only that a pair exists: who the other person is, is theirs, not this person's.
      keptApartFrom: pairs.map((row) => ({ editionId: row.edition_id })),
      absences: absences.map((row) => ({ sessionId: row.session_id })),
    };
  }

  async forgetPerson(personId: string): Promise<void> {
    await this.db.deleteFrom('breakout_assignments').where('person_id', '=', personId).execute();
    await this.db
      .deleteFrom('breakout_apart_pairs')
      .where((eb) => eb.or([eb('first_id', '=', personId), eb('second_id', '=', personId)]))
      .execute();
    await this.db.deleteFrom('breakout_absences').where('person_id', '=', personId).execute();
    await this.db
      .updateTable('breakout_rooms')
      .set({ rapporteur_id: null })
      .where('rapporteur_id', '=', personId)
      .execute();
    // Notes they saved stay with the room for the write-ups, without saying who saved them.
    await this.db
      .updateTable('notes')
      .set({ updated_by: null })
      .where('updated_by', '=', personId)
      .execute();
    await this.db
      .updateTable('breakout_plans')
      .set({ published_by: null })
      .where('published_by', '=', personId)
      .execute();
  }
}
