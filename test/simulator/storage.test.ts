// The simulator does what kube-apiserver 1.20 and real Metacontroller did in
// the end-to-end suite (docs/e2e.md, "Differences found"): one test per
// behaviour.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cluster, Simulation, VirtualClock } from '../../src/simulator/index.ts';
import { manageChildren } from '../../src/simulator/manage-children.ts';
import type { KObject } from '../../src/engine/kobject.ts';
import { getPath } from '../../src/engine/kobject.ts';
import { toStoredForm } from '../../src/engine/stored-form.ts';
import { extractApplied, findApplyEntry } from '../../src/engine/managed-fields.ts';
import { corpusDir, loadPackage, simulate } from '../engine/plan/support.ts';
import { resync } from './scenarios/helpers.ts';

const cluster = (o: ConstructorParameters<typeof Cluster>[1] = {}) =>
  new Cluster(new VirtualClock(), o);
const NS = 'data';

const statefulSet = (cpu: unknown, storage = '5Gi'): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'zk', namespace: NS },
  spec: {
    serviceName: 'zk-hs',
    selector: { matchLabels: { app: 'zk' } },
    template: {
      metadata: { labels: { app: 'zk' } },
      spec: {
        containers: [
          {
            name: 'zk',
            image: 'zk',
            resources: { requests: { cpu } },
            ports: [{ containerPort: 2181 }],
          },
        ],
      },
    },
    volumeClaimTemplates: [
      {
        metadata: { name: 'data' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } } },
      },
    ],
  },
});
const stsId = { group: 'apps', kind: 'StatefulSet', namespace: NS, name: 'zk' };
const containerOf = (o: KObject | undefined) =>
  getPath(o, 'spec', 'template', 'spec', 'containers', 0) as Record<string, unknown>;

test('storage: resource quantities are stored in canonical form (1000m is 1, 2048Mi is 2Gi, 0.1 is 100m)', () => {
  const c = cluster();
  c.create(statefulSet('1000m', '2048Mi'));
  assert.deepEqual(getPath(containerOf(c.get(stsId)), 'resources'), { requests: { cpu: '1' } });
  assert.equal(
    getPath(
      c.get(stsId),
      'spec',
      'volumeClaimTemplates',
      0,
      'spec',
      'resources',
      'requests',
      'storage',
    ),
    '2Gi',
  );
  c.update({ ...c.get(stsId)!, ...{ spec: statefulSet('0.1', '2Gi').spec } });
  assert.equal(getPath(containerOf(c.get(stsId)), 'resources', 'requests', 'cpu'), '100m');
});

test('storage: an update that differs only in a quantity form changes nothing (no new resourceVersion)', () => {
  const c = cluster();
  const created = c.create(statefulSet('1'));
  const again = c.update({ ...created, spec: statefulSet('1000m').spec });
  assert.equal(again.metadata.resourceVersion, created.metadata.resourceVersion);
  assert.equal(again.metadata.generation, 1);
});

test('storage: ports are stored with protocol TCP (containers and Services)', () => {
  const c = cluster();
  c.create(statefulSet('1'));
  assert.deepEqual(getPath(containerOf(c.get(stsId)), 'ports'), [
    { containerPort: 2181, protocol: 'TCP' },
  ]);
  c.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 's', namespace: NS },
    spec: { ports: [{ port: 80 }] },
  });
  assert.equal(
    getPath(
      c.get({ group: '', kind: 'Service', namespace: NS, name: 's' }),
      'spec',
      'ports',
      0,
      'protocol',
    ),
    'TCP',
  );
});

test('storage: volumeClaimTemplates come back with apiVersion, kind, creationTimestamp null, volumeMode and status', () => {
  const c = cluster();
  c.create(statefulSet('1'));
  assert.deepEqual(getPath(c.get(stsId), 'spec', 'volumeClaimTemplates', 0), {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { creationTimestamp: null, name: 'data' },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '5Gi' } },
      volumeMode: 'Filesystem',
    },
    status: { phase: 'Pending' },
  });
});

test('storage: an empty env value is dropped; a Secret keeps data, never stringData', () => {
  const c = cluster();
  const sts = statefulSet('1');
  (containerOf(sts) as Record<string, unknown>).env = [{ name: 'E', value: '' }];
  c.create(sts);
  assert.deepEqual(getPath(containerOf(c.get(stsId)), 'env'), [{ name: 'E' }]);
  c.create({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'p', namespace: NS },
    stringData: { password: 'pw' },
  });
  const secret = c.get({ group: '', kind: 'Secret', namespace: NS, name: 'p' })!;
  assert.equal(secret.stringData, undefined);
  assert.deepEqual(secret.data, { password: 'cHc=' });
});

const ref = {
  apiVersion: 'maestro.dev/v1',
  kind: 'Instance',
  name: 'zk',
  uid: 'u1',
  controller: true,
};
const methodFor = (_g: string, kind: string) =>
  (kind === 'Job' ? 'Recreate' : 'InPlace') as 'Recreate' | 'InPlace';
const job = (cpu: string): KObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'v', namespace: NS },
  spec: {
    template: {
      spec: {
        restartPolicy: 'Never',
        containers: [{ name: 'v', image: 'v', resources: { requests: { cpu } } }],
      },
    },
  },
});

