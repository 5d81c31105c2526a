import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, Cluster, VirtualClock } from '../../src/simulator/index.ts';
import type { Change } from '../../src/simulator/index.ts';
import type { KObject } from '../../src/engine/kobject.ts';

const sts = (): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'zk', namespace: 'data' },
  spec: { replicas: 3, serviceName: 'zk-hs', selector: { matchLabels: { app: 'zk' } } },
});
const id = { group: 'apps', kind: 'StatefulSet', namespace: 'data', name: 'zk' };

test('create assigns deterministic uid, resourceVersion, generation and timestamp', () => {
  const c = new Cluster(new VirtualClock());
  const got = c.create(sts());
  assert.equal(got.metadata.uid, 'uid-000001');
  assert.equal(got.metadata.generation, 1);
  assert.equal(got.metadata.creationTimestamp, '2026-01-01T00:00:00Z');
  assert.throws(
    () => c.create(sts()),
    (e: unknown) => e instanceof ApiError && e.reason === 'AlreadyExists',
  );
});

test('generation moves on spec changes only; status and metadata do not bump it', () => {
  const c = new Cluster(new VirtualClock());
  const created = c.create(sts());
  const labelled = c.update({ ...created, metadata: { ...created.metadata, labels: { a: 'b' } } });
  assert.equal(labelled.metadata.generation, 1);
  c.updateStatus(id, { readyReplicas: 3 });
  const scaled = c.update({ ...c.get(id)!, spec: { ...(created.spec as object), replicas: 5 } });
  assert.equal(scaled.metadata.generation, 2);
  assert.deepEqual(scaled.status, { readyReplicas: 3 }, 'update keeps status');
});

test('immutable fields and stale resourceVersions are refused', () => {
  const c = new Cluster(new VirtualClock());
  const created = c.create(sts());
  assert.throws(
    () => c.update({ ...created, spec: { ...(created.spec as object), serviceName: 'other' } }),
    /StatefulSet\/zk: spec\.serviceName is immutable/,
  );
  c.updateStatus(id, { x: 1 });
  assert.throws(
    () => c.update(created),
    (e: unknown) => e instanceof ApiError && e.reason === 'Conflict',
  );
});

test('objects read back at another served version keep their identity', () => {
  const c = new Cluster(new VirtualClock());
  c.create({
    apiVersion: 'policy/v1beta1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'p', namespace: 'data' },
    spec: {},
  });
  const listed = c.list('policy', 'PodDisruptionBudget', 'data', 'policy/v1');
  assert.deepEqual(
    listed.map((o) => o.apiVersion),
    ['policy/v1'],
  );
  const unserved = new Cluster(new VirtualClock(), { unservedApiVersions: ['policy/v1beta1'] });
  assert.throws(
    () =>
      unserved.create({
        apiVersion: 'policy/v1beta1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'p' },
      }),
    /could not find the requested resource/,
  );
});

test('finalizers hold deletion; removing the last one deletes and collects dependents', () => {
  const c = new Cluster(new VirtualClock());
  const changes: Change['type'][] = [];
  c.onChange((ch) => changes.push(ch.type));
  const parent = c.create({
    apiVersion: 'maestro.dev/v1',
    kind: 'Instance',
    metadata: { name: 'i', namespace: 'data', finalizers: ['f'] },
  });
  c.create({
    ...sts(),
    metadata: {
      ...sts().metadata,
      ownerReferences: [{ uid: parent.metadata.uid, controller: true }],
    },
  });
  const pid = { group: 'maestro.dev', kind: 'Instance', namespace: 'data', name: 'i' };
  c.delete(pid);
  assert.equal(c.get(pid)?.metadata.deletionTimestamp, '2026-01-01T00:00:00Z');
  assert.ok(c.get(id));
  c.update({ ...c.get(pid)!, metadata: { ...c.get(pid)!.metadata, finalizers: [] } });
  assert.equal(c.get(pid), undefined);
  assert.equal(c.get(id), undefined, 'garbage collected');
  assert.deepEqual(changes, ['added', 'added', 'modified', 'modified', 'deleted', 'deleted']);
});

test('Services get a cluster IP on create, except ExternalName', () => {
  const c = new Cluster(new VirtualClock());
  const svc = c.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 's', namespace: 'd' },
    spec: {},
  });
  assert.match(String((svc.spec as Record<string, unknown>).clusterIP), /^10\.96\.\d+\.\d+$/);
  const ext = c.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'e', namespace: 'd' },
    spec: { type: 'ExternalName' },
  });
  assert.equal((ext.spec as Record<string, unknown>).clusterIP, undefined);
});

test('the clock runs events in time order, same-time events in scheduling order', () => {
  const clock = new VirtualClock();
  const seen: string[] = [];
  clock.schedule(10, 'b', () => seen.push('b'));
  clock.schedule(5, 'a', () => seen.push('a'));
  clock.schedule(10, 'c', () => seen.push('c'));
  clock.schedule(1, 'bg', () => seen.push('bg'), true);
  while (clock.step());
  assert.deepEqual(seen, ['bg', 'a', 'b', 'c']);
  assert.equal(clock.now(), Date.UTC(2026, 0, 1) + 10);
  assert.equal(clock.hasForegroundWork(), false);
});
