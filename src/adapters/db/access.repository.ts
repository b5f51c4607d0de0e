import { sql, type Kysely } from 'kysely';
import type {
  AccessStore,
  InviteeProgress,
  StoredSignInToken,
  StoredUserSession,
} from '../../app/ports.ts';
import type { Membership } from '../../domain/access/actor.ts';
import type { EditionRole, GrantedRole, InvitationStatus } from '../../domain/access/roles.ts';
import type { Selectable } from 'kysely';
import type {
  Database,
  EditionInviteesTable,
  SignInTokensTable,
  UserSessionsTable,
} from './schema.ts';

function toProgress(row: Selectable<EditionInviteesTable>): InviteeProgress {
  return {
    personId: row.person_id,
    invitedAt: row.invited_at,
    status: row.status as InvitationStatus,
    invitationSentAt: row.invitation_sent_at,
    openedAt: row.opened_at,
    respondedAt: row.responded_at,
  };
}

function toToken(row: SignInTokensTable): StoredSignInToken {
  return {
    tokenHash: row.token_hash,
    personId: row.person_id,
    editionId: row.edition_id,
    purpose: row.purpose as StoredSignInToken['purpose'],
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
  };
}

function toSession(row: UserSessionsTable): StoredUserSession {
  return {
    sessionHash: row.session_hash,
    personId: row.person_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
  };
}

/** All SQL about roles, invitation progress, sign-in links and browser sessions. */
export class AccessRepository implements AccessStore {
  constructor(private readonly db: Kysely<Database>) {}

  async listMemberships(personId: string): Promise<Membership[]> {
    const rows = await this.db
      .selectFrom('edition_members')
      .select(['edition_id', 'role'])
      .where('person_id', '=', personId)
      .execute();
    return rows.map((row) => ({ editionId: row.edition_id, role: row.role as EditionRole }));
  }

  async listMembers(editionId: string) {
    const rows = await this.db
      .selectFrom('edition_members')
      .select(['person_id', 'role'])
      .where('edition_id', '=', editionId)
      .orderBy('role')
      .orderBy('person_id')
      .execute();
    return rows.map((row) => ({ personId: row.person_id, role: row.role as EditionRole }));
  }

  async lockRoles(editionId: string): Promise<void> {
    // An update that changes nothing still locks the edition's row until the transaction ends.
    await this.db
      .updateTable('editions')
      .set({ slug: sql<string>`slug` })
      .where('id', '=', editionId)
      .execute();
  }

  async grantRole(
    editionId: string,
    personId: string,
    role: GrantedRole,
    at: string,
  ): Promise<void> {
    const existing = await this.db
      .selectFrom('edition_members')
      .select('role')
      .where('edition_id', '=', editionId)
      .where('person_id', '=', personId)
      .where('role', '=', role)
      .executeTakeFirst();
    if (!existing) {
      await this.db
        .insertInto('edition_members')
        .values({ edition_id: editionId, person_id: personId, role, granted_at: at })
        .execute();
    }
  }

  async revokeRole(editionId: string, personId: string, role: GrantedRole): Promise<void> {
    await this.db
      .deleteFrom('edition_members')
      .where('edition_id', '=', editionId)
      .where('person_id', '=', personId)
      .where('role', '=', role)
      .execute();
  }

  async listContributedEditionIds(personId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('session_contributors as sc')
      .innerJoin('sessions as s', 's.id', 'sc.session_id')
      .select('s.edition_id')
      .distinct()
      .where('sc.person_id', '=', personId)
      .execute();
    return rows.map((row) => row.edition_id);
  }

  async listInviteeProgress(editionId: string): Promise<InviteeProgress[]> {
    const rows = await this.db
      .selectFrom('edition_invitees')
      .selectAll()
      .where('edition_id', '=', editionId)
      .execute();
    return rows.map(toProgress);
  }

  async listInvitationsOf(personId: string) {
    const rows = await this.db
      .selectFrom('edition_invitees')
      .selectAll()
      .where('person_id', '=', personId)
      .execute();
    return rows.map((row) => ({ ...toProgress(row), editionId: row.edition_id }));
  }

  async updateInviteeProgress(
    editionId: string,
    personId: string,
    changes: Partial<Omit<InviteeProgress, 'personId' | 'invitedAt'>>,
  ): Promise<void> {
    const set: {
      status?: string;
      invitation_sent_at?: string | null;
      opened_at?: string | null;
      responded_at?: string | null;
    } = {};
    if (changes.status !== undefined) set.status = changes.status;
    if (changes.invitationSentAt !== undefined) set.invitation_sent_at = changes.invitationSentAt;
    if (changes.openedAt !== undefined) set.opened_at = changes.openedAt;
    if (changes.respondedAt !== undefined) set.responded_at = changes.respondedAt;
    if (Object.keys(set).length === 0) return;
    await this.db
      .updateTable('edition_invitees')
      .set(set)
      .where('edition_id', '=', editionId)
      .where('person_id', '=', personId)
      .execute();
  }

  async insertSignInToken(token: StoredSignInToken): Promise<void> {
    await this.db
      .insertInto('sign_in_tokens')
      .values({
        token_hash: token.tokenHash,
        person_id: token.personId,
        edition_id: token.editionId,
        purpose: token.purpose,
        created_at: token.createdAt,
        expires_at: token.expiresAt,
        used_at: token.usedAt,
      })
      .execute();
  }

  async findSignInToken(tokenHash: string): Promise<StoredSignInToken | null> {
    const row = await this.db
      .selectFrom('sign_in_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? toToken(row) : null;
  }

  async markSignInTokenUsed(tokenHash: string, at: string): Promise<boolean> {
    // One conditional update: of two simultaneous uses, only one finds used_at still empty.
    const result = await this.db
      .updateTable('sign_in_tokens')
      .set({ used_at: at })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async countSignInTokensSince(personId: string, since: string): Promise<number> {
    const row = await this.db
      .selectFrom('sign_in_tokens')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('person_id', '=', personId)
      .where('purpose', '=', 'sign-in')
      .where('created_at', '>=', since)
      .executeTakeFirst();
    return Number(row?.count ?? 0);
  }

  async insertUserSession(session: StoredUserSession): Promise<void> {
    await this.db
      .insertInto('user_sessions')
      .values({
        session_hash: session.sessionHash,
        person_id: session.personId,
        created_at: session.createdAt,
        expires_at: session.expiresAt,
        last_seen_at: session.lastSeenAt,
      })
      .execute();
  }

  async findUserSession(sessionHash: string): Promise<StoredUserSession | null> {
    const row = await this.db
      .selectFrom('user_sessions')
      .selectAll()
      .where('session_hash', '=', sessionHash)
      .executeTakeFirst();
    return row ? toSession(row) : null;
  }

  async touchUserSession(sessionHash: string, lastSeenAt: string): Promise<void> {
    await this.db
      .updateTable('user_sessions')
      .set({ last_seen_at: lastSeenAt })
      .where('session_hash', '=', sessionHash)
      .execute();
  }

  async deleteUserSession(sessionHash: string): Promise<void> {
    await this.db.deleteFrom('user_sessions').where('session_hash', '=', sessionHash).execute();
  }

  async deleteUserSessionsOf(personId: string): Promise<void> {
    await this.db.deleteFrom('user_sessions').where('person_id', '=', personId).execute();
  }
}
