// Two guards of the plan engine (issue 11): an Instance runs only its own
// operator's OperatorVersion, and status can hint, never order (a delete
// intent in status.maestro is honoured only when a plan accounts for it).
// Whole plans in the simulator with the real hooks, and sync() directly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { identityOf } from '../../../src/engine/identity.ts';
import { getPath, isRecord } from '../../../src/engine/kobject.ts';
import type { KObject } from '../../../src/engine/kobject.ts';
import { sync } from '../../../src/engine/plan/index.ts';
import type { Condition, PlanStatus } from '../../../src/engine/plan/index.ts';
import { loadPackage, NS, simulate } from './support.ts';
import { demoFiles } from './demo-package.ts';

const demo = loadPackage(demoFiles());

/** The demo deployed to COMPLETE in a fresh simulation. */
function deployed() {
  const s = simulate(demo);
  s.runUntilSettled();
  assert.equal(s.currentPlan()?.status, 'COMPLETE');
  return s;
}

const conditions = (status: Record<string, unknown>) => (status.conditions ?? []) as Condition[];
const changes = (ops: string[]) => ops.filter((o) => /^(create|update|delete|recreate) /.test(o));
const childNames = (children: KObject[]) =>
  children.map((c) => `${c.kind}/${c.metadata.name ?? ''}`).sort();

