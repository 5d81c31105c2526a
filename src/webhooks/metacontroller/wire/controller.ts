// Reading the CompositeController that arrives in every hook request: which
// update strategy applies to a child type, and what in its configuration
// would make Metacontroller misbehave with Maestro (plan-engine-scenarios.md,
// scenario 6d and the guards of the revised mechanism). The engine reports
// these problems in status; it cannot fix the controller itself.

import type { DeclaredType } from '../../../engine/api-versions.ts';
import type { ChildResourceRule, CompositeController, UpdateMethod } from './types.ts';

/**
 * The resource name Kubernetes derives from a kind: lower case, plural by the
 * English rules the API machinery uses (`NetworkPolicy` → `networkpolicies`,
 * `Ingress` → `ingresses`, `Endpoints` stays).
 */
export function resourceOf(kind: string): string {
  const k = kind.toLowerCase();
  if (k.endsWith('endpoints')) return k;
  if (/(s|x|z|ch|sh)$/.test(k)) return `${k}es`;
  if (/[^aeiou]y$/.test(k)) return `${k.slice(0, -1)}ies`;
  return `${k}s`;
}

/** The childResources rule for a declared type, matched by apiVersion and resource name. */
export function childRule(
  controller: CompositeController,
  type: DeclaredType,
): ChildResourceRule | undefined {
  const resource = resourceOf(type.kind);
  return (controller.spec.childResources ?? []).find(
    (r) => r.apiVersion === type.apiVersion && r.resource === resource,
  );
}

/** The update method Metacontroller uses for a child type; '' (never update) when undeclared or unset. */
export function updateMethod(
  controller: CompositeController,
  type: DeclaredType,
): UpdateMethod | '' {
  return childRule(controller, type)?.updateStrategy?.method ?? '';
}

export interface ControllerProblem {
  /** A JSON path into the CompositeController. */
  field: string;
  message: string;
}

/** Kinds Maestro replaces rather than updates (their specs are mostly immutable). */
const recreateKinds = new Set(['Job']);

/**
 * Everything in the controller that breaks Maestro's assumptions, as
 * messages that say what to change. Empty for the controller `maestro
 * manifests` prints.
 */
export function inspectController(
  controller: CompositeController,
  childTypes: readonly DeclaredType[],
): ControllerProblem[] {
  const problems: ControllerProblem[] = [];
  if (controller.spec.generateSelector !== true) {
    problems.push({
      field: 'spec.generateSelector',
      message:
        'must be true: an Instance has no spec.selector, so Metacontroller cannot select its children otherwise',
    });
  }
  const rules = controller.spec.childResources ?? [];
  for (const type of childTypes) {
    const index = rules.findIndex((r) => r === childRule(controller, type));
    const field =
      index >= 0 ? `spec.childResources[${index}].updateStrategy.method` : 'spec.childResources';
    const method = updateMethod(controller, type);
    const want = recreateKinds.has(type.kind) ? 'Recreate' : 'InPlace';
    if (method === want || (method === 'InPlace' && want === 'Recreate')) continue;
    let why: string;
    if (method === '' || method === 'OnDelete') {
      why = `${type.kind} ${type.apiVersion} children are never updated (OnDelete)`;
    } else if (method.startsWith('Rolling')) {
      why = `${method} makes Metacontroller call sync in parallel once per revision`;
    } else {
      why = `${method} deletes a ${type.kind} on every change`;
    }
    problems.push({ field, message: `${why}; use ${want}` });
  }
  return problems;
}
