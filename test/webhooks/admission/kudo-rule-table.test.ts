// KUDO's own test table for instance updates (pkg/webhook/instance_admission_test.go,
// TestValidateUpdate: 36 cases, and Test_triggeredPlan: 6 cases), with the
// same fixtures and the same expected outcome: the plan that gets scheduled,
// none, or a denial. Adaptations, each noted at its case:
// - upgrades name an OperatorVersion with a greater version (Maestro checks
//   that an upgrade goes up; KUDO's table reused one OperatorVersion);
// - "plan is terminal": KUDO cleared spec.planExecution; Maestro leaves it and
//   its terminal status marks it done, so the instance counts as idle after.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { admitUpdate } from '../../../src/webhooks/admission/instance-update.ts';
import { viewOperatorVersion } from '../../../src/engine/plan/ov.ts';
import { triggeredPlan } from '../../../src/webhooks/admission/parameter-changes.ts';
import { activePlan, type InstanceLike } from '../../../src/webhooks/admission/plan-state.ts';

interface Param {
  name: string;
  trigger?: string;
  immutable?: boolean;
  default?: string;
}

function operatorVersion(
  name: string,
  version: string,
  parameters: Param[],
  plans = ['deploy', 'update', 'cleanup', 'backup'],
) {
  return viewOperatorVersion({
    apiVersion: 'maestro.dev/v1beta1',
    kind: 'OperatorVersion',
    metadata: { name, namespace: 'default' },
    spec: {
      operator: { name: 'foo', kind: 'Operator' },
      version,
      parameters,
      plans: Object.fromEntries(plans.map((p) => [p, {}])),
    },
  });
}

const baseParams: Param[] = [
  { name: 'foo', trigger: 'deploy' },
  { name: 'other-foo', trigger: 'deploy' },
  { name: 'bar', trigger: 'update' },
  { name: 'backup', trigger: 'backup' },
  { name: 'invalid', trigger: 'missing' },
  { name: 'readonly', trigger: 'deploy', immutable: true },
  { name: 'unnamed', trigger: 'deploy' },
];
const ov = operatorVersion('foo-operator', '1.0.0', baseParams);
// Adaptation: the upgrade target is a greater version with the same definitions.
const newOv = operatorVersion('foo-operator-2.0', '2.0.0', baseParams);
const newOvWith = (edit: (ps: Param[]) => Param[]) =>
  operatorVersion('foo-operator-2.0', '2.0.0', edit(structuredClone(baseParams)));

const testUUID = '6a4b1a0e-0000-4000-8000-000000000001';
const idle: InstanceLike = {
  metadata: { name: 'test', namespace: 'test' },
  spec: {
    operatorVersion: { name: 'foo-operator' },
    parameters: { foo: 'foo', readonly: 'oldvalue' },
  },
  status: {},
};
const edit = (base: InstanceLike, change: (i: InstanceLike) => void): InstanceLike => {
  const copy = structuredClone(base);
  change(copy);
  return copy;
};
const scheduled = edit(
  idle,
  (i) => (i.spec!.planExecution = { planName: 'deploy', uid: testUUID }),
);
const upgraded = edit(idle, (i) => (i.spec!.operatorVersion = { name: 'foo-operator-2.0' }));
const deleted = edit(scheduled, (i) => {
  i.metadata!.deletionTimestamp = '2019-10-17T01:01:01Z';
  (i.metadata as Record<string, unknown>).finalizers = ['kudo.dev.instance.cleanup'];
});
const uninstalling = edit(deleted, (i) => (i.spec!.planExecution!.planName = 'cleanup'));
const params = (base: InstanceLike, p: Record<string, string>) =>
  edit(base, (i) => (i.spec!.parameters = p));
const pe = (base: InstanceLike, planName: string, uid?: string) =>
  edit(base, (i) => (i.spec!.planExecution = uid === undefined ? { planName } : { planName, uid }));

interface Case {
  name: string;
  old: InstanceLike;
  fresh: InstanceLike;
  ov?: ReturnType<typeof operatorVersion>;
  oldOv?: ReturnType<typeof operatorVersion>;
  want?: string;
  wantErr?: boolean;
}

