import type { Actor } from '../../domain/access/actor.ts';
import type { Edition, Theme } from '../../domain/convening/edition.ts';
import {
  checkGroupSizes,
  formFollowUpGroups,
  type FollowUpGrouping,
} from '../../domain/follow-up-groups/follow-up-groups.ts';
import { suggestMeetingSlot } from '../../domain/follow-up-groups/meeting-slot.ts';
import type { Government } from '../../domain/people/person.ts';
import { can } from '../../domain/policy/policy.ts';
import type { Registration } from '../../domain/registration/registration.ts';
import { accepted, rejected, type Checked } from '../../domain/shared/result.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { NotFoundError, type UseCaseDeps } from '../deps.ts';
import type { QueuedMail, Store } from '../ports.ts';

/** How long forming groups may search: a few hundred people at most, so a moment is plenty. */
const FORMING_TIME_LIMIT_MS = 300;

/** Raised when someone who does not organize the edition tries to form or send groups. */
export class FollowUpPermissionError extends Error {
  constructor() {
    super('Only the organizers of this edition can form follow-up groups.');
    this.name = 'FollowUpPermissionError';
  }
}

async function requireEdition(store: Store, actor: Actor, slug: string): Promise<Edition> {
  const edition = await store.programme.findEditionBySlug(slug);
  if (!edition) throw new NotFoundError(`The edition "${slug}"`);
  if (
    !can(actor, 'follow-up-groups.manage', { editionId: edition.id, editionStatus: edition.status })
  )
    throw new FollowUpPermissionError();
  return edition;
}

/** A member of a group as the organizer sees them. */
export interface GroupMemberView {
  personId: string;
  name: string;
  government: string | null;
  timeZone: string;
  /**
   * Their introduction email once the groups were sent: where it is in the queue. Null before
   * sending, and for a member no longer registered when they were sent (nothing was queued).
   */
  mail: Pick<QueuedMail, 'id' | 'status' | 'attempts' | 'nextAttemptAt' | 'lastError'> | null;
}

/** The groups of one theme, ready to show. */
export interface GroupingView {
  grouping: FollowUpGrouping;
  theme: Theme | null;
  groups: { id: string; number: number; suggestedStart: string; members: GroupMemberView[] }[];
}

/** What the follow-up groups page shows: the themes with how many named each, and the groups. */
export interface FollowUpOverview {
  edition: Edition;
  /** Each theme with how many registered people named it as a struggle: who can be placed. */
  themes: (Theme & { strugglingCount: number })[];
  groupings: GroupingView[];
}

const governmentLabel = (government: Government | undefined): string | null =>
  government
    ? government.teamName
      ? `${government.country}, ${government.teamName}`
      : government.country
    : null;

/** The edition's themes and the follow-up groups formed so far (organizers). */
export async function loadFollowUpOverview(
  deps: Pick<UseCaseDeps, 'store'>,
  actor: Actor,
  slug: string,
): Promise<FollowUpOverview> {
  const { store } = deps;
  const edition = await requireEdition(store, actor, slug);
  const [themes, registrations, groupings, governments, mails] = await Promise.all([
    store.programme.listThemes(edition.id),
    store.followUpGroups.listRegistrations(edition.id),
    store.followUpGroups.listGroupings(edition.id),
    store.people.listGovernments(),
    store.mail.listForEdition(edition.id, 'follow-up-group'),
  ]);
  const mailOf = new Map(mails.map((mail) => [`${mail.batchId} ${mail.personId}`, mail]));
  const memberIds = [
    ...new Set(groupings.flatMap((g) => g.groups.flatMap((group) => group.memberIds))),
  ];
  const people = new Map((await store.people.findPeopleByIds(memberIds)).map((p) => [p.id, p]));
  const governmentsById = new Map(governments.map((g) => [g.id, g]));
  const registrationOf = new Map(registrations.map((r) => [r.personId, r]));
  const themesById = new Map(themes.map((theme) => [theme.id, theme]));
  return {
    edition,
    themes: themes.map((theme) => ({
      ...theme,
      strugglingCount: registrations.filter((r) => r.strugglingThemeIds.includes(theme.id)).length,
    })),
    groupings: groupings.map((grouping) => ({
      grouping,
      theme: themesById.get(grouping.themeId) ?? null,
      groups: grouping.groups.map((group) => ({
        id: group.id,
        number: group.number,
        suggestedStart: group.suggestedStart,
        members: group.memberIds.map((personId) => {
          const person = people.get(personId);
          const registration = registrationOf.get(personId);
          return {
            personId,
            name: registration?.displayName || person?.name || 'A deleted account',
            government: governmentLabel(
              person?.governmentId ? governmentsById.get(person.governmentId) : undefined,
            ),
            timeZone: registration?.timeZone ?? person?.timeZone ?? 'UTC',
            mail: grouping.batchId ? pickMail(mailOf.get(`${grouping.batchId} ${personId}`)) : null,
          };
        }),
      })),
    })),
  };
}

