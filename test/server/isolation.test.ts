// Issue 11 on the server side: the render pool's flags, the path token and
// client certificates, 415 for bodies that are not JSON, and the TLS reloader
// losing no change that arrives during a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server as TlsServer } from 'node:tls';
import { resolveServeConfig, defaults } from '../../src/server/config.ts';
import { MaestroError } from '../../src/errors.ts';
import { buildApp } from '../../src/server/app.ts';
import { AuthToken } from '../../src/server/auth.ts';
import { TlsReloader, loadTlsPair } from '../../src/server/tls.ts';
import { admissionSurface } from '../../src/server/plugins/admission.ts';
import { noClusterLookup } from '../../src/webhooks/admission/lookup.ts';
import { allTestSurfaces } from '../support/test-surfaces.ts';
import { createTestCa } from '../support/certs.ts';

const silent = (flags = {}, env = {}) =>
  resolveServeConfig({ 'log-level': 'silent', ...flags }, env);

const refused = (source: RegExp) => (err: unknown) =>
  err instanceof MaestroError && err.code === 'MAESTRO_CONFIG_INVALID' && source.test(err.message);

test('render pool flags: defaults, flag over MAESTRO_* variable, and refused values', () => {
  const d = resolveServeConfig({}, {}).render;
  assert.equal(d.workers, defaults.renderWorkers);
  assert.equal(d.memoryBytes, 256 * 1024 * 1024);
  assert.equal(d.deadlineMs, 5_000);
  assert.equal(d.queueTimeoutMs, 10_000);
  const c = resolveServeConfig(
    { 'render-workers': '3', 'render-memory': '128Mi' },
    { MAESTRO_RENDER_WORKERS: '7', MAESTRO_RENDER_DEADLINE: '2s' },
  ).render;
  assert.deepEqual(c, {
    workers: 3,
    memoryBytes: 128 * 1024 * 1024,
    deadlineMs: 2_000,
    queueTimeoutMs: 4_000,
  });
  for (const [flags, env, source] of [
    [{ 'render-workers': '0' }, {}, /--render-workers/],
    [{}, { MAESTRO_RENDER_MEMORY: '16Mi' }, /MAESTRO_RENDER_MEMORY.*32Mi/],
    [{ 'render-deadline': '5ms' }, {}, /--render-deadline/],
    [{ 'client-ca': '/ca.pem' }, {}, /--client-ca.*HTTPS/],
  ] as const) {
    assert.throws(() => resolveServeConfig(flags, env), refused(source));
  }
  const auth = resolveServeConfig({}, { MAESTRO_AUTH_TOKEN_FILE: '/run/token' });
  assert.equal(auth.authTokenFile, '/run/token');
});

