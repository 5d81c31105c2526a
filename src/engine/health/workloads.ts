// kubectl's rollout rules (`kubectl rollout status`, the StatusViewers that
// KUDO copied, kudo-semantics.md §2.5) for Deployment, StatefulSet and
// DaemonSet. Every rule first requires the controller to have observed the
// current generation: otherwise the status describes an older spec
// (plan-engine-scenarios.md, scenario 6a).

import { getNumber, getPath, getString } from '../kobject.ts';
import type { KObject } from '../kobject.ts';
import { findCondition, conditionDetail } from './conditions.ts';
import { healthy, waiting } from './types.ts';
import type { HealthResult } from './types.ts';

/**
 * A verdict a declared check may override: with `OnDelete` nothing replaces
 * old pods, so there is no rollout to track (kubectl refuses too), and only
 * the OperatorVersion can say what healthy means.
 */
export interface Untrackable extends HealthResult {
  untrackable: true;
}

function untrackable(who: string, type: string): Untrackable {
  return {
    ...waiting(
      `${who}: updateStrategy ${type} has no rollout to track; use RollingUpdate or a declared health check`,
    ),
    untrackable: true,
  };
}

function generationGate(obj: KObject, who: string, what: string): HealthResult | undefined {
  const generation = getNumber(obj, 'metadata', 'generation') ?? 0;
  const observed = getNumber(obj, 'status', 'observedGeneration') ?? 0;
  if (observed === 0 || generation > observed) {
    return waiting(
      `${who}: waiting for the ${what} controller to observe generation ${generation} (observed ${observed})`,
    );
  }
  return undefined;
}

export function deploymentHealth(obj: KObject, who: string): HealthResult {
  const gate = generationGate(obj, who, 'deployment');
  if (gate) return gate;
  const progressing = findCondition(obj, 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    // Not terminal: a fixed image or more capacity lets the rollout resume.
    return waiting(`${who}: exceeded its progress deadline${conditionDetail(progressing)}`);
  }
  const replicas = getNumber(obj, 'spec', 'replicas') ?? 1;
  const updated = getNumber(obj, 'status', 'updatedReplicas') ?? 0;
  const total = getNumber(obj, 'status', 'replicas') ?? 0;
  const available = getNumber(obj, 'status', 'availableReplicas') ?? 0;
  if (updated < replicas) return waiting(`${who}: ${updated} of ${replicas} replicas updated`);
  if (total > updated)
    return waiting(`${who}: ${total - updated} old replicas pending termination`);
  if (available < updated)
    return waiting(`${who}: ${available} of ${updated} updated replicas available`);
  return healthy(`${who}: rolled out, ${available} of ${replicas} replicas available`);
}

export function statefulSetHealth(obj: KObject, who: string): HealthResult {
  const type = getString(obj, 'spec', 'updateStrategy', 'type') ?? 'RollingUpdate';
  if (type !== 'RollingUpdate') {
    return untrackable(who, type);
  }
  const gate = generationGate(obj, who, 'statefulset');
  if (gate) return gate;
  const replicas = getNumber(obj, 'spec', 'replicas') ?? 1;
  const ready = getNumber(obj, 'status', 'readyReplicas') ?? 0;
  if (ready < replicas) return waiting(`${who}: ${ready} of ${replicas} pods ready`);
  const partition = getNumber(obj, 'spec', 'updateStrategy', 'rollingUpdate', 'partition');
  if (
    getPath(obj, 'spec', 'updateStrategy', 'rollingUpdate') !== undefined &&
    partition !== undefined
  ) {
    const updated = getNumber(obj, 'status', 'updatedReplicas') ?? 0;
    if (updated < replicas - partition) {
      return waiting(
        `${who}: ${updated} of ${replicas - partition} pods updated (partition ${partition})`,
      );
    }
    return healthy(`${who}: partitioned rollout complete, ${updated} pods updated`);
  }
  const current = getString(obj, 'status', 'currentRevision') ?? '';
  const update = getString(obj, 'status', 'updateRevision') ?? '';
  if (update !== current) return waiting(`${who}: rolling from revision ${current} to ${update}`);
  return healthy(`${who}: rolled out, ${ready} of ${replicas} pods ready at revision ${current}`);
}

export function daemonSetHealth(obj: KObject, who: string): HealthResult {
  const type = getString(obj, 'spec', 'updateStrategy', 'type') ?? 'RollingUpdate';
  if (type !== 'RollingUpdate') {
    return untrackable(who, type);
  }
  const gate = generationGate(obj, who, 'daemonset');
  if (gate) return gate;
  const desired = getNumber(obj, 'status', 'desiredNumberScheduled') ?? 0;
  const updated = getNumber(obj, 'status', 'updatedNumberScheduled') ?? 0;
  const available = getNumber(obj, 'status', 'numberAvailable') ?? 0;
  if (updated < desired) return waiting(`${who}: ${updated} of ${desired} pods updated`);
  if (available < desired)
    return waiting(`${who}: ${available} of ${desired} updated pods available`);
  return healthy(`${who}: rolled out, ${available} of ${desired} pods available`);
}
