import {
  checkDirectoryQuery,
  entryAsShown,
  findEntries,
  pageOf,
  type DirectoryEntry,
  type DirectoryQuery,
  type ResultPage,
} from '../../domain/directory/directory.ts';
import {
  defaultDirectoryShows,
  type DirectoryProfile,
} from '../../domain/directory/directory-profile.ts';
import type { FieldError } from '../../domain/shared/result.ts';
import type { UseCaseDeps } from '../deps.ts';
import { loadDirectorySources } from './directory-sources.ts';

/** One page of the directory, or the problems with what was asked. */
export interface DirectoryResults {
  /** Null when the query had problems; `errors` says which. */
  query: DirectoryQuery | null;
  errors: FieldError[];
  results: ResultPage<DirectoryEntry>;
  /** What the filters offer: only values that some entry shows. */
  options: { governments: { code: string; country: string }[]; themes: string[] };
}

/**
 * The directory as a signed-in attendee sees it: the listed people, each with the fields they
 * chose to show, searched, filtered and cut into pages. Who may see it is the caller's to check.
 */
export async function browseDirectory(
  deps: Pick<UseCaseDeps, 'store'>,
  raw: Record<string, unknown>,
): Promise<DirectoryResults> {
  const profiles = await deps.store.directory.listListedProfiles();
  const byPerson = new Map(profiles.map((profile) => [profile.personId, profile]));
  const sources = await loadDirectorySources(deps.store, [...byPerson.keys()]);
  const entries = sources.flatMap((source) => {
    const entry = entryAsShown(source, byPerson.get(source.personId) ?? null);
    return entry ? [entry] : [];
  });

  // Every government and theme name known is a valid filter value (so an old link reads "no
  // results" rather than an error), but the lists offer only what some entry shows.
  const [governments, editions] = await Promise.all([
    deps.store.people.listGovernments(),
    deps.store.programme.listEditions(),
  ]);
  const themeNames = new Set<string>();
  for (const edition of editions)
    for (const theme of await deps.store.programme.listThemes(edition.id))
      themeNames.add(theme.name);
  const checked = checkDirectoryQuery(raw, {
    governmentCodes: governments.map((government) => government.code),
    themeNames: [...themeNames],
  });

  const shownGovernments = new Map<string, string>();
  const shownThemes = new Map<string, string>();
  for (const entry of entries) {
    if (entry.government) shownGovernments.set(entry.government.code, entry.government.country);
    for (const name of [...(entry.themes?.struggling ?? []), ...(entry.themes?.helping ?? [])])
      shownThemes.set(
        name.toLocaleLowerCase('en'),
        shownThemes.get(name.toLocaleLowerCase('en')) ?? name,
      );
  }
  const options = {
    governments: [...shownGovernments]
      .map(([code, country]) => ({ code, country }))
      .sort((a, b) => a.country.localeCompare(b.country, 'en') || a.code.localeCompare(b.code)),
    themes: [...shownThemes.values()].sort((a, b) => a.localeCompare(b, 'en')),
  };

  if (!checked.ok)
    return {
      query: null,
      errors: checked.errors,
      results: pageOf(entries.slice(0, 0), 1),
      options,
    };
  return {
    query: checked.value,
    errors: [],
    results: pageOf(findEntries(entries, checked.value), checked.value.page),
    options,
  };
}

/** A person's own directory settings, and their entry as others would see it when listed. */
export interface OwnDirectoryProfile {
  profile: DirectoryProfile;
  /** Whether they ever chose (a profile is stored); a first visit shows the defaults. */
  isStored: boolean;
  /** How the entry looks with these choices, listed or not. */
  preview: DirectoryEntry | null;
}

/** Loads the person's choices (the defaults, unlisted, when they never chose) and the preview. */
export async function loadOwnDirectoryProfile(
  deps: Pick<UseCaseDeps, 'store' | 'clock'>,
  personId: string,
): Promise<OwnDirectoryProfile> {
  const stored = await deps.store.directory.findProfile(personId);
  const profile: DirectoryProfile = stored ?? {
    personId,
    listed: false,
    shows: defaultDirectoryShows(),
    updatedAt: deps.clock.now().toISOString(),
  };
  const [source] = await loadDirectorySources(deps.store, [personId]);
  return {
    profile,
    isStored: stored !== null,
    preview: source ? entryAsShown(source, { ...profile, listed: true }) : null,
  };
}
