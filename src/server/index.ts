// The surfaces `maestro serve` registers: the Metacontroller hooks. Admission
// and conversion are added here by their own work.
import { metacontrollerSurface } from './plugins/metacontroller.ts';
import type { Surface } from './surfaces.ts';

export const surfaces: readonly Surface[] = [metacontrollerSurface()];
