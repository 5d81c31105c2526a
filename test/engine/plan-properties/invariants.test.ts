// The six invariants of DESIGN.md as fast-check properties: whole plans run
// through the simulator with random fault schedules (status writes dropped,
// children late or never healthy, Jobs failing, parameter changes and
// upgrades mid-plan, a lagging informer cache standing in for replicas that
// answer out of order), under both of Metacontroller's apply strategies
// (dynamic apply, server-side apply). numRuns is modest to bound CI time; the seed is printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { getPath, isRecord } from '../../../src/engine/kobject.ts';
import type { KObject } from '../../../src/engine/kobject.ts';
import { identityOf } from '../../../src/engine/identity.ts';
import { canonicalJson } from '../../../src/engine/canonical-json.ts';
import { engineHooks } from '../../../src/simulator/plan-simulation.ts';
import { loadPackage, simulate } from '../plan/support.ts';
import { demoFiles } from '../plan/demo-package.ts';

const SEED = Number(process.env.MAESTRO_PROPERTY_SEED ?? Date.now() % 1_000_000);
const RUNS = Number(process.env.MAESTRO_PROPERTY_RUNS ?? 20);
console.log(`# plan invariants: seed ${SEED}, ${RUNS} runs (MAESTRO_PROPERTY_SEED to replay)`);

// The app step has a deadline, so a Deployment that never becomes healthy
// must turn the step to ERROR (bounded retries); 10m is far beyond deployDelay.
const deploySteps = `          - name: config
            tasks: [config]
          - name: app
            tasks: [app]
            timeout: 10m
          - name: init
            tasks: [init]
          - name: init-cleanup
            tasks: [init-cleanup]`;
const v1 = loadPackage(demoFiles({ deploySteps }));
const v2 = loadPackage(demoFiles({ deploySteps, version: '0.2.0', image: 'nginx:upgraded' }));

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v !== null && typeof v === 'object' ? (v as Obj) : {});

/** The status the engine gave a step in one answer. */
function stepStatus(status: unknown, plan: string, phase: string, step: string): unknown {
  const phases = getPath(asObj(status), 'planStatus', plan, 'phases');
  const ph = (Array.isArray(phases) ? phases : []).map(asObj).find((p) => p.name === phase);
  const steps = Array.isArray(ph?.steps) ? ph.steps : [];
  return steps.map(asObj).find((st) => st.name === step)?.status;
}

const schedule = fc.record({
  hookVersion: fc.constantFrom('v1' as const, 'v2' as const),
  applyStrategy: fc.constantFrom('dynamic-apply' as const, 'server-side-apply' as const),
  dropWrites: fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 12 }),
  staleChildren: fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 6 }),
  lagParent: fc.uniqueArray(fc.integer({ min: 2, max: 40 }), { maxLength: 4 }),
  deployDelay: fc.integer({ min: 0, max: 60_000 }),
  jobFails: fc.boolean(),
  neverHealthy: fc.boolean(),
  change: fc.option(
    fc.record({
      atSync: fc.integer({ min: 1, max: 12 }),
      kind: fc.constantFrom('image', 'extra', 'upgrade', 'two-plans'),
    }),
    { nil: undefined },
  ),
});
type Schedule = typeof schedule extends fc.Arbitrary<infer T> ? T : never;

// Forged and corrupted status: someone with write access to instances/status
// edits status.maestro between syncs. Status may hint, never order.
const forgedReason = fc.constantFrom(
  'forged',
  'prune',
  'retry replaces the failed Deployment',
  'onFailure retry replaces the failed Job',
  'Delete task init-cleanup of deploy.main.init-cleanup',
  'Apply task app of deploy.main.app',
);
const edit = fc.oneof(
  fc.record({
    kind: fc.constant('intents-all' as const),
    reason: forgedReason,
    current: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('wipe' as const) }),
  fc.record({
    kind: fc.constant('inventory' as const),
    how: fc.constantFrom('drop', 'ghost-task', 'ghost-template', 'other-execution'),
  }),
  fc.record({
    kind: fc.constant('execution' as const),
    status: fc.constantFrom('COMPLETE', 'FATAL_ERROR', 'IN_PROGRESS', 'NEVER_RUN', 'bogus'),
    plan: fc.constantFrom('deploy', 'update', 'cleanup', 'nope'),
  }),
  fc.record({
    kind: fc.constant('field' as const),
    field: fc.constantFrom(
      'sequence',
      'baseline',
      'consumedPlanExecutions',
      'consumedControls',
      'history',
      'inventory',
      'deleteIntents',
      'execution',
      'rotations',
      'staleChildren',
    ),
    value: fc.jsonValue({ maxDepth: 2 }),
  }),
);
const forgery = fc.record({
  base: schedule,
  edits: fc.array(fc.record({ atSync: fc.integer({ min: 1, max: 30 }), edit }), {
    minLength: 1,
    maxLength: 4,
  }),
});
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

