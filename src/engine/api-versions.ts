// apiVersion aliases: old API versions that Kubernetes replaced by a newer one
// with the same fields. A KUDO package may render `policy/v1beta1`
// PodDisruptionBudgets while the CompositeController declares `policy/v1`;
// Metacontroller keys children by apiVersion, so without the rewrite the
// observed v1 object has no desired twin and is deleted on every sync
// (plan-engine-scenarios.md, scenario 7a).
//
// The table is vetted by hand: an entry exists only where the newer version
// accepts the older body unchanged (apart from the fields named in `requires`).
// Moves that changed the schema (Ingress to networking.k8s.io/v1, CRDs to
// apiextensions.k8s.io/v1, autoscaling/v2beta1) are deliberately absent: those
// bodies must be rewritten by the package author.

import { getPath } from './kobject.ts';

export interface GroupVersion {
  /** '' for the core group. */
  group: string;
  version: string;
}

/** Splits an apiVersion: 'v1' → core group; 'apps/v1' → group apps. */
export function parseApiVersion(apiVersion: string): GroupVersion {
  const slash = apiVersion.indexOf('/');
  if (slash < 0) return { group: '', version: apiVersion };
  return { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function formatApiVersion(gv: GroupVersion): string {
  return gv.group === '' ? gv.version : `${gv.group}/${gv.version}`;
}

export interface ApiVersionAlias {
  kind: string;
  /** The replaced apiVersion. */
  from: string;
  /** The apiVersion that replaced it. */
  to: string;
  /** Fields the newer version requires that the older one defaulted. */
  requires?: string[][];
}

const workloads = ['Deployment', 'DaemonSet', 'ReplicaSet'];
const rbac = ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'];

/** The vetted table. Sorted by kind, then `from`. */
export const apiVersionAliases: readonly ApiVersionAlias[] = [
  // apps/v1 requires spec.selector, which the beta versions derived from the pod labels.
  ...workloads.flatMap((kind) =>
    ['apps/v1beta1', 'apps/v1beta2', 'extensions/v1beta1']
      .filter((from) => !(kind === 'DaemonSet' && from === 'apps/v1beta1'))
      .filter((from) => !(kind === 'ReplicaSet' && from === 'apps/v1beta1'))
      .map((from) => ({ kind, from, to: 'apps/v1', requires: [['spec', 'selector']] })),
  ),
  ...['apps/v1beta1', 'apps/v1beta2'].map((from) => ({
    kind: 'StatefulSet',
    from,
    to: 'apps/v1',
    requires: [['spec', 'selector']],
  })),
  { kind: 'CronJob', from: 'batch/v1beta1', to: 'batch/v1' },
  { kind: 'CronJob', from: 'batch/v2alpha1', to: 'batch/v1' },
  { kind: 'HorizontalPodAutoscaler', from: 'autoscaling/v2beta2', to: 'autoscaling/v2' },
  { kind: 'NetworkPolicy', from: 'extensions/v1beta1', to: 'networking.k8s.io/v1' },
  { kind: 'PodDisruptionBudget', from: 'policy/v1beta1', to: 'policy/v1' },
  { kind: 'PriorityClass', from: 'scheduling.k8s.io/v1beta1', to: 'scheduling.k8s.io/v1' },
  ...rbac.map((kind) => ({
    kind,
    from: 'rbac.authorization.k8s.io/v1beta1',
    to: 'rbac.authorization.k8s.io/v1',
  })),
  { kind: 'StorageClass', from: 'storage.k8s.io/v1beta1', to: 'storage.k8s.io/v1' },
].sort((a, b) => a.kind.localeCompare(b.kind) || a.from.localeCompare(b.from));

const byKindAndFrom = new Map(apiVersionAliases.map((a) => [`${a.kind} ${a.from}`, a]));

/** The alias entry for an old (apiVersion, kind), if the table has one. */
export function findAlias(apiVersion: string, kind: string): ApiVersionAlias | undefined {
  return byKindAndFrom.get(`${kind} ${apiVersion}`);
}

/**
 * The group a kind lives in today. `extensions/v1beta1` Deployments are `apps`
 * Deployments: identity must not change when the version moves.
 */
export function canonicalGroup(apiVersion: string, kind: string): string {
  const alias = findAlias(apiVersion, kind);
  return parseApiVersion(alias ? alias.to : apiVersion).group;
}

/** A declared child type, as read from a hook request's `children` keys. */
export interface DeclaredType {
  apiVersion: string;
  kind: string;
}

export type ResolvedApiVersion =
  { ok: true; apiVersion: string; aliased: boolean } | { ok: false; reason: string };

/**
 * The apiVersion under which a rendered object must be emitted so that
 * Metacontroller pairs it with the observed child of the declared type.
 * Exact declarations win; otherwise one step through the vetted table. The
 * `reason` of a failure names the object's kind and apiVersion.
 */
export function resolveDeclaredApiVersion(
  body: { apiVersion: string; kind: string; [field: string]: unknown },
  declared: readonly DeclaredType[],
): ResolvedApiVersion {
  const { apiVersion, kind } = body;
  if (declared.some((d) => d.kind === kind && d.apiVersion === apiVersion)) {
    return { ok: true, apiVersion, aliased: false };
  }
  const alias = findAlias(apiVersion, kind);
  if (alias && declared.some((d) => d.kind === kind && d.apiVersion === alias.to)) {
    const missing = (alias.requires ?? []).find((path) => getPath(body, ...path) === undefined);
    if (missing) {
      return {
        ok: false,
        reason: `${kind} ${apiVersion} can only be sent as ${alias.to} with ${missing.join('.')} set`,
      };
    }
    return { ok: true, apiVersion: alias.to, aliased: true };
  }
  const sameKind = declared.filter((d) => d.kind === kind).map((d) => d.apiVersion);
  const hint =
    sameKind.length > 0
      ? `; the controller declares ${kind} only as ${sameKind.sort().join(', ')}, and ${apiVersion} is not a vetted alias of it`
      : '; add it to the CompositeController childResources (maestro manifests does)';
  return { ok: false, reason: `${kind} ${apiVersion} is not a declared child type${hint}` };
}
