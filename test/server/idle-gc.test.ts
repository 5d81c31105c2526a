// src/server/idle-gc.ts: one full collection on the first quiet interval
// after a busy one, never while busy and never twice for one burst; and the
// collection is V8's own (it frees what nothing references).
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { fullGc, idleCollector } from '../../src/server/idle-gc.ts';

const cases: Array<{ name: string; utilization: number[]; collections: number[] }> = [
  { name: 'never busy: no collection', utilization: [0, 0, 0.01, 0], collections: [0, 0, 0, 0] },
  {
    name: 'a burst, then quiet: one collection',
    utilization: [0.5, 0.9, 0, 0, 0],
    collections: [0, 0, 1, 1, 1],
  },
  {
    name: 'two bursts: one each',
    utilization: [0.5, 0.01, 0.3, 0.2, 0.04, 0],
    collections: [0, 1, 1, 1, 2, 2],
  },
  { name: 'still busy: none yet', utilization: [0.2, 0.3, 0.06], collections: [0, 0, 0] },
];

for (const c of cases) {
  test(`idle collector: ${c.name}`, () => {
    mock.timers.enable({ apis: ['setInterval'] });
    try {
      const shares = [...c.utilization];
      let collected = 0;
      const idle = idleCollector(1000, {
        utilization: () => shares.shift()!,
        collect: () => collected++,
      });
      const seen: number[] = [];
      for (let i = 0; i < c.utilization.length; i++) {
        mock.timers.tick(1000);
        seen.push(collected);
      }
      idle.close();
      mock.timers.tick(5000);
      assert.deepEqual(seen, c.collections);
      assert.equal(collected, c.collections.at(-1), 'nothing after close');
    } finally {
      mock.timers.reset();
    }
  });
}

test('the collection is a real full GC: an unreachable object is collected', async () => {
  const ref = (() => new WeakRef({ big: new Array(1000).fill(0) }))();
  // A WeakRef keeps its target for the rest of the job that made it.
  await new Promise((r) => setImmediate(r));
  const gc = fullGc();
  assert.ok(gc, 'the server thread exposes gc');
  gc();
  // The collection runs as V8 schedules it; weak references are cleared once it has.
  for (let i = 0; i < 100 && ref.deref() !== undefined; i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.equal(ref.deref(), undefined);
});
