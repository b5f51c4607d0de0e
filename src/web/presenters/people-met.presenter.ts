import type { Acquaintance, MeetingPlace } from '../../app/directory/people-met.queries.ts';
import { writeCsv } from '../../app/csv/write-csv.ts';
import { PERSON_ROLE_LABELS } from '../../domain/people/person.ts';
import { writeVcards } from '../../domain/directory/vcard.ts';
import { formatDateTime } from './time.ts';

/** "Breakout round 1, room 3" or "Were in the session Opening panel together". */
export function describeWhere(meeting: MeetingPlace): string {
  return meeting.kind === 'breakout'
    ? `${meeting.session.title}, breakout room ${meeting.roomName ?? ''}`.trim()
    : `Were in the session ${meeting.session.title} together`;
}

/** The people someone met as their page lists them, times in the viewer's zone. */
/** Where someone asks for an introduction to a person (the introductions pages). */
export const introductionPathOf = (personId: string) =>
  `/introductions/ask/${encodeURIComponent(personId)}`;

export function presentPeopleMet(people: Acquaintance[], zone: string) {
  return people.map((person) => ({
    name: person.name,
    introductionPath: introductionPathOf(person.personId),
    country: person.country,
    team: person.team,
    role: person.role ? PERSON_ROLE_LABELS[person.role] : null,
    meetings: person.meetings.map((meeting) => ({
      where: describeWhere(meeting),
      edition: meeting.edition.name,
      editionPath: `/editions/${meeting.edition.slug}`,
      sessionPath: `/editions/${meeting.edition.slug}/sessions/${meeting.session.id}`,
      when: formatDateTime(meeting.at, zone),
      datetime: meeting.at,
    })),
  }));
}

/** Where and when, in one line per meeting, for the exports. */
function meetingLines(person: Acquaintance, zone: string): string[] {
  return person.meetings.map(
    (meeting) =>
      `${meeting.edition.name}: ${describeWhere(meeting)} (${formatDateTime(meeting.at, zone)})`,
  );
}

/** The columns of the CSV export: no email or other contact detail (see README). */
export const PEOPLE_MET_COLUMNS = [
  'Name',
  'Government',
  'Team',
  'Role',
  'Where you met',
  'First met',
];

/** The people someone met as a CSV file, one row per person (formulas neutralised by writeCsv). */
export function peopleMetCsv(people: Acquaintance[], zone: string): string {
  return writeCsv(
    PEOPLE_MET_COLUMNS,
    people.map((person) => [
      person.name,
      person.country ?? '',
      person.team ?? '',
      person.role ? PERSON_ROLE_LABELS[person.role] : '',
      meetingLines(person, zone).join('; '),
      person.meetings[0] ? formatDateTime(person.meetings[0].at, zone) : '',
    ]),
  );
}

/** The people someone met as vCard 4.0 cards, one per person, with where they met in NOTE. */
export function peopleMetVcards(people: Acquaintance[], zone: string): string {
  return writeVcards(
    people.map((person) => ({
      fullName: person.name,
      organization: person.country ? { name: person.country, unit: person.team } : null,
      title: person.role ? PERSON_ROLE_LABELS[person.role] : null,
      note: ['Met through Convene:', ...meetingLines(person, zone)].join('\n'),
      email: null,
    })),
  );
}
