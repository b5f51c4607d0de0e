import type { Day, Edition, Theme } from '../../domain/convening/edition.ts';
import {
  checkDayFields,
  checkSessionFields,
  checkThemeFields,
  list,
} from '../../domain/convening/programme-input.ts';
import type { Session, SessionPart } from '../../domain/convening/session.ts';
import { isEmailAddress } from '../../domain/people/people-input.ts';
import { normaliseEmail } from '../../domain/people/person.ts';
import { instantToLocal } from '../../domain/time-zones/zones.ts';
import type { SessionContributorLink, Store } from '../ports.ts';
import {
  decide,
  RepeatFinder,
  sameFields,
  textOf,
  type Entry,
  type ImportPlan,
  type PlanContext,
  type Planned,
  type PlannedSession,
  type ProblemList,
} from './import-plan.ts';
import { DOCUMENT_KEYS } from './programme-document.ts';

/**
 * Planning what an edition holds: themes, days, sessions (with their speakers, moderators
 * and themes) and invitees, each matched to what is stored and checked against the file.
 */

/** The dates and time zone the contents of an edition are checked against. */
export type EditionDates = Pick<Edition, 'startDate' | 'endDate' | 'homeTimeZone'>;

/** What an edition already holds. */
export interface StoredParts {
  days: Day[];
  themes: Theme[];
  sessions: Session[];
  contributors: Map<string, SessionContributorLink[]>;
  inviteeIds: Set<string>;
}

/** What a new edition holds: nothing yet. */
export function emptyParts(): StoredParts {
  return { days: [], themes: [], sessions: [], contributors: new Map(), inviteeIds: new Set() };
}

/** Loads what a stored edition holds, to match the file's entries against. */
export async function loadStoredParts(store: Store, editionId: string): Promise<StoredParts> {
  const [days, themes, sessions, invitees] = await Promise.all([
    store.programme.listDays(editionId),
    store.programme.listThemes(editionId),
    store.programme.listSessions(editionId),
    store.people.listInvitees(editionId),
  ]);
  const contributors = new Map<string, SessionContributorLink[]>();
  for (const contributor of await store.programme.listContributors(
    sessions.map((session) => session.id),
  )) {
    const link = {
      sessionId: contributor.sessionId,
      personId: contributor.personId,
      part: contributor.part,
    };
    contributors.set(contributor.sessionId, [
      ...(contributors.get(contributor.sessionId) ?? []),
      link,
    ]);
  }
  return {
    days,
    themes,
    sessions,
    contributors,
    inviteeIds: new Set(invitees.map((person) => person.id)),
  };
}

/** Plans themes; answers the id of every theme name (lower case) the edition will have. */
export function planThemes(
  entries: Entry[],
  editionId: string,
  parts: StoredParts,
  plan: ImportPlan,
  problems: ProblemList,
  context: PlanContext,
): Map<string, string> {
  const stored = new Map(parts.themes.map((theme) => [theme.name.toLowerCase(), theme]));
  const ids = new Map([...stored].map(([name, theme]) => [name, theme.id]));
  const repeats = new RepeatFinder(['name', 'description']);
  let position = Math.max(-1, ...parts.themes.map((theme) => theme.position)) + 1;
  for (const entry of entries) {
    const key = textOf(entry.raw.name).toLowerCase();
    if (key) {
      const repeat = repeats.check(key, entry.raw);
      if (repeat === 'different') {
        problems.add(
          [...entry.path, 'name'],
          `The theme "${textOf(entry.raw.name)}" appears earlier in this edition with different details. Give each theme once.`,
        );
      }
      if (repeat !== 'first') continue;
    }
    const checked = checkThemeFields(entry.raw);
    if (!checked.ok) {
      problems.addFieldErrors(entry, checked.errors);
      // Known to be in the file, so sessions naming it are not reported twice.
      if (key && !ids.has(key)) ids.set(key, '');
      continue;
    }
    const existing = stored.get(key);
    const theme: Theme = existing
      ? { ...existing, ...checked.value }
      : { id: context.newId(), editionId, ...checked.value, position: position++ };
    ids.set(key, theme.id);
    plan.themes.push(decide(existing, theme, ['name', 'description']));
  }
  return ids;
}

