// A ClusterInstance on real Metacontroller v1.5.14 (hook v1, dynamic apply):
// what the older line does with a cluster-scoped parent whose children are
// cluster-scoped (CRDs, RBAC, a webhook configuration) and namespaced.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { Stack, until } from './support/stack.ts';
import { resourcePath } from './support/kube.ts';
import { REPO_FIXTURES, scenario } from './support/scenario.ts';

const PKG = `${REPO_FIXTURES}/packages/cluster-operator`;
const NS = 'widgets';

let stack: Stack;
before(async () => {
  stack = new Stack({ name: 'v1-cluster', mc: 'v1.5.14' });
  await stack.start();
});
after(async () => {
  if (process.env.E2E_KEEP !== '1') await stack?.stop();
});

scenario(
  () => stack,
  'a ClusterInstance deploys to COMPLETE on Metacontroller v1.5.14 (hook v1), and its deletion leaves no child',
  async (ctx) => {
    ctx.parents.push('/wc');
    await stack.namespace(NS);
    // Without the package's own Widget and Gadget (see v4-cluster-instance.test.ts).
    const { operator, ov } = stack.installPackage(
      `${PKG}/0.1.0`,
      NS,
      (o) => {
        delete o.spec.templates['widget.yaml'];
        delete o.spec.templates['gadget.yaml'];
        for (const t of o.spec.tasks)
          if (t.spec?.resources)
            t.spec.resources = t.spec.resources.filter(
              (r: string) => !/^(widget|gadget)\.yaml$/.test(r),
            );
      },
      {
        parents: 'clusterinstances',
        rewriteCc: (cc) => {
          cc.spec.childResources = cc.spec.childResources.filter(
            (c: any) => c.apiVersion !== 'example.dev/v1',
          );
        },
      },
    );
    await stack.createClusterInstance('wc', operator, ov, NS);
    await stack.planStatus('', 'wc', 'deploy', 'COMPLETE');
    const role = resourcePath(
      'rbac.authorization.k8s.io/v1',
      'clusterroles',
      undefined,
      'wc-controller',
    );
    const cm = resourcePath('v1', 'configmaps', NS, 'wc-settings');
    const crd = resourcePath(
      'apiextensions.k8s.io/v1',
      'customresourcedefinitions',
      undefined,
      'widgets.example.dev',
    );
    for (const p of [role, cm, crd]) {
      const o = await stack.kube.get(p);
      assert.equal(o?.metadata.ownerReferences?.[0]?.kind, 'ClusterInstance', p);
    }
    await stack.kube.must('DELETE', stack.instancePath('', 'wc'));
    await until(
      'the ClusterInstance and its children to be gone',
      async () => {
        for (const p of [stack.instancePath('', 'wc'), role, cm, crd])
          if ((await stack.kube.get(p)) !== undefined) return false;
        return true;
      },
      180_000,
      500,
    );
  },
);
