// Lint rules, including the layering of DESIGN.md: the pure core imports no I/O.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Modules that do I/O. The pure core (template, model, engine, webhooks and the
// pure part of package) must not import them: it is tested as plain functions.
const ioModules = [
  'fastify',
  'fastify-plugin',
  '@fastify/*',
  'node:http',
  'node:https',
  'node:http2',
  'node:fs',
  'node:fs/promises',
  'node:net',
  'node:child_process',
  'http',
  'https',
  'http2',
  'fs',
  'fs/promises',
  'net',
  'child_process',
  '@kubernetes/client-node',
];
const layeringMessage =
  'The pure core must not do I/O (DESIGN.md, "Layout and layering"). Move this to src/server, src/kube or src/cli, or to a loader beside src/package.';
const restrict = (extra = []) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [{ group: ioModules, message: layeringMessage }, ...extra],
    },
  ],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.cache/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: [
      'src/template/**',
      'src/model/**',
      'src/engine/**',
      'src/webhooks/**',
      'src/simulator/**',
    ],
    rules: restrict([
      {
        group: ['**/server/**', '**/cli/**', '**/kube/**'],
        message: 'Imports flow down: cli → server → webhooks → engine → template, package, model.',
      },
    ]),
  },
  {
    // The package loader (src/package/load*.ts) reads disk; the rest of src/package is pure.
    files: ['src/package/**'],
    ignores: ['src/package/loader/**'],
    rules: restrict([
      {
        group: ['**/server/**', '**/cli/**', '**/kube/**', '**/engine/**', '**/webhooks/**'],
        message: 'src/package sits below the engine.',
      },
    ]),
  },
  {
    files: ['bin/**', 'scripts/**', 'bench/**'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
  {
    // The end-to-end suite reads arbitrary Kubernetes objects back from the
    // API server as JSON and asserts on their fields.
    files: ['test/e2e/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The plan engine reads as its stages (docs/plan-engine.md): no function in
    // src/engine grows past 150 lines; a longer one is a stage to split out.
    files: ['src/engine/**'],
    rules: {
      'max-lines-per-function': ['error', { max: 150, skipBlankLines: true, skipComments: true }],
    },
  },
);