/** Plans days, matched to stored ones by date. */
export function planDays(
  entries: Entry[],
  editionId: string,
  dates: EditionDates,
  parts: StoredParts,
  plan: ImportPlan,
  problems: ProblemList,
  context: PlanContext,
): void {
  const stored = new Map(parts.days.map((day) => [day.date, day]));
  const repeats = new RepeatFinder(['date', 'themeLabel', 'guidingQuestion']);
  for (const entry of entries) {
    const key = textOf(entry.raw.date);
    if (key) {
      const repeat = repeats.check(key, entry.raw);
      if (repeat === 'different') {
        problems.add(
          [...entry.path, 'date'],
          `Another day of this edition is also on ${key}, with a different theme or question. Give each day once.`,
        );
      }
      if (repeat !== 'first') continue;
    }
    const checked = checkDayFields(entry.raw, dates);
    if (!checked.ok) {
      problems.addFieldErrors(entry, checked.errors);
      continue;
    }
    const { date, themeLabel, guidingQuestion } = checked.value;
    const existing = stored.get(date);
    const day: Day = {
      id: existing?.id ?? context.newId(),
      editionId,
      date,
      themeLabel,
      guidingQuestion,
    };
    plan.days.push(decide(existing, day, ['themeLabel', 'guidingQuestion']));
  }
}

/** Plans sessions, matched to stored ones by title and date; answers the ids of the stored sessions matched. */
export function planSessions(
  entries: Entry[],
  editionId: string,
  dates: EditionDates,
  parts: StoredParts,
  known: { themeIds: ReadonlyMap<string, string> | null; personIds: ReadonlyMap<string, string> },
  plan: ImportPlan,
  problems: ProblemList,
  context: PlanContext,
): Set<string> {
  const matched = new Set<string>();
  const repeats = new RepeatFinder([...DOCUMENT_KEYS.session]);
  for (const entry of entries) {
    const title = textOf(entry.raw.title);
    const date = textOf(entry.raw.date);
    if (title) {
      const repeat = repeats.check(`${title.toLowerCase()}\n${date}`, entry.raw);
      if (repeat === 'different') {
        problems.add(
          [...entry.path, 'title'],
          `Another session of this edition is called "${title}" on ${date}. Give each session once, or change one of the titles.`,
        );
      }
      if (repeat !== 'first') continue;
    }
    const checked = checkSessionFields(entry.raw, dates);
    if (!checked.ok) problems.addFieldErrors(entry, checked.errors);
    const themeIds = resolveThemes(entry, known.themeIds, problems);
    const contributors = resolveContributors(entry, known.personIds, problems);
    if (!checked.ok || themeIds === null || contributors === null) continue;

    const fields = checked.value;
    const existing = parts.sessions.find(
      (session) =>
        !matched.has(session.id) &&
        session.title.toLowerCase() === fields.title.toLowerCase() &&
        instantToLocal(session.startsAt, dates.homeTimeZone).date === date,
    );
    const session: Session = {
      id: existing?.id ?? context.newId(),
      editionId,
      title: fields.title,
      format: fields.format,
      startsAt: fields.startsAt,
      endsAt: fields.endsAt,
      description: fields.description,
      videoUrl: fields.videoUrl,
      themeIds,
    };
    const planned: PlannedSession = {
      session,
      contributors: contributors.map((link) => ({ ...link, sessionId: session.id })),
    };
    if (existing) matched.add(existing.id);
    plan.sessions.push(planSession(existing, planned, parts));
  }
  return matched;
}

const SESSION_FIELDS = [
  'title',
  'format',
  'startsAt',
  'endsAt',
  'description',
  'videoUrl',
] as const;

