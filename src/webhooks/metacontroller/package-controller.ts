// The CompositeController for an OperatorVersion, configured as DESIGN.md
// says: parent maestro.dev/v1 instances selected by maestro.dev/operator,
// generateSelector, every kind its templates can render as an InPlace child
// type (Recreate for Jobs), through the vetted apiVersion aliases, and v2
// hooks. `simulate` runs with it; `maestro manifests` prints the same shape.

import { findAlias } from '../../engine/api-versions.ts';
import type { DeclaredType } from '../../engine/api-versions.ts';
import { isRecord } from '../../engine/kobject.ts';
import { clusterScopedKinds } from '../../package/cluster-scoped.ts';
import { pipeChildTypes } from '../../engine/pipe/types.ts';
import { resourceOf } from './wire/controller.ts';
import type { CompositeController, HookVersion } from './wire/index.ts';

/**
 * The (apiVersion, kind) pairs the templates can render, read from their
 * text: `apiVersion:` and `kind:` at the start of a line in one document.
 * Templated values (`{{ ... }}`) are skipped.
 */
export function renderableTypes(ovSpec: Record<string, unknown>): DeclaredType[] {
  const templates = isRecord(ovSpec.templates) ? ovSpec.templates : {};
  const found = new Map<string, DeclaredType>();
  for (const text of Object.values(templates)) {
    if (typeof text !== 'string') continue;
    for (const doc of text.split(/\n---/)) {
      const api = /^apiVersion:\s*["']?([^\s"'{]+)["']?\s*$/m.exec(doc)?.[1];
      const kind = /^kind:\s*["']?([A-Za-z0-9]+)["']?\s*$/m.exec(doc)?.[1];
      if (!api || !kind || clusterScopedKinds.has(kind)) continue;
      const apiVersion = findAlias(api, kind)?.to ?? api;
      found.set(`${kind} ${apiVersion}`, { apiVersion, kind });
    }
  }
  const tasks = Array.isArray(ovSpec.tasks) ? ovSpec.tasks : [];
  if (tasks.some((t) => isRecord(t) && t.kind === 'KudoOperator'))
    found.set('Instance maestro.dev/v1', { apiVersion: 'maestro.dev/v1', kind: 'Instance' });
  for (const t of pipeChildTypes(tasks)) found.set(`${t.kind} ${t.apiVersion}`, t);
  return [...found.values()].sort((a, b) =>
    a.kind === b.kind ? (a.apiVersion < b.apiVersion ? -1 : 1) : a.kind < b.kind ? -1 : 1,
  );
}

export interface PackageControllerOptions {
  operator: string;
  types: readonly DeclaredType[];
  /** Base URL of the hooks, e.g. http://maestro.maestro-system:443. */
  url?: string;
  version?: HookVersion;
  resyncPeriodSeconds?: number;
}

export function packageController(o: PackageControllerOptions): CompositeController {
  const url = o.url ?? 'https://maestro.maestro-system.svc';
  const version = o.version ?? 'v2';
  const hook = (path: string) => ({
    version,
    webhook: { url: `${url}/${path}`, timeout: '10s' },
  });
  return {
    apiVersion: 'metacontroller.k8s.io/v1alpha1',
    kind: 'CompositeController',
    metadata: { name: `maestro-${o.operator}` },
    spec: {
      parentResource: {
        apiVersion: 'maestro.dev/v1',
        resource: 'instances',
        labelSelector: { matchLabels: { 'maestro.dev/operator': o.operator } },
      },
      childResources: o.types.map((t) => ({
        apiVersion: t.apiVersion,
        resource: resourceOf(t.kind),
        updateStrategy: { method: t.kind === 'Job' ? 'Recreate' : 'InPlace' },
      })),
      generateSelector: true,
      resyncPeriodSeconds: o.resyncPeriodSeconds ?? 300,
      hooks: { sync: hook('sync'), finalize: hook('finalize'), customize: hook('customize') },
    },
  };
}
