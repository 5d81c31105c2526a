// Scenario 12 of reference/plan-engine-scenarios.md ("Time: now,
// resyncAfterSeconds, ETag, restarts"), each test named after its case and
// asserting what the scenario's Fix says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { parseAllDocuments } from 'yaml';
import { run as manifests } from '../../../src/cli/commands/manifests.ts';
import { getPath, isRecord } from '../../../src/engine/kobject.ts';
import type { KObject } from '../../../src/engine/kobject.ts';
import { buildApp } from '../../../src/server/app.ts';
import { resolveServeConfig } from '../../../src/server/config.ts';
import { metacontrollerSurface } from '../../../src/server/plugins/metacontroller.ts';
import type { HookServer, SyncRecord } from '../../../src/simulator/index.ts';
import { engineHooks } from '../../../src/simulator/plan-simulation.ts';
import { corpusDir, loadPackage, simulate } from '../../engine/plan/support.ts';
import type { LoadedPackage } from '../../engine/plan/support.ts';
import { demoFiles } from '../../engine/plan/demo-package.ts';
import { resync } from './helpers.ts';

type Plans = Record<string, { phases: { steps: Record<string, unknown>[] }[] }>;

/** The v1 demo package, its `app` step (a Deployment) with a timeout. */
function timed(timeout?: string): LoadedPackage {
  const p = loadPackage(demoFiles({ operatorApiVersion: 'maestro.dev/v1' }));
  const app = (p.ov.spec as { plans: Plans }).plans.deploy!.phases[0]!.steps[1]!;
  assert.equal(app.name, 'app');
  if (timeout) app.timeout = timeout;
  return p;
}

const deploymentHealth = (delay: number | 'never') => ({
  controllers: {
    faults: { healthDelay: (o: KObject) => (o.kind === 'Deployment' ? delay : undefined) },
  },
});

const appStep = (status: unknown) =>
  getPath(status, 'planStatus', 'deploy', 'phases', 0, 'steps', 1);
const appProgress = (status: unknown) => {
  const steps = getPath(status, 'maestro', 'execution', 'steps');
  return Array.isArray(steps)
    ? (steps.find((p) => isRecord(p) && p.step === 'app') as Record<string, unknown> | undefined)
    : undefined;
};

/** Runs every event, background ones included (periodic resyncs), up to `ms` of virtual time. */
function runFor(s: ReturnType<typeof simulate>, ms: number): void {
  const end = s.sim.clock.now() + ms;
  for (let i = 0; i < 100_000; i++) {
    const next = s.sim.clock.peek();
    if (!next || next.at > end) break;
    s.sim.clock.step();
  }
  if (s.sim.clock.now() < end) s.sim.clock.advance(end - s.sim.clock.now());
}

test('scenario 12b: the ETag changes once the earliest deadline has passed — 304 before it, 200 with the timed-out step after', async () => {
  const s = simulate(timed('60s'), deploymentHealth('never'));
  s.sim.run({ maxSyncs: 40, until: () => appProgress(s.status)?.deadline !== undefined });
  const deadline = Date.parse(String(appProgress(s.status)!.deadline));
  resync(s, 1); // one request that carries the recorded deadline
  const record = s.sim.records.at(-1)!;
  const body = record.request as Record<string, unknown>;
  const sentAt = Date.parse(record.at);
  assert.ok(sentAt < deadline);

  let clock = sentAt;
  const app = await buildApp(resolveServeConfig({ 'log-level': 'silent' }, {}), {
    surfaces: [metacontrollerSurface({ now: () => clock })],
  });
  await app.ready();
  try {
    const post = (tag?: string) =>
      app.inject({
        method: 'POST',
        url: '/sync',
        payload: body,
        ...(tag && { headers: { 'if-none-match': tag } }),
      });
    const first = await post();
    assert.equal(first.statusCode, 200);
    const tag = first.headers.etag as string;
    assert.equal(
      getPath(first.json(), 'status', 'planStatus', 'deploy', 'phases', 0, 'steps', 1, 'status'),
      'IN_PROGRESS',
    );
    // Before the deadline: the same request with If-None-Match of the previous answer → 304.
    clock = deadline - 1000;
    const before = await post(tag);
    assert.equal(before.statusCode, 304);
    // After it: 200 with the timed-out step, and a new tag.
    clock = deadline + 1000;
    const after = await post(tag);
    assert.equal(after.statusCode, 200);
    assert.notEqual(after.headers.etag, tag);
    const step = appStep(after.json().status) as Record<string, unknown>;
    assert.equal(step.status, 'ERROR');
    assert.match(String(step.message), /not converged by its deadline/);
  } finally {
    await app.close();
  }
});