const cases: Case[] = [
  { name: 'no change is a NOOP', old: idle, fresh: idle },
  {
    name: 'change in labels does NOT trigger a plan',
    old: scheduled,
    fresh: edit(
      scheduled,
      (i) => ((i.metadata as Record<string, unknown>).labels = { label: 'label2' }),
    ),
  },
  {
    name: 'triggering a plan directly IS allowed when NO plan is scheduled',
    old: idle,
    fresh: scheduled,
    want: 'deploy',
  },
  {
    name: 'triggering the same plan directly IS allowed',
    old: scheduled,
    fresh: pe(scheduled, 'deploy', 'foo'),
    want: 'deploy',
  },
  {
    name: 'overriding an existing plan directly is NOT allowed',
    old: scheduled,
    fresh: pe(scheduled, 'update'),
    wantErr: true,
  },
  {
    name: 'cleanup plan CAN override an existing plan directly if the instance is being deleted',
    old: deleted,
    fresh: uninstalling,
  },
  {
    name: 'cleanup plan CAN NOT be overridden by any other plan if the instance is being deleted',
    old: uninstalling,
    fresh: pe(uninstalling, 'deploy'),
    wantErr: true,
  },
  {
    name: 'cleanup plan CAN NOT be cancelled when the instance is being deleted',
    old: uninstalling,
    fresh: pe(uninstalling, ''),
    wantErr: true,
  },
  // Adaptation: Maestro keeps spec.planExecution; its terminal status marks it done (checked below).
  {
    name: 'plan execution IS reset when the plan is terminal',
    old: scheduled,
    fresh: edit(scheduled, (i) => (i.spec!.planExecution!.status = 'COMPLETE')),
  },
  {
    name: 'cleanup plan CAN NOT be triggered directly by the user',
    old: idle,
    fresh: pe(idle, 'cleanup'),
    wantErr: true,
  },
  {
    name: 'updates are NOT allowed when the instance is being deleted',
    old: deleted,
    fresh: params(deleted, { foo: 'newFoo' }),
    wantErr: true,
  },
  {
    name: 'upgrades are NOT allowed when the instance is being deleted',
    old: deleted,
    fresh: edit(deleted, (i) => (i.spec!.operatorVersion = { name: 'foo-operator-2.0' })),
    oldOv: ov,
    ov: newOv,
    wantErr: true,
  },
  {
    name: 'canceling an existing plan directly is NOT allowed',
    old: scheduled,
    fresh: pe(scheduled, ''),
    wantErr: true,
  },
  {
    name: 'upgrade triggered on an idle instance IS allowed',
    old: idle,
    fresh: upgraded,
    ov: newOv,
    oldOv: ov,
    want: 'update',
  },
  {
    name: 'upgrade triggered on a scheduled instance IS NOT allowed',
    old: scheduled,
    fresh: upgraded,
    ov: newOv,
    oldOv: ov,
    wantErr: true,
  },
  {
    name: 'upgrade triggered on an idle instance together with another plan IS NOT allowed',
    old: idle,
    fresh: pe(upgraded, 'deploy'),
    ov: newOv,
    oldOv: ov,
    wantErr: true,
  },
  {
    name: 'parameter update on an idle instance IS allowed',
    old: idle,
    fresh: params(idle, { foo: 'newFoo' }),
    want: 'deploy',
  },
  {
    name: 'updating multiple parameters on an idle instance IS allowed when the same plan is triggered',
    old: idle,
    fresh: params(idle, { foo: 'newFoo', 'other-foo': 'newOtherFoo' }),
    want: 'deploy',
  },
  {
    name: 'parameter update on a scheduled instance IS allowed when the same plan is triggered',
    old: scheduled,
    fresh: params(scheduled, { foo: 'newFoo' }),
    want: 'deploy',
  },
  {
    name: 'updating parameter on a scheduled instance IS NOT allowed when a different plan is triggered',
    old: scheduled,
    fresh: params(scheduled, { bar: 'newBar' }),
    wantErr: true,
  },
  {
    name: 'parameter update triggering multiple distinct plans IS NOT allowed',
    old: idle,
    fresh: params(idle, { foo: 'newFoo', bar: 'newBar' }),
    wantErr: true,
  },
  {
    name: 'parameter update triggering a non-existing OV parameter IS NOT allowed',
    old: idle,
    fresh: edit(idle, (i) => (i.spec!.parameters!.bazz = 'newBazz')),
    wantErr: true,
  },
  {
    name: 'parameter update triggering a non-existing OV plan IS NOT allowed',
    old: idle,
    fresh: edit(idle, (i) => (i.spec!.parameters!.invalid = 'invalid')),
    wantErr: true,
  },
  {
    name: 'parameter update together with an upgrade IS NOT allowed if a plan other than deploy is triggered',
    old: idle,
    fresh: params(upgraded, { backup: 'back' }),
    ov: newOv,
    oldOv: ov,
    wantErr: true,
  },
  {
    name: 'parameter update together with an upgrade IS allowed if deploy is triggered',
    old: idle,
    fresh: params(upgraded, { foo: 'newFoo' }),
    ov: newOv,
    oldOv: ov,
    want: 'update',
  },
  {
    name: "parameter update together with an upgrade IS allowed if update removes a parameter that doesn't exist in the new OV",
    old: idle,
    fresh: edit(upgraded, (i) => delete i.spec!.parameters!.backup),
    ov: newOvWith((ps) => ps.filter((p) => p.name !== 'backup')),
    oldOv: ov,
    want: 'update',
  },
  {
    name: 'parameter update together with a directly triggered plan IS NOT allowed',
    old: idle,
    fresh: params(scheduled, { foo: 'newFoo' }),
    wantErr: true,
  },
  {
    name: 'parameter update to an immutable param IS NOT allowed',
    old: idle,
    fresh: params(scheduled, { readonly: 'newFoo' }),
    wantErr: true,
  },
  {
    name: 'ov upgrade with a new immutable param and no explicit value IS NOT allowed',
    old: idle,
    fresh: params(upgraded, {}),
    oldOv: ov,
    ov: newOvWith((ps) => [...ps, { name: 'newImmutable', trigger: 'deploy', immutable: true }]),
    wantErr: true,
  },
  {
    name: 'ov upgrade with a new immutable param and explicit value IS allowed',
    old: idle,
    fresh: params(upgraded, { newImmutable: 'someValue' }),
    oldOv: ov,
    ov: newOvWith((ps) => [...ps, { name: 'newImmutable', trigger: 'deploy', immutable: true }]),
    want: 'update',
  },
  {
    name: 'ov upgrade with a removed immutable param IS allowed',
    old: idle,
    fresh: params(upgraded, {}),
    oldOv: ov,
    ov: newOvWith((ps) => ps.filter((p) => p.name !== 'readonly')),
    want: 'update',
  },
  // KUDO's version of this case edits a copy (Go range variable) and so changes nothing; here foo really becomes immutable and keeps its value.
  {
    name: 'ov upgrade where a param with a value is made immutable IS allowed',
    old: idle,
    fresh: params(upgraded, { foo: 'foo' }),
    oldOv: ov,
    ov: newOvWith((ps) => ps.map((p) => (p.name === 'foo' ? { ...p, immutable: true } : p))),
    want: 'update',
  },
  {
    name: 'ov upgrade where a param without a value is made immutable IS NOT allowed',
    old: idle,
    fresh: params(upgraded, {}),
    oldOv: ov,
    ov: newOvWith((ps) => ps.map((p) => (p.name === 'unnamed' ? { ...p, immutable: true } : p))),
    wantErr: true,
  },
  {
    name: 'ov upgrade where a param without a value is made immutable IS allowed when the value is provided',
    old: idle,
    fresh: params(upgraded, { unnamed: 'newValue' }),
    oldOv: ov,
    ov: newOvWith((ps) => ps.map((p) => (p.name === 'unnamed' ? { ...p, immutable: true } : p))),
    want: 'update',
  },
  {
    name: 'ov upgrade where a param is made mutable IS allowed',
    old: idle,
    fresh: params(upgraded, {}),
    oldOv: ov,
    ov: newOvWith((ps) =>
      ps.map((p) => (p.name === 'readonly' ? { name: p.name, trigger: p.trigger! } : p)),
    ),
    want: 'update',
  },
  { name: 'plan does not exist', old: idle, fresh: pe(idle, 'nonexistingplan'), wantErr: true },
];

