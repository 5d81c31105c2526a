// Server-side apply as properties: the extraction gives back any applied body
// the simulated API server stored (whatever it defaulted or others wrote),
// and whole plans under SSA with random fault schedules settle on children
// that echo byte-identically and claim no server default.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { getPath, isRecord } from '../../../src/engine/kobject.ts';
import type { KObject } from '../../../src/engine/kobject.ts';
import { extractApplied } from '../../../src/engine/managed-fields.ts';
import { serverSideApply } from '../../../src/simulator/ssa.ts';
import { loadPackage, simulate } from '../plan/support.ts';
import { demoFiles } from '../plan/demo-package.ts';

const SEED = Number(process.env.MAESTRO_PROPERTY_SEED ?? Date.now() % 1_000_000);
const RUNS = Number(process.env.MAESTRO_PROPERTY_RUNS ?? 20);
console.log(`# SSA properties: seed ${SEED}, ${RUNS} runs (MAESTRO_PROPERTY_SEED to replay)`);

const key = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,6}$/);
const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean());
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.array(scalar, { maxLength: 3 }),
    fc.dictionary(key, tie('v'), { maxKeys: 3 }),
  ),
})).v;
const container = fc.record({
  name: key,
  image: fc.string({ minLength: 1, maxLength: 6 }),
  ports: fc.uniqueArray(
    fc.record({ containerPort: fc.integer({ min: 1, max: 9 }), protocol: fc.constant('TCP') }),
    {
      selector: (p) => p.containerPort,
      maxLength: 2,
    },
  ),
});
const deployment = fc.record({
  labels: fc.dictionary(key, fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  extra: fc.dictionary(key, value, { maxKeys: 3 }),
  containers: fc.uniqueArray(container, { selector: (c) => c.name, minLength: 1, maxLength: 3 }),
});

test('extractApplied(serverSideApply(body)) is the body, for any Deployment body, with server defaults and another writer', () => {
  fc.assert(
    fc.property(deployment, (d) => {
      let body: KObject = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'x', namespace: 'ns', labels: d.labels },
        spec: { ...d.extra, template: { spec: { containers: d.containers } } },
      };
      if (Object.keys(d.labels).length === 0) delete body.metadata.labels;
      body = JSON.parse(JSON.stringify(body)) as KObject; // plain objects, as from the wire
      const stored = serverSideApply(undefined, body, 'metacontroller', 't');
      // Another writer adds an annotation and a container field.
      stored.metadata.annotations = { ...stored.metadata.annotations, other: 'x' };
      const c0 = getPath(stored, 'spec', 'template', 'spec', 'containers', 0);
      if (isRecord(c0)) c0.imagePullPolicy = 'Always';
      const got = extractApplied(stored);
      assert.ok(got.ok, got.ok ? '' : got.reason);
      assert.deepEqual(got.body, body);
    }),
    { seed: SEED, numRuns: RUNS * 5 },
  );
});

const schedule = fc.record({
  dropWrites: fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 8 }),
  staleChildren: fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 4 }),
  deployDelay: fc.integer({ min: 0, max: 60_000 }),
  change: fc.option(fc.constantFrom('image', 'extra'), { nil: undefined }),
  changeAt: fc.integer({ min: 1, max: 10 }),
});

test('under SSA with random faults, the deploy settles and re-syncs echo the same bytes, with no server default claimed', () => {
  const p = loadPackage(demoFiles());
  fc.assert(
    fc.property(schedule, (f) => {
      const faults = { on: true };
      const s = simulate(p, {
        metacontroller: {
          applyStrategy: 'server-side-apply',
          faults: {
            dropStatusWrite: (c) => faults.on && f.dropWrites.includes(c.seq),
            staleChildren: (c) => faults.on && f.staleChildren.includes(c.seq),
          },
        },
        controllers: {
          faults: { healthDelay: (o) => (o.kind === 'Deployment' ? f.deployDelay : undefined) },
        },
      });
      let changed = false;
      s.sim.run({
        maxSyncs: 300,
        until: () => {
          if (f.change && !changed && s.sim.records.length >= f.changeAt) {
            changed = true;
            s.updateSpec((spec) => {
              spec.parameters = f.change === 'image' ? { IMAGE: 'nginx:2' } : { EXTRA_VALUE: 'b' };
            });
          }
          return false;
        },
      });
      faults.on = false;
      const key = `${s.instance!.metadata.namespace}/${s.instance!.metadata.name}`;
      const answerOf = () => {
        s.sim.metacontroller.enqueue(key, 0);
        s.sim.run({ maxSyncs: 30 });
        return JSON.stringify(
          (s.sim.records.at(-1)?.answer?.body as { children?: unknown })?.children,
        );
      };
      answerOf();
      const a = answerOf();
      const b = answerOf();
      assert.equal(b, a);
      assert.ok(!/"revisionHistoryLimit"|"dnsPolicy"|"terminationMessagePolicy"/.test(a), a);
      assert.ok(s.planStatus('deploy') === 'COMPLETE', String(s.planStatus('deploy')));
    }),
    { seed: SEED, numRuns: RUNS },
  );
});
