// ESLint 9 flat config: `npm run lint` runs this, then `prettier --check .` (formatting is Prettier's job,
// so eslint-config-prettier turns off every stylistic rule that could disagree with it).
// Type-aware rules are left out on purpose: they need the TypeScript program of all three projects and
// made one run take minutes on the CI machine; `npm run typecheck` already runs the compiler.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
      // Prettier wraps code at 120 columns but leaves comments and long strings alone; comments are
      // wrapped by hand, while strings, templates (SQL), regular expressions and URLs may run longer.
      'max-len': [
        'error',
        {
          code: 120,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true,
          ignoreUrls: true,
        },
      ],
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
