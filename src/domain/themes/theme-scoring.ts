/**
 * Suggesting an edition's themes for a text (a question, breakout notes) from the words they
 * share. The words come in already reduced to their dictionary form (lemmas) by a language
 * library in the adapters; what counts as a match, how much it weighs and what is shown as the
 * reason is decided here, so it is the same whatever library reads the words.
 */

/** A word of a text: its dictionary form, and how it was written (shown as the reason). */
export interface TextTerm {
  lemma: string;
  word: string;
}

/** A theme as words: its own (name and description) and the synonyms they bring in. */
export interface ThemeTerms {
  themeId: string;
  lemmas: string[];
}

/** A theme suggested for a text, with the words of the text that made it. */
export interface ThemeSuggestion {
  themeId: string;
  /** From 0 (nothing shared) to 1. */
  score: number;
  /** The text's words that match the theme, as written, most telling first. */
  because: string[];
}

/** Below this a match is too thin to bother a person with. */
export const SUGGESTION_THRESHOLD = 0.12;
/** One shared word is a suggestion only when it weighs this much ("shared" alone is not code sharing). */
export const SINGLE_WORD_THRESHOLD = 0.3;
/** At most this many suggestions, so that a person reads them all. */
export const MAX_SUGGESTIONS = 3;

/**
 * Words people use for the words of common themes, in their plain form; a theme whose name or
 * description holds a key also matches its synonyms. Lemmatized like every other word before use.
 */
export const THEME_SYNONYMS: Record<string, string[]> = {
  procurement: [
    'buying',
    'buy',
    'vendor',
    'supplier',
    'contract',
    'tender',
    'purchase',
    'framework',
  ],
  vendor: ['supplier', 'contractor', 'contract', 'integrator', 'outsourcing', 'licence', 'license'],
  lock: ['locked', 'dependency', 'dependent', 'proprietary', 'exit', 'switch'],
  budget: ['funding', 'fund', 'money', 'spending', 'yearly', 'annual', 'treasury', 'cost'],
  finance: ['funding', 'fund', 'money', 'treasury', 'business case', 'spending', 'budget'],
  talent: [
    'hiring',
    'hire',
    'recruit',
    'recruitment',
    'skills',
    'people',
    'career',
    'salary',
    'retain',
  ],
  capability: ['skills', 'training', 'learning', 'competency', 'profession'],
  code: ['open source', 'reuse', 'repository', 'github', 'licence', 'library', 'component'],
  share: ['reuse', 'open', 'exchange', 'common', 'copy'],
  collaboration: ['cooperate', 'cooperation', 'partner', 'together', 'peer', 'network'],
  agile: [
    'iterative',
    'sprint',
    'scrum',
    'user research',
    'prototype',
    'discovery',
    'alpha',
    'beta',
  ],
  reform: ['transformation', 'transform', 'change', 'modernise', 'modernize', 'scale', 'ministry'],
  investment: ['invest', 'funding', 'fund', 'business case', 'return', 'value', 'donor'],
  team: ['multidisciplinary', 'squad', 'unit', 'staff'],
  politician: ['minister', 'ministers', 'parliament', 'political', 'cabinet'],
};

/**
 * Weighs each word by how few themes share it (a word in every theme says nothing about which
 * one a text is about), then scores each theme by the cosine of the weighted words it shares
 * with the text (weights squared, as both sides carry them): best first, at most MAX_SUGGESTIONS,
 * only above SUGGESTION_THRESHOLD and, for a single shared word, SINGLE_WORD_THRESHOLD.
 */
export function rankThemes(text: TextTerm[], themes: ThemeTerms[]): ThemeSuggestion[] {
  const themeSets = themes.map((theme) => ({
    themeId: theme.themeId,
    lemmas: new Set(theme.lemmas),
  }));
  const themeCount = themeSets.length;
  if (themeCount === 0 || text.length === 0) return [];
  const spreadOf = new Map<string, number>();
  for (const theme of themeSets)
    for (const lemma of theme.lemmas) spreadOf.set(lemma, (spreadOf.get(lemma) ?? 0) + 1);
  const weight = (lemma: string) => Math.log(1 + themeCount / (spreadOf.get(lemma) ?? 1));

  // How often each word of the text occurs, and how it was first written.
  const textCounts = new Map<string, { count: number; word: string }>();
  for (const term of text) {
    const seen = textCounts.get(term.lemma);
    if (seen) seen.count += 1;
    else textCounts.set(term.lemma, { count: 1, word: term.word });
  }
  let textNorm = 0;
  for (const [lemma, { count }] of textCounts) textNorm += (count * weight(lemma)) ** 2;
  textNorm = Math.sqrt(textNorm);

  const suggestions: ThemeSuggestion[] = [];
  for (const theme of themeSets) {
    let themeNorm = 0;
    for (const lemma of theme.lemmas) themeNorm += weight(lemma) ** 2;
    themeNorm = Math.sqrt(themeNorm);
    const shared = [...textCounts]
      .filter(([lemma]) => theme.lemmas.has(lemma))
      .map(([lemma, { count, word }]) => ({ word, value: count * weight(lemma) ** 2 }));
    if (shared.length === 0 || themeNorm === 0 || textNorm === 0) continue;
    const dot = shared.reduce((sum, s) => sum + s.value, 0);
    const score = Math.min(1, dot / (textNorm * themeNorm));
    suggestions.push({
      themeId: theme.themeId,
      score: Math.round(score * 1000) / 1000,
      because: shared
        .sort((a, b) => b.value - a.value || a.word.localeCompare(b.word))
        .map((s) => s.word)
        .filter((word, index, all) => all.indexOf(word) === index),
    });
  }
  return suggestions
    .filter(
      (s) =>
        s.score >= SUGGESTION_THRESHOLD &&
        (s.because.length >= 2 || s.score >= SINGLE_WORD_THRESHOLD),
    )
    .sort((a, b) => b.score - a.score || b.because.length - a.because.length)
    .slice(0, MAX_SUGGESTIONS);
}
