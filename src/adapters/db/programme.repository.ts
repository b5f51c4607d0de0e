import { sql, type Kysely, type Selectable } from 'kysely';
import type { ProgrammeStore, SessionContributorLink } from '../../app/ports.ts';
import type {
  Day,
  Edition,
  EditionFormat,
  EditionStatus,
  Theme,
} from '../../domain/convening/edition.ts';
import type { Session, SessionFormat, SessionPart } from '../../domain/convening/session.ts';
import { PERSON_ROLE_LABELS, type PersonRole } from '../../domain/people/person.ts';
import type { Database, EditionsTable } from './schema.ts';

function toEdition(row: EditionsTable): Edition {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    year: Number(row.year),
    hosts: JSON.parse(row.hosts) as string[],
    homeTimeZone: row.home_time_zone,
    startDate: row.start_date,
    endDate: row.end_date,
    format: row.format as EditionFormat,
    location: row.location,
    status: row.status as EditionStatus,
    daytimeStartHour: Number(row.daytime_start_hour),
    daytimeEndHour: Number(row.daytime_end_hour),
  };
}

function fromEdition(edition: Edition): EditionsTable {
  return {
    id: edition.id,
    slug: edition.slug,
    name: edition.name,
    year: edition.year,
    hosts: JSON.stringify(edition.hosts),
    home_time_zone: edition.homeTimeZone,
    start_date: edition.startDate,
    end_date: edition.endDate,
    format: edition.format,
    location: edition.location,
    status: edition.status,
    daytime_start_hour: edition.daytimeStartHour,
    daytime_end_hour: edition.daytimeEndHour,
  };
}

/** All SQL about editions, days, themes and sessions; the same queries run on SQLite and PostgreSQL. */
export class ProgrammeRepository implements ProgrammeStore {
  constructor(private readonly db: Kysely<Database>) {}

  async listEditions(): Promise<Edition[]> {
    const rows = await this.db
      .selectFrom('editions')
      .selectAll()
      .orderBy('start_date', 'desc')
      .execute();
    return rows.map(toEdition);
  }

  async findEditionBySlug(slug: string): Promise<Edition | null> {
    const row = await this.db
      .selectFrom('editions')
      .selectAll()
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row ? toEdition(row) : null;
  }

