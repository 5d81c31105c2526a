// The cluster-scoped parent kind, ClusterInstance, end to end in the
// simulator (docs/packages.md, "Cluster-scoped children"). A package written
// for these tests (fixtures/packages/cluster-operator) ships two CRDs (one
// Namespaced, one `scope: Cluster`), a ClusterRole and ClusterRoleBinding, a
// ValidatingWebhookConfiguration, a custom resource of each CRD, and
// namespaced objects (ServiceAccount, ConfigMap, Deployment); 0.2.0 upgrades
// it; its cleanup plan deletes the webhook and runs a Job. Each deploys to
// COMPLETE, upgrades, and on delete leaves no child behind, cluster-scoped
// ones included (the garbage collector follows owner references to the
// cluster-scoped parent). A namespaced Instance of it fails the step and
// deletes nothing. params-kinds (array and map parameters with empty, null
// and list defaults) runs under a ClusterInstance too.
//
// The Widget and Gadget are custom resources of the package's own CRDs:
// `maestro simulate`, like real Metacontroller, never starts such a
// controller (own-custom-resources.test.ts). The simulate runs here use the
// package without them, as the e2e test does; the PlanSimulation runs below
// keep them, on an emulated cluster that serves example.dev from the start
// (no `crdKinds`), to exercise the engine with cluster-scoped custom kinds.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { run as pkgCommand } from '../../../src/cli/commands/package.ts';
import { getPath, isRecord } from '../../../src/engine/kobject.ts';
import type { KObject } from '../../../src/engine/kobject.ts';
import type { v1 } from '../../../src/model/types.ts';
import { loadPackageFiles } from '../../../src/package/loader/index.ts';
import { asClusterInstance } from '../../../src/package/resources.ts';
import { loadPackage, NS, simulationWithClusterOperatorKinds } from '../../engine/plan/support.ts';
import { collectingIO } from '../../package/cli-io.ts';
import { simulateJson } from './helpers.ts';

const fixture = (name: string, v: string) =>
  new URL(`../../fixtures/packages/${name}/${v}`, import.meta.url).pathname;
const v1Dir = fixture('cluster-operator', '0.1.0');
const v2Dir = fixture('cluster-operator', '0.2.0');