test('dynamic apply: a child not in stored form is updated (InPlace) or re-created (Recreate) on every sync', () => {
  const c = cluster();
  const desired = [statefulSet('1000m'), job('0.1')];
  const ops: string[][] = [];
  for (let i = 0; i < 4; i++) {
    const observed = c.all().filter((o) => o.kind !== 'Instance');
    ops.push(manageChildren(c, { observed, desired, methodFor, controllerRef: ref }).operations);
  }
  assert.deepEqual(
    ops[0]!.map((o) => o.split(' ')[0]),
    ['create', 'create'],
  );
  // Every later sync touches both: the update storm issue 13 found.
  for (const o of ops.slice(1)) {
    assert.ok(
      o.some((x) => x.startsWith('update StatefulSet')),
      JSON.stringify(o),
    );
    assert.ok(
      o.some((x) => x.startsWith('recreate Job') || x.startsWith('create Job')),
      JSON.stringify(o),
    );
  }
});

test('dynamic apply: children in stored form are left alone once created', () => {
  const c = cluster();
  const desired = [toStoredForm(statefulSet('1000m')), toStoredForm(job('0.1'))];
  manageChildren(c, { observed: [], desired, methodFor, controllerRef: ref });
  for (let i = 0; i < 3; i++) {
    const observed = c.all();
    assert.deepEqual(
      manageChildren(c, { observed, desired, methodFor, controllerRef: ref }).operations,
      [],
    );
  }
});

test('server-side apply on 1.20 refuses a port that omits protocol; with it the apply succeeds', () => {
  const c = cluster({ applyDefaultsKeyFields: false });
  const svc: KObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 's', namespace: NS },
    spec: { ports: [{ port: 2181 }] },
  };
  const r = manageChildren(c, {
    observed: [],
    desired: [svc],
    methodFor,
    controllerRef: ref,
    applyStrategy: 'server-side-apply',
  });
  assert.match(r.errors.join('\n'), /omits key field "protocol"/);
  assert.deepEqual(r.operations, []);
  const ok = manageChildren(c, {
    observed: [],
    desired: [toStoredForm(svc)],
    methodFor,
    controllerRef: ref,
    applyStrategy: 'server-side-apply',
  });
  assert.deepEqual(ok.errors, []);
  assert.equal(ok.operations.length, 1);
  assert.match(ok.operations[0]!, /^create Service/);
});

test('a CompositeController with a child type the server does not serve is not started (policy/v1 PDB on 1.20)', () => {
  const p = loadPackage(corpusDir('zookeeper'));
  let calls = 0;
  const sim = new Simulation({
    controller: p.controller,
    hooks: () => {
      calls++;
      return { status: 500, body: {} } as never;
    },
    cluster: { unservedApiVersions: ['policy/v1'] },
  });
  sim.apply(p.ov);
  sim.apply(p.instance);
  // Retries (back-off) are background events: the run goes idle.
  const r = sim.run({ maxTimeMs: 3_600_000 });
  assert.equal(r.stoppedBecause, 'idle');
  assert.equal(sim.metacontroller.started, false);
  assert.equal(calls, 0);
  assert.equal(sim.records.length, 0);
  assert.deepEqual(sim.metacontroller.unservedTypes(), [
    {
      role: 'child',
      resource: 'poddisruptionbudgets.policy/v1',
      kind: 'policy/PodDisruptionBudget',
    },
  ]);
  assert.match(
    sim.metacontroller.notStartedReason ?? '',
    /^Cannot create new controller: can't find child resource "poddisruptionbudgets" in policy\/v1$/,
  );
  assert.equal(sim.metacontroller.controllerEvents[0]!.reason, 'CreateError');
});

test('zookeeper under server-side apply on 1.20 deploys: the engine emits every port with its protocol', () => {
  const s = simulate(loadPackage(corpusDir('zookeeper')), {
    metacontroller: { applyStrategy: 'server-side-apply' },
    cluster: { applyDefaultsKeyFields: false },
  });
  s.runUntilSettled(300);
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  assert.ok(
    s.sim.records.every((r) => !r.error),
    s.sim.records.map((r) => r.error).join('\n'),
  );
});

test('zookeeper under dynamic apply: once COMPLETE, further syncs update nothing', () => {
  const s = simulate(loadPackage(corpusDir('zookeeper')));
  s.runUntilSettled(300);
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  const before = s.sim.records.length;
  for (let i = 0; i < 5; i++) resync(s, 20);
  const later = s.sim.records.slice(before).flatMap((r) => r.operations);
  assert.deepEqual(
    later.filter((o) => /^(update|recreate) /.test(o)),
    [],
  );
});

test('server-side apply on 1.20: the applier owns what the server defaulted, so the managedFields body is not the emitted one', () => {
  const c = cluster({ applyOwnsDefaults: true });
  const svc = toStoredForm({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 's', namespace: NS },
    spec: { ports: [{ port: 80 }] },
  });
  manageChildren(c, {
    observed: [],
    desired: [svc],
    methodFor,
    controllerRef: ref,
    applyStrategy: 'server-side-apply',
  });
  const live = c.get({ group: '', kind: 'Service', namespace: NS, name: 's' })!;
  const entry = findApplyEntry(live, 'metacontroller')!;
  assert.deepEqual(getPath(entry.fieldsV1, 'f:spec', 'f:sessionAffinity'), {});
  const extracted = extractApplied(live);
  assert.ok(extracted.ok);
  assert.equal(getPath(extracted.body, 'spec', 'sessionAffinity'), 'None');
  // The default (later releases): only what was applied is owned.
  const later = cluster();
  manageChildren(later, {
    observed: [],
    desired: [svc],
    methodFor,
    controllerRef: ref,
    applyStrategy: 'server-side-apply',
  });
  const e2 = extractApplied(later.get({ group: '', kind: 'Service', namespace: NS, name: 's' })!);
  assert.ok(e2.ok);
  assert.equal(getPath(e2.body, 'spec', 'sessionAffinity'), undefined);
});
