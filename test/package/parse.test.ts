// Reading packages: every corpus package parses and builds resources that
// validate against both API versions; errors name the file and line.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { loadPackageFiles } from '../../src/package/loader/index.ts';
import { parsePackage, parsePackageOrThrow } from '../../src/package/parse.ts';
import { packageResources } from '../../src/package/resources.ts';
import * as s1 from '../../src/model/v1/schema.ts';
import * as s0 from '../../src/model/v1beta1/schema.ts';
import { corpusPackages } from './corpus.ts';

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);

for (const [name, dir] of corpusPackages()) {
  test(`corpus ${name}: loads, and its resources validate in v1beta1 and v1`, () => {
    const pkg = parsePackageOrThrow(loadPackageFiles(dir));
    assert.ok(Object.keys(pkg.templates).length > 0);
    const r = packageResources(pkg);
    for (const [schema, obj] of [
      [s0.operatorSchema, r.operator],
      [s0.operatorVersionSchema, r.operatorVersion],
      [s0.instanceSchema, r.instance],
      [s1.operatorSchema, r.v1.operator],
      [s1.operatorVersionSchema, r.v1.operatorVersion],
      [s1.instanceSchema, r.v1.instance],
    ] as const) {
      assert.ok(ajv.validate(schema, obj), `${obj.kind} ${obj.apiVersion}: ${ajv.errorsText()}`);
    }
  });
}

const files = (entries: Record<string, string>) => new Map(Object.entries(entries));

test('KUDO names: <op>-<appVersion>-<version>, and the default instance <op>-instance', () => {
  const pkg = parsePackageOrThrow(
    files({
      'operator.yaml': 'name: kafka\noperatorVersion: "1.3.2"\nappVersion: 2.5.1\n',
      'params.yaml': '',
    }),
  );
  const r = packageResources(pkg);
  assert.equal(r.operatorVersion.metadata.name, 'kafka-2.5.1-1.3.2');
  assert.equal(r.instance.metadata.name, 'kafka-instance');
  assert.deepStrictEqual(r.operatorVersion.spec!.operator, { name: 'kafka', kind: 'Operator' });
});

test('defaults are wrapped as KUDO does: %v of a float64, arrays and maps as YAML', () => {
  const pkg = parsePackageOrThrow(
    files({
      'operator.yaml': 'name: x\noperatorVersion: 0.1.0\nappVersion: 5.7\n',
      'params.yaml': [
        'parameters:',
        '  - name: A',
        '    default: 1',
        '  - name: B',
        '    default: 12345678',
        '  - name: C',
        '    default: yes',
        '  - name: D',
        '    type: array',
        '    default: [b, 1]',
        '  - name: E',
        '    type: map',
        '    default: {z: 1, a: x}',
        '  - name: F',
        '    type: integer',
        '    default: 3',
        '    required: false',
      ].join('\n'),
    }),
  );
  const r = packageResources(pkg);
  assert.deepStrictEqual(r.operator.spec, {});
  assert.equal(r.operatorVersion.metadata.name, 'x-5.7-0.1.0');
  const defaults = r.operatorVersion.spec!.parameters!.map((p) => p.default);
  assert.deepStrictEqual(defaults, [
    '1',
    '1.2345678e+07',
    'true',
    '- b\n- 1\n',
    'a: x\nz: 1\n',
    '3',
  ]);
  assert.deepStrictEqual(
    r.operatorVersion.spec!.parameters!.map((p) => p.required),
    [true, true, true, true, true, false],
  );
  const typed = r.v1.operatorVersion.spec!.parameters!.map((p) => p.default);
  assert.deepStrictEqual(typed, ['1', '1.2345678e+07', 'true', ['b', 1], { z: 1, a: 'x' }, 3]);
});

