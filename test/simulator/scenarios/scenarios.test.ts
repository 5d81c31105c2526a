// Every scenario of reference/plan-engine-scenarios.md, run through the
// simulator with the real hooks. Each test is named after its scenario.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getPath } from '../../../src/engine/kobject.ts';
import { identityOf } from '../../../src/engine/identity.ts';
import { sync } from '../../../src/engine/plan/index.ts';
import { corpusDir, loadPackage, simulate, NS } from '../../engine/plan/support.ts';
import { demoFiles } from '../../engine/plan/demo-package.ts';
import {
  appImage,
  child,
  condition,
  creations,
  deletions,
  names,
  resync,
  triggerPlan,
} from './helpers.ts';

const demo = (o = {}) => loadPackage(demoFiles(o));

test('scenario 1: history decides the children — mysql backup keeps its PVC, runs no restore, does not re-create deploy-job', () => {
  const s = simulate(loadPackage(corpusDir('mysql')));
  s.runUntilSettled(300);
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  triggerPlan(s, 'backup', 'b-1');
  s.runUntilSettled(300);
  assert.equal(s.planStatus('backup'), 'COMPLETE');
  resync(s);
  const all = names(s);
  assert.ok(all.includes('PersistentVolumeClaim/inst-backup-pv'), all.join(','));
  assert.ok(!all.some((n) => n.includes('restore')), all.join(','));
  assert.equal(creations(s, 'Job/deploy-job'), 1);
  assert.ok(!all.includes('Job/deploy-job'));
  assert.equal(creations(s, 'Job/backup-job'), 1);
});

test('scenario 2: lost bookkeeping deletes no declarative child (status wiped under the same uid)', () => {
  const s = simulate(demo());
  s.runUntilSettled();
  const before = names(s);
  const n = s.sim.records.length;
  s.sim.cluster.updateStatus(identityOf(s.instance!), {});
  resync(s);
  for (const name of before) assert.ok(names(s).includes(name), name);
  // The wiped status is indistinguishable from the first deploy's lagging
  // status writes, so that deploy resumes (docs/plan-engine.md): only its
  // Job may run again; nothing declarative is deleted.
  const deletes = s.sim.records
    .slice(n)
    .flatMap((r) => r.operations)
    .filter((o) => o.startsWith('delete'));
  assert.ok(
    deletes.every((d) => d === 'delete Job/inst-init'),
    deletes.join(','),
  );
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
});

test('scenario 2c: a restore without status (new uid) recovers: inventory from provenance, Recovered, no plan', () => {
  const p = demo();
  const s = simulate(p);
  s.runUntilSettled();
  const observed = s.children();
  const restored = structuredClone(s.instance!);
  restored.metadata.uid = 'restored-uid';
  delete restored.status;
  const out = sync({
    instance: restored,
    observedChildren: observed,
    operatorVersion: s.sim.cluster.get(identityOf(p.ov)),
    declaredTypes: s.sim.metacontroller.childTypes,
    finalizing: false,
    now: s.sim.clock.now(),
  });
  assert.deepEqual(
    out.children.map((c) => `${c.kind}/${c.metadata.name}`).sort(),
    observed.map((c) => `${c.kind}/${c.metadata.name}`).sort(),
  );
  assert.equal(out.status.maestro.execution, undefined);
  assert.equal(out.status.maestro.inventory.length, observed.length);
  assert.ok(out.status.conditions.some((c) => c.type === 'Recovered' && c.status === 'True'));
});

