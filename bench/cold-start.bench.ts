// Cold start of the built server as `npm start` runs it (no cluster, tracing
// off): milliseconds from spawn to the first 200 on /readyz, median of 10;
// resident memory when idle and under load.
import { spawn } from 'node:child_process';
import { get, load, median, rssBytes, root } from './lib.ts';

const runs = Number(process.env.BENCH_COLD_RUNS ?? 10);
const bin = `${root}bin/maestro.js`;

async function coldStart(
  port: number,
): Promise<{ ms: number; pid: number; stop: () => Promise<void> }> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [bin, 'serve', '--port', String(port), '--log-level', 'warn', '--drain-delay', '0'],
    {
      stdio: 'ignore',
      env: { ...process.env, OTEL_TRACES_EXPORTER: '', OTEL_EXPORTER_OTLP_ENDPOINT: '' },
    },
  );
  const deadline = started + 10_000;
  for (;;) {
    const status = await get(`http://127.0.0.1:${port}/readyz`).catch(() => 0);
    if (status === 200) break;
    if (performance.now() > deadline) throw new Error('server did not become ready in 10 s');
    await new Promise((r) => setTimeout(r, 1));
  }
  const ms = performance.now() - started;
  return {
    ms,
    pid: child.pid!,
    stop: () => new Promise((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))),
  };
}

const basePort = 19_000 + Math.floor(Math.random() * 500);
const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const s = await coldStart(basePort + i);
  times.push(s.ms);
  await s.stop();
}

const s = await coldStart(basePort + runs);
await new Promise((r) => setTimeout(r, 1000));
const idleRss = rssBytes(s.pid);
let peakRss = idleRss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssBytes(s.pid))), 100);
const healthz = await load({
  url: `http://127.0.0.1:${basePort + runs}/healthz`,
  durationSeconds: 3,
  connections: 16,
});
clearInterval(sampler);
await s.stop();

console.log(
  JSON.stringify({
    bench: 'cold-start',
    runs,
    coldStartMedianMs: Number(median(times).toFixed(1)),
    coldStartMinMs: Number(Math.min(...times).toFixed(1)),
    idleRssMB: Number((idleRss / 2 ** 20).toFixed(1)),
    rssUnderLoadMB: Number((peakRss / 2 ** 20).toFixed(1)),
    healthzRequestsPerSecond: healthz.requestsPerSecond,
  }),
);