function planSession(
  existing: Session | undefined,
  planned: PlannedSession,
  parts: StoredParts,
): Planned<PlannedSession> {
  if (!existing) return { action: 'create', record: planned };
  const isSame =
    sameFields(existing, planned.session, SESSION_FIELDS) &&
    sameSet(existing.themeIds, planned.session.themeIds) &&
    sameLinks(parts.contributors.get(existing.id) ?? [], planned.contributors);
  return { action: isSame ? 'unchanged' : 'update', record: planned };
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

function sameLinks(a: SessionContributorLink[], b: SessionContributorLink[]): boolean {
  return (
    a.map((link) => `${link.part}:${link.personId}`).join('\n') ===
    b.map((link) => `${link.part}:${link.personId}`).join('\n')
  );
}

/** The theme ids a session names, or null when one of them is not a theme of the edition (or the edition is unknown). */
function resolveThemes(
  entry: Entry,
  themeIds: ReadonlyMap<string, string> | null,
  problems: ProblemList,
): string[] | null {
  if (themeIds === null) return null;
  const ids: string[] = [];
  const unknown: string[] = [];
  for (const name of list(entry.raw, 'themes')) {
    const id = themeIds.get(name.toLowerCase());
    if (id === undefined) unknown.push(name);
    else if (!ids.includes(id)) ids.push(id);
  }
  if (unknown.length === 0) return ids;
  problems.add(
    [...entry.path, 'themes'],
    unknown.length === 1
      ? `This edition has no theme "${unknown[0]}". Add it to the themes of the edition, or check the name.`
      : `This edition has no themes ${unknown.map((name) => `"${name}"`).join(', ')}. Add them to the themes of the edition, or check the names.`,
  );
  return null;
}

/** The speakers then the moderators of a session, or null when one of them is not known. */
function resolveContributors(
  entry: Entry,
  personIds: ReadonlyMap<string, string>,
  problems: ProblemList,
): Omit<SessionContributorLink, 'sessionId'>[] | null {
  const links: Omit<SessionContributorLink, 'sessionId'>[] = [];
  let isComplete = true;
  for (const [field, part] of [
    ['speakers', 'speaker'],
    ['moderators', 'moderator'],
  ] as const satisfies readonly (readonly [string, SessionPart])[]) {
    // Malformed addresses are reported by the session's own checks.
    const emails = [...new Set(list(entry.raw, field).map(normaliseEmail))].filter(isEmailAddress);
    const unknown = emails.filter((email) => !personIds.has(email));
    if (unknown.length > 0) {
      isComplete = false;
      problems.add([...entry.path, field], unknownPeopleMessage(unknown));
    }
    for (const email of emails) {
      const personId = personIds.get(email);
      if (personId !== undefined) links.push({ personId, part });
    }
  }
  return isComplete ? links : null;
}

function unknownPeopleMessage(emails: string[]): string {
  return `Nobody with the email ${emails.join(', ')} is in this file or already known. Check the spelling, or import the person first.`;
}

/** Plans invitations; people already invited stay as they are. */
export function planInvitees(
  entry: Entry,
  editionId: string,
  parts: StoredParts,
  personIds: ReadonlyMap<string, string>,
  plan: ImportPlan,
  problems: ProblemList,
): void {
  const value = entry.raw.invitees;
  if (value === undefined || value === null) return;
  // A list names each invitee by position; text is one value, split into addresses.
  const items = Array.isArray(value)
    ? value.map((item, index) => ({
        email: textOf(item),
        path: [...entry.path, 'invitees', index],
      }))
    : list(entry.raw, 'invitees').map((email) => ({ email, path: [...entry.path, 'invitees'] }));
  const invited = new Set<string>();
  for (const item of items) {
    const email = normaliseEmail(item.email);
    if (!isEmailAddress(email)) {
      problems.add(
        item.path,
        `${item.email || 'An empty value'} is not an email address. Name each invitee by email.`,
      );
      continue;
    }
    const personId = personIds.get(email);
    if (personId === undefined) {
      problems.add(item.path, unknownPeopleMessage([email]));
      continue;
    }
    if (invited.has(personId)) continue;
    invited.add(personId);
    plan.invitees.push({
      action: parts.inviteeIds.has(personId) ? 'unchanged' : 'create',
      record: { editionId, personId },
    });
  }
}
