import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '.scratch',
      'test-results-*',
      'dist',
      'dist-*',
      'node_modules',
      'test-results',
      'playwright-report',
      'bench/results',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/state/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The core must stay pure: numbers in, numbers out, runnable in Node and in a Worker.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['react', 'react-dom', 'zustand', 'd3-selection', 'd3-zoom', 'd3'],
          patterns: ['zustand/*', 'react-dom/*', '**/state/**', '**/render/**', '**/ui/**'],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator'],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded generator in core/random.' },
      ],
    },
  },
  // Layers (see the README's layout): each folder imports only from the folders above it.
  {
    files: ['src/state/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/render/**', '**/playback/**', '**/ui/**', '**/workers/**', 'react'] },
      ],
    },
  },
  {
    files: ['src/render/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/playback/**', '**/ui/**', '**/workers/**', 'react', 'react-dom'] },
      ],
    },
  },
  {
    files: ['src/playback/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/ui/**', 'react', 'react-dom'] }],
    },
  },
  {
    // Worker entry points are thin shells around the core, or around render's drawing code for a
    // canvas handed to a Worker (crowdWorker.ts).
    files: ['src/workers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/state/**', '**/playback/**', '**/ui/**', 'react'] },
      ],
    },
  },
);
