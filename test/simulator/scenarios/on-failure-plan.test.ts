// onFailure.plan (v1): a plan that ends FATAL_ERROR after its retries starts
// its follow-up plan (e.g. a rollback) once, as a new execution.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getPath, isRecord } from '../../../src/engine/kobject.ts';
import { simulate } from '../../engine/plan/support.ts';
import { withRollback } from './rollback-package.ts';
import { child, creations, resync } from './helpers.ts';

const failingJobs = { controllers: { faults: { failJob: () => true } } };
const history = (s: ReturnType<typeof simulate>) =>
  (getPath(s.status, 'maestro', 'history') as Record<string, unknown>[]).filter(isRecord);

test('onFailure.plan: a deploy whose Job fails after its retries starts the rollback plan once, which completes', () => {
  const s = simulate(withRollback(), failingJobs);
  s.runUntilSettled();
  assert.equal(s.planStatus('deploy'), 'FATAL_ERROR');
  assert.equal(s.planStatus('rollback'), 'COMPLETE');
  assert.equal(creations(s, 'Job/inst-init'), 2); // the first attempt and one retry
  assert.match(
    String(getPath(s.status, 'planStatus', 'deploy', 'message')),
    /failed after 2 attempts.*; started plan rollback \(onFailure\.plan\)/,
  );
  assert.equal(getPath(child(s, 'ConfigMap', 'inst-rolled-back'), 'data', 'plan'), 'rollback');
  const rollbacks = history(s).filter((h) => h.plan === 'rollback');
  assert.equal(rollbacks.length, 1);
  assert.equal(rollbacks[0]!.reason, 'onFailure');
  assert.equal(creations(s, 'ConfigMap/inst-rolled-back'), 1);
});

test('onFailure.plan: no chains — a failing rollback does not trigger its own onFailure plan', () => {
  const s = simulate(
    withRollback({ rollbackTasks: ['rollback-job'], rollbackOnFailure: { plan: 'deploy' } }),
    failingJobs,
  );
  s.runUntilSettled();
  s.sim.run({ maxSyncs: 50 });
  assert.equal(s.planStatus('rollback'), 'FATAL_ERROR');
  assert.equal(s.planStatus('deploy'), 'FATAL_ERROR');
  assert.equal(creations(s, 'Job/inst-init'), 2); // deploy never started again
  assert.deepEqual(
    history(s).map((h) => `${String(h.plan)}:${String(h.reason)}:${String(h.status)}`),
    ['deploy:create:FATAL_ERROR', 'rollback:onFailure:FATAL_ERROR'],
  );
  // Retried by the user and failing again, it is still a follow-up: no chain.
  s.updateSpec((spec) => {
    spec.planControl = { retry: { uid: 'r-1' } };
  });
  s.runUntilSettled();
  s.sim.run({ maxSyncs: 50 });
  assert.equal(s.planStatus('rollback'), 'FATAL_ERROR');
  assert.equal(getPath(s.status, 'maestro', 'execution', 'reason'), 'retry');
  assert.equal(creations(s, 'Job/inst-rollback'), 2);
  assert.equal(creations(s, 'Job/inst-init'), 2);
  assert.equal(s.planStatus('deploy'), 'FATAL_ERROR');
});

test('onFailure.plan: abort is not a failure — an aborted deploy starts no rollback', () => {
  const s = simulate(withRollback(), failingJobs);
  s.sim.run({ maxSyncs: 3 });
  const uid = getPath(s.status, 'planStatus', 'deploy', 'uid');
  s.updateSpec((spec) => {
    spec.planControl = { abort: { uid: 'a-1' } };
  });
  s.runUntilSettled();
  assert.equal(typeof uid, 'string');
  assert.equal(s.planStatus('deploy'), 'FATAL_ERROR');
  assert.notEqual(s.planStatus('rollback'), 'COMPLETE');
  assert.equal(s.planStatus('rollback'), 'NEVER_RUN');
});

for (const every of [2, 3]) {
  test(`onFailure.plan: with every ${every === 2 ? 'second' : 'third'} status write lost, the rollback still starts exactly once`, () => {
    const s = simulate(withRollback(), {
      ...failingJobs,
      metacontroller: { faults: { dropStatusWrite: (ctx) => ctx.seq % every === 0 } },
    });
    s.runUntilSettled();
    // A lost write with no child event after it waits for the periodic resync.
    resync(s);
    assert.equal(s.planStatus('deploy'), 'FATAL_ERROR');
    assert.equal(s.planStatus('rollback'), 'COMPLETE');
    // Every rollback child carries one execution id, and it was created once.
    const ids = new Set(
      s
        .children()
        .filter((c) => c.metadata.annotations?.['maestro.dev/plan'] === 'rollback')
        .map((c) => c.metadata.annotations?.['maestro.dev/execution']),
    );
    assert.equal(ids.size, 1);
    assert.equal(creations(s, 'ConfigMap/inst-rolled-back'), 1);
    assert.equal(history(s).filter((h) => h.plan === 'rollback').length, 1);
  });
}

test('onFailure.plan: when the write of the sync that started the rollback is lost (twice), the next syncs reach the same execution', () => {
  // The simulation is deterministic: find the sync that starts the rollback, then lose its write.
  const dry = simulate(withRollback(), failingJobs);
  dry.runUntilSettled();
  const startedBy = dry.sim.records.find(
    (r) => getPath(r.response, 'status', 'maestro', 'execution', 'plan') === 'rollback',
  )!;
  const id = getPath(startedBy.response, 'status', 'maestro', 'execution', 'id');
  const s = simulate(withRollback(), {
    ...failingJobs,
    metacontroller: {
      faults: {
        dropStatusWrite: (ctx) => ctx.seq === startedBy.seq || ctx.seq === startedBy.seq + 1,
      },
    },
  });
  s.runUntilSettled();
  resync(s);
  const lost = s.sim.records.filter((r) => r.operations.includes('status write dropped'));
  assert.equal(lost.length, 2);
  for (const r of lost)
    assert.equal(getPath(r.response, 'status', 'maestro', 'execution', 'id'), id);
  assert.equal(getPath(s.status, 'maestro', 'execution', 'id'), id);
  assert.equal(s.planStatus('rollback'), 'COMPLETE');
  assert.equal(creations(s, 'ConfigMap/inst-rolled-back'), 1);
  assert.equal(history(s).filter((h) => h.plan === 'rollback').length, 1);
});
