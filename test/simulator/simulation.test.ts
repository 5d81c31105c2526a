import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { inProcessHooks, ok, Simulation } from '../../src/simulator/index.ts';
import type { HookServer, SimulationOptions } from '../../src/simulator/index.ts';
import {
  decodeHookRequest,
  encodeHookResponse,
} from '../../src/webhooks/metacontroller/wire/index.ts';
import type {
  CompositeController,
  NormalizedHookRequest,
  NormalizedHookResponse,
} from '../../src/webhooks/metacontroller/wire/index.ts';
import { assessHealth } from '../../src/engine/health/index.ts';
import { LAST_APPLIED_ANNOTATION } from '../../src/engine/provenance.ts';
import { readLastApplied } from '../../src/engine/last-applied.ts';
import { getPath } from '../../src/engine/kobject.ts';
import type { KObject } from '../../src/engine/kobject.ts';

const controller = (version: 'v1' | 'v2' = 'v2', withFinalize = false): CompositeController => ({
  apiVersion: 'metacontroller.k8s.io/v1alpha1',
  kind: 'CompositeController',
  metadata: { name: 'maestro-test' },
  spec: {
    parentResource: { apiVersion: 'maestro.dev/v1', resource: 'instances' },
    childResources: [
      { apiVersion: 'v1', resource: 'configmaps', updateStrategy: { method: 'InPlace' } },
      { apiVersion: 'apps/v1', resource: 'statefulsets', updateStrategy: { method: 'InPlace' } },
      {
        apiVersion: 'policy/v1',
        resource: 'poddisruptionbudgets',
        updateStrategy: { method: 'InPlace' },
      },
      { apiVersion: 'batch/v1', resource: 'jobs', updateStrategy: { method: 'Recreate' } },
    ],
    generateSelector: true,
    hooks: {
      sync: { version, webhook: { url: 'http://maestro/sync' } },
      ...(withFinalize
        ? { finalize: { version, webhook: { url: 'http://maestro/finalize' } } }
        : {}),
    },
  },
});

const instance = (spec: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'maestro.dev/v1',
  kind: 'Instance',
  metadata: { name: 'zk', namespace: 'data' },
  spec: { image: 'zookeeper:3.4.14', ...spec },
});

/** The tiny fake engine: a fixed set of children from the parent spec, status = their health. */
function fakeDesired(req: NormalizedHookRequest): NormalizedHookResponse {
  const spec = req.parent.spec as Record<string, unknown>;
  const children: KObject[] = [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'zk-cfg' },
      data: { image: String(spec.image) },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'zk' },
      spec: {
        replicas: 3,
        serviceName: 'zk-hs',
        selector: { matchLabels: { app: 'zk' } },
        template: {
          metadata: { labels: { app: 'zk' } },
          spec: { containers: [{ name: 'zk', image: String(spec.image) }] },
        },
      },
    },
  ];
  if (spec.job) {
    children.push({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'zk-init' },
      spec: {
        template: {
          spec: { restartPolicy: 'Never', containers: [{ name: 'init', image: String(spec.job) }] },
        },
      },
    });
  }
  if (spec.pdbVersion) {
    children.push({
      apiVersion: String(spec.pdbVersion),
      kind: 'PodDisruptionBudget',
      metadata: { name: 'zk-pdb' },
      spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'zk' } } },
    });
  }
  if (spec.undeclared) {
    children.push({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: 'zk' },
      spec: {},
    });
  }
  const kept = spec.drop ? children.filter((c) => c.kind !== 'ConfigMap') : children;
  const health = Object.fromEntries(
    req.children.map((c) => [`${c.identity.kind}/${c.identity.name}`, assessHealth(c.object)]),
  );
  const ready = kept.every((c) => health[`${c.kind}/${c.metadata.name}`]?.healthy === true);
  return {
    status: {
      ready,
      health: Object.fromEntries(Object.entries(health).map(([k, v]) => [k, v.reason])),
      seenStatusGeneration: getPath(req.parent, 'status', 'counter') ?? null,
    },
    children: kept,
    ...(spec.resync ? { resyncAfterSeconds: Number(spec.resync) } : {}),
    ...(req.finalizing
      ? {
          finalized: req.children.length === 0 || spec.finalizeAt === 'now',
          children: spec.finalizeAt === 'now' ? [] : kept,
        }
      : {}),
  };
}

