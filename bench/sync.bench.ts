// The sync hook's figures (issue 5), in one run:
// - throughput over loopback HTTP for a zookeeper and a kafka instance
//   mid-deploy, each as a ratio to a bare fastify route that parses and echoes
//   the same body (alternating rounds, medians), target >= 0.5;
// - p99 latency at 64 concurrent requests;
// - the time of one sync (in process, median) for an instance with 1,000 children;
// - the syncs the simulator needs to complete zookeeper's and kafka's deploys.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { load, median, rssBytes, spawnServer, type LoadResult } from './lib.ts';
import { loadPackage, simulate, corpusDir } from '../test/engine/plan/support.ts';
import { demoFiles } from '../test/engine/plan/demo-package.ts';
import { engineHooks } from '../src/simulator/plan-simulation.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const durationSeconds = Number(process.env.BENCH_DURATION ?? 3);

// A zookeeper instance mid-deploy: the request of the sync that waits for the StatefulSet.
const zk = simulate(loadPackage(corpusDir('zookeeper')));
zk.sim.run({ maxSyncs: 3 });
const body = JSON.stringify(zk.sim.records.at(-1)!.request);
const full = simulate(loadPackage(corpusDir('zookeeper')));
const deployRun = full.runUntilSettled(1000);
// A kafka instance mid-deploy (its Pipe step done, waiting for the brokers).
const kafka = simulate(loadPackage(corpusDir('kafka')));
kafka.sim.run({ maxSyncs: 8 });
const kafkaBody = JSON.stringify(kafka.sim.records.at(-1)!.request);
const kafkaFull = simulate(loadPackage(corpusDir('kafka')));
const kafkaRun = kafkaFull.runUntilSettled(1000);

const bare = await spawnServer(['--import', 'tsx', 'bench/servers/bare.ts']);
/** `maestro serve` of a build on a free port, shedding nothing. */
const serve = (bin: string) =>
  spawnServer([bin, 'serve', '--port', '0', '--drain-delay', '0', '--max-in-flight', '1000']);
// The server as shipped: the built bundle that `npm start` runs, with its
// render pool's workers from dist/ (from source, tsx would compile them in
// every worker and measure its transform instead of Maestro).
const maestro = await serve('bin/maestro.js');
// BENCH_COMPARE_BIN: another build (e.g. /work/main/bin/maestro.js) served
// too and loaded in the same alternation, so that a change is measured
// against its parent in one run (reported as `compare`).
const compareBin = process.env.BENCH_COMPARE_BIN;
const compare = compareBin === undefined ? undefined : await serve(compareBin);
const urls = { ceiling: `${bare.url}/echo`, sync: `${maestro.url}/sync` };
const targets: Record<string, string> = {
  ...urls,
  ...(compare && { compare: `${compare.url}/sync` }),
};
const bodies = { zookeeper: body, kafka: kafkaBody };
type Case = `${keyof typeof bodies}:${string}`;
for (const url of Object.values(targets))
  await load({ url, method: 'POST', body, durationSeconds: 1 });
const results = {} as Record<Case, LoadResult[]>;
const post = (url: string, payload: string, connections: number) =>
  load({ url, method: 'POST', body: payload, durationSeconds, connections });
/** The sync server's resident memory, from its own /metrics. */
async function serverRssMB(): Promise<number> {
  const text = await (await fetch(`${maestro.url}/metrics`)).text();
  const m = /^process_resident_memory_bytes (\d+)/m.exec(text);
  return m ? Math.round(Number(m[1]) / 1e5) / 10 : NaN;
}
const roundsOf = async (which: keyof typeof bodies) => {
  for (let round = 0; round < rounds; round++) {
    for (const [name, url] of Object.entries(targets)) {
      (results[`${which}:${name}` as Case] ??= []).push(await post(url, bodies[which], 16));
    }
  }
};
// zookeeper first, at 16 and then 64 connections, on a server that has seen only it.
await roundsOf('zookeeper');
// At 64 connections p99 swings by 10x from run to run on a shared 2-core
// machine (client and server compete for the cores): three alternating runs
// of each, medians reported.
const at64Runs: LoadResult[] = [];
const ceilingAt64Runs: LoadResult[] = [];
for (let i = 0; i < 3; i++) {
  at64Runs.push(await post(urls.sync, body, 64));
  ceilingAt64Runs.push(await post(urls.ceiling, body, 64));
}
const rssZookeeper = await serverRssMB();
// Then kafka; then zookeeper at 64 again, on a server whose caches now hold both.
await roundsOf('kafka');
const rssAfterKafka = await serverRssMB();
const at64AfterKafka = await post(urls.sync, body, 64);
// Issue 16, target 4: after the 64-connection run, RSS back under 150 MB
// within 30 s (read from /proc once a second, no request in between).
const rssNowMB = () => Number((rssBytes(maestro.child.pid!) / 2 ** 20).toFixed(1));
const rssAfter64 = rssNowMB();
// All 30 samples are taken, so that the figure after 30 s idle is always printed.
const settle = { secondsUnder150MB: rssAfter64 < 150 ? 0 : NaN, samplesMB: [] as number[] };
for (let second = 1; second <= 30; second++) {
  await new Promise((r) => setTimeout(r, 1000));
  const mb = rssNowMB();
  settle.samplesMB.push(mb);
  if (mb < 150 && Number.isNaN(settle.secondsUnder150MB)) settle.secondsUnder150MB = second;
}
const rssAfter30s = settle.samplesMB.at(-1)!;
await Promise.all([bare.stop(), maestro.stop(), compare?.stop()]);

