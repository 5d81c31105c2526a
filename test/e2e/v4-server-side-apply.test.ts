// End to end on real Metacontroller v4.17.2 with --apply-strategy=server-side-apply.
// Maestro recovers each child's applied body from its managedFields entry.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { Stack, sleep } from './support/stack.ts';
import { scenario } from './support/scenario.ts';
import { resourcePath } from './support/kube.ts';
import { recoverEmittedBody } from '../../src/engine/last-applied.ts';

const kindOf: Record<string, string> = {
  statefulsets: 'StatefulSet',
  services: 'Service',
  configmaps: 'ConfigMap',
  poddisruptionbudgets: 'PodDisruptionBudget',
};
import { assertNoJobRanTwice, deployZookeeper, stsOf } from './support/zookeeper.ts';

let stack: Stack;
before(async () => {
  stack = new Stack({ name: 'v4-ssa', mc: 'v4.17.2', apply: 'server-side-apply' });
  await stack.start();
});
after(async () => {
  if (process.env.E2E_KEEP !== '1') await stack?.stop();
});

const NS = 'zk';

scenario(
  () => stack,
  'zookeeper deploys to COMPLETE under server-side apply; bodies recovered from managedFields',
  async (ctx) => {
    const set = await deployZookeeper(stack, NS, 'zk', ctx);
    const entry = set.metadata.managedFields.find(
      (e: any) => e.manager === 'metacontroller' && e.operation === 'Apply',
    );
    assert.ok(entry, 'an Apply entry of manager metacontroller');
    assert.equal(
      set.metadata.annotations['metacontroller.k8s.io/last-applied-configuration'],
      undefined,
    );
    // Every child's applied body, read back from its managedFields entry,
    // hashes to its provenance: no echo falls back to the observed object.
    for (const [v, plural] of [
      ['apps/v1', 'statefulsets'],
      ['v1', 'services'],
      ['v1', 'configmaps'],
      ['policy/v1beta1', 'poddisruptionbudgets'],
    ] as const)
      for (const o of await stack.kube.list(resourcePath(v, plural, NS))) {
        if (o.metadata.name === 'kube-root-ca.crt') continue;
        const r = recoverEmittedBody({ ...o, apiVersion: v, kind: kindOf[plural] });
        assert.ok(r.ok, `${plural}/${o.metadata.name}: ${r.ok ? '' : r.reason}`);
      }
    await sleep(3000);
    const again = await stsOf(stack, NS, 'zk');
    assert.equal(again.metadata.generation, set.metadata.generation);
    assertNoJobRanTwice(stack, NS);
  },
);

scenario(
  () => stack,
  'a parameter update under server-side apply runs its plan',
  async (ctx) => {
    ctx.parents.push(`${NS}/zk`);
    const uid = (await stack.instance(NS, 'zk')).status.planStatus.deploy.uid;
    const gen = (await stsOf(stack, NS, 'zk')).metadata.generation;
    await stack.kube.mergePatch(stack.instancePath(NS, 'zk'), {
      spec: { parameters: { MEMORY: '1.5Gi' } },
    });
    await stack.planStatus(NS, 'zk', 'deploy', 'COMPLETE', 120_000, uid);
    const set = await stsOf(stack, NS, 'zk');
    assert.equal(set.spec.template.spec.containers[0].resources.requests.memory, '1536Mi');
    assert.equal(set.metadata.generation, gen + 1);
    assertNoJobRanTwice(stack, NS);
  },
);
