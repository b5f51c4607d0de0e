/**
 * Run under test/support/no-network.ts: checks that the network is really closed, then suggests
 * themes for the text given as the first argument among the 2020 themes, printing JSON.
 */
import { createWinkThemeSuggester } from '../../src/adapters/nlp/wink-theme-suggester.ts';
import { THEMES_2020 } from '../../src/app/demo/demo-convening.ts';

const blocked: string[] = [];
try {
  await fetch('https://example.org/');
} catch (error) {
  blocked.push(String((error as Error).message));
}
const suggester = createWinkThemeSuggester();
const suggestions = suggester.suggest(
  process.argv[2] ?? '',
  THEMES_2020.map((theme) => ({ id: theme.name, ...theme })),
);
process.stdout.write(JSON.stringify({ blocked, suggestions }));