const fakeHooks =
  (extra: (body: Record<string, unknown>) => Record<string, unknown> = (b) => b): HookServer =>
  (hook, body) => {
    const req = decodeHookRequest(body, { hook: hook === 'finalize' ? 'finalize' : 'sync' });
    return ok(
      extra(encodeHookResponse(fakeDesired(req), req) as unknown as Record<string, unknown>),
    );
  };

const sim = (opts: Partial<SimulationOptions> = {}) =>
  new Simulation({ controller: controller(), hooks: fakeHooks(), ...opts });

const parentStatus = (s: Simulation) =>
  s.cluster.get({ group: 'maestro.dev', kind: 'Instance', namespace: 'data', name: 'zk' })
    ?.status as Record<string, unknown> | undefined;
const child = (s: Simulation, group: string, kind: string, name: string) =>
  s.cluster.get({ group, kind, namespace: 'data', name });

test('a parent gets its children created, and they become healthy on virtual time', () => {
  const s = sim();
  s.apply(instance());
  const run = s.run({ until: (x) => parentStatus(x)?.ready === true });
  assert.equal(run.stoppedBecause, 'until');
  assert.ok(
    run.elapsedMs >= 10_000 && run.elapsedMs < 11_000,
    `StatefulSet delay is 10 s, took ${run.elapsedMs} ms`,
  );
  const sts = child(s, 'apps', 'StatefulSet', 'zk');
  assert.ok(sts);
  assert.equal(assessHealth(sts).healthy, true);
  // What Metacontroller adds on create.
  assert.equal(
    sts.metadata.labels?.['controller-uid'],
    s.cluster.get({ group: 'maestro.dev', kind: 'Instance', namespace: 'data', name: 'zk' })
      ?.metadata.uid,
  );
  assert.deepEqual(
    (sts.metadata.ownerReferences as Record<string, unknown>[])[0]?.kind,
    'Instance',
  );
  const lastApplied = JSON.parse(
    sts.metadata.annotations?.[LAST_APPLIED_ANNOTATION] ?? '{}',
  ) as KObject;
  assert.equal(
    lastApplied.metadata.labels?.['controller-uid'],
    sts.metadata.labels?.['controller-uid'],
  );
  assert.equal(lastApplied.metadata.namespace, 'data', 'namespace defaulted to the parent one');
  assert.equal(parentStatus(s)?.observedGeneration, 1, 'Metacontroller injects observedGeneration');
});

test('the run reaches a fixpoint and stops when only periodic work is left', () => {
  const s = sim();
  s.apply(instance());
  const run = s.run();
  assert.equal(run.stoppedBecause, 'idle');
  const last = s.records.at(-1);
  assert.equal(last?.statusWritten, false, 'the last sync changed nothing');
  assert.deepEqual(last?.operations, []);
});

test('an in-place update merges three ways and keeps fields set by others', () => {
  const s = sim();
  s.apply(instance());
  s.run();
  const cm = child(s, '', 'ConfigMap', 'zk-cfg')!;
  // Someone else annotates the ConfigMap.
  s.cluster.update({
    ...cm,
    metadata: {
      ...cm.metadata,
      annotations: { ...cm.metadata.annotations, 'ops/owner': 'team-a' },
    },
  });
  const parent = s.cluster.get({
    group: 'maestro.dev',
    kind: 'Instance',
    namespace: 'data',
    name: 'zk',
  })!;
  s.cluster.update({ ...parent, spec: { image: 'zookeeper:3.5.0' } });
  s.run();
  const after = child(s, '', 'ConfigMap', 'zk-cfg')!;
  assert.deepEqual(after.data, { image: 'zookeeper:3.5.0' });
  assert.equal(after.metadata.annotations?.['ops/owner'], 'team-a');
  assert.ok(s.records.some((r) => r.operations.includes('update ConfigMap/zk-cfg')));
  const sts = child(s, 'apps', 'StatefulSet', 'zk')!;
  assert.equal(sts.metadata.generation, 2, 'a spec change bumps generation');
  assert.equal(assessHealth(sts).healthy, true, 'and the controller rolls it out');
});

