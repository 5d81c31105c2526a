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
//
// Like the real one, it starts only when the parent and every declared child
// type are served (#tryStart): a custom kind of a CRD the package creates
// itself is not, until that CRD is Established (ClusterOptions.crdKinds).

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
import { manageChildren } from './manage-children.ts';
import type { ApplyStrategy } from './manage-children.ts';
import { selectRelated } from './related.ts';
import type { RelatedSelection } from './related.ts';
import type { VirtualClock } from './clock.ts';
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
  /** Metacontroller's `--apply-strategy` (default dynamic-apply). */
  applyStrategy?: ApplyStrategy;
  /** Its `--apply-strategy-ssa-field-manager` (default `metacontroller`). */
  fieldManager?: string;
  /** Keep each call's request and response bodies in its SyncRecord (default true; long runs may turn it off). */
  recordBodies?: boolean;
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
  readonly #recordBodies: boolean;
  readonly #applyStrategy: ApplyStrategy;
  readonly #fieldManager: string;
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
  readonly #answers = new Map<string, HookAnswer[]>();
  readonly records: SyncRecord[] = [];
  /** Events on the CompositeController itself (CreateError, Started), oldest first. */
  readonly controllerEvents: { at: string; reason: string; message: string }[] = [];
  #started = false;
  #retryToken = 0;
  #retryAt = 0;
  #promoted = 0;
  #notStarted: string | undefined;
  #startFailures = 0;
  /** Warning events, as `kubectl describe` would show them on the parent. */
  readonly events: { at: string; parent: string; reason: string; message: string }[] = [];

  constructor(clock: VirtualClock, cluster: Cluster, options: MetacontrollerOptions) {
    this.#clock = clock;
    this.#cluster = cluster;
    this.#cc = options.controller;
    this.#hooks = options.hooks;
    this.#faults = options.faults ?? {};
    this.#undeclared = options.undeclaredChildren ?? 'fail';
    this.#recordBodies = options.recordBodies ?? true;
    this.#applyStrategy = options.applyStrategy ?? 'dynamic-apply';
    this.#fieldManager = options.fieldManager ?? 'metacontroller';
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
    cluster.onChange((c) => {
      if (this.#started) this.#onChange(c);
      else this.#promoteRetry();
    });
    this.#tryStart();
  }

  /** Whether the controller runs (every declared type was served when it last tried). */
  get started(): boolean {
    return this.#started;
  }

  /**
   * Why the controller is not running, as Metacontroller's `Cannot create new
   * controller` event says it, or undefined once it runs.
   */
  get notStartedReason(): string | undefined {
    return this.#started ? undefined : this.#notStarted;
  }

  /** The CompositeController's name. */
  get controllerName(): string {
    return this.#cc.metadata.name ?? '';
  }

  /**
   * The declared types (parent first) the cluster does not serve now:
   * `resource` as `gadgets.example.dev/v1` (`pods/v1` in the core group),
   * `kind` as `example.dev/Gadget`.
   */
  unservedTypes(): { role: 'parent' | 'child'; resource: string; kind: string }[] {
    return [this.#parent, ...this.#childTypes]
      .filter((t) => !this.#cluster.serves(t.apiVersion, t.kind))
      .map((t) => ({
        role: t === this.#parent ? 'parent' : 'child',
        resource:
          t.group === '' ? `${t.resource}/${t.apiVersion}` : `${t.resource}.${t.apiVersion}`,
        kind: `${t.group}/${t.kind}`,
      }));
  }

  /**
   * A retry that will succeed (every type is served now) is work a run waits
   * for: the same retry, at the same back-off time, as a foreground event.
   */
  #promoteRetry(): void {
    if (this.#promoted === this.#retryToken || this.unservedTypes().length > 0) return;
    const token = (this.#promoted = this.#retryToken);
    this.#clock.schedule(
      Math.max(0, this.#retryAt - this.#clock.now()),
      `start CompositeController ${this.#cc.metadata.name}`,
      () => {
        if (token === this.#retryToken && !this.#started) this.#tryStart();
      },
    );
  }

  /**
   * newParentController: a dynamic client for the parent, the update
   * strategies (a discovery lookup per child with a strategy other than
   * OnDelete), an informer for the parent, then one per child type. The first
   * type discovery does not serve fails it: a CreateError event on the
   * CompositeController, no sync, and the reconcile error requeues it with
   * controller-runtime's per-item back-off (5 ms doubling to 1,000 s), besides
   * a change of the CompositeController (which the simulator never makes).
   * Retries are background events: they never keep a run going by themselves.
   * Once started, the informers' first list queues every existing parent.
   */
  #tryStart(): void {
    const served = (t: { apiVersion: string; kind: string }) =>
      this.#cluster.serves(t.apiVersion, t.kind);
    let error: string | undefined;
    if (!served(this.#parent)) {
      error = `discovery: can't find resource ${this.#parent.resource} in apiVersion ${this.#parent.apiVersion}`;
    }
    const withStrategy = this.#childTypes.filter((t) => t.method !== '' && t.method !== 'OnDelete');
    const strategyGap = withStrategy.find((t) => !served(t));
    if (!error && strategyGap) {
      error = `can't find child resource "${strategyGap.resource}" in ${strategyGap.apiVersion}`;
    }
    const informerGap = this.#childTypes.find((t) => !served(t));
    if (!error && informerGap) {
      const key = `${informerGap.resource}.${informerGap.apiVersion}`;
      error = `can't create informer for child resource: can't create client for ${key} shared informer: discovery: can't find resource ${informerGap.resource} in apiVersion ${informerGap.apiVersion}`;
    }
    if (error) {
      this.#notStarted = `Cannot create new controller: ${error}`;
      this.controllerEvents.push({
        at: this.#clock.iso(),
        reason: 'CreateError',
        message: this.#notStarted,
      });
      const delay = Math.min(5 * 2 ** this.#startFailures, MAX_BACKOFF_MS);
      this.#startFailures++;
      const token = ++this.#retryToken;
      this.#retryAt = this.#clock.now() + delay;
      this.#clock.schedule(
        delay,
        `start CompositeController ${this.#cc.metadata.name}`,
        () => {
          if (token === this.#retryToken && !this.#started) this.#tryStart();
        },
        true,
      );
      return;
    }
    this.#started = true;
    this.#notStarted = undefined;
    this.controllerEvents.push({
      at: this.#clock.iso(),
      reason: 'Started',
      message: `Started controller: ${this.#cc.metadata.name}`,
    });
    for (const parent of this.#cluster.list(this.#parent.group, this.#parent.kind)) {
      const key = keyOf(parent);
      this.#history.set(key, [parent]);
      this.#startPeriodic(key);
      this.enqueue(key, 0);
    }
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
    // One object can be both a parent and a child (a child Instance of a
    // KudoOperator task): like Metacontroller's separate informers, both
    // handlers see it.
    if (this.#isParent(obj)) this.#onParentChange(change);
    const id = identityOf(obj);
    if (this.#childTypes.some((t) => t.group === id.group && t.kind === id.kind)) {
      this.#onChildChange(obj);
    }
  }

  #onParentChange(change: Change): void {
    const obj = (change.after ?? change.before)!;
    const key = keyOf(obj);
    if (!change.after) {
      this.#history.delete(key);
      return;
    }
    const list = this.#history.get(key) ?? [];
    list.push(change.after);
    if (list.length > HISTORY) list.shift();
    this.#history.set(key, list);
    if (change.type === 'added') this.#startPeriodic(key);
    if (this.#cc.spec.parentResource.ignoreStatusChanges && change.before) {
      // Only generation, labels, annotations and deletionTimestamp changes enqueue.
      const watched = (o: KObject) => [
        o.metadata.generation,
        o.metadata.labels ?? {},
        o.metadata.annotations ?? {},
        o.metadata.deletionTimestamp ?? null,
      ];
      if (jsonEqual(watched(change.before), watched(change.after))) return;
    }
    this.enqueue(key, 0);
  }

  #onChildChange(obj: KObject): void {
    const refs = obj.metadata.ownerReferences;
    const ref = Array.isArray(refs)
      ? refs.find((r) => isRecord(r) && r.controller === true)
      : undefined;
    const ns = obj.metadata.namespace ?? '';
    const parents = this.#cluster.list(
      this.#parent.group,
      this.#parent.kind,
      this.#parent.namespaced ? ns : undefined,
    );
    if (isRecord(ref)) {
      const parent = parents.find((p) => p.metadata.uid === ref.uid);
      if (parent) this.enqueue(keyOf(parent), 0);
      return;
    }
    for (const parent of parents) {
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
    const record = this.#sync(key);
    if (record && !this.#recordBodies) {
      record.request = undefined;
      delete record.response;
      if (record.answer) record.answer = { status: record.answer.status };
    }
    return record;
  }

  #sync(key: string): SyncRecord | undefined {
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
      const related = this.#related(parent);
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
      const answers = this.#answers.get(key) ?? [];
      const replay = this.#faults.replayAnswer?.(ctx) ?? 0;
      const replayed = replay > 0 ? answers[answers.length - replay] : undefined;
      const answer = replayed ?? this.#call(hook, record.request);
      if (replayed) record.operations.push(`answer replayed from ${replay} calls ago`);
      answers.push(answer);
      if (answers.length > HISTORY) answers.shift();
      this.#answers.set(key, answers);
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
      // Metacontroller removes it on `finalized` whichever hook answered; a
      // sync that does so gets it added back on the next sync.
      // ShouldFinalize: our finalizer, and no garbage-collector finalizer.
      let stillOurs =
        finalizers.includes(this.#finalizer) &&
        !finalizers.some((f) => f === 'foregroundDeletion' || f === 'orphan');
      if (response.finalized) {
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
      if (!deleting || stillOurs) {
        const managed = manageChildren(this.#cluster, {
          observed,
          desired,
          methodFor: (group, kind) =>
            this.#childTypes.find((t) => t.group === group && t.kind === kind)?.method ?? '',
          controllerRef: this.#controllerRef(parent),
          applyStrategy: this.#applyStrategy,
          fieldManager: this.#fieldManager,
          now: this.#clock.iso(),
        });
        record.operations.push(...managed.operations);
        if (managed.errors.length > 0) {
          manageError = `can't reconcile children for ${this.#parent.kind} ${key}: ${managed.errors.join('; ')}`;
        }
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

  #related(parent: KObject): RelatedSelection {
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
    return selectRelated(
      this.#cluster,
      this.#discovery,
      rules,
      parent,
      hookVersion(this.#cc, 'customize'),
    );
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
}

export function keyOf(obj: KObject): string {
  const ns = obj.metadata.namespace ?? '';
  return ns === '' ? (obj.metadata.name ?? '') : `${ns}/${obj.metadata.name ?? ''}`;
}