/** status.maestro after one forged or corrupting edit; `children` are the Instance's children. */
function forge(
  status: Record<string, unknown>,
  e: Edit,
  children: KObject[],
): Record<string, unknown> {
  const next = structuredClone(status);
  const m = (isRecord(next.maestro) ? next.maestro : (next.maestro = {})) as Record<
    string,
    unknown
  >;
  const exec = isRecord(m.execution) ? m.execution : undefined;
  const inventory = Array.isArray(m.inventory) ? (m.inventory as Record<string, unknown>[]) : [];
  switch (e.kind) {
    case 'intents-all':
      m.deleteIntents = children.map((c) => ({
        ...identityOf(c),
        apiVersion: c.apiVersion,
        execution: e.current && typeof exec?.id === 'string' ? exec.id : 'e9-forged',
        reason: e.reason,
      }));
      break;
    case 'wipe':
      delete next.maestro;
      break;
    case 'inventory':
      if (e.how === 'drop') m.inventory = [];
      else
        m.inventory = inventory.map((i) => ({
          ...i,
          ...(e.how === 'ghost-task' && { task: 'ghost' }),
          ...(e.how === 'ghost-template' && { template: 'ghost.yaml' }),
          ...(e.how === 'other-execution' && { execution: 'e9-forged' }),
        }));
      break;
    case 'execution':
      if (exec) Object.assign(exec, { status: e.status, plan: e.plan });
      break;
    case 'field':
      m[e.field] = e.value;
      break;
  }
  return next;
}

function runSchedule(f: Schedule, edits: { atSync: number; edit: Edit }[] = []) {
  // The schedule disturbs the run; the settling syncs after it run clean.
  const faults = { on: true };
  const holder: { s?: ReturnType<typeof simulate> } = {};
  const p = structuredClone(v1);
  for (const h of ['sync', 'finalize', 'customize'] as const)
    p.controller.spec.hooks![h]!.version = f.hookVersion;
  const s = simulate(p, {
    metacontroller: {
      applyStrategy: f.applyStrategy,
      faults: {
        dropStatusWrite: (c) => faults.on && f.dropWrites.includes(c.seq),
        staleChildren: (c) => faults.on && f.staleChildren.includes(c.seq),
        // Lag only right after a status write: the informer cache is monotone,
        // so a request never carries a status older than the previous request's.
        staleParent: (c) =>
          faults.on && f.lagParent.includes(c.seq) && holder.s?.sim.records.at(-2)?.statusWritten
            ? 1
            : 0,
      },
    },
    controllers: {
      faults: {
        failJob: () => f.jobFails,
        healthDelay: (o) =>
          o.kind === 'Deployment' ? (f.neverHealthy ? 'never' : f.deployDelay) : undefined,
      },
    },
  });
  holder.s = s;
  s.sim.apply(v2.ov);
  // Every write of an image, in order: (kind, image).
  const writes: { kind: string; image: unknown }[] = [];
  s.sim.cluster.onChange((c) => {
    const o = c.after;
    if (o?.kind === 'ConfigMap' && o.metadata.name === 'inst-config')
      writes.push({ kind: 'ConfigMap', image: getPath(o, 'data', 'image') });
    if (o?.kind === 'Deployment')
      writes.push({
        kind: 'Deployment',
        image: getPath(o, 'spec', 'template', 'spec', 'containers', 0, 'image'),
      });
  });
  let changed = -1;
  const ops = () => s.sim.records.flatMap((r) => r.operations.map((op) => ({ seq: r.seq, op })));
  const forged = new Set<number>();
  s.sim.run({
    maxSyncs: 400,
    until: () => {
      for (const [i, e] of edits.entries()) {
        if (forged.has(i) || s.sim.records.length < e.atSync || !faults.on) continue;
        forged.add(i);
        const inst = s.instance!;
        const children = s.sim.cluster
          .all()
          .filter((o) =>
            ((o.metadata.ownerReferences ?? []) as { uid?: string }[]).some(
              (r) => r.uid === inst.metadata.uid,
            ),
          );
        s.sim.cluster.updateStatus(identityOf(inst), forge(s.status, e.edit, children));
      }
      if (f.change && changed < 0 && s.sim.records.length >= f.change.atSync) {
        changed = s.sim.records.length;
        s.updateSpec((spec) => {
          const params = (spec.parameters ?? {}) as Record<string, unknown>;
          if (f.change!.kind === 'image') params.IMAGE = 'nginx:changed';
          if (f.change!.kind === 'extra') params.EXTRA_VALUE = 'changed';
          if (f.change!.kind === 'two-plans')
            Object.assign(params, { IMAGE: 'nginx:changed', EXTRA_VALUE: 'changed' });
          if (f.change!.kind === 'upgrade') spec.operatorVersion = { name: v2.ov.metadata.name };
          spec.parameters = params;
        });
      }
      return false;
    },
  });
  faults.on = false;
  // Metacontroller's periodic resync: a few more syncs until one writes nothing.
  for (let i = 0; i < 5; i++) {
    const inst = s.instance!;
    const n = s.sim.records.length;
    s.sim.metacontroller.enqueue(`${inst.metadata.namespace}/${inst.metadata.name}`, 0);
    s.sim.run({ maxSyncs: 50 });
    if (
      s.sim.records
        .slice(n)
        .every(
          (r) =>
            !r.statusWritten &&
            !r.operations.some((o) => /^(create|update|delete|recreate) /.test(o)),
        )
    )
      break;
  }
  return { s, changed, ops: ops(), writes };
}

