import type { Actor } from '../../domain/access/actor.ts';
import {
  askerOutcome,
  checkIntroductionMessage,
  checkRequest,
  parseDecision,
  statusAfter,
  type AskerOutcome,
  type Introduction,
  type RequestRefusal,
} from '../../domain/introductions/introduction.ts';
import type { Government } from '../../domain/people/person.ts';
import type { FieldError } from '../../domain/shared/result.ts';
import { listAcquaintances } from '../directory/people-met.queries.ts';
import { NotFoundError, type UseCaseDeps } from '../deps.ts';
import type { QueuedIntroductionMail, Store } from '../ports.ts';

type SignedIn = Extract<Actor, { kind: 'person' }>;

/** A person as introduction pages show them: a name and a team, never an email address. */
export interface IntroductionParty {
  id: string;
  name: string;
  /** "Team, Country", or '' when the person has no government. */
  team: string;
}

/** The team of a person as words: "Ministry of ICT, Kenya". */
export function teamLabel(government: Government | null | undefined): string {
  return government ? `${government.teamName}, ${government.country}` : '';
}

async function partiesById(store: Store, ids: string[]): Promise<Map<string, IntroductionParty>> {
  const people = await store.people.findPeopleByIds([...new Set(ids)]);
  const governments = new Map((await store.people.listGovernments()).map((g) => [g.id, g]));
  return new Map(
    people.map((person) => [
      person.id,
      {
        id: person.id,
        name: person.name,
        team: teamLabel(person.governmentId ? governments.get(person.governmentId) : null),
      },
    ]),
  );
}

/**
 * The person the actor may ask for an introduction: someone listed in the directory, or someone
 * they met (in a breakout room, or in a session's room at the same time: their people met). Anyone else, or an unknown id, is not found (404), so that ids of
 * people who opted out cannot be probed.
 */
export async function loadAskTarget(
  deps: Pick<UseCaseDeps, 'store' | 'clock'>,
  actor: SignedIn,
  personId: string,
): Promise<IntroductionParty & { hasMet: boolean }> {
  const [person] = await deps.store.people.findPeopleByIds([personId]);
  if (!person) throw new NotFoundError('The person');
  const listed = await deps.store.directory.listListedPersonIds([person.id]);
  const met = (await listAcquaintances(deps, actor.personId)).some((m) => m.personId === person.id);
  if (listed.length === 0 && !met && person.id !== actor.personId)
    throw new NotFoundError('The person');
  const party = (await partiesById(deps.store, [person.id])).get(person.id)!;
  return { ...party, hasMet: met };
}

/** Why a request or an answer was not taken, as the page says it and the status it answers with. */
export interface IntroductionProblem {
  ok: false;
  /** 400 bad input, 409 in conflict with what is stored, 429 over the limit. */
  status: 400 | 409 | 429;
  errors: FieldError[];
  refusal?: RequestRefusal;
}

function statusOf(refusal: RequestRefusal): 400 | 409 | 429 {
  if (refusal.reason === 'self') return 400;
  if (refusal.reason === 'rate-limited' || refusal.reason === 'too-many-open') return 429;
  return 409;
}

/**
 * Asks for an introduction to someone listed in the directory or met in a breakout room, with a
 * short message. Checked in one transaction that holds the asker's record, so that the limits
 * hold across processes; a request already pending between the two (even one made at the same
 * moment) is refused by the database. The person asked is mailed the request, without the
 * asker's email address.
 */
