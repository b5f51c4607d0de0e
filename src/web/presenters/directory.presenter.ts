import type { DirectoryEntry, ResultPage } from '../../domain/directory/directory.ts';
import { WORLD_REGIONS, WORLD_REGION_LABELS } from '../../domain/directory/world-regions.ts';
import { PERSON_ROLES, PERSON_ROLE_LABELS } from '../../domain/people/person.ts';

/** A directory entry as the page shows it: only what the person chose to show is there. */
export function presentDirectoryEntry(entry: DirectoryEntry) {
  return {
    id: `person-${entry.personId.replace(/[^A-Za-z0-9_-]/g, '-')}`,
    name: entry.name,
    country: entry.government?.country ?? null,
    region: entry.government?.region ? WORLD_REGION_LABELS[entry.government.region] : null,
    team: entry.team,
    role: entry.role ? PERSON_ROLE_LABELS[entry.role] : null,
    themes: entry.themes,
    editions: entry.editions?.map((edition) => ({
      name: edition.name,
      path: `/editions/${edition.slug}`,
    })),
  };
}

/** The choices of each filter, "any" first. */
export function presentDirectoryFilters(options: {
  governments: { code: string; country: string }[];
  themes: string[];
}) {
  return {
    governments: [
      { value: '', label: 'Any government' },
      ...options.governments.map((g) => ({ value: g.code, label: g.country })),
    ],
    regions: [
      { value: '', label: 'Any region' },
      ...WORLD_REGIONS.map((region) => ({ value: region, label: WORLD_REGION_LABELS[region] })),
    ],
    roles: [
      { value: '', label: 'Any role' },
      ...PERSON_ROLES.map((role) => ({ value: role, label: PERSON_ROLE_LABELS[role] })),
    ],
    themes: [
      { value: '', label: 'Any theme' },
      ...options.themes.map((theme) => ({ value: theme, label: theme })),
    ],
  };
}

const KEPT_PARAMETERS = ['q', 'government', 'region', 'role', 'theme'] as const;

/** The address of a page of the same results: the search and filters kept, the page changed. */
function pagePath(query: Record<string, unknown>, page: number): string {
  const params = new URLSearchParams();
  for (const name of KEPT_PARAMETERS) {
    const value = [query[name]].flat()[0];
    if (typeof value === 'string' && value.trim() !== '') params.set(name, value);
  }
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `/directory?${text}` : '/directory';
}

/**
 * Links to the pages of results: previous, next, the first, the last and those around the one
 * shown, with gaps marked. Null when everything fits on one page.
 */
export function presentPagination(query: Record<string, unknown>, results: ResultPage<unknown>) {
  if (results.pageCount <= 1) return null;
  const current = results.page;
  const wanted = new Set([1, results.pageCount, current - 1, current, current + 1]);
  const numbers = [...wanted].filter((n) => n >= 1 && n <= results.pageCount).sort((a, b) => a - b);
  const items: (
    { gap: true } | { gap: false; number: number; path: string; isCurrent: boolean }
  )[] = [];
  numbers.forEach((number, index) => {
    const previous = numbers[index - 1];
    if (previous !== undefined && number - previous > 1) items.push({ gap: true });
    items.push({
      gap: false,
      number,
      path: pagePath(query, number),
      isCurrent: number === current,
    });
  });
  return {
    previous: current > 1 ? pagePath(query, current - 1) : null,
    next: current < results.pageCount ? pagePath(query, current + 1) : null,
    items,
  };
}
