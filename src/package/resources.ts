// Builds the Operator, OperatorVersion and a default Instance from a package,
// as KUDO's FilesToResources does (convert/resources.go), in both versions.
// v1beta1 is KUDO's exact output (every default a string); v1 is its hub
// conversion with defaults typed by their declared type, plus v1-only keys.
import { toHub } from '../model/conversion/index.ts';
import { V1BETA1, defaultInstanceName, labels, operatorVersionName } from '../model/names.ts';
import type { JsonValue } from '../model/schema-type.ts';
import type { v1, v1beta1 } from '../model/types.ts';
import { kudoWrap } from '../model/kudo-parameters.ts';
import type { Package, PackageParameter } from './types.ts';

function parameterV1beta1(p: PackageParameter): v1beta1.Parameter {
  const out: v1beta1.Parameter = {};
  if (p.name !== undefined) out.name = p.name;
  if (p.displayName !== undefined) out.displayName = p.displayName;
  if (p.description !== undefined) out.description = p.description;
  if (p.required !== undefined) out.required = p.required;
  const d = kudoWrap(p.default, p.type);
  if (d !== undefined) out.default = d;
  if (p.trigger !== undefined) out.trigger = p.trigger;
  if (p.type !== undefined) out['value-type'] = p.type;
  if (p.immutable !== undefined) out.immutable = p.immutable;
  if (p.enum !== undefined) out.enum = p.enum.map((v) => kudoWrap(v, p.type) ?? '');
  return out;
}

/** The typed v1 form of a default, when it has the declared type; else KUDO's string. */
export function typedDefault(p: PackageParameter): JsonValue | undefined {
  const v = p.default;
  const ok =
    (p.type === 'integer' && typeof v === 'number' && Number.isInteger(v)) ||
    (p.type === 'number' && typeof v === 'number') ||
    (p.type === 'boolean' && typeof v === 'boolean') ||
    (p.type === 'array' && Array.isArray(v)) ||
    (p.type === 'map' && v !== null && typeof v === 'object' && !Array.isArray(v));
  return ok ? v : kudoWrap(v, p.type);
}

export interface PackageResources {
  operator: v1beta1.Operator;
  operatorVersion: v1beta1.OperatorVersion;
  instance: v1beta1.Instance;
  v1: { operator: v1.Operator; operatorVersion: v1.OperatorVersion; instance: v1.Instance };
}

export function packageResources(pkg: Package, instanceName?: string): PackageResources {
  const op = pkg.operator;
  const name = op.name ?? '';
  const ovName = operatorVersionName(name, op.appVersion, op.operatorVersion ?? '');
  const operatorSpec: v1beta1.Operator['spec'] = {};
  for (const key of [
    'description',
    'kudoVersion',
    'kubernetesVersion',
    'url',
    'namespaceManifest',
  ] as const) {
    if (op[key] !== undefined) operatorSpec[key] = op[key];
  }
  if (op.maintainers !== undefined) operatorSpec.maintainers = op.maintainers;

  const plans: NonNullable<v1beta1.OperatorVersionSpec['plans']> = {};
  for (const [planName, plan] of Object.entries(op.plans ?? {})) {
    plans[planName] = {
      ...(plan.strategy !== undefined && { strategy: plan.strategy }),
      ...(plan.phases !== undefined && {
        phases: plan.phases.map((ph) => ({
          ...(ph.name !== undefined && { name: ph.name }),
          ...(ph.strategy !== undefined && { strategy: ph.strategy }),
          ...(ph.steps !== undefined && {
            steps: ph.steps.map((st) => ({
              ...(st.name !== undefined && { name: st.name }),
              ...(st.tasks !== undefined && { tasks: st.tasks }),
            })),
          }),
        })),
      }),
    };
  }
  const ovSpec: v1beta1.OperatorVersionSpec = {
    operator: { name, kind: 'Operator' },
    version: op.operatorVersion ?? '',
    ...(op.appVersion !== undefined && { appVersion: op.appVersion }),
    templates: pkg.templates,
    tasks: op.tasks ?? [],
    parameters: (pkg.params.parameters ?? []).map(parameterV1beta1),
    plans,
  };
  const operator: v1beta1.Operator = {
    apiVersion: V1BETA1,
    kind: 'Operator',
    metadata: { name },
    spec: operatorSpec,
  };
  const operatorVersion: v1beta1.OperatorVersion = {
    apiVersion: V1BETA1,
    kind: 'OperatorVersion',
    metadata: { name: ovName },
    spec: ovSpec,
  };
  const instance: v1beta1.Instance = {
    apiVersion: V1BETA1,
    kind: 'Instance',
    metadata: {
      name: instanceName ?? defaultInstanceName(name),
      labels: { [labels.kudoOperator]: name, [labels.operator]: name },
    },
    spec: { operatorVersion: { name: ovName }, parameters: {} },
  };

  const hubOv = toHub(structuredClone(operatorVersion)) as v1.OperatorVersion;
  enrichV1(hubOv, pkg);
  return {
    operator,
    operatorVersion,
    instance,
    v1: {
      operator: toHub(structuredClone(operator)) as v1.Operator,
      operatorVersion: hubOv,
      instance: toHub(structuredClone(instance)) as v1.Instance,
    },
  };
}