test("KUDO's TestValidateUpdate table has 36 cases, all ported", () =>
  assert.equal(cases.length, 36));

for (const c of cases) {
  test(`KUDO rule table: ${c.name}`, () => {
    const result = admitUpdate({
      old: c.old,
      fresh: c.fresh,
      namespace: 'test',
      ov: c.ov ?? ov,
      oldOv: c.oldOv ?? c.ov ?? ov,
    });
    if (c.wantErr) {
      assert.equal(result.ok, false, `expected a denial, got ${JSON.stringify(result)}`);
      if (!result.ok) assert.ok(result.code >= 400 && result.code < 500);
      return;
    }
    assert.equal(result.ok, true, result.ok ? '' : result.message);
    if (result.ok) assert.equal(result.outcome.plan, c.want);
  });
}

test('KUDO rule table (adapted): after a terminal planExecution status the instance counts as idle', () => {
  const done = edit(scheduled, (i) => (i.spec!.planExecution!.status = 'COMPLETE'));
  assert.equal(activePlan(scheduled), 'deploy');
  assert.equal(activePlan(done), undefined);
});

// Test_triggeredPlan: the plan a set of changed parameter definitions triggers.
const triggerOv = operatorVersion(
  't',
  '1.0.0',
  [{ name: 'param', default: 'default' }],
  ['deploy', 'update', 'backup'],
);
const triggerCases: [string, Param[], string | undefined, boolean][] = [
  ["no change doesn't trigger anything", [], undefined, false],
  ['param without an explicit trigger, triggers update plan', [{ name: 'foo' }], 'update', false],
  ['param with an explicit trigger', [{ name: 'foo', trigger: 'backup' }], 'backup', false],
  [
    'two params with the same triggers',
    [
      { name: 'foo', trigger: 'deploy' },
      { name: 'bar', trigger: 'deploy' },
    ],
    'deploy',
    false,
  ],
  [
    'two params with conflicting triggers lead to an error',
    [
      { name: 'foo', trigger: 'deploy' },
      { name: 'bar', trigger: 'update' },
    ],
    undefined,
    true,
  ],
  ['params triggering a non-existing plan', [{ name: 'foo', trigger: 'fake' }], undefined, true],
];
for (const [name, defs, want, wantErr] of triggerCases) {
  test(`KUDO triggeredPlan: ${name}`, () => {
    const result = triggeredPlan(
      defs.map((d) => ({
        name: d.name,
        type: '',
        required: false,
        immutable: false,
        ...(d.trigger ? { trigger: d.trigger } : {}),
      })),
      triggerOv,
    );
    assert.equal(result.ok, !wantErr);
    if (result.ok) assert.equal(result.plan, want);
  });
}

