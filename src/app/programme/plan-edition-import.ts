import { checkEditionTransition } from '../../domain/convening/edition-lifecycle.ts';
import type { Edition, EditionStatus } from '../../domain/convening/edition.ts';
import { checkEditionFields } from '../../domain/convening/programme-input.ts';
import { dateInZone, instantToLocal, isValidTimeZone } from '../../domain/time-zones/zones.ts';
import type { Store } from '../ports.ts';
import {
  decide,
  textOf,
  type Entry,
  type ImportPlan,
  type PlanContext,
  type ProblemList,
} from './import-plan.ts';
import {
  emptyParts,
  loadStoredParts,
  planDays,
  planInvitees,
  planSessions,
  planThemes,
  type EditionDates,
  type StoredParts,
} from './plan-edition-contents.ts';
import { EDITION_CONTENT_KEYS, EDITION_DETAIL_KEYS } from './programme-document.ts';
import type { EditionEntries } from './read-programme-document.ts';

/** What the rest of the document has made known to an edition's entries. */
export interface KnownRecords {
  /** Normalised email → person id, for people in the file or stored. */
  personIds: ReadonlyMap<string, string>;
  /** Address names of the editions planned so far, to find the same edition twice. */
  slugs: Set<string>;
}

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
    problems.add(
      [...entry.path, 'slug'],
      `Another edition in the file has the address name "${slug}". Give each edition once.`,
    );
  }
  known.slugs.add(slug);
  const stored = slug === '' ? null : await store.programme.findEditionBySlug(slug);
  const refersToStored = Object.keys(entry.raw).every((key) =>
    (EDITION_CONTENT_KEYS as readonly string[]).includes(key),
  );

  let edition: Edition | null = null;
  if (refersToStored) {
    if (slug === '') {
      if (!entry.badKeys.has('slug'))
        problems.add([...entry.path, 'slug'], 'Enter the address name (slug) of the edition.');
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
      edition = {
        ...fields,
        id: stored?.id ?? context.newId(),
        status: status ?? stored?.status ?? 'draft',
      };
    }
  }

  // When the edition itself is wrong, its contents are still checked against lenient dates,
  // so that one import run lists every problem of the file.
  const dates: EditionDates = edition ?? {
    startDate: '0000-01-01',
    endDate: '9999-12-31',
    homeTimeZone: isValidTimeZone(textOf(entry.raw.homeTimeZone))
      ? textOf(entry.raw.homeTimeZone)
      : 'UTC',
  };
  const editionId = edition?.id ?? '';
  const parts = stored ? await loadStoredParts(store, stored.id) : emptyParts();
  const themeIds = planThemes(entries.themes, editionId, parts, plan, problems, context);
  planDays(entries.days, editionId, dates, parts, plan, problems, context);
  // The themes of an edition that does not exist are unknown: its sessions' themes cannot be checked.
  const knownThemeIds = refersToStored && !stored ? null : themeIds;
  const matched = planSessions(
    entries.sessions,
    editionId,
    dates,
    parts,
    { themeIds: knownThemeIds, personIds: known.personIds },
    plan,
    problems,
    context,
  );
  planInvitees(entry, editionId, parts, known.personIds, plan, problems);

  if (!edition) return;
  if (refersToStored) {
    plan.editions.push({ action: 'unchanged', record: edition });
    return;
  }
  checkStatus(entry, edition, stored?.status ?? null, entries, parts, problems, context);
  if (stored) checkStoredPartsFit(entry, edition, parts, matched, problems);
  plan.editions.push(decide(stored ?? undefined, edition, EDITION_DETAIL_KEYS));
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
  const from =
    current === null || current === 'draft' || current === 'published'
      ? STEP_BEFORE[edition.status]
      : current;
  const dayDates = new Set([
    ...parts.days.map((day) => day.date),
    ...entries.days.map((day) => textOf(day.raw.date)),
  ]);
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
function checkStoredPartsFit(
  entry: Entry,
  edition: Edition,
  parts: StoredParts,
  matched: Set<string>,
  problems: ProblemList,
): void {
  const outside = [
    ...parts.days.map((day) => day.date),
    ...parts.sessions
      .filter((session) => !matched.has(session.id))
      .map((session) => instantToLocal(session.startsAt, edition.homeTimeZone).date),
  ].filter((date) => date < edition.startDate || date > edition.endDate);
  if (outside.length > 0) {
    problems.add(
      [...entry.path, 'startDate'],
      `Days or sessions already in this edition fall outside the new dates (${[...new Set(outside)].sort().join(', ')}). Move or delete them first.`,
    );
  }
}
