// Schema pieces that both API versions share, in KUDO's layout: object
// references, conditions and the plan status tree. Sharing them is what makes
// `status.planStatus` identical in v1beta1 and v1.
import type { JsonSchema } from './schema-type.ts';

const str = { type: 'string' } as const;

/** core/v1 ObjectReference, as KUDO embeds it (only `name` is really used). */
export const objectReferenceSchema = {
  type: 'object',
  properties: {
    apiVersion: str,
    fieldPath: str,
    kind: str,
    name: str,
    namespace: str,
    resourceVersion: str,
    uid: str,
  },
} as const satisfies JsonSchema;

/** meta/v1 Condition. */
export const conditionSchema = {
  type: 'object',
  required: ['type', 'status', 'lastTransitionTime', 'reason', 'message'],
  properties: {
    type: { type: 'string', maxLength: 316 },
    status: { type: 'string', enum: ['True', 'False', 'Unknown'] },
    observedGeneration: { type: 'integer', format: 'int64', minimum: 0 },
    lastTransitionTime: { type: 'string', format: 'date-time' },
    reason: { type: 'string', maxLength: 1024 },
    message: { type: 'string', maxLength: 32768 },
  },
} as const satisfies JsonSchema;

const stepStatusSchema = {
  type: 'object',
  properties: { name: str, status: str, message: str },
} as const satisfies JsonSchema;

const phaseStatusSchema = {
  type: 'object',
  properties: {
    name: str,
    status: str,
    message: str,
    steps: { type: 'array', items: stepStatusSchema },
  },
} as const satisfies JsonSchema;

/** KUDO's PlanStatus: one entry of `status.planStatus[<plan>]`. */
export const planStatusSchema = {
  type: 'object',
  properties: {
    name: str,
    status: str,
    message: str,
    lastUpdatedTimestamp: { type: 'string', format: 'date-time', nullable: true },
    uid: str,
    phases: { type: 'array', items: phaseStatusSchema },
  },
} as const satisfies JsonSchema;

/** KUDO's PlanExecution: the plan the mutating webhook scheduled. */
export const planExecutionSchema = {
  type: 'object',
  properties: { planName: str, uid: str, status: str },
} as const satisfies JsonSchema;

export const maintainerSchema = {
  type: 'object',
  properties: { name: str, email: str },
} as const satisfies JsonSchema;

/** The Operator spec is the same in both versions. */
export const operatorSpecSchema = {
  type: 'object',
  properties: {
    description: str,
    kudoVersion: str,
    kubernetesVersion: str,
    maintainers: { type: 'array', items: maintainerSchema },
    url: str,
    namespaceManifest: str,
  },
} as const satisfies JsonSchema;

/** KUDO's flat TaskSpec: every task kind's fields in one struct. */
export const taskSpecSchema = {
  type: 'object',
  properties: {
    resources: { type: 'array', items: str },
    parameter: str,
    pod: str,
    pipe: {
      type: 'array',
      items: {
        type: 'object',
        properties: { file: str, envFile: str, kind: str, key: str },
      },
    },
    package: str,
    instanceName: str,
    appVersion: str,
    operatorVersion: str,
    parameterFile: str,
    wantErr: { type: 'boolean' },
    fatal: { type: 'boolean' },
    done: { type: 'boolean' },
  },
} as const satisfies JsonSchema;

export const taskSchema = {
  type: 'object',
  properties: { name: str, kind: str, spec: taskSpecSchema },
} as const satisfies JsonSchema;

/** The envelope every kind shares; `metadata` is validated by the API server itself. */
export function kindSchema<Spec extends JsonSchema, Status extends JsonSchema>(
  spec: Spec,
  status: Status,
) {
  return {
    type: 'object',
    properties: {
      apiVersion: str,
      kind: str,
      metadata: { type: 'object' },
      spec,
      status,
    },
  } as const;
}
