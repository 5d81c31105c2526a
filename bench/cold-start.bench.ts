// Cold start of the built server as `npm start` runs it (issue 16, target 3):
// milliseconds from spawn to the first 200 on /healthz, for `maestro serve`
// and for a bare node:http server (bench/servers/bare-http.mjs), alternating
// the two, median of BENCH_COLD_RUNS (5); ratio = maestro / bare, target <= 1.3.
// The same bare server as CommonJS (bare-http.cjs) runs in the alternation
// too: `maestro serve` starts from CommonJS, and the ratio to it leaves out
// what Node's ES module loader costs the .mjs baseline.
// So that a lazy start cannot hide its cost, each Maestro run also reports the
// time to the first 200 on /readyz and to the first answered /sync (a
// zookeeper sync request, which loads the plan and template engines).
// Memory (target 4): idle RSS one second after ready (and after a first /sync), without tracing and
// with OTEL configured (an OTLP endpoint on a closed loopback port), and the
// bare server's idle RSS for scale.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { loadavg } from 'node:os';
import { get, load, median, rssBytes, root } from './lib.ts';
import { loadPackage, simulate, corpusDir } from '../test/engine/plan/support.ts';

const runs = Number(process.env.BENCH_COLD_RUNS ?? 5);
// BENCH_MAESTRO_BIN: measure another build in place of this checkout's.
const bin = process.env.BENCH_MAESTRO_BIN ?? `${root}bin/maestro.js`;
const zk = simulate(loadPackage(corpusDir('zookeeper')));
zk.sim.run({ maxSyncs: 3 });
const syncBody = JSON.stringify(zk.sim.records.at(-1)!.request);

// BENCH_COMPARE_BIN: another build (e.g. /work/main/bin/maestro.js) started in
// the same alternation, so that a change is measured against its parent in one run
// (its /healthz, /readyz and first /sync, like this checkout's).
const compareBin = process.env.BENCH_COMPARE_BIN;
type Which = 'maestro' | 'bare' | 'bare-cjs' | 'compare';
const noTracing = { OTEL_TRACES_EXPORTER: '', OTEL_EXPORTER_OTLP_ENDPOINT: '' };
let nextPort = 19_000 + Math.floor(Math.random() * 2000);

function post(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } },
      (res) => (res.resume(), resolve(res.statusCode ?? 0)),
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function until(
  started: number,
  exited: () => boolean,
  probe: () => Promise<number>,
): Promise<number> {
  const deadline = started + 20_000;
  for (;;) {
    if ((await probe().catch(() => 0)) === 200) return performance.now() - started;
    if (exited()) throw new Error('the server exited before answering');
    if (performance.now() > deadline) throw new Error('no 200 within 20 s');
    await new Promise((r) => setTimeout(r, 1));
  }
}

interface Started {
  healthzMs: number;
  readyzMs?: number;
  syncMs?: number;
  child: ChildProcess;
  port: number;
  stop: () => Promise<void>;
}

/** Starts one server; a port taken by another process (the machine is shared) means a retry on the next. */
async function start(which: Which, env: NodeJS.ProcessEnv = noTracing, firstSync = true) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(which, env, firstSync);
    } catch (err) {
      if (attempt >= 5) throw err;
    }
  }
}

async function startOnce(which: Which, env: NodeJS.ProcessEnv, firstSync: boolean) {
  const port = nextPort++;
  const args =
    which === 'bare' || which === 'bare-cjs'
      ? [`${root}bench/servers/bare-http.${which === 'bare' ? 'mjs' : 'cjs'}`, String(port)]
      : [
          which === 'compare' ? compareBin! : bin,
          'serve',
          '--port',
          String(port),
          '--log-level',
          'warn',
          '--drain-delay',
          '0',
        ];
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: 'ignore', env: { ...process.env, ...env } });
  let exited = false;
  child.once('exit', () => (exited = true));
  const base = `http://127.0.0.1:${port}`;
  const out: Started = {
    healthzMs: await until(
      started,
      () => exited,
      () => get(`${base}/healthz`),
    ),
    child,
    port,
    stop: () => new Promise((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))),
  };
  if (which !== 'bare' && which !== 'bare-cjs') {
    out.readyzMs = await until(
      started,
      () => exited,
      () => get(`${base}/readyz`),
    );
    if (firstSync)
      out.syncMs = await until(
        started,
        () => exited,
        () => post(`${base}/sync`, syncBody),
      );
  }
  return out;
}

