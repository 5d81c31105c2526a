// The application in-process, through app.inject(): routes, error shapes,
// limits and metrics, with no socket.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { buildApp } from '../../src/server/app.ts';
import { resolveServeConfig } from '../../src/server/config.ts';
import { allTestSurfaces } from '../support/test-surfaces.ts';

async function app(flags: Record<string, string> = {}) {
  const a = await buildApp(resolveServeConfig({ 'log-level': 'silent', ...flags }, {}), {
    surfaces: allTestSurfaces,
  });
  await a.ready();
  return a;
}

test('/healthz answers 200 while the process is alive', async () => {
  const a = await app();
  const res = await a.inject({ method: 'GET', url: '/healthz' });
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json(), { status: 'ok' });
  await a.close();
});

test('/readyz is 200 once routes are registered and 503 once readiness is withdrawn', async () => {
  const a = await app();
  assert.equal((await a.inject({ url: '/readyz' })).statusCode, 200);
  a.readiness.ready = false;
  a.readiness.reason = 'shutting down (test)';
  const res = await a.inject({ url: '/readyz' });
  assert.equal(res.statusCode, 503);
  assert.deepEqual(res.json(), { status: 'unavailable', reason: 'shutting down (test)' });
  await a.close();
});

test('a body over the limit gives 413 with a stable code', async () => {
  const a = await app({ 'body-limit': '2Ki' });
  const res = await a.inject({
    method: 'POST',
    url: '/test/metacontroller/echo',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ pad: 'x'.repeat(4096) }),
  });
  assert.equal(res.statusCode, 413);
  assert.equal(res.json().code, 'MAESTRO_BODY_TOO_LARGE');
  await a.close();
});

test('a body at the limit is accepted', async () => {
  const a = await app({ 'body-limit': '2Ki' });
  const payload = JSON.stringify({ pad: 'x'.repeat(2048 - 10) });
  assert.equal(payload.length, 2048);
  const res = await a.inject({
    method: 'POST',
    url: '/test/metacontroller/echo',
    headers: { 'content-type': 'application/json' },
    payload,
  });
  assert.equal(res.statusCode, 200);
  assert.equal(res.body, payload);
  await a.close();
});

test('malformed JSON gives 400 with a message that says so', async () => {
  const a = await app();
  const res = await a.inject({
    method: 'POST',
    url: '/test/metacontroller/echo',
    headers: { 'content-type': 'application/json' },
    payload: '{"parent": ',
  });
  assert.equal(res.statusCode, 400);
  const body = res.json();
  assert.equal(body.code, 'MAESTRO_BAD_JSON');
  assert.match(body.message, /not valid JSON/);
  await a.close();
});

test('an unknown route gives 404 with a stable code and never 200', async () => {
  const a = await app();
  const res = await a.inject({ method: 'POST', url: '/sync', payload: {} });
  assert.equal(res.statusCode, 404);
  assert.equal(res.json().code, 'MAESTRO_NOT_FOUND');
  await a.close();
});

test('/metrics parses as Prometheus text and counts requests per route and status', async () => {
  const a = await app();
  await a.inject({ url: '/healthz' });
  await a.inject({ url: '/healthz' });
  await a.inject({ url: '/no/such/path' });
  const res = await a.inject({ url: '/metrics' });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
  const families = parsePrometheusTextFormat(res.body);
  const byName = new Map(families.map((f) => [f.name, f]));
  const requests = byName.get('maestro_http_requests_total');
  assert.ok(requests, 'request counter exported');
  const count = (route: string, status: string) =>
    requests.metrics.find((m) => m.labels?.route === route && m.labels?.status_code === status)
      ?.value;
  assert.equal(count('/healthz', '200'), '2');
  assert.equal(count('unmatched', '404'), '1');
  const histogram = byName.get('maestro_http_request_duration_seconds');
  assert.equal(histogram?.type, 'HISTOGRAM');
  assert.ok(byName.has('process_resident_memory_bytes'), 'default process metrics exported');
  await a.close();
});
