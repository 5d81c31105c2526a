// Related objects (contracts.md §1.8): what the customize hook's rules select,
// as Metacontroller fills the `related` map. A v1 hook of a namespaced parent
// only sees its own namespace; v2 may look anywhere.

import type { DeclaredType } from '../engine/api-versions.ts';
import type { KObject } from '../engine/kobject.ts';
import type { HookVersion, RelatedResourceRule } from '../webhooks/metacontroller/wire/index.ts';
import type { Cluster } from './cluster.ts';
import type { Discovery } from './discovery.ts';
import { matchesSelector } from './selectors.ts';

export interface RelatedSelection {
  types: DeclaredType[];
  objects: KObject[];
}

export function selectRelated(
  cluster: Cluster,
  discovery: Discovery,
  rules: readonly RelatedResourceRule[],
  parent: KObject,
  version: HookVersion,
): RelatedSelection {
  const types: DeclaredType[] = [];
  const objects: KObject[] = [];
  const parentNs = parent.metadata.namespace ?? '';
  for (const rule of rules) {
    const info = discovery.resource(rule.apiVersion, rule.resource);
    if (!info) {
      throw new Error(`customize: discovery does not know ${rule.resource} in ${rule.apiVersion}`);
    }
    types.push({ apiVersion: rule.apiVersion, kind: info.kind });
    const ns = rule.namespace ?? (version === 'v1' && parentNs !== '' ? parentNs : undefined);
    const candidates = cluster.list(
      info.group,
      info.kind,
      info.namespaced ? ns : undefined,
      rule.apiVersion,
    );
    for (const obj of candidates) {
      if (rule.names && !rule.names.includes(obj.metadata.name ?? '')) continue;
      if (rule.labelSelector && !matchesSelector(rule.labelSelector, obj.metadata.labels)) continue;
      objects.push(obj);
    }
  }
  return { types, objects };
}
