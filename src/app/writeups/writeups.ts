import type { Actor } from '../../domain/access/actor.ts';
import type { Edition } from '../../domain/convening/edition.ts';
import type { Session } from '../../domain/convening/session.ts';
import type { Notes } from '../../domain/notes/notes.ts';
import { can } from '../../domain/policy/policy.ts';
import { accepted, rejected, type Checked } from '../../domain/shared/result.ts';
import {
  checkWriteupInput,
  draftWriteupBody,
  findAttributionLeaks,
  isAttributionRule,
  nextStatuses,
  type AttributionLeak,
  type AttributionRule,
  type SessionParticipant,
  type Writeup,
  type WriteupStatus,
} from '../../domain/writeups/writeup.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { NotFoundError, type UseCaseDeps } from '../deps.ts';
import type { Store } from '../ports.ts';
import { notifySubscribers } from './subscriptions.ts';

/** A session with everything its write-up is made from and checked against. */
export interface WriteupContext {
  edition: Edition;
  session: Session;
  rule: AttributionRule;
  writeup: Writeup | null;
  sessionNotes: Notes | null;
  roomNotes: Notes[];
  answeredQuestions: string[];
  topVotedQuestions: { text: string; votes: number }[];
  /** Speakers, moderators, askers, chat authors and breakout room members of the session. */
  participants: SessionParticipant[];
}

/** Raised when someone who may not manage an edition's write-ups tries to change one. */
export class WriteupPermissionError extends Error {
  constructor() {
    super('Only the organizers of this edition can edit, review and publish its write-ups.');
    this.name = 'WriteupPermissionError';
  }
}

/** Reads a session of the edition with its notes, questions and people; NotFoundError otherwise. */
export async function loadWriteupContext(
  store: Store,
  slug: string,
  sessionId: string,
): Promise<WriteupContext> {
  const edition = await store.programme.findEditionBySlug(slug);
  const session = edition ? await store.programme.findSession(sessionId) : null;
  if (!edition || !session || session.editionId !== edition.id || session.format === 'break')
    throw new NotFoundError('The session');
  const [rule, writeup, sessionNotes, editionNotes, questions, messages, contributors, rooms] =
    await Promise.all([
      store.writeups.findAttribution(session.id),
      store.writeups.findWriteup(session.id),
      store.notes.findSessionNotes(session.id),
      store.notes.listEditionNotes(edition.id),
      store.live.listQuestions(session.id),
      store.live.listMessages(session.id, 10_000),
      store.programme.listContributors([session.id]),
      store.breakouts.listRooms(edition.id),
    ]);
  const roomMembers = rooms.filter((r) => r.sessionId === session.id).flatMap((r) => r.memberIds);
  const people = await store.people.findPeopleByIds([
    ...new Set([
      ...contributors.map((c) => c.personId),
      ...questions.map((q) => q.askerId),
      ...messages.map((m) => m.authorId),
      ...roomMembers,
    ]),
  ]);
  const governments = new Map((await store.people.listGovernments()).map((g) => [g.id, g]));
  const participants: SessionParticipant[] = [];
  for (const person of people) {
    const government = person.governmentId ? governments.get(person.governmentId) : undefined;
    const registration = await store.registrations.findRegistration(edition.id, person.id);
    for (const name of new Set([person.name, registration?.displayName ?? person.name]))
      participants.push({
        name,
        country: government?.country ?? null,
        team: government?.teamName ?? null,
      });
  }
  const visible = questions.filter((q) => q.status === 'visible' || q.status === 'answered');
  return {
    edition,
    session,
    rule,
    writeup,
    sessionNotes,
    roomNotes: editionNotes.filter(
      (notes) => notes.kind === 'breakout-room' && notes.sessionId === session.id,
    ),
    answeredQuestions: questions.filter((q) => q.status === 'answered').map((q) => q.text),
    topVotedQuestions: visible
      .filter((q) => q.votes > 0)
      .sort((a, b) => b.votes - a.votes || a.seq - b.seq)
      .slice(0, 5)
      .map((q) => ({ text: q.text, votes: q.votes })),
    participants,
  };
}

function requireManage(actor: Actor, context: WriteupContext): void {
  const subject = { editionId: context.edition.id, editionStatus: context.edition.status };
  if (!can(actor, 'writeups.manage', subject)) throw new WriteupPermissionError();
}

/** The names and governments of the session's people found in the write-up, under Chatham House. */
export function attributionLeaks(
  context: WriteupContext,
  text: { title: string; summary: string; body: string },
): AttributionLeak[] {
  if (context.rule !== 'chatham-house') return [];
  return findAttributionLeaks(
    [text.title, text.summary, text.body].join('\n\n'),
    context.participants,
  );
}

/** The first draft of a session's write-up, from what the session left behind. */
export function firstDraft(context: WriteupContext): {
  title: string;
  summary: string;
  body: string;
} {
  return {
    title: context.session.title,
    summary: '',
    body: draftWriteupBody({
      rule: context.rule,
      sessionNotes: context.sessionNotes?.sections ?? null,
      answeredQuestions: context.answeredQuestions,
      topVotedQuestions: context.topVotedQuestions,
      rooms: context.roomNotes.map((notes) => ({ name: notes.roomName, notes: notes.sections })),
    }),
  };
}

