// The figures behind the chart's Knative settings (docs/install.md, "Knative"):
// - cold start as a scaled-from-zero hook pays it: spawn of the built
//   `node bin/maestro.js serve` until the first 200 answer to a real /sync
//   (zookeeper mid-deploy), median of BENCH_COLD_RUNS; beside it, spawn until
//   /readyz answers 200 (what Knative's readiness probe waits for);
// - warm /sync latency, sequential (median and p99), the baseline the cold
//   start is reported against as a ratio;
// - throughput and p99 at 1, 4, 16 and 64 concurrent requests, as ratios to
//   1 concurrent request: where more concurrency stops adding throughput and
//   only adds latency is what containerConcurrency is set from.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { get as getStatus, load, median, root } from './lib.ts';
import { loadPackage, simulate, corpusDir } from '../test/engine/plan/support.ts';

const runs = Number(process.env.BENCH_COLD_RUNS ?? 5);
const bin = `${root}bin/maestro.js`;

const zk = simulate(loadPackage(corpusDir('zookeeper')));
zk.sim.run({ maxSyncs: 3 });
const body = JSON.stringify(zk.sim.records.at(-1)!.request);

function post(url: string, payload: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function startServer(port: number) {
  return spawn(
    process.execPath,
    [bin, 'serve', '--port', String(port), '--log-level', 'warn', '--drain-delay', '0'],
    {
      stdio: 'ignore',
      env: { ...process.env, OTEL_TRACES_EXPORTER: '', OTEL_EXPORTER_OTLP_ENDPOINT: '' },
    },
  );
}

async function until(check: () => Promise<boolean>, started: number): Promise<number> {
  for (;;) {
    if (await check().catch(() => false)) return performance.now() - started;
    if (performance.now() - started > 20_000) throw new Error('no answer within 20 s');
    await new Promise((r) => setTimeout(r, 1));
  }
}

const stop = (child: ReturnType<typeof spawn>) =>
  new Promise<void>((done) => (child.once('exit', () => done()), child.kill('SIGTERM')));

const basePort = 19_500 + Math.floor(Math.random() * 400);
const toReady: number[] = [];
const toSync: number[] = [];
for (let i = 0; i < runs; i++) {
  // Two processes per run: one measured to /readyz, one to its first /sync 200.
  const portA = basePort + 2 * i;
  let started = performance.now();
  let child = startServer(portA);
  toReady.push(
    await until(async () => (await getStatus(`http://127.0.0.1:${portA}/readyz`)) === 200, started),
  );
  await stop(child);
  const portB = portA + 1;
  started = performance.now();
  child = startServer(portB);
  toSync.push(
    await until(async () => (await post(`http://127.0.0.1:${portB}/sync`, body)) === 200, started),
  );
  await stop(child);
}

const port = basePort + 2 * runs;
const server = startServer(port);
await until(
  async () => (await getStatus(`http://127.0.0.1:${port}/readyz`)) === 200,
  performance.now(),
);
const url = `http://127.0.0.1:${port}/sync`;
for (let i = 0; i < 20; i++) await post(url, body); // warm-up
const warm: number[] = [];
for (let i = 0; i < 200; i++) {
  const t = performance.now();
  const status = await post(url, body);
  if (status !== 200) throw new Error(`/sync answered ${status}`);
  warm.push(performance.now() - t);
}
warm.sort((a, b) => a - b);
const warmMedian = median(warm);
const levels = [1, 4, 16, 64];
const byLevel: Record<string, { requestsPerSecond: number; latencyP99Ms: number; non2xx: number }> =
  {};
for (const c of levels) {
  const r = await load({ url, method: 'POST', body, connections: c, durationSeconds: 3 });
  byLevel[c] = {
    requestsPerSecond: r.requestsPerSecond,
    latencyP99Ms: r.latencyP99Ms,
    non2xx: r.non2xx,
  };
}
await stop(server);

const base = byLevel[1]!;
console.log(
  JSON.stringify({
    bench: 'knative',
    runs,
    bodyBytes: body.length,
    coldStartToReadyzMedianMs: Number(median(toReady).toFixed(0)),
    coldStartToFirstSyncMedianMs: Number(median(toSync).toFixed(0)),
    warmSyncMedianMs: Number(warmMedian.toFixed(2)),
    warmSyncP99Ms: Number(warm[Math.floor(warm.length * 0.99)]!.toFixed(2)),
    coldFirstSyncToWarmSyncRatio: Number((median(toSync) / warmMedian).toFixed(0)),
    concurrency: Object.fromEntries(
      levels.map((c) => [
        c,
        {
          ...byLevel[c],
          throughputRatioTo1: Number(
            (byLevel[c]!.requestsPerSecond / base.requestsPerSecond).toFixed(2),
          ),
          p99RatioTo1: Number(
            (byLevel[c]!.latencyP99Ms / Math.max(base.latencyP99Ms, 1)).toFixed(1),
          ),
        },
      ]),
    ),
  }),
);
