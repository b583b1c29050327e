// Lint for the whole workspace: typescript-eslint's recommended rules, plus the
// few that guard this project's promises (no eval, no console in browser code).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.tools/**',
      '.reports/**',
      '**/.vitest/**',
      'test-results/**',
      'playwright-report/**',
      'e2e/screenshots/**',
      'reports/**',
      '.stryker-tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['packages/core/src/**', 'packages/widget/src/**'],
    rules: { 'no-console': 'error' },
  },
);