// KUDO's messages, as kudo-semantics.md §5 lists them, start each denial.
const messages: [string, Case, RegExp][] = [
  [
    'different plan',
    cases[19]!,
    /^failed to update Instance test\/test: (plan 'deploy' is scheduled \(or running\) and an update would trigger a different plan|triggering multiple plans)/,
  ],
  [
    'upgrade while scheduled',
    cases[14]!,
    /^failed to update Instance test\/test: upgrade to new OperatorVersion foo-operator-2.0 while a plan 'deploy' is scheduled \(or running\) is not allowed; wait until/,
  ],
  [
    'upgrade and trigger',
    cases[15]!,
    /upgrade to new OperatorVersion foo-operator-2.0 and triggering new plan 'deploy' is not allowed; upgrade first/,
  ],
  [
    'override',
    cases[4]!,
    /overriding currently scheduled \(or running\) plan 'deploy' with 'update' is not supported; .*spec.planControl.abort/,
  ],
  [
    'cancel',
    cases[12]!,
    /cancelling currently scheduled \(or running\) plan 'deploy' is not supported; to stop it, set spec.planControl.abort/,
  ],
  [
    'params and trigger',
    cases[26]!,
    /triggering one plan 'deploy' directly and through parameter update 'deploy' is not allowed/,
  ],
  [
    'cleanup by user',
    cases[9]!,
    /only the controller schedules the 'cleanup' plan when the instance is deleted; delete the Instance/,
  ],
  [
    'cleanup override',
    cases[6]!,
    /'cleanup' plan can not be cancelled or overridden by another plan since the instance is being deleted/,
  ],
  [
    'update while deleting',
    cases[10]!,
    /parameter update and\/or upgrade is not allowed when an instance is being deleted/,
  ],
  [
    'immutable',
    cases[27]!,
    /^failed to check immutable parameters for Instance test\/test: parameter 'readonly' is immutable but was changed from 'oldvalue' to 'newFoo'/,
  ],
  [
    'new immutable',
    cases[28]!,
    /parameter 'newImmutable' was added in operator version foo-operator-2.0, but no value was provided; set spec.parameters.newImmutable/,
  ],
  [
    'made immutable',
    cases[32]!,
    /parameter 'unnamed' was changed to immutable in operator version foo-operator-2.0 but no value was provided/,
  ],
  [
    'unknown plan',
    cases[35]!,
    /^plan nonexistingplan does not exist; OperatorVersion default\/foo-operator has the plans backup, cleanup, deploy, update/,
  ],
  [
    'unknown parameter',
    cases[21]!,
    /failed to find parameter "bazz" in the OperatorVersion default\/foo-operator; remove it/,
  ],
  [
    'trigger of an unknown plan',
    cases[22]!,
    /param invalid defined trigger plan missing, but plan not defined in operatorversion/,
  ],
];
for (const [label, c, pattern] of messages) {
  test(`KUDO message (${label}) and what to do`, () => {
    const result = admitUpdate({
      old: c.old,
      fresh: c.fresh,
      namespace: 'test',
      ov: c.ov ?? ov,
      oldOv: c.oldOv ?? c.ov ?? ov,
    });
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.message, pattern);
  });
}

