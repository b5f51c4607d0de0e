import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { THEMES_2020 } from '../../app/demo/demo-convening.ts';
import { createWinkThemeSuggester } from './wink-theme-suggester.ts';

const THEMES = THEMES_2020.map((theme) => ({ id: theme.name, ...theme }));
const suggester = createWinkThemeSuggester();
const suggest = (text: string) => suggester.suggest(text, THEMES);

describe('suggesting the 2020 themes with wink-nlp', () => {
  it('suggests vendor lock-in for a question about a big vendor and yearly budgets', () => {
    const [first] = suggest(
      'How do you avoid getting locked into one big IT vendor when budgets are yearly?',
    );
    assert.equal(first?.themeId, 'Vendor lock-in and budgets');
    for (const word of ['vendor', 'locked', 'budgets'])
      assert.ok(first?.because.includes(word), `because names "${word}": ${first?.because}`);
  });

  it('suggests the theme of realistic questions and notes, from their words or synonyms', () => {
    const cases: [string, string][] = [
      [
        'Did you publish the code as open source so other countries can reuse it?',
        'Cross-government collaboration and code sharing',
      ],
      [
        'How do you hire and keep developers when government salaries are lower?',
        'Talent and capability frameworks',
      ],
      [
        'How did you convince the finance minister to fund a permanent team rather than a project?',
        'Investing in teams, not projects',
      ],
      [
        'Can you run agile delivery when procurement rules demand a fixed specification up front?',
        'Agile vs traditional finance and procurement',
      ],
      [
        'Our tender process takes 18 months and the contract goes to the same supplier every time.',
        'Agile vs traditional finance and procurement',
      ],
      [
        'How do you go from a few good services to changing how the whole ministry works?',
        'From services to public-sector reform',
      ],
    ];
    for (const [text, theme] of cases) assert.equal(suggest(text)[0]?.themeId, theme, text);
  });

  it('suggests nothing for small talk and practical questions', () => {
    for (const text of [
      'What time is lunch?',
      'Is the recording going to be shared?',
      'Hello!',
      '',
    ])
      assert.deepEqual(suggest(text), [], text);
  });

  it('gives at most three suggestions, best first, and ignores punctuation and case', () => {
    const loud = suggest('VENDOR LOCK-IN!!! Budgets, budgets... BIG IT vendors; agile?');
    assert.ok(loud.length >= 1 && loud.length <= 3);
    assert.equal(loud[0]?.themeId, 'Vendor lock-in and budgets');
    for (const word of loud.flatMap((s) => s.because)) assert.match(word, /^[a-z]+$/);
  });

  it('answers without the network: in a process where every network call throws', async () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        './test/support/no-network.ts',
        './test/support/suggest-themes-offline.ts',
        'How do you avoid getting locked into one big IT vendor when budgets are yearly?',
      ],
      { cwd: root, timeout: 60_000 },
    );
    const answer = JSON.parse(stdout) as {
      blocked: string[];
      suggestions: { themeId: string; because: string[] }[];
    };
    assert.match(answer.blocked[0] ?? '', /No network in this process: fetch/);
    assert.equal(answer.suggestions[0]?.themeId, 'Vendor lock-in and budgets');
    assert.deepEqual(
      answer.suggestions,
      suggest('How do you avoid getting locked into one big IT vendor when budgets are yearly?'),
    );
  });
});