test('a child left out of the response is deleted', () => {
  const s = sim();
  s.apply(instance());
  s.run();
  assert.ok(child(s, '', 'ConfigMap', 'zk-cfg'));
  const parent = s.cluster.get({
    group: 'maestro.dev',
    kind: 'Instance',
    namespace: 'data',
    name: 'zk',
  })!;
  s.cluster.update({ ...parent, spec: { ...(parent.spec as object), drop: true } });
  s.run();
  assert.equal(child(s, '', 'ConfigMap', 'zk-cfg'), undefined);
  assert.ok(s.records.some((r) => r.operations.includes('delete ConfigMap/zk-cfg')));
});

test('a Recreate child with a changed body is deleted, then created on a later sync', () => {
  const s = sim();
  s.apply(instance({ job: 'init:1' }));
  s.run();
  const first = child(s, 'batch', 'Job', 'zk-init')!;
  assert.equal(assessHealth(first).healthy, true);
  const parent = s.cluster.get({
    group: 'maestro.dev',
    kind: 'Instance',
    namespace: 'data',
    name: 'zk',
  })!;
  s.cluster.update({ ...parent, spec: { ...(parent.spec as object), job: 'init:2' } });
  s.run();
  const second = child(s, 'batch', 'Job', 'zk-init')!;
  assert.notEqual(second.metadata.uid, first.metadata.uid);
  const ops = s.records.flatMap((r) => r.operations);
  assert.ok(ops.indexOf('recreate Job/zk-init') < ops.lastIndexOf('create Job/zk-init'));
});

test('an in-place update of an immutable field fails the sync and leaves the child alone', () => {
  const c = controller();
  c.spec.childResources = c.spec.childResources!.map((r) =>
    r.resource === 'jobs' ? { ...r, updateStrategy: { method: 'InPlace' } } : r,
  );
  const s = sim({ controller: c });
  s.apply(instance({ job: 'init:1' }));
  s.run();
  const parent = s.cluster.get({
    group: 'maestro.dev',
    kind: 'Instance',
    namespace: 'data',
    name: 'zk',
  })!;
  s.cluster.update({ ...parent, spec: { ...(parent.spec as object), job: 'init:2' } });
  s.run({ maxSyncs: 5 });
  const job = child(s, 'batch', 'Job', 'zk-init')!;
  assert.equal(getPath(job, 'spec', 'template', 'spec', 'containers', 0, 'image'), 'init:1');
  assert.match(
    s.metacontroller.events.at(-1)?.message ?? '',
    /Job\/zk-init: spec\.template is immutable/,
  );
});

test('an undeclared child type fails the whole sync: nothing applied, status kept', () => {
  const s = sim();
  s.apply(instance({ undeclared: true }));
  s.run({ maxSyncs: 4 });
  assert.equal(child(s, '', 'ConfigMap', 'zk-cfg'), undefined);
  assert.equal(parentStatus(s), undefined);
  const errors = s.records.filter((r) => r.error);
  assert.equal(errors.length, 4, 'retried with backoff');
  assert.match(
    errors[0]?.error ?? '',
    /desired child ServiceMonitor monitoring\.coreos\.com\/v1 zk is not a declared child type of CompositeController maestro-test/,
  );
  assert.equal(s.metacontroller.events[0]?.reason, 'SyncError');
  // Backoff doubles from 5 ms.
  const times = s.records.map((r) => Date.parse(r.at));
  assert.ok(times.every((t, i) => i === 0 || t >= times[i - 1]!));
});

test("with undeclaredChildren 'create', the real leak: created, never observed", () => {
  const s = sim({ undeclaredChildren: 'create' });
  s.apply(instance({ undeclared: true }));
  s.run();
  const sm = child(s, 'monitoring.coreos.com', 'ServiceMonitor', 'zk');
  assert.ok(sm, 'created through discovery');
  const req = s.records.at(-1)?.request as { children: Record<string, unknown> };
  assert.ok(
    !Object.keys(req.children).some((k) => k.startsWith('ServiceMonitor')),
    'never observed',
  );
});