// The remaining messages of kudo-semantics.md §5, each on a case of its own.
const withBackup = params(idle, { foo: 'foo', readonly: 'oldvalue', backup: 'b' });
const noPlansOv = operatorVersion('foo-operator-2.0', '2.0.0', baseParams, ['backup']);
const noFallbackOv = operatorVersion('foo-operator', '1.0.0', [{ name: 'plain' }], ['backup']);
const moreMessages: [string, () => ReturnType<typeof admitUpdate>, RegExp][] = [
  [
    'upgrade with a parameter update triggering another plan than deploy',
    () =>
      admitUpdate({
        old: withBackup,
        fresh: edit(
          upgraded,
          (i) => (i.spec!.parameters = { foo: 'foo', readonly: 'oldvalue', backup: 'c' }),
        ),
        namespace: 'test',
        ov: newOv,
        oldOv: ov,
      }),
    /upgrade to new OperatorVersion foo-operator-2.0 together with a parameter update triggering 'backup' is not allowed; upgrade first, then change the parameters in a separate update/,
  ],
  [
    'only cleanup while deleting',
    () =>
      admitUpdate({
        old: deleted,
        fresh: pe(deleted, 'update', 'new-uid'),
        namespace: 'test',
        ov,
        oldOv: ov,
      }),
    /only 'cleanup' plan can be scheduled when an instance is being deleted/,
  ],
  [
    'no plan for an upgrade',
    () => admitUpdate({ old: idle, fresh: upgraded, namespace: 'test', ov: noPlansOv, oldOv: ov }),
    /couldn't find any suitable plan that would be triggered by an OperatorVersion upgrade; OperatorVersion default\/foo-operator-2.0 needs an 'upgrade', 'update' or 'deploy' plan/,
  ],
  [
    'no plan for a parameter update',
    () =>
      admitUpdate({
        old: params(idle, {}),
        fresh: params(idle, { plain: 'x' }),
        namespace: 'test',
        ov: noFallbackOv,
        oldOv: noFallbackOv,
      }),
    /couldn't find any plans that would be triggered by the update/,
  ],
  [
    'several plans at once',
    () =>
      admitUpdate({
        old: idle,
        fresh: params(idle, { foo: 'x', readonly: 'oldvalue', bar: 'x' }),
        namespace: 'test',
        ov,
        oldOv: ov,
      }),
    /triggering multiple plans: \[deploy update\] at once is not allowed; change the parameters of each plan in a separate update/,
  ],
];
for (const [label, run, pattern] of moreMessages) {
  test(`KUDO message (${label}) and what to do`, () => {
    const result = run();
    assert.equal(result.ok, false, JSON.stringify(result));
    if (!result.ok) assert.match(result.message, pattern);
  });
}
