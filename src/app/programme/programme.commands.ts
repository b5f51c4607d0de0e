import {
  checkEditionTransition,
  type TransitionCheck,
} from '../../domain/convening/edition-lifecycle.ts';
import type { Day, Edition, EditionStatus, Theme } from '../../domain/convening/edition.ts';
import {
  checkDayFields,
  checkEditionFields,
  checkSessionFields,
  checkThemeFields,
  type RawInput,
} from '../../domain/convening/programme-input.ts';
import type { Session } from '../../domain/convening/session.ts';
import { accepted, rejected, type Checked, type FieldError } from '../../domain/shared/result.ts';
import { dateInZone, instantToLocal } from '../../domain/time-zones/zones.ts';
import type { Actor } from '../../domain/access/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { NotFoundError, type UseCaseDeps } from '../deps.ts';
import type { SessionContributorLink, Store } from '../ports.ts';

async function requireEdition(store: Store, slug: string): Promise<Edition> {
  const edition = await store.programme.findEditionBySlug(slug);
  if (!edition) throw new NotFoundError(`The edition "${slug}"`);
  return edition;
}

/** Creates a new edition as a draft. */
export async function createEdition(
  deps: UseCaseDeps,
  actor: Actor,
  raw: RawInput,
): Promise<Checked<Edition>> {
  const checked = checkEditionFields(raw);
  if (!checked.ok) return checked;
  return deps.store.transaction(async (store) => {
    if (await store.programme.findEditionBySlug(checked.value.slug)) {
      return rejected([
        {
          field: 'slug',
          message: `Another edition already uses the address name "${checked.value.slug}". Choose another.`,
        },
      ]);
    }
    const edition: Edition = { ...checked.value, id: deps.ids.next(), status: 'draft' };
    await store.programme.insertEdition(edition);
    // Whoever creates an edition organizes it.
    if (actor.kind === 'person') {
      await store.access.grantRole(
        edition.id,
        actor.personId,
        'organizer',
        deps.clock.now().toISOString(),
      );
    }
    await recordAudit(
      deps,
      store,
      actor,
      edition.id,
      'edition.created',
      `Created the edition ${edition.name} as a draft.`,
    );
    return accepted(edition);
  });
}

/** Changes an edition's details; its days and sessions must still fall within its dates. */
export async function updateEdition(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  raw: RawInput,
): Promise<Checked<Edition>> {
  return deps.store.transaction(async (store) => {
    const edition = await requireEdition(store, slug);
    const checked = checkEditionFields(raw);
    if (!checked.ok) return checked;
    const fields = checked.value;
    const errors: FieldError[] = [];
    if (fields.slug !== edition.slug && (await store.programme.findEditionBySlug(fields.slug))) {
      errors.push({
        field: 'slug',
        message: `Another edition already uses the address name "${fields.slug}". Choose another.`,
      });
    }
    const days = await store.programme.listDays(edition.id);
    const sessions = await store.programme.listSessions(edition.id);
    const outside = [
      ...days.map((day) => day.date),
      ...sessions.map((session) => instantToLocal(session.startsAt, fields.homeTimeZone).date),
    ].filter((date) => date < fields.startDate || date > fields.endDate);
    if (outside.length > 0) {
      errors.push({
        field: 'startDate',
        message: `Days or sessions fall outside the new dates (${[...new Set(outside)].sort().join(', ')}). Move or delete them first.`,
      });
    }
    if (errors.length > 0) return rejected(errors);
    const updated: Edition = { ...edition, ...fields, status: edition.status };
    await store.programme.updateEdition(updated);
    await recordAudit(
      deps,
      store,
      actor,
      edition.id,
      'edition.updated',
      `Changed the details of ${updated.name}.`,
    );
    return accepted(updated);
  });
}