test('a v2 response with an unknown field fails; v1 ignores it', () => {
  const extra = (b: Record<string, unknown>) => ({ ...b, labels: {} });
  const v2 = sim({ hooks: fakeHooks(extra) });
  v2.apply(instance());
  v2.run({ maxSyncs: 2 });
  assert.ok(v2.records.every((r) => /response: has an unknown field "labels"/.test(r.error ?? '')));
  assert.equal(child(v2, '', 'ConfigMap', 'zk-cfg'), undefined);

  const v1 = sim({ controller: controller('v1'), hooks: fakeHooks(extra) });
  v1.apply(instance());
  v1.run({ maxSyncs: 2 });
  assert.deepEqual(v1.records[0]?.response?.ignoredFields, ['labels']);
  assert.ok(child(v1, '', 'ConfigMap', 'zk-cfg'));
});

test('200 {} deletes every child and wipes the status: why Maestro never answers it', () => {
  let empty = false;
  const hooks: HookServer = (hook, body) => (empty ? ok({}) : fakeHooks()(hook, body));
  const s = sim({ hooks });
  s.apply(instance());
  s.run();
  assert.ok(child(s, 'apps', 'StatefulSet', 'zk'));
  empty = true;
  s.metacontroller.enqueue('data/zk', 0);
  s.run({ maxSyncs: 1 });
  assert.equal(child(s, 'apps', 'StatefulSet', 'zk'), undefined);
  assert.deepEqual(parentStatus(s), { observedGeneration: 1 });
});

test('a non-200 answer applies nothing and retries with backoff; 429 waits Retry-After', () => {
  const hooks: HookServer = () => ({ status: 500, body: { message: 'boom' } });
  const s = sim({ hooks });
  s.apply(instance());
  s.run({ maxSyncs: 3 });
  assert.equal(child(s, '', 'ConfigMap', 'zk-cfg'), undefined);
  assert.match(
    s.records[0]?.error ?? '',
    /unsupported status code: 500 body: \{"message":"boom"\}/,
  );
  const gaps = s.records.map((r, i, all) =>
    i === 0 ? 0 : Date.parse(r.at) - Date.parse(all[i - 1]!.at),
  );
  assert.deepEqual(gaps, [0, 0, 0], 'backoff of 5 and 10 ms rounds to the same second');
  const s2 = sim({ hooks: () => ({ status: 429, retryAfterSeconds: 30 }) });
  s2.apply(instance());
  s2.run({ maxSyncs: 2 });
  assert.equal(Date.parse(s2.records[1]!.at) - Date.parse(s2.records[0]!.at), 30_000);
  assert.equal(s2.metacontroller.events.length, 0, '429 is not a SyncError');
});

test('resyncAfterSeconds re-enqueues the parent after that much virtual time', () => {
  const s = sim();
  s.apply(instance({ resync: 42 }));
  s.run({ until: (x) => parentStatus(x)?.ready === true });
  const before = s.records.length;
  const t0 = s.clock.now();
  s.run({ maxSyncs: 1 });
  assert.equal(s.records.length, before + 1);
  assert.ok(s.clock.now() - t0 <= 42_000);
});

test('fault: a dropped status write still applies the children', () => {
  const s = sim({ faults: { dropStatusWrite: (ctx) => ctx.seq === 1 } });
  s.apply(instance());
  s.run({ maxSyncs: 1 });
  assert.ok(child(s, '', 'ConfigMap', 'zk-cfg'));
  assert.equal(parentStatus(s), undefined);
  assert.deepEqual(s.records[0]?.operations.at(-1), 'status write dropped');
});

