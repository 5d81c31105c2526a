// Status can hint, never order, as a property on sync() itself: any edit of
// status.maestro of a settled Instance (random JSON anywhere, forged delete
// intents with any reason, a rewritten inventory or execution) never makes
// sync() throw, and never leaves out an observed child: the demo's settled
// state has nothing left that a plan deletes. The simulator-level fault is in
// test/engine/plan-properties/invariants.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { identityKey, identityOf } from '../../../src/engine/identity.ts';
import { isRecord } from '../../../src/engine/kobject.ts';
import type { KObject } from '../../../src/engine/kobject.ts';
import { sync } from '../../../src/engine/plan/index.ts';
import { loadPackage, simulate } from './support.ts';
import { demoFiles } from './demo-package.ts';

const SEED = Number(process.env.MAESTRO_PROPERTY_SEED ?? Date.now() % 1_000_000);
const RUNS = Number(process.env.MAESTRO_PROPERTY_RUNS ?? 20) * 5;
console.log(
  `# forged status on sync(): seed ${SEED}, ${RUNS} runs (MAESTRO_PROPERTY_SEED to replay)`,
);

const demo = loadPackage(demoFiles());
const s = simulate(demo);
s.runUntilSettled();
const instance = s.instance!;
const children = s.children();
const fields = [
  'sequence',
  'baseline',
  'consumedPlanExecutions',
  'consumedControls',
  'execution',
  'inventory',
  'deleteIntents',
  'history',
  'recoveredFrom',
  'rotations',
  'staleChildren',
  'pruneRejected',
  'observedGeneration',
];
const child = fc.constantFrom(...children);
const intent = fc.record({
  of: child,
  reason: fc.oneof(
    fc.string(),
    fc.constantFrom(
      'prune',
      'retry replaces the failed Deployment',
      'Delete task init-cleanup of deploy.main.init-cleanup',
      'Apply task app of deploy.main.app',
    ),
  ),
  execution: fc.oneof(fc.string(), fc.constant('current')),
});
const edit = fc.oneof(
  fc.record({ field: fc.constantFrom(...fields), value: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({ intents: fc.array(intent, { maxLength: 6 }) }),
  fc.record({
    inventoryField: fc.constantFrom('task', 'template', 'execution', 'hash', 'kind'),
    value: fc.string(),
  }),
  fc.record({
    executionField: fc.constantFrom(
      'status',
      'plan',
      'id',
      'steps',
      'parameters',
      'parameterDigests',
    ),
    value: fc.jsonValue({ maxDepth: 2 }),
  }),
);

function apply(maestro: Record<string, unknown>, e: Record<string, unknown>) {
  const exec = isRecord(maestro.execution) ? maestro.execution : undefined;
  if ('field' in e) maestro[e.field as string] = e.value;
  if ('intents' in e)
    maestro.deleteIntents = (e.intents as { of: KObject; reason: string; execution: string }[]).map(
      (i) => ({
        ...identityOf(i.of),
        apiVersion: i.of.apiVersion,
        execution: i.execution === 'current' && exec ? exec.id : i.execution,
        reason: i.reason,
      }),
    );
  if ('inventoryField' in e && Array.isArray(maestro.inventory))
    for (const item of maestro.inventory)
      if (isRecord(item)) item[e.inventoryField as string] = e.value;
  if ('executionField' in e && exec) exec[e.executionField as string] = e.value;
}

test('forged or corrupted status.maestro: sync() never throws and never leaves out an observed child', () => {
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
      const inst = structuredClone(instance);
      const status = inst.status as Record<string, unknown>;
      const maestro = status.maestro as Record<string, unknown>;
      for (const e of edits) apply(maestro, e as Record<string, unknown>);
      const out = sync({
        instance: inst,
        observedChildren: children,
        operatorVersion: demo.ov,
        declaredTypes: [],
        finalizing: false,
        now: s.sim.clock.now(),
        controllerOperator: 'demo',
      });
      const emitted = new Set(out.children.map((c) => identityKey(identityOf(c))));
      for (const c of children)
        assert.ok(emitted.has(identityKey(identityOf(c))), `${c.kind}/${c.metadata.name} left out`);
    }),
    { seed: SEED, numRuns: RUNS },
  );
});