test('scenario 2a: a v1beta1 parent gets a 5xx, never an answer', () => {
  const p = demo();
  // The emulated Metacontroller's hook server: the real engine, sent a
  // v1beta1 parent once `asV1beta1` is set (a controller watching v1beta1).
  const asV1beta1 = { on: false };
  const clock: { now?: () => number } = {};
  const real = engineHooks(() => clock.now!());
  const s = simulate(p, {
    hooks: (hook, body) => {
      if (!asV1beta1.on || hook !== 'sync') return real(hook, body);
      const b = structuredClone(body) as { parent: Record<string, unknown> };
      b.parent.apiVersion = 'maestro.dev/v1beta1';
      return real(hook, b);
    },
  });
  clock.now = () => s.sim.clock.now();
  s.runUntilSettled();
  const children = s.children();
  const status = structuredClone(s.status);
  assert.ok(children.length > 0);
  asV1beta1.on = true;
  const key = `${NS}/${s.instance!.metadata.name}`;
  for (let i = 0; i < 3; i++) {
    const record = s.sim.metacontroller.sync(key);
    assert.ok(record, 'the simulator called the sync hook');
    assert.equal(record.answer?.status, 500);
    assert.match(record.error ?? '', /unsupported status code: 500/);
    assert.equal(record.statusWritten, false);
    assert.deepEqual(record.operations, []);
  }
  // Nothing changed: the children and the status are as the last good answer left them.
  assert.deepEqual(s.children(), children);
  assert.deepEqual(s.status, status);
});

import { engineHooks } from '../../../src/simulator/plan-simulation.ts';

test('scenario 3A: status lagging the children never rolls back or regresses (dropped status writes)', () => {
  const s = simulate(demo(), {
    metacontroller: { faults: { dropStatusWrite: (c) => c.seq % 2 === 0 } },
  });
  s.runUntilSettled(400);
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  assert.equal(creations(s, 'Deployment/inst-app'), 1);
  assert.equal(creations(s, 'ConfigMap/inst-config'), 1);
});

test('scenario 3B: a deleted init Job is not re-run when the status write of its delete is lost (zookeeper validation)', () => {
  let dropped = 0;
  const s = simulate(loadPackage(corpusDir('zookeeper')), {
    metacontroller: {
      faults: {
        dropStatusWrite: (c) => {
          const ops = JSON.stringify(c.parent.status ?? {});
          if (ops.includes('deleteIntents') && dropped < 3) {
            dropped++;
            return true;
          }
          return false;
        },
      },
    },
  });
  s.runUntilSettled(400);
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  assert.ok(dropped > 0);
  assert.equal(creations(s, 'Job/inst-validation'), 1);
  assert.ok(!names(s).includes('Job/inst-validation'));
});

test("scenario 3C: a parameter change while the first deploy's status writes are lost supersedes it with a second deploy; the init Job never runs twice in one execution", () => {
  // The property counterexample (seed 1545205): syncs 1-4 apply ConfigMap,
  // Deployment and Job of e1 and lose every status write; IMAGE changes at
  // sync 4. Without the snapshot, e1 must not be continued with the new inputs.
  const s = simulate(demo(), {
    metacontroller: { faults: { dropStatusWrite: (c) => c.seq <= 4 } },
  });
  const jobExecutions: string[] = [];
  const images: { kind: string; image: unknown }[] = [];
  s.sim.cluster.onChange((c) => {
    const o = c.after;
    if (!o) return;
    if (o.kind === 'Job' && o.metadata.name === 'inst-init' && c.before === undefined)
      jobExecutions.push(o.metadata.annotations?.['maestro.dev/execution'] ?? '');
    if (o.kind === 'ConfigMap' && o.metadata.name === 'inst-config')
      images.push({ kind: 'ConfigMap', image: getPath(o, 'data', 'image') });
    if (o.kind === 'Deployment')
      images.push({
        kind: 'Deployment',
        image: getPath(o, 'spec', 'template', 'spec', 'containers', 0, 'image'),
      });
  });
  let changed = false;
  s.sim.run({
    maxSyncs: 400,
    until: () => {
      if (!changed && s.sim.records.length >= 4) {
        changed = true;
        s.updateSpec((spec) => {
          spec.parameters = { ...((spec.parameters ?? {}) as object), IMAGE: 'nginx:changed' };
        });
      }
      return false;
    },
  });
  s.runUntilSettled();
  resync(s);
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  const history = getPath(s.status, 'maestro', 'history') as { id: string; status: string }[];
  assert.deepEqual(
    history.map((h) => [h.id.slice(0, 3), h.status]),
    [
      ['e1-', 'FATAL_ERROR'],
      ['e2-', 'COMPLETE'],
    ],
  );
  // At most one Job per execution, each made by a distinct execution.
  assert.ok(jobExecutions.length <= 2, jobExecutions.join(','));
  assert.equal(new Set(jobExecutions).size, jobExecutions.length, jobExecutions.join(','));
  // The new image reached the Deployment through e2's ConfigMap step first.
  const first = (kind: string) =>
    images.findIndex((w) => w.kind === kind && w.image === 'nginx:changed');
  assert.ok(
    first('ConfigMap') >= 0 && first('ConfigMap') < first('Deployment'),
    JSON.stringify(images),
  );
  assert.equal(
    getPath(
      child(s, 'Deployment', 'inst-app')!,
      'spec',
      'template',
      'spec',
      'containers',
      0,
      'image',
    ),
    'nginx:changed',
  );
});

