import { sql, type Kysely } from 'kysely';
import type { PeerStore, PersonTheme } from '../../app/ports.ts';
import type { Database } from './schema.ts';

function parseIds(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

/** All SQL that suggested peers read: declared themes and the themes of questions. */
export class PeerRepository implements PeerStore {
  constructor(private readonly db: Kysely<Database>) {}

  async listDeclaredThemes(
    personIds: string[],
  ): Promise<{ struggling: PersonTheme[]; helping: PersonTheme[] }> {
    if (personIds.length === 0) return { struggling: [], helping: [] };
    const rows = await this.db
      .selectFrom('registrations')
      .select(['person_id', 'edition_id', 'struggling_theme_ids', 'helping_theme_ids'])
      .where('person_id', 'in', [...new Set(personIds)])
      .execute();
    const editionIds = [...new Set(rows.map((row) => row.edition_id))];
    const themes =
      editionIds.length === 0
        ? []
        : await this.db
            .selectFrom('themes')
            .select(['id', 'name'])
            .where('edition_id', 'in', editionIds)
            .execute();
    const names = new Map(themes.map((theme) => [theme.id, theme.name]));
    const named = (personId: string, ids: string[]): PersonTheme[] =>
      ids.flatMap((id) => {
        const theme = names.get(id);
        return theme ? [{ personId, theme }] : [];
      });
    return {
      struggling: rows.flatMap((row) => named(row.person_id, parseIds(row.struggling_theme_ids))),
      helping: rows.flatMap((row) => named(row.person_id, parseIds(row.helping_theme_ids))),
    };
  }

  async listQuestionThemes(personIds: string[]): Promise<PersonTheme[]> {
    if (personIds.length === 0) return [];
    const ids = [...new Set(personIds)];
    // Questions each person is connected to: asked under their name, or upvoted.
    const asked = await this.db
      .selectFrom('room_questions')
      .select([
        'id as questionId',
        'session_id as sessionId',
        'asker_id as personId',
        sql<string>`'asked'`.as('how'),
      ])
      .where('asker_id', 'in', ids)
      .where('anonymous', '=', 0)
      .execute();
    const voted = await this.db
      .selectFrom('room_question_votes')
      .innerJoin('room_questions', 'room_questions.id', 'room_question_votes.question_id')
      .select([
        'room_questions.id as questionId',
        'room_questions.session_id as sessionId',
        'room_question_votes.person_id as personId',
        sql<string>`'upvoted'`.as('how'),
      ])
      .where('room_question_votes.person_id', 'in', ids)
      .execute();
    const links = [...asked, ...voted];
    if (links.length === 0) return [];
    const questionIds = [...new Set(links.map((link) => link.questionId))];
    const sessionIds = [...new Set(links.map((link) => link.sessionId))];
    const tagged = await this.db
      .selectFrom('theme_tags')
      .innerJoin('themes', 'themes.id', 'theme_tags.theme_id')
      .select(['theme_tags.subject_id as questionId', 'themes.name as theme'])
      .where('theme_tags.subject_kind', '=', 'question')
      .where('theme_tags.subject_id', 'in', questionIds)
      .execute();
    const ofSessions = await this.db
      .selectFrom('session_themes')
      .innerJoin('themes', 'themes.id', 'session_themes.theme_id')
      .select(['session_themes.session_id as sessionId', 'themes.name as theme'])
      .where('session_themes.session_id', 'in', sessionIds)
      .execute();
    const result: PersonTheme[] = [];
    const seen = new Set<string>();
    const add = (personId: string, theme: string, how: 'asked' | 'upvoted') => {
      const key = `${personId}\n${theme}\n${how}`;
      if (seen.has(key)) return;
      seen.add(key);
      result.push({ personId, theme, how });
    };
    for (const link of links) {
      const how = link.how === 'asked' ? 'asked' : 'upvoted';
      for (const tag of tagged)
        if (tag.questionId === link.questionId) add(link.personId, tag.theme, how);
      for (const row of ofSessions)
        if (row.sessionId === link.sessionId) add(link.personId, row.theme, how);
    }
    return result;
  }
}