test('scenario 12c: `maestro manifests` sets resyncPeriodSeconds, and the periodic resync advances a plan whose deadline passed with no resyncAfterSeconds', async () => {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  // A target version, since manifests chooses child apiVersions by it (no cluster here).
  const code = await manifests([corpusDir('zookeeper'), '--kube-version', '1.28'], {
    stdout,
    stderr: new PassThrough(),
    stdin: new PassThrough(),
    env: {},
  });
  assert.equal(code, 0);
  const cc = parseAllDocuments(out)
    .map((d) => d.toJS() as Record<string, unknown>)
    .find((d) => d?.kind === 'CompositeController');
  const period = getPath(cc, 'spec', 'resyncPeriodSeconds');
  assert.equal(typeof period, 'number');
  assert.ok((period as number) > 0);

  // Metacontroller restarted: every resyncAfterSeconds it was given is lost.
  const run = (resyncPeriodSeconds: number | undefined) => {
    const p = timed('60s');
    if (resyncPeriodSeconds === undefined) delete p.controller.spec.resyncPeriodSeconds;
    else p.controller.spec.resyncPeriodSeconds = resyncPeriodSeconds;
    const holder: { now?: () => number } = {};
    const engine = engineHooks(() => holder.now!());
    const hooks: HookServer = (hook, req) => {
      const answer = engine(hook, req);
      if (isRecord(answer.body)) delete answer.body.resyncAfterSeconds;
      return answer;
    };
    const s = simulate(p, { hooks, ...deploymentHealth('never') });
    holder.now = () => s.sim.clock.now();
    runFor(s, 30 * 60_000);
    return s;
  };
  const withPeriod = run(period as number);
  assert.ok(
    withPeriod.sim.records.every(
      (r) => getPath(r.answer?.body, 'resyncAfterSeconds') === undefined,
    ),
  );
  assert.equal((appStep(withPeriod.status) as Record<string, unknown>).status, 'ERROR');
  // The contrast: with no resync period nothing ever looks at the passed deadline.
  const without = run(undefined);
  assert.equal((appStep(without.status) as Record<string, unknown>).status, 'IN_PROGRESS');
});

/** Syncs whose request was sent in [from, to). */
const syncsBetween = (records: readonly SyncRecord[], from: number, to: number) =>
  records.filter((r) => Date.parse(r.at) >= from && Date.parse(r.at) < to);

for (const timeout of [undefined, '2h']) {
  test(`scenario 12d: a plan waiting 30 min on a slow child is not re-synced every ~1 s (${timeout ? 'step timeout 2h: resyncAfterSeconds is the deadline distance' : 'no timeout: no resyncAfterSeconds'}; at most 12 syncs)`, () => {
    const wait = 30 * 60_000;
    const s = simulate(timed(timeout), deploymentHealth(wait));
    s.sim.run({ maxSyncs: 40, until: () => appProgress(s.status) !== undefined });
    const from = s.sim.clock.now();
    runFor(s, wait + 120_000);
    assert.equal(s.planStatus('deploy'), 'COMPLETE');
    const healthyAt = from + wait;
    // From the sync that started the step (its answer records it) until the child is healthy.
    const started = s.sim.records.findIndex(
      (r) => appProgress(getPath(r.answer?.body, 'status')) !== undefined,
    );
    const during = syncsBetween(s.sim.records.slice(started), from, healthyAt - 1000);
    for (const r of during) {
      const resync = getPath(r.answer?.body, 'resyncAfterSeconds');
      if (!timeout) {
        assert.equal(resync, undefined, `sync ${r.seq}`);
      } else {
        const d = Date.parse(String(appProgress(getPath(r.answer?.body, 'status'))!.deadline));
        assert.equal(resync, Math.ceil((d - Date.parse(r.at)) / 1000), `sync ${r.seq}`);
      }
    }
    // Bound: the periodic resync (every 300 s: 6 in 30 min) plus a few child
    // events; KUDO's ~1 s requeue would make about 1,800.
    assert.ok(during.length <= 12, `${during.length} syncs while waiting`);
    // Not vacuous: the periodic resyncs did look at the waiting plan.
    assert.ok(during.length >= 6, `${during.length} syncs while waiting`);
  });
}

test('scenario 12e: lastUpdatedTimestamp and lastTransitionTime change only on transitions; resyncing an unchanged state leaves status byte-identical', () => {
  const s = simulate(loadPackage(corpusDir('zookeeper')));
  s.runUntilSettled(400);
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  // Across every answer of the deploy: a timestamp moves only with its transition.
  const statuses = s.sim.records
    .map((r) => getPath(r.answer?.body, 'status'))
    .filter(isRecord) as Record<string, unknown>[];
  for (let i = 1; i < statuses.length; i++) {
    const [a, b] = [statuses[i - 1]!, statuses[i]!];
    const plans = (x: Record<string, unknown>) =>
      (x.planStatus ?? {}) as Record<string, Record<string, unknown>>;
    for (const [name, pb] of Object.entries(plans(b))) {
      const pa = plans(a)[name];
      if (pa && pa.status === pb.status && pa.uid === pb.uid)
        assert.equal(pb.lastUpdatedTimestamp, pa.lastUpdatedTimestamp, `plan ${name}, answer ${i}`);
    }
    const conds = (x: Record<string, unknown>) =>
      new Map(((x.conditions ?? []) as Record<string, unknown>[]).map((c) => [c.type, c]));
    const ca = conds(a);
    for (const [type, cb] of conds(b)) {
      const prev = ca.get(type);
      if (prev && prev.status === cb.status)
        assert.equal(
          cb.lastTransitionTime,
          prev.lastTransitionTime,
          `condition ${String(type)}, answer ${i}`,
        );
    }
  }
  // A fixpoint: many resyncs over hours of virtual time, no status write, same bytes.
  const before = JSON.stringify(s.status);
  const answered = JSON.stringify(statuses.at(-1));
  const n = s.sim.records.length;
  runFor(s, 3 * 3600_000);
  for (let i = 0; i < 5; i++) resync(s, 5);
  const resyncs = s.sim.records.slice(n);
  assert.ok(resyncs.length >= 36 + 5, `${resyncs.length} resyncs`);
  assert.ok(resyncs.every((r) => !r.statusWritten && r.error === undefined));
  for (const r of resyncs)
    assert.equal(JSON.stringify(getPath(r.answer?.body, 'status')), answered);
  assert.equal(JSON.stringify(s.status), before);
});
