// Throughput of a bare fastify echo route (the ceiling) and of Maestro's
// server stack on the same 64 KiB body, in the same run, as a ratio. The two
// are measured in alternating rounds so that noise from other work on the
// machine falls on both alike; each figure is the median of its rounds.
import { load, median, realisticBody, rssBytes, spawnServer, type LoadResult } from './lib.ts';

const body = realisticBody();
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const durationSeconds = Number(process.env.BENCH_DURATION ?? 3);
const connections = 16;

const bare = await spawnServer(['--import', 'tsx', 'bench/servers/bare.ts']);
const maestro = await spawnServer(['--import', 'tsx', 'bench/servers/maestro-echo.ts']);
const targets = { ceiling: `${bare.url}/echo`, maestroStack: `${maestro.url}/bench/echo` };
for (const url of Object.values(targets)) {
  await load({ url, method: 'POST', body, durationSeconds: 1, connections }); // warm-up
}

const results: Record<keyof typeof targets, LoadResult[]> = { ceiling: [], maestroStack: [] };
let peakRss = 0;
for (let round = 0; round < rounds; round++) {
  for (const [name, url] of Object.entries(targets) as Array<[keyof typeof targets, string]>) {
    const sampler =
      name === 'maestroStack'
        ? setInterval(() => (peakRss = Math.max(peakRss, rssBytes(maestro.child.pid!))), 100)
        : undefined;
    results[name].push(await load({ url, method: 'POST', body, durationSeconds, connections }));
    clearInterval(sampler);
  }
}
const healthz = await load({ url: `${maestro.url}/healthz`, durationSeconds, connections });
await Promise.all([bare.stop(), maestro.stop()]);

const summary = (list: LoadResult[]) => ({
  requestsPerSecond: median(list.map((r) => r.requestsPerSecond)),
  latencyP50Ms: median(list.map((r) => r.latencyP50Ms)),
  latencyP99Ms: median(list.map((r) => r.latencyP99Ms)),
  non2xx: list.reduce((n, r) => n + r.non2xx, 0),
  errors: list.reduce((n, r) => n + r.errors, 0),
});
const ceiling = summary(results.ceiling);
const stack = summary(results.maestroStack);
console.log(
  JSON.stringify({
    bench: 'ceiling',
    bodyBytes: body.length,
    connections,
    rounds,
    durationSeconds,
    ceiling,
    maestroStack: {
      ...stack,
      ratioToCeiling: Number((stack.requestsPerSecond / ceiling.requestsPerSecond).toFixed(3)),
    },
    healthz: { requestsPerSecond: healthz.requestsPerSecond, latencyP99Ms: healthz.latencyP99Ms },
    maestroRssUnderLoadMB: Number((peakRss / 2 ** 20).toFixed(1)),
  }),
);