test('fault: a stale parent carries an older status, and its status write lands on top', () => {
  const id = { group: 'maestro.dev', kind: 'Instance', namespace: 'data', name: 'zk' };
  const lagging = sim({ faults: { staleParent: (ctx) => (ctx.seq === 1 ? 1 : 0) } });
  lagging.apply(instance());
  lagging.cluster.updateStatus(id, { counter: 1 });
  lagging.cluster.updateStatus(id, { counter: 2 });
  lagging.run({ maxSyncs: 1 });
  const req = lagging.records[0]?.request as { parent: KObject };
  assert.equal(
    getPath(req.parent, 'status', 'counter'),
    1,
    'the request shows the write before the last',
  );
  assert.equal(
    parentStatus(lagging)?.seenStatusGeneration,
    1,
    'the answer computed from the stale view replaced the status holding counter 2',
  );
});

test('fault: a failed Job is terminal, and a delayed child is healthy only after the delay', () => {
  const s = sim({
    controllers: {
      faults: {
        failJob: () => true,
        healthDelay: (o) => (o.kind === 'StatefulSet' ? 50_000 : undefined),
      },
    },
  });
  s.apply(instance({ job: 'init:1' }));
  s.run({ maxTimeMs: 30_000 });
  const job = child(s, 'batch', 'Job', 'zk-init')!;
  assert.deepEqual([assessHealth(job).healthy, assessHealth(job).terminal], [false, 'failed']);
  assert.equal(assessHealth(child(s, 'apps', 'StatefulSet', 'zk')!).healthy, false);
  const rest = s.run();
  assert.ok(s.clock.now() >= Date.UTC(2026, 0, 1) + 60_000, `${rest.elapsedMs}`);
  assert.equal(assessHealth(child(s, 'apps', 'StatefulSet', 'zk')!).healthy, true);
});

test('fault: a child that never becomes healthy leaves the run idle, not spinning', () => {
  const s = sim({
    controllers: {
      faults: { healthDelay: (o) => (o.kind === 'StatefulSet' ? 'never' : undefined) },
    },
  });
  s.apply(instance());
  const run = s.run();
  assert.equal(run.stoppedBecause, 'idle');
  assert.equal(parentStatus(s)?.ready, false);
  assert.match(
    String((parentStatus(s)?.health as Record<string, string>)['StatefulSet/zk']),
    /0 of 3 pods ready/,
  );
});

test('scenario 7a: a policy/v1beta1 child under a policy/v1 declaration', () => {
  const id = { group: 'maestro.dev', kind: 'Instance', namespace: 'data', name: 'zk' };
  const switchToBeta = (s: Simulation) => {
    s.apply(instance({ pdbVersion: 'policy/v1' }));
    s.run();
    assert.ok(child(s, 'policy', 'PodDisruptionBudget', 'zk-pdb'));
    const parent = s.cluster.get(id)!;
    s.cluster.update({
      ...parent,
      spec: { ...(parent.spec as object), pdbVersion: 'policy/v1beta1' },
    });
    s.run({ maxSyncs: 3 });
  };
  // Real Metacontroller: the observed v1 object has no desired twin and is deleted;
  // the v1beta1 create then fails on a cluster that no longer serves it.
  const real = sim({
    undeclaredChildren: 'create',
    cluster: { unservedApiVersions: ['policy/v1beta1'] },
  });
  switchToBeta(real);
  assert.equal(child(real, 'policy', 'PodDisruptionBudget', 'zk-pdb'), undefined);
  assert.ok(real.records.some((r) => r.operations.includes('delete PodDisruptionBudget/zk-pdb')));
  assert.match(
    real.records.find((r) => r.error)?.error ?? '',
    /the server could not find the requested resource \(PodDisruptionBudget policy\/v1beta1\)/,
  );
  // The default simulator refuses the undeclared version before deleting anything.
  const strict = sim({ cluster: { unservedApiVersions: ['policy/v1beta1'] } });
  switchToBeta(strict);
  assert.ok(child(strict, 'policy', 'PodDisruptionBudget', 'zk-pdb'));
  assert.match(
    strict.records.at(-1)?.error ?? '',
    /PodDisruptionBudget policy\/v1beta1 zk-pdb is not a declared child type/,
  );
});

