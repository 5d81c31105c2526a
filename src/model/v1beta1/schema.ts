// maestro.dev/v1beta1: KUDO's kudo.dev/v1beta1 field for field, so that KUDO
// manifests apply with only the group changed (kudo-semantics.md §1). Loose
// strings with no enums, exactly as KUDO's CRDs are.
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

export const parameterSchema = {
  type: 'object',
  properties: {
    name: str,
    displayName: str,
    description: str,
    required: { type: 'boolean' },
    default: str,
    trigger: str,
    'value-type': str,
    immutable: { type: 'boolean' },
    enum: { type: 'array', items: str },
  },
} as const satisfies JsonSchema;

const stepSchema = {
  type: 'object',
  properties: { name: str, tasks: { type: 'array', items: str } },
} as const satisfies JsonSchema;

const phaseSchema = {
  type: 'object',
  properties: { name: str, strategy: str, steps: { type: 'array', items: stepSchema } },
} as const satisfies JsonSchema;

export const planSchema = {
  type: 'object',
  properties: { strategy: str, phases: { type: 'array', items: phaseSchema } },
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
    upgradableFrom: { type: 'array', items: objectReferenceSchema },
  },
} as const satisfies JsonSchema;

export const instanceSpecSchema = {
  type: 'object',
  properties: {
    operatorVersion: objectReferenceSchema,
    parameters: { type: 'object', additionalProperties: str },
    planExecution: planExecutionSchema,
  },
} as const satisfies JsonSchema;

export const instanceStatusSchema = {
  type: 'object',
  properties: {
    planStatus: { type: 'object', additionalProperties: planStatusSchema },
    conditions: { type: 'array', items: conditionSchema },
  },
} as const satisfies JsonSchema;

const emptyStatus = { type: 'object' } as const;

export const operatorSchema = kindSchema(operatorSpecSchema, emptyStatus);
export const operatorVersionSchema = kindSchema(operatorVersionSpecSchema, emptyStatus);
export const instanceSchema = kindSchema(instanceSpecSchema, instanceStatusSchema);
