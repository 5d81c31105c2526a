// Load shedding for the Metacontroller surfaces. A sync is CPU-bound, so a
// queue of waiting syncs only adds latency until Metacontroller's own hook
// timeout fires and it retries anyway. Past `maxInFlight` requests being
// processed, or while the event loop lags more than `maxEventLoopDelayMs`
// (@fastify/under-pressure), the surface answers 429 with Retry-After, which
// Metacontroller honours, so the retry arrives when there is room. A request
// counts from the moment its body has arrived: clients still uploading (or
// stalling) hold a socket, not a slot. Admission and conversion never use
// this: kube-apiserver's client retries on Retry-After within the webhook
// deadline, which would only multiply the load (reference/contracts.md §3.3).
import type { FastifyInstance } from 'fastify';
import underPressure, { type FastifyUnderPressureOptions } from '@fastify/under-pressure';
import { errorBody } from './errors.ts';

type PressureHandler = NonNullable<FastifyUnderPressureOptions['pressureHandler']>;

export interface LoadSheddingOptions {
  maxInFlight: number;
  retryAfterSeconds: number;
  /** Mean event-loop delay (ms) over the last sample above which requests are shed; 0: off. */
  maxEventLoopDelayMs?: number;
}

/** Registers the shedding hooks in the calling (encapsulated) context only. */
export async function shedLoad(app: FastifyInstance, options: LoadSheddingOptions): Promise<void> {
  let inFlight = 0;
  const shed = Symbol('shed');
  type Marked = { [shed]?: boolean };
  const tooMany = (message: string) =>
    errorBody('MAESTRO_OVERLOADED', 429, `${message}; retry after ${options.retryAfterSeconds}s`);

  if ((options.maxEventLoopDelayMs ?? 0) > 0) {
    // under-pressure is a fastify-plugin: its onRequest hook lands in this context only.
    await app.register(underPressure, {
      maxEventLoopDelay: options.maxEventLoopDelayMs!,
      sampleInterval: 500,
      // A value returned (not a promise, not null) is what under-pressure sends;
      // its type says void.
      pressureHandler: ((_request, reply, _type, value) => {
        // No sample in the last interval (the loop was busy all of it, e.g.
        // loading the engine): no measurement, the request goes on.
        if (!Number.isFinite(value)) return undefined;
        reply.code(429).header('retry-after', String(options.retryAfterSeconds));
        return tooMany(
          `the event loop lags ${Math.round(Number(value))} ms (limit ${options.maxEventLoopDelayMs} ms)`,
        );
      }) as (...a: Parameters<PressureHandler>) => void,
    });
  }

  // preHandler runs once the body is in: that is when a request starts to cost.
  app.addHook('preHandler', async (request, reply) => {
    if (inFlight >= options.maxInFlight) {
      (request as unknown as Marked)[shed] = true;
      return reply
        .code(429)
        .header('retry-after', String(options.retryAfterSeconds))
        .send(tooMany(`${inFlight} requests in flight (limit ${options.maxInFlight})`));
    }
    inFlight += 1;
    (request as unknown as Marked)[shed] = false;
  });
  // onResponse runs for every request that got an answer; onRequestAbort for
  // clients that went away first. Both release a slot that was taken, once.
  const release = async (request: object): Promise<void> => {
    const marked = request as Marked;
    if (marked[shed] !== false) return;
    marked[shed] = true;
    inFlight -= 1;
  };
  app.addHook('onResponse', release);
  app.addHook('onRequestAbort', release);
}
