// End to end on real Metacontroller v1.5.14: hook v1 (no `version` in the
// CompositeController) and its only apply, dynamic apply with the
// last-applied annotation.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { Stack, sleep } from './support/stack.ts';
import { scenario } from './support/scenario.ts';
import { assertNoJobRanTwice, deployZookeeper, stsOf } from './support/zookeeper.ts';

let stack: Stack;
before(async () => {
  stack = new Stack({ name: 'v1', mc: 'v1.5.14' });
  await stack.start();
});
after(async () => {
  if (process.env.E2E_KEEP !== '1') await stack?.stop();
});

scenario(
  () => stack,
  'zookeeper deploys to COMPLETE on Metacontroller v1.5.14 (hook v1)',
  async (ctx) => {
    const set = await deployZookeeper(stack, 'zk', 'zk', ctx);
    assert.ok(set.metadata.annotations['metacontroller.k8s.io/last-applied-configuration']);
    await sleep(3000);
    const again = await stsOf(stack, 'zk', 'zk');
    assert.equal(again.metadata.generation, set.metadata.generation);
    assert.equal(again.metadata.resourceVersion, set.metadata.resourceVersion);
    assertNoJobRanTwice(stack, 'zk');
  },
);
