// End to end: a ClusterInstance (the cluster-scoped parent kind) on real
// Metacontroller v4.17.2 with dynamic apply. The package (test/fixtures/
// packages/cluster-operator) renders two CustomResourceDefinitions, a
// ClusterRole, a ClusterRoleBinding and a ValidatingWebhookConfiguration,
// plus a ServiceAccount, ConfigMap, Deployment and, in its cleanup plan, a
// Job in the ClusterInstance's namespace. Metacontroller runs with the admin
// kubeconfig (up.sh's), so it may create every one of those kinds.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { Stack, sleep, until } from './support/stack.ts';
import { resourcePath } from './support/kube.ts';
import { REPO_FIXTURES, scenario } from './support/scenario.ts';

const PKG = `${REPO_FIXTURES}/packages/cluster-operator`;
const NS = 'widgets';
const NAME = 'wc';
const PARENT = `/${NAME}`;

/**
 * The package also renders a Widget and a Gadget, custom resources of its own
 * CRDs. Metacontroller starts a CompositeController only when every declared
 * child type is served (it makes an informer per type first), so a controller
 * that declares example.dev/v1 widgets never starts before the CRD exists, and
 * the CRD is one of its own children: the last scenario records that. The
 * lifecycle scenarios leave those two objects (and their types) out.
 */
function withoutOwnCustomResources(ov: any): void {
  delete ov.spec.templates['widget.yaml'];
  delete ov.spec.templates['gadget.yaml'];
  for (const t of ov.spec.tasks) {
    if (t.spec?.resources)
      t.spec.resources = t.spec.resources.filter(
        (r: string) => r !== 'widget.yaml' && r !== 'gadget.yaml',
      );
  }
}
const declaredWithoutOwnCustomResources = (cc: any) => {
  cc.spec.childResources = cc.spec.childResources.filter(
    (c: any) => c.apiVersion !== 'example.dev/v1',
  );
};

/** Every child of the package, cluster-scoped and namespaced: [what, path]. */
const CHILDREN: [string, string][] = [
  [
    'CustomResourceDefinition widgets.example.dev',
    resourcePath(
      'apiextensions.k8s.io/v1',
      'customresourcedefinitions',
      undefined,
      'widgets.example.dev',
    ),
  ],
  [
    'CustomResourceDefinition gadgets.example.dev',
    resourcePath(
      'apiextensions.k8s.io/v1',
      'customresourcedefinitions',
      undefined,
      'gadgets.example.dev',
    ),
  ],
  [
    'ClusterRole wc-controller',
    resourcePath('rbac.authorization.k8s.io/v1', 'clusterroles', undefined, `${NAME}-controller`),
  ],
  [
    'ClusterRoleBinding wc-controller',
    resourcePath(
      'rbac.authorization.k8s.io/v1',
      'clusterrolebindings',
      undefined,
      `${NAME}-controller`,
    ),
  ],
  [
    'ValidatingWebhookConfiguration wc-widgets',
    resourcePath(
      'admissionregistration.k8s.io/v1',
      'validatingwebhookconfigurations',
      undefined,
      `${NAME}-widgets`,
    ),
  ],
  [
    'ServiceAccount widgets/wc-controller',
    resourcePath('v1', 'serviceaccounts', NS, `${NAME}-controller`),
  ],
  ['ConfigMap widgets/wc-settings', resourcePath('v1', 'configmaps', NS, `${NAME}-settings`)],
  [
    'Deployment widgets/wc-controller',
    resourcePath('apps/v1', 'deployments', NS, `${NAME}-controller`),
  ],
];
const CLEANUP_JOB = resourcePath('batch/v1', 'jobs', NS, `${NAME}-cleanup`);

let stack: Stack;
before(async () => {
  stack = new Stack({ name: 'v4-cluster', mc: 'v4.17.2', apply: 'dynamic-apply' });
  await stack.start();
});
after(async () => {
  if (process.env.E2E_KEEP !== '1') await stack?.stop();
});

let uid = '';

