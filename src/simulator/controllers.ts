// Emulated Kubernetes controllers: they make workloads become healthy the way
// the real ones would, after configurable virtual delays. Each spec change is
// first observed at once (observedGeneration catches up, nothing is ready yet),
// then completed after the kind's delay. The status they write is exactly
// what src/engine/health reads, so a health verdict in the simulator is
// reached through the same rules as in a cluster.

import { stableHash } from '../engine/canonical-json.ts';
import { describeIdentity, identityKey, identityOf } from '../engine/identity.ts';
import type { ChildIdentity } from '../engine/identity.ts';
import { getNumber, getPath, getString, isRecord } from '../engine/kobject.ts';
import type { KObject } from '../engine/kobject.ts';
import type { VirtualClock } from './clock.ts';
import type { Change, Cluster } from './cluster.ts';
import { isPipeJob, publishPipeJob } from './pipe.ts';

/** Virtual milliseconds from a spec change to a healthy status, by kind. */
export interface ControllerDelays {
  Deployment: number;
  StatefulSet: number;
  DaemonSet: number;
  Job: number;
  Pod: number;
  PersistentVolumeClaim: number;
  /** LoadBalancer Services only; other Services are ready when created. */
  Service: number;
  /** A child Instance whose own plans are not simulated completes its deploy plan after this. */
  Instance: number;
  /** A CustomResourceDefinition is Established (and its names accepted) after this. */
  CustomResourceDefinition: number;
}

export const defaultDelays: ControllerDelays = {
  Deployment: 5_000,
  StatefulSet: 10_000,
  DaemonSet: 5_000,
  Job: 8_000,
  Pod: 3_000,
  PersistentVolumeClaim: 1_000,
  Service: 2_000,
  Instance: 20_000,
  CustomResourceDefinition: 1_000,
};

export interface ControllerFaults {
  /** Extra delay before this object becomes healthy, or 'never'. */
  healthDelay?: (obj: KObject) => number | 'never' | undefined;
  /** When true for a Job, it fails (BackoffLimitExceeded) instead of succeeding. */
  failJob?: (job: KObject) => boolean;
}

export interface ControllerOptions {
  delays?: Partial<ControllerDelays>;
  faults?: ControllerFaults;
  /** Nodes a DaemonSet schedules onto. */
  nodes?: number;
  /** Complete child Instances' deploy plans after a delay (default true). Off when another CompositeController runs them. */
  simulateChildInstances?: boolean;
}

/** Kinds whose controllers react to spec changes (generation), not only to creation. */
const rolling = new Set(['apps/Deployment', 'apps/StatefulSet', 'apps/DaemonSet']);
const onCreate = new Set([
  'batch/Job',
  '/Pod',
  '/PersistentVolumeClaim',
  '/Service',
  'maestro.dev/Instance',
  'kudo.dev/Instance',
  'apiextensions.k8s.io/CustomResourceDefinition',
]);

function hasControllerRef(obj: KObject): boolean {
  const refs = obj.metadata.ownerReferences;
  return Array.isArray(refs) && refs.some((r) => isRecord(r) && r.controller === true);
}

export class Controllers {
  readonly #clock: VirtualClock;
  readonly #cluster: Cluster;
  readonly #delays: ControllerDelays;
  readonly #faults: ControllerFaults;
  readonly #nodes: number;
  /** What the emulation made up (pipe Jobs' file contents), for `simulate` notes. */
  readonly notes: string[] = [];
  readonly #childInstances: boolean;

