// Between Metacontroller and Maestro: an HTTPS pass-through that counts the
// hook calls per parent (the sync counts the suite reports) and spreads them
// over one or more Maestro processes in turn ("two Maestro processes
// answering alternately"). A backend that does not answer gets a 502, which
// Metacontroller treats like any failed hook call: it retries with backoff.
import { createServer, request } from 'node:https';
import type { Server } from 'node:https';
import { readFileSync } from 'node:fs';

export interface HookCall {
  path: string;
  parent: string;
  backend: number;
  status: number;
}

export class HookRecorder {
  readonly #server: Server;
  readonly #ca: Buffer;
  port = 0;
  backends: number[] = [];
  #next = 0;
  readonly calls: HookCall[] = [];

  constructor(o: { cert: string; key: string; ca: string }) {
    this.#ca = readFileSync(o.ca);
    this.#server = createServer(
      { cert: readFileSync(o.cert), key: readFileSync(o.key) },
      (req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const body = Buffer.concat(chunks);
          let parent = '';
          try {
            const j = JSON.parse(body.toString('utf8'));
            const p = j.parent ?? j.object;
            parent = `${p?.metadata?.namespace ?? ''}/${p?.metadata?.name ?? ''}`;
          } catch {
            /* not JSON */
          }
          const backend = this.backends[this.#next++ % Math.max(1, this.backends.length)] ?? 0;
          const call: HookCall = { path: req.url ?? '', parent, backend, status: 0 };
          this.calls.push(call);
          const up = request(
            {
              host: '127.0.0.1',
              port: backend,
              path: req.url,
              method: req.method,
              ca: this.#ca,
              headers: { ...req.headers, host: `127.0.0.1:${backend}` },
            },
            (r) => {
              call.status = r.statusCode ?? 0;
              res.writeHead(r.statusCode ?? 502, r.headers);
              r.pipe(res);
            },
          );
          up.on('error', (err) => {
            call.status = 502;
            if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
            res.end(`e2e recorder: backend ${backend}: ${err.message}`);
          });
          up.end(body);
        });
      },
    );
  }

  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  listen(): Promise<void> {
    return new Promise((resolve) =>
      this.#server.listen(0, '127.0.0.1', () => {
        const a = this.#server.address();
        this.port = typeof a === 'object' && a ? a.port : 0;
        resolve();
      }),
    );
  }

  /** Sync calls (path /sync, or another hook's) for a parent `ns/name` (`/name` when cluster-scoped). */
  syncs(parent: string, since = 0, hook = '/sync'): number {
    return this.calls.slice(since).filter((c) => c.path.startsWith(hook) && c.parent === parent)
      .length;
  }

  /** GET /readyz on a Maestro port: whether it answers 200. */
  probe(port: number): Promise<boolean> {
    return new Promise((resolve) => {
      const r = request(
        { host: '127.0.0.1', port, path: '/readyz', method: 'GET', ca: this.#ca },
        (res) => {
          res.resume();
          resolve(res.statusCode === 200);
        },
      );
      r.on('error', () => resolve(false));
      r.end();
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.#server.closeAllConnections();
      this.#server.close(() => resolve());
    });
  }
}
