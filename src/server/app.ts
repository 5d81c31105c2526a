// Builds the fastify application: the cross-cutting plugins (errors, metrics,
// health, tracing) and then every surface. It does not listen; start.ts does.
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ServeConfig } from './config.ts';
import { errorsPlugin } from './plugins/errors.ts';
import { healthPlugin } from './plugins/health.ts';
import { useJsonBodyParser } from './json-body.ts';
import { metricsPlugin } from './plugins/metrics.ts';
import { registerSurfaces, type Surface } from './surfaces.ts';
import type { TlsPair } from './tls.ts';
import type { Tracing } from './tracing.ts';
import { requireCallers, tokenRewriter, type AuthToken } from './auth.ts';
import { installConvertFastPath } from './convert-fast-path.ts';
import { conversionSurface } from './plugins/conversion.ts';

export interface AppDeps {
  surfaces: readonly Surface[];
  /** Present when HTTPS is configured: the initial certificate and key. */
  tls?: TlsPair;
  tracing?: Tracing;
  /** Overrides fastify's logger, e.g. a test stream. */
  logger?: FastifyServerOptions['logger'];
  /** Present with --auth-token-file: POST routes are served only under /t/<token>/. */
  token?: AuthToken;
}

export type App = FastifyInstance;

export async function buildApp(config: ServeConfig, deps: AppDeps): Promise<App> {
  const tracing = deps.tracing;
  const logger: FastifyServerOptions['logger'] = deps.logger ?? {
    level: config.logLevel,
    // Log lines carry the trace id of the request's span when tracing is on.
    ...(tracing === undefined
      ? {}
      : {
          mixin: () => {
            const traceId = tracing.activeTraceId();
            return traceId === undefined ? {} : { trace_id: traceId };
          },
        }),
  };
  const options: FastifyServerOptions = {
    logger,
    bodyLimit: config.bodyLimit,
    requestTimeout: config.requestTimeoutMs,
    // One log line per request costs throughput at Metacontroller's call rates;
    // failures are logged by the error handler instead.
    logController: new LogController({ disableRequestLogging: true }),
    // kube-apiserver keeps connections alive between webhook calls.
    keepAliveTimeout: 75_000,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // /t/<token>/sync is routed as /sync once the token matches (auth.ts).
    rewriteUrl: tokenRewriter(deps.token),
  };
  // HTTP/1.1 over TLS: kube-apiserver does not speak HTTP/2 to webhooks. The
  // https server has the http server's interface, which is all the app uses.
  const app = Fastify(
    (deps.tls === undefined
      ? options
      : {
          ...options,
          https: {
            cert: deps.tls.cert,
            key: deps.tls.key,
            // --client-ca: ask every client for a certificate; POST routes
            // require a verified one (auth.ts), while the kubelet's probes,
            // which have none, still reach /healthz and /readyz.
            ...(deps.tls.ca !== undefined && {
              ca: deps.tls.ca,
              requestCert: true,
              rejectUnauthorized: false,
            }),
          },
        }) as FastifyServerOptions,
  ) as unknown as FastifyInstance;

  useJsonBodyParser(app);
  if (tracing !== undefined) await app.register(tracing.plugin);
  await app.register(errorsPlugin);
  await app.register(metricsPlugin);
  await app.register(healthPlugin);
  requireCallers(app, {
    token: deps.token,
    clientCert: deps.tls?.ca !== undefined,
  });
  // While draining, every answer closes its connection, so that kept-alive
  // clients reconnect to another replica instead of being reset at close.
  app.addHook('onSend', async (_request, reply) => {
    if (app.readiness.draining) reply.header('connection', 'close');
  });
  await registerSurfaces(app, deps.surfaces, {
    loadShedding: {
      maxInFlight: config.maxInFlight,
      retryAfterSeconds: config.retryAfterSeconds,
      maxEventLoopDelayMs: config.maxEventLoopDelayMs,
    },
  });
  // The plain POST /convert outside fastify's request path (convert-fast-path.ts),
  // unless a path token, client certificates or tracing need fastify's hooks.
  if (
    deps.surfaces.includes(conversionSurface) &&
    deps.token === undefined &&
    deps.tls?.ca === undefined &&
    tracing === undefined
  ) {
    installConvertFastPath(app, config.bodyLimit);
  }
  return app;
}