test('finalize: children stay until finalized, then the parent and its children go', () => {
  const s = sim({ controller: controller('v2', true) });
  s.apply(instance());
  s.run();
  const id = { group: 'maestro.dev', kind: 'Instance', namespace: 'data', name: 'zk' };
  assert.deepEqual(s.cluster.get(id)?.metadata.finalizers, [
    'metacontroller.io/compositecontroller-maestro-test',
  ]);
  s.cluster.delete(id);
  s.run({ maxSyncs: 3 });
  assert.ok(s.records.at(-1)?.hook === 'finalize');
  assert.ok(child(s, '', 'ConfigMap', 'zk-cfg'), 'kept while not finalized');
  assert.ok(s.cluster.get(id)?.metadata.deletionTimestamp);
  const parent = s.cluster.get(id)!;
  s.cluster.update({ ...parent, spec: { ...(parent.spec as object), finalizeAt: 'now' } });
  s.run();
  assert.equal(s.cluster.get(id), undefined, 'finalizer removed, parent gone');
  assert.equal(child(s, '', 'ConfigMap', 'zk-cfg'), undefined, 'garbage collected');
});

test('hook requests are keyed the way the hook version says', () => {
  for (const version of ['v1', 'v2'] as const) {
    const s = sim({ controller: controller(version) });
    s.apply(instance());
    s.run();
    const req = s.records.at(-1)?.request as { children: Record<string, Record<string, unknown>> };
    assert.deepEqual(Object.keys(req.children['ConfigMap.v1'] ?? {}), [
      version === 'v1' ? 'zk-cfg' : 'data/zk-cfg',
    ]);
    assert.deepEqual(Object.keys(req.children).sort(), [
      'ConfigMap.v1',
      'Job.batch/v1',
      'PodDisruptionBudget.policy/v1',
      'StatefulSet.apps/v1',
    ]);
  }
});

test('runs are deterministic: the same inputs give the same records', () => {
  const one = () => {
    const s = sim();
    s.apply(instance({ job: 'init:1' }));
    s.run();
    return JSON.stringify({ records: s.records, objects: s.cluster.all() });
  };
  assert.equal(one(), one());
});

test('in-process hooks: handler errors become 500 answers that change nothing', () => {
  let fail = false;
  const hooks = inProcessHooks({
    sync: (req) => {
      if (fail) throw new Error('OperatorVersion zookeeper-0.3.1 not found');
      return fakeDesired(req);
    },
  });
  const s = sim({ hooks });
  s.apply(instance());
  s.run();
  const before = s.cluster.all();
  fail = true;
  s.metacontroller.enqueue('data/zk', 0);
  s.run({ maxSyncs: 3 });
  assert.deepEqual(s.cluster.all(), before);
  assert.deepEqual(s.records.at(-1)?.answer, {
    status: 500,
    body: { code: 'MAESTRO_INTERNAL', message: 'OperatorVersion zookeeper-0.3.1 not found' },
  });
  // A handler that forgets the status is refused by the encoder, not sent as a wipe.
  const careless = sim({ hooks: inProcessHooks({ sync: () => ({ children: [] }) as never }) });
  careless.apply(instance());
  careless.run({ maxSyncs: 1 });
  assert.equal(careless.records[0]?.answer?.status, 500);
  assert.match(JSON.stringify(careless.records[0]?.answer?.body), /MAESTRO_HOOK_BAD_RESPONSE/);
});

test('a StatefulSet with volumeClaimTemplates gets unowned PVCs that bind', () => {
  const s = sim({
    hooks: inProcessHooks({
      sync: () => ({
        status: {},
        children: [
          {
            apiVersion: 'apps/v1',
            kind: 'StatefulSet',
            metadata: { name: 'zk' },
            spec: {
              replicas: 2,
              serviceName: 'zk-hs',
              selector: { matchLabels: { app: 'zk' } },
              template: { metadata: { labels: { app: 'zk' } }, spec: { containers: [] } },
              volumeClaimTemplates: [
                {
                  metadata: { name: 'data', labels: { 'kudo.dev/instance': 'zk' } },
                  spec: { accessModes: ['ReadWriteOnce'] },
                },
              ],
            },
          },
        ],
      }),
    }),
  });
  s.apply(instance());
  s.run();
  const pvcs = s.cluster.list('', 'PersistentVolumeClaim', 'data');
  assert.deepEqual(
    pvcs.map((p) => p.metadata.name),
    ['data-zk-0', 'data-zk-1'],
  );
  assert.ok(pvcs.every((p) => p.metadata.ownerReferences === undefined));
  assert.ok(pvcs.every((p) => assessHealth(p).healthy));
  assert.equal(pvcs[0]?.metadata.labels?.['kudo.dev/instance'], 'zk');
});

