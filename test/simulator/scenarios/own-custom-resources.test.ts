// Custom resources of a package's own CRDs (docs/packages.md, "Custom
// resources of the package's own CRDs"). Real Metacontroller makes an
// informer per declared child type before it starts a CompositeController;
// while one of them is not served it records `Cannot create new controller`
// on the CompositeController, never syncs, and retries with back-off. The
// emulated one does the same, and a custom kind of `crdKinds` is served only
// once its CRD is Established. cluster-operator (one package: CRDs plus a
// Widget and a Gadget) is therefore refused; widget-crds, which creates the
// CRDs and then widget-app (the Widget) as a KudoOperator child, deploys
// and deletes cleanly.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import { run as simulate } from '../../../src/cli/commands/simulate.ts';
import type { KObject } from '../../../src/engine/kobject.ts';
import { Discovery } from '../../../src/simulator/index.ts';
import { PlanSimulation } from '../../../src/simulator/plan-simulation.ts';
import { loadPackage } from '../../engine/plan/support.ts';
import { collectingIO } from '../../package/cli-io.ts';
import { simulateJson } from './helpers.ts';

const PACKAGES = new URL('../../fixtures/packages', import.meta.url).pathname;
const dir = (name: string) => `${PACKAGES}/${name}/0.1.0`;
const ownCrs = dir('cluster-operator');

const REFUSAL =
  /^Metacontroller cannot start the CompositeController maestro-cluster-operator: child resource gadgets\.example\.dev\/v1, child resource widgets\.example\.dev\/v1 are not served; .*creates their CRDs itself.*install those CRDs first.*docs\/packages\.md.*Cannot create new controller: can't find child resource "gadgets" in example\.dev\/v1\)$/;

test('simulate: a package rendering custom resources of its own CRDs is refused, with the reason, in JSON and text', async () => {
  const { code, doc } = await simulateJson([ownCrs]);
  assert.equal(code, 1);
  assert.equal(doc.problems.length, 1, JSON.stringify(doc.problems));
  assert.match(doc.problems[0]!, REFUSAL);
  assert.deepEqual(doc.plans, {}, 'no sync ever ran');
  assert.deepEqual(doc.children, []);

  const c = collectingIO();
  assert.equal(await simulate([ownCrs], c.io), 1);
  const problems = c
    .stderr()
    .split('\n')
    .filter((l) => l.startsWith('problem: '));
  assert.equal(problems.length, 1, c.stderr());
  assert.match(problems[0]!.slice('problem: '.length), REFUSAL);
  assert.match(c.stdout(), /^0 syncs, 0 objects/m);
});

test('simulate: the CRDs in a package of their own, the custom resources in a KudoOperator child: deploys to COMPLETE and deletes cleanly', async () => {
  const deploy = await simulateJson([
    dir('widget-crds'),
    '--packages',
    PACKAGES,
    '--namespace',
    'widgets',
  ]);
  assert.equal(deploy.code, 0, JSON.stringify(deploy.doc));
  assert.equal(deploy.doc.plans.deploy!.status, 'COMPLETE');
  assert.deepEqual(deploy.doc.problems, []);
  assert.deepEqual(
    deploy.doc.children.map((o) => `${o.kind} ${o.namespace}/${o.name}`),
    [
      'CustomResourceDefinition /gadgets.example.dev',
      'CustomResourceDefinition /widgets.example.dev',
      // Completed by widget-app's own (emulated) controller: --packages never fakes it.
      'Instance widgets/widget-crds-instance-widget-app',
    ],
  );
  assert.ok(
    deploy.doc.notes.every((n) => !/^sync \d+/.test(n)),
    `no sync failed: ${JSON.stringify(deploy.doc.notes)}`,
  );

  const gone = await simulateJson([
    dir('widget-crds'),
    '--packages',
    PACKAGES,
    '--namespace',
    'widgets',
    '--delete',
  ]);
  assert.equal(gone.code, 0, JSON.stringify(gone.doc));
  assert.equal(gone.doc.deleted, true);
  assert.deepEqual(gone.doc.children, []);
});

