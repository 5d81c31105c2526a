// The kinds an operator package can render, found without rendering: the
// top-level `apiVersion:` and `kind:` of each YAML document in each template,
// plus what tasks create themselves (a KudoOperator task renders a child
// Instance; a Pipe task the ConfigMaps or Secrets it fills and the Job,
// ServiceAccount, Role and RoleBinding that fill them). Old
// apiVersions are mapped to their vetted replacement, as the engine does, so
// Metacontroller watches children under the version the engine emits.
import { findAlias } from '../../engine/api-versions.ts';
import { GROUP } from '../../model/names.ts';
import { pipeChildTypes } from '../../engine/pipe/types.ts';
import type { Package } from '../../package/types.ts';

export interface ChildKind {
  apiVersion: string;
  kind: string;
}

/** Plural resource names of the kinds packages use; others follow the English rule. */
const PLURALS: Record<string, string> = {
  Endpoints: 'endpoints',
  Ingress: 'ingresses',
  NetworkPolicy: 'networkpolicies',
  PodDisruptionBudget: 'poddisruptionbudgets',
  PodSecurityPolicy: 'podsecuritypolicies',
  PriorityClass: 'priorityclasses',
  StorageClass: 'storageclasses',
};

export function pluralOf(kind: string): string {
  const known = PLURALS[kind];
  if (known !== undefined) return known;
  const lower = kind.toLowerCase();
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${lower}es`;
  return `${lower}s`;
}

const TOP_LEVEL = /^(apiVersion|kind):[ \t]*["']?([^"'\s#{}]+)["']?[ \t]*(#.*)?$/;

/**
 * (apiVersion, kind) of every YAML document of a template whose header names
 * both plainly; a document whose branches (`{{ if }} ... {{ else }} ...`)
 * hold several headers gives each pair, in order.
 */
export function renderedKinds(text: string): ChildKind[] {
  const out: ChildKind[] = [];
  for (const doc of text.split(/^---[ \t]*$/m)) {
    let apiVersion: string | undefined;
    let kind: string | undefined;
    for (const line of doc.split('\n')) {
      const m = TOP_LEVEL.exec(line);
      if (m === null) continue;
      if (m[1] === 'apiVersion') apiVersion ??= m[2];
      else kind ??= m[2];
      if (apiVersion !== undefined && kind !== undefined) {
        out.push({ apiVersion, kind });
        apiVersion = undefined;
        kind = undefined;
      }
    }
  }
  return out;
}

/** The kinds as the templates and tasks name them, before any apiVersion mapping. */
export function renderedChildKinds(pkg: Package): ChildKind[] {
  const found: ChildKind[] = [];
  // A pipe pod template is never a child itself: the engine turns it into a Job.
  const tasks = pkg.operator.tasks ?? [];
  const pipePods = new Set(tasks.flatMap((t) => (t.kind === 'Pipe' ? [t.spec?.pod ?? ''] : [])));
  const applied = new Set(
    tasks.flatMap((t) => (t.kind === 'Pipe' ? [] : (t.spec?.resources ?? []))),
  );
  for (const file of Object.keys(pkg.templates).sort()) {
    if (pipePods.has(file) && !applied.has(file)) continue;
    found.push(...renderedKinds(pkg.templates[file]!));
  }
  for (const task of pkg.operator.tasks ?? []) {
    if (task.kind === 'KudoOperator') found.push({ apiVersion: `${GROUP}/v1`, kind: 'Instance' });
  }
  // A Pipe task: its artifacts, and the Job, ServiceAccount, Role and RoleBinding
  // that publish into them (docs/pipe.md).
  found.push(...pipeChildTypes(pkg.operator.tasks ?? []));
  return found;
}

/** The child kinds, old apiVersions under their vetted replacement (for clusters that serve it). */
export function childKinds(pkg: Package): ChildKind[] {
  const unique = new Map<string, ChildKind>();
  for (const k of renderedChildKinds(pkg)) {
    const apiVersion = findAlias(k.apiVersion, k.kind)?.to ?? k.apiVersion;
    unique.set(`${apiVersion} ${k.kind}`, { apiVersion, kind: k.kind });
  }
  return [...unique.values()].sort(
    (a, b) => a.apiVersion.localeCompare(b.apiVersion) || a.kind.localeCompare(b.kind),
  );
}

/**
 * Child kinds whose CustomResourceDefinition the package renders itself (the
 * CRD template's `spec.group` and `spec.names.kind`, read as written).
 * Metacontroller starts a CompositeController only once every declared child
 * type is served, so such a controller never starts on a cluster without the
 * CRD, and the CRD is one of its own children (docs/install.md).
 */
export function ownCustomResourceKinds(pkg: Package, children: ChildKind[]): ChildKind[] {
  const defined = new Set(definedCustomKinds(pkg));
  return children.filter((c) => {
    const group = c.apiVersion.includes('/') ? c.apiVersion.split('/')[0]! : '';
    return defined.has(`${group}/${c.kind}`);
  });
}

/** `group/Kind` of every CustomResourceDefinition the package's templates render, sorted. */
export function definedCustomKinds(pkg: Package): string[] {
  const defined = new Set<string>();
  for (const text of Object.values(pkg.templates)) {
    for (const doc of text.split(/^---[ \t]*$/m)) {
      if (!/^kind:[ \t]*["']?CustomResourceDefinition["']?[ \t]*$/m.test(doc)) continue;
      const group = /^[ \t]+group:[ \t]*["']?([a-z0-9.-]+)["']?[ \t]*$/m.exec(doc)?.[1];
      const names = /^([ \t]+)names:[ \t]*$/m.exec(doc);
      if (group === undefined || names === null) continue;
      const rest = doc.slice(names.index + names[0].length);
      const kind = /^[ \t]+kind:[ \t]*["']?([A-Za-z0-9]+)["']?[ \t]*$/m.exec(rest)?.[1];
      if (kind !== undefined) defined.add(`${group}/${kind}`);
    }
  }
  return [...defined].sort();
}

/** What `manifests` and `install` say about ownCustomResourceKinds. */
export function ownCustomResourcesWarning(own: ChildKind[]): string {
  return `the package renders custom resources of CRDs it creates itself (${own.map((k) => `${k.kind} ${k.apiVersion}`).join(', ')}); Metacontroller starts a CompositeController only when every child type is served, so install those CRDs before the package (docs/install.md, "Packages with their own CRDs")`;
}
