// Latency and throughput of /validate, /mutate and /convert over HTTPS, as
// kube-apiserver calls them: a kafka Instance UPDATE with all 200 parameters,
// and ConversionReviews of 100 such Instances (824 KB), of one, and of 100
// Instances of a typical size (ten typed parameters), v1 -> v1beta1.
// - latency: p50/p99 at concurrency 1 over one kept-alive verified connection,
//   with the ceiling's /echo of the same conversion bodies as /convert's floor
//   (TLS both ways, JSON parse and serialise, nothing of Maestro);
// - throughput: 64 connections, as a ratio to an HTTPS ceiling route that
//   parses the same body (bench/servers/ceiling-https.ts), measured in
//   alternating rounds of the same run;
// - the pure handlers in process (parse included for conversion), for scale,
//   and the kafka conversion split into parse, convert and serialise.
// Targets (issue 6): p99 < 5 ms; 100-object conversion < 10 ms.
import https from 'node:https';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createTestCa } from '../test/support/certs.ts';
import { convertReview } from '../src/webhooks/conversion/index.ts';
import { handleAdmission } from '../src/webhooks/admission/index.ts';
import { median, spawnServer } from './lib.ts';
import { kafka } from './webhooks/bodies.ts';

const SERVICE = 'maestro.maestro-system.svc';
const samples = Number(process.env.BENCH_SAMPLES ?? 400);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const durationSeconds = Number(process.env.BENCH_DURATION ?? 3);
const connections = 64;

const dir = await mkdtemp(join(tmpdir(), 'maestro-bench-'));
const ca = await createTestCa();
const leaf = await ca.issue([SERVICE]);
await writeFile(join(dir, 'tls.crt'), leaf.certPem);
await writeFile(join(dir, 'tls.key'), leaf.keyPem);
const env = { BENCH_TLS_CERT: join(dir, 'tls.crt'), BENCH_TLS_KEY: join(dir, 'tls.key') };
const bodies = kafka();

const maestro = await spawnServer(['--import', 'tsx', 'bench/servers/maestro-webhooks.ts'], env);
const ceiling = await spawnServer(['--import', 'tsx', 'bench/servers/ceiling-https.ts'], env);

