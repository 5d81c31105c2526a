// The child types a package with Pipe tasks needs its CompositeController to
// declare: the artifacts' kinds, and the Job, ServiceAccount, Role and
// RoleBinding that run the publisher.

import type { DeclaredType } from '../api-versions.ts';
import { isRecord } from '../kobject.ts';

export function pipeChildTypes(tasks: readonly unknown[]): DeclaredType[] {
  const out: DeclaredType[] = [];
  const kinds = new Set<string>();
  for (const t of tasks) {
    if (!isRecord(t) || t.kind !== 'Pipe' || !isRecord(t.spec)) continue;
    for (const p of Array.isArray(t.spec.pipe) ? t.spec.pipe : [])
      if (isRecord(p) && (p.kind === 'ConfigMap' || p.kind === 'Secret')) kinds.add(p.kind);
    kinds.add('runner');
  }
  if (!kinds.has('runner')) return out;
  for (const k of ['ConfigMap', 'Secret'])
    if (kinds.has(k)) out.push({ apiVersion: 'v1', kind: k });
  out.push(
    { apiVersion: 'batch/v1', kind: 'Job' },
    { apiVersion: 'v1', kind: 'ServiceAccount' },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role' },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding' },
  );
  return out;
}
