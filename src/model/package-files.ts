// JSON Schemas (draft-07) of a package's operator.yaml and params.yaml, for
// editors (yaml-language-server) and `package verify`. Built from the same
// pieces as the CRD schemas (./v1/schema.ts, ./common-schemas.ts), so a field
// added to the OperatorVersion appears here too; what only an author needs
// (task kinds, patterns, descriptions, closed objects) is layered on top.
// scripts/gen-crds.ts writes them to schemas/ (pure: no I/O here).
//
// KUDO's form (kudo.dev/v1beta1) and Maestro's v1 additions are one schema:
// Maestro reads the v1 keys in every apiVersion. `x-verify-check` names the
// `package verify` check that reports the same mistake with KUDO's message, so
// verify shows it once.
import { maintainerSchema, taskSpecSchema } from './common-schemas.ts';
import * as v1 from './v1/schema.ts';

/** A JSON Schema object (draft-07), as published. */
export type AuthoringSchema = { [key: string]: unknown };

export const SCHEMA_DRAFT = 'http://json-schema.org/draft-07/schema#';
export const packageApiVersions = ['kudo.dev/v1beta1', 'maestro.dev/v1beta1', 'maestro.dev/v1'];

/** Lenient semver, as KUDO's Masterminds/semver reads it (src/package/semver.ts). */
export const semverPattern =
  '^v?[0-9]+(\\.[0-9]+)?(\\.[0-9]+)?(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?$';

/** Copy of a model schema as plain JSON, with the CRD-only keywords dropped. */
function plain(schema: unknown): AuthoringSchema {
  return JSON.parse(JSON.stringify(schema), (key, value: unknown) =>
    key === 'x-kubernetes-preserve-unknown-fields' || key === 'nullable' ? undefined : value,
  ) as AuthoringSchema;
}

type Props = Record<string, AuthoringSchema>;

/** A closed object: unknown keys are flagged (KUDO ignores them, which hides typos). */
function closed(
  base: unknown,
  describe: Record<string, string>,
  extra: Props = {},
  more: AuthoringSchema = {},
): AuthoringSchema {
  const b = plain(base);
  const properties: Props = { ...((b.properties as Props | undefined) ?? {}), ...extra };
  for (const [k, d] of Object.entries(describe)) {
    properties[k] = { ...(properties[k] ?? {}), description: d };
  }
  return { ...b, type: 'object', properties, additionalProperties: false, ...more };
}

const str = (description: string, more: AuthoringSchema = {}) => ({
  type: 'string',
  description,
  ...more,
});

const version = (description: string, check: string) =>
  str(description, {
    pattern: semverPattern,
    errorMessage: 'must be a semantic version such as 1.2.3 (KUDO also reads 1.2 and v1.2.3-rc.1)',
    'x-verify-check': check,
  });

const taskKinds = ['Apply', 'Delete', 'Dummy', 'Pipe', 'Toggle', 'KudoOperator'];

const ifKind = (kinds: string[], then: AuthoringSchema): AuthoringSchema => ({
  if: { properties: { kind: { enum: kinds } }, required: ['kind'] },
  then,
});

const nonEmptyResources = (check: string): AuthoringSchema => ({
  properties: {
    spec: {
      required: ['resources'],
      properties: { resources: { minItems: 1, 'x-verify-check': check } },
      'x-verify-check': check,
    },
  },
  required: ['spec'],
  'x-verify-check': check,
});

const pipeSchema = closed(
  taskSpecSchema.properties.pipe.items,
  {
    file: 'Path of a file the pod writes (either file or envFile)',
    envFile: 'Path of an env file the pod writes (either file or envFile)',
    kind: 'Secret or ConfigMap: what the file is published as',
    key: 'Name of the published Secret or ConfigMap (letters, digits, _ and -)',
  },
  {},
  {
    required: ['kind', 'key'],
    oneOf: [{ required: ['file'] }, { required: ['envFile'] }],
    errorMessage: 'a pipe file needs either file or envFile, not both',
    'x-verify-check': 'task-pipe-file',
  },
);
(pipeSchema.properties as Props).kind = {
  ...(pipeSchema.properties as Props).kind,
  enum: ['Secret', 'ConfigMap'],
  'x-verify-check': 'task-pipe-kind',
};
(pipeSchema.properties as Props).key = {
  ...(pipeSchema.properties as Props).key,
  pattern: '^[a-zA-Z0-9_-]+$',
  errorMessage: 'only letters, digits, _ and - are allowed',
  'x-verify-check': 'task-pipe-key',
};