function post(
  agent: https.Agent,
  url: string,
  body: string,
): Promise<{ status: number; text: string }> {
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
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function latency(url: string, body: string) {
  const agent = new https.Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  const deadline = performance.now() + 60_000;
  for (let i = 0; i < samples + 50 && performance.now() < deadline; i++) {
    const started = performance.now();
    const res = await post(agent, url, body);
    const ms = performance.now() - started;
    if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
    if (i >= 50) times.push(ms);
  }
  agent.destroy();
  times.sort((a, b) => a - b);
  const round = (n: number) => Number(n.toFixed(2));
  return {
    p50Ms: round(percentile(times, 50)),
    p99Ms: round(percentile(times, 99)),
    samples: times.length,
  };
}

async function throughput(url: string, body: string): Promise<number> {
  const result = await autocannon({
    url,
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
    connections,
    duration: durationSeconds,
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return Math.round(result.requests.average);
}

// Correctness first: each route answers what the benchmark claims to measure.
const check = new https.Agent({ keepAlive: false });
const validated = JSON.parse((await post(check, `${maestro.url}/validate`, bodies.admission)).text);
const mutated = JSON.parse((await post(check, `${maestro.url}/mutate`, bodies.admission)).text);
const converted = JSON.parse((await post(check, `${maestro.url}/convert`, bodies.conversion)).text);
if (validated.response.allowed !== true)
  throw new Error(`validate denied: ${JSON.stringify(validated.response.status)}`);
if (mutated.response.patchType !== 'JSONPatch') throw new Error('mutate returned no patch');
if (
  converted.response.result.status !== 'Success' ||
  converted.response.convertedObjects.length !== 100
) {
  throw new Error(`convert failed: ${converted.response.result.message}`);
}
for (const [body, count] of [
  [bodies.conversionSmall, 100],
  [bodies.conversionSingle, 1],
] as const) {
  const res = JSON.parse((await post(check, `${maestro.url}/convert`, body)).text);
  if (res.response.result.status !== 'Success' || res.response.convertedObjects.length !== count)
    throw new Error(`convert failed: ${res.response.result.message}`);
}

const routes = {
  validate: { path: '/validate', body: bodies.admission, ceiling: '/small' },
  mutate: { path: '/mutate', body: bodies.admission, ceiling: '/small' },
  convert: { path: '/convert', body: bodies.conversion, ceiling: '/echo' },
  convertTypical: { path: '/convert', body: bodies.conversionSmall, ceiling: '/echo' },
} as const;
// Measured for latency only: throughput of one small object says nothing /validate does not.
const latencyOnly = {
  convertSingle: { path: '/convert', body: bodies.conversionSingle },
} as const;

const latencies: Record<string, { p50Ms: number; p99Ms: number; samples: number }> = {};
for (const [name, r] of Object.entries({ ...routes, ...latencyOnly }))
  latencies[name] = await latency(`${maestro.url}${r.path}`, r.body);
const ceilingLatency = await latency(`${ceiling.url}/small`, bodies.admission);
// The floor under /convert: bare fastify parsing and echoing the same body over the same TLS.
const ceilingEcho = {
  convert: await latency(`${ceiling.url}/echo`, bodies.conversion),
  convertTypical: await latency(`${ceiling.url}/echo`, bodies.conversionSmall),
};

const tp: Record<string, { maestro: number[]; ceiling: number[] }> = {};
for (const name of Object.keys(routes)) tp[name] = { maestro: [], ceiling: [] };
for (let round = 0; round < rounds; round++) {
  for (const [name, r] of Object.entries(routes)) {
    tp[name]!.maestro.push(await throughput(`${maestro.url}${r.path}`, r.body));
    tp[name]!.ceiling.push(await throughput(`${ceiling.url}${r.ceiling}`, r.body));
  }
}

// The pure handlers in process, on parsed bodies: what Maestro adds to JSON parse and serialise.
async function inProcess(run: () => unknown, n: number) {
  const times: number[] = [];
  for (let i = 0; i < n + 10; i++) {
    const started = performance.now();
    await run();
    if (i >= 10) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return {
    p50Ms: Number(percentile(times, 50).toFixed(3)),
    p99Ms: Number(percentile(times, 99).toFixed(3)),
  };
}
const lookup = async () => ({ ok: true as const, operatorVersion: bodies.ov });
const admissionReview = JSON.parse(bodies.admission);
const handlers = {
  validate: await inProcess(() => handleAdmission(admissionReview, lookup, 'validate'), 200),
  mutate: await inProcess(() => handleAdmission(admissionReview, lookup, 'mutate'), 200),
  convert: await inProcess(() => convertReview(JSON.parse(bodies.conversion)), 30),
  convertTypical: await inProcess(() => convertReview(JSON.parse(bodies.conversionSmall)), 100),
  convertSingle: await inProcess(() => convertReview(JSON.parse(bodies.conversionSingle)), 200),
};

// Where the in-process time of the 100-kafka-Instance conversion goes: parse, convert, serialise.
const parsedConversion = JSON.parse(bodies.conversion);
const convertedConversion = convertReview(parsedConversion);
const breakdown = {
  parse: await inProcess(() => JSON.parse(bodies.conversion), 30),
  convert: await inProcess(() => convertReview(parsedConversion), 30),
  serialise: await inProcess(() => JSON.stringify(convertedConversion), 30),
};

await Promise.all([maestro.stop(), ceiling.stop()]);
await rm(dir, { recursive: true, force: true });

const throughputSummary = Object.fromEntries(
  Object.entries(tp).map(([name, t]) => {
    const m = median(t.maestro);
    const c = median(t.ceiling);
    return [
      name,
      {
        requestsPerSecond: m,
        ceilingRequestsPerSecond: c,
        ratioToCeiling: Number((m / c).toFixed(3)),
      },
    ];
  }),
);
console.log(
  JSON.stringify({
    bench: 'webhooks',
    parameters: bodies.parameterCount,
    admissionBodyBytes: bodies.admission.length,
    conversionObjects: 100,
    conversionBodyBytes: bodies.conversion.length,
    conversionTypicalBodyBytes: bodies.conversionSmall.length,
    conversionSingleBodyBytes: bodies.conversionSingle.length,
    latencyConcurrency1: { ...latencies, ceiling: ceilingLatency, ceilingEcho },
    targets: {
      admissionP99Under5Ms: latencies.validate!.p99Ms < 5 && latencies.mutate!.p99Ms < 5,
      conversion100KafkaUnder10Ms: latencies.convert!.p99Ms < 10,
      conversion100TypicalUnder10Ms: latencies.convertTypical!.p99Ms < 10,
      conversionSingleUnder5Ms: latencies.convertSingle!.p99Ms < 5,
    },
    handlersInProcess: handlers,
    convertKafkaInProcess: breakdown,
    loadAverage: Number(loadavg()[0]!.toFixed(2)),
    throughput64: throughputSummary,
    rounds,
    durationSeconds,
  }),
);
