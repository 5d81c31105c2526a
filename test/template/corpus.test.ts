// Every template of every KUDO package in the corpus, rendered with KUDO's
// variables and default parameters (missingkey=error, numbers float64, as
// KUDO), must be byte-identical through `maestro template` and the oracle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { corpusCases } from './corpus-cases.ts';
import { maestro, oracle } from './differential.ts';

test('every corpus template renders byte-identically to the oracle', () => {
  const cases = corpusCases();
  assert.ok(cases.length >= 76, `expected the 76 corpus templates, found ${cases.length}`);
  const lines = cases.map((c) => c.line);
  const o = oracle(lines);
  const m = maestro(lines);
  const failures: string[] = [];
  cases.forEach((c, i) => {
    const oi = o[i]!;
    const mi = m[i]!;
    if (JSON.stringify(oi) !== JSON.stringify(mi)) {
      failures.push(
        `${c.id}\n  oracle ${JSON.stringify(oi).slice(0, 400)}\n  maestro ${JSON.stringify(mi).slice(0, 400)}`,
      );
    }
  });
  const okCount = o.filter((r) => r.ok).length;
  assert.deepEqual(failures, [], `${failures.length} of ${cases.length} differ`);
  // Real packages render: a failure in the oracle itself would be a harness bug.
  assert.equal(okCount, cases.length, 'the oracle failed on some corpus templates');
});

test('with every true/false parameter flipped, corpus templates still agree with the oracle', () => {
  const cases = corpusCases(undefined, true);
  const lines = cases.map((c) => c.line);
  const o = oracle(lines);
  const m = maestro(lines);
  const failures = cases.flatMap((c, i) =>
    JSON.stringify(o[i]) === JSON.stringify(m[i])
      ? []
      : [
          `${c.id}\n  oracle ${JSON.stringify(o[i]).slice(0, 400)}\n  maestro ${JSON.stringify(m[i]).slice(0, 400)}`,
        ],
  );
  assert.deepEqual(failures, [], `${failures.length} of ${cases.length} differ`);
});

test('with random parameter values, corpus templates agree with the oracle (seed printed)', (t) => {
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
  t.diagnostic(`FUZZ_SEED=${seed}`);
  const values = ['', '0', '1', '3', '-1', 'true', 'false', 'abc', '10Gi', '1.5', '010', 'a,b'];
  const rng = fc.sample(fc.integer({ min: 0, max: values.length - 1 }), { seed, numRuns: 50_000 });
  let k = 0;
  const lines: string[] = [];
  const ids: string[] = [];
  for (let variant = 0; variant < 3; variant++) {
    for (const c of corpusCases(undefined, false, (_n, v) =>
      typeof v === 'string' ? values[rng[k++ % rng.length]!] : v,
    )) {
      lines.push(c.line);
      ids.push(`${c.id} (variant ${variant})`);
    }
  }
  const o = oracle(lines);
  const m = maestro(lines);
  const failures = lines.flatMap((_l, i) =>
    JSON.stringify(o[i]) === JSON.stringify(m[i])
      ? []
      : [
          `${ids[i]}\n  oracle ${JSON.stringify(o[i]).slice(0, 300)}\n  maestro ${JSON.stringify(m[i]).slice(0, 300)}`,
        ],
  );
  t.diagnostic(
    `${o.filter((r) => r.ok).length} of ${lines.length} render without error in the oracle`,
  );
  assert.deepEqual(
    failures.slice(0, 5),
    [],
    `${failures.length} of ${lines.length} differ (seed ${seed})`,
  );
});
