// Every template of every KUDO package in the corpus, rendered with KUDO's
// variables and default parameters (missingkey=error, numbers float64, as
// KUDO), must be byte-identical through `maestro template` and the oracle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
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
