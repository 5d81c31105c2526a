// A loopback stand-in for kube-apiserver that answers the GET path of
// OperatorVersions: `missing` is not found, `secret` is forbidden, `slow`
// never answers; others come from `objects` (keyed namespace/name) or, when
// none are given, are made up. Every request is recorded.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const PATH = /^\/apis\/maestro\.dev\/v1\/namespaces\/([^/]+)\/operatorversions\/([^/?]+)$/;

export interface Fake {
  url: string;
  requests: { path: string; authorization?: string }[];
  close(): Promise<void>;
}

export async function fakeApiServer(objects: Record<string, unknown> = {}): Promise<Fake> {
  const requests: Fake['requests'] = [];
  const pending = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    requests.push({
      path: req.url ?? '',
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    const m = PATH.exec(req.url ?? '');
    const status = (code: number, reason: string, message: string) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'Status',
          status: 'Failure',
          code,
          reason,
          message,
        }),
      );
    };
    if (req.method !== 'GET' || m === null)
      return status(404, 'NotFound', 'the server could not find the requested resource');
    const [, ns, name] = m;
    if (name === 'missing')
      return status(404, 'NotFound', `operatorversions.maestro.dev "${name}" not found`);
    if (name === 'secret') {
      return status(
        403,
        'Forbidden',
        `operatorversions.maestro.dev "${name}" is forbidden: User "system:serviceaccount:maestro-system:maestro" cannot get resource`,
      );
    }
    if (name === 'slow') {
      pending.add(res);
      return; // never answers; the client must give up on its own
    }
    const stored = objects[`${ns}/${name}`];
    if (Object.keys(objects).length > 0 && stored === undefined) {
      return status(404, 'NotFound', `operatorversions.maestro.dev "${name}" not found`);
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(
        stored ?? {
          apiVersion: 'maestro.dev/v1',
          kind: 'OperatorVersion',
          metadata: { name, namespace: ns },
          spec: { version: '1.0.0' },
        },
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const res of pending) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A kubeconfig file's text that points a client at the fake server. */
export function kubeconfigFor(url: string): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'fake', cluster: { server: url, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'maestro', user: { token: 'test-token' } }],
    contexts: [{ name: 'fake', context: { cluster: 'fake', user: 'maestro' } }],
    'current-context': 'fake',
  });
}
