import { checkEditionTransition } from '../../domain/convening/edition-lifecycle.ts';
import type { Day, Edition, EditionStatus, Theme } from '../../domain/convening/edition.ts';
import {
  checkDayFields,
  checkEditionFields,
  checkSessionFields,
  checkThemeFields,
  list,
} from '../../domain/convening/programme-input.ts';
import type { Session, SessionPart } from '../../domain/convening/session.ts';
import { isEmailAddress } from '../../domain/people/people-input.ts';
import { normaliseEmail } from '../../domain/people/person.ts';
import { dateInZone, instantToLocal, isValidTimeZone } from '../../domain/time-zones/zones.ts';
import type { SessionContributorLink, Store } from '../ports.ts';
import {
  decide,
  sameFields,
  textOf,
  type Entry,
  type ImportPlan,
  type Planned,
  type PlannedSession,
  type ProblemList,
} from './import-plan.ts';
import { EDITION_CONTENT_KEYS } from './programme-document.ts';
import type { EditionEntries } from './read-programme-document.ts';

/** What planning needs from outside: the moment of the import and new record ids. */
export interface PlanContext {
  now: Date;
  newId(): string;
}

/** What the rest of the document has made known to an edition's entries. */
export interface KnownRecords {
  /** Normalised email → person id, for people in the file or stored. */
  personIds: ReadonlyMap<string, string>;
  /** Address names of the editions planned so far, to find the same edition twice. */
  slugs: Set<string>;
}

type EditionDates = Pick<Edition, 'startDate' | 'endDate' | 'homeTimeZone'>;

/** What an edition already holds. */
interface StoredParts {
  days: Day[];
  themes: Theme[];
  sessions: Session[];
  contributors: Map<string, SessionContributorLink[]>;
  inviteeIds: Set<string>;
}

const EDITION_FIELDS = [
  'slug',
  'name',
  'year',
  'hosts',
  'homeTimeZone',
  'startDate',
  'endDate',
  'format',
  'location',
  'status',
  'daytimeStartHour',
  'daytimeEndHour',
] as const;

/** For each status, the one it is normally reached from; an import may skip the steps before. */
const STEP_BEFORE: Record<EditionStatus, EditionStatus> = {
  draft: 'published',
  published: 'draft',
  live: 'published',
  archived: 'published',
};

/** Plans one edition entry: the edition itself, then its themes, days, sessions and invitees. */
export async function planEditionImport(
  store: Store,
  entries: EditionEntries,
  known: KnownRecords,
  plan: ImportPlan,
  problems: ProblemList,
  context: PlanContext,
): Promise<void> {
  const entry = entries.edition;
  const slug = textOf(entry.raw.slug).toLowerCase();
  if (slug !== '' && known.slugs.has(slug)) {
    problems.add([...entry.path, 'slug'], `Another edition in the file has the address name "${slug}". Give each edition once.`);
  }
  known.slugs.add(slug);
  const stored = slug === '' ? null : await store.programme.findEditionBySlug(slug);
  const refersToStored = Object.keys(entry.raw).every((key) => (EDITION_CONTENT_KEYS as readonly string[]).includes(key));

  let edition: Edition | null = null;
  if (refersToStored) {
    if (slug === '') {
      if (!entry.badKeys.has('slug')) problems.add([...entry.path, 'slug'], 'Enter the address name (slug) of the edition.');
    } else if (!stored) {
      problems.add(
        [...entry.path, 'slug'],
        `No edition has the address name "${slug}". Create it first, or give its name, year, hosts, homeTimeZone, startDate, endDate and format in a JSON file.`,
      );
    }
    edition = stored;
  } else {
    const checked = checkEditionFields(entry.raw);
    if (!checked.ok) problems.addFieldErrors(entry, checked.errors);
    else {
      const { status, ...fields } = checked.value;
      edition = { ...fields, id: stored?.id ?? context.newId(), status: status ?? stored?.status ?? 'draft' };
    }
  }

  // When the edition itself is wrong, its contents are still checked against lenient dates,
  // so that one import run lists every problem of the file.
  const dates: EditionDates = edition ?? {
    startDate: '0000-01-01',
    endDate: '9999-12-31',
    homeTimeZone: isValidTimeZone(textOf(entry.raw.homeTimeZone)) ? textOf(entry.raw.homeTimeZone) : 'UTC',
  };
  const editionId = edition?.id ?? '';
  const parts = stored ? await loadStoredParts(store, stored.id) : emptyParts();
  const themeIds = planThemes(entries.themes, editionId, parts, plan, problems, context);
  planDays(entries.days, editionId, dates, parts, plan, problems, context);
  const matched = planSessions(entries.sessions, editionId, dates, parts, { themeIds, personIds: known.personIds }, plan, problems, context);
  planInvitees(entry, editionId, parts, known.personIds, plan, problems);

  if (!edition) return;
  if (refersToStored) {
    plan.editions.push({ action: 'unchanged', record: edition });
    return;
  }
  checkStatus(entry, edition, stored?.status ?? null, entries, parts, problems, context);
  if (stored) checkStoredPartsFit(entry, edition, parts, matched, problems);
  plan.editions.push(decide(stored ?? undefined, edition, EDITION_FIELDS));
}

