import { isEditionVisibleToPublic } from '../convening/edition-lifecycle.ts';
import type { EditionStatus } from '../convening/edition.ts';

/**
 * Who is asking. Until sign-in exists, everyone is a visitor, except that the development
 * switch (CONVENE_DEV_ORGANIZER) makes every request an organizer on the embedded default.
 */
export type Actor = { kind: 'visitor' } | { kind: 'organizer'; via: 'development-switch' };

/** Everything a person can ask to do; every route names one of these. */
export type Action =
  'edition.view' | 'edition.list-archive' | 'edition.manage' | 'programme.import' | 'fairness.view';

/** The record an action is about, where the rule depends on it. */
export interface PolicySubject {
  editionStatus?: EditionStatus;
}

const isOrganizer = (actor: Actor): boolean => actor.kind === 'organizer';
const isPublicEdition = (subject: PolicySubject): boolean =>
  subject.editionStatus !== undefined && isEditionVisibleToPublic(subject.editionStatus);

const RULES: Record<Action, (actor: Actor, subject: PolicySubject) => boolean> = {
  'edition.view': (actor, subject) => isOrganizer(actor) || isPublicEdition(subject),
  'edition.list-archive': () => true,
  'edition.manage': isOrganizer,
  'programme.import': isOrganizer,
  'fairness.view': isOrganizer,
};

/** The one place that decides whether `actor` may do `action` on `subject`. */
export function can(actor: Actor, action: Action, subject: PolicySubject = {}): boolean {
  return RULES[action](actor, subject);
}
