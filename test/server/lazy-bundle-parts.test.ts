// The build keeps fastify's schema compilers, light-my-request, the
// OpenTelemetry API (required by prom-client), node:http2/https, prom-client's
// push gateway (and zlib with it), semver (fastify checks a range such as
// '5.x' without it) and node:assert (an assertion that holds needs none) out of `serve`'s start-up (scripts/build-plugins.mjs).
// This test bundles a small fastify app with the same plugins and checks that
// what was left out still works when used: body validation and response
// serialisation through schemas, inject, prom-client's process metrics, an
// HTTP/2 server, a push gateway, and fastify's check of plugins' version
// ranges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
// @ts-expect-error: a plain JavaScript module of the build script, without types.
import * as buildPlugins from '../../scripts/build-plugins.mjs';

const { servePlugins } = buildPlugins;

const root = new URL('../../', import.meta.url).pathname;

test('fastify schema compilers, inject and prom-client work from a bundle that loads them lazily', async (t) => {
  // Inside the repository, so that the bundle resolves fastify from node_modules.
  await mkdir(join(root, '.cache'), { recursive: true });
  const dir = await mkdtemp(join(root, '.cache', 'lazy-parts-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const entry = join(dir, 'entry.ts');
  await writeFile(
    entry,
    `import Fastify from 'fastify';
import fp from 'fastify-plugin';
import FindMyWay from 'find-my-way';
import { Pushgateway, Registry, collectDefaultMetrics } from 'prom-client';
const loaded = () => Object.keys(require.cache).filter((f) => /node_modules\\/(ajv|light-my-request|@opentelemetry)\\//.test(f)).length;
// An app without schemas, like serve's, loads none of the lazy parts.
const plain = Fastify({ logger: false });
plain.get('/healthz', async () => ({ status: 'ok' }));
await plain.ready();
const before = loaded();
// Routes were registered (find-my-way's assertions held) without node:assert;
// a failing assertion still throws node:assert's error.
const assertLoadedByRoutes = process.moduleLoadList.includes('NativeModule assert');
let assertion = 'none';
try {
  FindMyWay().on('NO-SUCH-METHOD' as 'GET', '/', () => {});
} catch (err) {
  assertion = (err as { code: string }).code;
}
const app = Fastify({ logger: false });
app.post('/typed', {
  schema: {
    body: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } },
    response: { 200: { type: 'object', properties: { twice: { type: 'integer' } } } },
  },
}, async (request) => ({ twice: (request.body as { n: number }).n * 2, dropped: true }));
await app.ready();
const ok = await app.inject({ method: 'POST', url: '/typed', payload: { n: 21 } });
const bad = await app.inject({ method: 'POST', url: '/typed', payload: { n: 'x' } });
const registry = new Registry();
collectDefaultMetrics({ register: registry });
const metrics = await registry.metrics();
// node:http2 (and https, tls) load only when a server needs them, and then work.
const builtins = () => process.moduleLoadList.filter((m) => /^NativeModule (http2|https)$/.test(m)).length;
const builtinsBefore = builtins();
const h2 = Fastify({ logger: false, http2: true });
h2.get('/', async () => ({ h2: true }));
await h2.listen({ port: 0, host: '127.0.0.1' });
const http2 = await import('node:http2');
const session = http2.connect('http://127.0.0.1:' + (h2.server.address() as { port: number }).port);
const h2Answer = await new Promise<string>((resolve, reject) => {
  const stream = session.request({ ':path': '/' });
  let body = '';
  stream.setEncoding('utf8').on('data', (c) => (body += c)).on('end', () => resolve(body)).on('error', reject);
});
session.close();
await h2.close();
// The push gateway (and zlib) load when one is made; fastify still checks plugins' version ranges.
const zlibBefore = process.moduleLoadList.includes('NativeModule zlib');
const gateway = new Pushgateway('http://127.0.0.1:9');
const gatewayWorks = gateway instanceof Pushgateway && typeof gateway.pushAdd === 'function';
const zlibAfter = process.moduleLoadList.includes('NativeModule zlib');
const versioned = Fastify({ logger: false });
versioned.register(fp(async () => {}, { name: 'current', fastify: '5.x' }));
await versioned.ready();
const outdated = Fastify({ logger: false });
outdated.register(fp(async () => {}, { name: 'outdated', fastify: '4.x' }));
const mismatch = await outdated.ready().then(() => 'accepted', (err) => err.code);
// Ranges other than a major go to semver itself.
const ranged = Fastify({ logger: false });
ranged.register(fp(async () => {}, { name: 'ranged', fastify: '>=5.0.0 <7' }));
await ranged.ready();
const caret = Fastify({ logger: false });
caret.register(fp(async () => {}, { name: 'caret', fastify: '^4.29.0' }));
const caretMismatch = await caret.ready().then(() => 'accepted', (err) => err.code);
console.log(JSON.stringify({ assertLoadedByRoutes, assertion, zlibBefore, gatewayWorks, zlibAfter, mismatch, caretMismatch, before, after: loaded() > 0, ok: [ok.statusCode, ok.body], bad: [bad.statusCode, bad.json().message], cpu: /process_cpu_user_seconds_total \\d/.test(metrics), builtinsBefore, h2Answer }));
`,
  );
  await build({
    entryPoints: [entry],
    outfile: join(dir, 'out.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
    plugins: servePlugins,
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  const out = JSON.parse(
    execFileSync(process.execPath, [join(dir, 'out.mjs')], { encoding: 'utf8' }),
  );
  assert.deepEqual(out, {
    assertLoadedByRoutes: false,
    assertion: 'ERR_ASSERTION',
    zlibBefore: false,
    gatewayWorks: true,
    zlibAfter: true,
    mismatch: 'FST_ERR_PLUGIN_VERSION_MISMATCH',
    caretMismatch: 'FST_ERR_PLUGIN_VERSION_MISMATCH',
    before: 0,
    after: true,
    ok: [200, '{"twice":42}'],
    bad: [400, 'body/n must be integer'],
    cpu: true,
    builtinsBefore: 0,
    h2Answer: '{"h2":true}',
  });
});
