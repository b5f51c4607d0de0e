import type { Kysely, Selectable } from 'kysely';
import type { RegistrationStore } from '../../app/ports.ts';
import type { Registration } from '../../domain/registration/registration.ts';
import type { Database, RegistrationsTable } from './schema.ts';

/** Maps a stored registration row to the domain record. */
export function toRegistration(row: Selectable<RegistrationsTable>): Registration {
  return {
    editionId: row.edition_id,
    personId: row.person_id,
    displayName: row.display_name,
    timeZone: row.time_zone,
    accessibilityNeeds: row.accessibility_needs,
    inDirectory: Number(row.in_directory) === 1,
    sessionIds: parseIds(row.session_ids),
    strugglingThemeIds: parseIds(row.struggling_theme_ids),
    helpingThemeIds: parseIds(row.helping_theme_ids),
    updatedAt: row.updated_at,
  };
}

/** Reads a JSON array of ids, as stored; anything else reads as none. */
function parseIds(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}

/** All SQL about invitees' registrations. */
export class RegistrationRepository implements RegistrationStore {
  constructor(private readonly db: Kysely<Database>) {}

  async findRegistration(editionId: string, personId: string): Promise<Registration | null> {
    const row = await this.db
      .selectFrom('registrations')
      .selectAll()
      .where('edition_id', '=', editionId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    return row ? toRegistration(row) : null;
  }

  async listRegistrationsOf(personId: string): Promise<Registration[]> {
    const rows = await this.db
      .selectFrom('registrations')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('edition_id')
      .execute();
    return rows.map(toRegistration);
  }

  async saveRegistration(registration: Registration): Promise<void> {
    const values = {
      display_name: registration.displayName,
      time_zone: registration.timeZone,
      accessibility_needs: registration.accessibilityNeeds,
      in_directory: registration.inDirectory ? 1 : 0,
      session_ids: JSON.stringify(registration.sessionIds),
      struggling_theme_ids: JSON.stringify(registration.strugglingThemeIds),
      helping_theme_ids: JSON.stringify(registration.helpingThemeIds),
      updated_at: registration.updatedAt,
    };
    // The same statement on SQLite and PostgreSQL: both know ON CONFLICT … DO UPDATE.
    await this.db
      .insertInto('registrations')
      .values({ edition_id: registration.editionId, person_id: registration.personId, ...values })
      .onConflict((oc) => oc.columns(['edition_id', 'person_id']).doUpdateSet(values))
      .execute();
  }

  async deleteRegistration(editionId: string, personId: string): Promise<void> {
    await this.db
      .deleteFrom('registrations')
      .where('edition_id', '=', editionId)
      .where('person_id', '=', personId)
      .execute();
  }

  async setInDirectory(personId: string, inDirectory: boolean): Promise<void> {
    await this.db
      .updateTable('registrations')
      .set({ in_directory: inDirectory ? 1 : 0 })
      .where('person_id', '=', personId)
      .execute();
  }
}