function emptyParts(): StoredParts {
  return { days: [], themes: [], sessions: [], contributors: new Map(), inviteeIds: new Set() };
}

async function loadStoredParts(store: Store, editionId: string): Promise<StoredParts> {
  const [days, themes, sessions, invitees] = await Promise.all([
    store.programme.listDays(editionId),
    store.programme.listThemes(editionId),
    store.programme.listSessions(editionId),
    store.people.listInvitees(editionId),
  ]);
  const contributors = new Map<string, SessionContributorLink[]>();
  for (const contributor of await store.programme.listContributors(sessions.map((session) => session.id))) {
    const link = { sessionId: contributor.sessionId, personId: contributor.personId, part: contributor.part };
    contributors.set(contributor.sessionId, [...(contributors.get(contributor.sessionId) ?? []), link]);
  }
  return { days, themes, sessions, contributors, inviteeIds: new Set(invitees.map((person) => person.id)) };
}

/** Plans themes; answers the id of every theme name (lower case) the edition will have. */
function planThemes(
  entries: Entry[],
  editionId: string,
  parts: StoredParts,
  plan: ImportPlan,
  problems: ProblemList,
  context: PlanContext,
): Map<string, string> {
  const stored = new Map(parts.themes.map((theme) => [theme.name.toLowerCase(), theme]));
  const ids = new Map([...stored].map(([name, theme]) => [name, theme.id]));
  const inFile = new Map<string, Theme>();
  let position = Math.max(-1, ...parts.themes.map((theme) => theme.position)) + 1;
  for (const entry of entries) {
    const checked = checkThemeFields(entry.raw);
    if (!checked.ok) {
      problems.addFieldErrors(entry, checked.errors);
      const name = textOf(entry.raw.name).toLowerCase();
      if (name && !ids.has(name)) ids.set(name, '');
      continue;
    }
    const key = checked.value.name.toLowerCase();
    const earlier = inFile.get(key);
    if (earlier) {
      if (earlier.name !== checked.value.name || earlier.description !== checked.value.description) {
        problems.add([...entry.path, 'name'], `The theme "${checked.value.name}" appears earlier in this edition with different details. Give each theme once.`);
      }
      continue;
    }
    const existing = stored.get(key);
    const theme: Theme = existing
      ? { ...existing, ...checked.value }
      : { id: context.newId(), editionId, ...checked.value, position: position++ };
    inFile.set(key, theme);
    ids.set(key, theme.id);
    plan.themes.push(decide(existing, theme, ['name', 'description']));
  }
  return ids;
}

function planDays(
  entries: Entry[],
  editionId: string,
  dates: EditionDates,
  parts: StoredParts,
  plan: ImportPlan,
  problems: ProblemList,
  context: PlanContext,
): void {
  const stored = new Map(parts.days.map((day) => [day.date, day]));
  const inFile = new Map<string, Day>();
  for (const entry of entries) {
    const checked = checkDayFields(entry.raw, dates);
    if (!checked.ok) {
      problems.addFieldErrors(entry, checked.errors);
      continue;
    }
    const { date, themeLabel, guidingQuestion } = checked.value;
    const earlier = inFile.get(date);
    if (earlier) {
      if (earlier.themeLabel !== themeLabel || earlier.guidingQuestion !== guidingQuestion) {
        problems.add([...entry.path, 'date'], `Another day of this edition is also on ${date}, with a different theme or question. Give each day once.`);
      }
      continue;
    }
    const existing = stored.get(date);
    const day: Day = { id: existing?.id ?? context.newId(), editionId, date, themeLabel, guidingQuestion };
    inFile.set(date, day);
    plan.days.push(decide(existing, day, ['themeLabel', 'guidingQuestion']));
  }
}

