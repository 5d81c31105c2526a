// The plan engine's input, output and bookkeeping. The bookkeeping mirrors
// `status.maestro` of the v1 Instance schema (src/model/v1/schema.ts), field
// for field, so the API server prunes none of it.

import type { DeclaredType } from '../api-versions.ts';
import type { KObject } from '../kobject.ts';

export type ExecutionStatus =
  'NEVER_RUN' | 'PENDING' | 'IN_PROGRESS' | 'COMPLETE' | 'ERROR' | 'FATAL_ERROR';

export interface StepProgress {
  phase: string;
  step: string;
  startTime?: string;
  deadline?: string;
  attempts?: number;
  nextRetryTime?: string;
  /** Canary: true while waiting for the user to continue, false once continued. */
  waiting?: boolean;
}

export interface Execution {
  id: string;
  sequence: number;
  plan: string;
  status: ExecutionStatus;
  /** create, planExecution, upgrade, parameters, cleanup, retry. */
  reason: string;
  uid?: string;
  operatorVersion: string;
  /**
   * A digest per parameter of the effective values it started with, never the
   * values (issue 11); dropped once it completes. It renders with the spec's
   * values, without those whose digest changed (params.ts executionParams).
   */
  parameterDigests?: Record<string, string>;
  /** Status written before issue 11: the values themselves. Read, never written (status.ts). */
  parameters?: Record<string, unknown>;
  startTime: string;
  endTime?: string;
  deadline?: string;
  steps: StepProgress[];
}

export interface InventoryItem {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  apiVersion: string;
  hash: string;
  execution: string;
  plan: string;
  phase: string;
  step: string;
  task: string;
  template?: string;
}

export interface DeleteIntent {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  apiVersion: string;
  execution: string;
  reason: string;
}

export interface HistoryItem {
  id: string;
  plan: string;
  status: string;
  reason: string;
  operatorVersion: string;
  startTime: string;
  endTime?: string;
  message?: string;
}

/** A consumed spec.planControl.rotate request (names: `Kind/name`; none means every generated child). */
export interface Rotation {
  uid: string;
  names?: string[];
}

export interface EngineState {
  observedGeneration?: number;
  sequence: number;
  baseline?: { operatorVersion: string; digests: Record<string, string> };
  consumedPlanExecutions: string[];
  consumedControls: string[];
  execution?: Execution;
  inventory: InventoryItem[];
  deleteIntents: DeleteIntent[];
  history: HistoryItem[];
  recoveredFrom?: string;
  /** Rotate requests, oldest first (bounded); a generated child follows the latest that names it. */
  rotations?: Rotation[];
  /** `Kind/name` of the children listed in the StaleChildren condition (for admission). */
  staleChildren?: string[];
  /** The last spec.planControl.prune that was refused, and why. */
  pruneRejected?: { uid: string; message: string };
}

export interface StepStatus {
  name: string;
  status: ExecutionStatus;
  message?: string;
}
export interface PhaseStatus {
  name: string;
  status: ExecutionStatus;
  message?: string;
  steps: StepStatus[];
}
/** KUDO's PlanStatus. */
export interface PlanStatus {
  name: string;
  status: ExecutionStatus;
  message?: string;
  lastUpdatedTimestamp?: string | null;
  uid?: string;
  phases: PhaseStatus[];
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastTransitionTime: string;
  reason: string;
  message: string;
  observedGeneration?: number;
}

export interface InstanceStatus {
  planStatus: Record<string, PlanStatus>;
  conditions: Condition[];
  maestro: EngineState;
}

export interface SyncOptions {
  /** History entries kept (default 10). */
  historyLimit?: number;
  /** Consumed uids kept (default 20). */
  consumedLimit?: number;
  /** The image of a Pipe task's `publish` container (default DEFAULT_PIPE_IMAGE). */
  pipeImage?: string;
  /**
   * The field manager Metacontroller applies children with under
   * `--apply-strategy=server-side-apply` (its
   * `--apply-strategy-ssa-field-manager`; default `metacontroller`): whose
   * managedFields Apply entry holds the body to echo.
   */
  fieldManager?: string;
}

export interface SyncInput {
  /** The parent Instance, maestro.dev/v1, as the request carries it. */
  instance: KObject;
  /** Observed children, each as Metacontroller listed it. */
  observedChildren: readonly KObject[];
  /** The OperatorVersion spec.operatorVersion names, if the request carries it. */
  operatorVersion: KObject | undefined;
  /** The child types the CompositeController declares. */
  declaredTypes: readonly DeclaredType[];
  /**
   * The operator the CompositeController serves: the `maestro.dev/operator`
   * label its parentResource.labelSelector matches, when it names one.
   */
  controllerOperator?: string;
  /** Problems with the controller's configuration (wire/controller.ts inspectController). */
  controllerProblems?: readonly string[];
  /** True for the finalize hook. */
  finalizing: boolean;
  /** Milliseconds since the epoch. The only clock. */
  now: number;
  options?: SyncOptions;
}

export interface SyncOutput {
  children: KObject[];
  status: InstanceStatus;
  resyncAfterSeconds?: number;
  /** Finalize only. */
  finalized?: boolean;
  /** Oddities for logs and `simulate` notes; not part of the answer. */
  notes: string[];
}

/**
 * The parent as the stages read it. `namespace` is where its namespaced
 * children go: the Instance's own namespace, or a ClusterInstance's
 * spec.namespace.
 */
export interface InstanceRef {
  name: string;
  namespace: string;
  uid: string;
  /** The parent is a ClusterInstance (cluster-scoped). */
  clusterParent?: boolean;
  /** Custom kinds an observed CRD declares `scope: Cluster`, sorted. */
  clusterKinds?: readonly string[];
}