const taskSpec = closed(taskSpecSchema, {
  resources: 'Apply, Delete, Toggle: templates (paths under templates/) the task applies',
  parameter: 'Toggle: the boolean parameter that switches the resources on or off',
  pod: 'Pipe: the template of the pod that generates the files',
  package: 'KudoOperator: the operator package to install as a child Instance',
  instanceName: 'KudoOperator: name of the child Instance',
  appVersion: 'KudoOperator: app version of the child package',
  operatorVersion: 'KudoOperator: operator version of the child package',
  parameterFile: 'KudoOperator: template that renders the child parameters',
  wantErr: 'Dummy: fail the task (for tests)',
  fatal: 'Dummy: the failure is fatal',
  done: 'Dummy: the task completes (default true)',
});
(taskSpec.properties as Props).pipe = {
  type: 'array',
  description: 'Pipe: the files the pod writes and where they are published',
  items: pipeSchema,
};

const taskSchema: AuthoringSchema = {
  type: 'object',
  description: 'A unit of work a step runs',
  required: ['name', 'kind'],
  additionalProperties: false,
  properties: {
    name: str('Name steps refer to in their tasks list'),
    kind: str('What the task does', { enum: taskKinds, 'x-verify-check': 'task-unknown-kind' }),
    spec: taskSpec,
  },
  allOf: [
    ifKind(['Apply', 'Delete'], nonEmptyResources('task-empty-resources')),
    ifKind(['Toggle'], {
      ...nonEmptyResources('task-empty-resources'),
      properties: {
        spec: {
          required: ['resources', 'parameter'],
          properties: {
            resources: { minItems: 1, 'x-verify-check': 'task-empty-resources' },
            parameter: { minLength: 1, 'x-verify-check': 'task-toggle-parameter' },
          },
          'x-verify-check': 'task-toggle-parameter',
        },
      },
    }),
    ifKind(['Pipe'], {
      required: ['spec'],
      properties: {
        spec: {
          required: ['pod', 'pipe'],
          properties: { pipe: { minItems: 1, 'x-verify-check': 'task-pipe-empty' } },
          'x-verify-check': 'task-pipe-empty',
        },
      },
      'x-verify-check': 'task-pipe-empty',
    }),
    ifKind(['KudoOperator'], {
      required: ['spec'],
      properties: {
        spec: {
          required: ['package'],
          properties: { package: { minLength: 1, 'x-verify-check': 'task-kudooperator-package' } },
          'x-verify-check': 'task-kudooperator-package',
        },
      },
      'x-verify-check': 'task-kudooperator-package',
    }),
  ],
};

const duration = (what: string) => ({
  ...plain(v1.planSchema.properties.timeout),
  errorMessage: 'must be a Go duration such as 90s, 10m or 1h30m',
  description: `${what} (maestro.dev/v1): a Go duration such as 90s, 10m or 1h30m`,
  'x-verify-check': 'v1-schema',
});

const onFailure = (what: string) => {
  const s = closed(v1.onFailureSchema, {
    retries: 'How many times the step runs again from scratch before it fails',
    backoffSeconds: 'Seconds between retries',
    action: 'After the retries: Fail (FATAL_ERROR, the default) or Continue with the next step',
    plan: 'A plan to trigger once this one has failed, such as a rollback plan (not cleanup)',
  });
  const props = s.properties as Props;
  props.plan = {
    ...props.plan,
    not: { const: 'cleanup' },
    errorMessage: 'cleanup runs only when the Instance is deleted: it cannot be an onFailure plan',
    'x-verify-check': 'onfailure-plan-cleanup',
  };
  return { ...s, description: `What happens when ${what} fails (maestro.dev/v1)` };
};

const strategy = {
  type: 'string',
  enum: ['serial', 'parallel', 'canary'],
  'x-verify-check': 'unknown-strategy',
  description:
    'serial: one after the other; parallel: all at once; canary: serial, pausing for `continue` after the first canary.steps',
};

const stepSchema = closed(
  v1.planSchema.properties.phases.items.properties.steps.items,
  { name: 'Name of the step, unique in its phase', tasks: 'Tasks the step runs, by name' },
  { timeout: duration('How long the step may run'), onFailure: onFailure('the step') },
  { required: ['name'] },
);

