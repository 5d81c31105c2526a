// `maestro serve`: the HTTP service.
import { ExitCode, parseCommandArgs, println, type CommandIO } from '../command.ts';
import { MaestroError } from '../../errors.ts';
import { resolveServeConfig, defaults } from '../../server/config.ts';
import { DEFAULT_PIPE_IMAGE } from '../../engine/pipe/image.ts';

export const help = `Usage: maestro serve [options]

Serves the Metacontroller hooks, the admission and conversion webhooks,
/healthz, /readyz and /metrics. With no options: HTTP on 127.0.0.1:8080,
no cluster needed.

Options (each falls back to an environment variable):
  --host HOST              address to listen on (MAESTRO_HOST; default ${defaults.host})
  --port PORT              port (MAESTRO_PORT, else PORT as Knative sets it; default ${defaults.port})
  --tls-cert FILE          PEM certificate; with --tls-key, serve HTTPS only (MAESTRO_TLS_CERT)
  --tls-key FILE           PEM private key (MAESTRO_TLS_KEY); both files are reloaded when they change
  --body-limit SIZE        largest request body, e.g. 16Mi (MAESTRO_BODY_LIMIT; default 16Mi)
  --log-level LEVEL        fatal|error|warn|info|debug|trace|silent (MAESTRO_LOG_LEVEL; default info)
  --shutdown-timeout DUR   longest graceful shutdown after SIGTERM, e.g. 25s (MAESTRO_SHUTDOWN_TIMEOUT; default 25s)
  --drain-delay DUR        after SIGTERM, keep serving with /readyz at 503 this long (MAESTRO_DRAIN_DELAY; default 2s)
  --request-timeout DUR    longest time for one request (MAESTRO_REQUEST_TIMEOUT; default 30s)
  --max-in-flight N        concurrent Metacontroller requests before 429 + Retry-After (MAESTRO_MAX_IN_FLIGHT; default ${defaults.maxInFlight})
  --pipe-image IMAGE       image of pipe Jobs' publish container, running \`maestro pipe publish\`
                           (MAESTRO_PIPE_IMAGE; default ${DEFAULT_PIPE_IMAGE})
  --field-manager NAME     the field manager Metacontroller applies children with under
                           --apply-strategy=server-side-apply (its --apply-strategy-ssa-field-manager;
                           MAESTRO_FIELD_MANAGER; default metacontroller)
  --render-workers N       worker threads that render templates (MAESTRO_RENDER_WORKERS;
                           default ${defaults.renderWorkers}, the CPUs up to 4)
  --render-memory SIZE     heap ceiling of each render worker, e.g. 256Mi (MAESTRO_RENDER_MEMORY;
                           default 256Mi); a worker over it is replaced and the render fails
  --render-deadline DUR    longest one render may run, e.g. 5s (MAESTRO_RENDER_DEADLINE; default 5s)
  --auth-token-file FILE   serve every POST route only under /t/<token>/ (the file's content,
                           reloaded when it changes; MAESTRO_AUTH_TOKEN_FILE)
  --client-ca FILE         with HTTPS: require client certificates signed by this CA bundle
                           (MAESTRO_CLIENT_CA)

Tracing is on when the standard OTEL_* variables configure an exporter
(OTEL_TRACES_EXPORTER, OTEL_EXPORTER_OTLP_ENDPOINT); otherwise the SDK is not loaded.

Example:
  maestro serve --port 8443 --tls-cert tls.crt --tls-key tls.key`;

const flags = {
  host: { type: 'string' },
  port: { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'body-limit': { type: 'string' },
  'log-level': { type: 'string' },
  'shutdown-timeout': { type: 'string' },
  'drain-delay': { type: 'string' },
  'request-timeout': { type: 'string' },
  'max-in-flight': { type: 'string' },
  'pipe-image': { type: 'string' },
  'field-manager': { type: 'string' },
  'render-workers': { type: 'string' },
  'render-memory': { type: 'string' },
  'render-deadline': { type: 'string' },
  'auth-token-file': { type: 'string' },
  'client-ca': { type: 'string' },
} as const;

export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(args, flags, false);
  let config;
  try {
    config = resolveServeConfig(values, io.env);
  } catch (err) {
    if (err instanceof MaestroError) {
      println(io.stderr, `maestro serve: ${err.message} [${err.code}]`);
      return ExitCode.usage;
    }
    throw err;
  }
  const [{ startServer }, { serveSurfaces }, { RenderPool }] = await Promise.all([
    import('../../server/start.ts'),
    import('../../server/index.ts'),
    import('../../server/render-pool.ts'),
  ]);
  // Starts its first worker on the first render, not here.
  const renderer = new RenderPool(config.render);
  let server;
  try {
    server = await startServer(config, {
      surfaces: serveSurfaces({
        pipeImage: config.pipeImage,
        fieldManager: config.fieldManager,
        renderer,
      }),
      env: io.env,
      handleSignals: true,
      renderer,
    });
  } catch (err) {
    if (err instanceof MaestroError) {
      println(io.stderr, `maestro serve: ${err.message} [${err.code}]`);
      return ExitCode.failed;
    }
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE' || e.code === 'EACCES' || e.code === 'EADDRNOTAVAIL') {
      println(
        io.stderr,
        `maestro serve: cannot listen on ${config.host}:${config.port}: ${e.message}`,
      );
      return ExitCode.failed;
    }
    throw err;
  }
  server.app.log.info({ url: server.url }, 'maestro serving');
  const { timedOut } = await server.closed;
  if (timedOut) {
    // Requests that outlived the shutdown timeout must not keep the process
    // past the pod's grace period.
    process.exit(ExitCode.failed);
  }
  return ExitCode.ok;
}
