// Health per kind (DESIGN.md, "Health per kind"). Pure: the object in, a
// verdict out. Kinds without a rule are healthy once they exist, as in KUDO,
// unless the OperatorVersion declares checks for them (v1).

import { canonicalGroup } from '../api-versions.ts';
import { describeIdentity, identityOf } from '../identity.ts';
import type { KObject } from '../kobject.ts';
import { evaluateChecks } from './checks.ts';
import { crdHealth, instanceHealth, pvcHealth, serviceHealth } from './others.ts';
import { jobHealth, podHealth } from './run-to-completion.ts';
import { daemonSetHealth, deploymentHealth, statefulSetHealth } from './workloads.ts';
import { healthy } from './types.ts';
import type { HealthCheck, HealthResult } from './types.ts';

export type { ConditionsCheck, FieldCheck, HealthCheck, HealthResult } from './types.ts';
export { parseFieldPath, FieldPathError } from './field-path.ts';

type Rule = (obj: KObject, who: string) => HealthResult;

/** Built-in rules by `group/Kind`. Both maestro.dev and kudo.dev Instances count. */
const rules: Record<string, Rule> = {
  'apps/Deployment': deploymentHealth,
  'apps/StatefulSet': statefulSetHealth,
  'apps/DaemonSet': daemonSetHealth,
  'batch/Job': jobHealth,
  '/Pod': podHealth,
  '/PersistentVolumeClaim': pvcHealth,
  '/Service': serviceHealth,
  'apiextensions.k8s.io/CustomResourceDefinition': crdHealth,
  'maestro.dev/Instance': instanceHealth,
  'kudo.dev/Instance': instanceHealth,
};

/** True when Maestro has a built-in health rule for this kind. */
export function hasHealthRule(apiVersion: string, kind: string): boolean {
  return `${canonicalGroup(apiVersion, kind)}/${kind}` in rules;
}

export interface AssessOptions {
  /**
   * Declared checks (v1). They must hold in addition to the kind's own rule;
   * where that rule cannot judge (an OnDelete StatefulSet or DaemonSet), they decide alone.
   */
  checks?: readonly HealthCheck[];
}

export function assessHealth(obj: KObject, options: AssessOptions = {}): HealthResult {
  const who = describeIdentity(identityOf(obj));
  const rule = rules[`${canonicalGroup(obj.apiVersion, obj.kind)}/${obj.kind}`];
  const checks = options.checks ?? [];
  if (rule) {
    const verdict = rule(obj, who);
    if ('untrackable' in verdict) {
      if (checks.length > 0) return evaluateChecks(obj, who, checks);
      const { untrackable: _, ...plain } = verdict;
      return plain;
    }
    if (!verdict.healthy || checks.length === 0) return verdict;
    return evaluateChecks(obj, who, checks);
  }
  if (checks.length > 0) return evaluateChecks(obj, who, checks);
  return healthy(`${who}: exists (${obj.kind} has no health rule)`);
}
