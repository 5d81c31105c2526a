// An emulated Metacontroller for one CompositeController (contracts.md §1).
// It claims children, calls the hooks through a HookServer, decodes answers
// the way Metacontroller does (strict for v2), and applies them with its
// semantics: create missing children, 3-way update by update strategy, delete
// children left out, replace the parent status, re-enqueue after
// resyncAfterSeconds, remove the finalizer when finalized. Order of
// operations follows `syncParentObject`.
//
// One deliberate difference: a desired child of a type the controller does not
// declare fails the sync (undeclaredChildren: 'fail', the default). Real
// Metacontroller creates it through discovery and then never observes it, so
// it leaks (scenario 7c); the simulator makes that bug loud. Pass 'create' to
// emulate the real leak.

import { parseApiVersion } from '../engine/api-versions.ts';
import type { DeclaredType } from '../engine/api-versions.ts';
import { jsonEqual } from '../engine/canonical-json.ts';
import { describeIdentity, identityOf } from '../engine/identity.ts';
import { isRecord } from '../engine/kobject.ts';
import type { KObject } from '../engine/kobject.ts';
import { CONTROLLER_UID_LABEL } from '../engine/provenance.ts';
import {
  decodeHookResponse,
  encodeHookRequest,
  objectKey,
  responseMode,
  hookVersion,
} from '../webhooks/metacontroller/wire/index.ts';
import type {
  CompositeController,
  HookName,
  LabelSelector,
  RelatedResourceRule,
  UpdateMethod,
  DecodedHookResponse,
} from '../webhooks/metacontroller/wire/index.ts';
import { applyUpdate, prepareCreate } from './apply.ts';
import type { VirtualClock } from './clock.ts';
import { ApiError } from './cluster.ts';
import type { Change, Cluster } from './cluster.ts';
import { Discovery } from './discovery.ts';
import type { ResourceInfo } from './discovery.ts';
import type { MetacontrollerFaults } from './faults.ts';
import type { HookAnswer, HookServer } from './hooks.ts';
import { isEmptySelector, matchesSelector } from './selectors.ts';

export interface MetacontrollerOptions {
  controller: CompositeController;
  hooks: HookServer;
  discovery?: Discovery;
  faults?: MetacontrollerFaults;
  undeclaredChildren?: 'fail' | 'create';
}

/** One hook call and what came of it. */
export interface SyncRecord {
  seq: number;
  at: string;
  parent: string;
  hook: 'sync' | 'finalize';
  version: 'v1' | 'v2';
  request: unknown;
  answer?: HookAnswer;
  response?: DecodedHookResponse;
  /** Set when Metacontroller would log a SyncError event for this call. */
  error?: string;
  /** `create|update|delete|recreate|adopt|release Kind/name`, in order. */
  operations: string[];
  statusWritten: boolean;
}

interface ChildType extends ResourceInfo {
  apiVersion: string;
  method: UpdateMethod | '';
}

const MAX_BACKOFF_MS = 1_000_000;
const HISTORY = 20;

export class Metacontroller {
  readonly #clock: VirtualClock;
  readonly #cluster: Cluster;
  readonly #cc: CompositeController;
  readonly #hooks: HookServer;
  readonly #faults: MetacontrollerFaults;
  readonly #undeclared: 'fail' | 'create';
  readonly #discovery: Discovery;
  readonly #parent: ResourceInfo & { apiVersion: string };
  readonly #childTypes: ChildType[];
  readonly #finalizer: string;
  readonly #due = new Map<string, number>();
  readonly #failures = new Map<string, number>();
  readonly #history = new Map<string, KObject[]>();
  readonly #periodic = new Set<string>();
  readonly #customizeCache = new Map<string, RelatedResourceRule[]>();
  readonly #lastObserved = new Map<string, KObject[]>();
  readonly records: SyncRecord[] = [];
  /** Warning events, as `kubectl describe` would show them on the parent. */
  readonly events: { at: string; parent: string; reason: string; message: string }[] = [];

