// `maestro serve` configuration: flags first, then environment variables,
// then the embedded defaults, which serve HTTP on 127.0.0.1:8080 with no
// cluster and no file of any kind.
import { availableParallelism } from 'node:os';
import { MaestroError } from '../errors.ts';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];

export interface ServeConfig {
  host: string;
  port: number;
  /** PEM files; both set means HTTPS only on host:port. */
  tls: { certFile: string; keyFile: string } | undefined;
  /** Largest request body in bytes (Metacontroller requests carry every child). */
  bodyLimit: number;
  logLevel: LogLevel;
  /** After SIGTERM: how long readiness says 503 while traffic still arrives. */
  drainDelayMs: number;
  /** After SIGTERM: the longest the whole shutdown may take before the process gives up. */
  shutdownTimeoutMs: number;
  /** Longest time a request may take, body upload included. */
  requestTimeoutMs: number;
  /** Metacontroller requests served at once before the rest get 429. */
  maxInFlight: number;
  /** Seconds a 429 asks Metacontroller to wait (Retry-After). */
  retryAfterSeconds: number;
  /** How often the TLS files are checked for rotation, besides file-change events. */
  tlsReloadIntervalMs: number;
  /** The image of pipe Jobs' `publish` container (docs/pipe.md); the engine's default when unset. */
  pipeImage: string | undefined;
  /** Metacontroller's server-side-apply field manager, whose managedFields entry holds the applied bodies. */
  fieldManager: string | undefined;
  /** The render worker pool's limits (src/server/render-pool.ts). */
  render: {
    workers: number;
    memoryBytes: number;
    deadlineMs: number;
    queueTimeoutMs: number;
  };
  /** A file holding the shared secret every POST path must start with (/t/<token>/...). */
  authTokenFile: string | undefined;
  /** PEM CA bundle: HTTPS clients must present a certificate it signed (mTLS). */
  clientCaFile: string | undefined;
  /** Event-loop delay above which requests are shed with 503 (ms; 0 turns the check off). */
  maxEventLoopDelayMs: number;
}

/** The flags `serve` accepts, as parsed by util.parseArgs (all strings). */
export interface ServeFlags {
  host?: string;
  port?: string;
  'tls-cert'?: string;
  'tls-key'?: string;
  'body-limit'?: string;
  'log-level'?: string;
  'shutdown-timeout'?: string;
  'drain-delay'?: string;
  'request-timeout'?: string;
  'max-in-flight'?: string;
  'pipe-image'?: string;
  'field-manager'?: string;
  'render-workers'?: string;
  'render-memory'?: string;
  'render-deadline'?: string;
  'auth-token-file'?: string;
  'client-ca'?: string;
}

export const defaults = {
  host: '127.0.0.1',
  port: 8080,
  bodyLimit: 16 * 1024 * 1024,
  logLevel: 'info',
  drainDelayMs: 2_000,
  shutdownTimeoutMs: 25_000,
  requestTimeoutMs: 30_000,
  maxInFlight: 64,
  retryAfterSeconds: 1,
  tlsReloadIntervalMs: 10_000,
  renderWorkers: Math.max(1, Math.min(4, availableParallelism())),
  renderMemoryBytes: 256 * 1024 * 1024,
  renderDeadlineMs: 5_000,
  maxEventLoopDelayMs: 1_000,
} as const;

function invalid(source: string, message: string): MaestroError {
  return new MaestroError('MAESTRO_CONFIG_INVALID', `${source}: ${message}`, {
    details: { source },
  });
}

/** Picks the first defined value and remembers where it came from, for error messages. */
function pick(
  pairs: Array<[source: string, value: string | undefined]>,
): { source: string; value: string } | undefined {
  for (const [source, value] of pairs) {
    if (value !== undefined && value !== '') return { source, value };
  }
  return undefined;
}

function integer(
  found: { source: string; value: string } | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (found === undefined) return fallback;
  if (!/^\d+$/.test(found.value)) {
    throw invalid(found.source, `"${found.value}" is not a whole number`);
  }
  const n = Number(found.value);
  if (n < min || n > max) {
    throw invalid(found.source, `${n} is outside ${min}..${max}`);
  }
  return n;
}

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  k: 1000,
  ki: 1024,
  m: 1000 ** 2,
  mi: 1024 ** 2,
  g: 1000 ** 3,
  gi: 1024 ** 3,
};

