// `maestro pipe publish`, the built command with the real Kubernetes client,
// against a loopback API server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startFakeApiServer, type FakeApiServer } from '../support/fake-apiserver.ts';

interface Artifact {
  metadata: { labels?: Record<string, string>; annotations: Record<string, string> };
  data: Record<string, string>;
  binaryData: Record<string, string>;
}

const bin = new URL('../../bin/maestro.js', import.meta.url).pathname;
const run = promisify(execFile);

async function publish(args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, 'pipe', 'publish', ...args], {
      env: { PATH: process.env.PATH, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function seed(api: FakeApiServer, resource: 'configmaps' | 'secrets', name: string): void {
  api.objects.set(`${resource}/ns1/${name}`, {
    apiVersion: 'v1',
    kind: resource === 'configmaps' ? 'ConfigMap' : 'Secret',
    metadata: { name, namespace: 'ns1', labels: { 'maestro.dev/instance': 'demo' } },
  });
}

async function files(entries: Record<string, string | Buffer>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'maestro-pipe-'));
  for (const [name, content] of Object.entries(entries)) await writeFile(join(dir, name), content);
  return dir;
}

test('publishes a ConfigMap file and a Secret file with get and merge-patch, never create', async (t) => {
  const api = await startFakeApiServer();
  t.after(() => api.close());
  seed(api, 'configmaps', 'demo.deploy.main.genfiles.genwww.indexhtml');
  seed(api, 'secrets', 'demo.deploy.main.certs.gen.privatekey');
  const dir = await files({
    'index.html': '<h1>moo</h1>\n',
    'tls.key': Buffer.from([0, 1, 2, 255]),
  });

  const res = await publish([
    '--namespace',
    'ns1',
    '--kubeconfig',
    api.kubeconfig,
    '--execution',
    'exec-42',
    '--configmap',
    `demo.deploy.main.genfiles.genwww.indexhtml=${dir}/index.html`,
    '--secret',
    `demo.deploy.main.certs.gen.privatekey=${dir}/tls.key`,
  ]);
  assert.equal(res.code, 0, res.stderr);
  assert.equal(res.stdout, '', 'nothing on stdout');

  const cm = api.objects.get('configmaps/ns1/demo.deploy.main.genfiles.genwww.indexhtml') as Record<
    string,
    any
  >;
  assert.deepEqual(cm.binaryData, {
    'index.html': Buffer.from('<h1>moo</h1>\n').toString('base64'),
  });
  assert.equal(
    cm.metadata.annotations['maestro.dev/pipe-published'],
    'sha256:' + createHash('sha256').update('<h1>moo</h1>\n').digest('hex'),
  );
  assert.equal(cm.metadata.annotations['maestro.dev/pipe-execution'], 'exec-42');
  assert.deepEqual(cm.metadata.labels, { 'maestro.dev/instance': 'demo' }, 'labels untouched');
  const secret = api.objects.get('secrets/ns1/demo.deploy.main.certs.gen.privatekey') as Record<
    string,
    any
  >;
  assert.deepEqual(secret.data, { 'tls.key': Buffer.from([0, 1, 2, 255]).toString('base64') });

  const verbs = api.requests.map((r) => `${r.method} ${r.path}`);
  assert.deepEqual(verbs, [
    'GET /api/v1/namespaces/ns1/configmaps/demo.deploy.main.genfiles.genwww.indexhtml',
    'PATCH /api/v1/namespaces/ns1/configmaps/demo.deploy.main.genfiles.genwww.indexhtml',
    'GET /api/v1/namespaces/ns1/secrets/demo.deploy.main.certs.gen.privatekey',
    'PATCH /api/v1/namespaces/ns1/secrets/demo.deploy.main.certs.gen.privatekey',
  ]);
  for (const r of api.requests.filter((r) => r.method === 'PATCH')) {
    assert.equal(r.contentType, 'application/merge-patch+json');
  }
});

test('waits for an artifact that Metacontroller has not created yet', async (t) => {
  const api = await startFakeApiServer();
  t.after(() => api.close());
  seed(api, 'configmaps', 'late');
  api.appearAfter.set('configmaps/ns1/late', 2);
  const dir = await files({ 'a.txt': 'a' });
  const res = await publish([
    '--namespace',
    'ns1',
    '--kubeconfig',
    api.kubeconfig,
    '--configmap',
    `late=${dir}/a.txt`,
  ]);
  assert.equal(res.code, 0, res.stderr);
  assert.match(res.stderr, /does not exist yet; retrying/);
  assert.equal(api.requests.filter((r) => r.method === 'GET').length, 3);
  assert.equal(api.requests.filter((r) => r.method === 'POST').length, 0, 'never creates it');
});