const pickMail = (mail: QueuedMail | undefined): GroupMemberView['mail'] =>
  mail
    ? {
        id: mail.id,
        status: mail.status,
        attempts: mail.attempts,
        nextAttemptAt: mail.nextAttemptAt,
        lastError: mail.lastError,
      }
    : null;

/** A number from an id, so that forming the groups again gives another split. */
function seedFrom(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}

/**
 * Forms (or forms again) the follow-up groups of one theme: the edition's registered
 * attendees who named it as a struggle (someone who named several is placed in a group of
 * each theme whose groups are formed), split by the breakout allocator
 * with governments mixed and earlier breakout rooms as history; each group gets the most
 * comfortable hour for its members' time zones. Saved as a draft until the introductions go.
 */
export async function formGroups(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  raw: Record<string, unknown>,
): Promise<Checked<FollowUpGrouping>> {
  return deps.store.transaction(async (store) => {
    const edition = await requireEdition(store, actor, slug);
    const themes = await store.programme.listThemes(edition.id);
    const theme = themes.find((t) => t.id === raw.themeId);
    const sizes = checkGroupSizes(raw.minSize, raw.maxSize);
    const problems = [
      ...(theme
        ? []
        : [{ field: 'themeId', message: 'Choose the theme whose groups you want to form.' }]),
      ...(sizes.ok ? [] : sizes.errors),
    ];
    if (!theme || !sizes.ok) return rejected<FollowUpGrouping>(problems);
    const groupings = await store.followUpGroups.listGroupings(edition.id);
    if (groupings.some((g) => g.themeId === theme.id && g.status === 'sent'))
      return rejected([
        {
          field: 'themeId',
          message: `The introductions for “${theme.name}” were already sent, so its groups can no longer change. Choose another theme.`,
        },
      ]);
    const registrations = (await store.followUpGroups.listRegistrations(edition.id)).filter((r) =>
      r.strugglingThemeIds.includes(theme.id),
    );
    const people = new Map(
      (await store.people.findPeopleByIds(registrations.map((r) => r.personId))).map((p) => [
        p.id,
        p,
      ]),
    );
    const candidates = registrations
      .filter((r) => people.has(r.personId))
      .map((r) => ({ id: r.personId, governmentId: people.get(r.personId)?.governmentId ?? null }));
    const history = (await store.breakouts.listRooms(edition.id)).map((room) => room.memberIds);
    const groupingId = deps.ids.next();
    const formed = formFollowUpGroups(candidates, sizes.value, {
      seed: seedFrom(groupingId),
      history,
      now: () => performance.now(),
      timeLimitMs: FORMING_TIME_LIMIT_MS,
    });
    if (!formed.ok) return rejected(formed.errors);
    const zoneOf = new Map(registrations.map((r) => [r.personId, r.timeZone]));
    const now = deps.clock.now();
    const grouping: FollowUpGrouping = {
      id: groupingId,
      editionId: edition.id,
      themeId: theme.id,
      minSize: sizes.value.min,
      maxSize: sizes.value.max,
      status: 'draft',
      formedBy: actor.kind === 'person' ? actor.personId : null,
      formedAt: now.toISOString(),
      batchId: null,
      sentAt: null,
      groups: formed.value.map((memberIds, index) => ({
        id: deps.ids.next(),
        number: index + 1,
        suggestedStart: suggestMeetingSlot(
          memberIds.map((id) => zoneOf.get(id) ?? people.get(id)?.timeZone ?? 'UTC'),
          now,
          { daytimeStartHour: edition.daytimeStartHour, daytimeEndHour: edition.daytimeEndHour },
        ).startsAt,
        memberIds,
      })),
    };
    if (!(await store.followUpGroups.saveDraft(grouping)))
      return rejected([
        {
          field: 'themeId',
          message: `The introductions for “${theme.name}” were sent meanwhile, so its groups can no longer change.`,
        },
      ]);
    await recordAudit(
      deps,
      store,
      actor,
      edition.id,
      'follow-up-groups.formed',
      `Formed ${grouping.groups.length} follow-up groups for the theme “${theme.name}”.`,
    );
    return accepted(grouping);
  });
}

