// onFailure.plan in the pure engine: sync() on the request that sees the
// failure, repeated (a lost status write) and fed its own output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { identityOf } from '../../../src/engine/identity.ts';
import { getPath } from '../../../src/engine/kobject.ts';
import type { KObject } from '../../../src/engine/kobject.ts';
import { sync } from '../../../src/engine/plan/index.ts';
import type { SyncInput } from '../../../src/engine/plan/index.ts';
import { simulate } from './support.ts';
import { withRollback } from '../../simulator/scenarios/rollback-package.ts';

type Plans = Record<
  string,
  { onFailure?: unknown; phases: { steps: Record<string, unknown>[] }[] }
>;

/** The sync input right after the deploy Job failed, before any sync has seen it. */
function inputAtFailure(edit?: (plans: Plans) => void): SyncInput {
  const p = withRollback();
  const plans = (p.ov.spec as { plans: Plans }).plans;
  plans.deploy!.phases[0]!.steps[2]!.onFailure = { plan: 'rollback' }; // no retries
  edit?.(plans);
  const s = simulate(p, { controllers: { faults: { failJob: () => true } } });
  s.sim.run({
    maxSyncs: 100,
    until: () =>
      s.children().some((c) => c.kind === 'Job' && getPath(c, 'status', 'failed') !== undefined),
  });
  assert.equal(s.planStatus('deploy'), 'IN_PROGRESS');
  return {
    instance: s.instance!,
    observedChildren: s.children(),
    operatorVersion: s.sim.cluster.get(identityOf(p.ov)),
    declaredTypes: s.sim.metacontroller.childTypes,
    finalizing: false,
    now: s.sim.clock.now(),
  };
}

const withStatus = (input: SyncInput, status: unknown): SyncInput => ({
  ...input,
  instance: { ...input.instance, status } as KObject,
});

test('sync: the failing deploy ends FATAL_ERROR and starts its onFailure plan in the same answer', () => {
  const out = sync(inputAtFailure());
  const e = out.status.maestro.execution!;
  assert.equal(e.plan, 'rollback');
  assert.equal(e.reason, 'onFailure');
  assert.equal(out.status.planStatus.deploy!.status, 'FATAL_ERROR');
  assert.match(out.status.planStatus.deploy!.message ?? '', /started plan rollback/);
  assert.equal(out.status.planStatus.rollback!.status, 'IN_PROGRESS');
  assert.ok(out.status.maestro.consumedPlanExecutions.some((c) => c.startsWith('onFailure/e1-')));
  // Its first step is rendered at once.
  assert.ok(out.children.some((c) => c.metadata.name === 'inst-rolled-back'));
});

test('sync: a recomputation after a lost status write starts the same execution; its own output starts nothing new', () => {
  const input = inputAtFailure();
  const a = sync(input);
  const b = sync(input);
  assert.equal(b.status.maestro.execution!.id, a.status.maestro.execution!.id);
  assert.deepEqual(b.children, a.children);
  const c = sync(withStatus(input, a.status));
  assert.equal(c.status.maestro.execution!.id, a.status.maestro.execution!.id);
  assert.equal(c.status.maestro.sequence, a.status.maestro.sequence);
});

test('sync: an onFailure plan that the OperatorVersion does not define starts nothing and says so', () => {
  const out = sync(
    inputAtFailure((plans) => {
      plans.deploy!.phases[0]!.steps[2]!.onFailure = { plan: 'nope' };
    }),
  );
  assert.equal(out.status.maestro.execution!.plan, 'deploy');
  assert.equal(out.status.maestro.execution!.status, 'FATAL_ERROR');
  assert.ok(
    out.notes.some((n) => /onFailure plan nope is not defined/.test(n)),
    out.notes.join('\n'),
  );
});

test('sync: a failing cleanup never starts an onFailure plan', () => {
  // Finish the deploy's failure (and its rollback), then delete: cleanup's Job fails too.
  const p = withRollback();
  const plans = (p.ov.spec as { plans: Plans }).plans;
  plans.cleanup!.onFailure = { plan: 'rollback' };
  const s = simulate(p, { controllers: { faults: { failJob: () => true } } });
  s.runUntilSettled();
  s.delete();
  s.sim.run({ maxSyncs: 60 });
  assert.equal(s.planStatus('cleanup'), 'FATAL_ERROR');
  assert.equal(getPath(s.status, 'maestro', 'execution', 'plan'), 'cleanup');
});