  async findEditionById(id: string): Promise<Edition | null> {
    const row = await this.db
      .selectFrom('editions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toEdition(row) : null;
  }

  async insertEdition(edition: Edition): Promise<void> {
    await this.db.insertInto('editions').values(fromEdition(edition)).execute();
  }

  async updateEdition(edition: Edition): Promise<void> {
    const { id, ...row } = fromEdition(edition);
    await this.db.updateTable('editions').set(row).where('id', '=', id).execute();
  }

  async listDays(editionId: string): Promise<Day[]> {
    const rows = await this.db
      .selectFrom('days')
      .selectAll()
      .where('edition_id', '=', editionId)
      .orderBy('date')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      editionId: row.edition_id,
      date: row.date,
      themeLabel: row.theme_label,
      guidingQuestion: row.guiding_question,
    }));
  }

  async insertDay(day: Day): Promise<void> {
    await this.db
      .insertInto('days')
      .values({
        id: day.id,
        edition_id: day.editionId,
        date: day.date,
        theme_label: day.themeLabel,
        guiding_question: day.guidingQuestion,
      })
      .execute();
  }

  async updateDay(day: Day): Promise<void> {
    await this.db
      .updateTable('days')
      .set({ date: day.date, theme_label: day.themeLabel, guiding_question: day.guidingQuestion })
      .where('id', '=', day.id)
      .execute();
  }

  async deleteDay(id: string): Promise<void> {
    await this.db.deleteFrom('days').where('id', '=', id).execute();
  }

  async listThemes(editionId: string): Promise<Theme[]> {
    const rows = await this.db
      .selectFrom('themes')
      .selectAll()
      .where('edition_id', '=', editionId)
      .orderBy('position')
      .orderBy('name')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      editionId: row.edition_id,
      name: row.name,
      description: row.description,
      position: Number(row.position),
    }));
  }

  async insertTheme(theme: Theme): Promise<void> {
    await this.db
      .insertInto('themes')
      .values({
        id: theme.id,
        edition_id: theme.editionId,
        name: theme.name,
        description: theme.description,
        position: theme.position,
      })
      .execute();
  }

  async updateTheme(theme: Theme): Promise<void> {
    await this.db
      .updateTable('themes')
      .set({ name: theme.name, description: theme.description, position: theme.position })
      .where('id', '=', theme.id)
      .execute();
  }

  async deleteTheme(id: string): Promise<void> {
    await this.db.deleteFrom('themes').where('id', '=', id).execute();
  }

  async listSessions(editionId: string): Promise<Session[]> {
    const rows = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('edition_id', '=', editionId)
      .orderBy('starts_at')
      .orderBy('title')
      .execute();
    const themes = await this.themeIdsBySession(rows.map((row) => row.id));
    return rows.map((row) => this.toSession(row, themes.get(row.id) ?? []));
  }

  async findSession(id: string): Promise<Session | null> {
    const row = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return null;
    const themes = await this.themeIdsBySession([id]);
    return this.toSession(row, themes.get(id) ?? []);
  }

  async saveSession(session: Session, contributors: SessionContributorLink[]): Promise<void> {
    const row = {
      edition_id: session.editionId,
      title: session.title,
      format: session.format,
      starts_at: session.startsAt,
      ends_at: session.endsAt,
      description: session.description,
      video_url: session.videoUrl,
    };
    const existing = await this.db
      .selectFrom('sessions')
      .select('id')
      .where('id', '=', session.id)
      .executeTakeFirst();
    if (existing)
      await this.db
        .updateTable('sessions')
        .set({
          ...row,
          // The columns on the right are the values before this update, in both databases.
          calendar_sequence: sql<number>`calendar_sequence + case when
            format <> ${row.format} or starts_at <> ${row.starts_at} or ends_at <> ${row.ends_at}
            or title <> ${row.title} or description <> ${row.description}
            or video_url <> ${row.video_url} then 1 else 0 end`,
        })
        .where('id', '=', session.id)
        .execute();
    else
      await this.db
        .insertInto('sessions')
        .values({ id: session.id, ...row })
        .execute();
    await this.db.deleteFrom('session_themes').where('session_id', '=', session.id).execute();
    if (session.themeIds.length > 0) {
      await this.db
        .insertInto('session_themes')
        .values(session.themeIds.map((themeId) => ({ session_id: session.id, theme_id: themeId })))
        .execute();
    }
    await this.db.deleteFrom('session_contributors').where('session_id', '=', session.id).execute();
    if (contributors.length > 0) {
      await this.db
        .insertInto('session_contributors')
        .values(
          contributors.map((link, position) => ({
            session_id: session.id,
            person_id: link.personId,
            part: link.part,
            position,
          })),
        )
        .execute();
    }
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async listContributors(sessionIds: string[]) {
    if (sessionIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('session_contributors as sc')
      .innerJoin('people as p', 'p.id', 'sc.person_id')
      .leftJoin('governments as g', 'g.id', 'p.government_id')
      .select([
        'sc.session_id',
        'sc.person_id',
        'sc.part',
        'p.name',
        'p.email',
        'p.role',
        'g.country',
        'g.team_name',
      ])
      .where('sc.session_id', 'in', sessionIds)
      .orderBy('sc.session_id')
      .orderBy('sc.position')
      .execute();
    return rows.map((row) => ({
      sessionId: row.session_id,
      personId: row.person_id,
      part: row.part as SessionPart,
      name: row.name,
      email: row.email,
      role: PERSON_ROLE_LABELS[row.role as PersonRole] ?? row.role,
      government: row.country ? `${row.country}, ${row.team_name}` : '',
    }));
  }

  private async themeIdsBySession(sessionIds: string[]): Promise<Map<string, string[]>> {
    const byId = new Map<string, string[]>();
    if (sessionIds.length === 0) return byId;
    const rows = await this.db
      .selectFrom('session_themes as st')
      .innerJoin('themes as t', 't.id', 'st.theme_id')
      .select(['st.session_id', 'st.theme_id'])
      .where('st.session_id', 'in', sessionIds)
      .orderBy('t.position')
      .execute();
    for (const row of rows)
      byId.set(row.session_id, [...(byId.get(row.session_id) ?? []), row.theme_id]);
    return byId;
  }

  async listCalendarSequences(sessionIds: string[]): Promise<Map<string, number>> {
    if (sessionIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('sessions')
      .select(['id', 'calendar_sequence'])
      .where('id', 'in', sessionIds)
      .execute();
    return new Map(rows.map((row) => [row.id, Number(row.calendar_sequence)]));
  }

  private toSession(row: Selectable<Database['sessions']>, themeIds: string[]): Session {
    return {
      id: row.id,
      editionId: row.edition_id,
      title: row.title,
      format: row.format as SessionFormat,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      description: row.description,
      videoUrl: row.video_url,
      themeIds,
    };
  }
}
