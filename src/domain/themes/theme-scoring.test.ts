import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_SUGGESTIONS, rankThemes, type TextTerm } from './theme-scoring.ts';

const words = (...lemmas: string[]): TextTerm[] => lemmas.map((lemma) => ({ lemma, word: lemma }));

const THEMES = [
  { themeId: 'lock-in', lemmas: ['vendor', 'lock', 'budget', 'integrator', 'contract'] },
  { themeId: 'finance', lemmas: ['agile', 'finance', 'procurement', 'budget', 'tender'] },
  { themeId: 'talent', lemmas: ['talent', 'capability', 'hiring', 'skills'] },
  { themeId: 'sharing', lemmas: ['code', 'share', 'reuse', 'open', 'source', 'team'] },
];

describe('suggesting themes from shared words', () => {
  it('suggests the theme sharing the most telling words first, with them as the reason', () => {
    const [first, ...rest] = rankThemes(
      words('avoid', 'lock', 'vendor', 'budget', 'yearly'),
      THEMES,
    );
    assert.equal(first?.themeId, 'lock-in');
    assert.deepEqual(first?.because.slice(0, 2).sort(), ['lock', 'vendor']);
    assert.ok(first!.because.includes('budget'));
    for (const other of rest) assert.ok(other.score <= first!.score);
  });

  it('weighs a word shared by several themes less than one only a single theme has', () => {
    const [suggestion] = rankThemes(words('budget', 'tender', 'agile'), THEMES);
    assert.equal(suggestion?.themeId, 'finance');
    assert.deepEqual(suggestion?.because.at(-1), 'budget');
  });

  it('shows the words as the text wrote them', () => {
    const [suggestion] = rankThemes(
      [
        { lemma: 'hiring', word: 'hiring' },
        { lemma: 'skills', word: 'skills' },
        { lemma: 'talent', word: 'talents' },
      ],
      THEMES,
    );
    assert.equal(suggestion?.themeId, 'talent');
    assert.ok(suggestion?.because.includes('talents'));
  });

  it('suggests nothing for a text that shares no words, or only one weak one', () => {
    assert.deepEqual(rankThemes(words('lunch', 'time'), THEMES), []);
    assert.deepEqual(
      rankThemes(words('recording', 'share', 'later', 'slides', 'speaker', 'thanks'), THEMES),
      [],
    );
    assert.deepEqual(rankThemes([], THEMES), []);
    assert.deepEqual(rankThemes(words('vendor'), []), []);
  });

  it('gives at most three suggestions, best first, each scored between 0 and 1', () => {
    const all = rankThemes(
      words('vendor', 'lock', 'agile', 'procurement', 'talent', 'hiring', 'code', 'reuse'),
      THEMES,
    );
    assert.ok(all.length <= MAX_SUGGESTIONS);
    for (const [index, suggestion] of all.entries()) {
      assert.ok(suggestion.score > 0 && suggestion.score <= 1);
      if (index > 0) assert.ok(all[index - 1]!.score >= suggestion.score);
    }
  });

  it('gives the same answer for the same words', () => {
    const text = words('code', 'reuse', 'open', 'source', 'vendor');
    assert.deepEqual(rankThemes(text, THEMES), rankThemes(text, THEMES));
  });
});
