// Writes DIST/serve.cjs.cache and DIST/serve-lazy.cjs.cache, the V8 code
// caches of the two serve scripts (run by scripts/build.mjs after bundling;
// usage: node scripts/code-cache.mjs DIST). It runs the bundle once as
// `maestro serve` on a free loopback port, asks /healthz, /readyz and
// /metrics, then posts a conversion, an admission review and a customize
// request (which load the lazy script), shuts it down as SIGTERM does, and
// serialises every function compiled so far: what start-up needs, and the
// request path of those routes. Nothing is written if any step fails.
import { writeFileSync } from 'node:fs';
import { get, request } from 'node:http';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadServeBundle } from '../bin/serve-bundle.js';

const dist = pathToFileURL(`${resolve(process.argv[2] ?? 'dist')}/`);

/** A port that was free a moment ago (the server binds it right after). */
const freePort = () =>
  new Promise((done, fail) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
    probe.on('error', fail);
  });

const status = (url) =>
  new Promise((done) => {
    get(url, { agent: false }, (res) => (res.resume(), done(res.statusCode))).on('error', () =>
      done(0),
    );
  });

// The server reads its configuration from the environment: start it as a
// plain `maestro serve` would, with no tracing and no cluster.
for (const name of Object.keys(process.env)) {
  if (name.startsWith('MAESTRO_') || name.startsWith('OTEL_')) delete process.env[name];
}
// The admission review below needs no cluster; should a route ever look one
// up, the build must not reach the developer's (nor the pod's) cluster.
process.env.KUBECONFIG = '/nonexistent/kubeconfig';
delete process.env.KUBERNETES_SERVICE_HOST;
/** Posts BODY as JSON; resolves with the status (any status: only the code paths matter). */
const post = (url, body) =>
  new Promise((done, fail) => {
    const req = request(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } },
      (res) => (res.resume(), res.on('end', () => done(res.statusCode))),
    );
    req.on('error', fail);
    req.end(JSON.stringify(body));
  });

const { exports, script, lazy } = loadServeBundle(dist, { cache: false });
const port = await freePort();
// Logged lines go nowhere: only the code paths matter here.
process.stdout.write = () => true;
const served = exports.start(['--host', '127.0.0.1', '--port', String(port), '--drain-delay', '0']);
const base = `http://127.0.0.1:${port}`;
const deadline = Date.now() + 20_000;
for (const path of ['/healthz', '/readyz', '/metrics']) {
  while ((await status(base + path)) !== 200) {
    if (Date.now() > deadline) throw new Error(`no 200 on ${path} within 20 s`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
// Routes whose handlers are in the lazy script; the bodies are minimal (a
// denial or an error answer runs the same loading and parsing code).
await post(`${base}/convert`, {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'ConversionReview',
  request: { uid: 'u1', desiredAPIVersion: 'kudo.dev/v1beta1', objects: [] },
});
const admission = {
  apiVersion: 'admission.k8s.io/v1',
  kind: 'AdmissionReview',
  request: {
    uid: 'u2',
    kind: { group: 'kudo.dev', version: 'v1beta1', kind: 'Instance' },
    operation: 'CREATE',
    object: { apiVersion: 'kudo.dev/v1beta1', kind: 'Instance', metadata: { name: 'i' } },
  },
};
await post(`${base}/validate`, admission);
await post(`${base}/mutate`, admission);
await post(`${base}/customize`, { controller: {}, parent: {} });
process.kill(process.pid, 'SIGTERM');
await served;
if (process.exitCode) throw new Error(`the server exited with ${process.exitCode}`);
const lazyScript = lazy()?.script;
if (lazyScript === undefined) throw new Error('no request loaded serve-lazy.cjs');
writeFileSync(new URL('serve.cjs.cache', dist), script.createCachedData());
writeFileSync(new URL('serve-lazy.cjs.cache', dist), lazyScript.createCachedData());
