// OperatorVersion admission: the package verify checks that apply to an
// OperatorVersion's fields. Every real KUDO package passes (DESIGN.md), and
// each check denies, or warns, on its own case; all problems come in one denial.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPackageFiles } from '../../../src/package/loader/index.ts';
import { parsePackageOrThrow } from '../../../src/package/parse.ts';
import { packageResources } from '../../../src/package/resources.ts';
import { handleAdmission } from '../../../src/webhooks/admission/index.ts';
import { verifyOperatorVersion } from '../../../src/webhooks/admission/operator-version.ts';
import { corpusPackages } from '../../package/corpus.ts';
import { lookupOf, review } from './support.ts';

for (const [name, dir] of corpusPackages()) {
  test(`the real package ${name} is admitted in both versions`, () => {
    const res = packageResources(parsePackageOrThrow(loadPackageFiles(dir)));
    for (const ov of [res.operatorVersion, res.v1.operatorVersion]) {
      const verdict = verifyOperatorVersion(ov);
      assert.deepEqual(verdict.errors, [], `${ov.apiVersion}: ${verdict.errors.join('\n')}`);
    }
  });
}

const good = () => ({
  apiVersion: 'maestro.dev/v1beta1',
  kind: 'OperatorVersion',
  metadata: { name: 'op-1.0', namespace: 'default' },
  spec: {
    operator: { name: 'op', kind: 'Operator' },
    version: '1.0',
    appVersion: '5.7',
    parameters: [
      { name: 'REPLICAS', 'value-type': 'integer', default: '3', required: true },
      { name: 'MODE', enum: ['a', 'b'], default: 'a' },
    ],
    tasks: [
      { name: 'app', kind: 'Apply', spec: { resources: ['app.yaml'] } },
      { name: 'noop', kind: 'Dummy', spec: {} },
    ],
    plans: {
      deploy: {
        strategy: 'serial',
        phases: [{ name: 'p', strategy: 'serial', steps: [{ name: 's', tasks: ['app'] }] }],
      },
    },
    templates: {
      'app.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  replicas: "{{ .Params.REPLICAS }}"\n  mode: {{ $.Params.MODE }}\n',
    },
  },
});
type Ov = ReturnType<typeof good> & { spec: Record<string, unknown> };

test('a valid OperatorVersion with lenient versions (1.0, 5.7) passes, unused things are warnings', () => {
  const verdict = verifyOperatorVersion(good());
  assert.deepEqual(verdict.errors, []);
  assert.equal(verdict.warnings.length, 1);
  assert.match(verdict.warnings[0]!, /task "noop" defined but not used/);
});

