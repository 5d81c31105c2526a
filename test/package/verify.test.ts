// `package verify`: every corpus package is valid; every broken fixture in
// test/fixtures/packages-broken/<check>/ gives the error of that check.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadPackageFiles } from '../../src/package/loader/index.ts';
import { parsePackageOrThrow } from '../../src/package/parse.ts';
import { templateSupport } from '../../src/package/template-engine.ts';
import { checks } from '../../src/package/verify/catalogue.ts';
import { verifyPackage } from '../../src/package/verify/index.ts';
import { parseParamChecks } from '../../src/package/verify/extended-checks.ts';
import { parseErrorPosition } from '../../src/package/verify/template-checks.ts';
import { corpusPackages } from './corpus.ts';

const support = templateSupport();
const brokenDir = new URL('../fixtures/packages-broken/', import.meta.url).pathname;
const verifyDir = (dir: string) =>
  verifyPackage(parsePackageOrThrow(loadPackageFiles(dir)), support);

for (const [name, dir] of corpusPackages()) {
  test(`corpus ${name} verifies without errors`, () => {
    const result = verifyDir(dir);
    assert.deepStrictEqual(result.errors, []);
  });
}

const fixtures = readdirSync(brokenDir).sort();

for (const id of fixtures) {
  test(`broken package ${id} gives the ${id} error`, () => {
    const result = verifyDir(join(brokenDir, id));
    assert.ok(
      result.errors.some((e) => e.check === id),
      `errors: ${JSON.stringify(result.errors)}`,
    );
  });
}

test('every KUDO error check has a broken fixture', () => {
  const missing = checks
    .filter((c) => c.origin === 'kudo' && c.severity === 'error')
    .map((c) => c.id)
    .filter((id) => !fixtures.includes(id));
  assert.deepStrictEqual(missing, []);
});

test('warnings: unused task and template, untriggered plan', () => {
  const pkg = parsePackageOrThrow(
    new Map(
      Object.entries({
        'operator.yaml': [
          'name: w',
          'operatorVersion: 0.1.0',
          'kubernetesVersion: 1.16.0',
          'tasks:',
          '  - name: used',
          '    kind: Dummy',
          '  - name: idle',
          '    kind: Dummy',
          'plans:',
          '  deploy:',
          '    phases: [{name: p, steps: [{name: s, tasks: [used]}]}]',
          '  backup:',
          '    phases: [{name: p, steps: [{name: s, tasks: [used]}]}]',
        ].join('\n'),
        'params.yaml': '',
        'templates/orphan.yaml': 'kind: ConfigMap\n',
      }),
    ),
  );
  const result = verifyPackage(pkg, support);
  assert.deepStrictEqual(result.errors, []);
  const ids = result.warnings.map((w) => `${w.check}: ${w.message}`);
  assert.ok(ids.includes('task-unused: task "idle" defined but not used'), ids.join('\n'));
  assert.ok(
    ids.includes('template-unreferenced: template "orphan.yaml" is not referenced from any task'),
    ids.join('\n'),
  );
  assert.ok(
    ids.includes(
      'plan-untriggered: plan "backup" is not the trigger of any parameter: it runs only when triggered by hand',
    ),
    ids.join('\n'),
  );
});

test('lenient versions as KUDO parses them: 1.0, 5.7 and v1.2 are valid', () => {
  for (const v of ['1.0', '5.7', 'v1.2', '1', '1.2.3-rc.1+b5']) {
    const pkg = parsePackageOrThrow(
      new Map([
        [
          'operator.yaml',
          `name: v\noperatorVersion: "${v}"\nkubernetesVersion: "${v}"\nappVersion: "${v}"\nplans: {deploy: {}}\n`,
        ],
        ['params.yaml', ''],
      ]),
    );
    assert.deepStrictEqual(
      verifyPackage(pkg, support).errors.filter((e) => e.check.startsWith('version')),
      [],
      v,
    );
  }
});

