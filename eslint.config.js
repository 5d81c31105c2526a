// Lint rules, including the layering of docs/architecture.md: imports flow
// down cli → server → webhooks → engine → package → model → template, the
// simulator sits beside the cli, and the pure core imports no I/O and reads
// no clock or environment. test/lint-layers.test.ts lints a probe per layer.
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
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
const restrict = () => ({
  'no-restricted-imports': [
    'error',
    { patterns: [{ group: ioModules, message: layeringMessage }] },
  ],
});

// The layers, top to bottom. Each may import itself and any layer below it
// (and src/errors.ts, the code catalogue, at the very bottom); kube and the
// package loader are the I/O adapters beside server and cli.
const layers = [
  { type: 'cli', pattern: 'src/cli' },
  { type: 'simulator', pattern: 'src/simulator' },
  { type: 'server', pattern: 'src/server' },
  { type: 'helm', pattern: 'src/helm' },
  { type: 'kube', pattern: 'src/kube' },
  { type: 'webhooks', pattern: 'src/webhooks' },
  { type: 'engine', pattern: 'src/engine' },
  { type: 'package-loader', pattern: 'src/package/loader' },
  { type: 'package', pattern: 'src/package' },
  { type: 'model', pattern: 'src/model' },
  { type: 'template', pattern: 'src/template' },
  { type: 'errors', pattern: 'src/errors.ts', mode: 'file' },
];
const below = {
  cli: ['simulator', 'server', 'helm', 'kube', 'webhooks', 'engine', 'package-loader', 'package'],
  // Helm chart rendering with the template engine, for the CLI's install manifests.
  helm: ['engine', 'package'],
  simulator: ['webhooks', 'engine', 'package'],
  server: ['kube', 'webhooks', 'engine', 'package'],
  kube: ['webhooks', 'engine', 'package'],
  webhooks: ['engine', 'package'],
  engine: ['package'],
  'package-loader': ['package'],
  package: [],
  model: [],
  template: [],
  errors: [],
};
for (const k of Object.keys(below)) {
  if (k !== 'template' && k !== 'errors' && k !== 'model') below[k].push('model');
  if (k !== 'template' && k !== 'errors') below[k].push('template');
  if (k !== 'errors') below[k].push('errors');
  below[k].push(k);
}
const layerPolicies = Object.entries(below).map(([from, to]) => ({
  from: { element: { type: from } },
  allow: { to: { element: { types: { anyOf: to } } } },
}));
const pureCore = [
  'src/template/**',
  'src/model/**',
  'src/engine/**',
  'src/webhooks/**',
  'src/package/**',
  'src/errors.ts',
];
const impureMessage =
  'The pure core is deterministic: time comes in as an argument (the execution start, a `now` option) and configuration from the caller, never from the clock or process.env.';

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
    // No I/O in the pure core nor in the simulator (it runs on a virtual clock
    // and an in-memory cluster); the package loader (src/package/loader) reads disk.
    files: [...pureCore, 'src/simulator/**', 'src/helm/**'],
    ignores: ['src/package/loader/**'],
    rules: restrict(),
  },
  {
    files: ['src/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': layers,
      'boundaries/include': ['src/**/*.ts'],
      // src/errors.ts is one file: classified with mode 'file' (deprecated in v7 but supported).
      'boundaries/legacy-warnings': false,
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', policies: layerPolicies }],
    },
  },
  {
    files: pureCore,
    ignores: ['src/package/loader/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: impureMessage,
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: impureMessage,
        },
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: impureMessage,
        },
        {
          selector: "CallExpression[callee.object.name='performance'][callee.property.name='now']",
          message: impureMessage,
        },
      ],
    },
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
    // bin/ is CommonJS (bin/package.json; bin/maestro.js says why), and so is
    // the cold-start bench's CommonJS baseline.
    files: ['bin/**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        exports: 'writable',
        __filename: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
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
