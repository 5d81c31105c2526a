// Running an Instance's plans in the simulator with the real
// hooks: the in-process handlers by default, or any HookServer (an HTTP
// client for `simulate --server`). Pure apart from the simulator's virtual clock.

import { identityOf } from '../engine/identity.ts';
import { getPath, isRecord } from '../engine/kobject.ts';
import type { KObject } from '../engine/kobject.ts';
import { inProcessHooks, Simulation } from './index.ts';
import type { HookServer, SimulationOptions } from './index.ts';
import type { SyncOptions } from '../engine/plan/index.ts';
import { handleCustomize, handleSync } from '../webhooks/metacontroller/handlers.ts';
import type { CompositeController } from '../webhooks/metacontroller/wire/index.ts';

export interface PlanSimulationOptions {
  controller: CompositeController;
  /** OperatorVersions to create first (each with metadata.namespace set). */
  operatorVersions: KObject[];
  hooks?: HookServer;
  metacontroller?: Pick<
    SimulationOptions,
    'faults' | 'undeclaredChildren' | 'applyStrategy' | 'fieldManager' | 'discovery'
  >;
  cluster?: SimulationOptions['cluster'];
  controllers?: SimulationOptions['controllers'];
}

/** Hooks that run the plan engine in process on the simulator's clock. */
export function engineHooks(now: () => number, sync?: SyncOptions): HookServer {
  return inProcessHooks({
    sync: (req) => handleSync(req, { now, ...(sync && { sync }) }),
    customize: (req) => handleCustomize(req),
  });
}

export class PlanSimulation {
  readonly sim: Simulation;
  #instance: { kind: string; namespace: string; name: string } | undefined;
  /** The parent's uid as created: its children are found by it even after it is gone. */
  #uid: string | undefined;

  constructor(o: PlanSimulationOptions) {
    const holder: { sim?: Simulation } = {};
    // The in-process engine reads applied bodies under the manager the
    // emulated Metacontroller applies with, as `serve --field-manager` does.
    const manager = o.metacontroller?.fieldManager;
    const hooks =
      o.hooks ??
      engineHooks(
        () => holder.sim!.clock.now(),
        manager === undefined ? undefined : { fieldManager: manager },
      );
    const sim = new Simulation({
      controller: o.controller,
      hooks,
      ...o.metacontroller,
      ...(o.cluster && { cluster: o.cluster }),
      ...(o.controllers && { controllers: o.controllers }),
    });
    holder.sim = sim;
    this.sim = sim;
    for (const ov of o.operatorVersions) sim.apply(ov);
  }

  /** Creates the parent: an Instance, or a ClusterInstance (no namespace). */
  create(instance: KObject): KObject {
    this.#instance = {
      kind: instance.kind,
      namespace: instance.metadata.namespace ?? '',
      name: instance.metadata.name ?? '',
    };
    const created = this.sim.apply(instance);
    this.#uid = created.metadata.uid;
    return created;
  }

  get instance(): KObject | undefined {
    if (!this.#instance) return undefined;
    return this.sim.cluster.get({ group: 'maestro.dev', ...this.#instance });
  }

  get status(): Record<string, unknown> {
    const s = this.instance?.status;
    return isRecord(s) ? s : {};
  }

  /** The status of a plan, or undefined when it has none. */
  planStatus(plan: string): string | undefined {
    const v = getPath(this.status, 'planStatus', plan, 'status');
    return typeof v === 'string' ? v : undefined;
  }

  /** The plan's status, only when its execution is the current one. */
  currentPlan(): { plan: string; status: string } | undefined {
    const e = getPath(this.status, 'maestro', 'execution');
    if (!isRecord(e)) return undefined;
    return { plan: String(e.plan), status: String(e.status) };
  }

  /** Updates the instance spec as a user would (`kubectl apply`). */
  updateSpec(mutate: (spec: Record<string, unknown>) => void): void {
    const current = this.instance;
    if (!current) throw new Error('no instance');
    const next = structuredClone(current);
    const spec = (isRecord(next.spec) ? next.spec : (next.spec = {})) as Record<string, unknown>;
    mutate(spec);
    this.sim.cluster.update(next);
  }

  delete(): void {
    const current = this.instance;
    if (current) this.sim.cluster.delete(identityOf(current));
  }

  /**
   * Children of the instance in the cluster (owned by it), sorted by kind and
   * name; after a delete, what is left of them (nothing, once the garbage
   * collector has run).
   */
  children(): KObject[] {
    const uid = this.#uid;
    if (uid === undefined) return [];
    return this.sim.cluster
      .all()
      .filter((o) => {
        const refs = o.metadata.ownerReferences;
        return Array.isArray(refs) && refs.some((r) => isRecord(r) && r.uid === uid);
      })
      .sort((a, b) => (`${a.kind}/${a.metadata.name}` < `${b.kind}/${b.metadata.name}` ? -1 : 1));
  }

  /** Runs until the current execution ends (or the bound). */
  runUntilSettled(maxSyncs = 1000, maxTimeMs?: number) {
    // At least one sync first: a spec change is only seen by the next sync.
    const first = this.sim.records.length;
    return this.sim.run({
      maxSyncs,
      ...(maxTimeMs !== undefined && { maxTimeMs }),
      until: () => {
        if (this.sim.records.length === first) return false;
        const c = this.currentPlan();
        return (
          c !== undefined &&
          c.status !== 'IN_PROGRESS' &&
          c.status !== 'PENDING' &&
          c.status !== 'ERROR' &&
          this.pendingIntents() === 0
        );
      },
    });
  }

  pendingIntents(): number {
    const i = getPath(this.status, 'maestro', 'deleteIntents');
    return Array.isArray(i) ? i.length : 0;
  }
}
