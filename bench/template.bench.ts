// Speed of `maestro template` against Go's own text/template (the oracle):
// the kafka package's templates, each rendered 1,000 times with KUDO's
// variables, from the same JSON-lines file, both as whole processes started
// through their installed command (process start counts), in the same run.
// Prints one JSON line: both times and the ratio (target: ratio <= 1.0).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusCases } from '../test/template/corpus-cases.ts';
// @ts-expect-error: plain .mjs helper without types
import { ensureOracle } from '../scripts/oracle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const repeat = Number(process.env.BENCH_REPEAT ?? 1000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

const bin = join(root, 'bin', 'maestro.js');
if (!existsSync(join(root, 'dist', 'main.js'))) {
  spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
}
const oracle = ensureOracle() as string;

const cases = corpusCases('kafka');
const dir = mkdtempSync(join(tmpdir(), 'maestro-bench-'));
const input = join(dir, 'kafka.jsonl');
const lines: string[] = [];
for (let r = 0; r < repeat; r++) for (const c of cases) lines.push(c.line);
writeFileSync(input, lines.join('\n') + '\n');

function time(cmd: string, args: string[]): number {
  const fd = openSync(input, 'r');
  const t0 = process.hrtime.bigint();
  const res = spawnSync(cmd, args, { stdio: [fd, 'ignore', 'inherit'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  closeSync(fd);
  if (res.status !== 0) throw new Error(`${cmd} exited with ${res.status}`);
  return ms;
}

// Alternate the two and keep each one's best round: the machine is shared and noisy.
let maestroMs = Infinity;
let goMs = Infinity;
for (let r = 0; r < rounds; r++) {
  goMs = Math.min(goMs, time(oracle, []));
  maestroMs = Math.min(maestroMs, time(process.execPath, [bin, 'template']));
}
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    bench: 'template',
    templates: cases.length,
    renders: lines.length,
    maestroMs: Math.round(maestroMs),
    goMs: Math.round(goMs),
    ratio: Number((maestroMs / goMs).toFixed(3)),
  }),
);
