// POST /sync, /finalize and /customize: through app.inject, and a table of
// real Metacontroller request bodies (v1 and v2) over loopback HTTP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildApp } from '../../../src/server/app.ts';
import { resolveServeConfig } from '../../../src/server/config.ts';
import { metacontrollerSurface } from '../../../src/server/plugins/metacontroller.ts';
import { decodeHookResponse } from '../../../src/webhooks/metacontroller/wire/index.ts';
import { corpusDir, loadPackage, simulate } from '../../engine/plan/support.ts';

const NOW = Date.UTC(2026, 10, 26, 12);
const fixture = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../fixtures/metacontroller/${name}`, import.meta.url), 'utf8'),
  );

async function app() {
  const a = await buildApp(resolveServeConfig({ 'log-level': 'silent' }, {}), {
    surfaces: [metacontrollerSurface({ now: () => NOW })],
  });
  await a.ready();
  return a;
}

/** Requests as the emulated Metacontroller sent them for a zookeeper instance mid-deploy. */
function recordedRequests(version: 'v1' | 'v2') {
  const p = loadPackage(corpusDir('zookeeper'));
  for (const h of ['sync', 'finalize', 'customize'] as const)
    p.controller.spec.hooks![h]!.version = version;
  const s = simulate(p);
  s.sim.run({ maxSyncs: 4 });
  return s.sim.records.map((r) => r.request);
}

test('a recorded mid-deploy sync (v1 and v2) answers 200 with status and children, strict-decodable for v2', async () => {
  const a = await app();
  for (const version of ['v1', 'v2'] as const) {
    const body = recordedRequests(version).at(-1);
    const res = await a.inject({ method: 'POST', url: '/sync', payload: body as object });
    assert.equal(res.statusCode, 200, res.body);
    const decoded = decodeHookResponse(res.json(), version === 'v2' ? 'strict' : 'loose');
    assert.ok(decoded.status && 'planStatus' in decoded.status);
    assert.ok(decoded.children.length >= 6, `${decoded.children.length} children`);
    assert.deepEqual(
      Object.keys(res.json()).sort(),
      ['children', 'status']
        .concat(res.json().resyncAfterSeconds ? ['resyncAfterSeconds'] : [])
        .sort(),
    );
  }
  await a.close();
});

test('the same request gives a byte-identical answer', async () => {
  const a = await app();
  const body = recordedRequests('v2').at(-1) as object;
  const r1 = await a.inject({ method: 'POST', url: '/sync', payload: body });
  const r2 = await a.inject({ method: 'POST', url: '/sync', payload: body });
  assert.equal(r1.body, r2.body);
  await a.close();
});

test('finalize answers with `finalized`; customize names exactly the OperatorVersion of the spec', async () => {
  const a = await app();
  const fin = await a.inject({
    method: 'POST',
    url: '/finalize',
    payload: fixture('finalize-v2.json'),
  });
  assert.equal(fin.statusCode, 200, fin.body);
  assert.equal(typeof fin.json().finalized, 'boolean');
  const cust = await a.inject({
    method: 'POST',
    url: '/customize',
    payload: fixture('customize-v2.json'),
  });
  assert.equal(cust.statusCode, 200, cust.body);
  assert.deepEqual(cust.json(), {
    relatedResources: [
      {
        apiVersion: 'maestro.dev/v1',
        resource: 'operatorversions',
        names: ['zookeeper-3.4.14-0.3.1'],
        namespace: 'data',
      },
    ],
  });
  await a.close();
});

test('never 200 {}: a bad body, a v1beta1 or foreign parent and an internal failure are 4xx/5xx with a code and message', async () => {
  const a = await app();
  const bad = await a.inject({ method: 'POST', url: '/sync', payload: { parent: {} } });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().code, 'MAESTRO_HOOK_BAD_REQUEST');
  const foreign = await a.inject({
    method: 'POST',
    url: '/sync',
    payload: fixture('sync-v1-cluster-parent.json'),
  });
  assert.equal(foreign.statusCode, 500);
  assert.equal(foreign.json().code, 'MAESTRO_SYNC_PARENT_VERSION');
  const v1beta1 = fixture('sync-v2.json');
  v1beta1.parent.apiVersion = 'maestro.dev/v1beta1';
  const r = await a.inject({ method: 'POST', url: '/sync', payload: v1beta1 });
  assert.equal(r.statusCode, 500);
  assert.match(r.json().message, /maestro\.dev\/v1/);
  await a.close();
  const broken = await buildApp(resolveServeConfig({ 'log-level': 'silent' }, {}), {
    surfaces: [
      metacontrollerSurface({
        now: () => {
          throw new Error('clock unavailable');
        },
      }),
    ],
  });
  const internal = await broken.inject({
    method: 'POST',
    url: '/sync',
    payload: fixture('sync-v2.json'),
  });
  assert.equal(internal.statusCode, 500);
  assert.equal(internal.json().code, 'MAESTRO_SYNC_FAILED');
  assert.match(internal.json().message, /data\/zk.*clock unavailable/);
  await broken.close();
});

test('a missing OperatorVersion keeps every observed child and says so in a condition', async () => {
  const a = await app();
  const body = fixture('sync-v2.json');
  body.related = {};
  const res = await a.inject({ method: 'POST', url: '/sync', payload: body });
  assert.equal(res.statusCode, 200);
  const observed = Object.values(body.children as Record<string, Record<string, unknown>>).flatMap(
    (m) => Object.keys(m),
  ).length;
  assert.equal(res.json().children.length, observed);
  assert.ok(
    res.json().status.conditions.some((c: { type: string }) => c.type === 'OperatorVersionMissing'),
  );
  await a.close();
});

test('a table of real Metacontroller request bodies over loopback HTTP', async () => {
  const a = await app();
  await a.listen({ host: '127.0.0.1', port: 0 });
  const address = a.server.address() as { port: number };
  const base = `http://127.0.0.1:${address.port}`;
  const table: {
    name: string;
    path: string;
    body: unknown;
    status: number;
    check?: (j: Record<string, unknown>) => void;
  }[] = [
    { name: 'sync v1 fixture', path: '/sync', body: fixture('sync-v1.json'), status: 200 },
    { name: 'sync v2 fixture', path: '/sync', body: fixture('sync-v2.json'), status: 200 },
    {
      name: 'sync v1, first call (no related)',
      path: '/sync',
      body: fixture('sync-v1-first.json'),
      status: 200,
      check: (j) => assert.deepEqual(j.children, []),
    },
    {
      name: 'finalize v2 fixture',
      path: '/finalize',
      body: fixture('finalize-v2.json'),
      status: 200,
    },
    {
      name: 'customize v2 fixture',
      path: '/customize',
      body: fixture('customize-v2.json'),
      status: 200,
    },
    {
      name: 'cluster-scoped foreign parent',
      path: '/sync',
      body: fixture('sync-v1-cluster-parent.json'),
      status: 500,
    },
    ...recordedRequests('v1').map((body, i) => ({
      name: `recorded v1 #${i + 1}`,
      path: '/sync',
      body,
      status: 200,
    })),
    ...recordedRequests('v2').map((body, i) => ({
      name: `recorded v2 #${i + 1}`,
      path: '/sync',
      body,
      status: 200,
    })),
  ];
  for (const row of table) {
    const res = await fetch(base + row.path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(row.body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    assert.equal(res.status, row.status, `${row.name}: ${JSON.stringify(json).slice(0, 300)}`);
    if (res.status === 200 && row.path !== '/customize') {
      assert.ok(json.status && Array.isArray(json.children), row.name);
    }
    if (res.status !== 200)
      assert.ok(typeof json.message === 'string' && json.message !== '', row.name);
    row.check?.(json);
  }
  await a.close();
});

