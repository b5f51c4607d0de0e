import { sql, type Kysely, type Selectable } from 'kysely';
import type { DirectoryPersonRecord, DirectoryStore, SessionCompanion } from '../../app/ports.ts';
import type { DirectoryProfile } from '../../domain/directory/directory-profile.ts';
import type { PersonRole } from '../../domain/people/person.ts';
import type { Database, DirectoryProfilesTable } from './schema.ts';

function toProfile(row: Selectable<DirectoryProfilesTable>): DirectoryProfile {
  return {
    personId: row.person_id,
    listed: Number(row.listed) === 1,
    shows: {
      government: Number(row.show_government) === 1,
      team: Number(row.show_team) === 1,
      role: Number(row.show_role) === 1,
      themes: Number(row.show_themes) === 1,
      editions: Number(row.show_editions) === 1,
    },
    updatedAt: row.updated_at,
  };
}

/** All SQL about the directory of attendees. */
export class DirectoryRepository implements DirectoryStore {
  constructor(private readonly db: Kysely<Database>) {}

  async findProfile(personId: string): Promise<DirectoryProfile | null> {
    const row = await this.db
      .selectFrom('directory_profiles')
      .selectAll()
      .where('person_id', '=', personId)
      .executeTakeFirst();
    return row ? toProfile(row) : null;
  }

  async saveProfile(profile: DirectoryProfile): Promise<void> {
    const values = {
      listed: profile.listed ? 1 : 0,
      show_government: profile.shows.government ? 1 : 0,
      show_team: profile.shows.team ? 1 : 0,
      show_role: profile.shows.role ? 1 : 0,
      show_themes: profile.shows.themes ? 1 : 0,
      show_editions: profile.shows.editions ? 1 : 0,
      updated_at: profile.updatedAt,
    };
    await this.db
      .insertInto('directory_profiles')
      .values({ person_id: profile.personId, ...values })
      .onConflict((oc) => oc.column('person_id').doUpdateSet(values))
      .execute();
  }

  async listListedPersonIds(personIds: string[]): Promise<string[]> {
    if (personIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('directory_profiles')
      .select('person_id')
      .where('listed', '=', 1)
      .where('person_id', 'in', [...new Set(personIds)])
      .execute();
    return rows.map((row) => row.person_id);
  }

  async listListedProfiles(): Promise<DirectoryProfile[]> {
    const rows = await this.db
      .selectFrom('directory_profiles')
      .selectAll()
      .where('listed', '=', 1)
      .orderBy('person_id')
      .execute();
    return rows.map(toProfile);
  }

  async deleteProfile(personId: string): Promise<void> {
    await this.db.deleteFrom('directory_profiles').where('person_id', '=', personId).execute();
  }

  async listDirectoryPeople(personIds: string[]): Promise<DirectoryPersonRecord[]> {
    const ids = [...new Set(personIds)];
    if (ids.length === 0) return [];
    const [people, registrations, members, contributed] = await Promise.all([
      // Only the columns the directory may show: the email is never read here.
      this.db
        .selectFrom('people')
        .leftJoin('governments', 'governments.id', 'people.government_id')
        .select([
          'people.id',
          'people.name',
          'people.role',
          'governments.id as government_id',
          'governments.code',
          'governments.country',
          'governments.team_name',
        ])
        .where('people.id', 'in', ids)
        .execute(),
      this.db
        .selectFrom('registrations')
        .select([
          'person_id',
          'edition_id',
          'display_name',
          'struggling_theme_ids',
          'helping_theme_ids',
          'updated_at',
        ])
        .where('person_id', 'in', ids)
        .orderBy('updated_at', 'desc')
        .execute(),
      this.db
        .selectFrom('edition_members')
        .select(['person_id', 'edition_id'])
        .where('person_id', 'in', ids)
        .execute(),
      this.db
        .selectFrom('session_contributors')
        .innerJoin('sessions', 'sessions.id', 'session_contributors.session_id')
        .select(['session_contributors.person_id', 'sessions.edition_id'])
        .where('session_contributors.person_id', 'in', ids)
        .execute(),
    ]);
    return people.map((row) => ({
      personId: row.id,
      name: row.name,
      role: row.role as PersonRole,
      government:
        row.government_id && row.code !== null && row.country !== null && row.team_name !== null
          ? { id: row.government_id, code: row.code, country: row.country, teamName: row.team_name }
          : null,
      registrations: registrations
        .filter((r) => r.person_id === row.id)
        .map((r) => ({
          editionId: r.edition_id,
          displayName: r.display_name,
          strugglingThemeIds: parseIds(r.struggling_theme_ids),
          helpingThemeIds: parseIds(r.helping_theme_ids),
          updatedAt: r.updated_at,
        })),
      memberEditionIds: [
        ...new Set(
          [...members, ...contributed]
            .filter((m) => m.person_id === row.id)
            .map((m) => m.edition_id),
        ),
      ],
    }));
  }

  async listSessionCompanions(personId: string): Promise<SessionCompanion[]> {
    // Two stays overlap when each began before the other ended (or was last seen, while open).
    const rows = await this.db
      .selectFrom('room_presence as mine')
      .innerJoin('room_presence as theirs', (join) =>
        join
          .onRef('theirs.session_id', '=', 'mine.session_id')
          .onRef('theirs.person_id', '!=', 'mine.person_id')
          .on(sql<boolean>`theirs.joined_at <= coalesce(mine.left_at, mine.last_seen_at)`)
          .on(sql<boolean>`mine.joined_at <= coalesce(theirs.left_at, theirs.last_seen_at)`),
      )
      .innerJoin('sessions', 'sessions.id', 'mine.session_id')
      .select([
        'sessions.edition_id',
        'mine.session_id',
        'theirs.person_id',
        sql<string>`min(case when mine.joined_at > theirs.joined_at then mine.joined_at else theirs.joined_at end)`.as(
          'together_at',
        ),
      ])
      .where('mine.person_id', '=', personId)
      .groupBy(['sessions.edition_id', 'mine.session_id', 'theirs.person_id'])
      .orderBy('mine.session_id')
      .orderBy('theirs.person_id')
      .execute();
    return rows.map((row) => ({
      editionId: row.edition_id,
      sessionId: row.session_id,
      otherPersonId: row.person_id,
      togetherAt: row.together_at,
    }));
  }
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
