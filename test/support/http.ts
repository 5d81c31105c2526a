// Minimal HTTP(S) client for tests, with what kube-apiserver does when it
// calls a webhook: verify the CA and the server name, speak HTTP/1.1.
import http from 'node:http';
import https from 'node:https';
import { createHash } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** SHA-256 of the server certificate's DER, hex (HTTPS only). */
  peerFingerprint?: string;
  reusedSocket: boolean;
  httpVersion: string;
}

export interface RequestOptions {
  method?: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  ca?: string;
  servername?: string;
  /** Reuse connections through this agent; by default each request has its own. */
  agent?: http.Agent;
}

export function request(url: string, options: RequestOptions = {}): Promise<Response> {
  const u = new URL(url);
  const isHttps = u.protocol === 'https:';
  const lib = isHttps ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      u,
      {
        method: options.method ?? 'GET',
        headers: {
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
        // Without an agent of its own, every request opens a new connection with
        // a full handshake (Node's global agent keeps sockets and TLS sessions).
        agent: options.agent ?? false,
        ...(isHttps
          ? {
              ca: options.ca,
              servername: options.servername,
              ALPNProtocols: ['http/1.1'],
              rejectUnauthorized: true,
            }
          : {}),
      },
      (res) => {
        // The socket is detached once the body ends, so read the peer now.
        const socket = res.socket as TLSSocket;
        const peer = isHttps ? socket.getPeerCertificate() : undefined;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            ...(peer?.raw === undefined
              ? {}
              : { peerFingerprint: createHash('sha256').update(peer.raw).digest('hex') }),
            reusedSocket: req.reusedSocket,
            httpVersion: res.httpVersion,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Every line the process printed, parsed where it is JSON. */
  logs: Array<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns a server process and resolves once it logs its URL. */
export async function spawnServer(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 20_000,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, OTEL_TRACES_EXPORTER: 'none', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in ${timeoutMs} ms: ${stderr}`)),
      timeoutMs,
    );
    let buffered = '';
    child.stdout?.on('data', (c: Buffer) => {
      buffered += c.toString();
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        try {
          const entry = JSON.parse(line) as Record<string, unknown>;
          logs.push(entry);
          if (entry.msg === 'maestro serving' && typeof entry.url === 'string') {
            clearTimeout(timer);
            resolve(entry.url);
          }
        } catch {
          logs.push({ raw: line });
        }
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening: ${stderr}`));
    });
  });
  return { child, url, logs, exited };
}
