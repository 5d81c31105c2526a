// Which apiVersions a Kubernetes release serves, for the kinds whose version
// moved between releases (the kinds of the alias table in api-versions.ts).
// Manifests that must name an apiVersion a cluster serves (the chart's
// PodDisruptionBudget, a CompositeController's child types) choose from this
// table for a given `--kube-version`, or from discovery of the cluster; they
// never assume one. Figures: the Kubernetes deprecation guide (removed in) and
// each version's introduction as GA or default-on beta.

import { findAlias } from './api-versions.ts';

export interface KubeVersion {
  major: number;
  minor: number;
}

interface Served {
  apiVersion: string;
  kind: string;
  /** First minor (of 1.x) that serves it. */
  since: number;
  /** First minor that no longer serves it. */
  removedIn?: number;
}

const served: readonly Served[] = [
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', since: 21 },
  { apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', since: 5, removedIn: 25 },
  { apiVersion: 'batch/v1', kind: 'CronJob', since: 21 },
  { apiVersion: 'batch/v1beta1', kind: 'CronJob', since: 8, removedIn: 25 },
  { apiVersion: 'batch/v2alpha1', kind: 'CronJob', since: 999 }, // alpha: never on by default
  { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', since: 23 },
  { apiVersion: 'autoscaling/v2beta2', kind: 'HorizontalPodAutoscaler', since: 12, removedIn: 26 },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', since: 7 },
  { apiVersion: 'extensions/v1beta1', kind: 'NetworkPolicy', since: 3, removedIn: 16 },
  { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', since: 14 },
  { apiVersion: 'scheduling.k8s.io/v1beta1', kind: 'PriorityClass', since: 11, removedIn: 22 },
  { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', since: 6 },
  { apiVersion: 'storage.k8s.io/v1beta1', kind: 'StorageClass', since: 4, removedIn: 22 },
  ...['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'].flatMap((kind) => [
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind, since: 8 },
    { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kind, since: 6, removedIn: 22 },
  ]),
  ...['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet'].flatMap((kind) => [
    { apiVersion: 'apps/v1', kind, since: 9 },
    { apiVersion: 'apps/v1beta2', kind, since: 8, removedIn: 16 },
    { apiVersion: 'apps/v1beta1', kind, since: 5, removedIn: 16 },
    { apiVersion: 'extensions/v1beta1', kind, since: 2, removedIn: 16 },
  ]),
];

const byKey = new Map(served.map((s) => [`${s.apiVersion}/${s.kind}`, s]));

/** Parses "1.20", "v1.20.2", "1.25.0-gke.1": major and minor. */
export function parseKubeVersion(text: string): KubeVersion | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(text.trim());
  if (m === null) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]) };
}

/**
 * Whether a release serves (apiVersion, kind): from the table for the kinds it
 * lists; undefined for the others (the table does not know them).
 */
export function servedIn(v: KubeVersion, apiVersion: string, kind: string): boolean | undefined {
  const s = byKey.get(`${apiVersion}/${kind}`);
  if (s === undefined) return undefined;
  if (v.major !== 1) return v.major > 1 && s.removedIn === undefined;
  return v.minor >= s.since && (s.removedIn === undefined || v.minor < s.removedIn);
}

/** "group/version/Kind" (and "group/version") entries for a release, as Helm's .Capabilities.APIVersions lists them. */
export function apiVersionsOf(v: KubeVersion): string[] {
  const out = new Set<string>();
  for (const s of served) {
    if (servedIn(v, s.apiVersion, s.kind)) {
      out.add(s.apiVersion);
      out.add(`${s.apiVersion}/${s.kind}`);
    }
  }
  return [...out].sort();
}

/** A cluster's answer to "is (apiVersion, kind) served?": the table, or discovery. */
export type ServedCheck = (apiVersion: string, kind: string) => boolean | undefined;

export function tableCheck(v: KubeVersion): ServedCheck {
  return (apiVersion, kind) => servedIn(v, apiVersion, kind);
}

/**
 * The apiVersion to declare (and emit) for a rendered (apiVersion, kind) on a
 * cluster: the vetted replacement when the cluster serves it, else the
 * rendered one when served; an error when neither is served. Kinds the check
 * does not know keep their apiVersion (through the alias when the table has one).
 */
export function chooseApiVersion(
  apiVersion: string,
  kind: string,
  isServed: ServedCheck,
): { ok: true; apiVersion: string } | { ok: false; reason: string } {
  const alias = findAlias(apiVersion, kind);
  if (alias !== undefined && isServed(alias.to, kind) !== false) {
    return { ok: true, apiVersion: alias.to };
  }
  if (isServed(apiVersion, kind) !== false) return { ok: true, apiVersion };
  return { ok: false, reason: `${kind} ${apiVersion} is not served by the target cluster` };
}
