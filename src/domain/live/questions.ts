/**
 * A question's way through a session: queued (waiting for a moderator, when the session
 * has a moderation queue) → visible (everyone can vote) → answered, or archived when a
 * moderator puts it aside. A queued question a moderator turns down is rejected: like a
 * queued one, only the moderators and its asker ever see it.
 */
export const QUESTION_STATUSES = ['queued', 'visible', 'answered', 'archived', 'rejected'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export const QUESTION_STATUS_LABELS: Record<QuestionStatus, string> = {
  queued: 'Waiting for a moderator',
  visible: 'Open',
  answered: 'Answered',
  archived: 'Archived',
  rejected: 'Not shown to attendees',
};

/** Which changes a moderator may make from each status. */
const MOVES: Record<QuestionStatus, QuestionStatus[]> = {
  queued: ['visible', 'rejected'],
  visible: ['answered', 'archived'],
  answered: ['visible', 'archived'],
  archived: ['visible'],
  rejected: ['visible'],
};

/** Whether a moderator may move a question from one status to another. */
export function canMoveQuestion(from: QuestionStatus, to: QuestionStatus): boolean {
  return MOVES[from].includes(to);
}

/** Why a move is refused, in words a moderator understands. */
export function refusedMoveMessage(from: QuestionStatus, to: QuestionStatus): string {
  if (from === to) return `This question is already ${QUESTION_STATUS_LABELS[to].toLowerCase()}.`;
  return `A question that is ${QUESTION_STATUS_LABELS[from].toLowerCase()} cannot be marked ${QUESTION_STATUS_LABELS[to].toLowerCase()}. Reload the room to see where it is now.`;
}

/** Whether attendees see a question in this status (queued and rejected ones only moderators and the asker see). */
export function isPublicQuestion(status: QuestionStatus): boolean {
  return status !== 'queued' && status !== 'rejected';
}

/** How people can order the questions. */
export const QUESTION_SORTS = ['votes', 'newest'] as const;
export type QuestionSort = (typeof QUESTION_SORTS)[number];

/** The order of statuses in the list: what needs a moderator, what is open, then what is done. */
const RANK: Record<QuestionStatus, number> = {
  queued: 0,
  visible: 1,
  answered: 2,
  archived: 3,
  rejected: 4,
};

/** Open questions first; then by votes (ties: older first) or newest first. */
export function sortQuestions<
  Q extends { status: QuestionStatus; votes: number; askedSeq: number },
>(questions: Q[], sort: QuestionSort): Q[] {
  const rank = (q: Q) => RANK[q.status];
  return [...questions].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (sort === 'votes' ? b.votes - a.votes || a.askedSeq - b.askedSeq : b.askedSeq - a.askedSeq),
  );
}