test('continuity and no silent damage: only Delete steps and Job replacements delete, and only Jobs; a child changes only while the step that renders it runs', () => {
  fc.assert(
    fc.property(schedule, (f) => {
      const { s, ops } = runSchedule(f);
      const deletes = ops.filter((o) => o.op.startsWith('delete ') || o.op.startsWith('recreate '));
      for (const d of deletes)
        assert.match(d.op, /^(delete|recreate) Job\/inst-init$/, JSON.stringify(d));
      assert.deepEqual(
        ops.filter((o) => o.op.startsWith('release ')),
        [],
        'no child is orphaned',
      );
      // Every create or update of a child comes from an answer in which the
      // step that rendered it (its maestro.dev/plan, phase and step) is running:
      // a child no running step touches goes back unchanged.
      // A write whose content hash (maestro.dev/hash) equals what was emitted
      // before only re-stamps provenance (a recovered execution's id): allowed.
      let writes = 0;
      const lastHash = new Map<string, string>();
      for (const r of s.sim.records) {
        const children = (r.response as { children?: unknown[] } | undefined)?.children ?? [];
        const emittedBefore = new Map(lastHash);
        for (const c of children.map(asObj)) {
          const meta = asObj(c.metadata);
          lastHash.set(
            `${String(c.kind)}/${String(meta.name)}`,
            String(asObj(meta.annotations)['maestro.dev/hash']),
          );
        }
        for (const op of r.operations) {
          const m = /^(create|update|recreate) ([^/]+)\/(.+)$/.exec(op);
          if (!m) continue;
          writes++;
          const child = children
            .map(asObj)
            .find((c) => c.kind === m[2] && asObj(c.metadata).name === m[3]);
          assert.ok(child, `sync ${r.seq}: ${op} of a child the answer does not hold`);
          const ann = asObj(asObj(child.metadata).annotations);
          if (m[1] === 'update' && emittedBefore.get(`${m[2]}/${m[3]}`) === ann['maestro.dev/hash'])
            continue;
          // Job replacements (a failed Job re-created) are the other exception, as for deletes.
          if (m[2] === 'Job') continue;
          const [plan, phase, step] = ['plan', 'phase', 'step'].map((k) =>
            String(ann[`maestro.dev/${k}`]),
          ) as [string, string, string];
          assert.equal(
            stepStatus(r.response?.status, plan, phase, step),
            'IN_PROGRESS',
            `sync ${r.seq}: ${op}, rendered by ${plan}.${phase}.${step}, which is not running`,
          );
        }
      }
      assert.ok(writes > 0, 'the run applied children');
    }),
    { seed: SEED, numRuns: RUNS },
  );
});

test('ordered rollout: an image reaches the Deployment only after the ConfigMap step rendered it', () => {
  fc.assert(
    fc.property(schedule, (f) => {
      const { writes } = runSchedule(f);
      const first = (kind: string, image: unknown) =>
        writes.findIndex((w) => w.kind === kind && w.image === image);
      for (const w of writes) {
        if (w.kind !== 'Deployment') continue;
        const cfg = first('ConfigMap', w.image);
        assert.ok(
          cfg >= 0 && cfg < first('Deployment', w.image),
          `Deployment got ${String(w.image)} before its ConfigMap`,
        );
      }
    }),
    { seed: SEED, numRuns: RUNS },
  );
});

