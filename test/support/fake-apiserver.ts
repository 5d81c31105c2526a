// A loopback stand-in for kube-apiserver: it answers the core/v1 ConfigMap and
// Secret paths (get, create, patch) from an in-memory store and records every
// request, so tests can check which verbs a client used.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RecordedRequest {
  method: string;
  path: string;
  contentType: string | undefined;
  authorization: string | undefined;
  body: unknown;
}

export interface FakeApiServer {
  url: string;
  objects: Map<string, Record<string, unknown>>;
  requests: RecordedRequest[];
  /** Answer this status (with a Status body) to every request while set. */
  failWith: number | undefined;
  /** GETs of these keys answer 404 this many more times before the object shows up. */
  appearAfter: Map<string, number>;
  kubeconfig: string;
  close(): Promise<void>;
}

const TOKEN = 'test-token';

function status(code: number, message: string) {
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', message, code };
}

export async function startFakeApiServer(): Promise<FakeApiServer> {
  const state: Omit<FakeApiServer, 'url' | 'kubeconfig' | 'close'> = {
    objects: new Map(),
    requests: [],
    failWith: undefined,
    appearAfter: new Map(),
  };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0]!;
      const body = raw === '' ? undefined : (JSON.parse(raw) as unknown);
      state.requests.push({
        method: req.method ?? '',
        path,
        contentType: req.headers['content-type'],
        authorization: req.headers.authorization,
        body,
      });
      const send = (code: number, payload: unknown) => {
        res.writeHead(code, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (req.headers.authorization !== `Bearer ${TOKEN}`)
        return send(401, status(401, 'Unauthorized'));
      if (state.failWith !== undefined)
        return send(state.failWith, status(state.failWith, `injected ${state.failWith}`));
      const m = /^\/api\/v1\/namespaces\/([^/]+)\/(configmaps|secrets)(?:\/([^/]+))?$/.exec(path);
      if (!m) return send(404, status(404, `no route ${path}`));
      const [, ns, resource, name] = m;
      const key = `${resource}/${ns}/${name}`;
      if (req.method === 'POST' && name === undefined) {
        const obj = body as { metadata: { name: string } };
        state.objects.set(`${resource}/${ns}/${obj.metadata.name}`, obj as Record<string, unknown>);
        return send(201, obj);
      }
      const pending = state.appearAfter.get(key) ?? 0;
      if (pending > 0) {
        state.appearAfter.set(key, pending - 1);
        return send(404, status(404, `${resource} "${name}" not found`));
      }
      const current = state.objects.get(key);
      if (current === undefined) return send(404, status(404, `${resource} "${name}" not found`));
      if (req.method === 'GET') return send(200, current);
      if (req.method === 'PATCH') {
        if (req.headers['content-type'] !== 'application/merge-patch+json') {
          return send(415, status(415, `unsupported patch type ${req.headers['content-type']}`));
        }
        const merged = mergePatch(current, body) as Record<string, unknown>;
        state.objects.set(key, merged);
        return send(200, merged);
      }
      return send(405, status(405, 'method not allowed'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const dir = await mkdtemp(join(tmpdir(), 'maestro-kubeconfig-'));
  const kubeconfig = join(dir, 'config');
  await writeFile(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      // client-node refuses plain HTTP unless TLS verification is explicitly off.
      'clusters: [{name: fake, cluster: {server: "' + url + '", insecure-skip-tls-verify: true}}]',
      'users: [{name: fake, user: {token: ' + TOKEN + '}}]',
      'contexts: [{name: fake, context: {cluster: fake, user: fake, namespace: default}}]',
      'current-context: fake',
    ].join('\n'),
  );
  const fake = state as FakeApiServer;
  fake.url = url;
  fake.kubeconfig = kubeconfig;
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}

/** RFC 7386 JSON merge patch. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> =
    target !== null && typeof target === 'object' && !Array.isArray(target)
      ? { ...(target as object) }
      : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}
