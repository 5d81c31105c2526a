// maestro.dev/v1, the storage version: KUDO's shape plus what KUDO's users
// asked for (docs/api.md gives the reason for each difference). Every field the
// plan engine keeps in status is declared here, so the API server prunes none.
import {
  conditionSchema,
  kindSchema,
  objectReferenceSchema,
  operatorSpecSchema,
  planExecutionSchema,
  planStatusSchema,
  taskSchema,
} from '../common-schemas.ts';
import type { JsonSchema } from '../schema-type.ts';

const str = { type: 'string' } as const;
const int = { type: 'integer', format: 'int64' } as const;
const strList = { type: 'array', items: str } as const;
/** Any JSON value: typed parameter values, schemas, snapshots. */
const anyJson = { 'x-kubernetes-preserve-unknown-fields': true } as const;
/** A Go duration such as `90s`, `10m` or `1h30m`. */
const duration = {
  type: 'string',
  pattern: '^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$',
} as const;

export const parameterSchema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: str,
    displayName: str,
    description: str,
    required: { type: 'boolean' },
    /** Any JSON value; a string when it came from v1beta1 or was never typed. */
    default: anyJson,
    trigger: str,
    /** KUDO's `value-type`: string, integer, number, boolean, array or map. */
    type: str,
    immutable: { type: 'boolean' },
    enum: { type: 'array', items: anyJson },
    /** A JSON Schema (draft 2020-12 subset) every value must satisfy. */
    schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
  },
} as const satisfies JsonSchema;

/** What happens when a step or plan fails, or misses its timeout. */
export const onFailureSchema = {
  type: 'object',
  properties: {
    /** How many times the step is run again from scratch before it fails. */
    retries: { type: 'integer', minimum: 0 },
    /** Seconds between retries. */
    backoffSeconds: { type: 'integer', minimum: 0 },
    /** After the retries: `Fail` (FATAL_ERROR, the default), or `Continue` with the next step. */
    action: { type: 'string', enum: ['Fail', 'Continue'] },
    /** A plan to trigger once this one has failed, e.g. a rollback plan. */
    plan: str,
  },
} as const satisfies JsonSchema;

const stepSchema = {
  type: 'object',
  properties: {
    name: str,
    tasks: strList,
    timeout: duration,
    onFailure: onFailureSchema,
  },
} as const satisfies JsonSchema;

const phaseSchema = {
  type: 'object',
  properties: {
    name: str,
    /** `serial`, `parallel` or `canary`. Kept a free string so v1beta1 values survive verbatim. */
    strategy: str,
    /** For `canary`: after each of the first `steps` steps, wait for the user to continue. */
    canary: { type: 'object', properties: { steps: { type: 'integer', minimum: 0 } } },
    steps: { type: 'array', items: stepSchema },
    timeout: duration,
  },
} as const satisfies JsonSchema;

export const planSchema = {
  type: 'object',
  properties: {
    strategy: str,
    phases: { type: 'array', items: phaseSchema },
    timeout: duration,
    onFailure: onFailureSchema,
  },
} as const satisfies JsonSchema;

/** A declared health rule for a kind whose built-in rule is missing or not enough. */
export const healthCheckSchema = {
  type: 'object',
  required: ['kind'],
  properties: {
    /** API group; `""` for the core group. */
    group: str,
    kind: str,
    /** Healthy when every listed condition has the given status (default `True`). */
    conditions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type'],
        properties: { type: str, status: str },
      },
    },
    /** Healthy when the value at each JSON path (`.status.phase`) equals `equals`. */
    fields: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path'],
        properties: { path: str, equals: anyJson },
      },
    },
  },
} as const satisfies JsonSchema;

export const upgradableFromSchema = {
  type: 'object',
  properties: {
    ...objectReferenceSchema.properties,
    /** A semver range of operator versions, e.g. `>=1.2.0 <2.0.0`. */
    versions: str,
  },
} as const satisfies JsonSchema;

