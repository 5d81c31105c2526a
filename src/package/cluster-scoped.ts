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
