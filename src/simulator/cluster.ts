// An in-memory API server: namespaced objects keyed by identity, with the
// behaviour the plan engine depends on: uids and resourceVersions, generation
// bumps on spec changes, a few immutable fields, finalizers, deletion with
// background garbage collection, a status subresource, and objects read back
// at any served version of their kind. Deterministic: uids and IPs count up.

import { jsonEqual } from '../engine/canonical-json.ts';
import { describeIdentity, identityKey, identityOf } from '../engine/identity.ts';
import type { ChildIdentity } from '../engine/identity.ts';
import { getPath, isRecord } from '../engine/kobject.ts';
import type { KObject } from '../engine/kobject.ts';
import type { VirtualClock } from './clock.ts';
import { storedByServer } from './storage.ts';

export type ApiErrorReason = 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Invalid';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly reason: ApiErrorReason,
    message: string,
  ) {
    super(message);
  }
}

export type ChangeType = 'added' | 'modified' | 'deleted';

export interface Change {
  type: ChangeType;
  before: KObject | undefined;
  after: KObject | undefined;
}

export interface ClusterOptions {
  /** apiVersions the server does not serve, e.g. `policy/v1beta1` on Kubernetes ≥ 1.25. */
  unservedApiVersions?: readonly string[];
  /**
   * Whether server-side apply defaults an associative list item's key field
   * before keying it (Kubernetes ≥ 1.21, the default). kube-apiserver 1.20
   * refuses such an apply instead: a port that omits `protocol` fails with
   * `associative list with keys has an element that omits key field "protocol"`.
   */
  applyDefaultsKeyFields?: boolean;
  /**
   * Whether the applier's managedFields entry also owns the fields the
   * server defaulted in what it applied, as kube-apiserver 1.20 records them
   * (revisionHistoryLimit, dnsPolicy, a Service's sessionAffinity, ...). Off
   * by default: later releases record only the applied fields.
   */
  applyOwnsDefaults?: boolean;
  /**
   * Custom kinds (`group/Kind`) served only while an Established
   * CustomResourceDefinition in this cluster defines them (its `spec.group`,
   * `spec.names.kind` and a served version), as the API server does: the
   * kinds of CRDs a package creates itself. Every other custom kind is served
   * from the start, as on a cluster that had its CRD installed beforehand.
   */
  crdKinds?: readonly string[];
}

/** Fields an update may not change, by `group/Kind` (a representative subset of the API server's rules). */
const immutableFields: Record<string, string[][]> = {
  'batch/Job': [
    ['spec', 'template'],
    ['spec', 'selector'],
    ['spec', 'completions'],
  ],
  'apps/StatefulSet': [
    ['spec', 'selector'],
    ['spec', 'serviceName'],
    ['spec', 'volumeClaimTemplates'],
    ['spec', 'podManagementPolicy'],
  ],
  'apps/Deployment': [['spec', 'selector']],
  'apps/DaemonSet': [['spec', 'selector']],
  '/PersistentVolumeClaim': [
    ['spec', 'accessModes'],
    ['spec', 'storageClassName'],
    ['spec', 'volumeName'],
  ],
  '/Service': [['spec', 'clusterIP']],
};

export class Cluster {
  readonly #clock: VirtualClock;
  readonly #objects = new Map<string, KObject>();
  readonly #unserved: Set<string>;
  readonly #crdKinds: Set<string>;
  readonly applyDefaultsKeyFields: boolean;
  readonly applyOwnsDefaults: boolean;
  readonly #listeners: ((change: Change) => void)[] = [];
  #counter = 0;
  #resourceVersion = 1000;

  constructor(clock: VirtualClock, options: ClusterOptions = {}) {
    this.#clock = clock;
    this.#unserved = new Set(options.unservedApiVersions ?? []);
    this.#crdKinds = new Set(options.crdKinds ?? []);
    this.applyDefaultsKeyFields = options.applyDefaultsKeyFields ?? true;
    this.applyOwnsDefaults = options.applyOwnsDefaults ?? false;
  }