const broken: [string, (ov: Ov) => void, RegExp][] = [
  [
    'duplicate parameter (case-insensitive)',
    (o) => o.spec.parameters.push({ name: 'replicas' } as never),
    /parameter "replicas" has a duplicate/,
  ],
  [
    'invalid character',
    (o) => o.spec.parameters.push({ name: 'A;B', trigger: 'deploy' } as never),
    /parameter "A;B" contains invalid character ';'/,
  ],
  [
    'version not semver',
    (o) => (o.spec.version = 'one'),
    /^spec.version: unable to parse "operatorVersion": Invalid Semantic Version/m,
  ],
  [
    'appVersion not semver',
    (o) => (o.spec.appVersion = 'x.y'),
    /unable to parse "appVersion": Invalid Semantic Version/,
  ],
  [
    'empty Apply',
    (o) => o.spec.tasks.push({ name: 'e', kind: 'Apply', spec: { resources: [] } } as never),
    /apply task 'e' has an empty resource list/,
  ],
  [
    'Toggle without parameter',
    (o) =>
      o.spec.tasks.push({ name: 't', kind: 'Toggle', spec: { resources: ['app.yaml'] } } as never),
    /Missing parameter to evaluate the Toggle Task/,
  ],
  [
    'Toggle with an undefined parameter',
    (o) =>
      o.spec.tasks.push({
        name: 't',
        kind: 'Toggle',
        spec: { resources: ['app.yaml'], parameter: 'NOPE' },
      } as never),
    /parameter "NOPE" in ToggleTask t is not defined/,
  ],
  [
    'bad Pipe',
    (o) =>
      o.spec.tasks.push({
        name: 'p',
        kind: 'Pipe',
        spec: { pod: 'app.yaml', pipe: [{ file: 'a', envFile: 'b', kind: 'Blob', key: 'a b' }] },
      } as never),
    /must have either 'file' or 'envFile' field set but not both/,
  ],
  [
    'unknown task kind',
    (o) => o.spec.tasks.push({ name: 'u', kind: 'Teleport', spec: {} } as never),
    /unknown task kind Teleport/,
  ],
  [
    'missing template',
    (o) => (o.spec.tasks[0]!.spec.resources = ['nope.yaml']),
    /template "nope.yaml" required by app but is not defined/,
  ],
  [
    'undefined task in a plan',
    (o) => o.spec.plans.deploy.phases[0]!.steps[0]!.tasks.push('ghost'),
    /task "ghost" in plan "deploy" is not defined/,
  ],
  [
    'no deploy plan',
    (o) => (o.spec.plans = { update: o.spec.plans.deploy } as never),
    /an operator is required to have 'deploy' plan/,
  ],
  [
    'trigger of an undefined plan',
    (o) => ((o.spec.parameters[1] as Record<string, unknown>).trigger = 'backup'),
    /plan "backup" used in parameter "MODE" is not defined/,
  ],
  [
    'parameter used in a template but not defined',
    (o) => (o.spec.templates['app.yaml'] += '{{ .Params.GHOST }}'),
    /parameter "GHOST" in template app.yaml is not defined/,
  ],
  [
    'immutable without required or default',
    (o) =>
      o.spec.parameters.push({
        name: 'FIXED',
        immutable: true,
        required: false,
        trigger: 'deploy',
      } as never),
    /parameter "FIXED" is immutable but is not marked as required or has a default value/,
  ],
  [
    'empty enum',
    (o) => o.spec.parameters.push({ name: 'E', enum: [], trigger: 'deploy' } as never),
    /parameter "E" is an enum but has no allowed values/,
  ],
  [
    'default outside the enum',
    (o) => (o.spec.parameters[1]!.default = 'c'),
    /parameter "MODE" has an invalid default value/,
  ],
  [
    'default of the wrong type',
    (o) => (o.spec.parameters[0]!.default = 'three'),
    /parameter "REPLICAS" has an invalid default value: type is "integer" but format of "three" is invalid/,
  ],
];
for (const [label, edit, pattern] of broken) {
  test(`OperatorVersion check: ${label}`, () => {
    const ov = good() as Ov;
    edit(ov);
    const verdict = verifyOperatorVersion(ov);
    assert.match(verdict.errors.join('\n'), pattern);
  });
}

test('v1 additions are checked: parameter schemas, onFailure plans, upgradableFrom ranges', () => {
  const ov = {
    apiVersion: 'maestro.dev/v1',
    kind: 'OperatorVersion',
    metadata: { name: 'op-2' },
    spec: {
      ...good().spec,
      parameters: [
        {
          name: 'R',
          type: 'number',
          default: 2,
          schema: { type: 'number', maximum: 1 },
          trigger: 'deploy',
        },
        { name: 'S', schema: { type: 'nonsense' }, trigger: 'deploy' },
      ],
      plans: { deploy: { onFailure: { plan: 'rollback' }, phases: [] } },
      upgradableFrom: [{ versions: '>=banana' }],
      templates: {},
      tasks: [],
    },
  };
  const errors = verifyOperatorVersion(ov).errors.join('\n');
  assert.match(errors, /parameter "R" has an invalid default value: .*does not match its schema/);
  assert.match(errors, /parameter "S" has a schema that does not compile/);
  assert.match(errors, /plan "rollback" used in onFailure of plan "deploy" is not defined/);
  assert.match(errors, /spec.upgradableFrom\[0\].versions: "banana": Invalid Semantic Version/);
});

