import type { DirectoryEdition, DirectorySource } from '../../domain/directory/directory.ts';
import type { Edition, Theme } from '../../domain/convening/edition.ts';
import type { Store } from '../ports.ts';

/**
 * What the directory could show of these people, before their choices apply: the name they
 * last registered with, their government, role, the themes they named in any edition and the
 * editions they took part in (registered, spoke or were on the team). Draft editions are left
 * out: they are not announced yet.
 */
export async function loadDirectorySources(
  store: Pick<Store, 'directory' | 'programme'>,
  personIds: string[],
): Promise<DirectorySource[]> {
  const records = await store.directory.listDirectoryPeople(personIds);
  if (records.length === 0) return [];
  const editions = new Map<string, Edition>(
    (await store.programme.listEditions()).map((edition) => [edition.id, edition]),
  );
  const themes = new Map<string, Theme>();
  const editionIdsWithThemes = new Set(
    records.flatMap((record) => record.registrations.map((r) => r.editionId)),
  );
  for (const editionId of editionIdsWithThemes)
    for (const theme of await store.programme.listThemes(editionId)) themes.set(theme.id, theme);
  const themeNames = (ids: string[]) => [
    ...new Set(ids.flatMap((id) => (themes.has(id) ? [themes.get(id)!.name] : []))),
  ];

  return records.map((record) => {
    const taken = [...record.registrations.map((r) => r.editionId), ...record.memberEditionIds];
    const shownEditions: DirectoryEdition[] = [...new Set(taken)]
      .flatMap((id) => {
        const edition = editions.get(id);
        return edition && edition.status !== 'draft'
          ? [{ slug: edition.slug, name: edition.name, year: edition.year }]
          : [];
      })
      .sort((a, b) => a.year - b.year || a.name.localeCompare(b.name, 'en'));
    const latest = record.registrations[0];
    return {
      personId: record.personId,
      name: latest?.displayName.trim() || record.name,
      government: record.government
        ? {
            code: record.government.code,
            country: record.government.country,
            teamName: record.government.teamName,
          }
        : null,
      role: record.role,
      strugglingThemes: themeNames(record.registrations.flatMap((r) => r.strugglingThemeIds)),
      helpingThemes: themeNames(record.registrations.flatMap((r) => r.helpingThemeIds)),
      editions: shownEditions,
    };
  });
}
