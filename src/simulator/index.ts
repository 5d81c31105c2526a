// The simulator: Metacontroller and a cluster, emulated in memory on a virtual clock. Pure.
export { applyUpdate, prepareCreate, threeWayMerge, MergeError } from './apply.ts';
export { VirtualClock, SIMULATION_EPOCH_MS } from './clock.ts';
export type { ScheduledEvent } from './clock.ts';
export { ApiError, Cluster } from './cluster.ts';
export type { ApiErrorReason, Change, ChangeType, ClusterOptions } from './cluster.ts';
export { Controllers, defaultDelays } from './controllers.ts';
export type { ControllerDelays, ControllerFaults, ControllerOptions } from './controllers.ts';
export { Discovery } from './discovery.ts';
export type { ResourceInfo } from './discovery.ts';
export type { MetacontrollerFaults, SyncContext } from './faults.ts';
export { ok } from './hooks.ts';
export type { HookAnswer, HookServer } from './hooks.ts';
export { keyOf, Metacontroller } from './metacontroller.ts';
export type { MetacontrollerOptions, SyncRecord } from './metacontroller.ts';
export { matchesSelector } from './selectors.ts';
export { Simulation } from './simulation.ts';
export type { RunOptions, RunResult, SimulationOptions, StopReason } from './simulation.ts';
