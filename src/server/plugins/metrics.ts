// Prometheus metrics on GET /metrics: a request counter and a latency
// histogram per route and status code, and prom-client's process metrics.
// Each app has its own registry, so several apps in one process (tests) do
// not share counters.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Registry;
    /**
     * Counts one answered request of a matched route, as the onResponse hook
     * does: for a route served outside fastify's request path (convert-fast-path.ts).
     * Returns the recorder of that label set, so the labels are hashed once.
     */
    requestSeries(method: string, route: string, statusCode: number): (seconds: number) => void;
  }
}

// Routes that no handler matched share one label value, so that scanners
// cannot grow the series without bound.
const UNMATCHED = 'unmatched';

async function metrics(app: FastifyInstance): Promise<void> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ['method', 'route', 'status_code'] as const;
  const requests = new Counter({
    name: 'maestro_http_requests_total',
    help: 'HTTP requests answered, by method, route and status code.',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'maestro_http_request_duration_seconds',
    help: 'Time from the request arriving to the response being sent, in seconds.',
    labelNames,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.decorate('metrics', registry);
  app.decorate('requestSeries', (method: string, route: string, statusCode: number) => {
    const labels = { method, route, status_code: String(statusCode) };
    const count = requests.labels(labels);
    const time = duration.labels(labels);
    return (seconds: number) => {
      count.inc();
      time.observe(seconds);
    };
  });

  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? UNMATCHED,
      status_code: String(reply.statusCode),
    };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });

  app.get('/metrics', { logLevel: 'warn' }, async (_request, reply) => {
    const body = await registry.metrics();
    return reply.type(registry.contentType).send(body);
  });
}

export const metricsPlugin = fp(metrics, { name: 'maestro-metrics', fastify: '5.x' });
