// Child identity: (group, kind, namespace, name). Never a hook map key, never
// the apiVersion. The v1 and v2 hook versions key children differently, and
// Metacontroller keys them by version too; an identity read from the object
// itself survives both (plan-engine-scenarios.md, scenario 7e).

import { canonicalGroup } from './api-versions.ts';
import type { KObject } from './kobject.ts';

export interface ChildIdentity {
  /** '' for the core group; the group of today's apiVersion (see api-versions.ts). */
  group: string;
  kind: string;
  /** '' for a cluster-scoped object. */
  namespace: string;
  name: string;
}

/** The identity of an object, with the group canonicalised through the alias table. */
export function identityOf(obj: Pick<KObject, 'apiVersion' | 'kind' | 'metadata'>): ChildIdentity {
  return {
    group: canonicalGroup(obj.apiVersion, obj.kind),
    kind: obj.kind,
    namespace: obj.metadata.namespace ?? '',
    name: obj.metadata.name ?? '',
  };
}

/**
 * A stable string for maps and sorting: `Kind.group/namespace/name`, where the
 * core group is written as `core` so that no two identities share a key.
 */
export function identityKey(id: ChildIdentity): string {
  return `${id.kind}.${id.group === '' ? 'core' : id.group}/${id.namespace}/${id.name}`;
}

/** Total order: group, kind, namespace, name (byte order, locale-free). */
export function compareIdentity(a: ChildIdentity, b: ChildIdentity): number {
  return (
    cmp(a.group, b.group) ||
    cmp(a.kind, b.kind) ||
    cmp(a.namespace, b.namespace) ||
    cmp(a.name, b.name)
  );
}

export function sameIdentity(a: ChildIdentity, b: ChildIdentity): boolean {
  return compareIdentity(a, b) === 0;
}

/** How a message names a child: `StatefulSet/zk` (the namespace is always the instance's). */
export function describeIdentity(id: ChildIdentity): string {
  return `${id.kind}/${id.name}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
