// Admission of spec.planControl.rotate and spec.planControl.prune
// (docs/plan-engine.md, "Sticky generated children" and "Prune").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { admitUpdate } from '../../../src/webhooks/admission/instance-update.ts';
import { viewOperatorVersion } from '../../../src/engine/plan/ov.ts';
import type { InstanceLike } from '../../../src/webhooks/admission/plan-state.ts';
import { ov1 } from './support.ts';

const ov = viewOperatorVersion(ov1);
const withStatus = (status: string, staleChildren?: string[]): InstanceLike => ({
  metadata: { name: 'zk', namespace: 'default', uid: 'u', resourceVersion: '1' },
  spec: {
    operatorVersion: { name: 'zk-1.0.0' },
    parameters: { DISK: 'x' },
    planExecution: { planName: 'deploy', uid: 'p1' },
  },
  status: {
    maestro: {
      execution: { plan: 'deploy', status, uid: 'p1' },
      consumedPlanExecutions: ['p1'],
      ...(staleChildren && { staleChildren }),
    },
  },
});
const run = (old: InstanceLike, edit: (c: InstanceLike) => void) => {
  const fresh = structuredClone(old);
  edit(fresh);
  return admitUpdate({ old, fresh, namespace: 'default', ov, oldOv: ov });
};
const control = (value: Record<string, unknown>) => (c: InstanceLike) =>
  (c.spec!.planControl = value);

const cases: [string, InstanceLike, (c: InstanceLike) => void, boolean, RegExp?][] = [
  [
    'rotate with nothing running is allowed and says that no plan runs by itself',
    withStatus('COMPLETE'),
    control({ rotate: { uid: 'r' } }),
    true,
    /no plan runs by itself/,
  ],
  [
    'rotate together with the plan trigger that re-runs the step is allowed',
    withStatus('COMPLETE'),
    (c) => (
      control({ rotate: { uid: 'r', names: ['Secret/zk-creds'] } })(c),
      (c.spec!.planExecution = { planName: 'deploy', uid: 'p2' })
    ),
    true,
  ],
  [
    'rotate names that are not Kind/name are denied',
    withStatus('COMPLETE'),
    control({ rotate: { uid: 'r', names: ['zk-creds'] } }),
    false,
    /spec.planControl.rotate.names: "zk-creds" is not Kind\/name/,
  ],
  [
    'prune of all stale children is allowed',
    withStatus('COMPLETE', ['ConfigMap/zk-old']),
    control({ prune: { uid: 'x' } }),
    true,
  ],
  [
    'prune naming a stale child is allowed',
    withStatus('COMPLETE', ['ConfigMap/zk-old', 'Service/zk-old']),
    control({ prune: { uid: 'x', names: ['Service/zk-old'] } }),
    true,
  ],
  [
    'prune naming a child that is not stale is denied',
    withStatus('COMPLETE', ['ConfigMap/zk-old']),
    control({ prune: { uid: 'x', names: ['StatefulSet/zk'] } }),
    false,
    /StatefulSet\/zk is not stale \(status.maestro.staleChildren lists ConfigMap\/zk-old\)/,
  ],
  [
    'prune with nothing stale warns',
    withStatus('COMPLETE'),
    control({ prune: { uid: 'x' } }),
    true,
    /nothing to prune/,
  ],
  [
    'prune while a plan runs is allowed with a warning that it waits',
    withStatus('IN_PROGRESS', ['ConfigMap/zk-old']),
    control({ prune: { uid: 'x' } }),
    true,
    /waits until plan 'deploy' ends/,
  ],
  [
    'prune together with a parameter update is denied (an update of its own)',
    withStatus('COMPLETE', ['ConfigMap/zk-old']),
    (c) => (control({ prune: { uid: 'x' } })(c), (c.spec!.parameters!.NODE_COUNT = 5)),
    false,
    /spec.planControl prune together with/,
  ],
];
for (const [label, old, edit, allowed, pattern] of cases) {
  test(`plan controls: ${label}`, () => {
    const r = run(old, edit);
    assert.equal(r.ok, allowed, r.ok ? JSON.stringify(r.outcome) : r.message);
    if (pattern) assert.match(r.ok ? r.outcome.warnings.join('\n') : r.message, pattern);
  });
}