test('a missing file, a wrong apiVersion and a wrong shape are reported with file and line', () => {
  const missing = parsePackage(files({ 'operator.yaml': 'name: x\n' }));
  assert.equal(missing.ok, false);
  assert.deepStrictEqual(!missing.ok && missing.problems.map((p) => p.message), [
    'operator package missing params.yaml',
  ]);
  const bad = parsePackage(
    files({
      'operator.yaml': 'apiVersion: kudo.dev/v1alpha1\nname: x\ntasks:\n  name: a\n',
      'params.yaml': 'parameters:\n  - name: [1\n',
    }),
  );
  assert.equal(bad.ok, false);
  const messages = !bad.ok ? bad.problems.map((p) => `${p.file}:${p.line}`) : [];
  assert.ok(messages.includes('operator.yaml:4'), messages.join());
  assert.ok(messages.includes('operator.yaml:1'), messages.join());
  assert.ok(
    messages.some((m) => m.startsWith('params.yaml:')),
    messages.join(),
  );
});

test('templates are the files under templates/ whose name contains .yaml, keyed by their path below it', () => {
  const pkg = parsePackageOrThrow(
    files({
      'operator.yaml': 'name: x\n',
      'params.yaml': '',
      'templates/a.yaml': 'a',
      'templates/sub/b.yaml.tpl': 'b',
      'templates/README.md': 'no',
      'docs/c.yaml': 'no',
    }),
  );
  assert.deepStrictEqual(pkg.templates, { 'a.yaml': 'a', 'sub/b.yaml.tpl': 'b' });
});

test('a .tgz loads the same files as its directory', () => {
  const [, dir] = corpusPackages().find(([n]) => n.startsWith('cowsay'))!;
  const tmp = mkdtempSync(join(tmpdir(), 'maestro-tgz-'));
  try {
    const tgz = join(tmp, 'cowsay-0.2.0.tgz');
    execFileSync('tar', ['-czf', tgz, '-C', dir, '.']);
    assert.deepStrictEqual(loadPackageFiles(tgz), loadPackageFiles(dir));
    // `package create` style: the package inside one top folder.
    const nested = join(tmp, 'nested.tgz');
    execFileSync('tar', ['-czf', nested, '-C', join(dir, '..'), '0.2.0']);
    assert.deepStrictEqual(loadPackageFiles(nested), loadPackageFiles(dir));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('a maestro.dev/v1 package: typed defaults, schemas and the v1-only keys reach the v1 OperatorVersion', () => {
  const pkg = parsePackageOrThrow(
    files({
      'operator.yaml': [
        'apiVersion: maestro.dev/v1',
        'name: x',
        'operatorVersion: 1.0.0',
        'upgradableFrom: [{name: x-0.9.0, versions: ">=0.9.0 <1.0.0"}]',
        'healthChecks: [{group: cert-manager.io, kind: Issuer, conditions: [{type: Ready}]}]',
        'plans:',
        '  deploy:',
        '    timeout: 1h',
        '    onFailure: {action: Fail, plan: rollback}',
        '    phases:',
        '      - name: main',
        '        strategy: canary',
        '        canary: {steps: 1}',
        '        steps:',
        '          - {name: one, tasks: [], timeout: 5m, onFailure: {retries: 2}}',
      ].join('\n'),
      'params.yaml': [
        'apiVersion: maestro.dev/v1',
        'parameters:',
        '  - name: COUNT',
        '    type: integer',
        '    default: 3',
        '    schema: {minimum: 1}',
      ].join('\n'),
    }),
  );
  const { v1: hub, operatorVersion } = packageResources(pkg);
  const spec = hub.operatorVersion.spec!;
  assert.deepStrictEqual(spec.parameters![0], {
    name: 'COUNT',
    required: true,
    default: 3,
    type: 'integer',
    schema: { minimum: 1 },
  });
  assert.equal(operatorVersion.spec!.parameters![0]!.default, '3');
  assert.equal(spec.plans!.deploy!.timeout, '1h');
  assert.deepStrictEqual(spec.plans!.deploy!.phases![0]!.canary, { steps: 1 });
  assert.deepStrictEqual(spec.plans!.deploy!.phases![0]!.steps![0]!.onFailure, { retries: 2 });
  assert.equal(spec.upgradableFrom![0]!.versions, '>=0.9.0 <1.0.0');
  assert.equal(spec.healthChecks![0]!.kind, 'Issuer');
  assert.ok(ajv.validate(s1.operatorVersionSchema, hub.operatorVersion), ajv.errorsText());
});
