/** Encouragement and congratulations, counted and shown as a passing burst rather than chat lines. */
export const REACTIONS = [
  { kind: 'applause', emoji: '👏', label: 'Applause' },
  { kind: 'thanks', emoji: '🙏', label: 'Thank you' },
  { kind: 'celebrate', emoji: '🎉', label: 'Celebrate' },
  { kind: 'love', emoji: '❤️', label: 'Love it' },
  { kind: 'insightful', emoji: '💡', label: 'Insightful' },
  { kind: 'agree', emoji: '👍', label: 'Agree' },
] as const;
export type ReactionKind = (typeof REACTIONS)[number]['kind'];

/** Whether a text names one of the reactions. */
export function isReactionKind(value: unknown): value is ReactionKind {
  return typeof value === 'string' && REACTIONS.some((reaction) => reaction.kind === value);
}

/** Counts of each reaction in one burst; kinds nobody used are left out. */
export type ReactionCounts = Partial<Record<ReactionKind, number>>;

/** Adds one burst's counts to another's. */
export function addReactionCounts(into: ReactionCounts, counts: ReactionCounts): ReactionCounts {
  const sum: ReactionCounts = { ...into };
  for (const { kind } of REACTIONS) {
    const n = counts[kind];
    if (n) sum[kind] = (sum[kind] ?? 0) + n;
  }
  return sum;
}
