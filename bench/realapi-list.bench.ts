// Issue 16, target 2 through a real kube-apiserver 1.20 (../shared/realapi):
// 100 Instances stored at v1, then LISTs at v1 (no conversion) and at v1beta1
// (kube-apiserver calls Maestro's /convert over HTTPS for the objects),
// alternating, median of BENCH_LIST_ROUNDS (7); target ratio <= 2. The
// admission webhook configurations are removed first: only conversion is
// measured. Skips (prints a reason) when no kube-apiserver is built.
//
// BENCH_LIST_FLOOR=1 adds the floor: what any webhook server can reach on
// this machine with one ConversionReview per object. Copies of the Instance
// CRD in groups of their own (<server>.floor.bench) point their conversion
// webhook at minimal converters (bench/servers/floor-convert.mjs over
// node:https, and floor-convert.go over Go's net/http, which offers h2, built
// into .cache/floor when a Go toolchain is installed), with 100 objects each;
// their v1beta1 LISTs join the same rotation, each a ratio to the same v1
// LIST. bench/servers/floor-convert-maestro.ts is the Node floor running
// Maestro's own conversion code: the difference to Maestro is fastify's
// request path and Maestro's hooks. Each floor server reports the reviews,
// TLS connections and HTTP versions it saw (kube-apiserver 1.20 asks webhooks
// for HTTP/1.1 only).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { build } from 'esbuild';
import { parse as parseYaml } from 'yaml';
import { apiserverAvailable, startStack } from '../test/cluster/stack.ts';
import { median, root, spawnServer, type BenchServer } from './lib.ts';
import { request } from '../test/support/http.ts';

const rounds = Number(process.env.BENCH_LIST_ROUNDS ?? 7);
const floor = process.env.BENCH_LIST_FLOOR === '1';
const count = 100;
const missing = apiserverAvailable();
if (missing !== undefined) {
  console.log(JSON.stringify({ bench: 'realapi-list', skipped: missing }));
  process.exit(0);
}

/** Builds the Go floor converter into .cache/floor; a reason when it cannot. */
function buildGoFloor(): { bin: string } | { skipped: string } {
  const bin = join(root, '.cache/floor/floor-convert');
  const res = spawnSync('go', ['build', '-o', bin, 'floor-convert.go'], {
    cwd: join(root, 'bench/servers'),
    env: { ...process.env, GO111MODULE: 'off', GOCACHE: join(root, '.cache/floor/gocache') },
    encoding: 'utf8',
  });
  if (res.error !== undefined) return { skipped: `no Go toolchain: ${res.error.message}` };
  if (res.status !== 0) return { skipped: `go build failed: ${res.stderr.trim()}` };
  return { bin };
}

/** CPU time (user + system) of a process so far, in ms, from /proc (Linux; 100 ticks a second). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Bundles floor-convert-maestro.ts into .cache/floor, so that it runs on plain
 * node as `maestro serve` runs its bundle: under tsx, the loader's worker
 * thread polls for messages and adds CPU time to every review.
 */
