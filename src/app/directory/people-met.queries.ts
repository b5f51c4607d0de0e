import type { Edition } from '../../domain/convening/edition.ts';
import type { Session } from '../../domain/convening/session.ts';
import type { PersonRole } from '../../domain/people/person.ts';
import { listPeopleMet } from '../breakouts/people-met.ts';
import type { UseCaseDeps } from '../deps.ts';
import { loadDirectorySources } from './directory-sources.ts';

/** One time two people were together: a breakout room, or a session's room. */
export interface MeetingPlace {
  kind: 'breakout' | 'session';
  edition: { slug: string; name: string };
  session: { id: string; title: string };
  /** The breakout room's name; null for a session's room. */
  roomName: string | null;
  /** When: the round's start, or when both were first in the session's room. */
  at: string;
}

/**
 * Someone the person met, as their private list shows them. Meeting is a fact, so people who
 * are not in the directory appear too, but only with their name and government (both were in
 * front of everyone in the room); team and role only when they are listed and show them. No
 * email or other contact detail: an introduction is how people exchange those.
 */
export interface Acquaintance {
  personId: string;
  name: string;
  country: string | null;
  team: string | null;
  role: PersonRole | null;
  /** Earliest first. */
  meetings: MeetingPlace[];
}

/**
 * The people a person met: in the breakout rooms they were actually placed in (rounds that
 * have started, see listPeopleMet) and in the session rooms they were in at the same time as
 * others. By name.
 */
export async function listAcquaintances(
  deps: Pick<UseCaseDeps, 'store' | 'clock'>,
  personId: string,
): Promise<Acquaintance[]> {
  const [breakouts, companions] = await Promise.all([
    listPeopleMet(deps, personId),
    deps.store.directory.listSessionCompanions(personId),
  ]);
  const meetings = new Map<string, MeetingPlace[]>();
  const add = (otherId: string, place: MeetingPlace) =>
    meetings.set(otherId, [...(meetings.get(otherId) ?? []), place]);

  for (const met of breakouts)
    for (const round of met.rounds)
      add(met.person.id, {
        kind: 'breakout',
        edition: { slug: round.edition.slug, name: round.edition.name },
        session: { id: round.round.id, title: round.round.title },
        roomName: round.roomName,
        at: round.round.startsAt,
      });

  const editions = new Map<string, Edition>();
  const sessions = new Map<string, Session>();
  for (const companion of companions) {
    if (!editions.has(companion.editionId)) {
      const edition = await deps.store.programme.findEditionById(companion.editionId);
      if (!edition) continue;
      editions.set(edition.id, edition);
      for (const session of await deps.store.programme.listSessions(edition.id))
        sessions.set(session.id, session);
    }
    const edition = editions.get(companion.editionId);
    const session = sessions.get(companion.sessionId);
    if (!edition || !session) continue;
    add(companion.otherPersonId, {
      kind: 'session',
      edition: { slug: edition.slug, name: edition.name },
      session: { id: session.id, title: session.title },
      roomName: null,
      at: companion.togetherAt,
    });
  }

  const ids = [...meetings.keys()];
  const [sources, listed] = await Promise.all([
    loadDirectorySources(deps.store, ids),
    deps.store.directory.listListedPersonIds(ids),
  ]);
  const shows = new Map<string, { team: boolean; role: boolean }>();
  const profiles = await Promise.all(listed.map((id) => deps.store.directory.findProfile(id)));
  for (const profile of profiles)
    if (profile?.listed)
      shows.set(profile.personId, { team: profile.shows.team, role: profile.shows.role });
  return sources
    .map((source) => ({
      personId: source.personId,
      name: source.name,
      country: source.government?.country ?? null,
      team: shows.get(source.personId)?.team ? (source.government?.teamName ?? null) : null,
      role: shows.get(source.personId)?.role ? source.role : null,
      meetings: (meetings.get(source.personId) ?? []).sort((a, b) => a.at.localeCompare(b.at)),
    }))
    .sort(
      (a, b) =>
        a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) ||
        a.personId.localeCompare(b.personId),
    );
}
