// Maestro's extension of KUDO's rule table: plans running per status (the
// engine writes status, not spec), and the plan controls of spec.planControl.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { admitUpdate } from '../../../src/webhooks/admission/instance-update.ts';
import { viewOperatorVersion } from '../../../src/engine/plan/ov.ts';
import type { InstanceLike } from '../../../src/webhooks/admission/plan-state.ts';
import { ov1 } from './support.ts';

const ov = viewOperatorVersion(ov1);
const base: InstanceLike = {
  metadata: { name: 'zk', namespace: 'default', uid: 'u', resourceVersion: '1' },
  spec: {
    operatorVersion: { name: 'zk-1.0.0' },
    parameters: { DISK: 'x' },
    planExecution: { planName: 'deploy', uid: 'p1' },
  },
};
const withStatus = (status: string, plan = 'deploy'): InstanceLike => ({
  ...structuredClone(base),
  status: { maestro: { execution: { plan, status, uid: 'p1' }, consumedPlanExecutions: ['p1'] } },
});
const change = (i: InstanceLike, f: (c: InstanceLike) => void) => {
  const c = structuredClone(i);
  f(c);
  return c;
};
const run = (old: InstanceLike, fresh: InstanceLike) =>
  admitUpdate({ old, fresh, namespace: 'default', ov, oldOv: ov });
const setParam = (name: string, value: unknown) => (c: InstanceLike) =>
  (c.spec!.parameters![name] = value);
const control = (value: Record<string, unknown>) => (c: InstanceLike) =>
  (c.spec!.planControl = value);

test('a plan running per status blocks a parameter update that triggers another plan', () => {
  const r = run(
    withStatus('IN_PROGRESS'),
    change(withStatus('IN_PROGRESS'), setParam('TLS', true)),
  );
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.code, 409);
    assert.match(
      r.message,
      /plan 'deploy' is scheduled \(or running\) and an update would trigger a different plan 'tls'; wait until 'deploy' finishes, or abort it with spec.planControl.abort/,
    );
  }
});

test('ERROR counts as running (kudo#1764): an upgrade waits, and abort is the way out', () => {
  const old = withStatus('ERROR');
  const upgrade = run(
    old,
    change(old, (c) => (c.spec!.operatorVersion = { name: 'zk-2' })),
  );
  assert.equal(upgrade.ok, false);
  const abort = run(old, change(old, control({ abort: { uid: 'a1' } })));
  assert.deepEqual(abort, { ok: true, outcome: { removeParams: [], warnings: [] } });
});

test('a finished plan leaves spec.planExecution stale: a later parameter change is free to schedule its plan', () => {
  const old = withStatus('COMPLETE');
  const r = run(old, change(old, setParam('TLS', true)));
  assert.equal(r.ok && r.outcome.plan, 'tls');
});

test('a planExecution that status shows consumed is not "scheduled" any more', () => {
  const old = withStatus('FATAL_ERROR');
  const r = run(
    old,
    change(old, (c) => (c.spec!.planExecution = { planName: 'update', uid: 'p2' })),
  );
  assert.equal(r.ok && r.outcome.plan, 'update');
});

const controlCases: [string, InstanceLike, (c: InstanceLike) => void, boolean, RegExp?][] = [
  [
    'abort together with a parameter update is denied',
    withStatus('IN_PROGRESS'),
    (c) => (control({ abort: { uid: 'a' } })(c), setParam('NODE_COUNT', 5)(c)),
    false,
    /spec.planControl abort together with a parameter update, an upgrade or a plan trigger is not allowed; apply the plan control in an update of its own/,
  ],
  [
    'abort with nothing running is allowed with a warning',
    withStatus('COMPLETE'),
    control({ abort: { uid: 'a' } }),
    true,
    /nothing to abort/,
  ],
  [
    'the same abort uid again is no new control',
    change(withStatus('COMPLETE'), control({ abort: { uid: 'a' } })),
    setParam('NODE_COUNT', 4),
    true,
  ],
  [
    'retry of a running plan that has not failed is denied',
    withStatus('IN_PROGRESS'),
    control({ retry: { uid: 'r' } }),
    false,
    /retry applies to a failed plan/,
  ],
  [
    'retry of a plan in ERROR is allowed',
    withStatus('ERROR'),
    control({ retry: { uid: 'r' } }),
    true,
  ],
  [
    'retry after FATAL_ERROR is allowed',
    withStatus('FATAL_ERROR'),
    control({ retry: { uid: 'r' } }),
    true,
  ],
  [
    'retry when nothing failed is allowed with a warning',
    withStatus('COMPLETE'),
    control({ retry: { uid: 'r' } }),
    true,
    /nothing to retry/,
  ],
  ['pause and resume are allowed', withStatus('IN_PROGRESS'), control({ paused: true }), true],
  [
    'continue with nothing running warns',
    withStatus('COMPLETE'),
    control({ continue: { uid: 'c' } }),
    true,
    /nothing to continue/,
  ],
  [
    'force-complete of an existing step of the running plan is allowed',
    withStatus('IN_PROGRESS'),
    control({ forceComplete: { uid: 'f', phase: 'main', step: 'everything' } }),
    true,
  ],
  [
    'force-complete of a step that does not exist is denied',
    withStatus('IN_PROGRESS'),
    control({ forceComplete: { uid: 'f', phase: 'main', step: 'nope' } }),
    false,
    /phase "main" of plan deploy has no step "nope"; its steps are everything/,
  ],
  [
    'force-complete of a phase that does not exist is denied',
    withStatus('IN_PROGRESS'),
    control({ forceComplete: { uid: 'f', phase: 'x', step: 'y' } }),
    false,
    /plan deploy has no phase "x"; its phases are main/,
  ],
  [
    'force-complete of an unknown plan is denied',
    withStatus('IN_PROGRESS'),
    control({ forceComplete: { uid: 'f', plan: 'backup', phase: 'x', step: 'y' } }),
    false,
    /plan backup does not exist/,
  ],
  [
    'force-complete with nothing running and no plan named is denied',
    withStatus('COMPLETE'),
    control({ forceComplete: { uid: 'f', phase: 'main', step: 'everything' } }),
    false,
    /name the plan in spec.planControl.forceComplete.plan/,
  ],
];
for (const [label, old, edit, allowed, pattern] of controlCases) {
  test(`plan controls: ${label}`, () => {
    const r = run(old, change(old, edit));
    assert.equal(r.ok, allowed, r.ok ? JSON.stringify(r.outcome) : r.message);
    if (pattern) {
      const text = r.ok ? r.outcome.warnings.join('\n') : r.message;
      assert.match(text, pattern);
    }
  });
}

test('while the instance is being deleted, abort is denied and pause warns', () => {
  const deleting = change(
    withStatus('IN_PROGRESS', 'cleanup'),
    (c) => (c.metadata!.deletionTimestamp = '2026-01-01T00:00:00Z'),
  );
  const abort = run(deleting, change(deleting, control({ abort: { uid: 'a' } })));
  assert.equal(abort.ok, false);
  if (!abort.ok)
    assert.match(
      abort.message,
      /'cleanup' plan can not be aborted since the instance is being deleted; .*forceComplete/,
    );
  const pause = run(deleting, change(deleting, control({ paused: true })));
  assert.equal(pause.ok, true);
  if (pause.ok) assert.match(pause.outcome.warnings.join(), /holds the deletion/);
});
