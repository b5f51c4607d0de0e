import type { Edition } from '../../domain/convening/edition.ts';
import {
  countInvitations,
  invitationsBlockedReason,
  invitationStage,
  type InvitationCounts,
  type InvitationStage,
} from '../../domain/invitations/invitation-progress.ts';
import type { Government, Person } from '../../domain/people/person.ts';
import { NotFoundError, type UseCaseDeps } from '../deps.ts';
import type { InviteeProgress, MailBatch, QueuedMail } from '../ports.ts';

/** One invitee as the invitations page lists them. */
export interface InviteeInvitationRow {
  person: Person;
  government: Government | null;
  progress: InviteeProgress;
  mail: QueuedMail | null;
  stage: InvitationStage;
}

/** How the latest request to send invitations is going. */
export interface BatchProgress {
  batch: MailBatch;
  requestedByName: string | null;
  total: number;
  /** Queued, or being sent right now. */
  waiting: number;
  sent: number;
  retrying: number;
  failed: number;
  /** Why the emails waiting for another try failed last time, most common first. */
  retryReasons: { reason: string; count: number }[];
}

/** Everything the organizers' invitations page shows. */
export interface InvitationOverview {
  edition: Edition;
  invitees: InviteeInvitationRow[];
  counts: InvitationCounts;
  latestBatch: BatchProgress | null;
  /** Invitations that could not be sent, from any request, with the person each was for. */
  failures: { mail: QueuedMail; person: Person }[];
  /** Why no invitations can be sent now, or null when they can. */
  blockedReason: string | null;
}

function summariseBatch(
  batch: MailBatch,
  mail: QueuedMail[],
  requestedByName: string | null,
): BatchProgress {
  const inBatch = mail.filter((m) => m.batchId === batch.id);
  const count = (...statuses: QueuedMail['status'][]) =>
    inBatch.filter((m) => statuses.includes(m.status)).length;
  const reasons = new Map<string, number>();
  for (const m of inBatch) {
    if (m.status === 'retrying' && m.lastError)
      reasons.set(m.lastError, (reasons.get(m.lastError) ?? 0) + 1);
  }
  return {
    batch,
    requestedByName,
    total: inBatch.length,
    waiting: count('queued', 'sending'),
    sent: count('sent'),
    retrying: count('retrying'),
    failed: count('failed'),
    retryReasons: [...reasons]
      .map(([reason, n]) => ({ reason, count: n }))
      .sort((a, b) => b.count - a.count),
  };
}

/** Loads the invitees of an edition with how far each invitation has gone. */
export async function loadInvitationOverview(
  deps: UseCaseDeps,
  slug: string,
): Promise<InvitationOverview> {
  const { store } = deps;
  const edition = await store.programme.findEditionBySlug(slug);
  if (!edition) throw new NotFoundError(`The edition "${slug}"`);
  const [people, progress, governments, mail, batch] = await Promise.all([
    store.people.listInvitees(edition.id),
    store.access.listInviteeProgress(edition.id),
    store.people.listGovernments(),
    store.mail.listForEdition(edition.id, 'invitation'),
    store.mail.findLatestBatch(edition.id, 'invitation'),
  ]);
  const progressOf = new Map(progress.map((p) => [p.personId, p]));
  const mailTo = new Map(mail.map((m) => [m.personId, m]));
  const governmentById = new Map(governments.map((g) => [g.id, g]));
  const invitees = people.flatMap((person): InviteeInvitationRow[] => {
    const personProgress = progressOf.get(person.id);
    if (!personProgress) return [];
    const personMail = mailTo.get(person.id) ?? null;
    return [
      {
        person,
        government: person.governmentId ? (governmentById.get(person.governmentId) ?? null) : null,
        progress: personProgress,
        mail: personMail,
        stage: invitationStage({ ...personProgress, mailStatus: personMail?.status ?? null }),
      },
    ];
  });
  const personById = new Map(people.map((p) => [p.id, p]));
  const requester = batch?.requestedBy
    ? (await store.people.findPeopleByIds([batch.requestedBy]))[0]
    : undefined;
  return {
    edition,
    invitees,
    counts: countInvitations(
      invitees.map((row) => ({ ...row.progress, mailStatus: row.mail?.status ?? null })),
    ),
    latestBatch: batch ? summariseBatch(batch, mail, requester?.name ?? null) : null,
    failures: mail.flatMap((m) => {
      const person = personById.get(m.personId);
      return m.status === 'failed' && person ? [{ mail: m, person }] : [];
    }),
    blockedReason: invitationsBlockedReason(edition.status),
  };
}
