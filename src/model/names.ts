// Names, groups, label and annotation keys of the API (DESIGN.md, "API").
export const GROUP = 'maestro.dev';
export const KUDO_GROUP = 'kudo.dev';
export const V1 = `${GROUP}/v1` as const;
export const V1BETA1 = `${GROUP}/v1beta1` as const;
export const KINDS = ['Operator', 'OperatorVersion', 'Instance'] as const;
export type Kind = (typeof KINDS)[number];

/** Plural resource names, as the CRDs declare them. */
export const PLURALS: Record<Kind, string> = {
  Operator: 'operators',
  OperatorVersion: 'operatorversions',
  Instance: 'instances',
};

/**
 * The cluster-scoped parent kind (docs/packages.md, "Cluster-scoped children"):
 * an Instance whose package renders cluster-scoped kinds. Served and stored at
 * v1 only (KUDO never had it), so it is not one of KINDS (which conversion
 * and v1beta1 cover).
 */
export const CLUSTER_INSTANCE = 'ClusterInstance' as const;
export const CLUSTER_INSTANCE_PLURAL = 'clusterinstances';

/** The two parent kinds the Metacontroller hooks and admission serve. */
export const PARENT_KINDS = ['Instance', CLUSTER_INSTANCE] as const;
export type ParentKind = (typeof PARENT_KINDS)[number];

/** Every kind Maestro installs a CRD for. */
export const CRD_KINDS = [...KINDS, CLUSTER_INSTANCE] as const;
export type CrdKind = (typeof CRD_KINDS)[number];

/** Plural resource names of every CRD kind. */
export const CRD_PLURALS: Record<CrdKind, string> = {
  ...PLURALS,
  ClusterInstance: CLUSTER_INSTANCE_PLURAL,
};

/** True for `ClusterInstance`: its namespaced children go to `spec.namespace`. */
export function isClusterParentKind(kind: unknown): kind is typeof CLUSTER_INSTANCE {
  return kind === CLUSTER_INSTANCE;
}

/** The one annotation conversion writes: v1 fields that v1beta1 cannot hold. */
export const CONVERSION_ANNOTATION = 'maestro.dev/v1-fields';

/** Labels on every child and pod template: KUDO's keys, then Maestro's own. */
export const labels = {
  heritage: 'heritage',
  kudoOperator: 'kudo.dev/operator',
  kudoInstance: 'kudo.dev/instance',
  managedBy: 'app.kubernetes.io/managed-by',
  operator: 'maestro.dev/operator',
  instance: 'maestro.dev/instance',
} as const;

/** KUDO's annotation keys on children (kudo-semantics.md §3.3). */
export const kudoAnnotations = {
  plan: 'kudo.dev/plan',
  phase: 'kudo.dev/phase',
  step: 'kudo.dev/step',
  planUid: 'kudo.dev/last-plan-execution-uid',
  operatorVersion: 'kudo.dev/operator-version',
} as const;

/** KUDO's OperatorVersionName: `<op>-<appVersion>-<version>`, or `<op>-<version>` without appVersion. */
export function operatorVersionName(
  operator: string,
  appVersion: string | undefined,
  version: string,
): string {
  return appVersion ? `${operator}-${appVersion}-${version}` : `${operator}-${version}`;
}

/** KUDO's default instance name. */
export function defaultInstanceName(operator: string): string {
  return `${operator}-instance`;
}

/**
 * KUDO's name for pipe pods and pipe artifacts: `<instance>.<plan>.<phase>.<step>.<task>.<suffix>`,
 * each part lower-cased with every character outside [a-z0-9] removed.
 */
export function pipeArtifactName(
  parts: { instance: string; plan: string; phase: string; step: string; task: string },
  suffix: string,
): string {
  return [parts.instance, parts.plan, parts.phase, parts.step, parts.task, suffix]
    .map((part) => part.toLowerCase().replace(/[^a-z0-9]+/g, ''))
    .join('.');
}