async function bundleMaestroFloor(): Promise<string> {
  const outfile = join(root, '.cache/floor/floor-convert-maestro.mjs');
  await build({
    entryPoints: [join(root, 'bench/servers/floor-convert-maestro.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

interface Target {
  /** The LIST's label in the output. */
  name: string;
  group: string;
  version: string;
  server?: BenchServer;
}

const stack = await startStack();
const servers: BenchServer[] = [];
try {
  const admission = stack.kc.makeApiClient(k8s.AdmissionregistrationV1Api);
  for (const w of (await admission.listValidatingWebhookConfiguration()).items)
    await admission.deleteValidatingWebhookConfiguration({ name: w.metadata!.name! });
  for (const w of (await admission.listMutatingWebhookConfiguration()).items)
    await admission.deleteMutatingWebhookConfiguration({ name: w.metadata!.name! });
  const ca = readFileSync(stack.env.REALAPI_CA!, 'utf8');
  const targets: Target[] = [
    { name: 'v1', group: 'maestro.dev', version: 'v1' },
    { name: 'maestro', group: 'maestro.dev', version: 'v1beta1' },
  ];
  let goFloor: string | undefined;
  if (floor) {
    const tls = {
      BENCH_TLS_CERT: stack.env.REALAPI_WEBHOOK_CERT!,
      BENCH_TLS_KEY: stack.env.REALAPI_WEBHOOK_KEY!,
    };
    const floorServers: [string, () => Promise<BenchServer>][] = [
      ['node-https', () => spawnServer(['bench/servers/floor-convert.mjs'], tls)],
      ['node-https-maestro-conversion', async () => spawnServer([await bundleMaestroFloor()], tls)],
    ];
    const go = buildGoFloor();
    if ('bin' in go) {
      floorServers.push(['go', () => spawnServer([], tls, go.bin)]);
    } else goFloor = go.skipped;
    const ext = stack.kc.makeApiClient(k8s.ApiextensionsV1Api);
    const crd = parseYaml(
      readFileSync(join(root, 'crds/instances.maestro.dev.yaml'), 'utf8'),
    ) as k8s.V1CustomResourceDefinition;
    for (const [name, start] of floorServers) {
      const server = await start();
      servers.push(server);
      const group = `${name}.floor.bench`;
      const copy = structuredClone(crd);
      copy.metadata!.name = `instances.${group}`;
      copy.spec.group = group;
      copy.spec.conversion!.webhook!.clientConfig = {
        url: `${server.url}/convert`,
        caBundle: stack.env.REALAPI_CA_B64!,
      };
      await ext.createCustomResourceDefinition({ body: copy });
      targets.push({ name, group, version: 'v1beta1', server });
    }
    for (const t of targets.slice(2)) {
      for (let i = 0; ; i++) {
        const got = await ext.readCustomResourceDefinition({ name: `instances.${t.group}` });
        if (
          (got.status?.conditions ?? []).some(
            (c) => c.type === 'Established' && c.status === 'True',
          )
        )
          break;
        if (i > 150) throw new Error(`CRD instances.${t.group} not established`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }
  const parameters = Object.fromEntries(
    Array.from({ length: 10 }, (_, i) => [`PARAM_${i}`, `value-${i}`]),
  );
  const groups = [...new Set(targets.map((t) => t.group))];
  for (const group of groups) {
    for (let i = 0; i < count; i += 10) {
      await Promise.all(
        Array.from({ length: 10 }, (_, j) =>
          stack.custom.createNamespacedCustomObject({
            group,
            version: 'v1',
            namespace: 'default',
            plural: 'instances',
            body: {
              apiVersion: `${group}/v1`,
              kind: 'Instance',
              metadata: { name: `list-${i + j}` },
              spec: { operatorVersion: { name: 'zookeeper-3.4.14-0.3.1' }, parameters },
            },
          }),
        ),
      );
    }
  }
  const list = async (t: Target) => {
    const started = performance.now();
    const res = (await stack.custom.listNamespacedCustomObject({
      group: t.group,
      version: t.version,
      namespace: 'default',
      plural: 'instances',
    })) as { items: { apiVersion: string }[] };
    const ms = performance.now() - started;
    if (
      res.items.length !== count ||
      res.items.some((o) => o.apiVersion !== `${t.group}/${t.version}`)
    )
      throw new Error(`LIST ${t.name}: ${res.items.length} items`);
    return ms;
  };
  // Maestro's own time per review (request in to answer sent), from its /metrics.
  const convertMetrics = async () => {
    const text = (await request(`${stack.maestroUrl}/metrics`, { ca })).body;
    const read = (what: string) =>
      Number(
        new RegExp(
          `maestro_http_request_duration_seconds_${what}\\{method="POST",route="/convert",status_code="200"\\} (\\S+)`,
        ).exec(text)?.[1] ?? 0,
      );
    return { sum: read('sum'), count: read('count') };
  };
  for (const t of targets) await list(t);
  // CPU per review of each webhook server over the rounds: Maestro's and the floors'.
  const maestroPid = Number(readFileSync(join(stack.state, 'pids/maestro.pid'), 'utf8'));
  const pids = new Map<string, number>([
    ['maestro', maestroPid],
    ...targets.slice(2).map((t): [string, number] => [t.name, t.server!.child.pid!]),
  ]);
  const cpuBefore = new Map([...pids].map(([k, pid]) => [k, cpuMs(pid)]));
  const before = await convertMetrics();
  const round1 = (n: number, digits = 1) => Number(n.toFixed(digits));
  const times = new Map(targets.map((t) => [t.name, [] as number[]]));
  for (let i = 0; i < rounds; i++) {
    // Rotated, and reversed every other round, so no LIST always follows the same one.
    const order = [...targets.slice(i % targets.length), ...targets.slice(0, i % targets.length)];
    if (i % 2 === 1) order.reverse();
    for (const t of order) times.get(t.name)!.push(await list(t));
  }
  const cpu = new Map([...pids].map(([k, pid]) => [k, cpuMs(pid) - cpuBefore.get(k)!]));
  const after = await convertMetrics();
  const reviews = after.count - before.count;
  const perReview = (name: string) => round1(cpu.get(name)! / (rounds * count), 3);
  const v1 = median(times.get('v1')!);
  const v1beta1 = median(times.get('maestro')!);
  const floorFigures: Record<string, unknown> = {};
  for (const t of targets.slice(2)) {
    const ms = median(times.get(t.name)!);
    const stats = JSON.parse((await request(`${t.server!.url}/stats`, { ca })).body) as unknown;
    floorFigures[t.name] = {
      listMedianMs: round1(ms),
      ratio: round1(ms / v1, 2),
      extraMsPerObject: round1((ms - v1) / count, 3),
      cpuMsPerReview: perReview(t.name),
      server: stats,
    };
  }
  console.log(
    JSON.stringify({
      bench: 'realapi-list',
      objects: count,
      rounds,
      loadAverage: round1(loadavg()[0]!, 2),
      listV1MedianMs: round1(v1),
      listV1beta1MedianMs: round1(v1beta1),
      ratio: round1(v1beta1 / v1, 2),
      targetRatioAtMost2: v1beta1 / v1 <= 2,
      // One ConversionReview per object: what each costs the LIST, and Maestro's share of it.
      conversionReviews: reviews,
      extraMsPerObject: round1((v1beta1 - v1) / count, 3),
      maestroMsPerReview: round1(((after.sum - before.sum) / Math.max(1, reviews)) * 1000, 3),
      // Maestro's process CPU (user + system, TLS and socket writes included) per review.
      maestroCpuMsPerReview: perReview('maestro'),
      ...(floor && { floor: floorFigures }),
      ...(goFloor !== undefined && { goFloorSkipped: goFloor }),
      runsMs: Object.fromEntries([...times].map(([k, v]) => [k, v.map((t) => round1(t))])),
    }),
  );
} finally {
  for (const s of servers) await s.stop();
  await stack.stop();
}
