// The build keeps fastify's schema compilers, light-my-request and the
// OpenTelemetry API (required by prom-client) out of `serve`'s eager bundle
// (scripts/build-plugins.mjs). This test bundles a small fastify app with the
// same plugins and checks that what was left out still works when used: body
// validation and response serialisation through schemas, inject, and
// prom-client's process metrics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
// @ts-expect-error: a plain JavaScript module of the build script, without types.
import { lazyFastifyParts, lazyOtelApiForPromClient } from '../../scripts/build-plugins.mjs';

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
import { Registry, collectDefaultMetrics } from 'prom-client';
const loaded = () => Object.keys(require.cache).filter((f) => /node_modules\\/(ajv|light-my-request|@opentelemetry)\\//.test(f)).length;
// An app without schemas, like serve's, loads none of the lazy parts.
const plain = Fastify({ logger: false });
plain.get('/healthz', async () => ({ status: 'ok' }));
await plain.ready();
const before = loaded();
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
console.log(JSON.stringify({ before, after: loaded() > 0, ok: [ok.statusCode, ok.body], bad: [bad.statusCode, bad.json().message], cpu: /process_cpu_user_seconds_total \\d/.test(metrics) }));
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
    plugins: [lazyOtelApiForPromClient, lazyFastifyParts],
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  const out = JSON.parse(
    execFileSync(process.execPath, [join(dir, 'out.mjs')], { encoding: 'utf8' }),
  );
  assert.deepEqual(out, {
    before: 0,
    after: true,
    ok: [200, '{"twice":42}'],
    bad: [400, 'body/n must be integer'],
    cpu: true,
  });
});
