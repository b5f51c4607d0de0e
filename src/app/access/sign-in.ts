import type { Actor } from '../../domain/access/actor.ts';
import { normaliseEmail } from '../../domain/people/person.ts';
import type { UseCaseDeps } from '../deps.ts';
import type { StoredSignInToken } from '../ports.ts';
import { loadActor } from './load-actor.ts';

/** A sign-in link works for 15 minutes, once. */
export const SIGN_IN_LINK_MINUTES = 15;
/** An invitation link stays valid long enough to be read after a weekend, once. */
export const INVITATION_LINK_DAYS = 14;
/** A browser stays signed in for a week: the length of a convening and its preparation. */
export const SESSION_DAYS = 7;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const after = (now: Date, ms: number) => new Date(now.getTime() + ms).toISOString();

/**
 * Emails a sign-in link when the address belongs to a known person. The answer is the same
 * whether or not it does, so nobody can find out who is invited by asking.
 */
export async function requestSignInLink(deps: UseCaseDeps, rawEmail: string): Promise<void> {
  const email = normaliseEmail(rawEmail);
  const [person] = await deps.store.people.findPeopleByEmails([email]);
  if (!person) return;
  const now = deps.clock.now();
  const token = deps.secrets.newToken();
  await deps.store.access.insertSignInToken({
    tokenHash: deps.secrets.hash(token),
    personId: person.id,
    editionId: null,
    purpose: 'sign-in',
    createdAt: now.toISOString(),
    expiresAt: after(now, SIGN_IN_LINK_MINUTES * MINUTE),
    usedAt: null,
  });
  await deps.mailer.send({
    to: { name: person.name, email: person.email },
    subject: 'Your link to sign in to Convene',
    text: [
      `Hello ${person.name},`,
      '',
      'Use this link to sign in to Convene:',
      '',
      deps.links.signIn(token),
      '',
      `The link works once, within ${SIGN_IN_LINK_MINUTES} minutes. If you did not ask for it, you can ignore this email: nobody can sign in without the link.`,
    ].join('\n'),
  });
}

/** Creates a personal invitation link for an invitee; the token is returned once, to be mailed. */
export async function issueInvitationLink(
  deps: UseCaseDeps,
  editionId: string,
  personId: string,
): Promise<string> {
  const now = deps.clock.now();
  const token = deps.secrets.newToken();
  await deps.store.access.insertSignInToken({
    tokenHash: deps.secrets.hash(token),
    personId,
    editionId,
    purpose: 'invitation',
    createdAt: now.toISOString(),
    expiresAt: after(now, INVITATION_LINK_DAYS * DAY),
    usedAt: null,
  });
  return deps.links.invitation(token);
}

/** Why a link could not be used, in words the page can show. */
export type LinkProblem = 'unknown' | 'used' | 'expired';

/** The result of following a link: a new browser session, or why not. */
export type SignInResult =
  | {
      ok: true;
      sessionToken: string;
      personId: string;
      editionId: string | null;
      purpose: StoredSignInToken['purpose'];
    }
  | { ok: false; problem: LinkProblem };

/** Checks a link without using it, so the page can say what is wrong before anyone presses a button. */
export async function checkLink(
  deps: UseCaseDeps,
  token: string,
  purpose: StoredSignInToken['purpose'],
): Promise<LinkProblem | null> {
  const stored = await deps.store.access.findSignInToken(deps.secrets.hash(token));
  if (!stored || stored.purpose !== purpose) return 'unknown';
  if (stored.usedAt !== null) return 'used';
  if (Date.parse(stored.expiresAt) <= deps.clock.now().getTime()) return 'expired';
  return null;
}

/**
 * Uses a sign-in or invitation link: once, before it expires. Starts a browser session and, for
 * an invitation, records that the invitee opened it.
 */
export async function completeSignIn(
  deps: UseCaseDeps,
  token: string,
  purpose: StoredSignInToken['purpose'],
): Promise<SignInResult> {
  return deps.store.transaction(async (store) => {
    const tokenHash = deps.secrets.hash(token);
    const stored = await store.access.findSignInToken(tokenHash);
    if (!stored || stored.purpose !== purpose) return { ok: false, problem: 'unknown' };
    if (stored.usedAt !== null) return { ok: false, problem: 'used' };
    const now = deps.clock.now();
    if (Date.parse(stored.expiresAt) <= now.getTime()) return { ok: false, problem: 'expired' };
    if (!(await store.access.markSignInTokenUsed(tokenHash, now.toISOString())))
      return { ok: false, problem: 'used' };
    if (stored.purpose === 'invitation' && stored.editionId) {
      const progress = (await store.access.listInvitationsOf(stored.personId)).find(
        (i) => i.editionId === stored.editionId,
      );
      if (progress && progress.openedAt === null) {
        await store.access.updateInviteeProgress(stored.editionId, stored.personId, {
          openedAt: now.toISOString(),
        });
      }
    }
    const sessionToken = deps.secrets.newToken();
    await store.access.insertUserSession({
      sessionHash: deps.secrets.hash(sessionToken),
      personId: stored.personId,
      createdAt: now.toISOString(),
      expiresAt: after(now, SESSION_DAYS * DAY),
      lastSeenAt: now.toISOString(),
    });
    return {
      ok: true,
      sessionToken,
      personId: stored.personId,
      editionId: stored.editionId,
      purpose: stored.purpose,
    };
  });
}

/** The actor behind a session cookie; a visitor when there is none, it expired, or it was ended. */
export async function resolveSession(
  deps: UseCaseDeps,
  sessionToken: string | undefined,
): Promise<Actor> {
  if (!sessionToken) return { kind: 'visitor' };
  const sessionHash = deps.secrets.hash(sessionToken);
  const session = await deps.store.access.findUserSession(sessionHash);
  if (!session) return { kind: 'visitor' };
  const now = deps.clock.now();
  if (Date.parse(session.expiresAt) <= now.getTime()) {
    await deps.store.access.deleteUserSession(sessionHash);
    return { kind: 'visitor' };
  }
  // Remember activity at most once a minute, not on every request.
  if (now.getTime() - Date.parse(session.lastSeenAt) > MINUTE) {
    await deps.store.access.touchUserSession(sessionHash, now.toISOString());
  }
  return (await loadActor(deps.store, session.personId)) ?? { kind: 'visitor' };
}

/** Ends the session on the server, so the cookie is worthless even if it was copied. */
export async function signOut(deps: UseCaseDeps, sessionToken: string | undefined): Promise<void> {
  if (sessionToken) await deps.store.access.deleteUserSession(deps.secrets.hash(sessionToken));
}
