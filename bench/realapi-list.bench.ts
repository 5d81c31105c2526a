// Issue 16, target 2 through a real kube-apiserver 1.20 (../shared/realapi):
// 100 Instances stored at v1, then LISTs at v1 (no conversion) and at v1beta1
// (kube-apiserver calls Maestro's /convert over HTTPS for the objects),
// alternating, median of BENCH_LIST_ROUNDS (7); target ratio <= 2. The
// admission webhook configurations are removed first: only conversion is
// measured. Skips (prints a reason) when no kube-apiserver is built.
import { loadavg } from 'node:os';
import * as k8s from '@kubernetes/client-node';
import { apiserverAvailable, startStack } from '../test/cluster/stack.ts';
import { readFileSync } from 'node:fs';
import { median } from './lib.ts';
import { request } from '../test/support/http.ts';

const rounds = Number(process.env.BENCH_LIST_ROUNDS ?? 7);
const count = 100;
const missing = apiserverAvailable();
if (missing !== undefined) {
  console.log(JSON.stringify({ bench: 'realapi-list', skipped: missing }));
  process.exit(0);
}
const stack = await startStack();
try {
  const admission = stack.kc.makeApiClient(k8s.AdmissionregistrationV1Api);
  for (const w of (await admission.listValidatingWebhookConfiguration()).items)
    await admission.deleteValidatingWebhookConfiguration({ name: w.metadata!.name! });
  for (const w of (await admission.listMutatingWebhookConfiguration()).items)
    await admission.deleteMutatingWebhookConfiguration({ name: w.metadata!.name! });
  const parameters = Object.fromEntries(
    Array.from({ length: 10 }, (_, i) => [`PARAM_${i}`, `value-${i}`]),
  );
  for (let i = 0; i < count; i++) {
    await stack.custom.createNamespacedCustomObject({
      group: 'maestro.dev',
      version: 'v1',
      namespace: 'default',
      plural: 'instances',
      body: {
        apiVersion: 'maestro.dev/v1',
        kind: 'Instance',
        metadata: { name: `list-${i}` },
        spec: { operatorVersion: { name: 'zookeeper-3.4.14-0.3.1' }, parameters },
      },
    });
  }
  const list = async (version: string) => {
    const started = performance.now();
    const res = (await stack.custom.listNamespacedCustomObject({
      group: 'maestro.dev',
      version,
      namespace: 'default',
      plural: 'instances',
    })) as { items: { apiVersion: string }[] };
    const ms = performance.now() - started;
    if (
      res.items.length !== count ||
      res.items.some((o) => o.apiVersion !== `maestro.dev/${version}`)
    )
      throw new Error(`LIST at ${version}: ${res.items.length} items`);
    return ms;
  };
  // Maestro's own time per review (request in to answer sent), from its /metrics.
  const ca = readFileSync(stack.env.REALAPI_CA!, 'utf8');
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
  await list('v1');
  await list('v1beta1');
  const before = await convertMetrics();
  const times = { v1: [] as number[], v1beta1: [] as number[] };
  for (let i = 0; i < rounds; i++) {
    for (const v of i % 2 === 0 ? (['v1', 'v1beta1'] as const) : (['v1beta1', 'v1'] as const))
      times[v].push(await list(v));
  }
  const after = await convertMetrics();
  const reviews = after.count - before.count;
  const v1 = median(times.v1);
  const v1beta1 = median(times.v1beta1);
  console.log(
    JSON.stringify({
      bench: 'realapi-list',
      objects: count,
      rounds,
      loadAverage: Number(loadavg()[0]!.toFixed(2)),
      listV1MedianMs: Number(v1.toFixed(1)),
      listV1beta1MedianMs: Number(v1beta1.toFixed(1)),
      ratio: Number((v1beta1 / v1).toFixed(2)),
      targetRatioAtMost2: v1beta1 / v1 <= 2,
      // One ConversionReview per object: what each costs the LIST, and Maestro's share of it.
      conversionReviews: reviews,
      extraMsPerObject: Number(((v1beta1 - v1) / count).toFixed(3)),
      maestroMsPerReview: Number(
        (((after.sum - before.sum) / Math.max(1, reviews)) * 1000).toFixed(3),
      ),
      runsMs: {
        v1: times.v1.map((t) => Number(t.toFixed(1))),
        v1beta1: times.v1beta1.map((t) => Number(t.toFixed(1))),
      },
    }),
  );
} finally {
  await stack.stop();
}
