// Scenario 11 of reference/plan-engine-scenarios.md, the parts about seeds
// and pruning: sticky generated children (11c), spec.planControl.rotate, and
// the explicit prune of stale children (11a's fix). Through the simulator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { getPath } from '../../../src/engine/kobject.ts';
import { identityOf } from '../../../src/engine/identity.ts';
import { sync } from '../../../src/engine/plan/index.ts';
import { loadPackage, simulate } from '../../engine/plan/support.ts';
import { appTemplate, demoFiles } from '../../engine/plan/demo-package.ts';
import type { DemoOptions } from '../../engine/plan/demo-package.ts';
import { appImage, child, condition, deletions, names, resync, triggerPlan } from './helpers.ts';
import type { PlanSimulation } from '../../../src/simulator/plan-simulation.ts';

const secretTask = `  - name: secret
    kind: Apply
    spec:
      resources: [{{FILE}}]
`;

const secretTemplate = (before = '') => `${before}apiVersion: v1
kind: Secret
metadata:
  name: {{ .Name }}-creds
stringData:
  password: {{ randAlphaNum 16 | quote }}
`;

const deploySteps = `          - name: config
            tasks: [config]
          - name: secret
            tasks: [secret]
          - name: app
            tasks: [app]`;

/** The demo package with a Secret whose password comes from randAlphaNum. */
function seeded(o: DemoOptions & { file?: string; before?: string } = {}) {
  const file = o.file ?? 'secret.yaml';
  return loadPackage(
    demoFiles({
      deploySteps,
      ...o,
      extraTasks: secretTask.replace('{{FILE}}', file) + (o.extraTasks ?? ''),
      templates: { [file]: secretTemplate(o.before), ...(o.templates ?? {}) },
    }),
  );
}

/**
 * A Secret's password: the templates write stringData, which the API server
 * (and the engine's stored form, and so the simulator) folds into base64 data.
 */
const passwordOf = (secret: unknown): unknown => {
  const b64 = getPath(secret, 'data', 'password');
  return typeof b64 === 'string' ? Buffer.from(b64, 'base64').toString('utf8') : undefined;
};

const password = (s: PlanSimulation): unknown => passwordOf(child(s, 'Secret', 'inst-creds'));

function upgrade(s: PlanSimulation, next: ReturnType<typeof seeded>): void {
  s.sim.apply(next.ov);
  s.updateSpec((spec) => {
    spec.operatorVersion = { name: next.ov.metadata.name };
  });
}

test('scenario 11c (a): a renamed template with a new randAlphaNum call before the old one keeps the generated password', () => {
  const s = simulate(seeded());
  s.runUntilSettled();
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  const first = password(s);
  assert.equal(typeof first, 'string');
  assert.equal(
    child(s, 'Secret', 'inst-creds')?.metadata.annotations?.['maestro.dev/generated'],
    'true',
  );
  const next = seeded({
    version: '0.2.0',
    image: 'nginx:2',
    file: 'credentials.yaml',
    before: '{{- $salt := randAlphaNum 8 }}\n',
  });
  upgrade(s, next);
  s.runUntilSettled();
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  assert.equal(getPath(s.status, 'maestro', 'execution', 'reason'), 'upgrade');
  // The step re-ran (the Deployment took the new image) ...
  assert.equal(appImage(s), 'nginx:2');
  // ... and the Secret is the one applied first, now recorded under the new template.
  assert.equal(password(s), first);
  const inv = (
    getPath(s.status, 'maestro', 'inventory') as { name: string; template?: string }[]
  ).find((i) => i.name === 'inst-creds');
  assert.equal(inv?.template, 'credentials.yaml');
  assert.equal(condition(s, 'StaleChildren'), undefined);
});

test('scenario 11c (a) control: without the sticky rule the renamed template would draw another password', () => {
  // Two fresh instances with the same uid differ only in the template name
  // and the extra call: their first renders differ, so keeping the value in
  // (a) is the sticky rule's doing, not a coincidence of seeds.
  const a = simulate(seeded());
  a.runUntilSettled();
  const b = simulate(
    seeded({ file: 'credentials.yaml', before: '{{- $salt := randAlphaNum 8 }}\n' }),
  );
  b.runUntilSettled();
  assert.equal(a.instance!.metadata.uid, b.instance!.metadata.uid);
  assert.notEqual(password(a), password(b));
});

