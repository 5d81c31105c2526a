// The surfaces `maestro serve` registers. Later work adds the Metacontroller
// hooks, admission and conversion here; until then only health and metrics
// answer, and no route gives a made-up answer.
import type { Surface } from './surfaces.ts';

export const surfaces: readonly Surface[] = [];
