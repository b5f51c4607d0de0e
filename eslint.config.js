// One linter for the whole tree. The import rule keeps the layers of docs/architecture.md
// honest: a wrong import fails `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const layer = (target, from, message) => ({ target, from, message });

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'test-results/', 'src/web/client/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            layer(
              './src/domain',
              ['./src/app', './src/adapters', './src/web', './src/cli', './src/main.ts'],
              'The domain imports nothing of ours.',
            ),
            layer(
              './src/app',
              ['./src/adapters', './src/web', './src/cli', './src/main.ts'],
              'Use cases import only the domain.',
            ),
            layer(
              './src/adapters',
              ['./src/web', './src/cli', './src/main.ts'],
              'Adapters import only app and domain.',
            ),
            layer(
              './src/web',
              ['./src/adapters', './src/cli', './src/main.ts'],
              'The web layer imports only app and domain.',
            ),
            layer(
              './src/cli',
              ['./src/web', './src/adapters'],
              'The CLI imports app and domain; adapters come from the composition root, src/main.ts.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['src/web/client/**/*.js'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        Intl: 'readonly',
        location: 'readonly',
        URLSearchParams: 'readonly',
        FormData: 'readonly',
      },
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