test('path token: POST routes answer only under /t/<token>/, others are a counted 404; GET stays open', async () => {
  const token = 'route-token-0123456789abcdef';
  const app = await buildApp(silent(), {
    surfaces: allTestSurfaces,
    token: AuthToken.fixed(token),
  });
  await app.ready();
  try {
    const ok = await app.inject({
      method: 'POST',
      url: `/t/${token}/test/metacontroller/echo`,
      payload: { a: 1 },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    for (const url of [
      '/test/metacontroller/echo',
      '/t/route-token-0123456789abcdeX/test/metacontroller/echo',
      `/t/${token}x/test/metacontroller/echo`,
      `/x/t/${token}/test/metacontroller/echo`,
    ]) {
      const r = await app.inject({ method: 'POST', url, payload: { a: 1 } });
      assert.equal(r.statusCode, 404, url);
      assert.equal(r.json().code, 'MAESTRO_NOT_FOUND');
      assert.doesNotMatch(r.body, new RegExp(token));
    }
    for (const url of ['/healthz', '/readyz', '/metrics']) {
      assert.equal((await app.inject({ method: 'GET', url })).statusCode, 200, url);
    }
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    assert.match(metrics, /maestro_unauthenticated_requests_total\{reason="token"\} 4/);
    // The route label is the route, never the token.
    assert.doesNotMatch(metrics, new RegExp(token));
  } finally {
    await app.close();
  }
});

test('path token file: a malformed token fails start-up; a changed file is reloaded, a broken one keeps the old token', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'maestro-token-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'token');
  await writeFile(file, 'Not A Token');
  await assert.rejects(
    AuthToken.load(file, { onError: () => undefined, onReload: () => undefined }),
    refused(/--auth-token-file .*16 to 253/),
  );
  await writeFile(file, 'first-token-0123456789\n');
  const errors: Error[] = [];
  let reloads = 0;
  const token = await AuthToken.load(file, {
    onError: (e) => errors.push(e),
    onReload: () => (reloads += 1),
  });
  t.after(() => token.close());
  assert.ok(token.matches('first-token-0123456789'));
  assert.ok(!token.matches('second-token-0123456789'));
  await writeFile(file, 'second-token-0123456789');
  await token.reload();
  assert.ok(token.matches('second-token-0123456789'));
  assert.ok(!token.matches('first-token-0123456789'));
  // The directory watch may have reloaded it already: at least one reload, none lost.
  assert.ok(reloads >= 1);
  await writeFile(file, '');
  await token.reload();
  assert.ok(token.matches('second-token-0123456789'));
  assert.ok(errors.length >= 1);
});

test('a text/plain body is 415 MAESTRO_BAD_CONTENT_TYPE; in admission a review with code 415', async () => {
  const app = await buildApp(silent(), {
    surfaces: [...allTestSurfaces, admissionSurface(noClusterLookup)],
  });
  await app.ready();
  try {
    const r = await app.inject({
      method: 'POST',
      url: '/test/metacontroller/echo',
      headers: { 'content-type': 'text/plain' },
      payload: '{"a":1}',
    });
    assert.equal(r.statusCode, 415);
    assert.equal(r.json().code, 'MAESTRO_BAD_CONTENT_TYPE');
    const review = await app.inject({
      method: 'POST',
      url: '/validate',
      headers: { 'content-type': 'text/plain' },
      payload: '{}',
    });
    assert.equal(review.statusCode, 200);
    assert.equal(review.json().response.status.code, 415);
  } finally {
    await app.close();
  }
});

test('client CA: a POST needs a verified client certificate; /healthz does not (kubelet probes have none)', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'maestro-mtls-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const ca = await createTestCa();
  const other = await createTestCa('someone-else');
  const serving = await ca.issue(['localhost']);
  const client = await ca.issue([], { commonName: 'kube-apiserver', clientAuth: true });
  const stranger = await other.issue([], { commonName: 'stranger', clientAuth: true });
  await writeFile(join(dir, 'tls.crt'), serving.certPem);
  await writeFile(join(dir, 'tls.key'), serving.keyPem);
  await writeFile(join(dir, 'ca.crt'), ca.certPem);
  const config = silent({
    'tls-cert': join(dir, 'tls.crt'),
    'tls-key': join(dir, 'tls.key'),
    'client-ca': join(dir, 'ca.crt'),
    port: '0',
  });
  const tls = await loadTlsPair({ ...config.tls!, caFile: config.clientCaFile! });
  const app = await buildApp(config, { surfaces: allTestSurfaces, tls });
  await app.listen({ host: '127.0.0.1', port: 0 });
  t.after(() => app.close());
  const port = (app.server.address() as { port: number }).port;
  const call = (method: string, path: string, id?: { certPem: string; keyPem: string }) =>
    new Promise<number>((resolve, reject) => {
      const req = https.request(
        {
          host: '127.0.0.1',
          port,
          path,
          method,
          servername: 'localhost',
          ca: ca.certPem,
          agent: false,
          ...(id && { cert: id.certPem, key: id.keyPem }),
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(method === 'POST' ? '{"a":1}' : undefined);
    });
  assert.equal(await call('POST', '/test/metacontroller/echo', client), 200);
  assert.equal(await call('POST', '/test/metacontroller/echo'), 404);
  assert.equal(await call('POST', '/test/metacontroller/echo', stranger), 404);
  assert.equal(await call('GET', '/healthz'), 200);
});

test('TLS reload: a change written while a reload is reading is not lost', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'maestro-tls-race-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const ca = await createTestCa();
  const [a, b] = [await ca.issue(['localhost']), await ca.issue(['localhost'])];
  const files = { certFile: join(dir, 'tls.crt'), keyFile: join(dir, 'tls.key') };
  await writeFile(files.certFile, a.certPem);
  await writeFile(files.keyFile, a.keyPem);
  const installed: string[] = [];
  const server = {
    setSecureContext: (pair: { cert: Buffer }) => installed.push(pair.cert.toString('utf8')),
  } as unknown as TlsServer;
  const reloader = new TlsReloader(server, {
    files,
    initial: await loadTlsPair(files),
    intervalMs: 3_600_000,
    onReload: () => undefined,
    onError: () => undefined,
  });
  t.after(() => reloader.close());
  // A reload starts (nothing changed yet); the rotation lands while it reads,
  // and its event asks for a check while that reload is still pending.
  const first = reloader.check();
  await writeFile(files.certFile, b.certPem);
  await writeFile(files.keyFile, b.keyPem);
  const second = reloader.check();
  await Promise.all([first, second]);
  assert.deepEqual(installed, [b.certPem]);
});