/** Sets a session's attribution rule (organizers). */
export async function setAttributionRule(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  sessionId: string,
  raw: unknown,
): Promise<Checked<AttributionRule>> {
  const context = await loadWriteupContext(deps.store, slug, sessionId);
  requireManage(actor, context);
  if (!isAttributionRule(raw))
    return rejected([
      {
        field: 'rule',
        message: 'Choose whether the session is attributable or under the Chatham House rule.',
      },
    ]);
  if (raw === 'chatham-house' || context.writeup?.status !== 'published' || context.rule === raw) {
    await deps.store.transaction(async (store) => {
      await store.writeups.setAttribution(context.session.id, raw);
      await recordAudit(
        deps,
        store,
        actor,
        context.edition.id,
        'writeups.attribution-set',
        `Set ${context.session.title} to ${raw === 'chatham-house' ? 'the Chatham House rule' : 'attributable'}.`,
      );
    });
    return accepted(raw);
  }
  return rejected([
    {
      field: 'rule',
      message:
        'This session’s write-up was published under the Chatham House rule. Unpublish it before making the session attributable.',
    },
  ]);
}

/** What saving a write-up came to. */
export type WriteupSaved =
  | { kind: 'saved'; writeup: Writeup; leaks: AttributionLeak[] }
  | { kind: 'conflict'; theirs: Writeup };

/**
 * Saves a write-up's text, and moves it to `moveTo` when asked (review, publish, unpublish).
 * The organizer names the version they started from; a save over a newer one is refused with
 * both texts. Under the Chatham House rule it cannot be published while it names anyone who
 * was in the session or their government: the problems name what to remove.
 */
export async function saveWriteup(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  sessionId: string,
  raw: { title: unknown; summary: unknown; body: unknown; baseVersion: unknown; moveTo?: unknown },
): Promise<Checked<WriteupSaved>> {
  const context = await loadWriteupContext(deps.store, slug, sessionId);
  requireManage(actor, context);
  if (actor.kind !== 'person') throw new WriteupPermissionError();
  const checked = checkWriteupInput(raw);
  if (!checked.ok) return rejected(checked.errors);
  const { baseVersion, ...text } = checked.value;
  const stored = context.writeup;
  if (stored && stored.version !== baseVersion)
    return accepted({ kind: 'conflict', theirs: stored });

  const current: WriteupStatus = stored?.status ?? 'draft';
  let status = current;
  if (raw.moveTo !== undefined && raw.moveTo !== '' && raw.moveTo !== current) {
    const move = nextStatuses(current).find((m) => m.to === raw.moveTo);
    if (!move)
      return rejected([
        {
          field: 'status',
          message: 'That change of status is not possible from here. Reload the page.',
        },
      ]);
    status = move.to;
  }
  const leaks = attributionLeaks(context, text);
  if (status === 'published' && leaks.length > 0)
    return rejected([
      {
        field: 'body',
        message: `This session is under the Chatham House rule, so the write-up cannot be published while it names people who were there or their government: ${leaks
          .map((leak) => `“${leak.found}”`)
          .join(', ')}. Remove or reword them, then publish.`,
      },
    ]);
  const now = deps.clock.now().toISOString();
  const writeup: Writeup = {
    id: stored?.id ?? deps.ids.next(),
    editionId: context.edition.id,
    sessionId: context.session.id,
    ...text,
    status,
    version: (stored?.version ?? 0) + 1,
    updatedBy: actor.personId,
    updatedAt: now,
    firstPublishedAt: stored?.firstPublishedAt ?? (status === 'published' ? now : null),
    publishedAt:
      status === 'published'
        ? current === 'published'
          ? (stored?.publishedAt ?? now)
          : now
        : null,
  };
  const saved = await deps.store.transaction(async (store) => {
    if (!(await store.writeups.saveWriteupIfUnchanged(writeup))) return false;
    if (status !== current)
      await recordAudit(
        deps,
        store,
        actor,
        context.edition.id,
        `writeups.${status}`,
        `${status === 'published' ? 'Published' : status === 'in-review' ? 'Sent for review' : current === 'published' ? 'Unpublished' : 'Took back to draft'} the write-up of ${context.session.title}.`,
      );
    // Subscribers hear of a write-up once, when it is first published; not when it comes back.
    if (status === 'published' && !stored?.firstPublishedAt)
      await notifySubscribers(deps, store, writeup);
    return true;
  });
  if (!saved) {
    const theirs = await deps.store.writeups.findWriteup(context.session.id);
    if (!theirs) throw new NotFoundError('The write-up');
    return accepted({ kind: 'conflict', theirs });
  }
  return accepted({ kind: 'saved', writeup, leaks });
}

/** A published write-up as the public reads it; NotFoundError when it is not published. */
export async function loadPublishedWriteup(
  deps: UseCaseDeps,
  slug: string,
  sessionId: string,
): Promise<WriteupContext & { writeup: Writeup }> {
  const context = await loadWriteupContext(deps.store, slug, sessionId);
  const writeup = context.writeup;
  if (writeup?.status !== 'published') throw new NotFoundError('The write-up');
  return { ...context, writeup };
}

/** The edition's published write-ups, newest first, with their sessions. */
export async function listPublishedWriteups(
  deps: UseCaseDeps,
  edition: Edition,
): Promise<{ writeup: Writeup; session: Session; rule: AttributionRule }[]> {
  const [writeups, sessions, rules] = await Promise.all([
    deps.store.writeups.listWriteups(edition.id),
    deps.store.programme.listSessions(edition.id),
    deps.store.writeups.listAttributions(edition.id),
  ]);
  const byId = new Map(sessions.map((s) => [s.id, s]));
  return writeups
    .filter((w) => w.status === 'published' && byId.has(w.sessionId))
    .map((writeup) => ({
      writeup,
      session: byId.get(writeup.sessionId)!,
      rule: rules.get(writeup.sessionId) ?? 'attributable',
    }))
    .sort((a, b) => (b.writeup.publishedAt ?? '').localeCompare(a.writeup.publishedAt ?? ''));
}
