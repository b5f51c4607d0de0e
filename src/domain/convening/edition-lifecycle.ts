import type { EditionStatus } from './edition.ts';

/** What the lifecycle guards need to know about an edition and the moment of the change. */
export interface LifecycleFacts {
  status: EditionStatus;
  dayCount: number;
  sessionCount: number;
  /** Last day of the edition (YYYY-MM-DD, home time zone). */
  endDate: string;
  /** Today in the edition's home time zone (YYYY-MM-DD). */
  today: string;
}

/** The changes an organizer may ask for, each moving the edition one step. */
const TRANSITIONS: Record<EditionStatus, EditionStatus[]> = {
  draft: ['published'],
  published: ['draft', 'live', 'archived'],
  live: ['archived'],
  archived: [],
};

/** The result of asking whether an edition may move to another status. */
export type TransitionCheck = { allowed: true } | { allowed: false; reason: string };

/**
 * Decides whether an edition may move to `to`. Guards keep the archive trustworthy: nothing
 * is published without a programme, and an edition is archived only once its last day is over.
 */
export function checkEditionTransition(facts: LifecycleFacts, to: EditionStatus): TransitionCheck {
  if (facts.status === to) return { allowed: false, reason: `The edition is already ${to}.` };
  if (!TRANSITIONS[facts.status].includes(to)) {
    return {
      allowed: false,
      reason: `An edition that is ${facts.status} cannot become ${to}.${
        facts.status === 'archived' ? ' Archived editions are kept as they were.' : ''
      }`,
    };
  }
  if ((to === 'published' || to === 'live') && (facts.dayCount === 0 || facts.sessionCount === 0)) {
    return {
      allowed: false,
      reason: 'Add at least one day and one session before the edition is published.',
    };
  }
  if (to === 'archived' && facts.today <= facts.endDate) {
    return {
      allowed: false,
      reason: `An edition can be archived only after its last day (${facts.endDate}).`,
    };
  }
  return { allowed: true };
}

/** The statuses an organizer can move the edition to next, for offering buttons. */
export function nextEditionStatuses(status: EditionStatus): EditionStatus[] {
  return TRANSITIONS[status];
}

/** Editions people outside the organizing team may see. */
export function isEditionVisibleToPublic(status: EditionStatus): boolean {
  return status !== 'draft';
}
