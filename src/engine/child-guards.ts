// Guards on a rendered child before it goes into a response (DESIGN.md,
// "Guards, read from the request"; scenario 7): its type must be declared,
// possibly through a vetted apiVersion alias; a cluster-scoped kind under a
// namespaced Instance is never observed and leaks; and two children with one
// identity make Metacontroller drop one silently.

import { resolveDeclaredApiVersion } from './api-versions.ts';
import type { DeclaredType } from './api-versions.ts';
import { canonicalGroup } from './api-versions.ts';
import { compareIdentity, describeIdentity, identityKey, identityOf } from './identity.ts';
import type { ChildIdentity } from './identity.ts';
import type { KObject } from './kobject.ts';

/** Built-in cluster-scoped kinds, by `group/Kind`. Custom resources are assumed namespaced. */
export const clusterScopedKinds: ReadonlySet<string> = new Set([
  '/Namespace',
  '/Node',
  '/PersistentVolume',
  '/ComponentStatus',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'apiregistration.k8s.io/APIService',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'storage.k8s.io/StorageClass',
  'storage.k8s.io/CSIDriver',
  'storage.k8s.io/CSINode',
  'storage.k8s.io/VolumeAttachment',
  'scheduling.k8s.io/PriorityClass',
  'node.k8s.io/RuntimeClass',
  'networking.k8s.io/IngressClass',
  'policy/PodSecurityPolicy',
  'certificates.k8s.io/CertificateSigningRequest',
  'flowcontrol.apiserver.k8s.io/FlowSchema',
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
]);

export function isClusterScoped(apiVersion: string, kind: string): boolean {
  return clusterScopedKinds.has(`${canonicalGroup(apiVersion, kind)}/${kind}`);
}

export type GuardResult = { ok: true; body: KObject } | { ok: false; reason: string };

/**
 * Checks one rendered child against the declared types. On success the body
 * comes back with its apiVersion rewritten to the declared one (a copy when
 * rewritten). `source` names where it came from (a template file) for messages.
 */
export function guardRenderedChild(
  body: KObject,
  declared: readonly DeclaredType[],
  source: string,
  parentNamespaced = true,
): GuardResult {
  const who = `${describeIdentity(identityOf(body))} (${source})`;
  if (parentNamespaced && isClusterScoped(body.apiVersion, body.kind)) {
    return {
      ok: false,
      reason: `${who}: ${body.kind} is cluster-scoped; Metacontroller never observes it under a namespaced Instance, so it would leak`,
    };
  }
  const resolved = resolveDeclaredApiVersion(body, declared);
  if (!resolved.ok) return { ok: false, reason: `${who}: ${resolved.reason}` };
  if (!resolved.aliased) return { ok: true, body };
  return { ok: true, body: { ...body, apiVersion: resolved.apiVersion } };
}

export interface DuplicateIdentity {
  identity: ChildIdentity;
  /** Positions in the input, ascending. */
  indexes: number[];
}

/** Identities that occur more than once, sorted by identity. */
export function duplicateIdentities(bodies: readonly KObject[]): DuplicateIdentity[] {
  const seen = new Map<string, DuplicateIdentity>();
  bodies.forEach((b, i) => {
    const identity = identityOf(b);
    const key = identityKey(identity);
    const entry = seen.get(key);
    if (entry) entry.indexes.push(i);
    else seen.set(key, { identity, indexes: [i] });
  });
  return [...seen.values()]
    .filter((d) => d.indexes.length > 1)
    .sort((a, b) => compareIdentity(a.identity, b.identity));
}