/** What came of sending a theme's introductions. */
export type SendIntroductionsResult =
  { status: 'sent'; queued: number } | { status: 'already-sent' };

class AlreadySent extends Error {}

/**
 * Queues one introduction email for each member of the theme's groups who is still registered
 * for the edition; the mail worker sends them. The grouping is marked sent in the same
 * transaction by a conditional update, so pressing the button twice, or two organizers at
 * once, queues nothing more; the mail queue's rule (one introduction per person and batch)
 * holds as well.
 */
export async function sendIntroductions(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  groupingId: string,
): Promise<SendIntroductionsResult> {
  try {
    return await deps.store.transaction(async (store) => {
      const edition = await requireEdition(store, actor, slug);
      const grouping = (await store.followUpGroups.listGroupings(edition.id)).find(
        (g) => g.id === groupingId,
      );
      if (!grouping) throw new NotFoundError('The follow-up groups');
      if (grouping.status === 'sent') return { status: 'already-sent' } as const;
      const now = deps.clock.now().toISOString();
      const batchId = deps.ids.next();
      await store.mail.insertBatch({
        id: batchId,
        editionId: edition.id,
        kind: 'follow-up-group',
        requestedBy: actor.kind === 'person' ? actor.personId : null,
        createdAt: now,
      });
      if (!(await store.followUpGroups.markSent(grouping.id, batchId, now)))
        throw new AlreadySent();
      const registered = new Set(
        (await store.followUpGroups.listRegistrations(edition.id)).map(
          (r: Registration) => r.personId,
        ),
      );
      const mail: QueuedMail[] = grouping.groups
        .flatMap((group) => group.memberIds)
        .filter((personId) => registered.has(personId))
        .map((personId) => ({
          id: deps.ids.next(),
          batchId,
          editionId: edition.id,
          personId,
          kind: 'follow-up-group',
          status: 'queued',
          attempts: 0,
          nextAttemptAt: now,
          lastError: null,
          sentAt: null,
          createdAt: now,
        }));
      const queued = await store.mail.enqueue(mail);
      const theme = (await store.programme.listThemes(edition.id)).find(
        (t) => t.id === grouping.themeId,
      );
      await recordAudit(
        deps,
        store,
        actor,
        edition.id,
        'follow-up-groups.introduced',
        `Sent the introductions of ${grouping.groups.length} follow-up groups for the theme “${theme?.name ?? 'a deleted theme'}” (${queued} emails).`,
      );
      return { status: 'sent', queued } as const;
    });
  } catch (error) {
    if (error instanceof AlreadySent) return { status: 'already-sent' };
    throw error;
  }
}

/** What came of asking to send a follow-up introduction again. */
export type RetryFollowUpMailResult =
  { ok: true; groupingId: string } | { ok: false; reason: string };

/**
 * Puts one follow-up introduction that could not be sent back in the queue. Only an
 * organizer's decision does this, never the worker, because an interrupted send may have
 * reached the person already (as for invitations).
 */
export async function retryFollowUpMail(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  mailId: string,
): Promise<RetryFollowUpMailResult> {
  return deps.store.transaction(async (store) => {
    const edition = await requireEdition(store, actor, slug);
    const mail = (await store.mail.listForEdition(edition.id, 'follow-up-group')).find(
      (candidate) => candidate.id === mailId,
    );
    const grouping = mail
      ? (await store.followUpGroups.listGroupings(edition.id)).find(
          (candidate) => candidate.batchId === mail.batchId,
        )
      : undefined;
    if (!mail || !grouping) throw new NotFoundError('The introduction email');
    const requeued =
      mail.status === 'failed'
        ? await store.mail.requeueFailed(
            edition.id,
            'follow-up-group',
            [mail.id],
            deps.clock.now().toISOString(),
          )
        : 0;
    if (requeued === 0)
      return {
        ok: false,
        reason:
          'That introduction is no longer waiting to be tried again: it may have been sent, or someone already asked for it. The page shows where it is now.',
      };
    const [person] = await store.people.findPeopleByIds([mail.personId]);
    await recordAudit(
      deps,
      store,
      actor,
      edition.id,
      'follow-up-groups.retried',
      `Asked to send the follow-up introduction to ${person?.name ?? 'a deleted account'} again.`,
    );
    return { ok: true, groupingId: grouping.id };
  });
}
