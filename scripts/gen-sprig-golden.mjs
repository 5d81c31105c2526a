// Regenerates test/golden/sprig/golden.json: every case of
// test/golden/sprig/cases.mjs run through the Go oracle (text/template +
// sprig 3.2.3), with TZ=UTC so that "Local" is UTC, as in Maestro.
// Each case is run twice; a case whose two results differ is recorded as
// unstable (its output depends on randomness or the clock) so that tests
// compare only ok/err for it.
//   node scripts/gen-sprig-golden.mjs
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureOracle } from './oracle.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'test', 'golden', 'sprig');
const { D, groups } = await import(join(dir, 'cases.mjs'));

const cases = [];
for (const [fn, list] of Object.entries(groups)) {
  list.forEach(([template, data, numbers], i) => {
    cases.push({ id: `${fn}#${i + 1}`, fn, template, data, numbers: numbers ?? 'int' });
  });
}
const input =
  cases
    .map((c) => JSON.stringify({ template: c.template, data: c.data ?? D, numbers: c.numbers }))
    .join('\n') + '\n';
const run = () =>
  execFileSync(ensureOracle(), [], {
    input,
    env: { ...process.env, TZ: 'UTC' },
    maxBuffer: 1 << 28,
  })
    .toString()
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
const first = run();
const second = run();
if (first.length !== cases.length)
  throw new Error(`oracle gave ${first.length} results for ${cases.length} cases`);
const out = cases.map((c, i) => {
  const r = first[i];
  const unstable = JSON.stringify(r) !== JSON.stringify(second[i]);
  return { ...c, ...(unstable ? { unstable: true } : {}), result: r };
});
writeFileSync(join(dir, 'golden.json'), JSON.stringify({ D, cases: out }, null, 1) + '\n');
const ok = out.filter((c) => c.result.ok).length;
console.log(
  `${out.length} cases (${ok} ok, ${out.length - ok} errors, ${out.filter((c) => c.unstable).length} unstable)`,
);
