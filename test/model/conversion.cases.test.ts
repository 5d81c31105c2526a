// Fixed cases for every field that differs between v1beta1 and v1: what each
// looks like on the other side, and that it comes back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { convertObject, fromHub, toHub } from '../../src/model/conversion/index.ts';
import { CONVERSION_ANNOTATION, V1, V1BETA1 } from '../../src/model/names.ts';
import type { AnyV1, v1, v1beta1 } from '../../src/model/types.ts';
import { MaestroError } from '../../src/errors.ts';
import { canonicalJson } from '../../src/model/conversion/wrap.ts';

function ov(spec: v1.OperatorVersionSpec): v1.OperatorVersion {
  return { apiVersion: V1, kind: 'OperatorVersion', metadata: { name: 'x' }, spec };
}
function inst(spec: v1.InstanceSpec, status?: v1.InstanceStatus): v1.Instance {
  return {
    apiVersion: V1,
    kind: 'Instance',
    metadata: { name: 'i' },
    spec,
    ...(status && { status }),
  };
}
function residualOf(obj: { metadata: { annotations?: Record<string, string> } }): unknown {
  const text = obj.metadata.annotations?.[CONVERSION_ANNOTATION];
  return text === undefined ? undefined : JSON.parse(text);
}
function roundTrip(obj: AnyV1): void {
  assert.deepStrictEqual(toHub(fromHub(obj)), obj);
}

const typedDefaults: [string, v1.Parameter['default'], string | undefined][] = [
  ['integer', 3, '3'],
  ['number', 1.5, '1.5'],
  ['boolean', true, 'true'],
  ['array', ['a', 'b'], '- a\n- b\n'],
  ['map', { b: 1, a: 'x' }, 'a: x\nb: 1\n'],
  ['null', null, undefined],
];
for (const [label, value, wrapped] of typedDefaults) {
  test(`a typed ${label} default becomes the string ${JSON.stringify(wrapped)} in v1beta1 and comes back`, () => {
    const hub = ov({ parameters: [{ name: 'P', type: label, default: value }] });
    const spoke = fromHub(hub) as v1beta1.OperatorVersion;
    const p = spoke.spec!.parameters![0]!;
    assert.equal(p.default, wrapped);
    assert.equal(p['value-type'], label);
    assert.equal(Object.hasOwn(p, 'type'), false);
    roundTrip(hub);
  });
}

test('a v1beta1 string default stays a string in v1, even for an integer parameter', () => {
  const spoke: v1beta1.OperatorVersion = {
    apiVersion: V1BETA1,
    kind: 'OperatorVersion',
    metadata: {},
    spec: { parameters: [{ name: 'N', 'value-type': 'integer', default: '010' }] },
  };
  const hub = toHub(spoke) as v1.OperatorVersion;
  assert.deepStrictEqual(hub.spec!.parameters![0], { name: 'N', type: 'integer', default: '010' });
  assert.equal(hub.metadata.annotations, undefined);
});

test('a v1beta1 edit of a converted default wins over the stale annotation', () => {
  const spoke = fromHub(ov({ parameters: [{ name: 'P', default: 3 }] })) as v1beta1.OperatorVersion;
  spoke.spec!.parameters![0]!.default = '4';
  const hub = toHub(spoke) as v1.OperatorVersion;
  assert.equal(hub.spec!.parameters![0]!.default, '4');
  assert.equal(hub.metadata.annotations, undefined);
});

test('typed enum values, and a parameter schema, travel in the annotation', () => {
  const hub = ov({
    parameters: [
      { name: 'P', type: 'integer', enum: [1, 2], schema: { type: 'integer', maximum: 2 } },
    ],
  });
  const spoke = fromHub(hub) as v1beta1.OperatorVersion;
  assert.deepStrictEqual(spoke.spec!.parameters![0], {
    name: 'P',
    'value-type': 'integer',
    enum: ['1', '2'],
  });
  assert.deepStrictEqual(residualOf(spoke), {
    noAnnotations: true,
    parameters: [{ enum: [1, 2], i: 0, name: 'P', schema: { maximum: 2, type: 'integer' } }],
  });
  roundTrip(hub);
});

test('plan and step timeouts, onFailure and canary phases leave v1beta1 and come back', () => {
  const hub = ov({
    plans: {
      deploy: {
        strategy: 'serial',
        timeout: '1h',
        onFailure: { action: 'Fail', plan: 'rollback' },
        phases: [
          {
            name: 'rollout',
            strategy: 'canary',
            canary: { steps: 1 },
            timeout: '30m',
            steps: [{ name: 'first', tasks: ['a'], timeout: '5m', onFailure: { retries: 2 } }],
          },
        ],
      },
    },
  });
  const spoke = fromHub(hub) as v1beta1.OperatorVersion;
  assert.deepStrictEqual(spoke.spec!.plans, {
    deploy: {
      strategy: 'serial',
      phases: [{ name: 'rollout', strategy: 'canary', steps: [{ name: 'first', tasks: ['a'] }] }],
    },
  });
  roundTrip(hub);
});