test('scenario 4: a change for one plan re-renders nothing outside its steps', () => {
  const s = simulate(demo());
  s.runUntilSettled();
  triggerPlan(s, 'extra', 'e-1');
  s.runUntilSettled();
  const app = JSON.stringify(child(s, 'Deployment', 'inst-app')!.spec);
  const cfg = child(s, 'ConfigMap', 'inst-config')!.metadata.resourceVersion;
  s.updateSpec((spec) => {
    spec.parameters = { EXTRA_VALUE: 'b' };
  });
  s.runUntilSettled();
  assert.equal(s.currentPlan()?.plan, 'extra');
  assert.equal(getPath(child(s, 'ConfigMap', 'inst-extra'), 'data', 'value'), 'b');
  assert.equal(JSON.stringify(child(s, 'Deployment', 'inst-app')!.spec), app);
  assert.equal(child(s, 'ConfigMap', 'inst-config')!.metadata.resourceVersion, cfg);
});

test('scenario 4a: editing the OperatorVersion in place changes no child until a plan runs', () => {
  const p = demo();
  const s = simulate(p);
  s.runUntilSettled();
  const before = JSON.stringify(s.children().map((c) => c.spec ?? c.data));
  const ov = s.sim.cluster.get(identityOf(p.ov))!;
  const edited = structuredClone(ov);
  const templates = (edited.spec as { templates: Record<string, string> }).templates;
  templates['app.yaml'] = templates['app.yaml']!.replace('name: app', 'name: app-renamed');
  s.sim.cluster.update(edited);
  resync(s);
  assert.equal(JSON.stringify(s.children().map((c) => c.spec ?? c.data)), before);
});

test('scenario 4c: a missing OperatorVersion keeps every child and says so', () => {
  const p = demo();
  const s = simulate(p);
  s.runUntilSettled();
  const before = names(s);
  s.sim.cluster.delete(identityOf(p.ov));
  s.updateSpec((spec) => {
    spec.parameters = { IMAGE: 'nginx:2' };
  });
  s.sim.run({ maxSyncs: 20 });
  assert.deepEqual(names(s), before);
  assert.equal(condition(s, 'OperatorVersionMissing')?.status, 'True');
});

test('scenario 5: a FATAL upgrade neither loops nor releases unreached steps; abort rolls nothing back', () => {
  const v1 = demo();
  const s = simulate(v1);
  s.runUntilSettled();
  const broken = loadPackage(
    demoFiles({
      version: '0.2.0',
      image: 'nginx:2',
      templates: { 'app.yaml': '{{ .Params.NOPE }}' },
    }),
  );
  s.sim.apply(broken.ov);
  const cfgBefore = getPath(child(s, 'ConfigMap', 'inst-config'), 'data', 'image');
  s.updateSpec((spec) => {
    spec.operatorVersion = { name: broken.ov.metadata.name };
  });
  const run = s.runUntilSettled(200);
  assert.equal(s.planStatus('deploy'), 'FATAL_ERROR');
  assert.ok(run.syncs < 20, `settled in ${run.syncs} syncs`);
  // The config step (reached) rolled forward; the app step failed and its Deployment kept its body.
  assert.equal(getPath(child(s, 'ConfigMap', 'inst-config'), 'data', 'image'), 'nginx:2');
  assert.notEqual(cfgBefore, 'nginx:2');
  assert.equal(appImage(s), 'nginx:1');
  const message = JSON.stringify(s.status.planStatus);
  assert.match(message, /app\.yaml/);
  // Quiet afterwards: no hot loop of syncs.
  const n = s.sim.records.length;
  s.sim.run({ maxSyncs: 50, maxTimeMs: 600_000 });
  assert.ok(s.sim.records.length - n <= 2);
});