test('scenario 11c (b): a parameter update that re-runs the step keeps the generated password', () => {
  const s = simulate(seeded());
  s.runUntilSettled();
  const first = password(s);
  const seq = getPath(s.status, 'maestro', 'sequence');
  s.updateSpec((spec) => {
    spec.parameters = { REPLICAS: 3 };
  });
  s.runUntilSettled();
  assert.notEqual(getPath(s.status, 'maestro', 'sequence'), seq);
  assert.equal(getPath(child(s, 'Deployment', 'inst-app'), 'spec', 'replicas'), 3);
  assert.equal(password(s), first);
});

function rotate(s: PlanSimulation, uid: string, names?: string[]): void {
  s.updateSpec((spec) => {
    const pc = (spec.planControl ?? {}) as Record<string, unknown>;
    pc.rotate = { uid, ...(names && { names }) };
    spec.planControl = pc;
  });
}

test('scenario 11c (c): rotate regenerates the password exactly once, even when status writes are lost', () => {
  let drop = false;
  const s = simulate(seeded(), { metacontroller: { faults: { dropStatusWrite: () => drop } } });
  s.runUntilSettled();
  const first = password(s);
  rotate(s, 'r-1');
  s.runUntilSettled();
  // Rotate runs no plan by itself: the password waits for its step.
  assert.equal(password(s), first);
  assert.match(String(condition(s, 'RotationPending')?.message), /Secret\/inst-creds/);
  drop = true;
  triggerPlan(s, 'deploy', 'p-2');
  s.sim.run({ maxSyncs: 6 });
  drop = false;
  s.runUntilSettled();
  resync(s);
  const rotated = password(s);
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  assert.notEqual(rotated, first);
  assert.equal(
    child(s, 'Secret', 'inst-creds')?.metadata.annotations?.['maestro.dev/generated'],
    'r-1',
  );
  assert.equal(condition(s, 'RotationPending'), undefined);
  // Every value the Secret ever had: the first, then the rotated one; never a third.
  const seen = new Set(
    s.sim.records
      .flatMap((r) => r.response?.children ?? [])
      .filter((c) => c.kind === 'Secret')
      .map((c) => passwordOf(c)),
  );
  assert.deepEqual([...seen].sort(), [first, rotated].sort());
  // Running the step again keeps the rotated value.
  triggerPlan(s, 'deploy', 'p-3');
  s.runUntilSettled();
  assert.equal(password(s), rotated);
});

test('scenario 11c (c): a rotate that names another child leaves this one alone', () => {
  const s = simulate(seeded());
  s.runUntilSettled();
  const first = password(s);
  rotate(s, 'r-x', ['Secret/other']);
  s.runUntilSettled();
  triggerPlan(s, 'deploy', 'p-2');
  s.runUntilSettled();
  assert.equal(password(s), first);
  rotate(s, 'r-y', ['Secret/inst-creds']);
  s.runUntilSettled();
  triggerPlan(s, 'deploy', 'p-3');
  s.runUntilSettled();
  assert.notEqual(password(s), first);
});

test('scenario 11c (d): a lost status (recovery) keeps the generated password, and so does a later upgrade', () => {
  const s = simulate(seeded());
  s.runUntilSettled();
  triggerPlan(s, 'deploy', 'p-2');
  s.runUntilSettled();
  const first = password(s);
  s.sim.cluster.updateStatus(identityOf(s.instance!), {});
  resync(s);
  assert.equal(password(s), first);
  const next = seeded({
    version: '0.2.0',
    file: 'credentials.yaml',
    before: '{{- $a := randAscii 3 }}\n',
  });
  upgrade(s, next);
  s.runUntilSettled();
  assert.equal(password(s), first);
});