export async function requestIntroduction(
  deps: UseCaseDeps,
  actor: SignedIn,
  input: { personId: unknown; message: unknown },
): Promise<{ ok: true; introduction: Introduction } | IntroductionProblem> {
  const personId = typeof input.personId === 'string' ? input.personId : '';
  const target = await loadAskTarget(deps, actor, personId);
  const message = checkIntroductionMessage(input.message);
  if (!message.ok) return { ok: false, status: 400, errors: message.errors };
  const now = deps.clock.now();
  return deps.store.transaction(async (store) => {
    await store.introductions.lockAsker(actor.personId);
    const refuse = (refusal: RequestRefusal): IntroductionProblem => ({
      ok: false,
      status: statusOf(refusal),
      errors: [{ field: 'message', message: refusal.message }],
      refusal,
    });
    const check = async () =>
      checkRequest(
        {
          askerId: actor.personId,
          recipientId: target.id,
          isBlocked: await store.introductions.isBlockedEitherWay(actor.personId, target.id),
          between: await store.introductions.listBetween(actor.personId, target.id),
          askedInLastDay: await store.introductions.listAskedSince(
            actor.personId,
            new Date(now.getTime() - 86_400_000).toISOString(),
          ),
          openCount: await store.introductions.countPendingBy(actor.personId),
        },
        now,
      );
    const refusal = await check();
    if (refusal) return refuse(refusal);
    const introduction: Introduction = {
      id: deps.ids.next(),
      askerId: actor.personId,
      recipientId: target.id,
      message: message.value,
      status: 'pending',
      createdAt: now.toISOString(),
      decidedAt: null,
    };
    const inserted = await store.introductions.insertIntroduction(
      introduction,
      queuedMail(deps, introduction.id, target.id, 'requested'),
    );
    // The other person asked at the same moment: answer as if theirs had come first.
    if (!inserted) return refuse((await check()) ?? alreadyPending());
    return { ok: true as const, introduction };
  });
}

function alreadyPending(): RequestRefusal {
  return {
    reason: 'already-asked',
    message:
      'A request between you and this person is already waiting for an answer. Nothing new was sent.',
  };
}

function queuedMail(
  deps: Pick<UseCaseDeps, 'ids' | 'clock'>,
  introductionId: string,
  personId: string,
  kind: QueuedIntroductionMail['kind'],
): QueuedIntroductionMail {
  const at = deps.clock.now().toISOString();
  return {
    id: deps.ids.next(),
    introductionId,
    personId,
    kind,
    status: 'queued',
    attempts: 0,
    nextAttemptAt: at,
    lastError: null,
    sentAt: null,
    createdAt: at,
  };
}

/**
 * The person asked accepts or declines a request (`decision` is the form's "accept" or
 * "decline"). Only they may, and only once: the change is a compare-and-set, so of two answers
 * at the same moment exactly one applies and the other is told it was already answered. On
 * acceptance each of the two is mailed the other's email address; a decline sends nothing.
 * Someone else's request, or an unknown one, is not found.
 */
export async function answerIntroduction(
  deps: UseCaseDeps,
  actor: SignedIn,
  introductionId: string,
  rawDecision: unknown,
): Promise<{ ok: true; status: 'accepted' | 'declined' } | IntroductionProblem> {
  const introduction = await deps.store.introductions.findIntroduction(introductionId);
  if (!introduction || introduction.recipientId !== actor.personId)
    throw new NotFoundError('The request for an introduction');
  const decision = parseDecision(rawDecision);
  if (!decision)
    return {
      ok: false,
      status: 400,
      errors: [{ field: 'decision', message: 'Choose to accept or decline the request.' }],
    };
  const answered: IntroductionProblem = {
    ok: false,
    status: 409,
    errors: [
      {
        field: 'decision',
        message: 'You have already answered this request, so nothing was changed.',
      },
    ],
  };
  const next = statusAfter(introduction.status, decision);
  if (next === null || next === 'pending') return answered;
  const at = deps.clock.now().toISOString();
  return deps.store.transaction(async (store) => {
    if (!(await store.introductions.decide(introduction.id, next, at))) return answered;
    if (next === 'accepted')
      await store.introductions.enqueueMail([
        queuedMail(deps, introduction.id, introduction.askerId, 'accepted'),
        queuedMail(deps, introduction.id, introduction.recipientId, 'accepted'),
      ]);
    return { ok: true as const, status: next };
  });
}

/**
 * Blocks a person from asking the actor for introductions: their requests waiting for an answer
 * are declined (silently, as any decline), the actor's own waiting request to them is withdrawn,
 * and every later request is refused in words that do not say why. The actor may block someone who asked them, or anyone they could ask; anyone else
 * is not found.
 */