test("--param-checks: KUDO's optional style warnings", () => {
  const pkg = parsePackageOrThrow(
    new Map([
      [
        'operator.yaml',
        'name: s\noperatorVersion: 0.1.0\nkubernetesVersion: 1.16.0\nplans: {deploy: {}}\n',
      ],
      [
        'params.yaml',
        [
          'groups:',
          '  - name: g',
          '    displayName: "lower:"',
          'parameters:',
          '  - name: A',
          '    displayName: "Size:"',
          '    description: lower case',
          '    hint: no period',
          '    trigger: deploy',
          '  - name: B',
          '    displayName: Good',
          '    description: Good.',
          '    hint: Good.',
          '    group: g',
          '    type: string',
          '    trigger: deploy',
        ].join('\n'),
      ],
    ]),
  );
  const all = parseParamChecks(['all']);
  assert.ok(typeof all !== 'string');
  const warnings = verifyPackage(pkg, support, { paramChecks: all }).warnings.map((w) => w.message);
  assert.deepStrictEqual(
    warnings.filter((w) => w.startsWith('parameter') || w.startsWith('group')),
    [
      'parameter "A" has a description not ending with one of \'.!?)\'',
      'parameter "A" has a hint not ending with a \'.\'',
      'parameter "A" has a displayName ending with \':\'',
      'parameter "A" has no group',
      'parameter "A" has no explicit type assigned',
      'group "g" has a displayName ending with \':\'',
      'group "g" has no description',
    ],
  );
  assert.equal(
    parseParamChecks(['nope']),
    'unknown parameter check: nope, must be one of [display hint desc type hasgroup groups all]',
  );
});

test('template parse errors are located by line and column', () => {
  const cases: [string, string][] = [
    ['a: 1\nb: {{ nosuch .Name }}\n', 'templates/t.yaml:2:7'],
    ['a: 1\nb: {{ .Name }\n', 'templates/t.yaml:2:13'],
    ['a: {{ if .Name }}\n', 'templates/t.yaml:2:1'],
  ];
  for (const [text, where] of cases) {
    const parsed = support.parse('t.yaml', text);
    assert.equal(parsed.ok, false, text);
    const error = parsed.ok ? '' : parsed.error;
    assert.equal(parseErrorPosition('t.yaml', text, error), where, error);
  }
});

test('own-custom-resources: each template rendering a custom resource of a CRD the package defines, and none otherwise', () => {
  const packages = new URL('../fixtures/packages/', import.meta.url).pathname;
  const own = [
    'templates/gadget.yaml: Gadget "Name-default" of "gadgets.example.dev"',
    'templates/widget.yaml: Widget "Name-first" of "widgets.example.dev"',
  ];
  const cases: [string, string[]][] = [
    // One package: CRDs plus a Widget and a (cluster-scoped) Gadget.
    ['cluster-operator/0.1.0', own],
    ['cluster-operator/0.2.0', own],
    // The workaround: the CRDs in one package, the Widget in another.
    ['widget-crds/0.1.0', []],
    ['widget-app/0.1.0', []],
  ];
  for (const [dir, want] of cases) {
    const result = verifyDir(join(packages, dir));
    assert.deepStrictEqual(result.errors, [], dir);
    const found = result.warnings.filter((w) => w.check === 'own-custom-resources');
    const got = found.map((w) => {
      assert.match(
        w.message,
        /that this package creates itself: Metacontroller starts the package's controller only when every child type is served.*a package of their own that is installed first.*"Custom resources of the package's own CRDs"$/,
      );
      const m =
        /^template "[^"]+" renders (\S+) ("[^"]*") \([^)]*\), a custom resource of the CRD ("[^"]+")/.exec(
          w.message,
        );
      return `${w.where ?? ''}: ${m?.[1]} ${m?.[2]} of ${m?.[3]}`;
    });
    assert.deepStrictEqual(got, want, dir);
  }
});