  /**
   * Whether the server serves this apiVersion (discovery lists it) and, given
   * a kind of `crdKinds`, that kind in it: only while an Established CRD
   * defines it at that version.
   */
  serves(apiVersion: string, kind?: string): boolean {
    if (this.#unserved.has(apiVersion)) return false;
    if (kind === undefined) return true;
    const { group, version } = splitApiVersion(apiVersion);
    if (!this.#crdKinds.has(`${group}/${kind}`)) return true;
    return this.list('apiextensions.k8s.io', 'CustomResourceDefinition').some((crd) => {
      if (getPath(crd, 'spec', 'group') !== group) return false;
      if (getPath(crd, 'spec', 'names', 'kind') !== kind) return false;
      const versions = getPath(crd, 'spec', 'versions');
      const served =
        Array.isArray(versions) &&
        versions.some((v) => isRecord(v) && v.name === version && v.served !== false);
      const conditions = getPath(crd, 'status', 'conditions');
      const established =
        Array.isArray(conditions) &&
        conditions.some((c) => isRecord(c) && c.type === 'Established' && c.status === 'True');
      return served && established;
    });
  }

  /** Called synchronously after every write. */
  onChange(listener: (change: Change) => void): void {
    this.#listeners.push(listener);
  }

  get(id: ChildIdentity, apiVersion?: string): KObject | undefined {
    const obj = this.#objects.get(identityKey(id));
    return obj ? this.#view(obj, apiVersion) : undefined;
  }

  /** Objects of one kind (identity group), optionally in one namespace, sorted by name; read at `apiVersion` when given. */
  list(group: string, kind: string, namespace?: string, apiVersion?: string): KObject[] {
    const out: KObject[] = [];
    for (const obj of this.#objects.values()) {
      const id = identityOf(obj);
      if (id.group !== group || id.kind !== kind) continue;
      if (namespace !== undefined && id.namespace !== namespace) continue;
      out.push(this.#view(obj, apiVersion));
    }
    return out.sort((a, b) => identityKey(identityOf(a)).localeCompare(identityKey(identityOf(b))));
  }

  all(): KObject[] {
    return [...this.#objects.keys()].sort().map((k) => structuredClone(this.#objects.get(k)!));
  }

  create(input: KObject): KObject {
    this.#checkServed(input);
    const id = identityOf(input);
    if (!id.name) throw new ApiError('Invalid', `${input.kind}: metadata.name is required`);
    const key = identityKey(id);
    if (this.#objects.has(key)) {
      throw new ApiError('AlreadyExists', `${describeIdentity(id)} already exists`);
    }
    const obj = storedByServer(input);
    const n = ++this.#counter;
    obj.metadata.uid = `uid-${String(n).padStart(6, '0')}`;
    obj.metadata.resourceVersion = String(++this.#resourceVersion);
    obj.metadata.generation = 1;
    obj.metadata.creationTimestamp = this.#clock.iso();
    delete obj.metadata.deletionTimestamp;
    if (obj.kind === 'Service' && id.group === '') {
      const spec = isRecord(obj.spec) ? obj.spec : (obj.spec = {});
      if (spec.type !== 'ExternalName' && spec.clusterIP === undefined) {
        spec.clusterIP = `10.96.${Math.floor(n / 250)}.${(n % 250) + 1}`;
      }
    }
    this.#objects.set(key, obj);
    this.#emit({ type: 'added', before: undefined, after: structuredClone(obj) });
    return structuredClone(obj);
  }

  /**
   * Replaces an object (not its status). A resourceVersion, when given, must
   * match. Generation goes up when anything outside metadata and status changed.
   */
  update(input: KObject): KObject {
    this.#checkServed(input);
    const id = identityOf(input);
    const key = identityKey(id);
    const current = this.#objects.get(key);
    if (!current) throw new ApiError('NotFound', `${describeIdentity(id)} not found`);
    const rv = input.metadata.resourceVersion;
    if (rv !== undefined && rv !== current.metadata.resourceVersion) {
      throw new ApiError('Conflict', `${describeIdentity(id)}: resourceVersion ${rv} is stale`);
    }
    const stored = storedByServer(input);
    for (const path of immutableFields[`${id.group}/${id.kind}`] ?? []) {
      const before = getPath(current, ...path);
      const after = getPath(stored, ...path);
      if (before !== undefined && !jsonEqual(before, after)) {
        throw new ApiError('Invalid', `${describeIdentity(id)}: ${path.join('.')} is immutable`);
      }
    }
    const next = stored;
    next.apiVersion = current.apiVersion;
    for (const f of ['uid', 'creationTimestamp', 'deletionTimestamp', 'generation']) {
      if (f in current.metadata) next.metadata[f] = current.metadata[f];
      else delete next.metadata[f];
    }
    if ('status' in current) next.status = current.status;
    else delete next.status;
    if (jsonEqual(next, { ...current })) return structuredClone(current);
    if (!jsonEqual(specOf(next), specOf(current))) {
      next.metadata.generation = (current.metadata.generation ?? 1) + 1;
    }
    next.metadata.resourceVersion = String(++this.#resourceVersion);
    return this.#replace(key, current, next);
  }

  /** Writes the status subresource: only `.status` changes. */
  updateStatus(id: ChildIdentity, status: unknown): KObject {
    const key = identityKey(id);
    const current = this.#objects.get(key);
    if (!current) throw new ApiError('NotFound', `${describeIdentity(id)} not found`);
    if (jsonEqual(current.status, status)) return structuredClone(current);
    const next = structuredClone(current);
    next.status = structuredClone(status);
    next.metadata.resourceVersion = String(++this.#resourceVersion);
    return this.#replace(key, current, next);
  }

  /**
   * Deletes an object. With finalizers it only gets a deletionTimestamp; it goes
   * when the last finalizer is removed by an update. Dependents (ownerReferences
   * to its uid) are then deleted in the background, as the garbage collector does.
   */
  delete(id: ChildIdentity, preconditionUid?: string): void {
    const key = identityKey(id);
    const current = this.#objects.get(key);
    if (!current) throw new ApiError('NotFound', `${describeIdentity(id)} not found`);
    if (preconditionUid !== undefined && current.metadata.uid !== preconditionUid) {
      throw new ApiError('Conflict', `${describeIdentity(id)}: uid precondition failed`);
    }
    const finalizers = current.metadata.finalizers;
    if (Array.isArray(finalizers) && finalizers.length > 0) {
      if (current.metadata.deletionTimestamp) return;
      const next = structuredClone(current);
      next.metadata.deletionTimestamp = this.#clock.iso();
      next.metadata.resourceVersion = String(++this.#resourceVersion);
      this.#replace(key, current, next);
      return;
    }
    this.#remove(key, current);
  }

  #replace(key: string, current: KObject, next: KObject): KObject {
    this.#objects.set(key, next);
    this.#emit({
      type: 'modified',
      before: structuredClone(current),
      after: structuredClone(next),
    });
    const finalizers = next.metadata.finalizers;
    if (
      next.metadata.deletionTimestamp &&
      (!Array.isArray(finalizers) || finalizers.length === 0)
    ) {
      this.#remove(key, next);
    }
    return structuredClone(next);
  }

  #remove(key: string, current: KObject): void {
    this.#objects.delete(key);
    this.#emit({ type: 'deleted', before: structuredClone(current), after: undefined });
    const uid = current.metadata.uid;
    for (const [k, obj] of [...this.#objects.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const refs = obj.metadata.ownerReferences;
      if (
        Array.isArray(refs) &&
        refs.some((r) => isRecord(r) && r.uid === uid) &&
        this.#objects.has(k)
      ) {
        this.delete(identityOf(obj));
      }
    }
  }

  #view(obj: KObject, apiVersion?: string): KObject {
    const copy = structuredClone(obj);
    if (apiVersion) copy.apiVersion = apiVersion;
    return copy;
  }

  #checkServed(obj: KObject): void {
    if (!this.serves(obj.apiVersion, obj.kind)) {
      throw new ApiError(
        'NotFound',
        `the server could not find the requested resource (${obj.kind} ${obj.apiVersion})`,
      );
    }
  }

  #emit(change: Change): void {
    for (const l of this.#listeners) l(change);
  }
}

function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/** Everything that is not metadata or status: what bumps generation. */
function specOf(obj: KObject): Record<string, unknown> {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return rest;
}
