// OpenTelemetry tracing, loaded only when the standard OTEL_* variables ask
// for an exporter. The SDK and its dependencies cost more than a second of
// start-up and tens of MB, so a replica that does not export traces never
// imports them.
import type { FastifyPluginCallback } from 'fastify';

export interface Tracing {
  /** The @fastify/otel plugin, to register before any route. */
  plugin: FastifyPluginCallback;
  /** The trace id of the active span, for log lines. */
  activeTraceId: () => string | undefined;
  shutdown: () => Promise<void>;
}

/** True when the environment configures a trace exporter (OTel's own variables). */
export function tracingConfigured(env: NodeJS.ProcessEnv): boolean {
  if (env.OTEL_SDK_DISABLED === 'true') return false;
  const exporter = env.OTEL_TRACES_EXPORTER?.trim();
  if (exporter !== undefined && exporter !== '') return exporter !== 'none';
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/** Starts the Node SDK, which reads the OTEL_* variables itself, with fastify instrumentation. */
export async function startTracing(): Promise<Tracing> {
  const [{ NodeSDK }, { FastifyOtelInstrumentation }, { trace }] = await Promise.all([
    import('@opentelemetry/sdk-node'),
    import('@fastify/otel'),
    import('@opentelemetry/api'),
  ]);
  // Health probes and scrapes would drown the traces that matter.
  const instrumentation = new FastifyOtelInstrumentation({
    ignorePaths: ({ url }) => url === '/healthz' || url === '/readyz' || url === '/metrics',
  });
  const sdk = new NodeSDK({ instrumentations: [instrumentation] });
  sdk.start();
  return {
    plugin: instrumentation.plugin() as unknown as FastifyPluginCallback,
    activeTraceId: () => trace.getActiveSpan()?.spanContext().traceId,
    shutdown: () => sdk.shutdown(),
  };
}