// 1,000 children: a step that renders 1,000 ConfigMaps, run to COMPLETE, then time its sync.
const many = loadPackage(
  demoFiles({
    templates: {
      'config.yaml':
        '{{ range $i := until 1000 }}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ $.Name }}-cm-{{ $i }}\ndata:\n  i: "{{ $i }}"\n{{ end }}\n',
    },
    deploySteps: '          - name: config\n            tasks: [config]',
  }),
);
const big = simulate(many);
big.runUntilSettled(50);
const bigRequest = big.sim.records.at(-1)!.request;
const hooks = engineHooks(() => big.sim.clock.now());
const times: number[] = [];
for (let i = 0; i < 7; i++) {
  const t0 = performance.now();
  const answer = hooks('sync', JSON.parse(JSON.stringify(bigRequest)));
  times.push(performance.now() - t0);
  if (answer.status !== 200) throw new Error(`1,000-children sync answered ${answer.status}`);
}

// The same sync cold: the first request of fresh processes (median of 5).
const requestFile = join(mkdtempSync(join(tmpdir(), 'maestro-bench-sync-')), 'request.json');
writeFileSync(requestFile, JSON.stringify(bigRequest));
const coldTimes: number[] = [];
for (let i = 0; i < 5; i++) {
  const res = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'bench/servers/one-sync.ts', requestFile, String(big.sim.clock.now())],
    { encoding: 'utf8' },
  );
  if (res.status !== 0) throw new Error(`one-sync exited ${res.status}: ${res.stderr}`);
  coldTimes.push((JSON.parse(res.stdout) as { coldMs: number }).coldMs);
}
rmSync(dirname(requestFile), { recursive: true, force: true });

const summary = (list: LoadResult[] = []) => ({
  requestsPerSecond: median(list.map((r) => r.requestsPerSecond)),
  latencyP99Ms: median(list.map((r) => r.latencyP99Ms)),
  non2xx: list.reduce((n, r) => n + r.non2xx, 0),
});
const ceiling = summary(results['zookeeper:ceiling']);
const sync = summary(results['zookeeper:sync']);
const kafkaCeiling = summary(results['kafka:ceiling']);
const kafkaSync = summary(results['kafka:sync']);
console.log(
  JSON.stringify({
    bench: 'sync',
    bodyBytes: body.length,
    rounds,
    durationSeconds,
    ceiling,
    sync: {
      ...sync,
      ratioToCeiling: Number((sync.requestsPerSecond / ceiling.requestsPerSecond).toFixed(3)),
    },
    ...(compare && {
      compare: {
        bin: compareBin,
        zookeeper: {
          ...summary(results['zookeeper:compare']),
          ratioToCeiling: Number(
            (
              summary(results['zookeeper:compare']).requestsPerSecond / ceiling.requestsPerSecond
            ).toFixed(3),
          ),
        },
        kafka: {
          ...summary(results['kafka:compare']),
          ratioToCeiling: Number(
            (
              summary(results['kafka:compare']).requestsPerSecond / kafkaCeiling.requestsPerSecond
            ).toFixed(3),
          ),
        },
      },
    }),
    kafka: {
      bodyBytes: kafkaBody.length,
      plan: kafka.planStatus('deploy'),
      ceiling: kafkaCeiling,
      sync: {
        ...kafkaSync,
        ratioToCeiling: Number(
          (kafkaSync.requestsPerSecond / kafkaCeiling.requestsPerSecond).toFixed(3),
        ),
      },
    },
    ceilingAt64Concurrent: {
      ...summary(ceilingAt64Runs),
      latencyP99MsRuns: ceilingAt64Runs.map((r) => r.latencyP99Ms),
    },
    syncAt64Concurrent: {
      ...summary(at64Runs),
      // Above 1: the render pool's threads outrun the single-threaded echo.
      ratioToCeiling: Number(
        (summary(at64Runs).requestsPerSecond / summary(ceilingAt64Runs).requestsPerSecond).toFixed(
          3,
        ),
      ),
      latencyP99MsRuns: at64Runs.map((r) => r.latencyP99Ms),
    },
    syncAt64AfterKafka: {
      requestsPerSecond: at64AfterKafka.requestsPerSecond,
      latencyP99Ms: at64AfterKafka.latencyP99Ms,
      non2xx: at64AfterKafka.non2xx,
    },
    serverRssMB: {
      afterZookeeper: rssZookeeper,
      afterKafka: rssAfterKafka,
      rightAfter64Connections: rssAfter64,
      after30sIdle: rssAfter30s,
      targetMB: 150,
      secondsUntilUnder150MB: Number.isNaN(settle.secondsUnder150MB)
        ? null
        : settle.secondsUnder150MB,
      samplesMB: settle.samplesMB,
      targetUnder150MBWithin30s: !Number.isNaN(settle.secondsUnder150MB),
    },
    oneSyncWith1000Children: {
      children: big.children().length,
      requestBytes: JSON.stringify(bigRequest).length,
      medianMs: Number(median(times).toFixed(1)),
      coldMedianMs: Number(median(coldTimes).toFixed(1)),
      plan: big.planStatus('deploy'),
    },
    zookeeperDeploy: {
      syncs: deployRun.syncs,
      virtualSeconds: deployRun.elapsedMs / 1000,
      plan: full.planStatus('deploy'),
    },
    kafkaDeploy: {
      syncs: kafkaRun.syncs,
      virtualSeconds: kafkaRun.elapsedMs / 1000,
      plan: kafkaFull.planStatus('deploy'),
    },
  }),
);
