// End to end on real Metacontroller v4.17.2 with --apply-strategy=server-side-apply.
// Maestro recovers each child's applied body from its managedFields entry.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { Stack, sleep } from './support/stack.ts';
import { scenario } from './support/scenario.ts';
import { resourcePath } from './support/kube.ts';
import { recoverEmittedBody } from '../../src/engine/last-applied.ts';

const kindOf: Record<string, string> = {
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
  'zookeeper deploys to COMPLETE under server-side apply; applied bodies read back from managedFields',
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
    // Children without server defaults (ConfigMaps, the PDB): the body read
    // back from managedFields hashes to the provenance, the controller
    // reference Metacontroller applies with them set aside.
    for (const [v, plural] of [
      ['v1', 'configmaps'],
      ['policy/v1beta1', 'poddisruptionbudgets'],
    ] as const)
      for (const o of await stack.kube.list(resourcePath(v, plural, NS))) {
        if (o.metadata.name === 'kube-root-ca.crt') continue;
        const r = recoverEmittedBody({ ...o, apiVersion: v, kind: kindOf[plural] });
        assert.ok(r.ok, `${plural}/${o.metadata.name}: ${r.ok ? '' : r.reason}`);
      }
    // kube-apiserver 1.20 records the fields it defaulted as the applier's
    // (docs/e2e.md, difference 9): the StatefulSet's body read back is not
    // Maestro's, and the engine echoes the observed object.
    const fields = (o: any) =>
      o.metadata.managedFields.find(
        (e: any) => e.manager === 'metacontroller' && e.operation === 'Apply',
      ).fieldsV1;
    assert.deepEqual(fields(set)['f:spec']['f:revisionHistoryLimit'], {});
    assert.equal(
      recoverEmittedBody({ ...set, apiVersion: 'apps/v1', kind: 'StatefulSet' }).ok,
      false,
    );
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