test('scenario 6a: a step completes only when its children show the desired hash and are healthy', () => {
  const s = simulate(demo(), { controllers: { delays: { Deployment: 30_000 } } });
  s.sim.run({ maxSyncs: 200, until: () => child(s, 'Deployment', 'inst-app') !== undefined });
  const steps = getPath(s.status, 'planStatus', 'deploy', 'phases', 0, 'steps') as {
    status: string;
  }[];
  assert.equal(steps[1]!.status, 'IN_PROGRESS');
  s.runUntilSettled();
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
});

test('scenario 6b: a failed Job makes its step FATAL with the Job named', () => {
  const s = simulate(demo(), { controllers: { faults: { failJob: () => true } } });
  s.runUntilSettled();
  assert.equal(s.planStatus('deploy'), 'FATAL_ERROR');
  assert.match(JSON.stringify(getPath(s.status, 'planStatus', 'deploy')), /Job\/inst-init/);
});

test('scenario 6: a child that never converges puts its step in ERROR by the v1 step timeout, naming it', () => {
  const p = demo({ operatorApiVersion: 'maestro.dev/v1' });
  const ov = p.ov.spec as {
    plans: Record<string, { phases: { steps: { timeout?: string }[] }[] }>;
  };
  ov.plans.deploy!.phases[0]!.steps[1]!.timeout = '60s';
  const s = simulate(p, {
    controllers: {
      faults: { healthDelay: (o) => (o.kind === 'Deployment' ? 'never' : undefined) },
    },
  });
  s.sim.run({ maxSyncs: 100, maxTimeMs: 120_000 });
  const step = getPath(s.status, 'planStatus', 'deploy', 'phases', 0, 'steps', 1) as {
    status: string;
    message: string;
  };
  assert.equal(step.status, 'ERROR');
  assert.match(step.message, /Deployment\/inst-app/);
});

test('scenario 7a: a policy/v1beta1 PodDisruptionBudget is sent as policy/v1 and never deleted (zookeeper)', () => {
  const s = simulate(loadPackage(corpusDir('zookeeper')));
  s.runUntilSettled(300);
  resync(s);
  assert.equal(creations(s, 'PodDisruptionBudget/inst-pdb'), 1);
  assert.equal(deletions(s, 'PodDisruptionBudget/inst-pdb'), 0);
  assert.equal(child(s, 'PodDisruptionBudget', 'inst-pdb')!.apiVersion, 'policy/v1');
});

test('scenario 7b: duplicate identities in a step fail it naming both templates', () => {
  const s = simulate(
    demo({
      templates: {
        'app.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Name }}-config\n`,
      },
      deploySteps: '          - name: both\n            tasks: [config, app]',
    }),
  );
  s.runUntilSettled();
  assert.equal(s.planStatus('deploy'), 'FATAL_ERROR');
  const m = JSON.stringify(getPath(s.status, 'planStatus', 'deploy'));
  assert.match(m, /config\.yaml/);
  assert.match(m, /app\.yaml/);
});