test('health checks and upgradableFrom version ranges leave v1beta1 and come back', () => {
  const hub = ov({
    healthChecks: [{ group: 'cert-manager.io', kind: 'Issuer', conditions: [{ type: 'Ready' }] }],
    upgradableFrom: [{ name: 'kafka-2.5.1-1.3.1', versions: '>=1.3.0 <1.3.2' }],
  });
  const spoke = fromHub(hub) as v1beta1.OperatorVersion;
  assert.equal(Object.hasOwn(spoke.spec!, 'healthChecks'), false);
  assert.deepStrictEqual(spoke.spec!.upgradableFrom, [{ name: 'kafka-2.5.1-1.3.1' }]);
  roundTrip(hub);
});

test('typed instance parameters become KUDO strings in v1beta1 and come back', () => {
  const hub = inst({ parameters: { A: 3, B: 'x', C: ['p'], D: null, E: false } });
  const spoke = fromHub(hub) as v1beta1.Instance;
  assert.deepStrictEqual(spoke.spec!.parameters, { A: '3', B: 'x', C: '- p\n', E: 'false' });
  roundTrip(hub);
});

test('plan controls and the engine status leave v1beta1 and come back', () => {
  const hub = inst(
    { planControl: { paused: true, abort: { uid: 'u1' } } },
    {
      planStatus: { deploy: { name: 'deploy', status: 'IN_PROGRESS' } },
      maestro: {
        sequence: 2,
        consumedPlanExecutions: ['a'],
        execution: { id: 'e', plan: 'deploy' },
      },
    },
  );
  const spoke = fromHub(hub) as v1beta1.Instance;
  assert.deepStrictEqual(spoke.spec, {});
  assert.deepStrictEqual(spoke.status, {
    planStatus: { deploy: { name: 'deploy', status: 'IN_PROGRESS' } },
  });
  roundTrip(hub);
});

test('an object with nothing v1-only gets no annotation', () => {
  const hub = inst({ parameters: { A: 'x' } });
  assert.equal(fromHub(hub).metadata.annotations, undefined);
});

test('an empty annotations map survives the round trip as an empty map', () => {
  const hub: v1.Instance = { ...inst({ parameters: { A: 1 } }), metadata: { annotations: {} } };
  roundTrip(hub);
});

test('a damaged annotation is dropped and the v1beta1 fields win', () => {
  const spoke: v1beta1.Instance = {
    apiVersion: V1BETA1,
    kind: 'Instance',
    metadata: { annotations: { [CONVERSION_ANNOTATION]: '{not json', keep: 'me' } },
    spec: { parameters: { A: '1' } },
  };
  const hub = toHub(spoke) as v1.Instance;
  assert.deepStrictEqual(hub.metadata.annotations, { keep: 'me' });
  assert.deepStrictEqual(hub.spec!.parameters, { A: '1' });
});

test('convertObject rejects versions and kinds that are not served', () => {
  assert.throws(
    () => convertObject({ apiVersion: 'kudo.dev/v1beta1', kind: 'Instance', metadata: {} }, V1),
    (err: unknown) => err instanceof MaestroError && err.code === 'MAESTRO_CONVERSION_UNSUPPORTED',
  );
  assert.throws(
    () => convertObject({ apiVersion: V1, kind: 'Pod', metadata: {} }, V1BETA1),
    /Maestro converts Operator, OperatorVersion and Instance/,
  );
});

test('convertObject returns an object already in the desired version unchanged', () => {
  const hub = inst({ parameters: { A: 1 } });
  assert.deepStrictEqual(convertObject(hub, V1), hub);
});

test('canonicalJson: sorted keys, JSON.stringify scalars, -0 kept, undefined members dropped', () => {
  const cases: [unknown, string][] = [
    [{ b: 1, a: 'x' }, '{"a":"x","b":1}'],
    [[-0, 0, 1.5, 1e21, 5e-7, Number.NaN, Infinity], '[-0,0,1.5,1e+21,5e-7,null,null]'],
    [[true, false, null, undefined], '[true,false,null,null]'],
    [{ k: undefined, s: 'q"\\\n\u2028' }, `{"s":${JSON.stringify('q"\\\n\u2028')}}`],
    [JSON.parse('{"z":{"__proto__":1,"y":[{}]}}'), '{"z":{"__proto__":1,"y":[{}]}}'],
    [undefined, 'null'],
  ];
  for (const [value, want] of cases) assert.equal(canonicalJson(value), want);
});
