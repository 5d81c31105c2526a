// The surfaces `maestro serve` registers. Every route is registered with or
// without a cluster: admission reads OperatorVersions through a lookup that
// connects on first use, and says so in its denials when there is no cluster.
import { clusterOperatorVersionLookup } from '../kube/operator-versions.ts';
import { admissionSurface } from './plugins/admission.ts';
import { conversionSurface } from './plugins/conversion.ts';
import { metacontrollerSurface } from './plugins/metacontroller.ts';
import type { Surface } from './surfaces.ts';
import type { RenderRunner } from './render-pool.ts';

/** The surfaces, with the engine inputs `serve` configures (the pipe publisher image, the SSA field manager). */
export function serveSurfaces(
  o: {
    pipeImage?: string | undefined;
    fieldManager?: string | undefined;
    /** The render worker pool; templates render in-process when unset. */
    renderer?: RenderRunner | undefined;
  } = {},
): Surface[] {
  return [
    admissionSurface(clusterOperatorVersionLookup(), o.renderer),
    conversionSurface,
    metacontrollerSurface({
      ...(o.pipeImage !== undefined && { pipeImage: o.pipeImage }),
      ...(o.fieldManager !== undefined && { fieldManager: o.fieldManager }),
      ...(o.renderer !== undefined && { renderer: o.renderer }),
    }),
  ];
}
