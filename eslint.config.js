// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Node built-ins that must never reach the pure simulation core. */
const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
  'events',
  'worker_threads',
  'process',
  'buffer',
  'timers',
  'readline',
  'zlib',
  'perf_hooks',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'runs/**', 'dist/**', 'data/**', 'artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['client/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // sim/ is pure and deterministic: no I/O, no wall clock, no ambient randomness, no timers.
    files: ['sim/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.flatMap((m) => [m, `node:${m}`]),
            'pixi.js',
            'socket.io',
            'socket.io-client',
            'lowdb',
            'pino',
          ].map((name) => ({
            name,
            message: 'sim/ is pure: no Node, DOM or I/O imports.',
          })),
          patterns: [
            {
              group: ['node:*', '../server/*', '../client/*', '../../server/*', '../../client/*'],
              message: 'sim/ is pure.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'navigator',
          'process',
          'require',
          'setTimeout',
          'setInterval',
          'setImmediate',
          'clearTimeout',
          'clearInterval',
          'performance',
          'fetch',
          'Buffer',
        ].map((name) => ({
          name,
          message: 'sim/ is pure: time and I/O are injected by server/.',
        })),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use a seeded stream from sim/random.' },
        { object: 'Date', property: 'now', message: 'Sim time is injected; never read the wall clock.' },
        { object: 'performance', property: 'now', message: 'Sim time is injected.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date']",
          message: 'Sim time is injected; never construct wall-clock dates in sim/.',
        },
      ],
    },
  },
);