/** widget-app alone, with `example.dev/Widget` served only once its CRD is Established. */
function widgetApp() {
  const p = loadPackage(dir('widget-app'));
  const s = new PlanSimulation({
    controller: p.controller,
    operatorVersions: [p.ov],
    cluster: { crdKinds: ['example.dev/Widget'] },
    metacontroller: {
      discovery: new Discovery([
        { group: 'example.dev', resource: 'widgets', kind: 'Widget', namespaced: true },
      ]),
    },
  });
  return { p, s };
}

test('the emulated Metacontroller does not start while a child type is not served, then starts on a back-off retry once the CRD is Established', () => {
  const { p, s } = widgetApp();
  const mc = s.sim.metacontroller;
  s.create(structuredClone(p.instance));
  // Only back-off retries are pending (background): the run goes idle, nothing synced.
  assert.equal(s.sim.run({ maxTimeMs: 600_000 }).stoppedBecause, 'idle');
  assert.equal(mc.started, false);
  assert.equal(s.sim.records.length, 0);
  assert.deepEqual(mc.unservedTypes(), [
    { role: 'child', resource: 'widgets.example.dev/v1', kind: 'example.dev/Widget' },
  ]);
  assert.equal(
    mc.notStartedReason,
    `Cannot create new controller: can't find child resource "widgets" in example.dev/v1`,
  );
  assert.ok(mc.controllerEvents.every((e) => e.reason === 'CreateError'));
  // Creating a Widget by hand fails as the API server's 404 does.
  assert.throws(
    () =>
      s.sim.apply({
        apiVersion: 'example.dev/v1',
        kind: 'Widget',
        metadata: { name: 'w', namespace: 'ns' },
      }),
    /could not find the requested resource \(Widget example\.dev\/v1\)/,
  );

  // Installed beforehand, by hand: the CRD from widget-crds.
  const crd = parse(
    readFileSync(`${dir('widget-crds')}/templates/crd-widgets.yaml`, 'utf8'),
  ) as KObject;
  const createdAt = s.sim.clock.now();
  s.sim.apply(crd);
  s.runUntilSettled(100);
  assert.equal(mc.started, true);
  const started = mc.controllerEvents.at(-1)!;
  assert.equal(started.reason, 'Started');
  assert.ok(
    mc.controllerEvents.slice(0, -1).every((e) => e.reason === 'CreateError'),
    'it failed on every retry until then',
  );
  // The CRD is Established 1 s after its creation; the retry that starts the
  // controller is the first on the back-off schedule (5 ms doubling) after that.
  assert.ok(Date.parse(started.at) >= createdAt + 1_000, started.at);
  assert.ok(Date.parse(mc.controllerEvents.at(-2)!.at) < createdAt + 1_000);
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  assert.deepEqual(
    s.children().map((o) => `${o.kind} ${o.metadata.name}`),
    ['ConfigMap inst-settings', 'Widget inst-first'],
  );
});

test('a parent type that is not served keeps the controller from starting too (maestro.dev/v1 before its CRD)', () => {
  const p = loadPackage(dir('widget-app'));
  const s = new PlanSimulation({
    controller: p.controller,
    operatorVersions: [],
    cluster: { unservedApiVersions: ['maestro.dev/v1'] },
    metacontroller: {
      discovery: new Discovery([
        { group: 'example.dev', resource: 'widgets', kind: 'Widget', namespaced: true },
      ]),
    },
  });
  const mc = s.sim.metacontroller;
  assert.equal(mc.started, false);
  assert.equal(
    mc.notStartedReason,
    "Cannot create new controller: discovery: can't find resource instances in apiVersion maestro.dev/v1",
  );
  assert.deepEqual(
    mc.unservedTypes().map((t) => `${t.role} ${t.resource}`),
    ['parent instances.maestro.dev/v1'],
  );
});