scenario(
  () => stack,
  "a controller declaring its own CRD's custom resources does not start until the CRD exists",
  async (ctx) => {
    ctx.parents.push('/own-crs');
    // The full package, Widget and Gadget included, under another operator name.
    // First, on a cluster where example.dev was never served (Metacontroller's
    // discovery cache would otherwise still hold it: see docs/e2e.md).
    await stack.namespace(NS);
    const { controllers } = stack.installPackage(
      `${PKG}/0.1.0`,
      NS,
      (ov) => {
        ov.metadata.name = 'own-crs-0.1.0';
        ov.spec.operator.name = 'own-crs';
      },
      {
        parents: 'clusterinstances',
        rewriteCc: (cc) => {
          cc.metadata.name = 'maestro-own-crs.cluster';
          cc.spec.parentResource.labelSelector.matchLabels['maestro.dev/operator'] = 'own-crs';
        },
      },
    );
    assert.deepEqual(controllers, ['maestro-own-crs.cluster']);
    await stack.createClusterInstance('own-crs', 'own-crs', 'own-crs-0.1.0', NS);
    const event = await until(
      'a CreateError event on the CompositeController',
      async () => {
        const events = await stack.kube.list(resourcePath('v1', 'events', 'default'));
        return events.find(
          (e: any) =>
            e.involvedObject?.name === 'maestro-own-crs.cluster' &&
            // (Right after start, a first one may name the parent type instead: Metacontroller's
            // discovery, refreshed every --discovery-interval, has not seen clusterinstances yet.)
            /Cannot create new controller: .*(widgets|gadgets)/.test(e.message ?? ''),
        );
      },
      60_000,
      500,
    );
    assert.match(
      event.message,
      /can't find child resource "(widgets|gadgets)" in example\.dev\/v1/,
    );
    await sleep(3000);
    assert.equal(stack.recorder.syncs('/own-crs'), 0, 'never synced');
    assert.equal(await stack.kube.get(CHILDREN[0]![1]), undefined, 'so the CRD is never created');
  },
);

scenario(
  () => stack,
  'a ClusterInstance deploys CRDs, ClusterRole, ClusterRoleBinding and a webhook configuration to COMPLETE',
  async (ctx) => {
    ctx.parents.push(PARENT);
    const { operator, ov, controllers } = stack.installPackage(
      `${PKG}/0.1.0`,
      NS,
      withoutOwnCustomResources,
      { parents: 'clusterinstances', rewriteCc: declaredWithoutOwnCustomResources },
    );
    assert.deepEqual(controllers, ['maestro-cluster-operator.cluster']);
    const created = await stack.createClusterInstance(NAME, operator, ov, NS);
    uid = created.metadata.uid;
    const inst = await stack.planStatus('', NAME, 'deploy', 'COMPLETE');
    assert.equal(inst.status.conditions.find((c: any) => c.type === 'Ready')?.status, 'True');
    for (const [what, path] of CHILDREN) {
      const o = await stack.kube.get(path);
      assert.ok(o, `${what} exists`);
      // Metacontroller's controller reference, on cluster-scoped and namespaced children alike.
      const ref = (o.metadata.ownerReferences ?? []).find((r: any) => r.controller === true);
      assert.deepEqual(
        ref && { kind: ref.kind, name: ref.name, uid: ref.uid, apiVersion: ref.apiVersion },
        { kind: 'ClusterInstance', name: NAME, uid, apiVersion: 'maestro.dev/v1' },
        `${what}: controlled by the ClusterInstance`,
      );
    }
    const crd = await stack.kube.get(CHILDREN[0]![1]);
    assert.ok(
      crd.status.conditions.some((c: any) => c.type === 'Established' && c.status === 'True'),
      'the CRD is established',
    );
    const role = await stack.kube.get(CHILDREN[2]![1]);
    assert.deepEqual(role.rules[0].resources, ['widgets', 'gadgets']);
    // Settled: resyncs change nothing.
    const before = await Promise.all(CHILDREN.map(([, p]) => stack.kube.get(p)));
    await sleep(3000);
    const again = await Promise.all(CHILDREN.map(([, p]) => stack.kube.get(p)));
    assert.deepEqual(
      again.map((o) => o.metadata.resourceVersion),
      before.map((o) => o.metadata.resourceVersion),
      'no child is updated once applied',
    );
  },
);