test('an artifact that never appears fails after the timeout, without creating it', async (t) => {
  const api = await startFakeApiServer();
  t.after(() => api.close());
  const dir = await files({ 'a.txt': 'a' });
  const res = await publish([
    '--namespace',
    'ns1',
    '--kubeconfig',
    api.kubeconfig,
    '--timeout',
    '600ms',
    '--configmap',
    `absent=${dir}/a.txt`,
  ]);
  assert.equal(res.code, 1);
  assert.match(res.stderr, /ConfigMap ns1\/absent does not exist after 600 ms/);
  assert.equal(api.requests.filter((r) => r.method !== 'GET').length, 0);
});

test("a file over 1 MiB fails with KUDO's message and nothing is written", async (t) => {
  const api = await startFakeApiServer();
  t.after(() => api.close());
  seed(api, 'configmaps', 'small');
  seed(api, 'configmaps', 'big');
  const dir = await files({ 'small.txt': 'ok', 'big.bin': Buffer.alloc(1024 * 1024 + 1) });
  const res = await publish([
    '--namespace',
    'ns1',
    '--kubeconfig',
    api.kubeconfig,
    '--configmap',
    `small=${dir}/small.txt`,
    '--configmap',
    `big=${dir}/big.bin`,
  ]);
  assert.equal(res.code, 1);
  assert.match(
    res.stderr,
    new RegExp(`pipe file ${dir}/big.bin size 1048577 exceeds maximum file size of 1048576 bytes`),
  );
  assert.equal(api.requests.length, 0, 'all files are checked before any write');
});

test('a file of exactly 1 MiB is published', async (t) => {
  const api = await startFakeApiServer();
  t.after(() => api.close());
  seed(api, 'secrets', 'edge');
  const dir = await files({ 'edge.bin': Buffer.alloc(1024 * 1024, 7) });
  const res = await publish([
    '--namespace',
    'ns1',
    '--kubeconfig',
    api.kubeconfig,
    '--secret',
    `edge=${dir}/edge.bin`,
  ]);
  assert.equal(res.code, 0, res.stderr);
  const secret = api.objects.get('secrets/ns1/edge') as unknown as Artifact;
  assert.equal(Buffer.from(secret.data['edge.bin'] ?? '', 'base64').length, 1024 * 1024);
});

test('forbidden says which permission the ServiceAccount lacks', async (t) => {
  const api = await startFakeApiServer();
  t.after(() => api.close());
  api.failWith = 403;
  const dir = await files({ 'a.txt': 'a' });
  const res = await publish([
    '--namespace',
    'ns1',
    '--kubeconfig',
    api.kubeconfig,
    '--configmap',
    `x=${dir}/a.txt`,
  ]);
  assert.equal(res.code, 1);
  assert.match(res.stderr, /forbidden \(HTTP 403\): the pipe ServiceAccount lacks get\/patch/);
});

test('with no cluster configured, it says so and exits 1', async () => {
  const dir = await files({ 'a.txt': 'a' });
  const res = await publish(['--namespace', 'ns1', '--configmap', `x=${dir}/a.txt`]);
  assert.equal(res.code, 1);
  assert.match(res.stderr, /no cluster configured/);
});

const usage: Array<[string, string[], RegExp]> = [
  [
    'a file name that is not a data key',
    ['--configmap', 'x=/tmp/bad name'],
    /pipe file name bad name should only contain/,
  ],
  ['a relative path', ['--configmap', 'x=tmp/a'], /absolute path/],
  ['an invalid object name', ['--secret', 'Bad_Name=/tmp/a'], /not a valid Secret name/],
  ['no artifact at all', [], /nothing to publish/],
  ['no namespace', ['--configmap', 'x=/tmp/a'], /--namespace/],
];
for (const [name, args, message] of usage) {
  test(`usage error: ${name} exits 2`, async () => {
    const withNs = name === 'no namespace' ? args : ['--namespace', 'ns1', ...args];
    const res = await publish(withNs);
    assert.equal(res.code, 2);
    assert.match(res.stderr, message);
  });
}
