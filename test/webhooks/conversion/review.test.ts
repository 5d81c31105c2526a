// POST /convert's pure handler: ConversionReview in, ConversionReview out, with
// the rules kube-apiserver enforces on the answer (contracts.md §4.1).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { convertReview } from '../../../src/webhooks/conversion/index.ts';
import { V1, V1BETA1 } from '../../../src/model/names.ts';
import * as v1 from '../../../src/model/v1/schema.ts';
import * as v1beta1 from '../../../src/model/v1beta1/schema.ts';
import { objectOf } from '../../model/arbitrary.ts';

const review = (objects: unknown[], desiredAPIVersion: string, uid = 'u-1') => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'ConversionReview',
  request: { uid, desiredAPIVersion, objects },
});

type Obj = { apiVersion: string; kind: string; metadata: Record<string, unknown> };
const converted = (body: unknown) => convertReview(body).response.convertedObjects as Obj[];

const anyObject = fc.oneof(
  objectOf(V1, 'Operator', v1.operatorSchema),
  objectOf(V1, 'OperatorVersion', v1.operatorVersionSchema),
  objectOf(V1, 'Instance', v1.instanceSchema),
  objectOf(V1BETA1, 'Operator', v1beta1.operatorSchema),
  objectOf(V1BETA1, 'OperatorVersion', v1beta1.operatorVersionSchema),
  objectOf(V1BETA1, 'Instance', v1beta1.instanceSchema),
);

const withoutOwnAnnotations = (meta: Record<string, unknown>) => {
  const annotations = Object.fromEntries(
    Object.entries((meta.annotations ?? {}) as Record<string, string>).filter(
      ([k]) => !k.startsWith('maestro.dev/'),
    ),
  );
  const { annotations: _a, ...rest } = meta;
  return { ...rest, annotations };
};

test('a mixed list keeps count, order, kinds and names, and every object gets the desired apiVersion', () => {
  fc.assert(
    fc.property(
      fc.array(anyObject, { maxLength: 6 }),
      fc.constantFrom(V1, V1BETA1),
      (objects, desired) => {
        const res = convertReview(review(objects, desired));
        assert.equal(res.apiVersion, 'apiextensions.k8s.io/v1');
        assert.equal(res.kind, 'ConversionReview');
        assert.equal(res.response.uid, 'u-1');
        assert.deepEqual(res.response.result, { status: 'Success' });
        const out = res.response.convertedObjects as Obj[];
        assert.equal(out.length, objects.length);
        out.forEach((o, i) => {
          const src = objects[i] as Obj;
          assert.equal(o.apiVersion, desired);
          assert.equal(o.kind, src.kind);
          // Metadata passes through; only maestro.dev/ annotations may differ.
          assert.deepStrictEqual(
            withoutOwnAnnotations(o.metadata),
            withoutOwnAnnotations(src.metadata),
          );
        });
      },
    ),
    { numRuns: 150 },
  );
});

test('converting there and back through two reviews gives the original objects', () => {
  fc.assert(
    fc.property(fc.array(anyObject, { maxLength: 4 }), (objects) => {
      for (const [there, back] of [
        [V1BETA1, V1],
        [V1, V1BETA1],
      ] as const) {
        const sources = objects.filter((o) => (o as Obj).apiVersion === back);
        const out = converted(review(converted(review(sources, there)), back));
        assert.deepStrictEqual(out, sources);
      }
    }),
    { numRuns: 150 },
  );
});

test('v1beta1 string parameter values stay strings in v1 (no OperatorVersion at hand)', () => {
  const instance = {
    apiVersion: V1BETA1,
    kind: 'Instance',
    metadata: { name: 'kafka', namespace: 'default', uid: 'x' },
    spec: {
      operatorVersion: { name: 'kafka-2.5.1-1.3.2' },
      parameters: { BROKER_COUNT: '3', ENABLED: 'true' },
    },
  };
  const [out] = converted(review([instance], V1)) as unknown as [{ spec: { parameters: unknown } }];
  assert.deepEqual(out.spec.parameters, { BROKER_COUNT: '3', ENABLED: 'true' });
});

test('a v1 typed value travels to v1beta1 as a string plus a maestro.dev/ annotation, and nothing else in metadata changes', () => {
  const meta = {
    name: 'kafka',
    namespace: 'ns',
    uid: 'u',
    resourceVersion: '7',
    labels: { a: 'b' },
    annotations: { keep: 'me' },
  };
  const instance = {
    apiVersion: V1,
    kind: 'Instance',
    metadata: meta,
    spec: { parameters: { BROKER_COUNT: 3 } },
  };
  const [out] = converted(review([instance], V1BETA1)) as unknown as [
    { metadata: { annotations: Record<string, string> }; spec: { parameters: unknown } },
  ];
  assert.deepEqual(out.spec.parameters, { BROKER_COUNT: '3' });
  const { annotations, ...rest } = out.metadata as Record<string, unknown> & {
    annotations: Record<string, string>;
  };
  const { annotations: _orig, ...origRest } = meta;
  assert.deepEqual(rest, origRest);
  assert.equal(annotations.keep, 'me');
  assert.deepEqual(
    Object.keys(annotations)
      .filter((k) => k !== 'keep')
      .every((k) => k.startsWith('maestro.dev/')),
    true,
  );
});

const failures: [string, unknown, string, RegExp][] = [
  ['not an object', 'x', '', /not a ConversionReview/],
  [
    'a v1beta1 review',
    { apiVersion: 'apiextensions.k8s.io/v1beta1', kind: 'ConversionReview', request: { uid: 'a' } },
    'a',
    /conversionReviewVersions/,
  ],
  [
    'no uid',
    {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'ConversionReview',
      request: { desiredAPIVersion: V1, objects: [] },
    },
    '',
    /uid/,
  ],
  [
    'no desired version',
    {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'ConversionReview',
      request: { uid: 'b', objects: [] },
    },
    'b',
    /desiredAPIVersion/,
  ],
  [
    'objects not a list',
    {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'ConversionReview',
      request: { uid: 'c', desiredAPIVersion: V1, objects: {} },
    },
    'c',
    /objects/,
  ],
  [
    'an unserved version',
    review(
      [{ apiVersion: 'maestro.dev/v2', kind: 'Instance', metadata: { name: 'i', namespace: 'n' } }],
      V1,
      'd',
    ),
    'd',
    /objects\[0\] \(Instance n\/i\).*served versions.*MAESTRO_CONVERSION_UNSUPPORTED/,
  ],
  [
    'an unknown kind',
    review(
      [
        { apiVersion: V1, kind: 'Operator', metadata: {} },
        { apiVersion: V1, kind: 'Widget', metadata: {} },
      ],
      V1BETA1,
      'e',
    ),
    'e',
    /objects\[1\] \(Widget\)/,
  ],
  [
    'an unserved desired version',
    review([{ apiVersion: V1, kind: 'Operator', metadata: {} }], 'maestro.dev/v9', 'f'),
    'f',
    /cannot convert maestro.dev\/v1 to maestro.dev\/v9/,
  ],
];
for (const [label, body, uid, message] of failures) {
  test(`${label}: Failure with a message, no objects, uid echoed`, () => {
    const res = convertReview(body);
    assert.equal(res.apiVersion, 'apiextensions.k8s.io/v1');
    assert.equal(res.kind, 'ConversionReview');
    assert.equal(res.response.uid, uid);
    assert.equal(res.response.result.status, 'Failure');
    assert.match(res.response.result.message ?? '', message);
    assert.deepEqual(res.response.convertedObjects, []);
  });
}
