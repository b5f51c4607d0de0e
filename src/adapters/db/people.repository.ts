import type { Kysely } from 'kysely';
import type { PeopleStore } from '../../app/ports.ts';
import type { Government, Person, PersonRole, TeamMaturity } from '../../domain/people/person.ts';
import type { Database, PeopleTable } from './schema.ts';

function toPerson(row: PeopleTable): Person {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    governmentId: row.government_id,
    role: row.role as PersonRole,
    maturity: row.maturity as TeamMaturity,
    timeZone: row.time_zone,
  };
}

/** All SQL about governments, people and invitations to editions. */
export class PeopleRepository implements PeopleStore {
  constructor(private readonly db: Kysely<Database>) {}

  async listGovernments(): Promise<Government[]> {
    const rows = await this.db.selectFrom('governments').selectAll().orderBy('country').execute();
    return rows.map((row) => ({
      id: row.id,
      code: row.code,
      country: row.country,
      teamName: row.team_name,
    }));
  }

  async saveGovernment(government: Government): Promise<void> {
    const values = {
      code: government.code,
      country: government.country,
      team_name: government.teamName,
    };
    const existing = await this.db
      .selectFrom('governments')
      .select('id')
      .where('id', '=', government.id)
      .executeTakeFirst();
    if (existing)
      await this.db
        .updateTable('governments')
        .set(values)
        .where('id', '=', government.id)
        .execute();
    else
      await this.db
        .insertInto('governments')
        .values({ id: government.id, ...values })
        .execute();
  }

  async listPeople(): Promise<Person[]> {
    const rows = await this.db.selectFrom('people').selectAll().orderBy('name').execute();
    return rows.map(toPerson);
  }

  async findPeopleByEmails(emails: string[]): Promise<Person[]> {
    if (emails.length === 0) return [];
    const rows = await this.db
      .selectFrom('people')
      .selectAll()
      .where('email', 'in', emails)
      .execute();
    return rows.map(toPerson);
  }

  async findPeopleByIds(ids: string[]): Promise<Person[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('people').selectAll().where('id', 'in', ids).execute();
    return rows.map(toPerson);
  }

  async savePerson(person: Person): Promise<void> {
    const values = {
      name: person.name,
      government_id: person.governmentId,
      role: person.role,
      maturity: person.maturity,
      time_zone: person.timeZone,
    };
    const existing = await this.db
      .selectFrom('people')
      .select('id')
      .where('email', '=', person.email)
      .executeTakeFirst();
    if (existing)
      await this.db.updateTable('people').set(values).where('id', '=', existing.id).execute();
    else
      await this.db
        .insertInto('people')
        .values({ id: person.id, email: person.email, ...values })
        .execute();
  }

  async lockPeople(): Promise<void> {
    // An update that changes nothing still locks the row until the transaction ends.
    await this.db
      .updateTable('store_locks')
      .set({ name: 'people' })
      .where('name', '=', 'people')
      .execute();
  }

  async listInvitees(editionId: string): Promise<Person[]> {
    const rows = await this.db
      .selectFrom('edition_invitees as i')
      .innerJoin('people as p', 'p.id', 'i.person_id')
      .selectAll('p')
      .where('i.edition_id', '=', editionId)
      .orderBy('p.name')
      .execute();
    return rows.map(toPerson);
  }

  async addInvitee(editionId: string, personId: string, invitedAt: string): Promise<void> {
    const existing = await this.db
      .selectFrom('edition_invitees')
      .select('person_id')
      .where('edition_id', '=', editionId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    if (!existing) {
      await this.db
        .insertInto('edition_invitees')
        .values({ edition_id: editionId, person_id: personId, invited_at: invitedAt })
        .execute();
    }
  }
}
