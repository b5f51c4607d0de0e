import type { Actor } from '../../domain/access/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { writeCsv } from '../csv/write-csv.ts';
import type { UseCaseDeps } from '../deps.ts';
import { readInvitees, requireEdition } from './invitee.queries.ts';

/** The attendee list as a file to download. */
export interface AttendeeFile {
  fileName: string;
  csv: string;
  rowCount: number;
}

/** The columns of the attendee list; the first eight are those of the invitee import. */
export const ATTENDEE_LIST_COLUMNS = [
  'name',
  'email',
  'government',
  'country',
  'team',
  'role',
  'team_maturity',
  'time_zone',
  'invitation_status',
  'display_name',
  'accessibility_needs',
  'sessions',
] as const;

/**
 * The attendee list of an edition as CSV: every invitee with their invitation status and,
 * only for those who registered, what they registered (the name they chose, their
 * accessibility needs, the sessions they plan to attend). Downloading it is recorded in the
 * audit log, since the file holds personal data.
 */
export async function exportAttendeeList(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
): Promise<AttendeeFile> {
  return deps.store.transaction(async (store) => {
    const edition = await requireEdition(store, slug);
    const [invitees, sessions] = await Promise.all([
      readInvitees(store, edition),
      store.programme.listSessions(edition.id),
    ]);
    // Sessions come in programme order, so each person's plans read in that order too.
    const rows = invitees.map(({ person, progress, registration, government }) => {
      const registered = progress.status === 'registered' ? registration : null;
      const planned = new Set(registered?.sessionIds ?? []);
      return [
        person.name,
        person.email,
        government?.code ?? '',
        government?.country ?? '',
        government?.teamName ?? '',
        person.role,
        person.maturity,
        person.timeZone,
        progress.status,
        registered?.displayName ?? '',
        registered?.accessibilityNeeds ?? '',
        sessions
          .filter((session) => planned.has(session.id))
          .map((session) => session.title)
          .join('; '),
      ];
    });
    await recordAudit(
      deps,
      store,
      actor,
      edition.id,
      'attendees.exported',
      `Downloaded the attendee list of ${edition.name} (${rows.length} ${rows.length === 1 ? 'person' : 'people'}).`,
    );
    return {
      fileName: `${edition.slug}-attendees.csv`,
      csv: writeCsv(ATTENDEE_LIST_COLUMNS, rows),
      rowCount: rows.length,
    };
  });
}
