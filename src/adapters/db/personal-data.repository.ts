import { sql, type Kysely } from 'kysely';
import type {
  AuditEntry,
  GrantedRoleRecord,
  MailRecord,
  PersonalDataStore,
  SessionPartRecord,
  SignInHistory,
} from '../../app/ports.ts';
import type { GrantedRole } from '../../domain/access/roles.ts';
import type { SessionPart } from '../../domain/convening/session.ts';
import type { Database } from './schema.ts';

/** A LIKE pattern that matches `text` anywhere, with LIKE's own wildcards taken literally. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * All SQL that gathers or erases what is held about one person across the tables: every
 * query names the person, so nobody else's rows are ever read or touched.
 */
export class PersonalDataRepository implements PersonalDataStore {
  constructor(private readonly db: Kysely<Database>) {}

  async listGrantedRolesOf(personId: string): Promise<GrantedRoleRecord[]> {
    const rows = await this.db
      .selectFrom('edition_members')
      .select(['edition_id', 'role', 'granted_at'])
      .where('person_id', '=', personId)
      .orderBy('granted_at')
      .orderBy('edition_id')
      .orderBy('role')
      .execute();
    return rows.map((row) => ({
      editionId: row.edition_id,
      role: row.role as GrantedRole,
      grantedAt: row.granted_at,
    }));
  }

  async listSessionPartsOf(personId: string): Promise<SessionPartRecord[]> {
    const rows = await this.db
      .selectFrom('session_contributors as sc')
      .innerJoin('sessions as s', 's.id', 'sc.session_id')
      .select(['s.edition_id', 's.id', 's.title', 's.starts_at', 'sc.part'])
      .where('sc.person_id', '=', personId)
      .orderBy('s.starts_at')
      .orderBy('s.id')
      .execute();
    return rows.map((row) => ({
      editionId: row.edition_id,
      sessionId: row.id,
      title: row.title,
      startsAt: row.starts_at,
      part: row.part as SessionPart,
    }));
  }

  async readSignInHistory(personId: string): Promise<SignInHistory> {
    // Only dates and purposes are selected: the token and session hashes stay in the database.
    const links = await this.db
      .selectFrom('sign_in_tokens')
      .select(['purpose', 'edition_id', 'created_at', 'expires_at', 'used_at'])
      .where('person_id', '=', personId)
      .orderBy('created_at')
      .execute();
    const sessions = await this.db
      .selectFrom('user_sessions')
      .select(['created_at', 'last_seen_at', 'expires_at'])
      .where('person_id', '=', personId)
      .orderBy('created_at')
      .execute();
    return {
      links: links.map((row) => ({
        purpose: row.purpose as SignInHistory['links'][number]['purpose'],
        editionId: row.edition_id,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
        usedAt: row.used_at,
      })),
      sessions: sessions.map((row) => ({
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
        expiresAt: row.expires_at,
      })),
    };
  }

  async listMailTo(personId: string): Promise<MailRecord[]> {
    const rows = await this.db
      .selectFrom('outgoing_mail')
      .select(['edition_id', 'kind', 'status', 'created_at', 'sent_at'])
      .where('person_id', '=', personId)
      .orderBy('created_at')
      .execute();
    return rows.map((row) => ({
      editionId: row.edition_id,
      kind: row.kind,
      status: row.status,
      createdAt: row.created_at,
      sentAt: row.sent_at,
    }));
  }

  async listAuditEntriesBy(personId: string): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('actor_person_id', '=', personId)
      .orderBy('at')
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      actorPersonId: row.actor_person_id,
      actorLabel: row.actor_label,
      editionId: row.edition_id,
      action: row.action,
      summary: row.summary,
    }));
  }

  async deleteRegistrationsOf(personId: string): Promise<void> {
    await this.db.deleteFrom('registrations').where('person_id', '=', personId).execute();
  }

  async deleteInvitationsOf(personId: string): Promise<void> {
    await this.db.deleteFrom('edition_invitees').where('person_id', '=', personId).execute();
  }

  async deleteRolesOf(personId: string): Promise<void> {
    await this.db.deleteFrom('edition_members').where('person_id', '=', personId).execute();
  }

  async deleteSessionPartsOf(personId: string): Promise<void> {
    await this.db.deleteFrom('session_contributors').where('person_id', '=', personId).execute();
  }

  async deleteSignInTokensOf(personId: string): Promise<void> {
    await this.db.deleteFrom('sign_in_tokens').where('person_id', '=', personId).execute();
  }

  async deleteMailOf(personId: string): Promise<void> {
    await this.db.deleteFrom('outgoing_mail').where('person_id', '=', personId).execute();
    await this.db
      .updateTable('mail_batches')
      .set({ requested_by: null })
      .where('requested_by', '=', personId)
      .execute();
  }

  async redactAuditMentions(mentions: string[], replacement: string): Promise<void> {
    const needles = [...new Set(mentions.filter((m) => m.trim().length > 0))].sort(
      (a, b) => b.length - a.length,
    );
    if (needles.length === 0) return;
    // LIKE finds the candidates on both databases (SQLite has no ESCAPE default, so it is named);
    // the replacing is done here, where a name matches only as a whole word ("Ana" must not
    // change "Analysis").
    const rows = await this.db
      .selectFrom('audit_log')
      .select(['id', 'summary', 'actor_label'])
      .where((eb) =>
        eb.or(
          needles.flatMap((needle) =>
            (['summary', 'actor_label'] as const).map(
              (column) =>
                sql<boolean>`lower(${sql.ref(column)}) like lower(${containing(needle)}) escape '\\'`,
            ),
          ),
        ),
      )
      .execute();
    const pattern = new RegExp(
      `(?<![\\p{L}\\p{N}])(?:${needles.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`,
      'giu',
    );
    for (const row of rows) {
      const summary = row.summary.replace(pattern, replacement);
      const actorLabel = row.actor_label.replace(pattern, replacement);
      if (summary === row.summary && actorLabel === row.actor_label) continue;
      await this.db
        .updateTable('audit_log')
        .set({ summary, actor_label: actorLabel })
        .where('id', '=', row.id)
        .execute();
    }
  }

  async deletePerson(personId: string): Promise<void> {
    await this.db.deleteFrom('people').where('id', '=', personId).execute();
  }
}