test('/validate lists every problem in one 422 denial and passes warnings along', async () => {
  const ov = good() as Ov;
  ov.spec.version = 'one';
  ov.spec.plans = {} as never;
  const body = review({
    operation: 'CREATE',
    kind: { group: 'maestro.dev', version: 'v1beta1', kind: 'OperatorVersion' },
    object: ov,
  });
  const res = await handleAdmission(body, lookupOf([]), 'validate');
  assert.equal(res.response.allowed, false);
  assert.equal(res.response.status?.code, 422);
  const message = res.response.status?.message ?? '';
  assert.match(message, /^OperatorVersion default\/op-1.0 is not valid \(2 problems\): 1\) /);
  assert.match(message, /spec.version: unable to parse "operatorVersion"/);
  assert.match(message, /'deploy' plan/);
  assert.match(message, /\[MAESTRO_OPERATORVERSION_INVALID\]$/);
  assert.ok((res.response.warnings ?? []).some((w) => /task "app" defined but not used/.test(w)));
});

test('/validate admits a good OperatorVersion on UPDATE with its warnings, /mutate leaves it alone', async () => {
  const body = review({
    operation: 'UPDATE',
    kind: { group: 'maestro.dev', version: 'v1beta1', kind: 'OperatorVersion' },
    object: { ...good(), spec: { ...good().spec, appVersion: '5.8' } },
    oldObject: good(),
  });
  const validated = await handleAdmission(body, lookupOf([]), 'validate');
  assert.equal(validated.response.allowed, true);
  assert.equal(validated.response.warnings?.length, 1);
  assert.match(validated.response.warnings![0]!, /task "noop" defined but not used/);
  const mutated = await handleAdmission(body, lookupOf([]), 'mutate');
  assert.deepEqual(mutated.response, { uid: 'req-1', allowed: true });
});

test('/validate skips verification when an OperatorVersion UPDATE leaves its spec as it was', async () => {
  const bad = good() as Ov;
  bad.spec.version = 'one';
  const relabelled = structuredClone(bad) as Ov & { metadata: Record<string, unknown> };
  relabelled.metadata.labels = { team: 'a' };
  const body = review({
    operation: 'UPDATE',
    kind: { group: 'maestro.dev', version: 'v1beta1', kind: 'OperatorVersion' },
    object: relabelled,
    oldObject: bad,
  });
  const res = await handleAdmission(body, lookupOf([]), 'validate');
  assert.equal(res.response.allowed, true);
  const changed = structuredClone(relabelled);
  changed.spec.appVersion = '5.8';
  const denied = await handleAdmission(
    { ...body, request: { ...body.request, object: changed } },
    lookupOf([]),
    'validate',
  );
  assert.equal(denied.response.allowed, false);
});

test('onFailure.plan of a step must name a defined plan other than cleanup (package verify, in admission)', () => {
  const ov = {
    ...good(),
    spec: {
      ...good().spec,
      plans: {
        ...(good().spec.plans as Record<string, unknown>),
        upgrade: {
          phases: [{ name: 'p', steps: [{ name: 's', tasks: [], onFailure: { plan: 'nope' } }] }],
          onFailure: { plan: 'cleanup' },
        },
        cleanup: { phases: [] },
      },
    },
  };
  const errors = verifyOperatorVersion(ov).errors.join('\n');
  assert.match(
    errors,
    /plan "nope" used in onFailure of step "s" in phase "p" of plan "upgrade" is not defined/,
  );
  assert.match(errors, /plan "cleanup" used in onFailure of plan "upgrade" cannot be triggered/);
});
