// JSON schemas of the hook wire, checked with ajv. They hold what Maestro
// relies on, and let everything else through: Metacontroller adds fields over
// time, and a request must not fail because of a field Maestro never reads.
// The one closed shape is the v2 response, because Metacontroller's strict
// decoding rejects unknown top-level fields (contracts.md §1.4).

import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';

const kobject = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata'],
  properties: {
    apiVersion: { type: 'string', minLength: 1 },
    kind: { type: 'string', minLength: 1 },
    metadata: {
      type: 'object',
      properties: {
        name: { type: 'string' },
        namespace: { type: 'string' },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        annotations: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
  },
} as const;

const namedKObject = {
  ...kobject,
  properties: {
    ...kobject.properties,
    metadata: {
      ...kobject.properties.metadata,
      required: ['name'],
      properties: {
        ...kobject.properties.metadata.properties,
        name: { type: 'string', minLength: 1 },
      },
    },
  },
} as const;

const labelSelector = {
  type: 'object',
  properties: {
    matchLabels: { type: 'object', additionalProperties: { type: 'string' } },
    matchExpressions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'operator'],
        properties: {
          key: { type: 'string' },
          operator: { type: 'string' },
          values: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as const;

const hook = {
  type: 'object',
  properties: {
    version: { enum: ['v1', 'v2'] },
    webhook: {
      type: 'object',
      properties: {
        url: { type: 'string' },
        path: { type: 'string' },
        timeout: { type: 'string' },
        responseUnMarshallMode: { enum: ['loose', 'strict'] },
        etag: {
          type: 'object',
          properties: {
            enabled: { type: 'boolean' },
            cacheTimeoutSeconds: { type: 'integer' },
            cacheCleanupSeconds: { type: 'integer' },
          },
        },
      },
    },
  },
} as const;

export const compositeControllerSchema = {
  $id: 'CompositeController',
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: { const: 'metacontroller.k8s.io/v1alpha1' },
    kind: { const: 'CompositeController' },
    metadata: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
    spec: {
      type: 'object',
      required: ['parentResource'],
      properties: {
        parentResource: {
          type: 'object',
          required: ['apiVersion', 'resource'],
          properties: {
            apiVersion: { type: 'string', minLength: 1 },
            resource: { type: 'string', minLength: 1 },
            labelSelector,
            ignoreStatusChanges: { type: 'boolean' },
            revisionHistory: {
              type: 'object',
              properties: { fieldPaths: { type: 'array', items: { type: 'string' } } },
            },
          },
        },
        childResources: {
          type: 'array',
          items: {
            type: 'object',
            required: ['apiVersion', 'resource'],
            properties: {
              apiVersion: { type: 'string', minLength: 1 },
              resource: { type: 'string', minLength: 1 },
              updateStrategy: {
                type: 'object',
                properties: {
                  method: {
                    enum: ['OnDelete', 'Recreate', 'InPlace', 'RollingRecreate', 'RollingInPlace'],
                  },
                },
              },
            },
          },
        },
        resyncPeriodSeconds: { type: 'number' },
        generateSelector: { type: 'boolean' },
        hooks: {
          type: 'object',
          properties: { sync: hook, finalize: hook, customize: hook },
        },
      },
    },
  },
} as const;

const objectMap = {
  type: 'object',
  additionalProperties: { type: 'object', additionalProperties: kobject },
} as const;

export const hookRequestSchema = {
  $id: 'CompositeHookRequest',
  type: 'object',
  required: ['controller', 'parent', 'children'],
  properties: {
    controller: { $ref: 'CompositeController' },
    parent: namedKObject,
    children: objectMap,
    related: objectMap,
    finalizing: { type: 'boolean' },
  },
} as const;

const responseProperties = {
  status: { type: ['object', 'null'] },
  children: { type: ['array', 'null'], items: namedKObject },
  resyncAfterSeconds: { type: 'number' },
  finalized: { type: 'boolean' },
} as const;

/** Loose decoding (v1 default): unknown top-level fields are ignored. */
export const hookResponseLooseSchema = {
  $id: 'CompositeHookResponseLoose',
  type: 'object',
  properties: responseProperties,
} as const;

/** Strict decoding (v2 default): only the four known fields. */
export const hookResponseStrictSchema = {
  $id: 'CompositeHookResponseStrict',
  type: 'object',
  properties: responseProperties,
  additionalProperties: false,
} as const;

export const customizeRequestSchema = {
  $id: 'CustomizeHookRequest',
  type: 'object',
  required: ['controller', 'parent'],
  properties: { controller: { $ref: 'CompositeController' }, parent: namedKObject },
} as const;

export const customizeResponseSchema = {
  $id: 'CustomizeHookResponse',
  type: 'object',
  required: ['relatedResources'],
  properties: {
    relatedResources: {
      type: ['array', 'null'],
      items: {
        type: 'object',
        required: ['apiVersion', 'resource'],
        properties: {
          apiVersion: { type: 'string', minLength: 1 },
          resource: { type: 'string', minLength: 1 },
          labelSelector,
          namespaceSelector: labelSelector,
          namespace: { type: 'string' },
          names: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as const;

type SchemaId =
  | 'CompositeController'
  | 'CompositeHookRequest'
  | 'CompositeHookResponseLoose'
  | 'CompositeHookResponseStrict'
  | 'CustomizeHookRequest'
  | 'CustomizeHookResponse';

let ajv: Ajv | undefined;

/** The compiled validator for one schema; compiled once, on first use. */
export function validator(id: SchemaId): ValidateFunction {
  ajv ??= new Ajv({
    allErrors: false,
    strict: true,
    allowUnionTypes: true,
    schemas: [
      compositeControllerSchema,
      hookRequestSchema,
      hookResponseLooseSchema,
      hookResponseStrictSchema,
      customizeRequestSchema,
      customizeResponseSchema,
    ],
  });
  const fn = ajv.getSchema(id);
  if (!fn) throw new Error(`no schema ${id}`);
  return fn;
}

/** The first error as `<path>: <message>`, the path in JSON-pointer form rooted at `root`. */
export function describeSchemaError(
  root: string,
  errors: ErrorObject[] | null | undefined,
): {
  field: string;
  message: string;
} {
  const e = errors?.[0];
  if (!e) return { field: root, message: 'is invalid' };
  const field = `${root}${e.instancePath.replace(/\//g, '.').replace(/~1/g, '/').replace(/~0/g, '~')}`;
  let message = e.message ?? 'is invalid';
  if (e.keyword === 'additionalProperties') {
    message = `has an unknown field "${String(e.params.additionalProperty)}"`;
  } else if (e.keyword === 'enum') {
    message = `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  } else if (e.keyword === 'const') {
    message = `must be ${JSON.stringify(e.params.allowedValue)}`;
  }
  return { field, message };
}
