// The plug points for Maestro's HTTP surfaces. Each surface (the Metacontroller
// hooks /sync, /finalize, /customize; admission /validate, /mutate; conversion
// /convert) is an encapsulated fastify plugin of one of three kinds. The kind
// decides the cross-cutting behaviour the caller's contract demands:
// - metacontroller: sheds load with 429 + Retry-After; errors are 5xx with a
//   message, never `200 {}` (that would delete every child);
// - admission and conversion: always HTTP 200 with the review object, and never
//   Retry-After (reference/contracts.md §3.3, §4.1). Those surfaces set their
//   own error handler that still answers with a review.
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { shedLoad, type LoadSheddingOptions } from './plugins/load-shedding.ts';

export type SurfaceKind = 'metacontroller' | 'admission' | 'conversion';

export interface Surface {
  /** A short name for logs, e.g. "sync". */
  name: string;
  kind: SurfaceKind;
  /** Registers the surface's routes. Receives its own encapsulated context. */
  plugin: FastifyPluginAsync;
}

export interface SurfaceOptions {
  loadShedding: LoadSheddingOptions;
}

export async function registerSurfaces(
  app: FastifyInstance,
  surfaces: readonly Surface[],
  options: SurfaceOptions,
): Promise<void> {
  for (const surface of surfaces) {
    await app.register(async (scope) => {
      if (surface.kind === 'metacontroller') await shedLoad(scope, options.loadShedding);
      await scope.register(surface.plugin);
    });
  }
}
