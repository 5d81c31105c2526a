import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canonicalJson, stableHash } from '../../src/engine/canonical-json.ts';
import {
  bodyHash,
  LAST_APPLIED_ANNOTATION,
  provenanceAnnotations,
  readProvenance,
  stampProvenance,
} from '../../src/engine/provenance.ts';
import { readLastApplied, recoverEmittedBody } from '../../src/engine/last-applied.ts';
import type { KObject } from '../../src/engine/kobject.ts';

const configMap = (): KObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'zk-cfg', namespace: 'ns', labels: { 'kudo.dev/instance': 'zk' } },
  data: { 'zoo.cfg': 'tickTime=2000\n' },
});
const prov = {
  execution: 'e-1a2b',
  plan: 'deploy',
  phase: 'zookeeper',
  step: 'deploy',
  task: 'app',
};

test('canonicalJson sorts keys at every depth and keeps array order', () => {
  assert.equal(
    canonicalJson({ b: 1, a: { d: [3, 1], c: null } }),
    '{"a":{"c":null,"d":[3,1]},"b":1}',
  );
});

test('stableHash is 16 hex digits and ignores key order', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (rec) => {
      const reversed = Object.fromEntries(Object.entries(rec).reverse());
      assert.equal(stableHash(rec), stableHash(reversed));
      assert.match(stableHash(rec), /^[0-9a-f]{16}$/);
    }),
    { numRuns: 100 },
  );
});

test('stamping adds every provenance annotation, and the hash ignores them', () => {
  const stamped = stampProvenance(configMap(), prov);
  assert.deepEqual(readProvenance(stamped), { ...prov, hash: bodyHash(configMap()) });
  assert.equal(bodyHash(stamped), bodyHash(configMap()));
  // Re-stamping with another execution keeps the body hash.
  const again = stampProvenance(stamped, { ...prov, execution: 'e-ffff' });
  assert.equal(readProvenance(again)?.hash, bodyHash(configMap()));
  assert.equal(again.metadata.annotations?.[provenanceAnnotations.execution], 'e-ffff');
});

test('stamping does not mutate its input', () => {
  const input = configMap();
  const before = canonicalJson(input);
  stampProvenance(input, prov);
  assert.equal(canonicalJson(input), before);
});

test('the hash changes with the body and ignores what Metacontroller adds', () => {
  const changed = configMap();
  changed.data = { 'zoo.cfg': 'tickTime=3000\n' };
  assert.notEqual(bodyHash(changed), bodyHash(configMap()));
  const withMc = configMap();
  withMc.metadata.labels = { ...withMc.metadata.labels, 'controller-uid': 'u-1' };
  withMc.metadata.annotations = { [LAST_APPLIED_ANNOTATION]: '{}' };
  assert.equal(bodyHash(withMc), bodyHash(configMap()));
});

test('an empty label map hashes like no labels, so Metacontroller adding controller-uid is harmless', () => {
  const bare = configMap();
  delete bare.metadata.labels;
  const empty = configMap();
  empty.metadata.labels = {};
  empty.metadata.annotations = {};
  assert.equal(bodyHash(empty), bodyHash(bare));
  const recorded = configMap();
  recorded.metadata.labels = { 'controller-uid': 'p' };
  assert.equal(bodyHash(recorded), bodyHash(bare));
});

test('readProvenance is undefined when any annotation is missing', () => {
  const stamped = stampProvenance(configMap(), prov);
  delete stamped.metadata.annotations?.[provenanceAnnotations.task];
  assert.equal(readProvenance(stamped), undefined);
  assert.equal(readProvenance(configMap()), undefined);
});

/** An observed child the way Metacontroller creates it: last-applied = desired + controller-uid. */
function observedFrom(desired: KObject): KObject {
  const applied = structuredClone(desired);
  applied.metadata.labels = { ...applied.metadata.labels, 'controller-uid': 'parent-uid' };
  const observed = structuredClone(applied);
  observed.metadata.annotations = {
    ...observed.metadata.annotations,
    [LAST_APPLIED_ANNOTATION]: JSON.stringify(applied),
  };
  observed.metadata.uid = 'child-uid';
  observed.metadata.resourceVersion = '17';
  return observed;
}

test('recoverEmittedBody returns the last applied body when its hash checks out', () => {
  const emitted = stampProvenance(configMap(), prov);
  const got = recoverEmittedBody(observedFrom(emitted));
  assert.equal(got.ok, true);
  if (got.ok) {
    assert.equal(
      got.body.metadata.uid,
      undefined,
      'the body is the applied one, not the observed one',
    );
    assert.equal(bodyHash(got.body), bodyHash(emitted));
  }
});

test('recoverEmittedBody refuses bodies that are absent, unreadable, foreign or edited', () => {
  const absent = recoverEmittedBody(configMap());
  assert.deepEqual([absent.ok, !absent.ok && absent.problem], [false, 'absent']);
  assert.match(!absent.ok ? absent.reason : '', /ConfigMap\/zk-cfg has no metacontroller/);

  const bad = configMap();
  bad.metadata.annotations = { [LAST_APPLIED_ANNOTATION]: '{not json' };
  const invalid = readLastApplied(bad);
  assert.deepEqual([invalid.ok, !invalid.ok && invalid.problem], [false, 'invalid']);

  const foreign = recoverEmittedBody(observedFrom(configMap()));
  assert.deepEqual([foreign.ok, !foreign.ok && foreign.problem], [false, 'mismatch']);

  const edited = stampProvenance(configMap(), prov);
  edited.data = { 'zoo.cfg': 'edited' };
  const mismatch = recoverEmittedBody(observedFrom(edited));
  assert.deepEqual([mismatch.ok, !mismatch.ok && mismatch.problem], [false, 'mismatch']);
  assert.match(
    !mismatch.ok ? mismatch.reason : '',
    /hashes to [0-9a-f]{16}, but its annotation says/,
  );
});
