// `maestro serve` must start lean (issue: cold start under 300 ms): the plan
// engine, the template engine, the Kubernetes client and the OpenTelemetry SDK
// load on first use, never at start-up. This test runs the built bundle with
// a loader hook that records every module the process loads before /readyz.
// It runs dist/main.js, the split ES module build, where each lazily imported
// module is a chunk of its own that the hook sees; bin/maestro.js runs the same
// sources as dist/serve.cjs, whose lazy modules (the same dynamic imports) are
// a second script, dist/serve-lazy.cjs (test/server/serve-bundle.test.ts covers
// both).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { request, spawnServer } from '../support/http.ts';

const bin = new URL('../../dist/main.js', import.meta.url).pathname;

test('serve loads no plan or template engine, YAML, Kubernetes client or OpenTelemetry code before it is ready', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'maestro-loads-'));
  const log = join(dir, 'loads.txt');
  const hook = join(dir, 'hook.mjs');
  await writeFile(
    hook,
    `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(${JSON.stringify(log)}, url + '\\n');
  return next(url, context);
}`,
  );
  const register = join(dir, 'register.mjs');
  await writeFile(
    register,
    `import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(hook).href)});`,
  );
  // CommonJS packages (fastify's dependencies, prom-client's) load through
  // require, which the ESM hook does not see.
  const cjsLog = join(dir, 'required.txt');
  const cjsHook = join(dir, 'required.cjs');
  await writeFile(
    cjsHook,
    `const Module = require('node:module');
const { appendFileSync } = require('node:fs');
const load = Module._load;
Module._load = function (request, parent, isMain) {
  try { appendFileSync(${JSON.stringify(cjsLog)}, Module._resolveFilename(request, parent, isMain) + '\\n'); } catch {}
  return load.apply(this, arguments);
};`,
  );
  const server = await spawnServer([
    '--require',
    cjsHook,
    '--import',
    register,
    bin,
    'serve',
    '--port',
    '0',
    '--drain-delay',
    '0',
  ]);
  t.after(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });
  assert.equal((await request(`${server.url}/readyz`)).status, 200);
  const { readFileSync } = await import('node:fs');
  const loaded = readFileSync(log, 'utf8').trim().split('\n');
  const bundle = loaded.filter((u) => u.includes('/dist/'));
  assert.ok(bundle.length > 0, 'the bundle was loaded through the hook');
  const sources = bundle
    .map((u) => new URL(u).pathname)
    .flatMap((path) => {
      try {
        return (JSON.parse(readFileSync(`${path}.map`, 'utf8')) as { sources: string[] }).sources;
      } catch {
        return [];
      }
    });
  // Small constant modules (error tables, the default pipe image) may load;
  // the engines, YAML and the two heavy clients may not.
  const heavy =
    /src\/(template|package|simulator)\/|src\/engine\/(plan\/(sync|render|state|children|params|ov)|health\/)|src\/webhooks\/(admission|conversion)\/index|@kubernetes\/client-node|@opentelemetry|node_modules\/yaml\//;
  const eager = sources.filter((s) => heavy.test(s));
  assert.deepEqual(eager, [], 'modules loaded before the first request');
  assert.ok(
    !loaded.some((u) => /@kubernetes\/client-node|@opentelemetry/.test(u)),
    'no external heavy package loaded',
  );
  // Left out of the bundle by scripts/build-plugins.mjs: fastify's schema
  // compilers (no route has a schema), light-my-request (inject only) and the
  // OpenTelemetry API that prom-client requires for exemplars.
  const required = readFileSync(cjsLog, 'utf8').trim().split('\n');
  assert.ok(required.length > 0, 'require calls were recorded');
  assert.deepEqual(
    required.filter((f) =>
      /node_modules\/(ajv|ajv-formats|fast-uri|light-my-request|@opentelemetry|@kubernetes|yaml)\//.test(
        f,
      ),
    ),
    [],
    'CommonJS packages required before the first request',
  );
});
