import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Import patterns naming these top-level folders and anything in them. */
const folders = (...names) => names.flatMap((n) => [`**/${n}`, `**/${n}/*`]);

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'clients/*/dist/**',
      'node_modules/**',
      'data/**',
      '.venv/**',
      'coverage/**',
      'bin/**',
      'scripts/**',
      '*.js',
      '*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', 'web/**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // Workflow code must be deterministic: no I/O, no activity implementations, no clock of its own.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['pg', 'express', 'fs', 'node:*', 'http', 'https', 'net', 'child_process', 'pino'],
              message: 'workflows must not do I/O; use an activity',
            },
            {
              group: ['../db', '../db/*', '../api', '../api/*', '../config', '../config/*'],
              message: 'workflows must not import I/O modules',
            },
            {
              group: ['../activities', '../activities/*'],
              allowTypeImports: true,
              message: 'import activity types only',
            },
          ],
        },
      ],
    },
  },
  {
    // The procedures' vocabulary and machines are the ground floor: no Temporal runtime, no I/O, nothing above them.
    files: ['procedures/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['pg', 'express', 'fs', 'node:*', 'http', 'https', 'net', 'child_process', 'pino'],
              message: 'procedures are pure: no I/O',
            },
            {
              group: ['@temporalio/workflow', '@temporalio/client', '@temporalio/worker', '@temporalio/activity'],
              message: 'procedures carry no Temporal runtime; the shell in workflows/ runs them',
            },
            {
              group: folders('db', 'api', 'activities', 'workflows', 'worker', 'config'),
              message: 'procedures import nothing above them',
            },
          ],
        },
      ],
    },
  },
  {
    // config and db import nothing above them (api, activities, workflows, worker).
    files: ['config/**/*.ts', 'db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: folders('api', 'activities', 'workflows', 'worker'),
              message: 'config and db import nothing above them',
            },
          ],
        },
      ],
    },
  },
  {
    // The web workspace runs in the browser (web/tsconfig.json); its build config runs in Node.
    files: ['web/vite.config.mjs'],
    languageOptions: { globals: { URL: 'readonly' } },
  },
  {
    files: ['cli/**/*.ts', 'worker/bundle.ts', 'test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