export const operatorVersionSpecSchema = {
  type: 'object',
  properties: {
    operator: objectReferenceSchema,
    version: str,
    appVersion: str,
    templates: { type: 'object', additionalProperties: str },
    tasks: { type: 'array', items: taskSchema },
    parameters: { type: 'array', items: parameterSchema },
    plans: { type: 'object', additionalProperties: planSchema, nullable: true },
    connectionString: str,
    upgradableFrom: { type: 'array', items: upgradableFromSchema },
    healthChecks: { type: 'array', items: healthCheckSchema },
  },
} as const satisfies JsonSchema;

const oneShot = { type: 'object', required: ['uid'], properties: { uid: str } } as const;

/** User plan controls. Each one-shot control carries a uid the engine consumes once. */
export const planControlSchema = {
  type: 'object',
  properties: {
    /** Pause: no new step starts while true. Resume: set it back to false. */
    paused: { type: 'boolean' },
    /** Abort the running plan: nothing new starts, it ends as FATAL_ERROR "aborted". */
    abort: oneShot,
    /** Run the failed plan again from its first unfinished step. */
    retry: oneShot,
    /** Let a canary phase go on past its current pause. */
    continue: oneShot,
    /** Mark one step COMPLETE without running it further. */
    forceComplete: {
      type: 'object',
      required: ['uid', 'phase', 'step'],
      properties: { uid: str, plan: str, phase: str, step: str },
    },
    /**
     * Regenerate sticky generated children (those whose template drew from
     * randAlphaNum, genCA and the like) the next time their step runs: all of
     * them, or those named `Kind/name`. Runs no plan by itself.
     */
    rotate: {
      type: 'object',
      required: ['uid'],
      properties: { uid: str, names: { type: 'array', items: str } },
    },
    /**
     * Delete the children listed in the StaleChildren condition: all of them,
     * or those named `Kind/name` (every name must be stale). Waits while a
     * plan runs.
     */
    prune: {
      type: 'object',
      required: ['uid'],
      properties: { uid: str, names: { type: 'array', items: str } },
    },
  },
} as const satisfies JsonSchema;

export const instanceSpecSchema = {
  type: 'object',
  properties: {
    operatorVersion: objectReferenceSchema,
    /** Typed values (any JSON). Values that came from v1beta1 stay strings. */
    parameters: { type: 'object', additionalProperties: anyJson },
    /** Trigger: set planName and a new uid, as in KUDO. */
    planExecution: planExecutionSchema,
    planControl: planControlSchema,
  },
} as const satisfies JsonSchema;

/**
 * ClusterInstance: the Instance spec plus the namespace its namespaced children
 * go to, and an OperatorVersion reference that names its namespace (the
 * parent has none to default it to).
 */
export const clusterInstanceSpecSchema = {
  type: 'object',
  required: ['namespace', 'operatorVersion'],
  properties: {
    ...instanceSpecSchema.properties,
    /** The namespace of every namespaced child, and `.Namespace` in templates. */
    namespace: str,
    operatorVersion: {
      ...objectReferenceSchema,
      required: ['name', 'namespace'],
    },
  },
} as const satisfies JsonSchema;

/** A child's identity: (group, kind, namespace, name), never the apiVersion. */
const identityProperties = {
  group: str,
  kind: str,
  namespace: str,
  name: str,
} as const;

const inventoryItemSchema = {
  type: 'object',
  required: ['kind', 'name'],
  properties: {
    ...identityProperties,
    /** The apiVersion it was last emitted with. */
    apiVersion: str,
    /** Hash of the emitted body. */
    hash: str,
    /** Provenance: which execution, plan, phase, step and task emitted it. */
    execution: str,
    plan: str,
    phase: str,
    step: str,
    task: str,
    template: str,
  },
} as const satisfies JsonSchema;

const stepProgressSchema = {
  type: 'object',
  required: ['phase', 'step'],
  properties: {
    phase: str,
    step: str,
    startTime: { type: 'string', format: 'date-time' },
    deadline: { type: 'string', format: 'date-time' },
    attempts: { type: 'integer', minimum: 0 },
    nextRetryTime: { type: 'string', format: 'date-time' },
    /** A canary step waiting for the user to continue. */
    waiting: { type: 'boolean' },
  },
} as const satisfies JsonSchema;

