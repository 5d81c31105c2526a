// The Metacontroller hooks as pure handlers over normalised requests: sync
// and finalize call the plan engine with the OperatorVersion from `related`;
// customize asks for exactly the OperatorVersion spec names (it depends only
// on spec, so Metacontroller's per-generation cache is safe; scenario 4d).

import { getString } from '../../engine/kobject.ts';
import type { KObject } from '../../engine/kobject.ts';
import { sync } from '../../engine/plan/index.ts';
import type { SyncOptions, SyncOutput } from '../../engine/plan/index.ts';
import { isClusterParentKind, labels } from '../../model/names.ts';
import { inspectController } from './wire/controller.ts';
import type {
  NormalizedCustomizeRequest,
  NormalizedHookRequest,
  NormalizedHookResponse,
  RelatedResourceRule,
} from './wire/index.ts';

export interface HandlerOptions {
  /** The clock; the server passes Date.now, the simulator its virtual clock. */
  now: () => number;
  sync?: SyncOptions;
}

/**
 * The namespace of the OperatorVersion a parent names: an Instance's own, or a
 * ClusterInstance's spec.operatorVersion.namespace (it has none of its own).
 */
export function operatorVersionNamespace(parent: KObject): string {
  if (isClusterParentKind(parent.kind))
    return getString(parent, 'spec', 'operatorVersion', 'namespace') ?? '';
  return parent.metadata.namespace ?? '';
}

/** The OperatorVersion spec names, from the request's related objects. */
export function findOperatorVersion(req: NormalizedHookRequest): KObject | undefined {
  const name = getString(req.parent, 'spec', 'operatorVersion', 'name');
  const ns = operatorVersionNamespace(req.parent);
  return req.related.find(
    (r) =>
      r.identity.group === 'maestro.dev' &&
      r.identity.kind === 'OperatorVersion' &&
      r.identity.name === name &&
      (r.identity.namespace === ns || r.identity.namespace === ''),
  )?.object;
}

/** Runs the engine for a sync or finalize request. Throws on internal failure (→ 5xx). */
export function runSync(req: NormalizedHookRequest, options: HandlerOptions): SyncOutput {
  return sync({
    instance: req.parent,
    observedChildren: req.children.map((c) => c.object),
    operatorVersion: findOperatorVersion(req),
    declaredTypes: req.childTypes,
    controllerProblems: inspectController(req.controller, req.childTypes).map(
      (p) => `${p.field}: ${p.message}`,
    ),
    ...controllerOperator(req),
    finalizing: req.finalizing,
    now: options.now(),
    ...(options.sync && { options: options.sync }),
  });
}

/** The operator the CompositeController's parent selector names (`maestro manifests` writes it). */
function controllerOperator(req: NormalizedHookRequest): { controllerOperator?: string } {
  const name = req.controller.spec.parentResource.labelSelector?.matchLabels?.[labels.operator];
  return typeof name === 'string' && name !== '' ? { controllerOperator: name } : {};
}

export function toHookResponse(out: SyncOutput): NormalizedHookResponse {
  return {
    status: out.status as unknown as Record<string, unknown>,
    children: out.children,
    ...(out.resyncAfterSeconds !== undefined && { resyncAfterSeconds: out.resyncAfterSeconds }),
    ...(out.finalized !== undefined && { finalized: out.finalized }),
  };
}

export function handleSync(
  req: NormalizedHookRequest,
  options: HandlerOptions,
): NormalizedHookResponse {
  return toHookResponse(runSync(req, options));
}

/**
 * customize: the OperatorVersion the parent's spec names, in its namespace (a
 * ClusterInstance's spec.operatorVersion.namespace). A ClusterInstance without
 * that namespace relates nothing: naming no namespace would match an
 * OperatorVersion of that name in every namespace.
 */
export function handleCustomize(req: NormalizedCustomizeRequest): RelatedResourceRule[] {
  const name = getString(req.parent, 'spec', 'operatorVersion', 'name');
  if (!name) return [];
  const ns = operatorVersionNamespace(req.parent);
  if (ns === '' && isClusterParentKind(req.parent.kind)) return [];
  return [
    {
      apiVersion: 'maestro.dev/v1',
      resource: 'operatorversions',
      names: [name],
      ...(ns !== '' && { namespace: ns }),
    },
  ];
}
