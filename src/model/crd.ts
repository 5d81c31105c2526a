// The CustomResourceDefinitions, built from the schemas of both versions
// (pure; scripts/gen-crds.ts writes them to crds/). Both versions are served,
// v1 is stored, conversion goes through Maestro's /convert webhook.
import { CRD_PLURALS, GROUP, type CrdKind, type Kind } from './names.ts';
import type { JsonSchema } from './schema-type.ts';
import * as v1 from './v1/schema.ts';
import * as v1beta1 from './v1beta1/schema.ts';

/** Where kube-apiserver reaches the conversion webhook (DESIGN.md, "Wire contracts"). */
export const conversionService = {
  namespace: 'maestro-system',
  name: 'maestro',
  path: '/convert',
  port: 443,
} as const;

interface Column {
  name: string;
  type: 'string' | 'date' | 'integer';
  jsonPath: string;
  description?: string;
}

const age: Column = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };
const ready: Column = {
  name: 'Ready',
  type: 'string',
  jsonPath: '.status.conditions[?(@.type=="Ready")].status',
  description: 'The Ready condition',
};

const instanceColumns: Column[] = [
  {
    name: 'Plan',
    type: 'string',
    jsonPath: '.status.maestro.execution.plan',
    description: 'The running plan, or the last one',
  },
  {
    name: 'Status',
    type: 'string',
    jsonPath: '.status.maestro.execution.status',
    description: 'Status of that plan',
  },
  ready,
  age,
];

const columns: Record<Kind, { v1: Column[]; v1beta1: Column[] }> = {
  Operator: { v1: [age], v1beta1: [age] },
  OperatorVersion: {
    v1: [
      { name: 'Operator', type: 'string', jsonPath: '.spec.operator.name' },
      { name: 'Version', type: 'string', jsonPath: '.spec.version' },
      { name: 'App', type: 'string', jsonPath: '.spec.appVersion' },
      age,
    ],
    v1beta1: [
      { name: 'Operator', type: 'string', jsonPath: '.spec.operator.name' },
      { name: 'Version', type: 'string', jsonPath: '.spec.version' },
      { name: 'App', type: 'string', jsonPath: '.spec.appVersion' },
      age,
    ],
  },
  Instance: {
    v1: instanceColumns,
    v1beta1: [
      { name: 'Plan', type: 'string', jsonPath: '.spec.planExecution.planName' },
      { name: 'Status', type: 'string', jsonPath: '.spec.planExecution.status' },
      ready,
      age,
    ],
  },
};

const schemas: Record<Kind, { v1: JsonSchema; v1beta1: JsonSchema }> = {
  Operator: { v1: v1.operatorSchema, v1beta1: v1beta1.operatorSchema },
  OperatorVersion: { v1: v1.operatorVersionSchema, v1beta1: v1beta1.operatorVersionSchema },
  Instance: { v1: v1.instanceSchema, v1beta1: v1beta1.instanceSchema },
};

/** Plain JSON copy of a schema (drops the `as const` readonly-ness). */
function plain(schema: JsonSchema): unknown {
  return JSON.parse(JSON.stringify(schema));
}

/** The ClusterInstance columns: the namespace of its children, then the Instance columns. */
const clusterInstanceColumns: Column[] = [
  {
    name: 'Namespace',
    type: 'string',
    jsonPath: '.spec.namespace',
    description: 'Where its namespaced children go',
  },
  ...instanceColumns,
];

/** The envelope every Maestro CRD shares; `extra` holds what differs by kind (conversion, versions). */
function definition(kind: CrdKind, scope: 'Namespaced' | 'Cluster', extra: object) {
  const plural = CRD_PLURALS[kind];
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${GROUP}` },
    spec: {
      group: GROUP,
      names: {
        kind,
        listKind: `${kind}List`,
        plural,
        singular: kind.toLowerCase(),
        categories: ['maestro'],
      },
      scope,
      preserveUnknownFields: false,
      ...extra,
    },
  };
}

export function customResourceDefinition(kind: CrdKind) {
  if (kind === 'ClusterInstance') {
    // Cluster-scoped and v1 only (KUDO never had the kind): no v1beta1, no conversion webhook.
    return definition(kind, 'Cluster', {
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: plain(v1.clusterInstanceSchema) },
          subresources: { status: {} },
          additionalPrinterColumns: clusterInstanceColumns,
        },
      ],
    });
  }
  const version = (name: 'v1' | 'v1beta1') => ({
    name,
    served: true,
    storage: name === 'v1',
    schema: { openAPIV3Schema: plain(schemas[kind][name]) },
    subresources: { status: {} },
    additionalPrinterColumns: columns[kind][name],
  });
  return definition(kind, 'Namespaced', {
    conversion: {
      strategy: 'Webhook',
      webhook: {
        conversionReviewVersions: ['v1'],
        clientConfig: { service: { ...conversionService } },
      },
    },
    versions: [version('v1'), version('v1beta1')],
  });
}