const phaseSchema = closed(
  v1.planSchema.properties.phases.items,
  {
    name: 'Name of the phase, unique in its plan',
    canary: 'For strategy canary (maestro.dev/v1): how many steps pause for continue',
  },
  {
    strategy: { ...strategy, description: `How the steps run. ${strategy.description}` },
    timeout: duration('How long the phase may run'),
  },
  { required: ['name'] },
);
(phaseSchema.properties as Props).steps = {
  type: 'array',
  description: 'Steps, run as the strategy says',
  items: stepSchema,
};
(phaseSchema.properties as Props).canary = closed(
  v1.planSchema.properties.phases.items.properties.canary,
  { steps: 'Steps that pause for continue' },
  {},
  { description: 'For strategy canary (maestro.dev/v1)' },
);

const planSchema = closed(
  v1.planSchema,
  {},
  {
    phases: { type: 'array', description: 'Phases, in order', items: phaseSchema },
    strategy: { ...strategy, description: `How the phases run. ${strategy.description}` },
    timeout: duration('How long the plan may run'),
    onFailure: onFailure('the plan'),
  },
);

const operatorProperties: Props = {
  apiVersion: str('Format of this file', { enum: packageApiVersions }),
  name: str('Name of the operator (the Operator resource)'),
  description: str('What the operator runs'),
  operatorVersion: version('Version of the package (semver)', 'version-operator'),
  appVersion: version('Version of the application it runs (semver)', 'version-app'),
  kudoVersion: version('Lowest KUDO version the package needs (semver)', 'version-kudo'),
  kubernetesVersion: version(
    'Lowest Kubernetes version the package needs (semver)',
    'version-kubernetes',
  ),
  maintainers: {
    type: 'array',
    description: 'Who maintains the package',
    items: closed(maintainerSchema, { name: 'Name', email: 'E-mail address' }),
  },
  url: str('Home page of the operator'),
  namespaceManifest: str('Template (under templates/) of the namespace the Instance creates'),
  tasks: { type: 'array', description: 'Tasks, referred to by steps', items: taskSchema },
  plans: {
    type: 'object',
    description: 'Plans by name; deploy is required; update, upgrade and cleanup have meanings',
    required: ['deploy'],
    'x-verify-check': 'deploy-plan-missing',
    additionalProperties: planSchema,
  },
  upgradableFrom: {
    type: 'array',
    description: 'Operator versions this one may upgrade from (maestro.dev/v1 adds versions)',
    items: closed(v1.upgradableFromSchema, {
      versions: 'A semver range of operator versions, such as >=1.2.0 <2.0.0',
    }),
  },
  healthChecks: {
    type: 'array',
    description: 'Health rules for kinds with no built-in rule (maestro.dev/v1)',
    items: closed(v1.healthCheckSchema, {
      group: 'API group; "" for the core group',
      kind: 'Kind the rule applies to',
      conditions: 'Healthy when each listed condition has its status (default True)',
      fields: 'Healthy when the value at each JSON path equals the given value',
    }),
  },
};

/** The JSON Schema of operator.yaml. */
export const operatorFileSchema: AuthoringSchema = {
  $schema: SCHEMA_DRAFT,
  $id: 'https://maestro.dev/schemas/operator.json',
  title: 'Maestro operator package: operator.yaml',
  type: 'object',
  required: ['name', 'operatorVersion', 'kubernetesVersion', 'tasks', 'plans'],
  additionalProperties: false,
  properties: operatorProperties,
};

// --- params.yaml ---------------------------------------------------------

const typeNames = ['string', 'integer', 'number', 'boolean', 'array', 'map'];

