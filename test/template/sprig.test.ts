// Every sprig golden case (test/golden/sprig/golden.json, produced by the Go
// oracle with scripts/gen-sprig-golden.mjs) rendered through Maestro's engine
// with sprig: `ok` must agree, and the output (or the error text) must be the
// oracle's, byte for byte. Cases whose output depends on randomness or the
// clock are written to print only structure (lengths, prefixes, regex checks).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadGolden, renderCase, sprigEngine, type GoldenCase } from './sprig-golden.ts';

/** Cases that cannot agree, with the reason (none at present; docs/template-sprig.md lists the rest). */
export const knownDifferences: Record<string, string> = {};

const { D, cases } = loadGolden();
const engine = sprigEngine();

const byFn = new Map<string, GoldenCase[]>();
for (const c of cases) byFn.set(c.fn, [...(byFn.get(c.fn) ?? []), c]);

for (const [fn, list] of byFn) {
  test(`sprig ${fn} agrees with the oracle`, () => {
    for (const c of list) {
      if (knownDifferences[c.id] !== undefined) continue;
      const got = renderCase(engine, c, D);
      const want = c.result;
      assert.equal(got.ok, want.ok, `${c.id}: ok (${got.ok ? got.out : got.err})`);
      if (want.ok && got.ok) {
        if (!c.unstable) assert.equal(got.out, want.out, `${c.id}: output`);
      } else if (!got.ok) {
        assert.equal(got.err, want.err, `${c.id}: error text`);
        assert.equal(got.out, want.out, `${c.id}: partial output`);
      }
    }
  });
}

test('the golden table covers every sprig function Maestro loads', async () => {
  const { sprigFuncMap } = await import('../../src/template/sprig/index.ts');
  const missing = Object.keys(sprigFuncMap()).filter((f) => !byFn.has(f));
  assert.deepEqual(missing, []);
});
