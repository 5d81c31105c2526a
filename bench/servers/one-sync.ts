// One process, one request: times the first /sync of a fresh process (no
// compiled templates, no JIT), then the same request again (warm), for
// bench/sync.bench.ts's "one sync with 1,000 children". Reads the request
// from the file named by argv[2] and the virtual clock (ms) from argv[3];
// prints one JSON line.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { engineHooks } from '../../src/simulator/plan-simulation.ts';

const request = readFileSync(process.argv[2]!, 'utf8');
const now = Number(process.argv[3]);
const hooks = engineHooks(() => now);
const t0 = performance.now();
const first = hooks('sync', JSON.parse(request));
const coldMs = performance.now() - t0;
const t1 = performance.now();
const second = hooks('sync', JSON.parse(request));
const warmMs = performance.now() - t1;
if (first.status !== 200 || second.status !== 200) throw new Error('sync did not answer 200');
console.log(JSON.stringify({ coldMs, warmMs }));
