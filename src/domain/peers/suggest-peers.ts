import type { TeamMaturity } from '../people/person.ts';

/**
 * What suggestions are made of, for one person: their government and how far their team is,
 * the themes their team struggles with and can help with (as they registered, any edition), and
 * the themes of questions in session rooms: for the viewer, those they asked or upvoted; for
 * others, only those they asked under their name (upvotes are never shown by name). Themes are names; the same
 * name in two editions is the same theme (compared without case or extra spaces).
 */
export interface PeerProfile {
  personId: string;
  name: string;
  governmentId: string | null;
  maturity: TeamMaturity;
  struggling: string[];
  helping: string[];
  askedAbout: string[];
}

/** Everything the suggestions for one viewer depend on; nothing else is read. */
export interface SuggestPeersInput {
  viewer: PeerProfile;
  candidates: PeerProfile[];
  /** People listed in the directory: nobody else is ever suggested. */
  listedIds: Iterable<string>;
  /** People the viewer already met in a breakout room. */
  metIds: Iterable<string>;
  /** People the viewer blocked or who blocked the viewer. */
  blockedIds: Iterable<string>;
  /** At most this many; ten unless given. */
  limit?: number;
}

/** One person worth meeting, with why in plain words, the strongest reason first. */
export interface PeerSuggestion {
  personId: string;
  name: string;
  score: number;
  reasons: string[];
}

/**
 * The weights of each reason, per theme. Learning from a team further along on what yours
 * struggles with counts most; sharing a struggle next; being able to help them less (the page is
 * for the viewer's needs first); questions are a weaker signal of interest than declared themes.
 */
export const PEER_WEIGHTS = {
  /** Their team has momentum on a theme yours is starting out on (and struggles with). */
  momentumOnYourStruggle: 5,
  /** Their team can help with a theme yours struggles with. */
  helpsWithYourStruggle: 4,
  /** Both teams struggle with the theme. */
  sharedStruggle: 3,
  /** Your team can help with a theme theirs struggles with. */
  youCanHelp: 2,
  /** They asked questions on a theme you struggle with, help with, asked or upvoted about. */
  askedAbout: 1,
} as const;

/** The most suggestions shown. */
export const PEER_SUGGESTION_LIMIT = 10;

/** Reasons shown per person besides "you have not met yet": the strongest. */
const MAX_REASONS = 3;

function themeKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A theme's name as it reads inside a sentence. */
function inSentence(name: string): string {
  const clean = name.trim().replace(/\s+/g, ' ');
  return clean.charAt(0).toLowerCase() + clean.slice(1);
}

/** "a", "a and b", "a, b and c". */
function listInWords(items: string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}

/** The profile's themes of one kind by key, keeping the first spelling met. */
function themesOf(names: string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const name of names)
    if (name.trim()) map.set(themeKey(name), map.get(themeKey(name)) ?? name);
  return map;
}

/**
 * Up to ten people from other governments worth meeting, each with the reasons in plain words:
 * "their team has momentum on X, yours is starting out", "their team can help with X, which
 * yours is struggling with", "also struggling with X", "your team can help with X, which theirs
 * is struggling with", "asked questions on X", and always "you have not met
 * yet". Scored by PEER_WEIGHTS per theme. Never suggests the viewer, their own government's
 * people, people without a government, people they met, anyone blocked either way, or anyone
 * not listed in the directory; nor anyone with no reason at all. Best first; ties by name,
 * then id, so the same inputs always give the same list.
 */
export function suggestPeers(input: SuggestPeersInput): PeerSuggestion[] {
  const { viewer } = input;
  const listed = new Set(input.listedIds);
  const excluded = new Set([...input.metIds, ...input.blockedIds, viewer.personId]);
  const myStruggles = themesOf(viewer.struggling);
  const myHelp = themesOf(viewer.helping);
  const myInterests = new Set([
    ...myStruggles.keys(),
    ...myHelp.keys(),
    ...themesOf(viewer.askedAbout).keys(),
  ]);
  const suggestions: PeerSuggestion[] = [];
  const seen = new Set<string>();
  for (const candidate of input.candidates) {
    if (seen.has(candidate.personId)) continue;
    seen.add(candidate.personId);
    if (!listed.has(candidate.personId) || excluded.has(candidate.personId)) continue;
    if (candidate.governmentId === null || candidate.governmentId === viewer.governmentId) continue;
    const theirStruggles = themesOf(candidate.struggling);
    const theirHelp = themesOf(candidate.helping);
    const weighed: { weight: number; text: string }[] = [];
    for (const [key, name] of myStruggles) {
      if (theirHelp.has(key)) {
        weighed.push(
          candidate.maturity === 'momentum' && viewer.maturity === 'starting'
            ? {
                weight: PEER_WEIGHTS.momentumOnYourStruggle,
                text: `their team has momentum on ${inSentence(name)}, yours is starting out`,
              }
            : {
                weight: PEER_WEIGHTS.helpsWithYourStruggle,
                text: `their team can help with ${inSentence(name)}, which yours is struggling with`,
              },
        );
      }
      if (theirStruggles.has(key))
        weighed.push({
          weight: PEER_WEIGHTS.sharedStruggle,
          text: `also struggling with ${inSentence(name)}`,
        });
    }
    for (const [key, name] of myHelp) {
      if (theirStruggles.has(key))
        weighed.push({
          weight: PEER_WEIGHTS.youCanHelp,
          text: `your team can help with ${inSentence(name)}, which theirs is struggling with`,
        });
    }
    // One sentence for every theme of their questions that interests the viewer.
    const asked = [...themesOf(candidate.askedAbout)]
      .filter(([key]) => myInterests.has(key))
      .map(([, name]) => inSentence(name));
    if (asked.length > 0)
      weighed.push({
        weight: PEER_WEIGHTS.askedAbout * asked.length,
        text: `asked questions on ${listInWords(asked)}`,
      });
    if (weighed.length === 0) continue;
    // Stable: equal weights keep the order above (struggles before help before questions).
    const strongest = weighed
      .map((reason, index) => ({ ...reason, index }))
      .sort((a, b) => b.weight - a.weight || a.index - b.index);
    suggestions.push({
      personId: candidate.personId,
      name: candidate.name,
      score: weighed.reduce((sum, reason) => sum + reason.weight, 0),
      reasons: [...strongest.slice(0, MAX_REASONS).map((r) => r.text), 'you have not met yet'],
    });
  }
  return suggestions
    .sort(
      (a, b) =>
        b.score - a.score ||
        a.name.localeCompare(b.name, 'en') ||
        (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0),
    )
    .slice(0, input.limit ?? PEER_SUGGESTION_LIMIT);
}