const bare: number[] = [];
const bareCjs: number[] = [];
const compared = { healthz: [] as number[], readyz: [] as number[], sync: [] as number[] };
const maestro = { healthz: [] as number[], readyz: [] as number[], sync: [] as number[] };
// One unmeasured start of each warms the page cache.
const kinds: Which[] =
  compareBin === undefined
    ? ['bare', 'maestro', 'bare-cjs']
    : ['bare', 'maestro', 'bare-cjs', 'compare'];
for (const w of kinds) await (await start(w)).stop();
for (let i = 0; i < runs; i++) {
  const order = i % 2 === 0 ? kinds : [...kinds].reverse();
  for (const w of order) {
    const s = await start(w);
    if (w === 'bare') bare.push(s.healthzMs);
    else if (w === 'bare-cjs') bareCjs.push(s.healthzMs);
    else if (w === 'compare') {
      compared.healthz.push(s.healthzMs);
      compared.readyz.push(s.readyzMs!);
      compared.sync.push(s.syncMs!);
    } else {
      maestro.healthz.push(s.healthzMs);
      maestro.readyz.push(s.readyzMs!);
      maestro.sync.push(s.syncMs!);
    }
    await s.stop();
  }
}

/**
 * Idle RSS one second after the first 200 on /readyz (no request served but
 * the probes), or after the first answered /sync (engines loaded).
 */
async function idleRss(which: 'maestro' | 'bare', env = noTracing, firstSync = false) {
  const s = await start(which, env, firstSync);
  await new Promise((r) => setTimeout(r, 1000));
  const rss = rssBytes(s.child.pid!);
  return { s, mb: Number((rss / 2 ** 20).toFixed(1)) };
}
const bareIdle = await idleRss('bare');
await bareIdle.s.stop();
const traced = await idleRss('maestro', {
  OTEL_TRACES_EXPORTER: 'otlp',
  OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9',
});
await traced.s.stop();
const afterSync = await idleRss('maestro', noTracing, true);
await afterSync.s.stop();
const idle = await idleRss('maestro');
let peakRss = rssBytes(idle.s.child.pid!);
const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssBytes(idle.s.child.pid!))), 100);
const healthz = await load({
  url: `http://127.0.0.1:${idle.s.port}/healthz`,
  durationSeconds: 3,
  connections: 16,
});
clearInterval(sampler);
await idle.s.stop();

const ms = (n: number) => Number(n.toFixed(1));
const healthzMedian = median(maestro.healthz);
const bareMedian = median(bare);
console.log(
  JSON.stringify({
    bench: 'cold-start',
    runs,
    loadAverage: Number(loadavg()[0]!.toFixed(2)),
    bareHttpHealthzMedianMs: ms(bareMedian),
    healthzMedianMs: ms(healthzMedian),
    ratioToBare: Number((healthzMedian / bareMedian).toFixed(2)),
    targetRatioAtMost1_3: healthzMedian / bareMedian <= 1.3,
    // The same server as CommonJS (bench/servers/bare-http.cjs): bin/ is
    // CommonJS too, so this ratio leaves out what the ES module loader costs.
    bareCommonJsHealthzMedianMs: ms(median(bareCjs)),
    ratioToBareCommonJs: Number((healthzMedian / median(bareCjs)).toFixed(2)),
    ...(compareBin === undefined
      ? {}
      : {
          compare: {
            bin: compareBin,
            healthzMedianMs: ms(median(compared.healthz)),
            ratioToBare: Number((median(compared.healthz) / bareMedian).toFixed(2)),
            readyzMedianMs: ms(median(compared.readyz)),
            firstSyncAnsweredMedianMs: ms(median(compared.sync)),
            runsMs: compared.healthz.map(ms),
          },
        }),
    readyzMedianMs: ms(median(maestro.readyz)),
    firstSyncAnsweredMedianMs: ms(median(maestro.sync)),
    runsMs: {
      bare: bare.map(ms),
      healthz: maestro.healthz.map(ms),
      readyz: maestro.readyz.map(ms),
      sync: maestro.sync.map(ms),
    },
    idleRssMB: idle.mb,
    idleRssWithOtelMB: traced.mb,
    idleRssAfterFirstSyncMB: afterSync.mb,
    bareHttpIdleRssMB: bareIdle.mb,
    targets: { idleRssAtMost70MB: idle.mb <= 70, idleRssWithOtelAtMost100MB: traced.mb <= 100 },
    rssUnderHealthzLoadMB: Number((peakRss / 2 ** 20).toFixed(1)),
    healthzRequestsPerSecond: healthz.requestsPerSecond,
  }),
);
