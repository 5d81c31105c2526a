// Load shedding for the Metacontroller surfaces. A sync is CPU-bound, so a
// queue of waiting syncs only adds latency until Metacontroller's own hook
// timeout fires and it retries anyway. Past `maxInFlight` concurrent requests
// the surface answers 429 with Retry-After, which Metacontroller honours, so
// the retry arrives when there is room. Admission and conversion never use
// this: kube-apiserver's client retries on Retry-After within the webhook
// deadline, which would only multiply the load (reference/contracts.md §3.3).
import type { FastifyInstance } from 'fastify';
import { errorBody } from './errors.ts';

export interface LoadSheddingOptions {
  maxInFlight: number;
  retryAfterSeconds: number;
}

/** Registers the shedding hooks in the calling (encapsulated) context only. */
export function shedLoad(app: FastifyInstance, options: LoadSheddingOptions): void {
  let inFlight = 0;
  const shed = Symbol('shed');
  type Marked = { [shed]?: boolean };

  app.addHook('onRequest', async (request, reply) => {
    if (inFlight >= options.maxInFlight) {
      (request as unknown as Marked)[shed] = true;
      return reply
        .code(429)
        .header('retry-after', String(options.retryAfterSeconds))
        .send(
          errorBody(
            'MAESTRO_OVERLOADED',
            429,
            `${inFlight} requests in flight (limit ${options.maxInFlight}); retry after ${options.retryAfterSeconds}s`,
          ),
        );
    }
    inFlight += 1;
  });
  // onResponse runs for every request that got an answer; onRequestAbort for
  // clients that went away first. Both release the slot exactly once.
  const release = async (request: object): Promise<void> => {
    const marked = request as Marked;
    if (marked[shed] === true) return;
    marked[shed] = true;
    inFlight -= 1;
  };
  app.addHook('onResponse', release);
  app.addHook('onRequestAbort', release);
}
