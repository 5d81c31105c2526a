// Kinds that are cluster-scoped in Kubernetes and in common add-ons. A
// namespaced Instance cannot own them and Metacontroller never observes them;
// a ClusterInstance can (docs/packages.md, "Cluster-scoped children").
export const clusterScopedKinds = new Set([
  'APIService',
  'CertificateSigningRequest',
  'ClusterIssuer',
  'ClusterRole',
  'ClusterRoleBinding',
  'ComponentStatus',
  'CSIDriver',
  'CSINode',
  'CustomResourceDefinition',
  'FlowSchema',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PodSecurityPolicy',
  'PriorityClass',
  'PriorityLevelConfiguration',
  'RuntimeClass',
  'StorageClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
]);

/**
 * The kinds of the CustomResourceDefinitions among `objects` that say
 * `scope: Cluster`: a package that defines such a CRD renders cluster-scoped
 * custom resources. A CRD that says Namespaced (or nothing) adds nothing.
 */
export function clusterScopedCustomKinds(objects: readonly unknown[]): string[] {
  const kinds = new Set<string>();
  for (const o of objects) {
    if (o === null || typeof o !== 'object') continue;
    const obj = o as { kind?: unknown; spec?: unknown };
    if (obj.kind !== 'CustomResourceDefinition') continue;
    const spec = obj.spec as { scope?: unknown; names?: { kind?: unknown } } | undefined;
    if (spec?.scope !== 'Cluster') continue;
    const kind = spec.names?.kind;
    if (typeof kind === 'string' && kind !== '') kinds.add(kind);
  }
  return [...kinds].sort();
}

/** Whether objects of `kind` are cluster-scoped: a built-in one, or one of `customKinds`. */
export function isClusterScopedKind(kind: unknown, customKinds?: Iterable<string>): boolean {
  const k = String(kind);
  if (clusterScopedKinds.has(k)) return true;
  if (customKinds === undefined) return false;
  for (const c of customKinds) if (c === k) return true;
  return false;
}

const TOP_KIND = /^kind:[ \t]*["']?([A-Za-z0-9]+)["']?[ \t]*(#.*)?$/m;
const NESTED_KIND = /^[ \t]+kind:[ \t]*["']?([A-Za-z0-9]+)["']?[ \t]*(#.*)?$/m;
const CLUSTER_SCOPE = /^[ \t]+scope:[ \t]*["']?Cluster["']?[ \t]*(#.*)?$/m;

/** A template that renders a cluster-scoped kind, found without rendering. */
export interface ClusterScopedTemplate {
  template: string;
  kind: string;
}

/**
 * The templates of a package (text by file name) that render a cluster-scoped
 * kind, found from each YAML document's top-level `kind:` without rendering:
 * built-in cluster-scoped kinds, and the kinds of the package's own CRDs that
 * say `scope: Cluster`. Such a package is installed as a ClusterInstance
 * (`simulate`, `render` and `install` pick it by this). Sorted by template.
 */
export function clusterScopedTemplates(
  templates: Readonly<Record<string, string>>,
): ClusterScopedTemplate[] {
  const docs = Object.keys(templates)
    .sort()
    .flatMap((template) =>
      templates[template]!.split(/^---[ \t]*$/m).map((text) => ({ template, text })),
    );
  const custom = clusterScopedTemplateKinds(templates);
  const out: ClusterScopedTemplate[] = [];
  const seen = new Set<string>();
  for (const { template, text } of docs) {
    const kind = TOP_KIND.exec(text)?.[1];
    if (kind === undefined || !isClusterScopedKind(kind, custom)) continue;
    const key = `${template}\0${kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ template, kind });
  }
  return out;
}

/** The kinds of the package's own CRDs that say `scope: Cluster`, found without rendering. */
export function clusterScopedTemplateKinds(templates: Readonly<Record<string, string>>): string[] {
  const kinds = new Set<string>();
  for (const text of Object.values(templates))
    for (const doc of text.split(/^---[ \t]*$/m)) {
      if (TOP_KIND.exec(doc)?.[1] !== 'CustomResourceDefinition' || !CLUSTER_SCOPE.test(doc))
        continue;
      const kind = NESTED_KIND.exec(doc)?.[1];
      if (kind !== undefined) kinds.add(kind);
    }
  return [...kinds].sort();
}
