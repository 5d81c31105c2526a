// Grammar-based differential fuzzing against the Go oracle: templates and data
// from test/template/fuzz-grammar.ts, run as one batch through the oracle and
// through `maestro template`. The seed changes every run and is printed;
// reproduce with FUZZ_SEED=<seed> (and FUZZ_RUNS=<n>). Every disagreement ever
// found is kept in fuzz-regressions.jsonl and must agree exactly (err included).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { caseArb, lexicalCaseArb } from './fuzz-grammar.ts';
import { agree, maestro, oracle } from './differential.ts';

const runs = Number(process.env.FUZZ_RUNS ?? 3000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

test(`fuzzer: ${runs} grammar cases and ${Math.ceil(runs / 3)} token-soup cases agree with the oracle on ok and output (seed ${seed})`, (t) => {
  t.diagnostic(`FUZZ_SEED=${seed} FUZZ_RUNS=${runs}`);
  const lines = [
    ...fc.sample(caseArb, { seed, numRuns: runs }),
    ...fc.sample(lexicalCaseArb, { seed, numRuns: Math.ceil(runs / 3) }),
  ];
  const o = oracle(lines);
  const m = maestro(lines);
  const failures: string[] = [];
  let errText = 0;
  lines.forEach((l, i) => {
    if (!agree(m[i]!, o[i]!)) {
      failures.push(`${l}\n  oracle  ${JSON.stringify(o[i])}\n  maestro ${JSON.stringify(m[i])}`);
    } else if (!o[i]!.ok && o[i]!.err !== m[i]!.err) errText++;
  });
  t.diagnostic(
    `ok in the oracle: ${o.filter((r) => r.ok).length}; same ok but other error text: ${errText}`,
  );
  assert.deepEqual(failures.slice(0, 10), [], `${failures.length} disagreements (seed ${seed})`);
});

function exactAgreement(file: string): string[] {
  const lines = readFileSync(new URL(file, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const o = oracle(lines);
  const m = maestro(lines);
  return lines.flatMap((l, i) =>
    JSON.stringify(o[i]) === JSON.stringify(m[i])
      ? []
      : [`${l}\n  oracle  ${JSON.stringify(o[i])}\n  maestro ${JSON.stringify(m[i])}`],
  );
}

test('fuzzer regressions: every disagreement found so far agrees exactly, error text included', () => {
  assert.deepEqual(exactAgreement('./fuzz-regressions.jsonl'), []);
});

test('semantic probes (templates, variables, builtins, escapes) agree exactly with the oracle', () => {
  assert.deepEqual(exactAgreement('./semantics-probes.jsonl'), []);
});
