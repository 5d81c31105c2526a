// Liveness and readiness. Neither ever asks a cluster anything: a replica is
// ready when its routes are registered, and stops being ready when it drains.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Shared between the health routes and the shutdown sequence. */
export interface Readiness {
  /** True once every route is registered; false again from SIGTERM on. */
  ready: boolean;
  /** Why readiness is false, for the /readyz body. */
  reason: string;
  /** From SIGTERM on: answers carry `Connection: close`. */
  draining: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    readiness: Readiness;
  }
}

async function health(app: FastifyInstance): Promise<void> {
  app.decorate('readiness', {
    ready: false,
    reason: 'starting',
    draining: false,
  } satisfies Readiness);
  app.addHook('onReady', async () => {
    app.readiness.ready = true;
    app.readiness.reason = 'ready';
  });

  const noLog = { logLevel: 'warn' } as const;
  app.get('/healthz', noLog, async () => ({ status: 'ok' }));
  app.get('/readyz', noLog, async (_request, reply) => {
    if (!app.readiness.ready) {
      return reply.code(503).send({ status: 'unavailable', reason: app.readiness.reason });
    }
    return { status: 'ready' };
  });
}

export const healthPlugin = fp(health, { name: 'maestro-health', fastify: '5.x' });
