// The JSON Schemas of operator.yaml and params.yaml: they reject every broken
// fixture that concerns structure, accept every corpus package, and
// `package verify` reports what they find with file:line:column.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { run } from '../../src/cli/commands/package.ts';
import { renderSchemaFiles } from '../../src/model/schema-files.ts';
import { loadPackageFiles } from '../../src/package/loader/index.ts';
import { parsePackageOrThrow } from '../../src/package/parse.ts';
import { findingWhere, schemaProblems } from '../../src/package/schema/index.ts';
import { verifyPackage } from '../../src/package/verify/index.ts';
import { collectingIO } from './cli-io.ts';
import { corpusPackages } from './corpus.ts';

const brokenDir = new URL('../fixtures/packages-broken/', import.meta.url).pathname;

function problemsOf(files: Map<string, string>) {
  const pkg = parsePackageOrThrow(files);
  return [
    ...schemaProblems('operator.yaml', pkg.sources!.operator, pkg.operator),
    ...schemaProblems('params.yaml', pkg.sources!.params, pkg.params),
  ];
}

/** Fixtures whose mistake is a shape a JSON Schema can state. */
const structural = [
  'deploy-plan-missing',
  'group-slash',
  'onfailure-plan-cleanup',
  'param-advanced-required',
  'param-default-invalid',
  'param-enum-empty',
  'param-enum-invalid',
  'param-group-slash',
  'param-immutable',
  'param-invalid-char',
  'task-empty-resources',
  'task-kudooperator-package',
  'task-pipe-empty',
  'task-pipe-file',
  'task-pipe-key',
  'task-pipe-kind',
  'task-toggle-parameter',
  'task-unknown-kind',
  'v1-schema',
  'version-app',
  'version-kubernetes',
  'version-kudo',
  'version-operator',
];
/** The rest need another file, a cross-reference or a rendered template. */
const notStructural: Record<string, string> = {
  'group-duplicate': 'uniqueness of a field across items',
  'param-duplicate': 'case-insensitive uniqueness',
  'param-group-undefined': 'reference to groups',
  'plan-task-undefined': 'reference to tasks',
  'onfailure-plan-undefined': 'reference to plans',
  'trigger-plan-undefined': 'reference to plans',
  'toggle-param-undefined': 'reference to parameters',
  'template-undefined': 'reference to templates/',
  'namespace-manifest-missing': 'reference to templates/',
  'namespace-manifest-empty': 'content of a template',
  'namespace-manifest-kind': 'content of a template',
  'namespace-manifest-multiple': 'content of a template',
  'namespace-manifest-unparsable': 'content of a template',
  'template-implicit': 'content of a template',
  'template-kind-namespace': 'content of a template',
  'template-param-undefined': 'content of a template',
  'template-parse': 'content of a template',
  'template-render': 'content of a template',
  'template-yaml': 'content of a template',
};

test('every broken fixture is classified as structural or not', () => {
  const all = readdirSync(brokenDir).sort();
  assert.deepStrictEqual([...structural, ...Object.keys(notStructural)].sort(), all);
});

for (const id of structural) {
  test(`the schema rejects broken fixture ${id}, with file:line:column`, () => {
    const problems = problemsOf(loadPackageFiles(join(brokenDir, id)));
    const hit = problems.find((p) => p.severity === 'error' && p.check === id);
    assert.ok(hit, JSON.stringify(problems));
    assert.ok(hit.line! >= 1 && hit.column! >= 1, findingWhere(hit));
  });
}

for (const [name, dir] of corpusPackages()) {
  test(`corpus ${name} satisfies the schemas (no error, no unknown field)`, () => {
    assert.deepStrictEqual(problemsOf(loadPackageFiles(dir)), []);
  });
}

const base = {
  'operator.yaml': [
    'name: s',
    'operatorVersion: 0.1.0',
    'kubernetesVersion: 1.16.0',
    'tasks:',
    '  - name: t',
    '    kind: Dummy',
    'plans:',
    '  deploy:',
    '    phases:',
    '      - name: p',
    '        strategy: seriall',
    '        steps:',
    '          - name: s',
    '            tasks: [t]',
    '            onFailure: {retries: -1}',
  ].join('\n'),
  'params.yaml': 'parameters:\n  - name: A\n    default: x\n    trigger: deploy\n    tirgger: x\n',
};

test('verify reports a schema error with its file:line:column and a readable message', () => {
  const pkg = parsePackageOrThrow(new Map(Object.entries(base)));
  const result = verifyPackage(pkg);
  const errors = result.errors.filter((e) => e.check === 'schema');
  assert.deepStrictEqual(
    errors.map((e) => `${e.where}: ${e.message}`),
    ['operator.yaml:15:34: plans.deploy.phases[0].steps[0].onFailure.retries must be >= 0'],
  );
  // The schema, as an editor uses it, flags the strategy too...
  assert.ok(
    problemsOf(new Map(Object.entries(base))).some((p) =>
      p.message.startsWith('plans.deploy.phases[0].strategy must be one of'),
    ),
  );
  // ...but verify keeps KUDO's warning (it runs as parallel); editors flag it from the schema.
  assert.ok(result.warnings.some((w) => w.check === 'unknown-strategy'));
  const unknown = result.warnings.filter((w) => w.check === 'unknown-field');
  assert.deepStrictEqual(
    unknown.map((w) => `${w.where}: ${w.message}`),
    ['params.yaml:5:5: parameters[0]: unknown field "tirgger" is ignored'],
  );
});

test('a mistake a KUDO check reports is not reported again by the schema', () => {
  const pkg = parsePackageOrThrow(loadPackageFiles(join(brokenDir, 'param-enum-empty')));
  const result = verifyPackage(pkg);
  assert.ok(result.errors.some((e) => e.check === 'param-enum-empty'));
  assert.deepStrictEqual(
    result.errors.filter((e) => e.check === 'schema'),
    [],
  );
});

test('committed schemas/ match the generator, and `package schema` prints them', async () => {
  for (const [file, text] of Object.entries(renderSchemaFiles())) {
    assert.equal(readFileSync(new URL(`../../schemas/${file}`, import.meta.url), 'utf8'), text);
    const c = collectingIO();
    assert.equal(await run(['schema', file.replace('.json', '')], c.io), 0);
    assert.equal(c.stdout(), text);
    assert.equal(
      (JSON.parse(text) as { $schema: string }).$schema,
      'http://json-schema.org/draft-07/schema#',
    );
  }
  const c = collectingIO();
  await assert.rejects(run(['schema', 'instance'], c.io), /package schema operator/);
});

test('package.json publishes schemas/', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    files: string[];
  };
  assert.ok(pkg.files.includes('schemas'));
});
