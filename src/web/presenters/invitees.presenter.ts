import type {
  InviteeImportCounts,
  InviteeImportPreview,
} from '../../app/invitees/import-invitees.ts';
import type { InviteeList } from '../../app/invitees/invitee.queries.ts';
import type { ImportProblem } from '../../app/programme/programme-document.ts';
import type { InvitationStatus } from '../../domain/access/roles.ts';
import {
  PERSON_ROLE_LABELS,
  TEAM_MATURITY_LABELS,
  type Person,
} from '../../domain/people/person.ts';

/** How many problems the error summary lists; the table below it lists them all. */
const SUMMARY_SIZE = 10;

export const INVITATION_STATUS_LABELS: Record<InvitationStatus, string> = {
  invited: 'Invited',
  registered: 'Registered',
  declined: 'Declined',
};

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** The problems of a file: every one in a table, the first few in the error summary linking to them. */
/** The problems of a refused import: `source` says whether they are in a file or pasted rows. */
export function presentProblems(problems: ImportProblem[], source: 'file' | 'csv' = 'file') {
  const rows = problems.map((problem, index) => ({
    id: `problem-${index + 1}`,
    location: capitalise(problem.location),
    message: problem.message,
  }));
  return {
    count: problems.length,
    heading:
      source === 'csv'
        ? `The rows have ${plural(problems.length, 'problem')}, so nothing was imported`
        : `The file has ${plural(problems.length, 'problem')}, so nothing was imported`,
    summary: rows.slice(0, SUMMARY_SIZE),
    more: Math.max(0, rows.length - SUMMARY_SIZE),
    rows,
  };
}

function describePerson(person: Person) {
  return {
    name: person.name,
    email: person.email,
    role: PERSON_ROLE_LABELS[person.role],
    maturity: TEAM_MATURITY_LABELS[person.maturity],
    timeZone: person.timeZone.replaceAll('_', ' '),
  };
}

/** What an import would do, grouped the way the organizer checks it. */
export function presentPreview(preview: InviteeImportPreview) {
  const { counts } = preview;
  const people = (action: string) =>
    preview.invitees
      .filter((invitee) => invitee.action === action)
      .map((invitee) => ({
        ...describePerson(invitee.person),
        line: invitee.line,
        government: invitee.governmentLabel || 'None',
        changes: invitee.changes,
        invitation: invitee.isNewlyInvited ? 'Will be invited' : 'Already invited',
      }));
  return {
    summary: [
      { label: 'People in the file', value: plural(counts.people, 'person', 'people') },
      { label: 'New people', value: counts.created.toLocaleString('en-GB') },
      { label: 'People whose details change', value: counts.updated.toLocaleString('en-GB') },
      { label: 'People already as the file says', value: counts.unchanged.toLocaleString('en-GB') },
      {
        label: 'Newly invited to this edition',
        value: counts.newlyInvited.toLocaleString('en-GB'),
      },
      { label: 'Already invited', value: counts.alreadyInvited.toLocaleString('en-GB') },
      { label: 'New governments', value: counts.governments.toLocaleString('en-GB') },
    ],
    created: people('create'),
    updated: people('update'),
    unchanged: people('unchanged'),
    governments: preview.governments,
    merged: preview.merged,
    confirmLabel: `Import ${plural(counts.people, 'invitee')}`,
  };
}

/** The banner after an import, from counts in the address (numbers only, so nothing can be injected). */
export function importedBanner(query: Record<string, string | undefined>): string | null {
  const number = (key: keyof InviteeImportCounts) => {
    const value = query[key];
    return value !== undefined && /^\d{1,6}$/.test(value) ? Number(value) : null;
  };
  const [people, created, updated, newlyInvited] = [
    number('people'),
    number('created'),
    number('updated'),
    number('newlyInvited'),
  ];
  if (people === null || created === null || updated === null || newlyInvited === null) return null;
  if (created + updated + newlyInvited === 0)
    return `The file was checked: its ${plural(people, 'person', 'people')} were already in Convene and invited, so nothing changed.`;
  return `Imported ${plural(people, 'invitee')}: ${created} new, ${updated} updated, ${newlyInvited} newly invited.`;
}

/** The address of the invitee list after an import, with the counts for its banner. */
export function importedPath(slug: string, counts: InviteeImportCounts): string {
  const query = new URLSearchParams({
    people: String(counts.people),
    created: String(counts.created),
    updated: String(counts.updated),
    newlyInvited: String(counts.newlyInvited),
  });
  return `/organize/editions/${slug}/invitees?${query.toString()}`;
}

/** The invitee list of an edition, as its page shows it. */
export function presentInviteeList(list: InviteeList) {
  return {
    counts: [
      { label: 'Invited', value: list.invitees.length.toLocaleString('en-GB') },
      { label: 'Registered', value: list.counts.registered.toLocaleString('en-GB') },
      { label: 'Declined', value: list.counts.declined.toLocaleString('en-GB') },
      { label: 'Not answered yet', value: list.counts.invited.toLocaleString('en-GB') },
    ],
    invitees: list.invitees.map(({ person, progress, government }) => ({
      ...describePerson(person),
      government: government ? `${government.country}, ${government.teamName}` : '',
      status: INVITATION_STATUS_LABELS[progress.status],
    })),
  };
}
