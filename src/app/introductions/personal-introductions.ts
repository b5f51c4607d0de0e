import { askerOutcome } from '../../domain/introductions/introduction.ts';
import type { Store } from '../ports.ts';

/**
 * The introductions part of a person's data download: requests they made (each as they see it,
 * so a decline reads as the page shows it), requests they received, and the people they
 * blocked. Other people appear by name only; nobody's email address is in it, and blocks by
 * others are not: those are the other person's data.
 */
export interface IntroductionsExport {
  asked: { to: string; message: string; askedAt: string; status: string }[];
  received: {
    from: string;
    message: string;
    askedAt: string;
    status: string;
    answeredAt: string | null;
  }[];
  peopleYouBlocked: { name: string; blockedAt: string }[];
}

/** Gathers the introductions part of the person's data download. */
export async function exportIntroductionsOf(
  store: Store,
  personId: string,
  now: Date,
): Promise<IntroductionsExport> {
  const all = await store.introductions.listInvolving(personId);
  const blocks = await store.introductions.listBlockedBy(personId);
  const others = await store.people.findPeopleByIds([
    ...new Set([
      ...all.flatMap((i) => [i.askerId, i.recipientId]).filter((id) => id !== personId),
      ...blocks.map((b) => b.blockedId),
    ]),
  ]);
  const name = (id: string) => others.find((p) => p.id === id)?.name ?? 'A deleted account';
  return {
    asked: all
      .filter((i) => i.askerId === personId)
      .map((i) => ({
        to: name(i.recipientId),
        message: i.message,
        askedAt: i.createdAt,
        status: askerOutcome(i, now),
      })),
    received: all
      .filter((i) => i.recipientId === personId)
      .map((i) => ({
        from: name(i.askerId),
        message: i.message,
        askedAt: i.createdAt,
        status: i.status,
        answeredAt: i.decidedAt,
      })),
    peopleYouBlocked: blocks.map((b) => ({ name: name(b.blockedId), blockedAt: b.createdAt })),
  };
}
