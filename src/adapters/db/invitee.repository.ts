import type { Kysely } from 'kysely';
import type { InviteeRecord, InviteeStore } from '../../app/ports.ts';
import type { InvitationStatus } from '../../domain/access/roles.ts';
import type { PersonRole, TeamMaturity } from '../../domain/people/person.ts';
import type { Database } from './schema.ts';

/** Reads a JSON list of ids as stored; anything else is no ids rather than a failed page. */
function idList(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

/** All SQL that reads an edition's invitees with their progress and registrations at once. */
export class InviteeRepository implements InviteeStore {
  constructor(private readonly db: Kysely<Database>) {}

  async listInviteeRecords(editionId: string): Promise<InviteeRecord[]> {
    const rows = await this.db
      .selectFrom('edition_invitees as i')
      .innerJoin('people as p', 'p.id', 'i.person_id')
      .leftJoin('registrations as r', (join) =>
        join.onRef('r.edition_id', '=', 'i.edition_id').onRef('r.person_id', '=', 'i.person_id'),
      )
      .select([
        'p.id',
        'p.name',
        'p.email',
        'p.government_id',
        'p.role',
        'p.maturity',
        'p.time_zone',
        'i.invited_at',
        'i.status',
        'i.invitation_sent_at',
        'i.opened_at',
        'i.responded_at',
        'r.display_name',
        'r.accessibility_needs',
        'r.session_ids',
      ])
      .where('i.edition_id', '=', editionId)
      .orderBy('p.name')
      .orderBy('p.email')
      .execute();
    return rows.map((row) => ({
      person: {
        id: row.id,
        name: row.name,
        email: row.email,
        governmentId: row.government_id,
        role: row.role as PersonRole,
        maturity: row.maturity as TeamMaturity,
        timeZone: row.time_zone,
      },
      progress: {
        personId: row.id,
        invitedAt: row.invited_at,
        status: row.status as InvitationStatus,
        invitationSentAt: row.invitation_sent_at,
        openedAt: row.opened_at,
        respondedAt: row.responded_at,
      },
      registration:
        row.display_name === null
          ? null
          : {
              displayName: row.display_name,
              accessibilityNeeds: row.accessibility_needs ?? '',
              sessionIds: idList(row.session_ids ?? '[]'),
            },
    }));
  }
}