  constructor(clock: VirtualClock, cluster: Cluster, options: ControllerOptions = {}) {
    this.#clock = clock;
    this.#cluster = cluster;
    this.#delays = { ...defaultDelays, ...options.delays };
    this.#faults = options.faults ?? {};
    this.#nodes = options.nodes ?? 3;
    this.#childInstances = options.simulateChildInstances ?? true;
    cluster.onChange((c) => this.#onChange(c));
  }

  #onChange(change: Change): void {
    const obj = change.after;
    if (!obj || obj.metadata.deletionTimestamp) return;
    const id = identityOf(obj);
    const type = `${id.group}/${id.kind}`;
    const generation = obj.metadata.generation ?? 1;
    const specChanged =
      change.type === 'added' || (change.before?.metadata.generation ?? 0) !== generation;
    if (!specChanged) return;
    if (type === 'apps/StatefulSet') {
      this.#clock.schedule(0, `volumes ${describeIdentity(id)}`, () => {
        const current = this.#cluster.get(id);
        if (current && !current.metadata.deletionTimestamp) this.#claimVolumes(current);
      });
    }
    if (rolling.has(type)) {
      // Observe at once: the controller saw the new spec, nothing rolled yet.
      this.#clock.schedule(0, `observe ${describeIdentity(id)}`, () =>
        this.#progress(id, generation, false),
      );
      this.#later(obj, id.kind as keyof ControllerDelays, () =>
        this.#progress(id, generation, true),
      );
    } else if (onCreate.has(type) && change.type === 'added') {
      // Only child Instances (KudoOperator tasks) are completed here; a parent
      // Instance's status belongs to the hook under test.
      if (id.kind === 'Instance' && (!this.#childInstances || !hasControllerRef(obj))) return;
      this.#clock.schedule(0, `start ${describeIdentity(id)}`, () => this.#start(id));
      const uid = obj.metadata.uid;
      this.#later(obj, id.kind as keyof ControllerDelays, () => this.#finish(id, uid));
    }
  }

  /**
   * The StatefulSet controller creates one PVC per volumeClaimTemplate and
   * ordinal, named `<template>-<set>-<ordinal>`, with the template's labels
   * and no owner: orphans that a label selector can match (scenario 7f).
   * It never deletes them.
   */
  #claimVolumes(sts: KObject): void {
    const templates = getPath(sts, 'spec', 'volumeClaimTemplates');
    if (!Array.isArray(templates)) return;
    const replicas = getNumber(sts, 'spec', 'replicas') ?? 1;
    const ns = sts.metadata.namespace ?? '';
    for (const t of templates) {
      if (!isRecord(t) || !isRecord(t.metadata) || typeof t.metadata.name !== 'string') continue;
      for (let i = 0; i < replicas; i++) {
        const name = `${t.metadata.name}-${sts.metadata.name ?? ''}-${i}`;
        if (this.#cluster.get({ group: '', kind: 'PersistentVolumeClaim', namespace: ns, name }))
          continue;
        this.#cluster.create({
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: {
            name,
            namespace: ns,
            ...(isRecord(t.metadata.labels)
              ? { labels: t.metadata.labels as Record<string, string> }
              : {}),
          },
          spec: structuredClone(t.spec ?? {}),
        });
      }
    }
  }

  #later(obj: KObject, kind: keyof ControllerDelays, run: () => void): void {
    const extra = this.#faults.healthDelay?.(obj);
    if (extra === 'never') return;
    const delay = (this.#delays[kind] ?? 0) + (extra ?? 0);
    this.#clock.schedule(delay, `complete ${describeIdentity(identityOf(obj))}`, run);
  }

  /** Rolling workloads: write the status for `generation`, done or just observed. */
  #progress(id: ChildIdentity, generation: number, done: boolean): void {
    const obj = this.#cluster.get(id);
    if (!obj || obj.metadata.deletionTimestamp || (obj.metadata.generation ?? 1) !== generation)
      return;
    const replicas = getNumber(obj, 'spec', 'replicas') ?? 1;
    const n = done ? replicas : 0;
    let status: Record<string, unknown>;
    if (id.kind === 'Deployment') {
      status = {
        observedGeneration: generation,
        replicas,
        updatedReplicas: n,
        readyReplicas: n,
        availableReplicas: n,
        conditions: [
          {
            type: 'Available',
            status: done ? 'True' : 'False',
            reason: done ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
          },
          {
            type: 'Progressing',
            status: 'True',
            reason: done ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated',
          },
        ],
      };
    } else if (id.kind === 'StatefulSet') {
      const revision = `${id.name}-${stableHash(getPath(obj, 'spec', 'template') ?? null).slice(0, 10)}`;
      const previous = getString(obj, 'status', 'currentRevision') ?? revision;
      status = {
        observedGeneration: generation,
        replicas,
        readyReplicas: n,
        availableReplicas: n,
        currentReplicas: done ? replicas : previous === revision ? 0 : replicas,
        updatedReplicas: n,
        currentRevision: done ? revision : previous,
        updateRevision: revision,
      };
    } else {
      const desired = this.#nodes;
      const m = done ? desired : 0;
      status = {
        observedGeneration: generation,
        desiredNumberScheduled: desired,
        currentNumberScheduled: desired,
        updatedNumberScheduled: m,
        numberReady: m,
        numberAvailable: m,
      };
    }
    this.#cluster.updateStatus(id, status);
  }

  #start(id: ChildIdentity): void {
    const obj = this.#cluster.get(id);
    if (!obj) return;
    const status: Record<string, unknown> = {
      ...((obj.status as Record<string, unknown> | undefined) ?? {}),
    };
    if (id.kind === 'Job') Object.assign(status, { active: 1, startTime: this.#clock.iso() });
    else if (id.kind === 'Pod') Object.assign(status, { phase: 'Pending' });
    else if (id.kind === 'PersistentVolumeClaim') Object.assign(status, { phase: 'Pending' });
    else if (id.kind === 'Service') Object.assign(status, { loadBalancer: {} });
    else return;
    this.#cluster.updateStatus(id, status);
  }

  #finish(id: ChildIdentity, uid: string | undefined, attempt = 0): void {
    const obj = this.#cluster.get(id);
    if (!obj || obj.metadata.uid !== uid || obj.metadata.deletionTimestamp) return;
    const now = this.#clock.iso();
    if (id.kind === 'Job' && isPipeJob(obj) && !this.#faults.failJob?.(obj)) {
      // The publisher waits for artifacts that Metacontroller has not created yet.
      const r = publishPipeJob(this.#cluster, obj);
      if (!r.ok) {
        if (attempt < 60) {
          this.#clock.schedule(2_000, `publish ${describeIdentity(id)}`, () =>
            this.#finish(id, uid, attempt + 1),
          );
          return;
        }
        this.notes.push(
          `pipe Job ${id.namespace}/${id.name}: ${r.missing} never appeared; the Job fails`,
        );
        this.#cluster.updateStatus(id, {
          failed: 1,
          conditions: [
            {
              type: 'Failed',
              status: 'True',
              reason: 'BackoffLimitExceeded',
              message: `${r.missing} not found`,
              lastTransitionTime: now,
            },
          ],
        });
        return;
      }
      this.notes.push(
        `pipe Job ${id.namespace}/${id.name} simulated: published ${r.published.join(', ')} with content derived from the file names (no init container ran)`,
      );
    }
    let status: Record<string, unknown>;
    switch (id.kind) {
      case 'Job':
        status = this.#faults.failJob?.(obj)
          ? {
              failed: (getNumber(obj, 'spec', 'backoffLimit') ?? 6) + 1,
              startTime: getString(obj, 'status', 'startTime'),
              conditions: [
                {
                  type: 'Failed',
                  status: 'True',
                  reason: 'BackoffLimitExceeded',
                  message: 'Job has reached the specified backoff limit',
                  lastTransitionTime: now,
                },
              ],
            }
          : {
              succeeded: getNumber(obj, 'spec', 'completions') ?? 1,
              startTime: getString(obj, 'status', 'startTime'),
              completionTime: now,
              conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: now }],
            };
        break;
      case 'Pod': {
        const restart = getString(obj, 'spec', 'restartPolicy') ?? 'Always';
        status =
          restart === 'Always'
            ? {
                phase: 'Running',
                conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now }],
              }
            : {
                phase: 'Succeeded',
                conditions: [{ type: 'Ready', status: 'False', reason: 'PodCompleted' }],
              };
        break;
      }
      case 'PersistentVolumeClaim':
        status = {
          phase: 'Bound',
          accessModes: getPath(obj, 'spec', 'accessModes') ?? ['ReadWriteOnce'],
        };
        break;
      case 'Service':
        if (getString(obj, 'spec', 'type') !== 'LoadBalancer') return;
        status = {
          loadBalancer: {
            ingress: [
              {
                ip: `203.0.113.${(Number.parseInt(stableHash(identityKey(id)).slice(0, 2), 16) % 250) + 1}`,
              },
            ],
          },
        };
        break;
      case 'CustomResourceDefinition': {
        // As the apiextensions controller: names accepted, then Established.
        const versions = getPath(obj, 'spec', 'versions');
        const storage = Array.isArray(versions)
          ? versions.filter((v) => isRecord(v) && v.storage === true).map((v) => String(v.name))
          : [];
        status = {
          acceptedNames: getPath(obj, 'spec', 'names') ?? {},
          storedVersions: storage,
          conditions: [
            {
              type: 'NamesAccepted',
              status: 'True',
              reason: 'NoConflicts',
              lastTransitionTime: now,
            },
            {
              type: 'Established',
              status: 'True',
              reason: 'InitialNamesAccepted',
              lastTransitionTime: now,
            },
          ],
        };
        break;
      }
      case 'Instance':
        status = {
          observedGeneration: obj.metadata.generation ?? 1,
          planStatus: {
            deploy: {
              name: 'deploy',
              status: 'COMPLETE',
              uid: `sim-${obj.metadata.uid ?? ''}`,
              lastUpdatedTimestamp: now,
              phases: [],
            },
          },
        };
        break;
      default:
        return;
    }
    this.#cluster.updateStatus(id, status);
  }
}
