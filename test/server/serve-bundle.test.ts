// `maestro serve` runs dist/serve.cjs with the V8 code cache the build wrote
// (bin/serve-bundle.js, scripts/code-cache.mjs), and dist/serve-lazy.cjs (with
// its own cache) when a route first imports its engine. The caches must be
// accepted by this Node, or every cold start silently pays the full compile
// again; and the bundle must serve like dist/main.js does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { request, spawnServer } from '../support/http.ts';
import { corpusDir, loadPackage, simulate } from '../engine/plan/support.ts';
// @ts-expect-error: plain JavaScript next to bin/maestro.js, without types.
import { compileCached, loadServeBundle } from '../../bin/serve-bundle.js';

const dist = new URL('../../dist/', import.meta.url);
const bin = new URL('../../bin/maestro.js', import.meta.url).pathname;

test('the build writes the serve bundle and a code cache that this Node accepts', () => {
  assert.ok(existsSync(new URL('serve.cjs', dist)), 'dist/serve.cjs');
  assert.ok(existsSync(new URL('serve.cjs.cache', dist)), 'dist/serve.cjs.cache');
  const loaded = loadServeBundle(dist) as {
    exports: { start: unknown };
    cacheRejected: boolean | undefined;
  };
  assert.equal(loaded.cacheRejected, false, 'V8 rejected dist/serve.cjs.cache');
  assert.equal(typeof loaded.exports.start, 'function');
  assert.ok(existsSync(new URL('serve-lazy.cjs.cache', dist)), 'dist/serve-lazy.cjs.cache');
  const lazy = compileCached(new URL('serve-lazy.cjs', dist).pathname) as {
    cacheRejected: boolean | undefined;
  };
  assert.equal(lazy.cacheRejected, false, 'V8 rejected dist/serve-lazy.cjs.cache');
});

test('the engines are in the lazy script only, and no module is in both scripts', () => {
  const sources = (file: string) =>
    (JSON.parse(readFileSync(new URL(`${file}.map`, dist), 'utf8')) as { sources: string[] })
      .sources;
  const eager = sources('serve.cjs');
  const lazy = sources('serve-lazy.cjs');
  const engines =
    /src\/(template|package)\/|src\/engine\/plan\/|src\/webhooks\/(admission|conversion)\/index|node_modules\/(yaml|ajv)\//;
  assert.deepEqual(
    eager.filter((s) => engines.test(s)),
    [],
  );
  for (const part of ['src/template/', 'src/engine/plan/', 'node_modules/yaml/']) {
    assert.ok(
      lazy.some((s) => s.includes(part)),
      `${part} in serve-lazy.cjs`,
    );
  }
  // Modules both import exist once, in the eager script (errors, the JSON codec).
  const files = (list: string[]) => list.filter((s) => !s.includes(':'));
  const both = files(lazy).filter((s) => files(eager).includes(s));
  assert.deepEqual(both, []);
  assert.ok(lazy.some((s) => s === 'serve-shared:src/errors.ts'));
});

test('bin/maestro.js serve runs the bundle: health, readiness, a conversion, a sync, --help and usage errors', async () => {
  const server = await spawnServer([bin, 'serve', '--port', '0', '--drain-delay', '0']);
  try {
    assert.equal((await request(`${server.url}/healthz`)).status, 200);
    assert.equal((await request(`${server.url}/readyz`)).status, 200);
    // A route whose engine loads on first use (a dynamic import inside the bundle).
    const review = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'ConversionReview',
      request: { uid: 'u1', desiredAPIVersion: 'kudo.dev/v1beta1', objects: [] },
    };
    const res = await request(`${server.url}/convert`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(review),
    });
    assert.equal(res.status, 200);
    assert.equal((JSON.parse(res.body) as { response: { uid: string } }).response.uid, 'u1');
    // An admission review: a second route of the lazy script, which is loaded once.
    const admission = await request(`${server.url}/validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        apiVersion: 'admission.k8s.io/v1',
        kind: 'AdmissionReview',
        request: {
          uid: 'u2',
          kind: { group: 'kudo.dev', version: 'v1beta1', kind: 'Instance' },
          operation: 'CREATE',
          object: { apiVersion: 'kudo.dev/v1beta1', kind: 'Instance', metadata: { name: 'i' } },
        },
      }),
    });
    assert.equal(admission.status, 200, admission.body);
    assert.equal((JSON.parse(admission.body) as { response: { uid: string } }).response.uid, 'u2');
    // A sync renders in the worker pool: piscina is an external package that
    // the bundle imports on first use (through bin/serve-bundle.js's import).
    const zk = simulate(loadPackage(corpusDir('zookeeper')));
    zk.sim.run({ maxSyncs: 3 });
    const sync = await request(`${server.url}/sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(zk.sim.records.at(-1)!.request),
    });
    assert.equal(sync.status, 200, sync.body);
    const answer = JSON.parse(sync.body) as { children: unknown[] };
    assert.ok(answer.children.length > 0, 'the sync rendered children');
  } finally {
    server.child.kill('SIGTERM');
    assert.equal((await server.exited).code, 0);
  }
  const { spawnSync } = await import('node:child_process');
  const help = spawnSync(process.execPath, [bin, 'serve', '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^Usage: maestro serve/);
  const bad = spawnSync(process.execPath, [bin, 'serve', '--no-such-flag'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /maestro serve: Unknown option '--no-such-flag'/);
});

test('with OpenTelemetry configured, the bundle loads the SDK (an external import) and serves', async () => {
  const server = await spawnServer([bin, 'serve', '--port', '0', '--drain-delay', '0'], {
    OTEL_TRACES_EXPORTER: 'otlp',
    // A closed port: spans are dropped, serving goes on.
    OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9',
  });
  try {
    assert.equal((await request(`${server.url}/readyz`)).status, 200);
  } finally {
    server.child.kill('SIGTERM');
    assert.equal((await server.exited).code, 0);
  }
});
