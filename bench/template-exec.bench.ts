// The template engine alone, in process, against Go's text/template + sprig
// alone (the oracle's ORACLE_BENCH mode: each case executed N more times in
// process, parse excluded), in the same run. Cases are a package's templates
// with KUDO's variables (test/template/corpus-cases.ts); only cases that both
// render are counted. Two figures per package, Maestro / Go (target <= 0.7):
// - `ratio`: wall time, from the oracle's own mean ns per execution and
//   Maestro's hrtime around the same loop; the figure, exact on a
//   quiet machine;
// - `cpuRatio`: CPU time (user + system) of the N executions: Go's is the
//   oracle process's CPU with ORACLE_BENCH=N minus without it (read with the
//   shell's `times`), Maestro's is process.cpuUsage() around the loop. Time
//   spent waiting for a core counts in neither, so it survives a loaded machine.
// BENCH_PACKAGES picks packages (default kafka,corpus), BENCH_EXEC the
// executions per template, BENCH_ROUNDS the rounds (best kept).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { corpusCases } from '../test/template/corpus-cases.ts';
// @ts-expect-error: plain .mjs helper without types
import { ensureOracle } from '../scripts/oracle.mjs';
import { root } from './lib.ts';
import type * as Entry from './template-exec-entry.ts';

const n = Number(process.env.BENCH_EXEC ?? 300);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const oracle = ensureOracle() as string;

// The engine as shipped: bundled and minified like dist/ (scripts/build.mjs),
// inside the project so that the bundle's bare imports resolve to node_modules.
const work = mkdtempSync(join(root, 'bench', '.build-'));
await build({
  entryPoints: [new URL('template-exec-entry.ts', import.meta.url).pathname],
  outfile: join(work, 'entry.mjs'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  packages: 'external',
  logLevel: 'warning',
});
const { createEngine, decodeCase, sprigFuncMap } = (await import(
  pathToFileURL(join(work, 'entry.mjs')).href
)) as typeof Entry;

/** The children's CPU seconds that the shell's `times` reports (second line). */
function childCpu(timesOutput: string): number {
  const line = timesOutput.trim().split('\n').at(-1) ?? '';
  let total = 0;
  for (const m of line.matchAll(/(\d+)m([\d.]+)s/g)) total += Number(m[1]) * 60 + Number(m[2]);
  return total;
}

/** Runs the oracle on a file of cases; its output lines and its CPU seconds. */
function runOracle(input: string, bench: number): { lines: string[]; cpu: number } {
  const outFile = join(work, 'out.jsonl');
  const env = { ...process.env };
  if (bench > 0) env.ORACLE_BENCH = String(bench);
  else delete env.ORACLE_BENCH;
  const res = spawnSync('bash', ['-c', '"$0" < "$1" > "$2" && times >&2', oracle, input, outFile], {
    env,
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`oracle exited ${res.status}: ${res.stderr}`);
  const text = spawnSync('cat', [outFile], { encoding: 'utf8', maxBuffer: 1 << 30 }).stdout;
  return { lines: text.trim().split('\n'), cpu: childCpu(res.stderr) };
}

interface Side {
  /** Mean wall ns of one execution per case (undefined: the case fails). */
  ns: (number | undefined)[];
  /** CPU seconds of all N executions of every case that rendered. */
  cpu: number;
}

function goSide(input: string): Side {
  const base = runOracle(input, 0);
  const bench = runOracle(input, n);
  const ns = bench.lines.map((l) => (JSON.parse(l) as { ns?: number }).ns);
  return { ns, cpu: bench.cpu - base.cpu };
}

function maestroSide(lines: string[]): Side {
  const engine = createEngine({ funcs: sprigFuncMap(), missingkey: 'error', seed: '0' });
  const cases = lines.map((l) => decodeCase(l));
  const ok = cases.map((c) => engine.tryRender('t', c.template, c.data).ok);
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i]!;
    if (ok[i]) for (let k = 0; k < Math.min(n, 50); k++) engine.tryRender('t', c.template, c.data);
  }
  const cpu0 = process.cpuUsage();
  const ns = cases.map((c, i) => {
    if (!ok[i]) return undefined;
    const t0 = process.hrtime.bigint();
    for (let k = 0; k < n; k++) engine.tryRender('t', c.template, c.data);
    return Number(process.hrtime.bigint() - t0) / n;
  });
  const cpu = process.cpuUsage(cpu0);
  return { ns, cpu: (cpu.user + cpu.system) / 1e6 };
}

function measure(pkg: string | undefined): Record<string, unknown> {
  const lines = corpusCases(pkg).map((c) => c.line);
  const input = join(work, 'cases.jsonl');
  writeFileSync(input, lines.join('\n') + '\n');
  let best: Record<string, number> | undefined;
  for (let r = 0; r < rounds; r++) {
    const go = goSide(input);
    const ms = maestroSide(lines);
    let goSum = 0;
    let mSum = 0;
    let counted = 0;
    for (let i = 0; i < lines.length; i++) {
      const g = go.ns[i];
      const m = ms.ns[i];
      if (g === undefined || m === undefined) continue;
      goSum += g;
      mSum += m;
      counted++;
    }
    const round = {
      templates: counted,
      goUs: Math.round(goSum / 1000),
      maestroUs: Math.round(mSum / 1000),
      ratio: Number((mSum / goSum).toFixed(3)),
      goCpuUs: Math.round((go.cpu / n) * 1e6),
      maestroCpuUs: Math.round((ms.cpu / n) * 1e6),
      cpuRatio: Number((ms.cpu / go.cpu).toFixed(3)),
    };
    if (best === undefined || round.cpuRatio < best.cpuRatio!) best = round;
  }
  return { package: pkg ?? 'corpus', ...best };
}

const pkgs = (process.env.BENCH_PACKAGES ?? 'kafka,corpus').split(',');
const results = pkgs.map((p) => measure(p === 'corpus' ? undefined : p));
rmSync(work, { recursive: true, force: true });
console.log(JSON.stringify({ bench: 'template-exec', executions: n, results }));
