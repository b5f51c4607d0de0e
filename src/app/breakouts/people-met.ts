import type { Edition } from '../../domain/convening/edition.ts';
import type { Session } from '../../domain/convening/session.ts';
import type { Government, Person } from '../../domain/people/person.ts';
import type { UseCaseDeps } from '../deps.ts';

/** Someone the person sat with in a breakout room, and every round where they did. */
export interface PersonMet {
  person: Person;
  government: Government | null;
  /** Earliest first. */
  rounds: { edition: Edition; round: Session; roomName: string }[];
}

/**
 * Who the person met in breakout rooms: the published rooms of every edition whose round has
 * started by now (rooms of rounds still to come are plans, not meetings). Re-planning a round
 * live (drop-outs, late joiners) rewrites its rooms, so this is who was actually placed
 * together. By name.
 */
export async function listPeopleMet(
  deps: Pick<UseCaseDeps, 'store' | 'clock'>,
  personId: string,
): Promise<PersonMet[]> {
  const meetings = await deps.store.breakouts.listMeetings(personId);
  if (meetings.length === 0) return [];
  const now = deps.clock.now().toISOString();
  const editions = new Map<string, Edition>();
  const rounds = new Map<string, Session>();
  for (const editionId of new Set(meetings.map((m) => m.editionId))) {
    const edition = await deps.store.programme.findEditionById(editionId);
    if (!edition) continue;
    editions.set(editionId, edition);
    for (const session of await deps.store.programme.listSessions(editionId))
      rounds.set(session.id, session);
  }
  const held = meetings.filter((m) => {
    const round = rounds.get(m.sessionId);
    return round !== undefined && round.startsAt <= now && editions.has(m.editionId);
  });
  const people = await deps.store.people.findPeopleByIds([
    ...new Set(held.map((m) => m.otherPersonId)),
  ]);
  const governments = new Map(
    (await deps.store.people.listGovernments()).map((government) => [government.id, government]),
  );
  return people
    .map((person) => ({
      person,
      government: person.governmentId ? (governments.get(person.governmentId) ?? null) : null,
      rounds: held
        .filter((m) => m.otherPersonId === person.id)
        .map((m) => ({
          edition: editions.get(m.editionId)!,
          round: rounds.get(m.sessionId)!,
          roomName: m.roomName,
        }))
        .sort((a, b) => a.round.startsAt.localeCompare(b.round.startsAt)),
    }))
    .sort((a, b) => a.person.name.localeCompare(b.person.name, 'en'));
}