test('scenario 7c/7d: an undeclared or cluster-scoped kind fails the step naming the template, deleting nothing', () => {
  for (const [tpl, pattern] of [
    [
      'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: x\n',
      /extra\.yaml: ServiceMonitor monitoring\.coreos\.com\/v1 is not a declared child type/,
    ],
    [
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: x\n',
      /extra\.yaml: ClusterRole\/x is cluster-scoped/,
    ],
  ] as const) {
    const s = simulate(demo());
    s.runUntilSettled();
    const before = names(s);
    const bad = loadPackage(demoFiles({ version: '0.2.0', templates: { 'extra.yaml': tpl } }));
    s.sim.apply(bad.ov);
    s.updateSpec((spec) => {
      spec.operatorVersion = { name: bad.ov.metadata.name };
    });
    s.runUntilSettled();
    triggerPlan(s, 'extra', 'x-1');
    s.runUntilSettled();
    assert.equal(s.planStatus('extra'), 'FATAL_ERROR');
    assert.match(JSON.stringify(s.status.planStatus), pattern);
    assert.deepEqual(names(s), before);
  }
});

test('scenario 8: a Job that succeeded and then vanished is not re-created', () => {
  const s = simulate(demo({ deploySteps: '          - name: init\n            tasks: [init]' }));
  s.runUntilSettled();
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  const job = child(s, 'Job', 'inst-init')!;
  s.sim.cluster.delete(identityOf(job));
  s.sim.run({ maxSyncs: 20 });
  assert.equal(creations(s, 'Job/inst-init'), 1);
  assert.equal(condition(s, 'ChildrenMissing'), undefined);
});

test('scenario 9a: two triggers in one edit block with a condition and change nothing', () => {
  const s = simulate(demo());
  s.runUntilSettled();
  const before = JSON.stringify(s.children().map((c) => c.metadata.resourceVersion));
  s.updateSpec((spec) => {
    spec.parameters = { EXTRA_VALUE: 'b', IMAGE: 'nginx:3' };
  });
  s.sim.run({ maxSyncs: 20 });
  assert.equal(condition(s, 'Blocked')?.status, 'True');
  assert.match(String(condition(s, 'Blocked')?.message), /deploy, extra/);
  assert.equal(JSON.stringify(s.children().map((c) => c.metadata.resourceVersion)), before);
});

test('scenario 9b: a change for another plan waits until the running plan ends', () => {
  const s = simulate(demo());
  s.sim.run({ maxSyncs: 3 });
  assert.equal(s.currentPlan()?.plan, 'deploy');
  s.updateSpec((spec) => {
    spec.parameters = { EXTRA_VALUE: 'b' };
  });
  s.sim.run({ maxSyncs: 2 });
  assert.equal(s.currentPlan()?.plan, 'deploy');
  assert.equal(condition(s, 'PlanQueued')?.status, 'True');
  s.runUntilSettled();
  s.runUntilSettled();
  assert.equal(s.currentPlan()?.plan, 'extra');
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  assert.equal(s.planStatus('extra'), 'COMPLETE');
});

test('scenario 9c: a planExecution uid runs once even when status writes are lost', () => {
  let drop = false;
  const s = simulate(demo(), { metacontroller: { faults: { dropStatusWrite: () => drop } } });
  s.runUntilSettled();
  triggerPlan(s, 'extra', 'once');
  drop = true;
  s.sim.run({ maxSyncs: 3 });
  drop = false;
  s.runUntilSettled();
  resync(s);
  assert.equal(s.planStatus('extra'), 'COMPLETE');
  const history = getPath(s.status, 'maestro', 'history') as { plan: string }[];
  assert.equal(history.filter((h) => h.plan === 'extra').length, 1);
});

test('scenario 9e: a typed value equal to the KUDO string ("1" vs 1) triggers nothing', () => {
  const s = simulate(demo());
  s.runUntilSettled();
  const seq = getPath(s.status, 'maestro', 'sequence');
  s.updateSpec((spec) => {
    spec.parameters = { REPLICAS: 1 };
  });
  s.sim.run({ maxSyncs: 10 });
  assert.equal(getPath(s.status, 'maestro', 'sequence'), seq);
});

test('scenario 10a: finalize without a deletionTimestamp keeps every child and marks the Instance Unmanaged', () => {
  const s = simulate(demo());
  s.runUntilSettled();
  const before = names(s);
  const inst = structuredClone(s.instance!);
  inst.metadata.labels = { ...inst.metadata.labels, 'maestro.dev/operator': 'other' };
  s.sim.cluster.update(inst);
  s.sim.run({ maxSyncs: 10 });
  assert.deepEqual(names(s), before);
  assert.equal(condition(s, 'Unmanaged')?.status, 'True');
});