/** Parses "16777216", "16Mi", "512Ki", "1M" (Kubernetes quantity suffixes) or "16MiB". */
export function parseSize(text: string): number | undefined {
  const m = /^(\d+)\s*([kKmMgG]i?)?B?$/.exec(text.trim());
  if (m === null) return undefined;
  const unit = SIZE_UNITS[(m[2] ?? '').toLowerCase()];
  return unit === undefined ? undefined : Number(m[1]) * unit;
}

/** Parses "25000" (milliseconds), "25s", "500ms" or "1m". */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+)\s*(ms|s|m)?$/.exec(text.trim());
  if (m === null) return undefined;
  const n = Number(m[1]);
  switch (m[2]) {
    case 's':
      return n * 1000;
    case 'm':
      return n * 60_000;
    default:
      return n;
  }
}

function size(found: { source: string; value: string } | undefined, fallback: number): number {
  if (found === undefined) return fallback;
  const n = parseSize(found.value);
  if (n === undefined || n < 1024) {
    throw invalid(found.source, `"${found.value}" is not a size of at least 1Ki (e.g. 16Mi)`);
  }
  return n;
}

function duration(found: { source: string; value: string } | undefined, fallback: number): number {
  if (found === undefined) return fallback;
  const n = parseDuration(found.value);
  if (n === undefined) {
    throw invalid(found.source, `"${found.value}" is not a duration (e.g. 25s, 500ms)`);
  }
  return n;
}

export function resolveServeConfig(flags: ServeFlags, env: NodeJS.ProcessEnv): ServeConfig {
  const host = pick([
    ['--host', flags.host],
    ['MAESTRO_HOST', env.MAESTRO_HOST],
  ]);
  const port = pick([
    ['--port', flags.port],
    ['MAESTRO_PORT', env.MAESTRO_PORT],
    ['PORT', env.PORT],
  ]);
  const cert = pick([
    ['--tls-cert', flags['tls-cert']],
    ['MAESTRO_TLS_CERT', env.MAESTRO_TLS_CERT],
  ]);
  const key = pick([
    ['--tls-key', flags['tls-key']],
    ['MAESTRO_TLS_KEY', env.MAESTRO_TLS_KEY],
  ]);
  if ((cert === undefined) !== (key === undefined)) {
    const missing =
      cert === undefined ? '--tls-cert (MAESTRO_TLS_CERT)' : '--tls-key (MAESTRO_TLS_KEY)';
    throw invalid(missing, 'TLS needs both a certificate and a key');
  }
  const level = pick([
    ['--log-level', flags['log-level']],
    ['MAESTRO_LOG_LEVEL', env.MAESTRO_LOG_LEVEL],
  ]);
  if (level !== undefined && !LOG_LEVELS.includes(level.value as LogLevel)) {
    throw invalid(level.source, `"${level.value}" is not one of ${LOG_LEVELS.join(', ')}`);
  }
  const pipeImage = pick([
    ['--pipe-image', flags['pipe-image']],
    ['MAESTRO_PIPE_IMAGE', env.MAESTRO_PIPE_IMAGE],
  ]);
  if (pipeImage !== undefined && !/^[^\s]+$/.test(pipeImage.value)) {
    throw invalid(pipeImage.source, `"${pipeImage.value}" is not an image reference`);
  }
  const fieldManager = pick([
    ['--field-manager', flags['field-manager']],
    ['MAESTRO_FIELD_MANAGER', env.MAESTRO_FIELD_MANAGER],
  ]);
  // The API server's rule for a manager name: at most 128 printable characters.
  if (fieldManager !== undefined && !/^[\x21-\x7e]{1,128}$/.test(fieldManager.value)) {
    throw invalid(fieldManager.source, `"${fieldManager.value}" is not a field manager name`);
  }
  return {
    host: host?.value ?? defaults.host,
    port: integer(port, defaults.port, 0, 65535),
    tls:
      cert !== undefined && key !== undefined
        ? { certFile: cert.value, keyFile: key.value }
        : undefined,
    bodyLimit: size(
      pick([
        ['--body-limit', flags['body-limit']],
        ['MAESTRO_BODY_LIMIT', env.MAESTRO_BODY_LIMIT],
      ]),
      defaults.bodyLimit,
    ),
    logLevel: (level?.value as LogLevel | undefined) ?? defaults.logLevel,
    drainDelayMs: duration(
      pick([
        ['--drain-delay', flags['drain-delay']],
        ['MAESTRO_DRAIN_DELAY', env.MAESTRO_DRAIN_DELAY],
      ]),
      defaults.drainDelayMs,
    ),
    shutdownTimeoutMs: duration(
      pick([
        ['--shutdown-timeout', flags['shutdown-timeout']],
        ['MAESTRO_SHUTDOWN_TIMEOUT', env.MAESTRO_SHUTDOWN_TIMEOUT],
      ]),
      defaults.shutdownTimeoutMs,
    ),
    requestTimeoutMs: duration(
      pick([
        ['--request-timeout', flags['request-timeout']],
        ['MAESTRO_REQUEST_TIMEOUT', env.MAESTRO_REQUEST_TIMEOUT],
      ]),
      defaults.requestTimeoutMs,
    ),
    maxInFlight: integer(
      pick([
        ['--max-in-flight', flags['max-in-flight']],
        ['MAESTRO_MAX_IN_FLIGHT', env.MAESTRO_MAX_IN_FLIGHT],
      ]),
      defaults.maxInFlight,
      1,
      100_000,
    ),
    retryAfterSeconds: defaults.retryAfterSeconds,
    tlsReloadIntervalMs: duration(
      pick([['MAESTRO_TLS_RELOAD_INTERVAL', env.MAESTRO_TLS_RELOAD_INTERVAL]]),
      defaults.tlsReloadIntervalMs,
    ),
    pipeImage: pipeImage?.value,
    fieldManager: fieldManager?.value,
    render: resolveRender(flags, env),
    authTokenFile: pick([
      ['--auth-token-file', flags['auth-token-file']],
      ['MAESTRO_AUTH_TOKEN_FILE', env.MAESTRO_AUTH_TOKEN_FILE],
    ])?.value,
    clientCaFile: clientCa(flags, env, cert !== undefined),
    maxEventLoopDelayMs: duration(
      pick([['MAESTRO_MAX_EVENT_LOOP_DELAY', env.MAESTRO_MAX_EVENT_LOOP_DELAY]]),
      defaults.maxEventLoopDelayMs,
    ),
  };
}