test('fault: stale children are re-sent as creates that AlreadyExists swallows', () => {
  const s = sim({ faults: { staleChildren: (ctx) => ctx.seq === 2 } });
  s.apply(instance());
  s.run({ maxSyncs: 2 });
  const second = s.records[1]!;
  assert.ok(second.operations.includes('stale children delivered'));
  const req = second.request as { children: Record<string, Record<string, unknown>> };
  assert.deepEqual(
    req.children['ConfigMap.v2'] ?? req.children['ConfigMap.v1'],
    {},
    'the ConfigMap created by sync 1 is not seen',
  );
  assert.equal(second.error, undefined, 'AlreadyExists is swallowed');
  assert.equal(s.childrenOf('data/zk').filter((o) => o.kind === 'ConfigMap').length, 1);
  s.run();
  assert.deepEqual(
    s.childrenOf('data/zk').map((o) => `${o.kind}/${o.metadata.name}`),
    ['ConfigMap/zk-cfg', 'StatefulSet/zk'],
  );
});

test('customize: related objects appear in the request, keyed by the hook version', () => {
  const c = controller('v2');
  c.spec.hooks = {
    ...c.spec.hooks,
    customize: { version: 'v2', webhook: { url: 'http://maestro/customize' } },
  };
  let customizeCalls = 0;
  const seen: string[][] = [];
  const hooks = inProcessHooks({
    customize: (req) => {
      customizeCalls++;
      const spec = req.parent.spec as Record<string, unknown>;
      return [
        {
          apiVersion: 'maestro.dev/v1',
          resource: 'operatorversions',
          namespace: 'data',
          names: [String(spec.ov)],
        },
      ];
    },
    sync: (req) => {
      seen.push(req.related.map((r) => `${r.identity.kind}/${r.identity.name}`));
      return fakeDesired(req);
    },
  });
  const s = sim({ controller: c, hooks });
  for (const name of ['zk-0.3.1', 'zk-0.3.2']) {
    s.apply({
      apiVersion: 'maestro.dev/v1',
      kind: 'OperatorVersion',
      metadata: { name, namespace: 'data' },
      spec: {},
    });
  }
  s.apply(instance({ ov: 'zk-0.3.1' }));
  s.run();
  assert.deepEqual(seen.at(-1), ['OperatorVersion/zk-0.3.1']);
  const req = s.records.at(-1)?.request as { related: Record<string, Record<string, unknown>> };
  assert.deepEqual(Object.keys(req.related['OperatorVersion.maestro.dev/v1'] ?? {}), [
    'data/zk-0.3.1',
  ]);
  assert.equal(customizeCalls, 1, 'cached by parent uid and generation');
  const parent = s.parent('data/zk')!;
  s.cluster.update({ ...parent, spec: { ...(parent.spec as object), ov: 'zk-0.3.2' } });
  s.run();
  assert.equal(customizeCalls, 2, 'asked again for a new generation');
  assert.deepEqual(seen.at(-1), ['OperatorVersion/zk-0.3.2']);
});

