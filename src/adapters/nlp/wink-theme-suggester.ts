import winkNLP, { type ItemToken, type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { ThemeSuggester } from '../../app/ports.ts';
import {
  rankThemes,
  THEME_SYNONYMS,
  type TextTerm,
  type ThemeTerms,
} from '../../domain/themes/theme-scoring.ts';

/** Words too short to tell themes apart ("it", "go", "us"), once stop words are gone. */
const MIN_WORD_LENGTH = 3;

/**
 * Suggests themes with wink-nlp and its English model, both installed as packages: the text is
 * read on this machine and never sent anywhere, and nothing is downloaded at run time.
 */
export function createWinkThemeSuggester(): ThemeSuggester {
  // The model takes a moment to load: only when the first suggestion is asked for.
  let nlp: WinkMethods | null = null;
  const reader = () => (nlp ??= winkNLP(model, ['sbd', 'pos']));
  const themeCache = new Map<string, string[]>();
  let synonymLemmas: Map<string, string[]> | null = null;

  /** The words of a text that carry meaning, in their dictionary form. */
  function termsOf(text: string): TextTerm[] {
    const nlpReader = reader();
    const its = nlpReader.its;
    // The model's lemmatizer is typed with its add-ons, which the token's `out` does not know.
    const lemmaOf = its.lemma as unknown as typeof its.normal;
    // "lock-in", "public-sector", "open/closed": the parts are the words.
    const doc = nlpReader.readDoc(text.replace(/(\p{L})[-‐–/](?=\p{L})/gu, '$1 '));
    const terms: TextTerm[] = [];
    doc.tokens().each((token: ItemToken) => {
      if (token.out(its.type) !== 'word' || token.out(its.stopWordFlag)) return;
      const lemma = String(token.out(lemmaOf)).toLowerCase();
      const word = String(token.out(its.normal)).toLowerCase();
      if (lemma.length < MIN_WORD_LENGTH || /^\d+$/.test(lemma)) return;
      terms.push({ lemma, word });
    });
    return terms;
  }

  function synonyms(): Map<string, string[]> {
    synonymLemmas ??= new Map(
      Object.entries(THEME_SYNONYMS).map(([key, words]) => [
        termsOf(key)[0]?.lemma ?? key,
        termsOf(words.join(', ')).map((t) => t.lemma),
      ]),
    );
    return synonymLemmas;
  }

  function themeLemmas(theme: { name: string; description: string }): string[] {
    const key = `${theme.name}\n${theme.description}`;
    const cached = themeCache.get(key);
    if (cached) return cached;
    const own = termsOf(`${theme.name}. ${theme.description}`).map((t) => t.lemma);
    const lemmas = [...new Set([...own, ...own.flatMap((lemma) => synonyms().get(lemma) ?? [])])];
    themeCache.set(key, lemmas);
    return lemmas;
  }

  return {
    suggest(text, themes) {
      if (text.trim() === '' || themes.length === 0) return [];
      const themeTerms: ThemeTerms[] = themes.map((theme) => ({
        themeId: theme.id,
        lemmas: themeLemmas(theme),
      }));
      return rankThemes(termsOf(text), themeTerms);
    },
  };
}