/** Plans sessions, matched to stored ones by title and date; answers the ids of the stored sessions matched. */
function planSessions(
  entries: Entry[],
  editionId: string,
  dates: EditionDates,
  parts: StoredParts,
  known: { themeIds: ReadonlyMap<string, string>; personIds: ReadonlyMap<string, string> },
  plan: ImportPlan,
  problems: ProblemList,
  context: PlanContext,
): Set<string> {
  const matched = new Set<string>();
  const inFile = new Map<string, PlannedSession>();
  for (const entry of entries) {
    const checked = checkSessionFields(entry.raw, dates);
    if (!checked.ok) problems.addFieldErrors(entry, checked.errors);
    const themeIds = resolveThemes(entry, known.themeIds, problems);
    const contributors = resolveContributors(entry, known.personIds, problems);
    if (!checked.ok || themeIds === null || contributors === null) continue;

    const fields = checked.value;
    const date = textOf(entry.raw.date);
    const key = `${fields.title.toLowerCase()}\n${date}`;
    const existing = parts.sessions.find(
      (session) =>
        !matched.has(session.id) &&
        session.title.toLowerCase() === fields.title.toLowerCase() &&
        instantToLocal(session.startsAt, dates.homeTimeZone).date === date,
    );
    const session: Session = {
      id: inFile.get(key)?.session.id ?? existing?.id ?? context.newId(),
      editionId,
      title: fields.title,
      format: fields.format,
      startsAt: fields.startsAt,
      endsAt: fields.endsAt,
      description: fields.description,
      videoUrl: fields.videoUrl,
      themeIds,
    };
    const planned: PlannedSession = { session, contributors: contributors.map((link) => ({ ...link, sessionId: session.id })) };
    const earlier = inFile.get(key);
    if (earlier) {
      if (!isSameSession(earlier, planned)) {
        problems.add(
          [...entry.path, 'title'],
          `Another session of this edition is called "${fields.title}" on ${date}. Give each session once, or change one of the titles.`,
        );
      }
      continue;
    }
    inFile.set(key, planned);
    if (existing) matched.add(existing.id);
    plan.sessions.push(planSession(existing, planned, parts));
  }
  return matched;
}

const SESSION_FIELDS = ['title', 'format', 'startsAt', 'endsAt', 'description', 'videoUrl'] as const;

function isSameSession(a: PlannedSession, b: PlannedSession): boolean {
  return (
    sameFields(a.session, b.session, SESSION_FIELDS) &&
    sameSet(a.session.themeIds, b.session.themeIds) &&
    sameLinks(a.contributors, b.contributors)
  );
}

function planSession(existing: Session | undefined, planned: PlannedSession, parts: StoredParts): Planned<PlannedSession> {
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
  return a.map((link) => `${link.part}:${link.personId}`).join('\n') === b.map((link) => `${link.part}:${link.personId}`).join('\n');
}

/** The theme ids a session names, or null when one of them is not a theme of the edition. */
function resolveThemes(entry: Entry, themeIds: ReadonlyMap<string, string>, problems: ProblemList): string[] | null {
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
    `This edition has no theme ${unknown.map((name) => `"${name}"`).join(', ')}. Add it to the themes of the edition, or check the name.`,
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

function planInvitees(
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
    ? value.map((item, index) => ({ email: textOf(item), path: [...entry.path, 'invitees', index] }))
    : list(entry.raw, 'invitees').map((email) => ({ email, path: [...entry.path, 'invitees'] }));
  const invited = new Set<string>();
  for (const item of items) {
    const email = normaliseEmail(item.email);
    if (!isEmailAddress(email)) {
      problems.add(item.path, `${item.email || 'An empty value'} is not an email address. Name each invitee by email.`);
      continue;
    }
    const personId = personIds.get(email);
    if (personId === undefined) {
      problems.add(item.path, unknownPeopleMessage([email]));
      continue;
    }
    if (invited.has(personId)) continue;
    invited.add(personId);
    plan.invitees.push({ action: parts.inviteeIds.has(personId) ? 'unchanged' : 'create', record: { editionId, personId } });
  }
}

/**
 * Applies the lifecycle's guards to the status the file asks for: published and live need a
 * day and a session, archived needs the last day past. An import may set up an edition at any
 * status (an archive of past editions, say), but never moves one backwards from live or archived.
 */
function checkStatus(
  entry: Entry,
  edition: Edition,
  current: EditionStatus | null,
  entries: EditionEntries,
  parts: StoredParts,
  problems: ProblemList,
  context: PlanContext,
): void {
  if (current === edition.status) return;
  const from = current === null || current === 'draft' || current === 'published' ? STEP_BEFORE[edition.status] : current;
  const dayDates = new Set([...parts.days.map((day) => day.date), ...entries.days.map((day) => textOf(day.raw.date))]);
  const check = checkEditionTransition(
    {
      status: from,
      dayCount: dayDates.size,
      // Sessions in the file are counted even when they are wrong: those problems are reported on their own.
      sessionCount: parts.sessions.length + entries.sessions.length,
      endDate: edition.endDate,
      today: dateInZone(context.now, edition.homeTimeZone),
    },
    edition.status,
  );
  if (!check.allowed) problems.add([...entry.path, 'status'], check.reason);
}

/** An import never deletes: what the edition already holds must still fall within its new dates. */
function checkStoredPartsFit(entry: Entry, edition: Edition, parts: StoredParts, matched: Set<string>, problems: ProblemList): void {
  const outside = [
    ...parts.days.map((day) => day.date),
    ...parts.sessions.filter((session) => !matched.has(session.id)).map((session) => instantToLocal(session.startsAt, edition.homeTimeZone).date),
  ].filter((date) => date < edition.startDate || date > edition.endDate);
  if (outside.length > 0) {
    problems.add(
      [...entry.path, 'startDate'],
      `Days or sessions already in this edition fall outside the new dates (${[...new Set(outside)].sort().join(', ')}). Move or delete them first.`,
    );
  }
}
