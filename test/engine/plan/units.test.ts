// Table-driven tests of the plan engine's pure parts: durations, parameters
// and their digests, execution ids, step rendering errors, and sync's
// determinism and fixpoint on a plain input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDuration, viewOperatorVersion } from '../../../src/engine/plan/ov.ts';
import {
  canonicalValue,
  checkParameters,
  renderParams,
  triggerDigests,
} from '../../../src/engine/plan/params.ts';
import { renderStep } from '../../../src/engine/plan/render.ts';
import { executionId, sync } from '../../../src/engine/plan/index.ts';
import type { SyncInput } from '../../../src/engine/plan/index.ts';
import { canonicalJson } from '../../../src/engine/canonical-json.ts';
import { loadPackage } from './support.ts';
import { demoFiles } from './demo-package.ts';

test('parseDuration reads Go durations and rejects the rest', () => {
  const cases: [unknown, number | undefined][] = [
    ['90s', 90],
    ['10m', 600],
    ['1h30m', 5400],
    ['1.5h', 5400],
    ['250ms', 0.25],
    ['', undefined],
    ['10', undefined],
    ['5 minutes', undefined],
    [undefined, undefined],
  ];
  for (const [text, want] of cases) assert.equal(parseDuration(text), want, String(text));
});

const ov = viewOperatorVersion(loadPackage(demoFiles()).ov as unknown as Record<string, unknown>);

test('canonical values: KUDO strings and typed values of the same parameter compare equal', () => {
  const p = (name: string) => ov.parameters.find((x) => x.name === name)!;
  const cases: [string, unknown, unknown][] = [
    ['REPLICAS', '3', 3],
    ['REPLICAS', '+3', 3],
    ['IMAGE', 'nginx', 'nginx'],
    // Go's strconv.ParseInt refuses these: they stay as given, and checkParameters reports them.
    ['REPLICAS', ' 3', ' 3'],
    ['REPLICAS', '3e0', '3e0'],
    ['REPLICAS', 'three', 'three'],
  ];
  for (const [name, input, want] of cases) assert.deepEqual(canonicalValue(p(name), input), want);
});

test('trigger digests: one per plan, unchanged by "1" vs 1, changed only for the plan whose parameter changed', () => {
  const base = triggerDigests(ov, {
    REPLICAS: '1',
    IMAGE: 'nginx:1',
    EXTRA_VALUE: 'a',
    STUCK_VALUE: 'x',
  });
  assert.deepEqual(Object.keys(base), ['deploy', 'extra', 'stuck']);
  assert.deepEqual(
    triggerDigests(ov, { REPLICAS: 1, IMAGE: 'nginx:1', EXTRA_VALUE: 'a', STUCK_VALUE: 'x' }),
    base,
  );
  const changed = triggerDigests(ov, {
    REPLICAS: '1',
    IMAGE: 'nginx:1',
    EXTRA_VALUE: 'b',
    STUCK_VALUE: 'x',
  });
  assert.equal(changed.deploy, base.deploy);
  assert.notEqual(changed.extra, base.extra);
});

test('checkParameters names each problem', () => {
  const cases: [Record<string, unknown>, RegExp | undefined][] = [
    [{}, undefined],
    [{ REPLICAS: '2' }, undefined],
    [{ REPLICAS: 2 }, undefined],
    [{ NOPE: '1' }, /parameter NOPE is not declared/],
    [{ REPLICAS: 'two' }, /parameter REPLICAS: the value is not a valid integer/],
    [{ REPLICAS: 2.5 }, /parameter REPLICAS: the value is not a valid integer/],
  ];
  for (const [values, want] of cases) {
    const problems = checkParameters(ov, values);
    if (want) assert.match(problems.join('\n'), want);
    else assert.deepEqual(problems, []);
  }
});

test('renderParams follows KUDO: scalars stay strings, arrays and maps are parsed from YAML', () => {
  const v = viewOperatorVersion({
    metadata: { name: 'x' },
    spec: {
      parameters: [
        { name: 'N', type: 'integer', default: 3 },
        { name: 'L', type: 'array', default: '- a\n- 1\n' },
        { name: 'M', type: 'map', default: { k: 'v' } },
        { name: 'E', type: 'array' },
      ],
    },
  });
  const r = renderParams(v, { N: 3, L: '- a\n- 1\n', M: { k: 'v' } });
  assert.ok(r.ok);
  assert.deepEqual(r.params, { N: '3', L: ['a', 1], M: { k: 'v' }, E: [] });
  const bad = renderParams(v, { L: 'k: v' });
  assert.equal(bad.ok, false);
});

test('executionId is derived, never random, and shows its sequence', () => {
  const a = executionId('uid', 2, 'deploy', { x: 1 });
  assert.equal(a, executionId('uid', 2, 'deploy', { x: 1 }));
  assert.notEqual(a, executionId('uid', 3, 'deploy', { x: 1 }));
  assert.match(a, /^e2-[0-9a-f]{16}$/);
});

test('a template error fails the step with a message naming the template and line', () => {
  const broken = viewOperatorVersion(
    loadPackage(
      demoFiles({
        templates: { 'app.yaml': 'kind: ConfigMap\nmetadata:\n  name: {{ .Params.NOPE }}\n' },
      }),
    ).ov as unknown as Record<string, unknown>,
  );
  const r = renderStep(broken, ['app'], {
    instanceName: 'i',
    namespace: 'ns',
    instanceUid: 'u',
    plan: 'deploy',
    phase: 'main',
    step: 'app',
    params: {},
    nowMs: 0,
    declared: [],
  });
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.failure.fatal, true);
    assert.match(r.failure.message, /app\.yaml:3/);
  }
});

function input(now: number, status?: unknown): SyncInput {
  const p = loadPackage(demoFiles());
  const instance = structuredClone(p.instance);
  instance.metadata.uid = 'uid-1';
  instance.metadata.generation = 1;
  if (status) instance.status = status;
  return {
    instance,
    observedChildren: [],
    operatorVersion: p.ov,
    declaredTypes: [
      { apiVersion: 'v1', kind: 'ConfigMap' },
      { apiVersion: 'apps/v1', kind: 'Deployment' },
      { apiVersion: 'batch/v1', kind: 'Job' },
    ],
    finalizing: false,
    now,
  };
}

test('sync is deterministic, and re-running it on its own status is a fixpoint even when time moves', () => {
  const first = sync(input(1_000_000));
  assert.equal(canonicalJson(first), canonicalJson(sync(input(1_000_000))));
  assert.equal(first.children.length, 1);
  const again = sync(input(9_000_000, first.status));
  assert.equal(canonicalJson(again.status), canonicalJson(first.status));
  assert.equal(canonicalJson(again.children), canonicalJson(first.children));
});