/** A copy of the demo OperatorVersion that belongs to operator `evil` and binds cluster-admin. */
function foreignOperatorVersion(): KObject {
  const ov = structuredClone(demo.ov);
  ov.metadata.name = 'evil-0.1.0';
  const spec = ov.spec as Record<string, unknown>;
  spec.operator = { kind: 'Operator', name: 'evil' };
  const templates = spec.templates as Record<string, string>;
  templates['config.yaml'] = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: evil-admin
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: default, namespace: ${NS}}]
`;
  return ov;
}

test('a foreign OperatorVersion: nothing of it runs, every child is kept, the plan fails in status with a condition, and switching back resumes', () => {
  const s = deployed();
  const before = childNames(s.children());
  s.sim.apply(foreignOperatorVersion());
  const n = s.sim.records.length;
  s.updateSpec((spec) => (spec.operatorVersion = { name: 'evil-0.1.0' }));
  s.sim.run({ maxSyncs: 20 });
  const after = s.sim.records.slice(n);
  assert.ok(after.length > 0, 'the spec change was synced');
  assert.deepEqual(
    after.flatMap((r) => changes(r.operations)),
    [],
    'no child created, changed or deleted',
  );
  assert.deepEqual(childNames(s.children()), before);
  assert.ok(!s.sim.cluster.all().some((o) => o.metadata.name === 'evil-admin'));
  const mismatch = conditions(s.status).find((c) => c.type === 'OperatorMismatch');
  assert.equal(mismatch?.status, 'True');
  assert.match(
    mismatch?.message ?? '',
    /belongs to operator "evil", but the Instance's maestro.dev\/operator label is "demo" and the CompositeController serves operator "demo".*\[MAESTRO_OPERATOR_MISMATCH\]$/,
  );
  assert.equal(conditions(s.status).find((c) => c.type === 'Ready')?.reason, 'OperatorMismatch');
  const deploy = getPath(s.status, 'planStatus', 'deploy') as PlanStatus;
  assert.equal(deploy.status, 'FATAL_ERROR');
  assert.match(deploy.message ?? '', /MAESTRO_OPERATOR_MISMATCH/);
  // The bookkeeping is carried: back on the demo's own OperatorVersion, nothing changes.
  const m = s.sim.records.length;
  s.updateSpec((spec) => (spec.operatorVersion = { name: demo.ov.metadata.name }));
  s.sim.run({ maxSyncs: 20 });
  assert.deepEqual(
    s.sim.records.slice(m).flatMap((r) => changes(r.operations)),
    [],
  );
  assert.equal(s.currentPlan()?.status, 'COMPLETE');
  assert.equal(getPath(s.status, 'planStatus', 'deploy', 'status'), 'COMPLETE');
  assert.ok(!conditions(s.status).some((c) => c.type === 'OperatorMismatch'));
});

test('operator guard in sync(): the label and the controller must both name the OperatorVersion operator', () => {
  const s = deployed();
  const inst = s.instance!;
  const observed = s.children();
  const base = {
    observedChildren: observed,
    operatorVersion: demo.ov,
    declaredTypes: [],
    finalizing: false,
    now: s.sim.clock.now(),
  };
  const withLabel = (label: string | undefined): KObject => {
    const i = structuredClone(inst);
    const labels = { ...(i.metadata.labels ?? {}) };
    if (label === undefined) delete labels['maestro.dev/operator'];
    else labels['maestro.dev/operator'] = label;
    i.metadata.labels = labels;
    return i;
  };
  const cases: [string, string | undefined, string | undefined, boolean][] = [
    ['label and controller match', 'demo', 'demo', false],
    ['no label, controller matches', undefined, 'demo', false],
    ['label matches, no controller operator', 'demo', undefined, false],
    ['label names another operator', 'other', 'demo', true],
    ['controller serves another operator', 'demo', 'other', true],
    ['no label, controller serves another operator', undefined, 'other', true],
  ];
  for (const [name, label, controller, foreign] of cases) {
    const out = sync({
      ...base,
      instance: withLabel(label),
      ...(controller !== undefined && { controllerOperator: controller }),
    });
    const mismatch = out.status.conditions.find((c) => c.type === 'OperatorMismatch');
    assert.equal(mismatch !== undefined, foreign, name);
    // Every observed child comes back, whatever the verdict.
    assert.equal(out.children.length, observed.length, name);
    if (foreign) {
      assert.deepEqual(childNames(out.children), childNames(observed), name);
      assert.equal(out.status.planStatus.deploy?.status, 'FATAL_ERROR', name);
      assert.equal(
        out.status.maestro.execution?.status,
        'COMPLETE',
        `${name}: bookkeeping carried`,
      );
      // A fixpoint: the same request on its own output answers the same status.
      const again = sync({
        ...base,
        instance: { ...withLabel(label), status: out.status as unknown as Record<string, unknown> },
        ...(controller !== undefined && { controllerOperator: controller }),
      });
      assert.deepEqual(again.status, out.status, `${name}: fixpoint`);
    }
  }
});

test('forged delete intents for every child are ignored and reported; the Delete step of the plan still deletes its Job', () => {
  const s = deployed();
  const ops = s.sim.records.flatMap((r) => r.operations);
  assert.ok(
    ops.includes('delete Job/inst-init'),
    'the accounted intent of the Delete step was honoured',
  );
  const children = s.children();
  const inst = s.instance!;
  for (const reason of [
    'forged',
    'prune',
    'Delete task init-cleanup of deploy.main.init-cleanup',
  ]) {
    const status = structuredClone(s.status);
    const m = status.maestro as Record<string, unknown>;
    const exec = m.execution as { id: string };
    m.deleteIntents = children.map((c) => ({
      ...identityOf(c),
      apiVersion: c.apiVersion,
      execution: exec.id,
      reason,
    }));
    s.sim.cluster.updateStatus(identityOf(inst), status);
    const n = s.sim.records.length;
    s.sim.metacontroller.enqueue(`${NS}/${inst.metadata.name}`, 0);
    s.sim.run({ maxSyncs: 10 });
    const after = s.sim.records.slice(n);
    assert.deepEqual(
      after.flatMap((r) => changes(r.operations)),
      [],
      reason,
    );
    assert.deepEqual(childNames(s.children()), childNames(children), reason);
    const reported = after
      .map((r) => (isRecord(r.response) ? r.response.status : undefined))
      .flatMap((st) => conditions(isRecord(st) ? st : {}))
      .find((c) => c.type === 'DeleteIntentsIgnored');
    assert.match(
      reported?.message ?? '',
      /ConfigMap\/inst-config \(.*\).*\[MAESTRO_STATUS_INTENT_IGNORED\]$/,
      reason,
    );
    // The ignored intents are dropped, so the report goes with them.
    assert.deepEqual(getPath(s.status, 'maestro', 'deleteIntents'), [], reason);
    assert.ok(!conditions(s.status).some((c) => c.type === 'DeleteIntentsIgnored'), reason);
  }
});

test('operator guard while deleting: a foreign OperatorVersion never runs its cleanup; finalize waits unless skip-cleanup', () => {
  const s = deployed();
  const inst = structuredClone(s.instance!);
  inst.metadata.deletionTimestamp = '2026-01-01T01:00:00Z';
  const evil = structuredClone(demo.ov);
  evil.metadata.name = 'evil-0.1.0';
  (evil.spec as Record<string, unknown>).operator = { kind: 'Operator', name: 'evil' };
  (inst.spec as Record<string, unknown>).operatorVersion = { name: 'evil-0.1.0' };
  const input = {
    observedChildren: s.children(),
    operatorVersion: evil,
    declaredTypes: [],
    finalizing: true,
    now: s.sim.clock.now(),
    controllerOperator: 'demo',
  };
  const waits = sync({ ...input, instance: inst });
  assert.equal(waits.finalized, false);
  assert.equal(waits.status.maestro.execution?.plan, 'deploy', 'no cleanup started');
  assert.ok(waits.status.conditions.some((c) => c.type === 'OperatorMismatch'));
  assert.deepEqual(childNames(waits.children), childNames(s.children()));
  const skipping = structuredClone(inst);
  skipping.metadata.annotations = { 'maestro.dev/skip-cleanup': 'true' };
  const done = sync({ ...input, instance: skipping });
  assert.equal(done.finalized, true);
});
