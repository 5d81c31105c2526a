// Caller authentication for the POST routes. Metacontroller cannot send
// credentials and kube-apiserver sends none to a webhook unless configured, so
// the shared secret travels in the path: with --auth-token-file, every POST
// route is served only under /t/<token>/ (/t/<token>/sync, ...). The token is
// compared in constant time, and the file is re-read when it changes (a
// rotated Secret). With --client-ca, a POST must also come over a connection
// whose client certificate that CA signed. Anything else gets the 404 of an
// unknown route, and is counted. GET /healthz, /readyz and /metrics stay open:
// the kubelet's probes and Prometheus carry neither.
// fs.promises is read when a token file is loaded: node:fs/promises is not
// loaded at start-up without --auth-token-file.
import { promises as fsp, watch, type FSWatcher } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { dirname } from 'node:path';
import type { TLSSocket } from 'node:tls';
import type { FastifyInstance } from 'fastify';
import { Counter } from 'prom-client';
import { MaestroError } from '../errors.ts';
import { errorBody } from './plugins/errors.ts';

/**
 * What a token may be: kube-apiserver takes only DNS-label-like segments in a
 * webhook's service.path, so the chart (charts/maestro) and `maestro
 * manifests` use this rule too.
 */
const TOKEN_RE = /^[a-z0-9][a-z0-9-]{14,251}[a-z0-9]$/;

function tokenProblem(file: string, text: string): MaestroError | undefined {
  if (TOKEN_RE.test(text)) return undefined;
  return new MaestroError(
    'MAESTRO_CONFIG_INVALID',
    `--auth-token-file ${file}: the token must be 16 to 253 characters from a-z 0-9 and -, starting and ending with a letter or digit (found ${text.length} characters)`,
    { details: { file } },
  );
}

async function readToken(file: string): Promise<string> {
  let text: string;
  try {
    text = (await fsp.readFile(file, 'utf8')).trim();
  } catch (cause) {
    throw new MaestroError(
      'MAESTRO_CONFIG_INVALID',
      `--auth-token-file ${file}: cannot read it: ${(cause as Error).message}`,
      { cause, details: { file } },
    );
  }
  const problem = tokenProblem(file, text);
  if (problem !== undefined) throw problem;
  return text;
}

// node:crypto loads only with --auth-token-file (it is not needed to start).
const crypto = () => process.getBuiltinModule('node:crypto');
const digest = (s: string): Buffer => crypto().createHash('sha256').update(s).digest();

/** The current token, following its file. */
export class AuthToken {
  #digest: Buffer;
  #watcher: FSWatcher | undefined;
  #timer: NodeJS.Timeout | undefined;
  #reading: Promise<void> | undefined;
  #again = false;

  private constructor(
    readonly file: string,
    token: string,
    private readonly onError: (err: Error) => void,
    private readonly onReload: () => void,
  ) {
    this.#digest = digest(token);
  }

  /** Reads the file (a missing or malformed token fails start-up) and follows it. */
  static async load(
    file: string,
    hooks: { onError: (err: Error) => void; onReload: () => void; intervalMs?: number },
  ): Promise<AuthToken> {
    const token = new AuthToken(file, await readToken(file), hooks.onError, hooks.onReload);
    token.#follow(hooks.intervalMs ?? 10_000);
    return token;
  }

  /** A token for tests and for callers that manage the value themselves. */
  static fixed(token: string): AuthToken {
    const problem = tokenProblem('(fixed)', token);
    if (problem !== undefined) throw problem;
    return new AuthToken(
      '',
      token,
      () => undefined,
      () => undefined,
    );
  }

  /** Constant-time: the comparison is of two SHA-256 digests. */
  matches(candidate: string): boolean {
    return crypto().timingSafeEqual(digest(candidate), this.#digest);
  }

  #follow(intervalMs: number): void {
    try {
      this.#watcher = watch(dirname(this.file), { persistent: false }, () => void this.reload());
      this.#watcher.on('error', () => undefined);
    } catch {
      // The poll below still notices the change.
    }
    this.#timer = setInterval(() => void this.reload(), intervalMs);
    this.#timer.unref();
  }

  /** Re-reads the file; an event during a read leads to one more read, so none is lost. */
  reload(): Promise<void> {
    if (this.#reading !== undefined) {
      this.#again = true;
      return this.#reading;
    }
    this.#reading = (async () => {
      do {
        this.#again = false;
        try {
          const next = digest(await readToken(this.file));
          if (!next.equals(this.#digest)) {
            this.#digest = next;
            this.onReload();
          }
        } catch (err) {
          this.onError(err as Error);
        }
      } while (this.#again);
    })().finally(() => {
      this.#reading = undefined;
    });
    return this.#reading;
  }

  close(): void {
    this.#watcher?.close();
    if (this.#timer !== undefined) clearInterval(this.#timer);
  }
}

const AUTHENTICATED = Symbol('maestro.authenticated');
type Marked = IncomingMessage & { [AUTHENTICATED]?: boolean };

/**
 * fastify's rewriteUrl: /t/<token>/rest becomes /rest when the token matches,
 * and the request is marked. Any other URL is routed as it came.
 */
export function tokenRewriter(token: AuthToken | undefined): (req: IncomingMessage) => string {
  return (req) => {
    const url = req.url ?? '/';
    if (token === undefined || !url.startsWith('/t/')) return url;
    const end = url.indexOf('/', 3);
    if (end < 0) return url;
    if (!token.matches(url.slice(3, end))) return url;
    (req as Marked)[AUTHENTICATED] = true;
    return url.slice(end);
  };
}

export interface CallerChecks {
  token: AuthToken | undefined;
  /** Require a verified client certificate (--client-ca). */
  clientCert: boolean;
}

/** The onRequest check: a POST without the token (or the client certificate) is a 404, counted. */
export function requireCallers(app: FastifyInstance, checks: CallerChecks): void {
  if (checks.token === undefined && !checks.clientCert) return;
  const refused = new Counter({
    name: 'maestro_unauthenticated_requests_total',
    help: 'POST requests refused with 404 for a missing or wrong path token or client certificate.',
    labelNames: ['reason'] as const,
    registers: [app.metrics],
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'POST') return;
    let reason: string | undefined;
    if (checks.token !== undefined && (request.raw as Marked)[AUTHENTICATED] !== true) {
      reason = 'token';
    } else if (checks.clientCert && (request.raw.socket as TLSSocket).authorized !== true) {
      reason = 'client-certificate';
    }
    if (reason === undefined) return;
    refused.inc({ reason });
    // The same answer as an unknown route: nothing tells a caller that the route exists.
    // A token-like segment is never echoed, right or wrong.
    const path = (request.raw.url ?? '/').replace(/\/t\/[^/?]*/g, '/t/…');
    return reply.code(404).send(errorBody('MAESTRO_NOT_FOUND', 404, `No route for POST ${path}`));
  });
}