  constructor(clock: VirtualClock, cluster: Cluster, options: MetacontrollerOptions) {
    this.#clock = clock;
    this.#cluster = cluster;
    this.#cc = options.controller;
    this.#hooks = options.hooks;
    this.#faults = options.faults ?? {};
    this.#undeclared = options.undeclaredChildren ?? 'fail';
    this.#discovery = options.discovery ?? new Discovery();
    const pr = this.#cc.spec.parentResource;
    const parent = this.#discovery.resource(pr.apiVersion, pr.resource);
    if (!parent)
      throw new Error(
        `discovery does not know the parent resource ${pr.resource} in ${pr.apiVersion}`,
      );
    this.#parent = { ...parent, apiVersion: pr.apiVersion };
    this.#childTypes = (this.#cc.spec.childResources ?? []).map((rule) => {
      const info = this.#discovery.resource(rule.apiVersion, rule.resource);
      if (!info)
        throw new Error(
          `discovery does not know the child resource ${rule.resource} in ${rule.apiVersion}`,
        );
      return { ...info, apiVersion: rule.apiVersion, method: rule.updateStrategy?.method ?? '' };
    });
    this.#finalizer = `metacontroller.io/compositecontroller-${this.#cc.metadata.name}`;
    cluster.onChange((c) => this.#onChange(c));
  }

  /** The parent's identity group and kind. */
  get parentKind(): { group: string; kind: string } {
    return { group: this.#parent.group, kind: this.#parent.kind };
  }

  /** The declared child types, as hook requests key them. */
  get childTypes(): DeclaredType[] {
    return this.#childTypes.map((t) => ({ apiVersion: t.apiVersion, kind: t.kind }));
  }

  #isParent(obj: KObject): boolean {
    const id = identityOf(obj);
    return id.group === this.#parent.group && id.kind === this.#parent.kind;
  }

  #onChange(change: Change): void {
    const obj = change.after ?? change.before;
    if (!obj) return;
    if (this.#isParent(obj)) {
      // A parent-kind object can also be a child (a KudoOperator child
      // Instance): its owner resyncs when it changes.
      const ownerRefs = obj.metadata.ownerReferences;
      const owner = Array.isArray(ownerRefs)
        ? ownerRefs.find((r) => isRecord(r) && r.controller === true)
        : undefined;
      if (isRecord(owner)) {
        const ownerParent = this.#cluster
          .list(this.#parent.group, this.#parent.kind, obj.metadata.namespace ?? '')
          .find((p) => p.metadata.uid === owner.uid);
        if (ownerParent) this.enqueue(keyOf(ownerParent), 0);
      }
      const key = keyOf(obj);
      if (change.after) {
        const list = this.#history.get(key) ?? [];
        list.push(change.after);
        if (list.length > HISTORY) list.shift();
        this.#history.set(key, list);
      } else {
        this.#history.delete(key);
      }
      const statusOnly =
        change.before &&
        change.after &&
        jsonEqual({ ...change.before, status: null }, { ...change.after, status: null });
      if (change.after && !(statusOnly && this.#cc.spec.parentResource.ignoreStatusChanges))
        this.enqueue(key, 0);
      if (change.type === 'added') this.#startPeriodic(key);
      return;
    }
    const refs = obj.metadata.ownerReferences;
    const ref = Array.isArray(refs)
      ? refs.find((r) => isRecord(r) && r.controller === true)
      : undefined;
    const ns = obj.metadata.namespace ?? '';
    if (isRecord(ref)) {
      const parent = this.#cluster
        .list(this.#parent.group, this.#parent.kind, ns)
        .find((p) => p.metadata.uid === ref.uid);
      if (parent) this.enqueue(keyOf(parent), 0);
      return;
    }
    for (const parent of this.#cluster.list(this.#parent.group, this.#parent.kind, ns)) {
      const selector = this.#selector(parent);
      if (selector && matchesSelector(selector, obj.metadata.labels))
        this.enqueue(keyOf(parent), 0);
    }
  }

  #startPeriodic(key: string): void {
    const period = this.#cc.spec.resyncPeriodSeconds;
    if (!period || this.#periodic.has(key)) return;
    this.#periodic.add(key);
    const tick = () => {
      if (!this.#history.has(key)) {
        this.#periodic.delete(key);
        return;
      }
      this.enqueue(key, 0);
      this.#clock.schedule(Math.max(1, period) * 1000, `resync period ${key}`, tick, true);
    };
    this.#clock.schedule(Math.max(1, period) * 1000, `resync period ${key}`, tick, true);
  }

  /** Queues a sync of `namespace/name` after `delayMs`, keeping an earlier one if queued (workqueue semantics). */
  enqueue(key: string, delayMs: number): void {
    const at = this.#clock.now() + Math.max(0, delayMs);
    const due = this.#due.get(key);
    if (due !== undefined && due <= at) return;
    this.#due.set(key, at);
    this.#clock.schedule(delayMs, `sync ${key}`, () => {
      if (this.#due.get(key) !== at) return;
      this.#due.delete(key);
      this.sync(key);
    });
  }

  #selector(parent: KObject): LabelSelector | undefined {
    if (this.#cc.spec.generateSelector)
      return { matchLabels: { [CONTROLLER_UID_LABEL]: parent.metadata.uid ?? '' } };
    const s = isRecord(parent.spec)
      ? (parent.spec.selector as LabelSelector | undefined)
      : undefined;
    return isEmptySelector(s) ? undefined : s;
  }

  /** Runs one sync of `namespace/name` now. Returns its record, or undefined when nothing was called. */
  sync(key: string): SyncRecord | undefined {
    const [ns = '', name = ''] = key.includes('/') ? key.split('/') : ['', key];
    let parent = this.#cluster.get(
      { group: this.#parent.group, kind: this.#parent.kind, namespace: ns, name },
      this.#parent.apiVersion,
    );
    if (!parent) return undefined;
    const hooks = this.#cc.spec.hooks ?? {};
    const hasFinalizeHook = hooks.finalize !== undefined;
    const parentSelector = this.#cc.spec.parentResource.labelSelector;
    const matches = !parentSelector || matchesSelector(parentSelector, parent.metadata.labels);
    const finalizers = (parent.metadata.finalizers as string[] | undefined) ?? [];
    if (!matches && !finalizers.includes(this.#finalizer)) return undefined;
    const deleting = parent.metadata.deletionTimestamp !== undefined;

    // 1. Add our finalizer when there is a finalize hook.
    if (hasFinalizeHook && !deleting && matches && !finalizers.includes(this.#finalizer)) {
      parent = this.#cluster.update({
        ...parent,
        metadata: { ...parent.metadata, finalizers: [...finalizers, this.#finalizer] },
      });
      parent.apiVersion = this.#parent.apiVersion;
    }
    const seq = this.records.length + 1;
    const ctx = { seq, now: this.#clock.now(), parent };
    const finalizing = hasFinalizeHook && (deleting || !matches);
    const hook: 'sync' | 'finalize' = finalizing ? 'finalize' : 'sync';
    const version = hookVersion(this.#cc, hook);
    const record: SyncRecord = {
      seq,
      at: this.#clock.iso(),
      parent: key,
      hook,
      version,
      request: undefined,
      operations: [],
      statusWritten: false,
    };
    this.records.push(record);

    try {
      const selector = this.#selector(parent);
      if (!selector)
        throw new Error('.spec.selector must have either matchLabels, matchExpressions, or both');
      // 2. Claim children.
      const claimed = this.#claim(parent, selector, deleting, record);
      // A lagging child informer: this sync sees (and manages) the previous sync's view.
      const previous = this.#lastObserved.get(key);
      const observed = previous && this.#faults.staleChildren?.(ctx) ? previous : claimed;
      if (observed !== claimed) record.operations.push('stale children delivered');
      this.#lastObserved.set(key, claimed);
      // 3. Customize → related objects.
      const related = this.#related(parent, version);
      // 4. The hook, with the parent as the (possibly lagging) informer cache has it.
      const lag = this.#faults.staleParent?.(ctx) ?? 0;
      const history = this.#history.get(key) ?? [];
      const sent = structuredClone(
        lag > 0 && history.length > 1 ? history[Math.max(0, history.length - 1 - lag)]! : parent,
      );
      sent.apiVersion = this.#parent.apiVersion;
      const request = encodeHookRequest({
        controller: this.#cc,
        parent: sent,
        childTypes: this.childTypes,
        children: observed,
        relatedTypes: related.types,
        related: related.objects,
        finalizing,
      });
      record.request = JSON.parse(JSON.stringify(request));
      const answer = this.#call(hook, record.request);
      record.answer = answer;
      if (answer.status === 429) {
        this.enqueue(key, (answer.retryAfterSeconds ?? 0) * 1000);
        record.error = `hook answered 429; retry after ${answer.retryAfterSeconds ?? 0}s`;
        return record;
      }
      if (answer.status !== 200) {
        throw new Error(
          `${hook} hook failed: unsupported status code: ${answer.status} body: ${JSON.stringify(answer.body ?? '')}`,
        );
      }
      const mode = responseMode(version, hooks[hook]?.webhook?.responseUnMarshallMode);
      const response = decodeHookResponse(JSON.parse(JSON.stringify(answer.body ?? null)), mode);
      record.response = response;
      // 5. resyncAfterSeconds.
      if (response.resyncAfterSeconds > 0) this.enqueue(key, response.resyncAfterSeconds * 1000);
      // 6. finalized → remove our finalizer.
      let stillOurs = finalizers.includes(this.#finalizer) || hasFinalizeHook;
      if (response.finalized && finalizing) {
        const fresh = this.#cluster.get(identityOf(parent));
        if (fresh) {
          const rest = ((fresh.metadata.finalizers as string[] | undefined) ?? []).filter(
            (f) => f !== this.#finalizer,
          );
          this.#cluster.update({ ...fresh, metadata: { ...fresh.metadata, finalizers: rest } });
        }
        stillOurs = false;
      }
      // 7. Desired children: namespace defaults, declared types, selector labels.
      const desired = response.children.map((c) => this.#prepareDesired(c, parent!, selector));
      // 8. Manage children.
      let manageError: string | undefined;
      if (!deleting || (hasFinalizeHook && stillOurs)) {
        manageError = this.#manage(parent, observed, desired, version, record);
      }
      // 9. Status, even when managing failed.
      if (this.#faults.dropStatusWrite?.(ctx)) {
        record.operations.push('status write dropped');
      } else {
        const status = {
          ...(response.status ?? {}),
          observedGeneration: sent.metadata.generation ?? 0,
        };
        const fresh = this.#cluster.get(identityOf(parent));
        if (fresh && !jsonEqual(fresh.status, status)) {
          this.#cluster.updateStatus(identityOf(parent), status);
          record.statusWritten = true;
        }
      }
      if (manageError) throw new Error(manageError);
      this.#failures.delete(key);
    } catch (err) {
      record.error = err instanceof Error ? err.message : String(err);
      this.events.push({
        at: record.at,
        parent: key,
        reason: 'SyncError',
        message: `Sync error: ${record.error}`,
      });
      const n = this.#failures.get(key) ?? 0;
      this.#failures.set(key, n + 1);
      this.enqueue(key, Math.min(5 * 2 ** n, MAX_BACKOFF_MS));
    }
    return record;
  }

  #call(hook: HookName, body: unknown): HookAnswer {
    try {
      return this.#hooks(hook, body);
    } catch (err) {
      throw new Error(`${hook} hook failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  #claim(
    parent: KObject,
    selector: LabelSelector,
    deleting: boolean,
    record: SyncRecord,
  ): KObject[] {
    const ns = parent.metadata.namespace ?? '';
    const uid = parent.metadata.uid;
    const out: KObject[] = [];
    for (const t of this.#childTypes) {
      for (const obj of this.#cluster.list(
        t.group,
        t.kind,
        this.#parent.namespaced ? ns : undefined,
        t.apiVersion,
      )) {
        const refs = (obj.metadata.ownerReferences as Record<string, unknown>[] | undefined) ?? [];
        const ref = refs.find((r) => r.controller === true);
        const match = matchesSelector(selector, obj.metadata.labels);
        if (ref) {
          if (ref.uid !== uid) continue;
          if (match) {
            out.push(obj);
          } else {
            const released = {
              ...obj,
              metadata: { ...obj.metadata, ownerReferences: refs.filter((r) => r !== ref) },
            };
            this.#cluster.update(released);
            record.operations.push(`release ${describeIdentity(identityOf(obj))}`);
          }
        } else if (match && !deleting && !obj.metadata.deletionTimestamp) {
          const adopted = this.#cluster.update({
            ...obj,
            metadata: { ...obj.metadata, ownerReferences: [...refs, this.#controllerRef(parent)] },
          });
          adopted.apiVersion = t.apiVersion;
          out.push(adopted);
          record.operations.push(`adopt ${describeIdentity(identityOf(obj))}`);
        }
      }
    }
    return out;
  }

  #related(parent: KObject, version: 'v1' | 'v2'): { types: DeclaredType[]; objects: KObject[] } {
    if (!this.#cc.spec.hooks?.customize) return { types: [], objects: [] };
    const cacheKey = `${parent.metadata.uid ?? ''}/${parent.metadata.generation ?? 0}`;
    let rules = this.#customizeCache.get(cacheKey);
    if (!rules) {
      const answer = this.#call(
        'customize',
        JSON.parse(JSON.stringify({ controller: this.#cc, parent })),
      );
      if (answer.status !== 200 || !isRecord(answer.body)) {
        throw new Error(`customize hook failed: unsupported status code: ${answer.status}`);
      }
      rules = (answer.body.relatedResources as RelatedResourceRule[] | null | undefined) ?? [];
      this.#customizeCache.set(cacheKey, rules);
    }
    const types: DeclaredType[] = [];
    const objects: KObject[] = [];
    const parentNs = parent.metadata.namespace ?? '';
    for (const rule of rules) {
      const info = this.#discovery.resource(rule.apiVersion, rule.resource);
      if (!info)
        throw new Error(
          `customize: discovery does not know ${rule.resource} in ${rule.apiVersion}`,
        );
      types.push({ apiVersion: rule.apiVersion, kind: info.kind });
      const ns = rule.namespace ?? (version === 'v1' && parentNs !== '' ? parentNs : undefined);
      for (const obj of this.#cluster.list(
        info.group,
        info.kind,
        info.namespaced ? ns : undefined,
        rule.apiVersion,
      )) {
        if (rule.names && !rule.names.includes(obj.metadata.name ?? '')) continue;
        if (rule.labelSelector && !matchesSelector(rule.labelSelector, obj.metadata.labels))
          continue;
        objects.push(obj);
      }
    }
    return { types, objects };
  }

  #controllerRef(parent: KObject): Record<string, unknown> {
    return {
      apiVersion: this.#parent.apiVersion,
      kind: this.#parent.kind,
      name: parent.metadata.name,
      uid: parent.metadata.uid,
      controller: true,
      blockOwnerDeletion: true,
    };
  }

  #prepareDesired(child: KObject, parent: KObject, selector: LabelSelector): KObject {
    const obj = structuredClone(child);
    const { group } = parseApiVersion(obj.apiVersion);
    const parentNs = parent.metadata.namespace ?? '';
    if (parentNs !== '' && !obj.metadata.namespace && this.#discovery.namespaced(group, obj.kind)) {
      obj.metadata.namespace = parentNs;
    }
    const declared = this.#childTypes.some(
      (t) => t.apiVersion === obj.apiVersion && t.kind === obj.kind,
    );
    if (!declared && this.#undeclared === 'fail') {
      throw new Error(
        `desired child ${obj.kind} ${obj.apiVersion} ${obj.metadata.name ?? ''} is not a declared child type of CompositeController ${this.#cc.metadata.name}`,
      );
    }
    if (this.#cc.spec.generateSelector) {
      const labels = { ...(obj.metadata.labels ?? {}) };
      if (!(CONTROLLER_UID_LABEL in labels))
        labels[CONTROLLER_UID_LABEL] = parent.metadata.uid ?? '';
      obj.metadata.labels = labels;
    }
    if (!matchesSelector(selector, obj.metadata.labels)) {
      throw new Error(
        `labels on desired child ${obj.kind} ${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''} don't match parent selector`,
      );
    }
    return obj;
  }

  /** Step 8: deletes first, then creates and updates. Returns the aggregated error, if any. */
  #manage(
    parent: KObject,
    observed: KObject[],
    desired: KObject[],
    version: 'v1' | 'v2',
    record: SyncRecord,
  ): string | undefined {
    const errors: string[] = [];
    const mapKey = (o: KObject) => `${o.kind}.${o.apiVersion} ${objectKey(version, parent, o)}`;
    const observedBy = new Map(observed.map((o) => [mapKey(o), o]));
    const desiredBy = new Map(desired.map((o) => [mapKey(o), o])); // last wins, as in Metacontroller
    const who = (o: KObject) => describeIdentity(identityOf(o));
    const swallow = (err: unknown, ...reasons: string[]) => {
      if (err instanceof ApiError && reasons.includes(err.reason)) return;
      errors.push(err instanceof Error ? err.message : String(err));
    };
    for (const [k, obj] of observedBy) {
      if (obj.metadata.deletionTimestamp || desiredBy.has(k)) continue;
      try {
        this.#cluster.delete(identityOf(obj), obj.metadata.uid);
        record.operations.push(`delete ${who(obj)}`);
      } catch (err) {
        swallow(err, 'NotFound');
      }
    }
    for (const [k, want] of desiredBy) {
      const have = observedBy.get(k);
      if (!have) {
        try {
          this.#cluster.create(prepareCreate(want, this.#controllerRef(parent)));
          record.operations.push(`create ${who(want)}`);
        } catch (err) {
          swallow(err, 'AlreadyExists');
        }
        continue;
      }
      let next: KObject;
      try {
        next = applyUpdate(have, want);
      } catch (err) {
        errors.push(`${who(want)}: ${err instanceof Error ? err.message : String(err)}`);
        continue;
      }
      if (jsonEqual(next, have) || have.metadata.deletionTimestamp) continue;
      const { group } = parseApiVersion(want.apiVersion);
      const method =
        this.#childTypes.find((t) => t.group === group && t.kind === want.kind)?.method ?? '';
      try {
        if (method === 'InPlace' || method === 'RollingInPlace') {
          this.#cluster.update(next);
          record.operations.push(`update ${who(want)}`);
        } else if (method === 'Recreate' || method === 'RollingRecreate') {
          this.#cluster.delete(identityOf(have), have.metadata.uid);
          record.operations.push(`recreate ${who(want)}`);
        }
      } catch (err) {
        swallow(err, 'NotFound', 'Conflict');
      }
    }
    return errors.length > 0
      ? `can't reconcile children for ${this.#parent.kind} ${parent.metadata.namespace ?? ''}/${parent.metadata.name ?? ''}: ${errors.join('; ')}`
      : undefined;
  }
}

export function keyOf(obj: KObject): string {
  const ns = obj.metadata.namespace ?? '';
  return ns === '' ? (obj.metadata.name ?? '') : `${ns}/${obj.metadata.name ?? ''}`;
}