test('scenario 11c (d): the first deploy resumed after its status writes were lost renders the password once', () => {
  const s = simulate(seeded(), {
    metacontroller: { faults: { dropStatusWrite: (c) => c.seq <= 4 } },
  });
  s.runUntilSettled();
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  const seen = new Set(
    s.sim.records
      .flatMap((r) => r.response?.children ?? [])
      .filter((c) => c.kind === 'Secret')
      .map((c) => passwordOf(c)),
  );
  assert.equal(seen.size, 1);
});

// ---- 11a: explicit prune.

const withExtra = () =>
  loadPackage(
    demoFiles({
      templates: {
        'extra.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Name }}-extra
data:
  v: {{ .Params.EXTRA_VALUE | quote }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Name }}-extra2
data:
  v: "2"
`,
      },
    }),
  );

/** Deploy, run `extra`, then upgrade to an OperatorVersion whose `extra` task renders nothing. */
function staleSetup(faults = {}): PlanSimulation {
  const s = simulate(withExtra(), { metacontroller: { faults } });
  s.runUntilSettled();
  triggerPlan(s, 'extra', 'e-1');
  s.runUntilSettled();
  const next = loadPackage(demoFiles({ version: '0.2.0' }));
  const spec = next.ov.spec as { tasks: { name: string; spec: { resources: string[] } }[] };
  spec.tasks.find((t) => t.name === 'extra')!.spec.resources = [];
  s.sim.apply(next.ov);
  s.updateSpec((sp) => {
    sp.operatorVersion = { name: next.ov.metadata.name };
  });
  s.runUntilSettled();
  return s;
}

function prune(s: PlanSimulation, uid: string, names?: string[]): void {
  s.updateSpec((spec) => {
    const pc = (spec.planControl ?? {}) as Record<string, unknown>;
    pc.prune = { uid, ...(names && { names }) };
    spec.planControl = pc;
  });
}

const deleted = (s: PlanSimulation, from: number): string[] =>
  s.sim.records
    .slice(from)
    .flatMap((r) => r.operations)
    .filter((o) => o.startsWith('delete '))
    .map((o) => o.slice('delete '.length));

test('scenario 11a: prune deletes the stale children, clears StaleChildren, and deletes nothing else', () => {
  const s = staleSetup();
  assert.match(String(condition(s, 'StaleChildren')?.message), /ConfigMap\/inst-extra\b/);
  assert.deepEqual(getPath(s.status, 'maestro', 'staleChildren'), [
    'ConfigMap/inst-extra',
    'ConfigMap/inst-extra2',
  ]);
  const before = names(s);
  const from = s.sim.records.length;
  prune(s, 'pr-1');
  s.runUntilSettled();
  resync(s);
  assert.deepEqual(deleted(s, from).sort(), ['ConfigMap/inst-extra', 'ConfigMap/inst-extra2']);
  assert.equal(condition(s, 'StaleChildren'), undefined);
  assert.equal(getPath(s.status, 'maestro', 'staleChildren'), undefined);
  assert.deepEqual(
    names(s).sort(),
    before.filter((n) => !n.startsWith('ConfigMap/inst-extra')).sort(),
  );
});

test('scenario 11a: prune of named children deletes only those; naming a child that is not stale refuses the whole prune', () => {
  const s = staleSetup();
  let from = s.sim.records.length;
  prune(s, 'pr-bad', ['ConfigMap/inst-extra', 'Deployment/inst-app']);
  s.runUntilSettled();
  resync(s);
  assert.deepEqual(deleted(s, from), []);
  assert.match(String(condition(s, 'PruneRejected')?.message), /Deployment\/inst-app.*not stale/);
  from = s.sim.records.length;
  prune(s, 'pr-2', ['ConfigMap/inst-extra2']);
  s.runUntilSettled();
  resync(s);
  assert.deepEqual(deleted(s, from), ['ConfigMap/inst-extra2']);
  assert.equal(condition(s, 'PruneRejected'), undefined);
  assert.match(String(condition(s, 'StaleChildren')?.message), /ConfigMap\/inst-extra\b/);
  assert.doesNotMatch(String(condition(s, 'StaleChildren')?.message), /inst-extra2/);
});

test('scenario 11a: prune waits while a plan runs', () => {
  const s = staleSetup();
  s.updateSpec((spec) => {
    spec.parameters = { STUCK_VALUE: 'y' };
  });
  s.sim.run({ maxSyncs: 20 });
  assert.equal(s.planStatus('stuck'), 'IN_PROGRESS');
  const from = s.sim.records.length;
  prune(s, 'pr-1');
  s.sim.run({ maxSyncs: 20 });
  assert.deepEqual(deleted(s, from), []);
  assert.match(String(condition(s, 'PrunePending')?.message), /plan stuck/);
  s.updateSpec((spec) => {
    spec.planControl = { ...(spec.planControl as object), abort: { uid: 'a-1' } };
  });
  s.runUntilSettled();
  resync(s);
  assert.deepEqual(deleted(s, from).sort(), ['ConfigMap/inst-extra', 'ConfigMap/inst-extra2']);
});

test('scenario 11a property: with random lost status writes, a prune deletes exactly stale children, once each', () => {
  fc.assert(
    fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }), (drops) => {
      let i = 0;
      let armed = false;
      const s = staleSetup({
        dropStatusWrite: () => armed && (drops[i++ % drops.length] ?? false),
      });
      const stale = new Set(getPath(s.status, 'maestro', 'staleChildren') as string[]);
      const from = s.sim.records.length;
      armed = true;
      prune(s, 'pr-1', ['ConfigMap/inst-extra']);
      s.sim.run({ maxSyncs: 12 });
      armed = false;
      s.runUntilSettled();
      resync(s);
      const gone = deleted(s, from);
      for (const g of gone) assert.ok(stale.has(g), `${g} was not stale`);
      assert.deepEqual(gone, ['ConfigMap/inst-extra']);
      assert.equal(deletions(s, 'Deployment/inst-app'), 0);
    }),
    { numRuns: 8, seed: 11 },
  );
});

test('scenario 11c: a child applied without the mark (older Maestro, or a fixed value) is kept when its new render draws a generator', () => {
  const fixed = `apiVersion: v1
kind: Secret
metadata:
  name: {{ .Name }}-creds
stringData:
  password: "fixed"
`;
  const s = simulate(seeded({ templates: { 'secret.yaml': fixed } }));
  s.runUntilSettled();
  assert.equal(password(s), 'fixed');
  assert.equal(
    child(s, 'Secret', 'inst-creds')?.metadata.annotations?.['maestro.dev/generated'],
    undefined,
  );
  upgrade(s, seeded({ version: '0.2.0' }));
  s.runUntilSettled();
  assert.equal(getPath(s.status, 'maestro', 'execution', 'reason'), 'upgrade');
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  assert.equal(password(s), 'fixed');
});

test('scenario 11c: pods that mount a sticky Secret do not roll for it; a rotation rolls them', () => {
  const app = appTemplate(
    'nginx:1',
    `        - name: creds
          secret:
            secretName: {{ .Name }}-creds
`,
  );
  const steps = `          - name: secret-and-app
            tasks: [secret, app]`;
  const depHash = (s: PlanSimulation) =>
    getPath(
      child(s, 'Deployment', 'inst-app'),
      'spec',
      'template',
      'metadata',
      'annotations',
      'kudo.dev/dependencies-hash',
    );
  const s = simulate(seeded({ deploySteps: steps, templates: { 'app.yaml': app } }));
  s.runUntilSettled();
  const first = depHash(s);
  assert.equal(typeof first, 'string');
  upgrade(
    s,
    seeded({
      version: '0.2.0',
      deploySteps: steps,
      file: 'credentials.yaml',
      before: '{{- $salt := randAlphaNum 8 }}\n',
      templates: { 'app.yaml': app },
    }),
  );
  s.runUntilSettled();
  assert.equal(getPath(s.status, 'maestro', 'execution', 'reason'), 'upgrade');
  assert.equal(depHash(s), first);
  rotate(s, 'r-1');
  triggerPlan(s, 'deploy', 'p-2');
  s.runUntilSettled();
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  assert.notEqual(depHash(s), first);
});

test('scenario 11c property: under random lost and lagging status writes, a rotation changes the password once', () => {
  fc.assert(
    fc.property(
      fc.array(fc.boolean(), { minLength: 1, maxLength: 10 }),
      fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 10 }),
      (drops, lags) => {
        let i = 0;
        let j = 0;
        let armed = false;
        const s = simulate(seeded(), {
          metacontroller: {
            faults: {
              dropStatusWrite: () => armed && (drops[i++ % drops.length] ?? false),
              staleParent: () => (armed ? (lags[j++ % lags.length] ?? 0) : 0),
            },
          },
        });
        s.runUntilSettled();
        const first = password(s);
        armed = true;
        rotate(s, 'r-1');
        triggerPlan(s, 'deploy', 'p-2');
        s.sim.run({ maxSyncs: 15 });
        armed = false;
        s.runUntilSettled();
        resync(s);
        const rotated = password(s);
        assert.notEqual(rotated, first);
        const seen = new Set(
          s.sim.records
            .flatMap((r) => r.response?.children ?? [])
            .filter((c) => c.kind === 'Secret')
            .map((c) => passwordOf(c)),
        );
        assert.deepEqual([...seen].sort(), [first, rotated].sort());
      },
    ),
    { numRuns: 8, seed: 7 },
  );
});

test('a consumed prune uid the spec still holds survives the consumed-uid cap (it never runs twice)', () => {
  const s = staleSetup();
  const inst = structuredClone(s.instance!);
  // pr-1 was consumed long ago (say, when nothing was stale), and twenty other
  // control uids were consumed after it, the newest being consumed now.
  const m = (inst.status as { maestro: { consumedControls: string[] } }).maestro;
  m.consumedControls = ['pr-1', ...Array.from({ length: 19 }, (_, k) => `c-${k}`)];
  (inst.spec as Record<string, unknown>).planControl = {
    prune: { uid: 'pr-1' },
    continue: { uid: 'c-new' },
  };
  const out = sync({
    instance: inst,
    observedChildren: s.children(),
    operatorVersion: s.sim.cluster.get({
      group: 'maestro.dev',
      kind: 'OperatorVersion',
      namespace: inst.metadata.namespace ?? '',
      name: getPath(inst, 'spec', 'operatorVersion', 'name') as string,
    }),
    declaredTypes: s.sim.metacontroller.childTypes,
    finalizing: false,
    now: s.sim.clock.now(),
  });
  const consumed = out.status.maestro.consumedControls;
  assert.equal(consumed.length, 20);
  assert.ok(consumed.includes('pr-1'));
  assert.ok(consumed.includes('c-new'));
  assert.ok(!consumed.includes('c-0'));
  assert.equal(out.status.maestro.deleteIntents.length, 0);
});

test('scenario 11c (a) under server-side apply: the renamed template keeps the generated password', () => {
  const s = simulate(seeded(), { metacontroller: { applyStrategy: 'server-side-apply' } });
  s.runUntilSettled();
  const first = password(s);
  assert.equal(typeof first, 'string');
  upgrade(
    s,
    seeded({
      version: '0.2.0',
      file: 'credentials.yaml',
      before: '{{- $salt := randAlphaNum 8 }}\n',
    }),
  );
  s.runUntilSettled();
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  assert.equal(getPath(s.status, 'maestro', 'execution', 'reason'), 'upgrade');
  assert.equal(password(s), first);
});

test('scenario 11c: a rotated Secret deleted by hand comes back with its rotated password, not the first one', () => {
  const s = simulate(seeded());
  s.runUntilSettled();
  const first = password(s);
  rotate(s, 'r-1');
  s.runUntilSettled();
  triggerPlan(s, 'deploy', 'p-2');
  s.runUntilSettled();
  const rotated = password(s);
  assert.notEqual(rotated, first);
  s.sim.cluster.delete(identityOf(child(s, 'Secret', 'inst-creds')!));
  s.sim.run({ maxSyncs: 20 });
  assert.equal(password(s), rotated);
  assert.equal(condition(s, 'ChildrenMissing'), undefined);
});
