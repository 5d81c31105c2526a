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

export interface AppDeps {
  surfaces: readonly Surface[];
  /** Present when HTTPS is configured: the initial certificate and key. */
  tls?: TlsPair;
  tracing?: Tracing;
  /** Overrides fastify's logger, e.g. a test stream. */
  logger?: FastifyServerOptions['logger'];
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
  };
  // HTTP/1.1 over TLS: kube-apiserver does not speak HTTP/2 to webhooks. The
  // https server has the http server's interface, which is all the app uses.
  const app = Fastify(
    (deps.tls === undefined
      ? options
      : { ...options, https: { cert: deps.tls.cert, key: deps.tls.key } }) as FastifyServerOptions,
  ) as unknown as FastifyInstance;

  useJsonBodyParser(app);
  if (tracing !== undefined) await app.register(tracing.plugin);
  await app.register(errorsPlugin);
  await app.register(metricsPlugin);
  await app.register(healthPlugin);
  await registerSurfaces(app, deps.surfaces, {
    loadShedding: { maxInFlight: config.maxInFlight, retryAfterSeconds: config.retryAfterSeconds },
  });
  return app;
}
