/**
 * The numbers of a convening, worked out from counts the store gives: countries and
 * governments represented, and how many new people each attendee met in breakout rooms.
 * Only aggregates leave here; person ids come in, never go out.
 */

/** Registered attendees of one government (null: people without one), as counted by the store. */
export interface RegisteredByGovernment {
  governmentId: string | null;
  country: string | null;
  people: number;
}

/** One country represented, with how many governments (teams) and people it sent. */
export interface CountryCount {
  country: string;
  governments: number;
  people: number;
}

/** Who took part, by country: the headline counts and a row per country, largest first. */
export interface Representation {
  registered: number;
  governments: number;
  countries: CountryCount[];
  /** Registered people who belong to no government (hosts, guests). */
  withoutGovernment: number;
}

/** Adds up registered attendees by government into countries (one country may send several teams). */
export function summariseRepresentation(rows: RegisteredByGovernment[]): Representation {
  const byCountry = new Map<string, CountryCount>();
  let withoutGovernment = 0;
  let governments = 0;
  for (const row of rows) {
    if (row.governmentId === null || row.country === null) {
      withoutGovernment += row.people;
      continue;
    }
    governments += 1;
    const entry = byCountry.get(row.country) ?? { country: row.country, governments: 0, people: 0 };
    entry.governments += 1;
    entry.people += row.people;
    byCountry.set(row.country, entry);
  }
  const countries = [...byCountry.values()].sort(
    (a, b) => b.people - a.people || a.country.localeCompare(b.country, 'en'),
  );
  const registered = withoutGovernment + countries.reduce((sum, c) => sum + c.people, 0);
  return { registered, governments, countries, withoutGovernment };
}

/** Two people who sat in one breakout room (in either order). */
export interface Meeting {
  personId: string;
  otherPersonId: string;
}

/**
 * For each person placed in this edition's rooms, how many people they sat with here whom
 * they had not sat with in an earlier edition. Pairs count in both directions whichever way
 * the store lists them.
 */
export function countNewPeopleMet(meetings: Meeting[], earlier: Meeting[]): Map<string, number> {
  const key = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  const metBefore = new Set(earlier.map((m) => key(m.personId, m.otherPersonId)));
  const met = new Map<string, Set<string>>();
  const add = (person: string, other: string) => {
    const others = met.get(person) ?? new Set<string>();
    others.add(other);
    met.set(person, others);
  };
  for (const { personId, otherPersonId } of meetings) {
    if (personId === otherPersonId) continue;
    add(personId, otherPersonId);
    add(otherPersonId, personId);
  }
  const counts = new Map<string, number>();
  for (const [person, others] of met) {
    counts.set(person, [...others].filter((other) => !metBefore.has(key(person, other))).length);
  }
  return counts;
}

/** A range of "new people met", such as 3–5. `max` null: and more. */
export interface CountRange {
  label: string;
  min: number;
  max: number | null;
}

/** The ranges of the "new people met" chart: none, a couple, a room's worth, two rooms', more. */
export const NEW_PEOPLE_RANGES: readonly CountRange[] = [
  { label: 'None', min: 0, max: 0 },
  { label: '1 or 2', min: 1, max: 2 },
  { label: '3 to 5', min: 3, max: 5 },
  { label: '6 to 10', min: 6, max: 10 },
  { label: '11 or more', min: 11, max: null },
];

/** How many of the values fall in each range, in the ranges' order. */
export function countInRanges(
  values: number[],
  ranges: readonly CountRange[] = NEW_PEOPLE_RANGES,
): { range: CountRange; count: number }[] {
  return ranges.map((range) => ({
    range,
    count: values.filter((v) => v >= range.min && (range.max === null || v <= range.max)).length,
  }));
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}

/** The average; null for none. */
export function mean(values: number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Whole numbers as they are, others to one decimal place: "4", "4.5". */
export function formatAverage(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/** A share as a whole percentage, "0%" of nothing. */
export function formatShare(part: number, total: number): string {
  return total === 0 ? '0%' : `${Math.round((part / total) * 100)}%`;
}
