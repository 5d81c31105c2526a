// Starts `maestro serve` from the sources over HTTPS with a generated CA and a
// certificate for the in-cluster Service name, and posts review bodies the way
// kube-apiserver does: verifying the CA and the server name, over HTTP/1.1,
// with the `?timeout=` query it adds.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestCa } from '../support/certs.ts';
import { request, spawnServer, type Response, type ServerProcess } from '../support/http.ts';

export const SERVICE_NAME = 'maestro.maestro-system.svc';
const main = new URL('../../src/cli/main.ts', import.meta.url).pathname;

export interface WebhookServer {
  server: ServerProcess;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

export async function startWebhookServer(env: NodeJS.ProcessEnv): Promise<WebhookServer> {
  const dir = await mkdtemp(join(tmpdir(), 'maestro-webhooks-'));
  const ca = await createTestCa();
  const leaf = await ca.issue([SERVICE_NAME, `${SERVICE_NAME}.cluster.local`]);
  await writeFile(join(dir, 'tls.crt'), leaf.certPem);
  await writeFile(join(dir, 'tls.key'), leaf.keyPem);
  const server = await spawnServer(
    [
      '--import',
      'tsx',
      main,
      'serve',
      '--port',
      '0',
      '--drain-delay',
      '0',
      '--tls-cert',
      join(dir, 'tls.crt'),
      '--tls-key',
      join(dir, 'tls.key'),
    ],
    { HOME: dir, KUBECONFIG: '', ...env },
    60_000,
  );
  return {
    server,
    post: (path, body, headers = {}) =>
      request(`${server.url}${path}?timeout=10s`, {
        method: 'POST',
        body: typeof body === 'string' ? body : JSON.stringify(body),
        ca: ca.certPem,
        servername: SERVICE_NAME,
        headers: { 'user-agent': 'kube-apiserver-admission', ...headers },
      }),
    async stop() {
      server.child.kill('SIGTERM');
      await server.exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
