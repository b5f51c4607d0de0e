import { PERSON_ROLES, type PersonRole } from '../people/person.ts';
import { accepted, rejected, type Checked, type FieldError } from '../shared/result.ts';
import type { DirectoryProfile } from './directory-profile.ts';
import { isWorldRegion, regionOfGovernmentCode, type WorldRegion } from './world-regions.ts';

/** An edition a person took part in, as the directory names it. */
export interface DirectoryEdition {
  slug: string;
  name: string;
  year: number;
}

/**
 * Everything the directory could show about a listed person, before their choices apply. It has
 * no email address or other contact detail on purpose: nothing here can leak one.
 */
export interface DirectorySource {
  personId: string;
  name: string;
  government: { code: string; country: string; teamName: string } | null;
  role: PersonRole;
  /** Theme names across editions, each once. */
  strugglingThemes: string[];
  helpingThemes: string[];
  /** Oldest first. */
  editions: DirectoryEdition[];
}

/**
 * A directory entry as others see it: each field is null when the person chose not to show it,
 * so a hidden field is not in the entry at all (not in the page, not matched by a search).
 */
export interface DirectoryEntry {
  personId: string;
  name: string;
  government: { code: string; country: string; region: WorldRegion | null } | null;
  team: string | null;
  role: PersonRole | null;
  themes: { struggling: string[]; helping: string[] } | null;
  editions: DirectoryEdition[] | null;
}

/** How many entries one page of results shows. */
export const DIRECTORY_PAGE_SIZE = 20;

/** The longest search text accepted: longer than any name, team and country together. */
export const DIRECTORY_SEARCH_MAX_LENGTH = 100;

/** The entry a listed person shows, given their choices; null for anyone not listed. */
export function entryAsShown(
  source: DirectorySource,
  profile: DirectoryProfile | null,
): DirectoryEntry | null {
  if (!profile?.listed || profile.personId !== source.personId) return null;
  const { shows } = profile;
  const government = source.government;
  return {
    personId: source.personId,
    name: source.name,
    government:
      shows.government && government
        ? {
            code: government.code,
            country: government.country,
            region: regionOfGovernmentCode(government.code),
          }
        : null,
    team: shows.team && government ? government.teamName : null,
    role: shows.role ? source.role : null,
    themes: shows.themes
      ? { struggling: source.strugglingThemes, helping: source.helpingThemes }
      : null,
    editions: shows.editions ? source.editions : null,
  };
}

/**
 * Text folded for searching: lower case, accents and the letters that carry them dropped
 * ("Tõnis" and "tonis", "Łukasz" and "lukasz", "Øster" and "oster" match).
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase('en')
    .replace(/[øłđħıæœßþ]/g, (letter) => FOLDED_LETTERS[letter] ?? letter)
    .replace(/\s+/g, ' ')
    .trim();
}

// Letters that Unicode does not decompose into a base letter and an accent.
const FOLDED_LETTERS: Record<string, string> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ħ: 'h',
  ı: 'i',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  þ: 'th',
};

/** What someone asked the directory for: search text, filters and the page. */
export interface DirectoryQuery {
  /** Folded search text; empty for none. */
  text: string;
  /** A government code, or null for any. */
  government: string | null;
  region: WorldRegion | null;
  role: PersonRole | null;
  /** A folded theme name, or null for any. */
  theme: string | null;
  page: number;
}

/** What the filters may choose from: every government code and every theme name known. */
export interface DirectoryChoices {
  governmentCodes: readonly string[];
  themeNames: readonly string[];
}

/**
 * Checks the directory's query string. Unknown filter values and pages that are not whole
 * numbers are refused with a message naming the field; a page past the last is dealt with by
 * `pageOf`, which shows the last one.
 */