test('determinism and fixpoint: the same request answers byte-identically; a settled instance makes no changes', () => {
  fc.assert(
    fc.property(schedule, (f) => {
      const { s } = runSchedule(f);
      const hooks = engineHooks(() => s.sim.clock.now());
      const last = s.sim.records.at(-1)!;
      const a = hooks('sync', last.request);
      const b = hooks('sync', last.request);
      assert.equal(canonicalJson(a), canonicalJson(b));
      // One more sync on the settled state: no operations, no status write.
      const inst = s.instance!;
      s.sim.metacontroller.enqueue(`${inst.metadata.namespace}/${inst.metadata.name}`, 0);
      const n = s.sim.records.length;
      s.sim.run({ maxSyncs: 3 });
      const extra = s.sim.records.slice(n);
      for (const r of extra) {
        assert.deepEqual(
          r.operations.filter((o) => /^(create|update|delete|recreate) /.test(o)),
          [],
          `sync ${r.seq}`,
        );
        assert.equal(r.statusWritten, false, `sync ${r.seq} wrote status`);
      }
    }),
    { seed: SEED, numRuns: RUNS },
  );
});

test('crash consistency: with lost and lagging status the init Job runs at most once per deploy execution, and healthy runs finish', () => {
  fc.assert(
    fc.property(schedule, (f) => {
      const { s, ops } = runSchedule(f);
      const executions = new Set(
        (
          (getPath(s.status, 'maestro', 'history') as { id: string; plan: string }[] | undefined) ??
          []
        )
          .filter((h) => h.plan === 'deploy')
          .map((h) => h.id),
      );
      const exec = getPath(s.status, 'maestro', 'execution') as
        { id: string; plan: string } | undefined;
      if (exec?.plan === 'deploy') executions.add(exec.id);
      const jobCreates = ops.filter((o) => o.op === 'create Job/inst-init').length;
      assert.ok(
        jobCreates <= Math.max(1, executions.size),
        `${jobCreates} creates, ${executions.size} executions`,
      );
      if (!f.jobFails && !f.neverHealthy && f.change?.kind !== 'two-plans') {
        assert.equal(s.currentPlan()?.status, 'COMPLETE', JSON.stringify(s.status.planStatus));
      }
    }),
    { seed: SEED, numRuns: RUNS },
  );
});

test('bounded retries: every schedule goes quiet within the sync bound, and a missed deadline is ERROR naming the child', () => {
  fc.assert(
    fc.property(schedule, (f) => {
      const { s } = runSchedule(f);
      assert.ok(s.sim.records.length < 400, `${s.sim.records.length} syncs`);
      if (f.neverHealthy) {
        // The Deployment never becomes healthy: the app step's 10m deadline
        // passes and the step is ERROR, with a message that names the child.
        const exec = getPath(s.status, 'maestro', 'execution') as { plan?: string } | undefined;
        const plan = exec?.plan ?? 'deploy';
        if (plan === 'deploy') {
          const phases = getPath(s.status, 'planStatus', 'deploy', 'phases');
          const app = (Array.isArray(phases) ? phases : [])
            .flatMap((p) => (Array.isArray(asObj(p).steps) ? (asObj(p).steps as unknown[]) : []))
            .map(asObj)
            .find((st) => st.name === 'app');
          const deploy = getPath(s.status, 'planStatus', 'deploy') as
            { status?: string } | undefined;
          if (f.change?.kind === 'two-plans' && deploy?.status === 'FATAL_ERROR') {
            // A blocked change of IMAGE, which deploy's steps read: status keeps
            // no value to render them as deploy started, so a step fails, naming it.
            assert.match(JSON.stringify(phases), /map has no entry for key \\"IMAGE\\"/);
          } else {
            assert.equal(app?.status, 'ERROR', JSON.stringify(app));
            assert.match(String(app?.message), /deadline/);
            assert.match(String(app?.message), /Deployment\/inst-app/);
          }
        }
      }
    }),
    { seed: SEED, numRuns: RUNS },
  );
});

test('forged and corrupted status: random edits to status.maestro never make a child disappear that no plan deletes', () => {
  fc.assert(
    fc.property(forgery, ({ base, edits }) => {
      const { ops } = runSchedule(base, edits);
      const deletes = ops.filter((o) => o.op.startsWith('delete ') || o.op.startsWith('recreate '));
      // The demo package deletes only its init Job (the Delete step, Job replacements).
      for (const d of deletes)
        assert.match(d.op, /^(delete|recreate) Job\/inst-init$/, JSON.stringify({ d, edits }));
    }),
    { seed: SEED, numRuns: RUNS },
  );
});
