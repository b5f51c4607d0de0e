import type { InvitationStatus } from '../../domain/access/roles.ts';
import type { Edition } from '../../domain/convening/edition.ts';
import type { Government } from '../../domain/people/person.ts';
import { NotFoundError, type UseCaseDeps } from '../deps.ts';
import type { InviteeRecord, Store } from '../ports.ts';

/** An edition's invitees with their governments, for the organizers' list. */
export interface InviteeList {
  edition: Edition;
  invitees: (InviteeRecord & { government: Government | null })[];
  counts: Record<InvitationStatus, number>;
}

/** The edition with this address name, or NotFoundError. */
export async function requireEdition(store: Store, slug: string): Promise<Edition> {
  const edition = await store.programme.findEditionBySlug(slug);
  if (!edition) throw new NotFoundError(`The edition "${slug}"`);
  return edition;
}

/** An edition's invitees with their governments, by name. */
export async function readInvitees(store: Store, edition: Edition) {
  const [records, governments] = await Promise.all([
    store.invitees.listInviteeRecords(edition.id),
    store.people.listGovernments(),
  ]);
  const byId = new Map(governments.map((government) => [government.id, government]));
  return records.map((record) => ({
    ...record,
    government:
      record.person.governmentId === null ? null : (byId.get(record.person.governmentId) ?? null),
  }));
}

/** Everyone invited to the edition, by name, and how many are at each step. */
export async function listInvitees(deps: UseCaseDeps, slug: string): Promise<InviteeList> {
  const edition = await requireEdition(deps.store, slug);
  const invitees = await readInvitees(deps.store, edition);
  const counts: Record<InvitationStatus, number> = { invited: 0, registered: 0, declined: 0 };
  for (const invitee of invitees) counts[invitee.progress.status] += 1;
  return { edition, invitees, counts };
}
