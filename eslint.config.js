// ESLint 9 flat config: `npm run lint` runs this, then `prettier --check .` (formatting is Prettier's job,
// so eslint-config-prettier turns off every stylistic rule that could disagree with it).
// Type-aware rules run only where they catch real bugs (unawaited promises): they need the TypeScript program
// of each file (projectService), which costs time; `npm run typecheck` runs the compiler for everything else.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The TypeScript sources checked with the type-aware promise rules below: every file here belongs to the
// project of apps/server, apps/web, packages/domain, packages/synth, or the root tsconfig.json (e2e, tools).
const TYPED = [
  'apps/server/src/**/*.ts',
  'apps/web/src/**/*.{ts,tsx}',
  'packages/**/*.ts',
  'e2e/**/*.ts',
  'tools/**/*.ts',
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.tmp/**',
      'coverage/**',
      'apps/web/src/api/generated/**', // written by `npm run gen:api`
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Lines at most 120 characters literally (issue #9 item 8). Prettier wraps code at 120 columns but leaves
      // comments, strings, templates and regular expressions alone: those are wrapped by hand ('…' + '…', SQL
      // across lines, patterns from named parts); only lines with a URL may run longer.
      'max-len': ['error', { code: 120, ignoreUrls: true }],
      // Chinese documents and labels use the full-width space (U+3000) on purpose, in templates too.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipJSXText: true }],
      // Input normalisers strip control characters on purpose (imported cells, XML-safe output).
      'no-control-regex': 'off',
      // `_`-prefixed names mark deliberately unused parameters and destructured leftovers.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Type-aware promise rules: a promise nobody awaits loses its rejection (an unhandled rejection ends the
    // process), and an async callback where a void one is expected runs unobserved. They need the TypeScript
    // program of the file's project (see TYPED above).
    files: TYPED,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // JSX event handlers (onClick={async () => …}) may be async: React ignores what they return, and the
    // handlers report their own errors (mutations, message.error).
    files: ['apps/web/src/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // The synthetic city is pure generators (see .dependency-cruiser.cjs, synth-is-pure, which sees only our
    // own files): no npm package, no Node built-in; only @mwsp/domain and the package's own files.
    files: ['packages/synth/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!@mwsp/domain$|\\./)',
              message: '@mwsp/synth imports only @mwsp/domain and its own files (pure generators).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['e2e/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
