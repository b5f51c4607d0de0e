import { FORMER_PARTICIPANT, type RoomPerson } from '../../domain/live/room-events.ts';
import type { Store } from '../ports.ts';

/** Names and governments of people shown in a room; people who no longer exist are former participants. */
export async function lookupRoomPeople(
  store: Store,
  ids: Iterable<string>,
): Promise<Map<string, RoomPerson>> {
  const unique = [...new Set(ids)];
  const found = new Map<string, RoomPerson>();
  if (unique.length === 0) return found;
  const governments = new Map((await store.people.listGovernments()).map((g) => [g.id, g.country]));
  for (let i = 0; i < unique.length; i += 500) {
    for (const person of await store.people.findPeopleByIds(unique.slice(i, i + 500))) {
      found.set(person.id, {
        id: person.id,
        name: person.name,
        government: person.governmentId ? (governments.get(person.governmentId) ?? '') : '',
      });
    }
  }
  for (const id of unique) if (!found.has(id)) found.set(id, { id, ...FORMER_PARTICIPANT });
  return found;
}