const executionSchema = {
  type: 'object',
  required: ['id', 'plan'],
  properties: {
    /** Derived from instance uid, sequence, plan and inputs: never random. */
    id: str,
    sequence: int,
    plan: str,
    /** KUDO's ExecutionStatus of this execution. */
    status: str,
    /** Why it started: create, planExecution, upgrade, parameters, cleanup or retry. */
    reason: str,
    /** The spec.planExecution uid it consumed, if any. */
    uid: str,
    /** The OperatorVersion name it renders from. */
    operatorVersion: str,
    /** A digest per parameter of the effective values it started with (never the values). */
    parameterDigests: { type: 'object', additionalProperties: str },
    /** Written before issue 11 (the values themselves): read as digests, never written. */
    parameters: { type: 'object', additionalProperties: anyJson },
    startTime: { type: 'string', format: 'date-time' },
    endTime: { type: 'string', format: 'date-time' },
    deadline: { type: 'string', format: 'date-time' },
    steps: { type: 'array', items: stepProgressSchema },
  },
} as const satisfies JsonSchema;

const deleteIntentSchema = {
  type: 'object',
  required: ['kind', 'name'],
  properties: {
    ...identityProperties,
    apiVersion: str,
    execution: str,
    /** Delete task, Toggle off, Job replacement, prune. */
    reason: str,
  },
} as const satisfies JsonSchema;

const historyItemSchema = {
  type: 'object',
  required: ['id', 'plan'],
  properties: {
    id: str,
    plan: str,
    status: str,
    reason: str,
    operatorVersion: str,
    startTime: { type: 'string', format: 'date-time' },
    endTime: { type: 'string', format: 'date-time' },
    message: str,
  },
} as const satisfies JsonSchema;

/** The plan engine's bookkeeping (DESIGN.md, "Suggested mechanism"). A cache; the children are the record. */
export const engineStatusSchema = {
  type: 'object',
  properties: {
    observedGeneration: int,
    /** Executions started so far; part of derived execution ids. */
    sequence: int,
    /** What plans have already consumed: one digest per trigger plan, and the OperatorVersion. */
    baseline: {
      type: 'object',
      properties: {
        operatorVersion: str,
        digests: { type: 'object', additionalProperties: str },
      },
    },
    /** spec.planExecution uids already consumed (bounded, newest last). */
    consumedPlanExecutions: strList,
    /** spec.planControl uids already consumed (bounded, newest last). */
    consumedControls: strList,
    /** The running execution, or the last one with its terminal status. */
    execution: executionSchema,
    /** Every child Maestro emitted and still owns. */
    inventory: { type: 'array', items: inventoryItemSchema },
    /** Children whose deletion was decided; left out only by a later sync. */
    deleteIntents: { type: 'array', items: deleteIntentSchema },
    /** The last executions, newest last (bounded). */
    history: { type: 'array', items: historyItemSchema },
    /** Set when the bookkeeping was rebuilt from the children's provenance. */
    recoveredFrom: str,
    /** Consumed spec.planControl.rotate requests, oldest first (bounded). */
    rotations: {
      type: 'array',
      items: {
        type: 'object',
        required: ['uid'],
        properties: { uid: str, names: strList },
      },
    },
    /** `Kind/name` of the children listed in the StaleChildren condition. */
    staleChildren: strList,
    /** The last spec.planControl.prune that was refused, and why. */
    pruneRejected: {
      type: 'object',
      required: ['uid'],
      properties: { uid: str, message: str },
    },
  },
} as const satisfies JsonSchema;

export const instanceStatusSchema = {
  type: 'object',
  properties: {
    planStatus: { type: 'object', additionalProperties: planStatusSchema },
    /** Ready (as KUDO), Blocked, ChildrenMissing, StaleChildren, and the like. */
    conditions: { type: 'array', items: conditionSchema },
    maestro: engineStatusSchema,
  },
} as const satisfies JsonSchema;

const emptyStatus = { type: 'object' } as const;

export const operatorSchema = kindSchema(operatorSpecSchema, emptyStatus);
export const operatorVersionSchema = kindSchema(operatorVersionSpecSchema, emptyStatus);
export const instanceSchema = kindSchema(instanceSpecSchema, instanceStatusSchema);
export const clusterInstanceSchema = kindSchema(clusterInstanceSpecSchema, instanceStatusSchema);
