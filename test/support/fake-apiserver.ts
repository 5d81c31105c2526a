// One loopback stand-in for kube-apiserver, shared by every test that runs the
// real @kubernetes/client-node: namespaced get, create and merge-patch for any
// core or group resource, answered from an in-memory store. Every request is
// recorded so tests can check which verbs and paths a client used, and fault
// hooks stand in for what a real cluster does to clients: refusals, objects
// that appear late, and requests that never get an answer.
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

/** A per-object answer that overrides the store: an API Status, or no answer at all. */
export type Fault = { code: number; reason: string; message: string } | 'hang';

export interface FakeApiServer {
  url: string;
  /** Stored objects, keyed by `storeKey(resource, namespace, name)`. */
  objects: Map<string, Record<string, unknown>>;
  requests: RecordedRequest[];
  /** Answer this status (with a Status body) to every request while set. */
  failWith: number | undefined;
  /** GETs of these keys answer 404 this many more times before the object shows up. */
  appearAfter: Map<string, number>;
  /** Answers for single keys, ahead of the store. */
  faults: Map<string, Fault>;
  /** Makes up an object for a GET of a key the store lacks; undefined means 404. */
  synthesize: ((resource: string, namespace: string, name: string) => unknown) | undefined;
  /** Path of a kubeconfig file that points a client here with the expected token. */
  kubeconfig: string;
  close(): Promise<void>;
}

export const TOKEN = 'test-token';

export const storeKey = (resource: string, namespace: string, name: string) =>
  `${resource}/${namespace}/${name}`;

// /api/v1/namespaces/NS/RESOURCE[/NAME] or /apis/GROUP/VERSION/namespaces/NS/RESOURCE[/NAME]
const PATH = /^\/(?:api\/v1|apis\/([^/]+)\/[^/]+)\/namespaces\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/;

function apiStatus(code: number, reason: string, message: string) {
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason, code };
}

/** A kubeconfig's text that points a client at `url` with the fake's token. */
export function kubeconfigFor(url: string): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    // client-node refuses plain HTTP unless TLS verification is explicitly off.
    clusters: [{ name: 'fake', cluster: { server: url, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'fake', user: { token: TOKEN } }],
    contexts: [{ name: 'fake', context: { cluster: 'fake', user: 'fake', namespace: 'default' } }],
    'current-context': 'fake',
  });
}

export async function startFakeApiServer(): Promise<FakeApiServer> {
  const state: Omit<FakeApiServer, 'url' | 'kubeconfig' | 'close'> = {
    objects: new Map(),
    requests: [],
    failWith: undefined,
    appearAfter: new Map(),
    faults: new Map(),
    synthesize: undefined,
  };
  const hanging = new Set<http.ServerResponse>();
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
        return send(401, apiStatus(401, 'Unauthorized', 'Unauthorized'));
      if (state.failWith !== undefined) {
        const code = state.failWith;
        return send(code, apiStatus(code, 'InternalError', `injected ${code}`));
      }
      const m = PATH.exec(path);
      if (!m) {
        return send(
          404,
          apiStatus(404, 'NotFound', 'the server could not find the requested resource'),
        );
      }
      const [, group, ns, resource, name] = m as unknown as [
        string,
        string | undefined,
        string,
        string,
        string | undefined,
      ];
      const qualified = group ? `${resource}.${group}` : resource;
      const notFound = () =>
        send(404, apiStatus(404, 'NotFound', `${qualified} "${name}" not found`));
      if (req.method === 'POST' && name === undefined) {
        const obj = body as { metadata: { name: string } };
        state.objects.set(
          storeKey(resource, ns, obj.metadata.name),
          obj as Record<string, unknown>,
        );
        return send(201, obj);
      }
      if (name === undefined)
        return send(405, apiStatus(405, 'MethodNotAllowed', 'method not allowed'));
      const key = storeKey(resource, ns, name);
      const fault = state.faults.get(key);
      if (fault === 'hang') {
        hanging.add(res);
        return; // never answers: the client must give up on its own
      }
      if (fault) return send(fault.code, apiStatus(fault.code, fault.reason, fault.message));
      const pending = state.appearAfter.get(key) ?? 0;
      if (pending > 0) {
        state.appearAfter.set(key, pending - 1);
        return notFound();
      }
      const current = state.objects.get(key) ?? state.synthesize?.(resource, ns, name);
      if (current === undefined) return notFound();
      if (req.method === 'GET') return send(200, current);
      if (req.method === 'PATCH') {
        if (req.headers['content-type'] !== 'application/merge-patch+json') {
          const type = String(req.headers['content-type']);
          return send(
            415,
            apiStatus(415, 'UnsupportedMediaType', `unsupported patch type ${type}`),
          );
        }
        const merged = mergePatch(current, body) as Record<string, unknown>;
        state.objects.set(key, merged);
        return send(200, merged);
      }
      return send(405, apiStatus(405, 'MethodNotAllowed', 'method not allowed'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const dir = await mkdtemp(join(tmpdir(), 'maestro-kubeconfig-'));
  const kubeconfig = join(dir, 'config');
  await writeFile(kubeconfig, kubeconfigFor(url));
  const fake = state as FakeApiServer;
  fake.url = url;
  fake.kubeconfig = kubeconfig;
  fake.close = () =>
    new Promise((resolve) => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
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