/** A value of a declared parameter type, in YAML: typed, or a string KUDO parses. */
const typedValues: Record<string, AuthoringSchema> = {
  integer: { anyOf: [{ type: 'integer' }, { type: 'string', pattern: '^[-+]?[0-9]+$' }] },
  number: {
    anyOf: [
      { type: 'number' },
      {
        type: 'string',
        pattern:
          '^[-+]?((([0-9](_?[0-9])*)?\\.?[0-9](_?[0-9])*([eE][-+]?[0-9]+)?)|(0[xX][0-9a-fA-F_.]+([pP][-+]?[0-9]+)?)|[iI][nN][fF]([iI][nN][iI][tT][yY])?|[nN][aA][nN])$',
      },
    ],
  },
  boolean: {
    anyOf: [
      { type: 'boolean' },
      { enum: ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'] },
    ],
  },
  array: { type: ['array', 'string'] },
  map: { type: ['object', 'string'] },
  string: { type: 'string' },
};

const parameterSchema = closed(
  v1.parameterSchema,
  {
    name: 'Name templates use as .Params.NAME (no ; or ,)',
    displayName: 'Name shown to users',
    description: 'What the parameter does',
    required: 'The Instance must give a value when there is no default (default true)',
    default: 'Value used when the Instance gives none',
    trigger: 'Plan started when the value changes (default: update, else deploy)',
    immutable: 'The value cannot change after the Instance is created',
    enum: 'The only values allowed',
    schema: 'A JSON Schema every value must satisfy (maestro.dev/v1)',
  },
  {
    type: str('Type of the value (KUDO value-type)', { enum: typeNames }),
    group: str('Group (from groups) the parameter belongs to', {
      pattern: '^[^/]*$',
      errorMessage: 'a group name cannot contain /',
      'x-verify-check': 'param-group-slash',
    }),
    advanced: { type: 'boolean', description: 'Hidden from users unless they ask' },
    hint: str('A short hint shown next to the value'),
    schema: {
      type: 'object',
      description: 'A JSON Schema every value must satisfy (maestro.dev/v1)',
    },
  },
  {
    required: ['name'],
    allOf: [
      // KUDO: an advanced parameter must be optional or have a default.
      {
        if: { properties: { advanced: { const: true } }, required: ['advanced'] },
        then: {
          anyOf: [
            { required: ['default'] },
            { properties: { required: { const: false } }, required: ['required'] },
          ],
          errorMessage:
            'an advanced parameter must be optional (required: false) or have a default',
          'x-verify-check': 'param-advanced-required',
        },
      },
      // KUDO: an immutable parameter must be required or have a default.
      {
        if: { properties: { immutable: { const: true } }, required: ['immutable'] },
        then: {
          anyOf: [
            { required: ['default'] },
            { not: { properties: { required: { const: false } }, required: ['required'] } },
          ],
          errorMessage: 'an immutable parameter must be required or have a default',
          'x-verify-check': 'param-immutable',
        },
      },
      ...Object.entries(typedValues).map(([type, values]) => ({
        if: { properties: { type: { const: type } }, required: ['type'] },
        then: {
          properties: {
            default: {
              ...values,
              errorMessage: `must be a value of type ${type}`,
              'x-verify-check': 'param-default-invalid',
            },
            enum: {
              items: {
                ...values,
                errorMessage: `must be a value of type ${type}`,
                'x-verify-check': 'param-enum-invalid',
              },
            },
          },
        },
      })),
    ],
  },
);
{
  const props = parameterSchema.properties as Props;
  props.name = {
    ...props.name,
    pattern: '^[^;,]+$',
    errorMessage: 'a parameter name cannot contain ; or ,',
    'x-verify-check': 'param-invalid-char',
  };
  props.enum = { ...props.enum, minItems: 1, 'x-verify-check': 'param-enum-empty' };
}

/** The JSON Schema of params.yaml. */
export const paramsFileSchema: AuthoringSchema = {
  $schema: SCHEMA_DRAFT,
  $id: 'https://maestro.dev/schemas/params.json',
  title: 'Maestro operator package: params.yaml',
  type: 'object',
  additionalProperties: false,
  properties: {
    apiVersion: str('Format of this file', { enum: packageApiVersions }),
    groups: {
      type: 'array',
      description: 'Groups that parameters can be sorted into',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: {
          name: str('Name parameters refer to in group', {
            pattern: '^[^/]*$',
            errorMessage: 'a group name cannot contain /',
            'x-verify-check': 'group-slash',
          }),
          displayName: str('Name shown to users'),
          description: str('What the group holds'),
          prio: { type: 'integer', description: 'Order among groups (lower first)' },
        },
      },
    },
    parameters: {
      type: 'array',
      description: 'Parameters of the operator',
      items: parameterSchema,
    },
  },
};

/** The published schemas by file name under schemas/. */
export const packageFileSchemas: Record<string, AuthoringSchema> = {
  'operator.json': operatorFileSchema,
  'params.json': paramsFileSchema,
};