export function checkDirectoryQuery(
  raw: Record<string, unknown>,
  choices: DirectoryChoices,
): Checked<DirectoryQuery> {
  const errors: FieldError[] = [];
  const text = single(raw.q);
  if (text.length > DIRECTORY_SEARCH_MAX_LENGTH)
    errors.push({
      field: 'q',
      message: `Search text must be ${DIRECTORY_SEARCH_MAX_LENGTH} characters or fewer`,
    });

  const government = single(raw.government).trim();
  const governmentCode =
    choices.governmentCodes.find((code) => code.toLowerCase() === government.toLowerCase()) ?? null;
  if (government && !governmentCode)
    errors.push({ field: 'government', message: 'Choose a government from the list' });

  const region = single(raw.region).trim();
  if (region && !isWorldRegion(region))
    errors.push({ field: 'region', message: 'Choose a region from the list' });

  const role = single(raw.role).trim();
  if (role && !(PERSON_ROLES as readonly string[]).includes(role))
    errors.push({ field: 'role', message: 'Choose a role from the list' });

  const theme = foldForSearch(single(raw.theme));
  if (theme && !choices.themeNames.some((name) => foldForSearch(name) === theme))
    errors.push({ field: 'theme', message: 'Choose a theme from the list' });

  const pageText = single(raw.page).trim();
  const page = pageText === '' ? 1 : /^\d{1,6}$/.test(pageText) ? Number(pageText) : NaN;
  if (!Number.isInteger(page) || page < 1)
    errors.push({ field: 'page', message: 'Page must be a whole number, 1 or more' });

  if (errors.length > 0) return rejected(errors);
  return accepted({
    text: foldForSearch(text),
    government: governmentCode,
    region: region && isWorldRegion(region) ? region : null,
    role: role ? (role as PersonRole) : null,
    theme: theme || null,
    page,
  });
}

/** One value from a query string, where a repeated parameter counts by its first value. */
function single(value: unknown): string {
  if (Array.isArray(value)) return single(value[0]);
  return typeof value === 'string' ? value : '';
}

/**
 * The entries that match the search and filters, by name. Only what an entry shows is matched:
 * filtering by a government never finds someone who hides theirs.
 */
export function findEntries(
  entries: readonly DirectoryEntry[],
  query: Omit<DirectoryQuery, 'page'>,
): DirectoryEntry[] {
  const words = query.text.split(' ').filter(Boolean);
  return entries
    .filter((entry) => {
      if (query.government && entry.government?.code !== query.government) return false;
      if (query.region && entry.government?.region !== query.region) return false;
      if (query.role && entry.role !== query.role) return false;
      if (query.theme) {
        const themes = [...(entry.themes?.struggling ?? []), ...(entry.themes?.helping ?? [])];
        if (!themes.some((name) => foldForSearch(name) === query.theme)) return false;
      }
      if (words.length > 0) {
        const haystack = foldForSearch(
          [entry.name, entry.team ?? '', entry.government?.country ?? ''].join(' '),
        );
        if (!words.every((word) => haystack.includes(word))) return false;
      }
      return true;
    })
    .sort(
      (a, b) =>
        a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) ||
        a.personId.localeCompare(b.personId),
    );
}

/** One page of results, with what a pagination needs to say where it is. */
export interface ResultPage<T> {
  items: T[];
  /** The page shown: the one asked for, or the last when it asked past the end. */
  page: number;
  pageCount: number;
  total: number;
  /** 1-based positions of the first and last item shown; 0 when there are none. */
  from: number;
  to: number;
}

/** Cuts a page out of the results; a page past the end shows the last page. */
export function pageOf<T>(
  items: readonly T[],
  page: number,
  size: number = DIRECTORY_PAGE_SIZE,
): ResultPage<T> {
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  const shown = Math.min(Math.max(1, Math.floor(page)), pageCount);
  const start = (shown - 1) * size;
  const slice = items.slice(start, start + size);
  return {
    items: slice,
    page: shown,
    pageCount,
    total: items.length,
    from: slice.length > 0 ? start + 1 : 0,
    to: start + slice.length,
  };
}