/** Moves an edition along its lifecycle when the guards allow it. */
export async function changeEditionStatus(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  to: EditionStatus,
): Promise<TransitionCheck> {
  return deps.store.transaction(async (store) => {
    const edition = await requireEdition(store, slug);
    const [days, sessions] = await Promise.all([
      store.programme.listDays(edition.id),
      store.programme.listSessions(edition.id),
    ]);
    const check = checkEditionTransition(
      {
        status: edition.status,
        dayCount: days.length,
        sessionCount: sessions.length,
        endDate: edition.endDate,
        today: dateInZone(deps.clock.now(), edition.homeTimeZone),
      },
      to,
    );
    if (check.allowed) {
      await store.programme.updateEdition({ ...edition, status: to });
      await recordAudit(
        deps,
        store,
        actor,
        edition.id,
        'edition.status-changed',
        `Changed the status of ${edition.name} from ${edition.status} to ${to}.`,
      );
    }
    return check;
  });
}

/** Adds a day to an edition, or changes one when `dayId` is given. */
export async function saveDay(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  dayId: string | null,
  raw: RawInput,
): Promise<Checked<Day>> {
  return deps.store.transaction(async (store) => {
    const edition = await requireEdition(store, slug);
    const days = await store.programme.listDays(edition.id);
    if (dayId !== null && !days.some((day) => day.id === dayId)) throw new NotFoundError('The day');
    const checked = checkDayFields(raw, edition);
    if (!checked.ok) return checked;
    if (days.some((day) => day.date === checked.value.date && day.id !== dayId)) {
      return rejected([
        {
          field: 'date',
          message: `The edition already has a day on ${checked.value.date}. Edit that day instead.`,
        },
      ]);
    }
    const day: Day = { id: dayId ?? deps.ids.next(), editionId: edition.id, ...checked.value };
    if (dayId === null) await store.programme.insertDay(day);
    else await store.programme.updateDay(day);
    await recordAudit(
      deps,
      store,
      actor,
      edition.id,
      dayId === null ? 'day.created' : 'day.updated',
      `${dayId === null ? 'Added' : 'Changed'} the day ${day.date} (${day.themeLabel}).`,
    );
    return accepted(day);
  });
}

/** Removes a day's theme and question; its sessions stay in the programme under their date. */
export async function deleteDay(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  dayId: string,
): Promise<void> {
  await deps.store.transaction(async (store) => {
    const edition = await requireEdition(store, slug);
    const days = await store.programme.listDays(edition.id);
    if (!days.some((day) => day.id === dayId)) throw new NotFoundError('The day');
    await store.programme.deleteDay(dayId);
    const day = days.find((candidate) => candidate.id === dayId);
    await recordAudit(
      deps,
      store,
      actor,
      edition.id,
      'day.deleted',
      `Deleted the day ${day?.date ?? dayId}.`,
    );
  });
}

/** Adds a theme to an edition, or changes one when `themeId` is given. */
export async function saveTheme(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  themeId: string | null,
  raw: RawInput,
): Promise<Checked<Theme>> {
  return deps.store.transaction(async (store) => {
    const edition = await requireEdition(store, slug);
    const themes = await store.programme.listThemes(edition.id);
    const existing = themes.find((theme) => theme.id === themeId);
    if (themeId !== null && !existing) throw new NotFoundError('The theme');
    const checked = checkThemeFields(raw);
    if (!checked.ok) return checked;
    if (
      themes.some(
        (theme) =>
          theme.name.toLowerCase() === checked.value.name.toLowerCase() && theme.id !== themeId,
      )
    ) {
      return rejected([
        {
          field: 'name',
          message: `The edition already has a theme called "${checked.value.name}".`,
        },
      ]);
    }
    const theme: Theme = {
      id: themeId ?? deps.ids.next(),
      editionId: edition.id,
      position: existing?.position ?? themes.length,
      ...checked.value,
    };
    if (existing) await store.programme.updateTheme(theme);
    else await store.programme.insertTheme(theme);
    await recordAudit(
      deps,
      store,
      actor,
      edition.id,
      existing ? 'theme.updated' : 'theme.created',
      `${existing ? 'Changed' : 'Added'} the theme “${theme.name}”.`,
    );
    return accepted(theme);
  });
}

