// Plan controls (v1 spec.planControl): pause, resume, abort, retry,
// force-complete a step, and continue a canary phase. KUDO had none (kudo#1764).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getPath } from '../../../src/engine/kobject.ts';
import { loadPackage, simulate } from '../../engine/plan/support.ts';
import { demoFiles } from '../../engine/plan/demo-package.ts';
import { condition, creations, names } from './helpers.ts';

const demo = (o = {}) => loadPackage(demoFiles(o));
const control = (s: ReturnType<typeof simulate>, c: Record<string, unknown>) =>
  s.updateSpec((spec) => {
    spec.planControl = { ...(spec.planControl as object), ...c };
  });
const stepStatus = (s: ReturnType<typeof simulate>, plan: string, phase: number, step: number) =>
  getPath(s.status, 'planStatus', plan, 'phases', phase, 'steps', step, 'status');

test('pause: no new step starts; resume: the plan goes on', () => {
  const s = simulate(demo());
  s.sim.run({ maxSyncs: 1 });
  control(s, { paused: true });
  s.sim.run({ maxSyncs: 30 });
  assert.equal(s.planStatus('deploy'), 'IN_PROGRESS');
  assert.equal(stepStatus(s, 'deploy', 0, 0), 'COMPLETE');
  assert.equal(stepStatus(s, 'deploy', 0, 1), 'PENDING');
  assert.ok(!names(s).includes('Deployment/inst-app'));
  assert.equal(condition(s, 'Paused')?.status, 'True');
  control(s, { paused: false });
  s.runUntilSettled();
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
});

test('abort: a stuck plan ends FATAL_ERROR "aborted", is not re-selected, and rolls nothing back', () => {
  const s = simulate(demo());
  s.runUntilSettled();
  s.updateSpec((spec) => {
    spec.parameters = { STUCK_VALUE: 'y' };
  });
  s.sim.run({ maxSyncs: 5 });
  assert.equal(s.planStatus('stuck'), 'IN_PROGRESS');
  const before = names(s);
  control(s, { abort: { uid: 'a-1' } });
  s.sim.run({ maxSyncs: 10 });
  assert.equal(s.planStatus('stuck'), 'FATAL_ERROR');
  assert.match(String(getPath(s.status, 'planStatus', 'stuck', 'message')), /aborted/);
  const seq = getPath(s.status, 'maestro', 'sequence');
  s.sim.run({ maxSyncs: 10, maxTimeMs: 600_000 });
  assert.equal(getPath(s.status, 'maestro', 'sequence'), seq);
  assert.deepEqual(names(s), before);
});

test('retry: a failed plan runs again from its failed step, replacing the failed Job', () => {
  let failing = true;
  const s = simulate(demo(), { controllers: { faults: { failJob: () => failing } } });
  s.runUntilSettled();
  assert.equal(s.planStatus('deploy'), 'FATAL_ERROR');
  assert.equal(stepStatus(s, 'deploy', 0, 1), 'COMPLETE');
  failing = false;
  control(s, { retry: { uid: 'r-1' } });
  s.runUntilSettled();
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  assert.equal(creations(s, 'Job/inst-init'), 2);
  assert.equal(creations(s, 'Deployment/inst-app'), 1);
});

test('forceComplete: a step that never finishes is marked COMPLETE and the plan ends', () => {
  const s = simulate(demo());
  s.runUntilSettled();
  s.updateSpec((spec) => {
    spec.parameters = { STUCK_VALUE: 'y' };
  });
  s.sim.run({ maxSyncs: 5 });
  control(s, { forceComplete: { uid: 'f-1', phase: 'stuck', step: 'stuck' } });
  s.runUntilSettled();
  assert.equal(s.planStatus('stuck'), 'COMPLETE');
  assert.match(
    String(getPath(s.status, 'planStatus', 'stuck', 'phases', 0, 'steps', 0, 'message')),
    /forced COMPLETE/,
  );
});

test('canary (v1): the phase waits after its first step until continue', () => {
  const p = demo({
    operatorApiVersion: 'maestro.dev/v1',
    deploySteps:
      '          - name: config\n            tasks: [config]\n          - name: app\n            tasks: [app]',
  });
  const plan = (p.ov.spec as { plans: Record<string, { phases: Record<string, unknown>[] }> }).plans
    .deploy!;
  plan.phases[0]!.strategy = 'canary';
  plan.phases[0]!.canary = { steps: 1 };
  const s = simulate(p);
  s.sim.run({ maxSyncs: 30 });
  assert.equal(stepStatus(s, 'deploy', 0, 0), 'COMPLETE');
  assert.equal(stepStatus(s, 'deploy', 0, 1), 'PENDING');
  assert.match(String(condition(s, 'Ready')?.message), /canary/);
  control(s, { continue: { uid: 'c-1' } });
  s.runUntilSettled();
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
});

const withOnFailure = (onFailure: Record<string, unknown>) => {
  const p = demo({ operatorApiVersion: 'maestro.dev/v1' });
  const plan = (
    p.ov.spec as { plans: Record<string, { phases: { steps: Record<string, unknown>[] }[] }> }
  ).plans.deploy!;
  plan.phases[0]!.steps[2]!.onFailure = onFailure;
  return p;
};

test('onFailure (v1): a failed Job is retried after its backoff, replaced, and the plan completes (bounded retries)', () => {
  let failures = 0;
  const s = simulate(withOnFailure({ retries: 2, backoffSeconds: 30 }), {
    controllers: { faults: { failJob: () => failures++ < 1 } },
  });
  s.runUntilSettled();
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  assert.equal(creations(s, 'Job/inst-init'), 2);
});

test('onFailure (v1): retries exhausted → FATAL_ERROR naming the attempts; action Continue goes on', () => {
  const failing = { controllers: { faults: { failJob: () => true } } };
  const s = simulate(withOnFailure({ retries: 1, backoffSeconds: 10 }), failing);
  s.runUntilSettled();
  assert.equal(s.planStatus('deploy'), 'FATAL_ERROR');
  assert.match(
    JSON.stringify(getPath(s.status, 'planStatus', 'deploy')),
    /failed after 2 attempts/,
  );
  assert.equal(creations(s, 'Job/inst-init'), 2);
  const c = simulate(withOnFailure({ retries: 0, action: 'Continue' }), failing);
  c.runUntilSettled();
  assert.equal(c.planStatus('deploy'), 'COMPLETE');
  assert.match(String(stepStatus(c, 'deploy', 0, 2)), /COMPLETE/);
});
