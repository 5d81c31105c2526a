// The keys of Metacontroller's object maps (contracts.md §1.3).
// Outer key: `Kind.version` for the core group, `Kind.group/version` otherwise.
// Inner key: v1 (RelativeObjectMap) uses `name`, or `namespace/name` for a
// namespaced object under a cluster-scoped parent; v2 (UniformObjectMap) uses
// `namespace/name` for every namespaced object and `name` otherwise.

import type { DeclaredType } from '../../../engine/api-versions.ts';
import type { KObject } from '../../../engine/kobject.ts';
import { HookWireError } from './errors.ts';
import type { HookVersion } from './types.ts';

/** Parses an outer key. The kind is everything before the first dot. */
export function parseTypeKey(key: string, field: string): DeclaredType {
  const dot = key.indexOf('.');
  const kind = key.slice(0, dot);
  const apiVersion = key.slice(dot + 1);
  const parts = apiVersion.split('/');
  if (dot <= 0 || apiVersion === '' || parts.length > 2 || parts.some((p) => p === '')) {
    throw new HookWireError(
      'MAESTRO_HOOK_BAD_KEY',
      field,
      `"${key}" is not "Kind.version" or "Kind.group/version"`,
    );
  }
  return { kind, apiVersion };
}

export function formatTypeKey(t: DeclaredType): string {
  return `${t.kind}.${t.apiVersion}`;
}

/** The inner key Metacontroller uses for `obj` under `parent` in the given hook version. */
export function objectKey(version: HookVersion, parent: KObject, obj: KObject): string {
  const ns = obj.metadata.namespace ?? '';
  const name = obj.metadata.name ?? '';
  if (ns === '') return name;
  if (version === 'v2') return `${ns}/${name}`;
  return (parent.metadata.namespace ?? '') === '' ? `${ns}/${name}` : name;
}
