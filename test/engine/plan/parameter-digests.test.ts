// Status carries no parameter value (issue 11): an execution records a digest
// per parameter (status.maestro.execution.parameterDigests), renders with the
// spec's values, and withholds those that changed since it started (a
// template that reads one fails rather than render a value the execution did
// not start with). Status written before, with the values themselves
// (execution.parameters), is still understood: rendered with those values
// once, and written back as digests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getPath } from '../../../src/engine/kobject.ts';
import type { KObject } from '../../../src/engine/kobject.ts';
import { viewOperatorVersion } from '../../../src/engine/plan/ov.ts';
import { parameterDigests } from '../../../src/engine/plan/params.ts';
import { engineHooks } from '../../../src/simulator/plan-simulation.ts';
import { loadPackage, simulate } from './support.ts';
import { demoFiles } from './demo-package.ts';

const demo = loadPackage(demoFiles());
const ov = viewOperatorVersion(demo.ov);

type Cond = { type: string; status: string; message?: string };
const conditions = (status: unknown): Cond[] =>
  (getPath(status as KObject, 'conditions') as Cond[] | undefined) ?? [];

test('a running execution records a digest per parameter, and no value', () => {
  const s = simulate(demo, {}, { IMAGE: 'nginx:recorded-7781' });
  s.sim.run({ maxSyncs: 2 });
  const exec = getPath(s.status, 'maestro', 'execution') as Record<string, unknown>;
  assert.equal(exec.plan, 'deploy');
  assert.equal(exec.parameters, undefined);
  const digests = exec.parameterDigests as Record<string, string>;
  assert.deepEqual(Object.keys(digests).sort(), ov.parameters.map((p) => p.name).sort());
  assert.deepEqual(
    digests,
    parameterDigests(ov, {
      IMAGE: 'nginx:recorded-7781',
      ...Object.fromEntries(
        ov.parameters.filter((p) => p.name !== 'IMAGE').map((p) => [p.name, p.default]),
      ),
    }),
  );
  assert.equal(JSON.stringify(s.status).includes('nginx:recorded-7781'), false);
});

test('a change queued for another plan is named in ParametersChanged; a step that does not read it runs on', () => {
  const s = simulate(demo);
  s.sim.run({ maxSyncs: 3 });
  assert.equal(s.currentPlan()?.plan, 'deploy');
  s.updateSpec((spec) => {
    spec.parameters = { EXTRA_VALUE: 'b' };
  });
  s.sim.run({ maxSyncs: 2 });
  const changed = conditions(s.status).find((c) => c.type === 'ParametersChanged');
  assert.equal(changed?.status, 'True');
  assert.match(String(changed?.message), /parameters EXTRA_VALUE changed since execution/);
  // deploy reads no EXTRA_VALUE: it completes, then the queued plan runs.
  s.runUntilSettled();
  s.runUntilSettled();
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  assert.equal(s.planStatus('extra'), 'COMPLETE');
});

test('a step that reads a parameter changed since its execution started fails, naming it, and renders nothing new', () => {
  const s = simulate(demo);
  s.sim.run({ maxSyncs: 2 });
  assert.equal(s.currentPlan()?.plan, 'deploy');
  // Two plans' parameters at once: Blocked, nothing starts; the running
  // deploy cannot render IMAGE as it started with it.
  s.updateSpec((spec) => {
    spec.parameters = { IMAGE: 'nginx:new', EXTRA_VALUE: 'b' };
  });
  s.runUntilSettled();
  const images = s
    .children()
    .filter((c) => c.kind === 'Deployment' || c.kind === 'ConfigMap')
    .map((c) => JSON.stringify(c));
  assert.equal(
    images.some((c) => c.includes('nginx:new')),
    false,
    'a child got the image no plan started with',
  );
  assert.equal(s.planStatus('deploy'), 'FATAL_ERROR');
  assert.match(JSON.stringify(s.status.planStatus), /map has no entry for key \\"IMAGE\\"/);
});

test('status written before issue 11 (execution.parameters) is rendered with its values once and written back as digests', () => {
  const s = simulate(demo);
  s.sim.run({ maxSyncs: 2 });
  const record = s.sim.records.at(-1)!;
  const request = structuredClone(record.request) as {
    parent: KObject & { status: { maestro: { execution: Record<string, unknown> } } };
    children: Record<string, Record<string, KObject>>;
  };
  const exec = request.parent.status.maestro.execution;
  assert.ok(exec.parameterDigests, 'the recorded status has digests');
  const legacyValues = Object.fromEntries(
    ov.parameters.map((p) => [p.name, p.name === 'IMAGE' ? 'nginx:from-old-status' : p.default]),
  );
  delete exec.parameterDigests;
  exec.parameters = legacyValues;
  const answer = engineHooks(() => s.sim.clock.now())('sync', request);
  assert.equal(answer.status, 200);
  const out = answer.body as { status: unknown; children: unknown };
  const written = getPath(out.status as KObject, 'maestro', 'execution') as Record<string, unknown>;
  assert.equal(written.parameters, undefined, 'the values are not written back');
  assert.deepEqual(written.parameterDigests, parameterDigests(ov, legacyValues));
  // The step running now rendered from the old status's values.
  assert.ok(
    JSON.stringify(out.children).includes('nginx:from-old-status'),
    'rendered with the values of the old status',
  );
});
