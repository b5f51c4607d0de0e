import type { Actor } from '../../domain/access/actor.ts';
import {
  suggestPeers,
  type PeerProfile,
  type PeerSuggestion,
} from '../../domain/peers/suggest-peers.ts';
import type { Person } from '../../domain/people/person.ts';
import { listPeopleMet } from '../breakouts/people-met.ts';
import type { UseCaseDeps } from '../deps.ts';
import type { PersonTheme } from '../ports.ts';
import { teamLabel } from '../introductions/introductions.ts';

/** A suggestion as the page shows it: name, team and reasons, never an email address. */
export interface ShownPeerSuggestion extends PeerSuggestion {
  team: string;
}

function themesBy(rows: PersonTheme[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const row of rows) map.set(row.personId, [...(map.get(row.personId) ?? []), row.theme]);
  return map;
}

/**
 * Up to ten people from other governments worth meeting for the signed-in person, with the
 * reasons (src/domain/peers/suggest-peers.ts): only people listed in the directory, never people
 * they met in a breakout room or anyone blocked either way.
 */
export async function listSuggestedPeers(
  deps: Pick<UseCaseDeps, 'store' | 'clock'>,
  actor: Extract<Actor, { kind: 'person' }>,
): Promise<ShownPeerSuggestion[]> {
  const { store } = deps;
  const [viewer] = await store.people.findPeopleByIds([actor.personId]);
  if (!viewer) return [];
  const profiles = new Map(
    (await store.directory.listListedProfiles()).map((p) => [p.personId, p]),
  );
  const listedIds = [...profiles.keys()];
  const candidates = await store.people.findPeopleByIds(listedIds);
  const everyone = [viewer, ...candidates];
  const ids = everyone.map((person) => person.id);
  const [declared, asked, met, blocked, governments] = await Promise.all([
    store.peers.listDeclaredThemes(ids),
    store.peers.listQuestionThemes(ids),
    listPeopleMet(deps, actor.personId),
    store.introductions.listBlockedEitherWay(actor.personId),
    store.people.listGovernments(),
  ]);
  const struggling = themesBy(declared.struggling);
  const helping = themesBy(declared.helping);
  // The viewer's own upvotes count towards what interests them; other people's only through
  // the questions they asked under their name, as upvotes are never shown by name.
  const viewerInterests = themesBy(asked.filter((row) => row.personId === viewer.id));
  const askedAbout = themesBy(asked.filter((row) => row.how === 'asked'));
  // Someone who hides their themes in the directory is suggested only for their questions, so
  // that no reason shows what they chose not to.
  const showsThemes = (person: Person) =>
    person.id === viewer.id || profiles.get(person.id)?.shows.themes === true;
  const profile = (person: Person): PeerProfile => ({
    personId: person.id,
    name: person.name,
    governmentId: person.governmentId,
    maturity: person.maturity,
    struggling: showsThemes(person) ? (struggling.get(person.id) ?? []) : [],
    helping: showsThemes(person) ? (helping.get(person.id) ?? []) : [],
    askedAbout: (person.id === viewer.id ? viewerInterests : askedAbout).get(person.id) ?? [],
  });
  const suggestions = suggestPeers({
    viewer: profile(viewer),
    candidates: candidates.map(profile),
    listedIds,
    metIds: met.map((m) => m.person.id),
    blockedIds: blocked,
  });
  const byId = new Map(candidates.map((person) => [person.id, person]));
  const governmentsById = new Map(governments.map((g) => [g.id, g]));
  return suggestions.map((suggestion) => {
    const governmentId = byId.get(suggestion.personId)?.governmentId;
    const shows = profiles.get(suggestion.personId)?.shows;
    // Their team only as far as they show it in the directory.
    const government = governmentId ? governmentsById.get(governmentId) : undefined;
    const team =
      government && shows?.government
        ? shows.team
          ? teamLabel(government)
          : government.country
        : '';
    return { ...suggestion, team };
  });
}
