// Stage 1, read the request: everything the later stages need from a sync
// request, read once and tolerant of anything (status is a cache that may be
// stale, partial, pruned or gone). Nothing here decides; it only reads.

import { describeIdentity } from '../identity.ts';
import type { InstanceRef } from './types.ts';
import { getString, isRecord } from '../kobject.ts';
import type { KObject } from '../kobject.ts';
import { indexObserved } from './children.ts';
import type { ObservedChild } from './children.ts';
import { condition } from './conditions.ts';
import type { ConditionSet } from './conditions.ts';
import { PlanEngineError } from './errors.ts';
import { iso, readConditions, readPlanStatus, readState } from './state.ts';
import type { Condition, EngineState, PlanStatus, SyncInput } from './types.ts';
import type { DeclaredType } from '../api-versions.ts';
import { isClusterParentKind, labels } from '../../model/names.ts';
import { clusterScopedCustomKinds } from '../../package/cluster-scoped.ts';

export const SKIP_CLEANUP_ANNOTATION = 'maestro.dev/skip-cleanup';
const GC_FINALIZERS = ['foregroundDeletion', 'orphan'];
/** The reason of a delete intent recorded by spec.planControl.prune. */
export const PRUNE_REASON = 'prune';

export interface Request {
  now: number;
  nowIso: string;
  limits: { history: number; consumed: number };
  instance: InstanceRef;
  spec: Record<string, unknown>;
  /** The OperatorVersion spec.operatorVersion.name names. */
  ovName: string;
  /** Its namespace: the Instance's, or a ClusterInstance's spec.operatorVersion.namespace. */
  ovNamespace: string;
  /** The parent's kind, for messages: `Instance` or `ClusterInstance`. */
  parentKind: string;
  operatorVersion: KObject | undefined;
  finalizing: boolean;
  /** metadata.deletionTimestamp is set. */
  deleting: boolean;
  /** The garbage collector's finalizers still on the Instance. */
  gcFinalizers: string[];
  skipCleanup: boolean;
  observed: ReadonlyMap<string, ObservedChild>;
  /** status.maestro as it arrived, or undefined when there is none. */
  inputState: EngineState | undefined;
  /** The bookkeeping this sync starts from: a copy of the input's, or empty. */
  state: EngineState;
  inputPlanStatus: Record<string, PlanStatus>;
  inputConditions: Condition[];
  /** spec.planControl. */
  control: Record<string, unknown>;
  planExecution: { name: string; uid: string };
  /** Uids the spec still holds: never dropped from the consumed lists by their cap. */
  held: ReadonlySet<string>;
  declaredTypes: readonly DeclaredType[];
  pipeImage: string | undefined;
  /** The operator the Instance's `maestro.dev/operator` label and the controller name. */
  operator: { label: string | undefined; controller: string | undefined };
  /** What reading found: echo fallbacks and controller problems. */
  conditions: ConditionSet[];
  notes: string[];
}

const emptyState = (): EngineState => ({
  sequence: 0,
  consumedPlanExecutions: [],
  consumedControls: [],
  inventory: [],
  deleteIntents: [],
  history: [],
});

export function readRequest(input: SyncInput): Request {
  const inst = input.instance;
  const clusterParent = isClusterParentKind(inst.kind);
  if (inst.apiVersion !== 'maestro.dev/v1') {
    throw new PlanEngineError(
      'MAESTRO_SYNC_PARENT_VERSION',
      `${clusterParent ? 'ClusterInstance' : 'Instance'} ${inst.metadata.namespace ?? ''}/${inst.metadata.name ?? ''} arrived as ${inst.apiVersion}; the CompositeController must watch maestro.dev/v1 ${clusterParent ? 'clusterinstances' : 'instances'}, whose status schema holds the plan bookkeeping`,
    );
  }
  const spec = isRecord(inst.spec) ? inst.spec : {};
  // A ClusterInstance's namespaced children go to spec.namespace, and its
  // OperatorVersion is in spec.operatorVersion.namespace (it has no namespace).
  const childNamespace = clusterParent
    ? (getString(spec, 'namespace') ?? '')
    : (inst.metadata.namespace ?? '');
  const ovNamespace = clusterParent
    ? (getString(spec, 'operatorVersion', 'namespace') ?? '')
    : (inst.metadata.namespace ?? '');
  const clusterKinds = clusterParent ? clusterScopedCustomKinds(input.observedChildren) : [];
  const observed = indexObserved(
    input.observedChildren,
    input.options?.fieldManager !== undefined ? { fieldManager: input.options.fieldManager } : {},
  );
  const notes: string[] = [];
  for (const o of observed.values())
    if (o.echoNote) notes.push(`${describeIdentity(o.identity)}: ${o.echoNote}`);
  const problems = input.controllerProblems ?? [];
  for (const p of problems) notes.push(`controller: ${p}`);
  const inputState = readState(inst.status);
  const state: EngineState = inputState ? structuredClone(inputState) : emptyState();
  state.observedGeneration = inst.metadata.generation ?? 0;
  const finalizers = (inst.metadata.finalizers as string[] | undefined) ?? [];
  const pe = isRecord(spec.planExecution) ? spec.planExecution : {};
  const control = isRecord(spec.planControl) ? spec.planControl : {};
  return {
    now: input.now,
    nowIso: iso(input.now),
    limits: {
      history: input.options?.historyLimit ?? 10,
      consumed: input.options?.consumedLimit ?? 20,
    },
    instance: {
      name: inst.metadata.name ?? '',
      namespace: childNamespace,
      uid: inst.metadata.uid ?? '',
      ...(clusterParent && { clusterParent: true }),
      ...(clusterKinds.length > 0 && { clusterKinds }),
    },
    spec,
    ovName: getString(spec, 'operatorVersion', 'name') ?? '',
    ovNamespace,
    parentKind: clusterParent ? 'ClusterInstance' : 'Instance',
    operatorVersion: input.operatorVersion,
    finalizing: input.finalizing,
    deleting: typeof inst.metadata.deletionTimestamp === 'string',
    gcFinalizers: finalizers.filter((f) => GC_FINALIZERS.includes(f)),
    skipCleanup: inst.metadata.annotations?.[SKIP_CLEANUP_ANNOTATION] === 'true',
    observed,
    inputState,
    state,
    inputPlanStatus: readPlanStatus(inst.status),
    inputConditions: readConditions(inst.status),
    control,
    planExecution: {
      name: typeof pe.planName === 'string' ? pe.planName : '',
      uid: typeof pe.uid === 'string' ? pe.uid : '',
    },
    held: heldUids(spec),
    declaredTypes: input.declaredTypes,
    pipeImage: input.options?.pipeImage,
    operator: {
      label: inst.metadata.labels?.[labels.operator],
      controller: input.controllerOperator,
    },
    conditions:
      problems.length > 0
        ? [condition('ControllerMisconfigured', 'True', 'CompositeController', problems.join('; '))]
        : [],
    notes,
  };
}

/** A uid the spec still holds is never dropped by the cap: dropping it would run that request again. */
function heldUids(spec: Record<string, unknown>): Set<string> {
  const held = new Set<string>();
  if (isRecord(spec.planExecution) && typeof spec.planExecution.uid === 'string')
    held.add(spec.planExecution.uid);
  if (isRecord(spec.planControl))
    for (const c of Object.values(spec.planControl))
      if (isRecord(c) && typeof c.uid === 'string') held.add(c.uid);
  return held;
}
