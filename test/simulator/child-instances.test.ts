import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inProcessHooks, Simulation } from '../../src/simulator/index.ts';
import type {
  CompositeController,
  NormalizedHookRequest,
} from '../../src/webhooks/metacontroller/wire/index.ts';
import { assessHealth } from '../../src/engine/health/index.ts';
import type { KObject } from '../../src/engine/kobject.ts';

const cc = (
  name: string,
  operator: string,
  children: { apiVersion: string; resource: string }[],
): CompositeController => ({
  apiVersion: 'metacontroller.k8s.io/v1alpha1',
  kind: 'CompositeController',
  metadata: { name },
  spec: {
    parentResource: {
      apiVersion: 'maestro.dev/v1',
      resource: 'instances',
      labelSelector: { matchLabels: { 'maestro.dev/operator': operator } },
    },
    childResources: children.map((c) => ({ ...c, updateStrategy: { method: 'InPlace' as const } })),
    generateSelector: true,
    hooks: { sync: { version: 'v2', webhook: { url: 'http://maestro/sync' } } },
  },
});

/** A fake engine: deploy is COMPLETE once every child is healthy. */
const fakeEngine = (children: (req: NormalizedHookRequest) => KObject[]) =>
  inProcessHooks({
    sync: (req) => {
      const want = children(req);
      const healthy = want.every((w) => {
        const seen = req.children.find(
          (c) => c.identity.kind === w.kind && c.identity.name === w.metadata.name,
        );
        return seen !== undefined && assessHealth(seen.object).healthy;
      });
      return {
        status: {
          planStatus: {
            deploy: {
              name: 'deploy',
              status: healthy ? 'COMPLETE' : 'IN_PROGRESS',
              lastUpdatedTimestamp: '2026-01-01T00:00:00Z',
            },
          },
        },
        children: want,
      };
    },
  });

test('a KudoOperator-style child Instance is driven by its own CompositeController', () => {
  const sim = new Simulation({
    controller: cc('maestro-kafka', 'kafka', [
      { apiVersion: 'maestro.dev/v1', resource: 'instances' },
    ]),
    hooks: fakeEngine(() => [
      {
        apiVersion: 'maestro.dev/v1',
        kind: 'Instance',
        metadata: { name: 'kafka-zk', labels: { 'maestro.dev/operator': 'zookeeper' } },
        spec: {},
      },
    ]),
    controllers: { simulateChildInstances: false },
    more: [
      {
        controller: cc('maestro-zookeeper', 'zookeeper', [
          { apiVersion: 'apps/v1', resource: 'statefulsets' },
        ]),
        hooks: fakeEngine(() => [
          {
            apiVersion: 'apps/v1',
            kind: 'StatefulSet',
            metadata: { name: 'zk' },
            spec: { replicas: 3, serviceName: 'zk', selector: {}, template: {} },
          },
        ]),
      },
    ],
  });
  sim.apply({
    apiVersion: 'maestro.dev/v1',
    kind: 'Instance',
    metadata: { name: 'kafka', namespace: 'data', labels: { 'maestro.dev/operator': 'kafka' } },
    spec: {},
  });
  const run = sim.run();
  assert.equal(run.stoppedBecause, 'idle');
  const child = sim.parent('data/kafka-zk')!;
  assert.equal(assessHealth(child).healthy, true, assessHealth(child).reason);
  assert.equal(
    (sim.parent('data/kafka')?.status as { planStatus: { deploy: { status: string } } }).planStatus
      .deploy.status,
    'COMPLETE',
  );
  assert.ok(run.elapsedMs >= 10_000, 'waited for the grandchild StatefulSet');
  assert.ok(
    sim.metacontrollers[1]!.records.length > 0,
    'the zookeeper controller synced the child',
  );
  assert.deepEqual(
    sim.childrenOf('data/kafka-zk').map((o) => o.kind),
    ['StatefulSet'],
  );
});

test('without its own controller, a child Instance completes after the emulated delay', () => {
  const sim = new Simulation({
    controller: cc('maestro-kafka', 'kafka', [
      { apiVersion: 'maestro.dev/v1', resource: 'instances' },
    ]),
    hooks: fakeEngine(() => [
      { apiVersion: 'maestro.dev/v1', kind: 'Instance', metadata: { name: 'kafka-zk' }, spec: {} },
    ]),
    controllers: { delays: { Instance: 7_000 } },
  });
  sim.apply({
    apiVersion: 'maestro.dev/v1',
    kind: 'Instance',
    metadata: { name: 'kafka', namespace: 'data', labels: { 'maestro.dev/operator': 'kafka' } },
    spec: {},
  });
  const run = sim.run();
  assert.equal(run.elapsedMs, 7_000);
  assert.equal(assessHealth(sim.parent('data/kafka-zk')!).healthy, true);
});
