import { DateTime } from 'luxon';
import type { BreakoutParticipant } from '../../app/breakouts/breakout-context.ts';
import type {
  BreakoutBoard,
  MyBreakoutRooms,
  RoomView,
  RoundView,
} from '../../app/breakouts/breakout.queries.ts';
import type { BreakoutScore } from '../../domain/breakouts/breakout-problem.ts';
import { NOTE_SECTIONS, type Notes, type NoteSections } from '../../domain/notes/notes.ts';
import { PERSON_ROLE_LABELS, TEAM_MATURITY_LABELS } from '../../domain/people/person.ts';
import { formatDateTime, formatShortDate, formatTimeRange } from './time.ts';

/** Messages shown once after a change, chosen by a key in the address. */
export const BREAKOUT_DONE: Record<string, string> = {
  settings: 'The room sizes were saved. They apply the next time you plan the rounds.',
  apart: 'The two people will be kept in different rooms the next time you plan the rounds.',
  'apart-removed': 'The pair may share a room again.',
  absent:
    'The person was marked absent from the round. Plan the rounds again to take it into account.',
  present: 'The person is no longer marked absent from the round.',
  link: 'The round’s meeting link was saved.',
  planned: 'All rounds were planned. Check the rooms, then publish them.',
  regenerated: 'The rounds were planned again. Locked rooms were kept as they were.',
  'planned-held':
    'The rounds still to come were planned. Rounds that have started kept their rooms. Check the rooms, then publish them: until then attendees see no rooms.',
  'regenerated-held':
    'The rounds still to come were planned again. Locked rooms and rounds that have started kept their rooms. Publish them: until then attendees see no rooms.',
  moved: 'The person was moved.',
  locked: 'The room was locked: planning again keeps it as it is.',
  unlocked: 'The room was unlocked.',
  published: 'The rooms were published. Attendees now see their room.',
  rapporteur: 'The room’s rapporteur was saved.',
};

const listNames = (names: string[]) =>
  names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;