export async function blockPerson(
  deps: UseCaseDeps,
  actor: SignedIn,
  personId: string,
): Promise<{ ok: true; name: string } | IntroductionProblem> {
  if (personId === actor.personId)
    return {
      ok: false,
      status: 400,
      errors: [{ field: 'personId', message: 'You cannot block yourself.' }],
    };
  const askedMe = (await deps.store.introductions.listBetween(actor.personId, personId)).some(
    (i) => i.askerId === personId,
  );
  const party = askedMe
    ? (await partiesById(deps.store, [personId])).get(personId)
    : await loadAskTarget(deps, actor, personId);
  if (!party) throw new NotFoundError('The person');
  const at = deps.clock.now().toISOString();
  await deps.store.transaction(async (store) => {
    await store.introductions.block({
      blockerId: actor.personId,
      blockedId: personId,
      createdAt: at,
    });
    await store.introductions.declinePendingFrom(personId, actor.personId, at);
    // Their own request to the person they block goes too: nobody should be able to accept it
    // and receive the address of someone who has blocked them.
    await store.introductions.withdrawPendingFrom(actor.personId, personId);
  });
  return { ok: true, name: party.name };
}

/** Lifts a block; the person may ask again (a request declined by the block stays declined). */
export async function unblockPerson(
  deps: UseCaseDeps,
  actor: SignedIn,
  personId: string,
): Promise<{ name: string }> {
  const blocked = (await deps.store.introductions.listBlockedBy(actor.personId)).some(
    (block) => block.blockedId === personId,
  );
  if (!blocked) throw new NotFoundError('The person you blocked');
  const party = (await partiesById(deps.store, [personId])).get(personId);
  await deps.store.introductions.unblock(actor.personId, personId);
  return { name: party?.name ?? 'The person' };
}

/** A request the actor received, as they see it: everything but the asker's email address. */
export interface IncomingIntroduction {
  id: string;
  from: IntroductionParty;
  message: string;
  status: Introduction['status'];
  createdAt: string;
  decidedAt: string | null;
  isBlocked: boolean;
}

/** A request the actor made, as they see it: never whether it was declined, only as it shows. */
export interface OutgoingIntroduction {
  id: string;
  to: IntroductionParty;
  message: string;
  outcome: AskerOutcome;
  createdAt: string;
}

/** Everything on the introductions page of one person. */
export interface IntroductionsOverview {
  incoming: IncomingIntroduction[];
  outgoing: OutgoingIntroduction[];
  blocked: (IntroductionParty & { blockedAt: string })[];
}

/**
 * The actor's requests received (waiting ones first) and made (each as the asker sees it: a
 * declined request reads "waiting for an answer" for the grace period, then "not taken up"),
 * and the people they blocked.
 */
export async function listIntroductions(
  deps: Pick<UseCaseDeps, 'store' | 'clock'>,
  actor: SignedIn,
): Promise<IntroductionsOverview> {
  const now = deps.clock.now();
  const all = await deps.store.introductions.listInvolving(actor.personId);
  const blocks = await deps.store.introductions.listBlockedBy(actor.personId);
  const blockedIds = new Set(blocks.map((block) => block.blockedId));
  const parties = await partiesById(deps.store, [
    ...all.flatMap((i) => [i.askerId, i.recipientId]),
    ...blockedIds,
  ]);
  const party = (id: string): IntroductionParty =>
    parties.get(id) ?? { id, name: 'A deleted account', team: '' };
  const incoming = all
    .filter((i) => i.recipientId === actor.personId)
    .map((i) => ({
      id: i.id,
      from: party(i.askerId),
      message: i.message,
      status: i.status,
      createdAt: i.createdAt,
      decidedAt: i.decidedAt,
      isBlocked: blockedIds.has(i.askerId),
    }))
    // Waiting ones first, each group newest first (the store's order).
    .sort((a, b) => Number(b.status === 'pending') - Number(a.status === 'pending'));
  const outgoing = all
    .filter((i) => i.askerId === actor.personId)
    .map((i) => ({
      id: i.id,
      to: party(i.recipientId),
      message: i.message,
      outcome: askerOutcome(i, now),
      createdAt: i.createdAt,
    }));
  return {
    incoming,
    outgoing,
    blocked: blocks.map((block) => ({ ...party(block.blockedId), blockedAt: block.createdAt })),
  };
}