test('scenario 10b: on delete, cleanup runs and every child stays until finalized', () => {
  const s = simulate(demo({ withCleanup: true }));
  s.runUntilSettled();
  const before = names(s);
  s.delete();
  s.sim.run({ maxSyncs: 3 });
  for (const n of before) assert.ok(names(s).includes(n), n);
  s.sim.run({ maxSyncs: 200 });
  assert.equal(s.instance, undefined);
  assert.equal(creations(s, 'Job/inst-cleanup'), 1);
});

test('scenario 10c/e: no cleanup plan, or skip-cleanup, finalizes at once; a missing OperatorVersion waits', () => {
  const a = simulate(demo());
  a.runUntilSettled();
  a.delete();
  a.sim.run({ maxSyncs: 10 });
  assert.equal(a.instance, undefined);

  const p = demo({ withCleanup: true });
  const b = simulate(p);
  b.runUntilSettled();
  b.sim.cluster.delete(identityOf(p.ov));
  b.delete();
  b.sim.run({ maxSyncs: 10 });
  assert.notEqual(b.instance, undefined);
  assert.equal(condition(b, 'OperatorVersionMissing')?.status, 'True');
  const inst = structuredClone(b.instance!);
  inst.metadata.annotations = { ...inst.metadata.annotations, 'maestro.dev/skip-cleanup': 'true' };
  b.sim.apply(p.ov);
  b.sim.cluster.update(inst);
  b.sim.run({ maxSyncs: 10 });
  assert.equal(b.instance, undefined);
});

test('scenario 11a: a resource the new OperatorVersion drops is kept and listed as stale', () => {
  const s = simulate(demo());
  s.runUntilSettled();
  triggerPlan(s, 'extra', 'e-1');
  s.runUntilSettled();
  const next = loadPackage(demoFiles({ version: '0.2.0', extraTasks: '', templates: {} }));
  const spec = next.ov.spec as { tasks: { name: string; spec: { resources: string[] } }[] };
  spec.tasks.find((t) => t.name === 'extra')!.spec.resources = [];
  s.sim.apply(next.ov);
  s.updateSpec((sp) => {
    sp.operatorVersion = { name: next.ov.metadata.name };
  });
  s.runUntilSettled();
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  assert.ok(names(s).includes('ConfigMap/inst-extra'));
  assert.match(String(condition(s, 'StaleChildren')?.message), /ConfigMap\/inst-extra/);
});

test('scenario 12f: no default timeouts for v1beta1 — an endless Dummy plan stays IN_PROGRESS without resyncs', () => {
  const s = simulate(demo());
  s.runUntilSettled();
  s.updateSpec((spec) => {
    spec.parameters = { STUCK_VALUE: 'y' };
  });
  const r = s.sim.run({ maxSyncs: 50, maxTimeMs: 3_600_000 });
  assert.equal(s.planStatus('stuck'), 'IN_PROGRESS');
  assert.ok(r.syncs < 10, `${r.syncs} syncs`);
});

test('upgrade to a changed copy rolls the changed children in plan order', () => {
  const s = simulate(demo());
  s.runUntilSettled();
  const next = loadPackage(demoFiles({ version: '0.2.0', image: 'nginx:2' }));
  s.sim.apply(next.ov);
  s.updateSpec((spec) => {
    spec.operatorVersion = { name: next.ov.metadata.name };
  });
  s.runUntilSettled();
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  assert.equal(appImage(s), 'nginx:2');
  assert.equal(getPath(s.status, 'maestro', 'execution', 'reason'), 'upgrade');
  assert.equal(s.instance!.metadata.namespace, NS);
});

import {
  decodeHookRequest,
  encodeHookRequest,
} from '../../../src/webhooks/metacontroller/wire/index.ts';
import { runSync } from '../../../src/webhooks/metacontroller/handlers.ts';
import { canonicalJson } from '../../../src/engine/canonical-json.ts';