/** The message after a round was re-planned live, naming who changed room. */
export function describeReplan({ moved, placed }: { moved: string[]; placed: string[] }): string {
  return [
    'The round was re-planned and attendees see their new rooms.',
    moved.length > 0
      ? `Moved to another room: ${listNames(moved)}.`
      : 'Nobody already in a room had to move.',
    ...(placed.length > 0 ? [`Placed in a room: ${listNames(placed)}.`] : []),
    'Everyone else keeps their room.',
  ].join(' ');
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** The parts of a score in words, worst first, as the contract orders them. */
export function describeScore(score: BreakoutScore): string[] {
  return [
    ...(score.apartViolations > 0
      ? [`${plural(score.apartViolations, 'pair', 'pairs')} kept apart share a room`]
      : []),
    `${plural(score.repeatPairs, 'repeat meeting', 'repeat meetings')}: pairs who meet again, in this edition or an earlier one`,
    `${plural(score.sameGovernmentPairs, 'pair', 'pairs')} from the same government in one room`,
    `${plural(score.roomsWithoutMaturityMix, 'room', 'rooms')} without a mix of teams starting out and teams with momentum`,
    `${plural(score.duplicateRolePairs, 'pair', 'pairs')} with the same role in one room`,
  ];
}

function describePerson(participant: BreakoutParticipant) {
  return {
    id: participant.person.id,
    name: participant.name,
    email: participant.person.email,
    government: participant.government?.country ?? 'No government',
    role: PERSON_ROLE_LABELS[participant.person.role],
    maturity: TEAM_MATURITY_LABELS[participant.person.maturity],
  };
}

/** The organizers' page: settings, pairs, absences and the rooms of each round. */
export function presentBreakoutBoard(board: BreakoutBoard) {
  const { context } = board;
  const zone = context.edition.homeTimeZone;
  const name = (id: string) => context.peopleById.get(id)?.name ?? 'Someone no longer registered';
  return {
    status: context.plan.status,
    revision: context.plan.revision,
    statusLabel: context.plan.status === 'published' ? 'Published' : 'Draft',
    roomSize: context.plan.roomSize,
    score: context.plan.score ? describeScore(context.plan.score) : null,
    plannedAt: context.plan.plannedAt ? formatDateTime(context.plan.plannedAt, zone) : null,
    publishedAt: context.plan.publishedAt ? formatDateTime(context.plan.publishedAt, zone) : null,
    hasRooms: context.rooms.length > 0,
    hasLockedRooms: context.rooms.some((room) => room.locked),
    participantCount: context.participants.length,
    people: [
      { value: '', label: 'Choose a person' },
      ...context.participants.map((p) => ({
        value: p.person.id,
        label: `${p.name} (${p.government?.country ?? 'no government'})`,
      })),
    ],
    roundOptions: [
      { value: '', label: 'Choose a round' },
      ...board.rounds.map((view) => ({
        value: view.round.id,
        label: `Round ${view.number}: ${view.round.title}`,
      })),
    ],
    apart: context.apart.map(([first, second]) => ({
      first,
      second,
      label: `${name(first)} and ${name(second)}`,
    })),
    absences: context.absences.map((absence) => {
      const view = board.rounds.find((r) => r.round.id === absence.sessionId);
      return {
        ...absence,
        label: `${name(absence.personId)}, round ${view?.number ?? '?'}`,
      };
    }),
    rounds: board.rounds.map((view) => ({
      id: view.round.id,
      number: view.number,
      title: view.round.title,
      when: `${formatShortDate(view.round.startsAt, zone)}, ${formatTimeRange(view.round.startsAt, view.round.endsAt, zone)}`,
      meetingUrl: view.meetingUrl,
      nightCount: view.absent.filter((a) => a.reason === 'night').length,
      absent: view.absent.map((a) => ({
        name: a.participant.name,
        reason: a.reason === 'night' ? 'night in their time zone' : 'marked absent',
      })),
      // For re-planning a published round live: who is in it, and who could still join it.
      replan:
        context.plan.status === 'published' && view.rooms.length > 0
          ? replanChoices(context, view)
          : null,
      // Notes of rooms a re-plan dissolved stay with the round, by the room's name then.
      formerRoomNotes: board.notes
        .filter(
          (notes) =>
            notes.kind === 'breakout-room' &&
            notes.sessionId === view.round.id &&
            notes.breakoutRoomId === null,
        )
        .map((notes) => ({
          roomName: notes.roomName,
          sections: presentNoteSections(notes.sections),
        })),
      rooms: view.rooms.map((room) => ({
        id: room.room.id,
        name: room.room.name,
        notes: describeNotesState(
          board.notes.find((notes) => notes.breakoutRoomId === room.room.id),
          board.noteAuthors,
          zone,
        ),
        locked: room.room.locked,
        videoUrl: room.videoUrl,
        rapporteurId: room.room.rapporteurId ?? '',
        rapporteurOptions: [
          { value: '', label: 'Nobody' },
          ...[...new Set([...context.rapporteurIds, ...room.room.memberIds])].map((id) => ({
            value: id,
            label: `${name(id)}${context.rapporteurIds.includes(id) ? ' (rapporteur)' : ''}`,
          })),
        ],
        members: room.members.map((member) => ({
          ...describePerson(member),
          moveOptions: view.rooms
            .filter((other) => other.room.id !== room.room.id)
            .map((other) => ({
              value: other.room.id,
              label: `${other.room.name} (${plural(other.members.length, 'person', 'people')})${other.room.locked ? ', locked' : ''}`,
            })),
        })),
      })),
    })),
  };
}

/** "Saved by Rae Rapporteur, 17 Nov 2020, 15:40 (version 3)" or null when nothing is written. */
function describeNotesState(
  notes: Notes | undefined,
  authors: Map<string, string>,
  zone: string,
): string | null {
  if (!notes) return null;
  const by = (notes.updatedBy && authors.get(notes.updatedBy)) || 'someone who has left';
  return `Saved by ${by}, ${formatDateTime(notes.updatedAt, zone)} (version ${notes.version})`;
}

/** The sections of a set of notes that have text, each with its label. */
export function presentNoteSections(sections: NoteSections) {
  return NOTE_SECTIONS.filter(({ key }) => sections[key].trim() !== '').map(({ key, label }) => ({
    key,
    label,
    text: sections[key],
  }));
}

/** The people of a round to mark as not there, and the registered people to add to it, by name. */
function replanChoices(context: BreakoutBoard['context'], view: RoundView) {
  const inRound = new Set(view.rooms.flatMap((room) => room.room.memberIds));
  const option = (p: BreakoutParticipant) => ({
    value: p.person.id,
    label: `${p.name} (${p.government?.country ?? 'no government'})`,
  });
  return {
    present: view.rooms
      .flatMap((room) => room.members)
      .sort((a, b) => a.name.localeCompare(b.name, 'en'))
      .map(option),
    latecomers: context.participants.filter((p) => !inRound.has(p.person.id)).map(option),
  };
}

/** "14:05": the time now where a member is, with the zone's short name. */
function localTimeNow(now: Date, zone: string): string {
  const local = DateTime.fromJSDate(now).setZone(zone).setLocale('en-GB');
  return local.isValid ? local.toFormat('HH:mm ZZZZ') : '';
}

function presentRoom(
  view: RoomView,
  viewerId: string,
  now: Date,
  rapporteur: string | null,
  notes: { editionSlug: string; hasNotes: boolean },
) {
  const isRapporteur = view.room.rapporteurId === viewerId;
  return {
    name: view.room.name,
    rapporteur,
    isRapporteur,
    notesUrl:
      isRapporteur || notes.hasNotes
        ? `/editions/${notes.editionSlug}/breakouts/rooms/${view.room.id}/notes`
        : null,
    videoUrl: view.videoUrl,
    members: view.members.map((member) => ({
      ...describePerson(member),
      isYou: member.person.id === viewerId,
      localTime: localTimeNow(now, member.timeZone),
      timeZone: member.timeZone.replace(/_/g, ' '),
    })),
  };
}

/**
 * The attendee's page: their room in each round, the round happening now or next first. Past
 * rounds stay listed (labelled by round), so the page also works as a record afterwards.
 */
export function presentMyBreakoutRooms(
  mine: MyBreakoutRooms,
  viewerId: string,
  zone: string,
  now: Date,
) {
  const at = now.toISOString();
  const current = mine.rounds.find((r) => r.round.startsAt <= at && at < r.round.endsAt);
  const next = current ? undefined : mine.rounds.find((r) => r.round.startsAt > at);
  const rounds = mine.rounds.map((entry) => {
    const timing =
      entry === current
        ? 'now'
        : entry === next
          ? 'next'
          : entry.round.endsAt <= at
            ? 'past'
            : 'later';
    return {
      sessionId: entry.round.id,
      number: entry.number,
      title: entry.round.title,
      timing,
      prompt: entry.round.description,
      when: `${formatShortDate(entry.round.startsAt, zone)}, ${formatTimeRange(entry.round.startsAt, entry.round.endsAt, zone)}`,
      endsAt: entry.round.endsAt,
      // The date is in `when` just above: the end is the time alone.
      endsAtLocal: localTimeNow(new Date(entry.round.endsAt), zone),
      startsAtLocal: formatDateTime(entry.round.startsAt, zone),
      room: entry.room
        ? presentRoom(
            entry.room,
            viewerId,
            now,
            entry.room.room.rapporteurId
              ? (mine.context.peopleById.get(entry.room.room.rapporteurId)?.name ?? null)
              : null,
            {
              editionSlug: mine.context.edition.slug,
              hasNotes: mine.notedRoomIds.has(entry.room.room.id),
            },
          )
        : null,
    };
  });
  const featured =
    rounds.find((r) => r.timing === 'now') ?? rounds.find((r) => r.timing === 'next');
  return {
    isPublished: mine.isPublished,
    met:
      mine.met.people > 0
        ? `So far you have met ${plural(mine.met.people, 'person', 'people')}${mine.met.governments > 0 ? ` from ${plural(mine.met.governments, 'government', 'governments')}` : ''} in breakout rooms.`
        : null,
    featured: featured ?? null,
    others: rounds.filter((r) => r !== featured),
  };
}