function clientCa(flags: ServeFlags, env: NodeJS.ProcessEnv, tls: boolean): string | undefined {
  const ca = pick([
    ['--client-ca', flags['client-ca']],
    ['MAESTRO_CLIENT_CA', env.MAESTRO_CLIENT_CA],
  ]);
  if (ca !== undefined && !tls) {
    throw invalid(ca.source, 'client certificates need HTTPS: set --tls-cert and --tls-key too');
  }
  return ca?.value;
}

function resolveRender(flags: ServeFlags, env: NodeJS.ProcessEnv): ServeConfig['render'] {
  const memory = pick([
    ['--render-memory', flags['render-memory']],
    ['MAESTRO_RENDER_MEMORY', env.MAESTRO_RENDER_MEMORY],
  ]);
  const memoryBytes = size(memory, defaults.renderMemoryBytes);
  if (memory !== undefined && memoryBytes < 32 * 1024 * 1024) {
    throw invalid(
      memory.source,
      `"${memory.value}" is below the 32Mi a render worker needs to start`,
    );
  }
  const deadline = pick([
    ['--render-deadline', flags['render-deadline']],
    ['MAESTRO_RENDER_DEADLINE', env.MAESTRO_RENDER_DEADLINE],
  ]);
  const deadlineMs = duration(deadline, defaults.renderDeadlineMs);
  if (deadline !== undefined && deadlineMs < 10) {
    throw invalid(deadline.source, `"${deadline.value}" is shorter than 10ms`);
  }
  return {
    workers: integer(
      pick([
        ['--render-workers', flags['render-workers']],
        ['MAESTRO_RENDER_WORKERS', env.MAESTRO_RENDER_WORKERS],
      ]),
      defaults.renderWorkers,
      1,
      256,
    ),
    memoryBytes,
    deadlineMs,
    // A task waits for a worker at most twice its own deadline; past that the
    // pool is saturated and the caller is told to come back (429).
    queueTimeoutMs: 2 * deadlineMs,
  };
}
