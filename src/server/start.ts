// Starts the server and owns its lifecycle: listen, rotate TLS material, and
// drain on SIGTERM. The order on SIGTERM follows how a Kubernetes Service
// forgets a pod: readiness turns 503 at once, traffic keeps being served for
// the drain delay while endpoints update, then the listener closes, in-flight
// requests finish, and the process exits before the grace period ends.
import type { AddressInfo } from 'node:net';
import type { Server as TlsServer } from 'node:tls';
import { buildApp, type App, type AppDeps } from './app.ts';
import type { ServeConfig } from './config.ts';
import type { Surface } from './surfaces.ts';
import type { RenderRunner } from './render-pool.ts';
import type { TlsReloader } from './tls.ts';
import { AuthToken } from './auth.ts';
import { startTracing, tracingConfigured, type Tracing } from './tracing.ts';

export interface RunningServer {
  app: App;
  /** e.g. "https://127.0.0.1:8443" */
  url: string;
  port: number;
  /** Drains and closes, as on SIGTERM. Resolves when everything is closed. */
  shutdown: (reason: string) => Promise<void>;
  /** Resolves when the server has closed; `timedOut` when the shutdown timeout cut it short. */
  closed: Promise<{ timedOut: boolean }>;
}

export interface StartOptions {
  surfaces: readonly Surface[];
  env: NodeJS.ProcessEnv;
  /** Install SIGTERM/SIGINT handlers (the CLI does; tests usually do not). */
  handleSignals: boolean;
  /** The render pool the surfaces use: closed when the server has closed. */
  renderer?: RenderRunner;
  /** Overrides fastify's logger (a test stream that reads the log lines). */
  logger?: AppDeps['logger'];
}

export async function startServer(
  config: ServeConfig,
  options: StartOptions,
): Promise<RunningServer> {
  const tlsFiles =
    config.tls === undefined
      ? undefined
      : {
          ...config.tls,
          ...(config.clientCaFile !== undefined && { caFile: config.clientCaFile }),
        };
  // TLS code (and node:crypto) loads only when HTTPS is configured.
  const tlsModule = tlsFiles === undefined ? undefined : await import('./tls.ts');
  const tls =
    tlsFiles === undefined || tlsModule === undefined
      ? undefined
      : await tlsModule.loadTlsPair(tlsFiles);
  let log: { info: (o: object, m: string) => void; warn: (o: object, m: string) => void } = {
    info: () => undefined,
    warn: () => undefined,
  };
  const token =
    config.authTokenFile === undefined
      ? undefined
      : await AuthToken.load(config.authTokenFile, {
          onReload: () => log.info({ file: config.authTokenFile }, 'auth token reloaded'),
          onError: (err) =>
            log.warn(
              { err },
              'auth token file changed but cannot be used; keeping the current token',
            ),
        });
  const tracing: Tracing | undefined = tracingConfigured(options.env)
    ? await startTracing()
    : undefined;
  const app = await buildApp(config, {
    surfaces: options.surfaces,
    ...(tls === undefined ? {} : { tls }),
    ...(tracing === undefined ? {} : { tracing }),
    ...(token === undefined ? {} : { token }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
  log = app.log;
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address() as AddressInfo;
  const scheme = tls === undefined ? 'http' : 'https';
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let reloader: TlsReloader | undefined;
  if (tlsFiles !== undefined && tls !== undefined && tlsModule !== undefined) {
    reloader = new tlsModule.TlsReloader(app.server as unknown as TlsServer, {
      files: tlsFiles,
      initial: tls,
      intervalMs: config.tlsReloadIntervalMs,
      onReload: ({ fingerprint }) =>
        app.log.info({ fingerprint: fingerprint.slice(0, 16) }, 'TLS certificate reloaded'),
      onError: (err) =>
        app.log.warn(
          { err },
          'TLS files changed but cannot be used yet; keeping the current certificate',
        ),
    });
    reloader.start();
  }

  let resolveClosed!: (outcome: { timedOut: boolean }) => void;
  const closed = new Promise<{ timedOut: boolean }>((resolve) => (resolveClosed = resolve));
  let shuttingDown: Promise<void> | undefined;

  const shutdown = (reason: string): Promise<void> => {
    shuttingDown ??= (async () => {
      app.readiness.ready = false;
      app.readiness.reason = `shutting down (${reason})`;
      app.readiness.draining = true;
      app.log.info({ reason, drainDelayMs: config.drainDelayMs }, 'draining');
      const deadline = setTimeout(() => {
        app.log.error(
          { shutdownTimeoutMs: config.shutdownTimeoutMs },
          'shutdown timed out; closing the remaining connections',
        );
        app.server.closeAllConnections();
        // Handlers still running may hold timers; the caller decides whether
        // to end the process (the CLI does).
        resolveClosed({ timedOut: true });
      }, config.shutdownTimeoutMs);
      deadline.unref();
      try {
        await new Promise((resolve) => setTimeout(resolve, config.drainDelayMs).unref());
        reloader?.close();
        token?.close();
        await app.close();
        await options.renderer
          ?.close()
          .catch((err: unknown) => app.log.warn({ err }, 'render pool shutdown failed'));
        await tracing
          ?.shutdown()
          .catch((err: unknown) => app.log.warn({ err }, 'tracing shutdown failed'));
      } finally {
        clearTimeout(deadline);
        app.log.info('closed');
        resolveClosed({ timedOut: false });
      }
    })();
    return shuttingDown;
  };

  if (options.handleSignals) {
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    process.once('SIGINT', () => void shutdown('SIGINT'));
  }

  return { app, url: `${scheme}://${host}:${address.port}`, port: address.port, shutdown, closed };
}
