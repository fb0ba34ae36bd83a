// Lint configuration (ESLint flat config + typescript-eslint). Bans Math.random and Date.now in library code, and
// spread arguments (`Math.max(...values)`), which overflow the stack on long runs and large graphs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['packages/*/dist/**', '**/node_modules/**', 'coverage/**', 'out/**'] },
  js.configs.recommended,
  {
    // CommonJS config files (dependency-cruiser reads .cjs).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    // The packages' `meshsim` launchers (bin/meshsim.js) and the checkout's `pnpm meshsim` wrapper: plain ES modules run by Node.
    files: ['packages/*/bin/*.js', 'scripts/*.mjs'],
    languageOptions: { globals: { URL: 'readonly', process: 'readonly' } },
  },
  {
    // The HTML report's browser script: a classic script; the libraries it draws with are globals.
    files: ['packages/report/assets/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        document: 'readonly',
        window: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['packages/*/src/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Use a seeded stream from RandomStreams (determinism).',
        },
        { object: 'Date', property: 'now', message: 'Simulated time only: use engine.now.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression > SpreadElement, NewExpression > SpreadElement',
          message:
            'A spread argument overflows the stack past ~100,000 values: use minOf/maxOf/pushAll (src/internal/manyValues.ts; in mesh, src/config/manyValues.ts).',
        },
      ],
    },
  },
  {
    // The HTML report's browser script draws graphs and charts of any size: no spread arguments there either.
    files: ['packages/report/assets/**/*.js'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression > SpreadElement, NewExpression > SpreadElement',
          message: 'A spread argument overflows the stack past ~100,000 values: loop instead.',
        },
      ],
    },
  },
  {
    files: ['packages/cli/src/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