test('property: under random status drops, stale views and replayed answers, runs stay bounded and converge after a resync', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 10 }),
      fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 10 }),
      fc.boolean(),
      fc.uniqueArray(fc.integer({ min: 2, max: 30 }), { maxLength: 5 }),
      (drops, stale, job, replays) => {
        let faulty = true;
        const s = sim({
          faults: {
            dropStatusWrite: (ctx) => faulty && drops.includes(ctx.seq),
            staleParent: (ctx) => (faulty && stale.includes(ctx.seq) ? 1 : 0),
            staleChildren: (ctx) => faulty && stale.includes(ctx.seq + 1),
            replayAnswer: (ctx) => (faulty && replays.includes(ctx.seq) ? 1 : 0),
          },
        });
        s.apply(instance(job ? { job: 'init:1' } : {}));
        const run = s.run({ maxSyncs: 200 });
        assert.equal(run.stoppedBecause, 'idle');
        // A dropped last status write is repaired only by the next resync
        // (resyncPeriodSeconds in a cluster): run one, fault-free.
        faulty = false;
        s.metacontroller.enqueue('data/zk', 0);
        assert.equal(s.run({ maxSyncs: 200 }).stoppedBecause, 'idle');
        const kids = s.childrenOf('data/zk');
        assert.deepEqual(
          kids.map((o) => o.kind),
          job ? ['ConfigMap', 'Job', 'StatefulSet'] : ['ConfigMap', 'StatefulSet'],
        );
        assert.ok(kids.every((o) => assessHealth(o).healthy));
        assert.equal(parentStatus(s)?.ready, true);
      },
    ),
    { numRuns: 40 },
  );
});

test('finalize without deletion: a parent whose labels stop matching is finalized, children kept', () => {
  const c = controller('v2', true);
  c.spec.parentResource.labelSelector = { matchLabels: { 'maestro.dev/operator': 'zookeeper' } };
  const finalizing: boolean[] = [];
  const hooks = inProcessHooks({
    sync: (req) => {
      finalizing.push(req.finalizing);
      if (!req.finalizing) return fakeDesired(req);
      // Echo every child with its last applied body, and finish.
      const echoed = req.children.map((o) => {
        const last = readLastApplied(o.object);
        assert.ok(last.ok);
        return last.body;
      });
      return { status: { unmanaged: true }, children: echoed, finalized: true };
    },
  });
  const s = sim({ controller: c, hooks });
  s.apply({
    ...instance(),
    metadata: { ...instance().metadata, labels: { 'maestro.dev/operator': 'zookeeper' } },
  });
  s.run();
  const parent = s.parent('data/zk')!;
  s.cluster.update({
    ...parent,
    metadata: { ...parent.metadata, labels: { 'maestro.dev/operator': 'other' } },
  });
  const before = s.records.length;
  s.run();
  assert.deepEqual(finalizing.slice(before), [true], 'one finalize call, then nothing');
  const after = s.parent('data/zk')!;
  assert.deepEqual(after.metadata.finalizers, []);
  assert.equal(after.metadata.deletionTimestamp, undefined);
  assert.deepEqual(
    s.childrenOf('data/zk').map((o) => o.kind),
    ['ConfigMap', 'StatefulSet'],
  );
  assert.deepEqual(
    s.records.at(-1)?.operations,
    [],
    'echoing the last applied bodies changes nothing',
  );
});

test('recordBodies: false keeps the summary of each call, not its bodies', () => {
  const s = sim({ recordBodies: false });
  s.apply(instance());
  s.run();
  const last = s.records.at(-1)!;
  assert.equal(last.request, undefined);
  assert.equal(last.response, undefined);
  assert.deepEqual(last.answer, { status: 200 });
  assert.equal(parentStatus(s)?.ready, true, 'the run itself is unchanged');
});

test('fault: a replayed old answer is applied as it was, then the next call repairs it', () => {
  const s = sim({ faults: { replayAnswer: (ctx) => (ctx.seq === 6 ? 4 : 0) } });
  s.apply(instance());
  s.run({ maxSyncs: 5 });
  const parent = s.parent('data/zk')!;
  s.cluster.update({ ...parent, spec: { ...(parent.spec as object), image: 'zookeeper:3.5.0' } });
  s.run({ maxSyncs: 1 });
  const replayed = s.records[5]!;
  assert.ok(replayed.operations.includes('answer replayed from 4 calls ago'));
  assert.deepEqual(child(s, '', 'ConfigMap', 'zk-cfg')?.data, { image: 'zookeeper:3.4.14' });
  s.metacontroller.enqueue('data/zk', 0);
  s.run();
  assert.deepEqual(child(s, '', 'ConfigMap', 'zk-cfg')?.data, { image: 'zookeeper:3.5.0' });
});