/** Removes a theme; sessions tagged with it simply lose the tag. */
export async function deleteTheme(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  themeId: string,
): Promise<void> {
  await deps.store.transaction(async (store) => {
    const edition = await requireEdition(store, slug);
    const themes = await store.programme.listThemes(edition.id);
    if (!themes.some((theme) => theme.id === themeId)) throw new NotFoundError('The theme');
    await store.programme.deleteTheme(themeId);
    const theme = themes.find((candidate) => candidate.id === themeId);
    await recordAudit(
      deps,
      store,
      actor,
      edition.id,
      'theme.deleted',
      `Deleted the theme “${theme?.name ?? themeId}”.`,
    );
  });
}

/**
 * Adds a session to an edition, or changes one when `sessionId` is given. Speakers and
 * moderators are named by email and must already be known; themes by id or by name.
 */
export async function saveSession(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  sessionId: string | null,
  raw: RawInput,
): Promise<Checked<Session>> {
  return deps.store.transaction(async (store) => {
    const edition = await requireEdition(store, slug);
    if (sessionId !== null) {
      const existing = await store.programme.findSession(sessionId);
      if (!existing || existing.editionId !== edition.id) throw new NotFoundError('The session');
    }
    const checked = checkSessionFields(raw, edition);
    if (!checked.ok) return checked;
    const fields = checked.value;
    const errors: FieldError[] = [];

    const themes = await store.programme.listThemes(edition.id);
    const themeIds: string[] = [];
    for (const wanted of fields.themes) {
      const theme = themes.find(
        (t) => t.id === wanted || t.name.toLowerCase() === wanted.toLowerCase(),
      );
      if (theme) themeIds.push(theme.id);
      else
        errors.push({
          field: 'themes',
          message: `The edition has no theme "${wanted}". Add the theme first or check its name.`,
        });
    }

    const people = await store.people.findPeopleByEmails([
      ...fields.speakerEmails,
      ...fields.moderatorEmails,
    ]);
    const links: SessionContributorLink[] = [];
    for (const [field, part, emails] of [
      ['speakers', 'speaker', fields.speakerEmails],
      ['moderators', 'moderator', fields.moderatorEmails],
    ] as const) {
      const unknown = emails.filter((email) => !people.some((person) => person.email === email));
      if (unknown.length > 0) {
        errors.push({
          field,
          message: `Nobody with the email ${unknown.join(', ')} is known. Check the spelling, or import the person first.`,
        });
      }
      for (const email of emails) {
        const person = people.find((candidate) => candidate.email === email);
        if (person) links.push({ sessionId: '', personId: person.id, part });
      }
    }
    if (errors.length > 0) return rejected(errors);

    const session: Session = {
      id: sessionId ?? deps.ids.next(),
      editionId: edition.id,
      title: fields.title,
      format: fields.format,
      startsAt: fields.startsAt,
      endsAt: fields.endsAt,
      description: fields.description,
      videoUrl: fields.videoUrl,
      themeIds: [...new Set(themeIds)],
    };
    await recordAudit(
      deps,
      store,
      actor,
      edition.id,
      sessionId === null ? 'session.created' : 'session.updated',
      `${sessionId === null ? 'Added' : 'Changed'} the session “${session.title}”.`,
    );
    await store.programme.saveSession(
      session,
      links.map((link) => ({ ...link, sessionId: session.id })),
    );
    return accepted(session);
  });
}

/** Removes a session from the programme. */
export async function deleteSession(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  sessionId: string,
): Promise<void> {
  await deps.store.transaction(async (store) => {
    const edition = await requireEdition(store, slug);
    const session = await store.programme.findSession(sessionId);
    if (!session || session.editionId !== edition.id) throw new NotFoundError('The session');
    await store.programme.deleteSession(sessionId);
    await recordAudit(
      deps,
      store,
      actor,
      edition.id,
      'session.deleted',
      `Deleted the session “${session.title}”.`,
    );
  });
}
