// A whole simulated cluster: virtual clock, API server, controllers and
// Metacontroller, run until a condition holds, the work runs out, or a bound
// is hit. Every loop here is bounded by `maxSyncs` and `maxEvents`.

import { isRecord } from '../engine/kobject.ts';
import type { KObject } from '../engine/kobject.ts';
import { VirtualClock } from './clock.ts';
import { Cluster } from './cluster.ts';
import type { ClusterOptions } from './cluster.ts';
import { Controllers } from './controllers.ts';
import type { ControllerOptions } from './controllers.ts';
import { Metacontroller } from './metacontroller.ts';
import type { MetacontrollerOptions, SyncRecord } from './metacontroller.ts';

export interface SimulationOptions extends MetacontrollerOptions {
  cluster?: ClusterOptions;
  controllers?: ControllerOptions;
  /**
   * More CompositeControllers on the same cluster, e.g. the one of a package
   * whose Instances a KudoOperator task creates. Set
   * `controllers.simulateChildInstances: false` so that they, not the
   * emulated Instance controller, drive those Instances.
   */
  more?: MetacontrollerOptions[];
}

export interface RunOptions {
  /** Stop after this many hook calls, all Metacontrollers together (default 1,000). */
  maxSyncs?: number;
  /** Stop after this many clock events of any kind (default 100,000). */
  maxEvents?: number;
  /** Stop once virtual time passes this many milliseconds from the start of the run. */
  maxTimeMs?: number;
  /** Stop as soon as this holds (checked after every event). */
  until?: (sim: Simulation) => boolean;
}

export type StopReason = 'until' | 'idle' | 'maxSyncs' | 'maxEvents' | 'maxTime';

export interface RunResult {
  stoppedBecause: StopReason;
  /** Hook calls during this run. */
  syncs: number;
  /** Virtual milliseconds this run took. */
  elapsedMs: number;
}

export class Simulation {
  readonly clock: VirtualClock;
  readonly cluster: Cluster;
  readonly controllers: Controllers;
  readonly metacontroller: Metacontroller;
  /** The primary Metacontroller first, then those of `more`. */
  readonly metacontrollers: Metacontroller[];

  constructor(options: SimulationOptions) {
    this.clock = new VirtualClock();
    this.cluster = new Cluster(this.clock, options.cluster);
    this.controllers = new Controllers(this.clock, this.cluster, options.controllers);
    this.metacontroller = new Metacontroller(this.clock, this.cluster, options);
    this.metacontrollers = [
      this.metacontroller,
      ...(options.more ?? []).map((o) => new Metacontroller(this.clock, this.cluster, o)),
    ];
  }

  /** Hook calls of the primary Metacontroller. */
  get records(): readonly SyncRecord[] {
    return this.metacontroller.records;
  }

  #syncCount(): number {
    return this.metacontrollers.reduce((n, m) => n + m.records.length, 0);
  }

  /** Processes events until a stop condition. Periodic resyncs alone do not keep it running. */
  run(options: RunOptions = {}): RunResult {
    const maxSyncs = options.maxSyncs ?? 1000;
    const maxEvents = options.maxEvents ?? 100_000;
    const start = this.clock.now();
    const syncsAtStart = this.#syncCount();
    const result = (stoppedBecause: StopReason): RunResult => ({
      stoppedBecause,
      syncs: this.#syncCount() - syncsAtStart,
      elapsedMs: this.clock.now() - start,
    });
    for (let events = 0; ; events++) {
      if (options.until?.(this)) return result('until');
      if (this.#syncCount() - syncsAtStart >= maxSyncs) return result('maxSyncs');
      if (events >= maxEvents) return result('maxEvents');
      if (!this.clock.hasForegroundWork()) return result('idle');
      const next = this.clock.peek();
      if (options.maxTimeMs !== undefined && next && next.at - start > options.maxTimeMs) {
        return result('maxTime');
      }
      this.clock.step();
    }
  }

  /** The parent `namespace/name` as the API server has it now. */
  parent(key: string): KObject | undefined {
    const [namespace = '', name = ''] = key.includes('/') ? key.split('/') : ['', key];
    const kind = this.metacontroller.parentKind;
    return this.cluster.get({ ...kind, namespace, name });
  }

  /** Objects whose controller is that parent, sorted by identity: what `maestro simulate` reports as children. */
  childrenOf(key: string): KObject[] {
    const uid = this.parent(key)?.metadata.uid;
    if (uid === undefined) return [];
    return this.cluster.all().filter((o) => {
      const refs = o.metadata.ownerReferences;
      return (
        Array.isArray(refs) &&
        refs.some((r) => isRecord(r) && r.controller === true && r.uid === uid)
      );
    });
  }

  /** Creates an object (typically the parent) as a user would with kubectl. */
  apply(obj: KObject): KObject {
    return this.cluster.create(obj);
  }
}