/**
 * The ClusterInstance of an Instance (docs/packages.md, "Cluster-scoped
 * children"): no metadata.namespace; its namespaced children go to
 * `namespace`, and its OperatorVersion is in `operatorVersionNamespace`.
 */
export function asClusterInstance(
  instance: v1.Instance,
  namespace: string,
  operatorVersionNamespace: string = namespace,
): v1.ClusterInstance {
  const { namespace: _dropped, ...metadata } = instance.metadata;
  return {
    apiVersion: instance.apiVersion,
    kind: 'ClusterInstance',
    metadata,
    spec: {
      ...instance.spec,
      namespace,
      operatorVersion: {
        ...instance.spec?.operatorVersion,
        name: instance.spec?.operatorVersion?.name ?? '',
        namespace: operatorVersionNamespace,
      },
    },
    ...(instance.status !== undefined && { status: instance.status }),
  };
}

/** Typed defaults and enums, parameter schemas, and the v1-only operator.yaml keys. */
function enrichV1(ov: v1.OperatorVersion, pkg: Package): void {
  const spec = ov.spec!;
  (pkg.params.parameters ?? []).forEach((p, i) => {
    const target = spec.parameters![i]!;
    const d = typedDefault(p);
    if (d !== undefined && typeof d !== 'string') target.default = d;
    if (p.enum !== undefined && p.type !== undefined && p.type !== 'string') {
      const typed = p.enum.map((v) => typedDefault({ ...p, default: v }));
      if (typed.every((v) => v !== undefined && typeof v !== 'string'))
        target.enum = typed as JsonValue[];
    }
    if (p.schema !== undefined) target.schema = p.schema;
  });
  const op = pkg.operator;
  for (const [planName, plan] of Object.entries(op.plans ?? {})) {
    const target = spec.plans![planName]!;
    if (plan.timeout !== undefined) target.timeout = plan.timeout;
    if (plan.onFailure !== undefined) target.onFailure = plan.onFailure;
    plan.phases?.forEach((ph, i) => {
      const tp = target.phases![i]!;
      if (ph.canary !== undefined) tp.canary = ph.canary;
      if (ph.timeout !== undefined) tp.timeout = ph.timeout;
      ph.steps?.forEach((st, j) => {
        const ts = tp.steps![j]!;
        if (st.timeout !== undefined) ts.timeout = st.timeout;
        if (st.onFailure !== undefined) ts.onFailure = st.onFailure;
      });
    });
  }
  if (op.upgradableFrom !== undefined) spec.upgradableFrom = op.upgradableFrom;
  if (op.healthChecks !== undefined) spec.healthChecks = op.healthChecks;
}

export { kudoWrap };
