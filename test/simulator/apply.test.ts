import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyUpdate, prepareCreate, threeWayMerge } from '../../src/simulator/apply.ts';
import { LAST_APPLIED_ANNOTATION } from '../../src/engine/provenance.ts';
import type { KObject } from '../../src/engine/kobject.ts';

// Cases written from Metacontroller's apply rules (contracts.md §1.6):
// [label, observed, lastApplied, desired, want]
const cases: [string, unknown, unknown, unknown, unknown][] = [
  ['a new desired field is added', { a: 1 }, {}, { b: 2 }, { a: 1, b: 2 }],
  ['a field others set is kept', { a: 1, other: 'x' }, { a: 1 }, { a: 2 }, { a: 2, other: 'x' }],
  ['a field dropped from desired is removed', { a: 1, b: 2 }, { a: 1, b: 2 }, { a: 1 }, { a: 1 }],
  [
    'a field never applied by us is not removed',
    { a: 1, b: 2 },
    { a: 1 },
    { a: 1 },
    { a: 1, b: 2 },
  ],
  [
    'nested objects merge field by field',
    { spec: { x: 1, y: 2, z: 3 } },
    { spec: { x: 1, y: 2 } },
    { spec: { x: 9 } },
    { spec: { x: 9, z: 3 } },
  ],
  ['no last applied: nothing is removed', { a: 1, b: 2 }, null, { a: 5 }, { a: 5, b: 2 }],
  [
    'a desired null leaves an observed object alone',
    { a: { b: 1 } },
    {},
    { a: null },
    { a: { b: 1 } },
  ],
  ['a scalar replaces a scalar of another type', { a: 1 }, {}, { a: 'one' }, { a: 'one' }],
  [
    'plain lists are replaced',
    { args: ['a', 'b'] },
    { args: ['a'] },
    { args: ['c'] },
    { args: ['c'] },
  ],
  [
    'lists of objects without a merge key are replaced',
    { l: [{ x: 1 }, { x: 2 }] },
    {},
    { l: [{ x: 3 }] },
    { l: [{ x: 3 }] },
  ],
  [
    'containers merge by name, keeping fields set by others',
    {
      containers: [
        { name: 'app', image: 'v1', resources: { cpu: 1 } },
        { name: 'sidecar', image: 's' },
      ],
    },
    { containers: [{ name: 'app', image: 'v1' }] },
    { containers: [{ name: 'app', image: 'v2' }] },
    {
      containers: [
        { name: 'app', image: 'v2', resources: { cpu: 1 } },
        { name: 'sidecar', image: 's' },
      ],
    },
  ],
  [
    'a list item we applied and dropped is removed; new items go last in desired order',
    { c: [{ name: 'a' }, { name: 'b' }, { name: 'x' }] },
    { c: [{ name: 'a' }, { name: 'b' }] },
    { c: [{ name: 'z' }, { name: 'a' }] },
    { c: [{ name: 'a' }, { name: 'x' }, { name: 'z' }] },
  ],
  [
    'ports merge by containerPort before name',
    { ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }] },
    { ports: [{ containerPort: 80, name: 'http' }] },
    { ports: [{ containerPort: 80, name: 'web' }] },
    { ports: [{ containerPort: 80, name: 'web', protocol: 'TCP' }] },
  ],
  [
    'service ports merge by port',
    { ports: [{ port: 2181, targetPort: 2181, protocol: 'TCP', name: 'client' }] },
    { ports: [{ port: 2181, name: 'client' }] },
    {
      ports: [
        { port: 2181, name: 'client' },
        { port: 2888, name: 'server' },
      ],
    },
    {
      ports: [
        { port: 2181, targetPort: 2181, protocol: 'TCP', name: 'client' },
        { port: 2888, name: 'server' },
      ],
    },
  ],
  [
    'volume mounts merge by mountPath',
    { m: [{ mountPath: '/d', name: 'a', readOnly: true }] },
    {},
    { m: [{ mountPath: '/d', name: 'b' }] },
    { m: [{ mountPath: '/d', name: 'b', readOnly: true }] },
  ],
  [
    'numeric merge keys are compared as text',
    { l: [{ port: 1, a: 1 }] },
    {},
    { l: [{ port: 1, b: 2 }] },
    { l: [{ port: 1, a: 1, b: 2 }] },
  ],
];

test('three-way merge: table of Metacontroller apply semantics', () => {
  for (const [label, observed, last, desired, want] of cases) {
    assert.deepEqual(threeWayMerge(observed, last, desired), want, label);
  }
});

test('three-way merge does not mutate its inputs', () => {
  for (const [label, observed, last, desired] of cases) {
    const before = JSON.stringify([observed, last, desired]);
    threeWayMerge(observed, last, desired);
    assert.equal(JSON.stringify([observed, last, desired]), before, label);
  }
});

test('three-way merge fails where the shapes disagree, naming the path', () => {
  assert.throws(
    () => threeWayMerge({ a: { b: 1 } }, {}, { a: [1] }),
    /desired\[a\]: expected an object/,
  );
  assert.throws(
    () => threeWayMerge({ a: [1] }, { a: 'x' }, { a: [2] }),
    /lastApplied\[a\]: expected a list/,
  );
});

const observedChild = (): KObject => {
  const applied = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'c', namespace: 'n', labels: { a: '1' } },
    data: { k: 'v1' },
  };
  return {
    ...applied,
    metadata: {
      ...applied.metadata,
      uid: 'u1',
      resourceVersion: '5',
      generation: 1,
      creationTimestamp: '2026-01-01T00:00:00Z',
      annotations: { [LAST_APPLIED_ANNOTATION]: JSON.stringify(applied), 'someone/else': 'x' },
      ownerReferences: [{ uid: 'p' }],
    },
    status: { seen: true },
  };
};

test('applyUpdate reverts system metadata and status, and records the new last-applied body', () => {
  const desired: KObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'c',
      namespace: 'n',
      uid: 'forged',
      resourceVersion: '999',
      labels: { b: '2' },
    },
    data: { k: 'v2' },
    status: { seen: false },
  };
  const got = applyUpdate(observedChild(), desired);
  assert.equal(got.metadata.uid, 'u1');
  assert.equal(got.metadata.resourceVersion, '5');
  assert.deepEqual(got.status, { seen: true });
  assert.deepEqual(got.metadata.labels, { b: '2' }, 'label a was ours and is dropped');
  assert.equal(got.metadata.annotations?.['someone/else'], 'x');
  assert.deepEqual(JSON.parse(got.metadata.annotations?.[LAST_APPLIED_ANNOTATION] ?? ''), desired);
  assert.deepEqual(got.metadata.ownerReferences, [{ uid: 'p' }]);
});

test('applyUpdate with the same desired body changes nothing', () => {
  const observed = observedChild();
  const last = JSON.parse(
    observed.metadata.annotations?.[LAST_APPLIED_ANNOTATION] ?? '',
  ) as KObject;
  assert.deepEqual(applyUpdate(observed, last), observed);
});

test('prepareCreate stores the desired body verbatim and adds the controller ref', () => {
  const desired: KObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'c' },
    data: {},
  };
  const ref = {
    apiVersion: 'maestro.dev/v1',
    kind: 'Instance',
    name: 'i',
    uid: 'p',
    controller: true,
    blockOwnerDeletion: true,
  };
  const got = prepareCreate(desired, ref);
  assert.equal(got.metadata.annotations?.[LAST_APPLIED_ANNOTATION], JSON.stringify(desired));
  assert.deepEqual(got.metadata.ownerReferences, [ref]);
  assert.deepEqual(desired.metadata, { name: 'c' }, 'input untouched');
});
