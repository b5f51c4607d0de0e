/**
 * Sorting a session's chat once it has ended, so that moderators and rapporteurs find the
 * questions that were asked in the chat instead of the Q&A, apart from the thanks and cheers.
 * Plain rules over the text, in English and a few common words of Spanish, French and
 * Portuguese: a heuristic to help a person read, never a decision about anyone.
 */
export const CHAT_KINDS = ['question', 'encouragement', 'other'] as const;
export type ChatKind = (typeof CHAT_KINDS)[number];

export const CHAT_KIND_LABELS: Record<ChatKind, string> = {
  question: 'Questions',
  encouragement: 'Encouragement and congratulations',
  other: 'Other',
};

/** Words that open a question, lowercased; several words are matched as a phrase. */
const INTERROGATIVES = [
  // English
  'how',
  'what',
  'why',
  'who',
  'whom',
  'whose',
  'when',
  'where',
  'which',
  'is',
  'are',
  'am',
  'was',
  'were',
  'can',
  'could',
  'do',
  'does',
  'did',
  'should',
  'would',
  'will',
  'has',
  'have',
  'may',
  'might',
  'shall',
  'anyone',
  'any',
  // Spanish (the accented forms: unaccented "que", "como" also mean "that", "like")
  'qué',
  'cómo',
  'por qué',
  'cuándo',
  'dónde',
  'quién',
  'quiénes',
  'cuál',
  'cuáles',
  'cuánto',
  'cuántos',
  'cuánta',
  'cuántas',
  // French
  'comment',
  'pourquoi',
  'où',
  'quel',
  'quelle',
  'quels',
  'quelles',
  'est-ce',
  'combien',
  // Portuguese
  'por que',
  'onde',
  'quem',
  'qual',
  'quais',
  'quanto',
  'quantos',
  'quantas',
];

/** Thanks, congratulations and cheers; matched as whole words, case-insensitively. */
const ENCOURAGEMENT_WORDS = [
  // English
  'thanks',
  'thank you',
  'thank u',
  'thx',
  'ty',
  'cheers',
  'congrats',
  'congratulations',
  'great',
  'well done',
  'bravo',
  'brilliant',
  'awesome',
  'amazing',
  'excellent',
  'fantastic',
  'inspiring',
  'love this',
  'loved this',
  'loving this',
  'love it',
  'kudos',
  'nice',
  'wonderful',
  'superb',
  'impressive',
  // Spanish
  'gracias',
  'felicitaciones',
  'felicidades',
  'enhorabuena',
  'excelente',
  'genial',
  'muy bien',
  // French
  'merci',
  'félicitations',
  'génial',
  'formidable',
  'super',
  // Portuguese
  'obrigado',
  'obrigada',
  'parabéns',
  'ótimo',
  'ótima',
  'muito bem',
];

/** Emoji that cheer: clapping, party, raised hands, hearts, hundred, thumbs up, folded hands, sparkles. */
const ENCOURAGEMENT_EMOJI =
  /[\u{1F44F}\u{1F389}\u{1F38A}\u{1F64C}\u{2764}\u{1F496}\u{1F497}\u{1F49C}\u{1F499}\u{1F49A}\u{1F4AF}\u{1F44D}\u{1F64F}\u{2728}\u{1F973}\u{1F525}\u{2B50}\u{1F31F}]/u;

const LETTER = /[\p{L}\p{N}]/u;

function wordsPattern(words: string[]): RegExp {
  const alternatives = [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
}

const ENCOURAGEMENT = wordsPattern(ENCOURAGEMENT_WORDS);
const OPENS_QUESTION = new RegExp(
  `^[¿¡"'“‘(\\s]*(?:${[...INTERROGATIVES]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/ /g, '\\s+'))
    .join('|')})(?![\\p{L}\\p{N}'’])`,
  'iu',
);

/** Web addresses, whose "?" starts a query string and asks nothing. */
const URL = /\b(?:https?:\/\/|www\.)\S+/giu;

/** The text's sentences, each with the marks that end it ('' for none). */
function sentences(text: string): { body: string; end: string }[] {
  const found: { body: string; end: string }[] = [];
  for (const match of text.matchAll(/([^.!?…\n]*)([.!?…]*)/gu)) {
    if (match[0] === '') continue;
    found.push({ body: (match[1] ?? '').trim(), end: match[2] ?? '' });
  }
  return found;
}

/** Whether one sentence asks something: it ends with "?" or opens with a question word. */
function asks(sentence: { body: string; end: string }): boolean {
  // "?" alone, or "??", asks nothing a moderator could put to the speakers.
  if (!LETTER.test(sentence.body)) return false;
  if (sentence.end.includes('?')) return true;
  // "What a talk!" exclaims; a question word before "!" does not ask.
  if (sentence.end.includes('!')) return false;
  return OPENS_QUESTION.test(sentence.body);
}

/** Whether a chat message asks a question (a question anywhere in it wins over thanks). */
export function isChatQuestion(text: string): boolean {
  const withoutLinks = text.normalize('NFC').replace(URL, ' ');
  return sentences(withoutLinks).some(asks);
}

/** Whether a chat message thanks, congratulates or cheers. */
export function isEncouragement(text: string): boolean {
  const withoutLinks = text.normalize('NFC').replace(URL, ' ');
  return ENCOURAGEMENT.test(withoutLinks) || ENCOURAGEMENT_EMOJI.test(withoutLinks);
}

/** Which heading a chat message goes under: a question, encouragement, or other. */
export function classifyChatMessage(text: string): ChatKind {
  if (isChatQuestion(text)) return 'question';
  if (isEncouragement(text)) return 'encouragement';
  return 'other';
}

/** The messages under each heading, in their own order. */
export function sortChat<M extends { text: string }>(messages: M[]): Record<ChatKind, M[]> {
  const sorted: Record<ChatKind, M[]> = { question: [], encouragement: [], other: [] };
  for (const message of messages) sorted[classifyChatMessage(message.text)].push(message);
  return sorted;
}