/** A copy of a cluster-operator version without widget.yaml and gadget.yaml. */
const scratch = mkdtempSync(join(tmpdir(), 'maestro-cluster-operator-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
function withoutOwnCustomResources(dir: string, v: string): string {
  const out = join(scratch, v);
  cpSync(dir, out, { recursive: true });
  rmSync(join(out, 'templates', 'widget.yaml'));
  rmSync(join(out, 'templates', 'gadget.yaml'));
  const operator = join(out, 'operator.yaml');
  writeFileSync(
    operator,
    readFileSync(operator, 'utf8').replace(/^ +- (widget|gadget)\.yaml\n/gm, ''),
  );
  return out;
}
const v1Plain = withoutOwnCustomResources(v1Dir, '0.1.0');
const v2Plain = withoutOwnCustomResources(v2Dir, '0.2.0');

test('cluster-operator verifies as valid, and the cluster-scoped warning names every such template', async () => {
  for (const dir of [v1Dir, v2Dir]) {
    const c = collectingIO();
    assert.equal(await pkgCommand(['verify', dir, '-o', 'json'], c.io), 0, c.stderr());
    const out = JSON.parse(c.stdout()) as { valid: boolean; warnings: string[] };
    assert.equal(out.valid, true);
    const flagged = out.warnings
      .filter((w) => /install the package as a ClusterInstance/.test(w))
      .map((w) => /^templates\/([^:]+): /.exec(w)![1])
      .sort();
    assert.deepEqual(flagged, [
      'clusterrole.yaml',
      'clusterrolebinding.yaml',
      'crd-gadgets.yaml',
      'crd-widgets.yaml',
      // A Gadget is cluster-scoped: its CRD (in the package) says scope: Cluster.
      'gadget.yaml',
      'webhook.yaml',
    ]);
  }
});

test('simulate: a ClusterInstance deploys to COMPLETE; namespaced children in --namespace, cluster-scoped without one', async () => {
  const { code, doc } = await simulateJson([v1Plain, '--namespace', 'widgets']);
  assert.equal(code, 0, JSON.stringify(doc.problems));
  assert.equal(doc.plans.deploy!.status, 'COMPLETE');
  assert.deepEqual(
    doc.children.map((o) => `${o.kind} ${o.namespace}/${o.name}`),
    [
      'ClusterRole /cluster-operator-instance-controller',
      'ClusterRoleBinding /cluster-operator-instance-controller',
      'ConfigMap widgets/cluster-operator-instance-settings',
      'CustomResourceDefinition /gadgets.example.dev',
      'CustomResourceDefinition /widgets.example.dev',
      'Deployment widgets/cluster-operator-instance-controller',
      'ServiceAccount widgets/cluster-operator-instance-controller',
      'ValidatingWebhookConfiguration /cluster-operator-instance-widgets',
    ],
  );
});

test('simulate: deploy, upgrade to 0.2.0, delete: every plan COMPLETE and no child left', async () => {
  const { code, doc } = await simulateJson([v1Plain, '--upgrade-to', v2Plain, '--delete']);
  assert.equal(code, 0, JSON.stringify({ problems: doc.problems, notes: doc.notes }));
  assert.equal(doc.plans.deploy!.status, 'COMPLETE');
  assert.equal(doc.plans.upgrade!.status, 'COMPLETE');
  assert.equal(doc.plans.cleanup!.status, 'COMPLETE');
  assert.equal(doc.deleted, true);
  assert.deepEqual(doc.children, []);
});

/** The cluster-operator package as the tests load it, as a ClusterInstance in namespace `apps`. */
function clusterSimulation(files?: Map<string, string>, parent = 'ClusterInstance') {
  const p = loadPackage(files ?? v1Dir);
  if (parent === 'ClusterInstance') p.controller.spec.parentResource.resource = 'clusterinstances';
  return { p, s: simulationWithClusterOperatorKinds(p) };
}

test('ClusterInstance: the upgrade changes cluster-scoped and namespaced children, and delete runs cleanup, then the garbage collector removes everything', () => {
  const { p, s } = clusterSimulation();
  const v2 = loadPackage(v2Dir);
  const parent = asClusterInstance(
    structuredClone(p.instance) as unknown as v1.Instance,
    'apps',
    NS,
  ) as unknown as KObject;
  s.create(parent);
  s.runUntilSettled(300);
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  const get = (kind: string, name: string, namespace = ''): KObject | undefined =>
    s.sim.cluster
      .all()
      .find(
        (o) =>
          o.kind === kind && o.metadata.name === name && (o.metadata.namespace ?? '') === namespace,
      );
  const role = () => get('ClusterRole', 'inst-controller');
  const data = () => get('ConfigMap', 'inst-settings', 'apps')!.data as Record<string, string>;
  const rule = () => (role()!.rules as Record<string, unknown>[])[0]!;
  assert.deepEqual(rule().resources, ['widgets', 'gadgets']);
  assert.deepEqual(rule().verbs, ['get', 'list', 'watch']);
  // Owned by the ClusterInstance: a cluster-scoped owner for cluster-scoped children.
  const owner = (role()!.metadata.ownerReferences as { kind: string; controller: boolean }[])[0]!;
  assert.equal(owner.kind, 'ClusterInstance');
  assert.equal(owner.controller, true);
  assert.equal(data().version, '0.1.0');
  assert.equal(data().logLevel, 'info');
  assert.equal(data().watch, '');

  s.sim.apply(v2.ov);
  s.updateSpec((spec) => {
    spec.operatorVersion = { name: v2.ov.metadata.name, namespace: NS };
  });
  s.runUntilSettled(300);
  assert.equal(s.planStatus('upgrade'), 'COMPLETE');
  assert.deepEqual(rule().resources, ['widgets', 'widgets/status', 'gadgets']);
  assert.equal(data().version, '0.2.0');

  const uid = s.instance!.metadata.uid;
  s.delete();
  s.sim.run({ maxSyncs: 300 });
  assert.equal(s.instance, undefined, 'the finalizer was removed after cleanup');
  const cleanup = [...s.sim.records].reverse().find((r) => isRecord(r.response?.status))?.response
    ?.status as {
    planStatus: Record<string, { status: string }>;
  };
  assert.equal(cleanup.planStatus.cleanup!.status, 'COMPLETE');
  const left = s.sim.cluster
    .all()
    .filter((o) => o.kind !== 'OperatorVersion')
    .map((o) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`);
  assert.deepEqual(left, [], 'nothing is left but the OperatorVersions');
  assert.ok(uid);
});

test('a namespaced Instance of the package fails the step with "install the package as a ClusterInstance" and deletes nothing', () => {
  // A variant whose first step applies only namespaced objects.
  const files = loadPackageFiles(v1Dir);
  const operator = files.get('operator.yaml')!;
  files.set(
    'operator.yaml',
    operator
      .replace(
        'tasks:\n',
        'tasks:\n  - name: basics\n    kind: Apply\n    spec:\n      resources:\n        - serviceaccount.yaml\n        - configmap.yaml\n',
      )
      .replace(
        '      - name: cluster\n        strategy: serial\n        steps:\n',
        '      - name: cluster\n        strategy: serial\n        steps:\n          - name: basics\n            tasks:\n              - basics\n',
      ),
  );
  const { p, s } = clusterSimulation(files, 'Instance');
  s.create(structuredClone(p.instance));
  s.runUntilSettled(100);
  assert.equal(s.planStatus('deploy'), 'FATAL_ERROR');
  const message = String(getPath(s.status, 'planStatus', 'deploy', 'message'));
  assert.match(
    message,
    /crd-widgets\.yaml: CustomResourceDefinition\/widgets\.example\.dev is cluster-scoped; a namespaced Instance cannot own it.*install the package as a ClusterInstance.*\[MAESTRO_CLUSTER_SCOPED_CHILD\]$/,
  );
  const children = () =>
    s.children().map((o) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`);
  const before = children();
  assert.deepEqual(before, [
    `ConfigMap ${NS}/inst-settings`,
    `ServiceAccount ${NS}/inst-controller`,
  ]);
  // More syncs (the resync period) delete nothing.
  s.sim.run({ maxSyncs: 5, maxTimeMs: 900_000 });
  assert.deepEqual(children(), before);
  assert.equal(s.planStatus('deploy'), 'FATAL_ERROR');
});

test('params-kinds (array and map parameters: empty, null and list defaults) under a ClusterInstance: deploys, upgrades, leaves nothing on delete', async () => {
  const dir = (v: string) => fixture('params-kinds', v);
  const run = await simulateJson([
    dir('0.1.0'),
    '--parent',
    'ClusterInstance',
    '--namespace',
    'params',
    '--upgrade-to',
    dir('0.2.0'),
    '--delete',
  ]);
  assert.equal(run.code, 0, JSON.stringify({ problems: run.doc.problems, notes: run.doc.notes }));
  assert.equal(run.doc.plans.deploy!.status, 'COMPLETE');
  assert.equal(run.doc.plans.cleanup!.status, 'COMPLETE');
  assert.equal(run.doc.deleted, true);
  assert.deepEqual(run.doc.children, []);
  const deploy = await simulateJson([
    dir('0.1.0'),
    '--parent',
    'ClusterInstance',
    '--namespace',
    'params',
  ]);
  assert.equal(deploy.code, 0);
  assert.deepEqual(deploy.doc.children.map((o) => `${o.kind} ${o.namespace}`).sort(), [
    'ConfigMap params',
    'Deployment params',
  ]);
});
