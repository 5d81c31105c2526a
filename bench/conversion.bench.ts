// Conversion cost on a real object: the kafka OperatorVersion (28 templates,
// 200 parameters) v1 -> v1beta1 -> v1, per object. Baseline in the same run:
// structuredClone of the same object, which conversion used to pay once per
// direction; it now copies only what it changes (copy on write), so the
// ratio is below 1. Then the single-object HTTPS round trip (below). Prints one JSON line.
import https from 'node:https';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestCa } from '../test/support/certs.ts';
import { spawnServer } from './lib.ts';
import { kafka } from './webhooks/bodies.ts';
import { convertObject } from '../src/model/conversion/index.ts';
import { V1, V1BETA1 } from '../src/model/names.ts';
import { loadPackageFiles } from '../src/package/loader/index.ts';
import { parsePackageOrThrow } from '../src/package/parse.ts';
import { packageResources } from '../src/package/resources.ts';

const shared = process.env.MAESTRO_SHARED ?? resolve(import.meta.dirname, '..', '..', 'shared');
const kafkaDir = join(shared, 'corpus', 'kudo-operators', 'kafka', '2.5.1-1.3.2');
const ov = packageResources(parsePackageOrThrow(loadPackageFiles(kafkaDir))).v1.operatorVersion;

function timeIt(fn: () => void, budgetMs: number): number {
  for (let i = 0; i < 5; i++) fn();
  const start = performance.now();
  let runs = 0;
  while (performance.now() - start < budgetMs && runs < 5000) {
    fn();
    runs++;
  }
  return (performance.now() - start) / runs;
}

const clone = timeIt(() => structuredClone(ov), 300);
const round = timeIt(() => convertObject(convertObject(ov, V1BETA1), V1), 600);
// Issue 16, target 2: the path kube-apiserver really uses. It converts a LIST
// one object per ConversionReview, one review after another, so what counts
// is a single-object /convert over HTTPS at concurrency 1. Baseline in the
// same run: a bare fastify over the same TLS material echoing the same body
// (bench/servers/ceiling-https.ts). Requests alternate between the two
// servers, one kept-alive verified connection each; target p99 <= 1.5x.
const SERVICE = 'maestro.maestro-system.svc';
const samples = Number(process.env.BENCH_SAMPLES ?? 1000);
const dir = await mkdtemp(join(tmpdir(), 'maestro-bench-'));
const ca = await createTestCa();
const leaf = await ca.issue([SERVICE]);
await writeFile(join(dir, 'tls.crt'), leaf.certPem);
await writeFile(join(dir, 'tls.key'), leaf.keyPem);
const env = { BENCH_TLS_CERT: join(dir, 'tls.crt'), BENCH_TLS_KEY: join(dir, 'tls.key') };
const maestro = await spawnServer(['--import', 'tsx', 'bench/servers/maestro-webhooks.ts'], env);
const ceiling = await spawnServer(['--import', 'tsx', 'bench/servers/ceiling-https.ts'], env);
const bodies = kafka();
const typical = JSON.parse(bodies.conversionSmall) as { request: { objects: unknown[] } };
const singles = {
  kafkaInstance: bodies.conversionSingle,
  typicalInstance: JSON.stringify({
    ...typical,
    request: { ...typical.request, uid: 'conv-typical', objects: [typical.request.objects[0]] },
  }),
};

function post(agent: https.Agent, url: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: 'POST',
        agent,
        ca: ca.certPem,
        servername: SERVICE,
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(Buffer.concat(chunks).toString('utf8'))
            : reject(new Error(`${url}: HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const stats = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    p50Ms: Number(percentile(sorted, 50).toFixed(3)),
    p99Ms: Number(percentile(sorted, 99).toFixed(3)),
  };
};

const single: Record<string, unknown> = {};
for (const [name, body] of Object.entries(singles)) {
  const answer = JSON.parse(await post(new https.Agent(), `${maestro.url}/convert`, body));
  if (
    answer.response.result.status !== 'Success' ||
    answer.response.convertedObjects.length !== 1 ||
    answer.response.convertedObjects[0].apiVersion !== 'maestro.dev/v1beta1'
  )
    throw new Error(`convert failed: ${JSON.stringify(answer.response.result)}`);
  const agents = [
    new https.Agent({ keepAlive: true, maxSockets: 1 }),
    new https.Agent({ keepAlive: true, maxSockets: 1 }),
  ];
  const urls = [`${maestro.url}/convert`, `${ceiling.url}/echo`];
  const times: [number[], number[]] = [[], []];
  for (let i = 0; i < samples + 100; i++) {
    for (const k of i % 2 === 0 ? [0, 1] : [1, 0]) {
      const started = performance.now();
      await post(agents[k]!, urls[k]!, body);
      if (i >= 100) times[k]!.push(performance.now() - started);
    }
  }
  for (const a of agents) a.destroy();
  const convert = stats(times[0]);
  const echo = stats(times[1]);
  single[name] = {
    bodyBytes: body.length,
    convert,
    bareHttpsEcho: echo,
    p99Ratio: Number((convert.p99Ms / echo.p99Ms).toFixed(2)),
    p50Ratio: Number((convert.p50Ms / echo.p50Ms).toFixed(2)),
  };
}
await Promise.all([maestro.stop(), ceiling.stop()]);
await rm(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    bench: 'conversion',
    kafkaOperatorVersion: {
      bytes: JSON.stringify(ov).length,
      roundTripMs: Number(round.toFixed(3)),
      structuredCloneMs: Number(clone.toFixed(3)),
      ratio: Number((round / clone).toFixed(2)),
    },
    singleObjectHttpsConcurrency1: { samples, ...single },
    targetP99AtMost1_5xEcho: Object.values(single).every(
      (s) => (s as { p99Ratio: number }).p99Ratio <= 1.5,
    ),
    loadAverage: Number(loadavg()[0]!.toFixed(2)),
  }),
);