test('ETag: the same request with If-None-Match gets 304; after a deadline passes it gets 200 again', async () => {
  let clock = NOW;
  const a = await buildApp(resolveServeConfig({ 'log-level': 'silent' }, {}), {
    surfaces: [metacontrollerSurface({ now: () => clock })],
  });
  const body = structuredClone(recordedRequests('v2').at(-1)) as Record<string, unknown>;
  const first = await a.inject({ method: 'POST', url: '/sync', payload: body });
  const tag = first.headers.etag as string;
  assert.match(tag, /^"[^"]+"$/);
  const again = await a.inject({
    method: 'POST',
    url: '/sync',
    payload: body,
    headers: { 'if-none-match': tag },
  });
  assert.equal(again.statusCode, 304);
  assert.equal(again.body, '');
  // A deadline in the request's status that passes changes the tag.
  const parent = body.parent as {
    status: { maestro: { execution: { steps: { deadline?: string }[] } } };
  };
  parent.status.maestro.execution.steps[0]!.deadline = new Date(NOW + 60_000).toISOString();
  const before = await a.inject({ method: 'POST', url: '/sync', payload: body });
  clock = NOW + 120_000;
  const after = await a.inject({
    method: 'POST',
    url: '/sync',
    payload: body,
    headers: { 'if-none-match': before.headers.etag as string },
  });
  assert.equal(after.statusCode, 200);
  await a.close();
});
