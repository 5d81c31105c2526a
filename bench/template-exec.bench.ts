// The template engine alone, in process, against Go's text/template + sprig
// alone (the oracle's ORACLE_BENCH mode: mean ns of one execution, parse
// excluded): each template of a package executed N times after warm-up, in
// the same run. The figure is total time over all templates, Maestro / Go
// (target: <= 0.7). BENCH_PACKAGES picks packages (default: kafka and the
// whole corpus), BENCH_EXEC the executions per template.
import { spawnSync } from 'node:child_process';
import { corpusCases } from '../test/template/corpus-cases.ts';
// @ts-expect-error: plain .mjs helper without types
import { ensureOracle } from '../scripts/oracle.mjs';
import { createEngine } from '../src/template/engine.ts';
import { decodeCase } from '../src/template/protocol.ts';
import { sprigFuncMap } from '../src/template/sprig/index.ts';

const n = Number(process.env.BENCH_EXEC ?? 300);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const oracle = ensureOracle() as string;

/** Go's mean ns per execution, per case (only cases that render). */
function goNs(lines: string[]): (number | undefined)[] {
  const res = spawnSync(oracle, [], {
    input: lines.join('\n') + '\n',
    env: { ...process.env, ORACLE_BENCH: String(n) },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (res.status !== 0) throw new Error(`oracle exited ${res.status}: ${res.stderr}`);
  return res.stdout
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { ok: boolean; ns?: number }).ns);
}

function maestroNs(lines: string[]): (number | undefined)[] {
  const engine = createEngine({ funcs: sprigFuncMap(), missingkey: 'error', seed: '0' });
  return lines.map((line) => {
    const c = decodeCase(line);
    const first = engine.tryRender('t', c.template, c.data);
    if (!first.ok) return undefined;
    for (let i = 0; i < Math.min(n, 50); i++) engine.tryRender('t', c.template, c.data); // warm-up
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) engine.tryRender('t', c.template, c.data);
    return Number(process.hrtime.bigint() - t0) / n;
  });
}

function measure(pkg: string | undefined): Record<string, unknown> {
  const lines = corpusCases(pkg).map((c) => c.line);
  let best = Infinity;
  let goBest = 0;
  let maestroBest = 0;
  let counted = 0;
  for (let r = 0; r < rounds; r++) {
    const go = goNs(lines);
    const ms = maestroNs(lines);
    let goSum = 0;
    let mSum = 0;
    counted = 0;
    for (let i = 0; i < lines.length; i++) {
      if (go[i] === undefined || ms[i] === undefined) continue;
      goSum += go[i]!;
      mSum += ms[i]!;
      counted++;
    }
    if (mSum / goSum < best) {
      best = mSum / goSum;
      goBest = goSum;
      maestroBest = mSum;
    }
  }
  return {
    package: pkg ?? 'corpus',
    templates: counted,
    goUs: Math.round(goBest / 1000),
    maestroUs: Math.round(maestroBest / 1000),
    ratio: Number(best.toFixed(3)),
  };
}

const pkgs = (process.env.BENCH_PACKAGES ?? 'kafka,corpus').split(',');
const results = pkgs.map((p) => measure(p === 'corpus' ? undefined : p));
console.log(JSON.stringify({ bench: 'template-exec', executions: n, results }));