scenario(
  () => stack,
  'a ClusterInstance upgrade to a new OperatorVersion runs to COMPLETE',
  async (ctx) => {
    ctx.parents.push(PARENT);
    const { ov } = stack.installPackage(`${PKG}/0.2.0`, NS, withoutOwnCustomResources, {
      parents: 'clusterinstances',
      rewriteCc: declaredWithoutOwnCustomResources,
    });
    await stack.kube.mergePatch(stack.instancePath('', NAME), {
      spec: { operatorVersion: { name: ov, namespace: NS } },
    });
    const inst = await stack.planStatus('', NAME, 'upgrade', 'COMPLETE');
    assert.equal(inst.spec.operatorVersion.name, ov);
    const role = await stack.kube.get(CHILDREN[2]![1]);
    assert.deepEqual(role.rules[0].resources, ['widgets', 'widgets/status', 'gadgets']);
    const cm = await stack.kube.get(CHILDREN[6]![1]);
    assert.equal(cm.data.version, '0.2.0');
    const dep = await stack.kube.get(CHILDREN[7]![1]);
    assert.equal(dep.spec.template.spec.containers[0].image, 'example.com/widget-controller:1.1.0');
  },
);

scenario(
  () => stack,
  'the workaround: a package that renders only the custom resources deploys once another package installed their CRD',
  async (ctx) => {
    // docs/packages.md, "Custom resources of the package's own CRDs": the
    // ClusterInstance above installed widgets.example.dev first; widget-app
    // declares Widgets as a child type and renders one, but no CRD.
    const WA = 'wa';
    ctx.parents.push(`${NS}/${WA}`);
    const crd = await stack.kube.get(CHILDREN[0]![1]);
    assert.ok(
      crd?.status?.conditions?.some((c: any) => c.type === 'Established' && c.status === 'True'),
      'the CRD another package installed is established',
    );
    const { operator, ov, controllers } = stack.installPackage(
      `${REPO_FIXTURES}/packages/widget-app/0.1.0`,
      NS,
    );
    assert.deepEqual(controllers, ['maestro-widget-app']);
    await stack.createInstance(NS, WA, operator, ov);
    await stack.planStatus(NS, WA, 'deploy', 'COMPLETE');
    const widgetPath = resourcePath('example.dev/v1', 'widgets', NS, `${WA}-first`);
    const widget = await stack.kube.get(widgetPath);
    assert.equal(widget?.spec?.color, 'blue', 'the Widget is applied with its default colour');
    const ref = (widget.metadata.ownerReferences ?? []).find((r: any) => r.controller === true);
    assert.equal(ref?.kind, 'Instance', 'controlled by the widget-app Instance');
    assert.ok(stack.recorder.syncs(`${NS}/${WA}`) > 0, 'its controller synced');
    await stack.kube.must('DELETE', stack.instancePath(NS, WA));
    await until(
      'the Instance and its Widget gone',
      async () =>
        (await stack.instance(NS, WA)) === undefined &&
        (await stack.kube.get(widgetPath)) === undefined
          ? true
          : undefined,
      120_000,
      500,
    );
  },
);

scenario(
  () => stack,
  'deleting a ClusterInstance runs its cleanup plan, then no child is left, cluster-scoped included',
  async (ctx) => {
    ctx.parents.push(PARENT);
    await stack.kube.must('DELETE', stack.instancePath('', NAME));
    // The cleanup plan: the webhook configuration goes first, then its Job runs.
    const job = await until('the cleanup Job', () => stack.kube.get(CLEANUP_JOB), 120_000);
    assert.equal(
      job.metadata.ownerReferences.find((r: any) => r.controller).uid,
      uid,
      'the cleanup Job is a child too',
    );
    await until(
      'the ClusterInstance to be gone',
      async () => (await stack.kube.get(stack.instancePath('', NAME))) === undefined,
      180_000,
    );
    // The garbage collector deletes what the ClusterInstance owned.
    const left = await until(
      'every child to be gone',
      async () => {
        const still: string[] = [];
        for (const [what, path] of [...CHILDREN, ['Job widgets/wc-cleanup', CLEANUP_JOB]] as [
          string,
          string,
        ][])
          if ((await stack.kube.get(path)) !== undefined) still.push(what);
        return still.length === 0 ? still : undefined;
      },
      120_000,
      500,
    );
    assert.deepEqual(left, []);
    const finalized = stack.recorder.calls.filter(
      (c) => c.path.startsWith('/finalize') && c.parent === PARENT,
    );
    assert.ok(finalized.length > 0, 'Metacontroller called finalize');
  },
);
