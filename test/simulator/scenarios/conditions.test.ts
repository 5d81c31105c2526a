// Each condition the engine reports when it cannot (or must not) go on, from
// a whole simulated run: the condition is True, its message names what is
// wrong, and nothing is deleted because of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { identityOf } from '../../../src/engine/identity.ts';
import { loadPackage, simulate } from '../../engine/plan/support.ts';
import { demoFiles } from '../../engine/plan/demo-package.ts';
import type { DemoOptions } from '../../engine/plan/demo-package.ts';
import { condition, names, resync, triggerPlan } from './helpers.ts';

const demo = (o: DemoOptions = {}) => loadPackage(demoFiles(o));

test('InvalidParameters: an undeclared parameter starts no plan and creates nothing', () => {
  const s = simulate(demo(), {}, { NO_SUCH_PARAMETER: 'x' });
  s.sim.run({ maxSyncs: 10 });
  const c = condition(s, 'InvalidParameters');
  assert.equal(c?.status, 'True');
  assert.match(String(c?.message), /parameter NO_SUCH_PARAMETER is not declared/);
  assert.deepEqual(names(s), []);
});

test('InvalidParameters: a bad value on a running instance keeps every child', () => {
  const s = simulate(demo());
  s.runUntilSettled();
  const before = names(s);
  s.updateSpec((spec) => {
    spec.parameters = { REPLICAS: 'three' };
  });
  resync(s);
  const c = condition(s, 'InvalidParameters');
  assert.equal(c?.status, 'True');
  assert.match(String(c?.message), /parameter REPLICAS: the value is not a valid integer/);
  assert.deepEqual(names(s), before);
});

test('InvalidPlanExecution: spec.planExecution naming an undefined plan', () => {
  const s = simulate(demo());
  s.runUntilSettled();
  const before = names(s);
  triggerPlan(s, 'no-such-plan', 'u-1');
  resync(s);
  const c = condition(s, 'InvalidPlanExecution');
  assert.equal(c?.status, 'True');
  assert.equal(c?.reason, 'PlanNotFound');
  assert.match(String(c?.message), /names plan no-such-plan, which demo-0\.1\.0 does not define/);
  assert.deepEqual(names(s), before);
});

test('InvalidOperatorVersion: an OperatorVersion with no deploy plan', () => {
  const p = demo();
  delete (p.ov.spec as { plans: Record<string, unknown> }).plans.deploy;
  const s = simulate(p);
  s.sim.run({ maxSyncs: 10 });
  const c = condition(s, 'InvalidOperatorVersion');
  assert.equal(c?.status, 'True');
  assert.equal(c?.reason, 'NoDeployPlan');
  assert.match(String(c?.message), /demo-0\.1\.0 has no deploy plan/);
  assert.deepEqual(names(s), []);
});

test('InvalidOperatorVersion: a parameter whose trigger plan is not defined', () => {
  const p = demo();
  const s = simulate(p);
  s.runUntilSettled();
  const before = names(s);
  // The OperatorVersion is edited in place (KUDO never does; a user can).
  const ov = structuredClone(s.sim.cluster.get(identityOf(p.ov))!);
  const spec = ov.spec as { parameters: { name: string; trigger?: string }[] };
  spec.parameters.find((x) => x.name === 'EXTRA_VALUE')!.trigger = 'vanished';
  s.sim.cluster.update(ov);
  s.updateSpec((sp) => {
    sp.parameters = { EXTRA_VALUE: 'changed' };
  });
  resync(s);
  const c = condition(s, 'InvalidOperatorVersion');
  assert.equal(c?.status, 'True');
  assert.equal(c?.reason, 'TriggerPlanNotFound');
  assert.match(String(c?.message), /trigger plans vanished/);
  assert.deepEqual(names(s), before);
});

test('CleanupFailed: a cleanup plan that fails keeps the Instance and says how to go on', () => {
  const p = demo({
    withCleanup: true,
    templates: { 'cleanup-job.yaml': '{{ .Params.NOT_DECLARED }}\n' },
  });
  const s = simulate(p);
  s.runUntilSettled();
  const before = names(s);
  s.delete();
  s.sim.run({ maxSyncs: 20 });
  assert.notEqual(s.instance, undefined, 'the finalizer holds the Instance');
  const c = condition(s, 'CleanupFailed');
  assert.equal(c?.status, 'True');
  assert.match(String(c?.message), /cleanup failed: .*cleanup-job\.yaml/);
  assert.match(String(c?.message), /maestro\.dev\/skip-cleanup/);
  assert.deepEqual(names(s), before);
});

test('ControllerMisconfigured: a CompositeController that never updates ConfigMaps', () => {
  const p = demo();
  const rules = p.controller.spec.childResources!;
  rules.find((r) => r.resource === 'configmaps')!.updateStrategy = { method: 'OnDelete' };
  const s = simulate(p);
  s.runUntilSettled();
  const c = condition(s, 'ControllerMisconfigured');
  assert.equal(c?.status, 'True');
  assert.equal(c?.reason, 'CompositeController');
  assert.match(
    String(c?.message),
    /spec\.childResources\[2\]\.updateStrategy\.method: ConfigMap v1 children are never updated \(OnDelete\); use InPlace/,
  );
});