test('scenario 7e: switching hooks.sync.version between v1 and v2 changes no answer (identity is read from objects)', () => {
  const p = demo();
  const s = simulate(p);
  s.sim.run({ maxSyncs: 6 });
  const req = decodeHookRequest(s.sim.records.at(-1)!.request);
  const answers = (['v1', 'v2'] as const).map((version) => {
    const controller = structuredClone(p.controller);
    controller.spec.hooks!.sync!.version = version;
    const body = encodeHookRequest({
      controller,
      parent: req.parent,
      childTypes: req.childTypes,
      children: req.children.map((c) => c.object),
      relatedTypes: req.relatedTypes,
      related: req.related.map((r) => r.object),
      finalizing: false,
    });
    return runSync(decodeHookRequest(body), { now: () => s.sim.clock.now() });
  });
  assert.equal(canonicalJson(answers[0]!.children), canonicalJson(answers[1]!.children));
  assert.equal(canonicalJson(answers[0]!.status), canonicalJson(answers[1]!.status));
});

test('scenario 10d: with a GC finalizer (foreground deletion) finalize waits and keeps every child', () => {
  const p = demo({ withCleanup: true });
  const s = simulate(p);
  s.runUntilSettled();
  const req = decodeHookRequest(s.sim.records.at(-1)!.request);
  const parent = structuredClone(req.parent);
  parent.metadata.deletionTimestamp = '2026-01-01T01:00:00Z';
  parent.metadata.finalizers = [
    'foregroundDeletion',
    'metacontroller.io/compositecontroller-maestro-demo',
  ];
  const out = runSync(
    { ...req, parent, finalizing: true, hook: 'finalize' },
    { now: () => s.sim.clock.now() },
  );
  assert.equal(out.finalized, false);
  assert.equal(out.children.length, req.children.length);
  assert.ok(out.status.conditions.some((c) => c.type === 'WaitingForGarbageCollector'));
});

test('scenario 12a: answers are byte-identical between deadlines; resyncAfterSeconds counts down to the step deadline', () => {
  const p = demo({ operatorApiVersion: 'maestro.dev/v1' });
  const ov = p.ov.spec as {
    plans: Record<string, { phases: { steps: { timeout?: string }[] }[] }>;
  };
  ov.plans.deploy!.phases[0]!.steps[1]!.timeout = '10m';
  const s = simulate(p, {
    controllers: {
      faults: { healthDelay: (o) => (o.kind === 'Deployment' ? 'never' : undefined) },
    },
  });
  s.sim.run({ maxSyncs: 3 });
  const req = decodeHookRequest(s.sim.records.at(-1)!.request);
  const at = (t: number) => runSync(req, { now: () => s.sim.clock.now() + t });
  const a = at(0);
  const b = at(60_000);
  assert.equal(canonicalJson(a.children), canonicalJson(b.children));
  assert.equal(canonicalJson(a.status), canonicalJson(b.status));
  assert.ok(
    a.resyncAfterSeconds! > b.resyncAfterSeconds!,
    `${a.resyncAfterSeconds} then ${b.resyncAfterSeconds}`,
  );
  const late = at(11 * 60_000);
  assert.match(JSON.stringify(late.status.planStatus.deploy), /not converged by its deadline/);
});

test('v1 declared health checks gate a step on a custom condition', () => {
  const p = demo({ operatorApiVersion: 'maestro.dev/v1' });
  (p.ov.spec as Record<string, unknown>).healthChecks = [
    { group: '', kind: 'ConfigMap', fields: [{ path: 'data.ready', equals: 'yes' }] },
  ];
  const s = simulate(p);
  s.sim.run({ maxSyncs: 20 });
  assert.equal(
    getPath(s.status, 'planStatus', 'deploy', 'phases', 0, 'steps', 0, 'status'),
    'IN_PROGRESS',
  );
  assert.match(String(condition(s, 'Ready')?.message), /data\.ready is not set/);
});
