// PersistentVolumeClaim, Service, CustomResourceDefinition and child Instance.

import { getNumber, getPath, getString, isRecord } from '../kobject.ts';
import type { KObject } from '../kobject.ts';
import { conditionIs } from './conditions.ts';
import { failed, healthy, waiting } from './types.ts';
import type { HealthResult } from './types.ts';

export function pvcHealth(obj: KObject, who: string): HealthResult {
  const phase = getString(obj, 'status', 'phase') ?? 'Pending';
  if (phase === 'Bound') return healthy(`${who}: bound`);
  // Lost: the bound volume is gone; waiting will not bring the data back.
  if (phase === 'Lost') return failed(`${who}: lost its volume`);
  return waiting(`${who}: ${phase}, not yet bound`);
}

/** KUDO's rule, adapted from Helm's wait (kudo-semantics.md §2.5). */
export function serviceHealth(obj: KObject, who: string): HealthResult {
  const type = getString(obj, 'spec', 'type') ?? 'ClusterIP';
  if (type === 'ExternalName') return healthy(`${who}: ExternalName service`);
  const clusterIP = getString(obj, 'spec', 'clusterIP') ?? '';
  if (clusterIP === '') return waiting(`${who}: no cluster IP assigned yet`);
  if (type === 'LoadBalancer') {
    const externalIPs = getPath(obj, 'spec', 'externalIPs');
    if (Array.isArray(externalIPs) && externalIPs.length > 0)
      return healthy(`${who}: has external IPs`);
    const ingress = getPath(obj, 'status', 'loadBalancer', 'ingress');
    if (!Array.isArray(ingress) || ingress.length === 0) {
      return waiting(`${who}: waiting for the load balancer's ingress address`);
    }
    return healthy(`${who}: load balancer ready`);
  }
  return healthy(`${who}: ${type} service`);
}

export function crdHealth(obj: KObject, who: string): HealthResult {
  return conditionIs(obj, 'Established', 'True')
    ? healthy(`${who}: established`)
    : waiting(`${who}: not yet established`);
}

const running = new Set(['IN_PROGRESS', 'PENDING', 'ERROR']);

/**
 * A child Instance (KudoOperator task) is healthy when its own latest plan
 * execution is COMPLETE, in KUDO's `status.planStatus` layout. Its status must
 * also be for its current spec: a parent that just changed the child's
 * parameters must not pass on the child's previous COMPLETE (scenario 6e).
 */
export function instanceHealth(obj: KObject, who: string): HealthResult {
  const generation = getNumber(obj, 'metadata', 'generation');
  const observed = getNumber(obj, 'status', 'observedGeneration');
  if (generation !== undefined && observed !== undefined && observed < generation) {
    return waiting(
      `${who}: waiting for its controller to observe generation ${generation} (observed ${observed})`,
    );
  }
  const planStatus = getPath(obj, 'status', 'planStatus');
  const plans = isRecord(planStatus)
    ? Object.entries(planStatus).filter((e): e is [string, Record<string, unknown>] =>
        isRecord(e[1]),
      )
    : [];
  const requested = getString(obj, 'spec', 'planExecution', 'planName');
  const requestedUid = getString(obj, 'spec', 'planExecution', 'uid');
  if (requested && requestedUid && getString(planStatus, requested, 'uid') !== requestedUid) {
    return waiting(`${who}: plan ${requested} requested but not started yet`);
  }
  const active = plans
    .filter(([, p]) => running.has(String(p.status)))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const latest =
    active[0] ??
    plans
      .filter(([, p]) => typeof p.status === 'string' && p.status !== 'NEVER_RUN')
      .sort(([an, a], [bn, b]) => {
        const at = String(a.lastUpdatedTimestamp ?? '');
        const bt = String(b.lastUpdatedTimestamp ?? '');
        return at < bt ? 1 : at > bt ? -1 : an < bn ? -1 : 1;
      })[0];
  if (!latest) return waiting(`${who}: no plan has run yet`);
  const [name, plan] = latest;
  const status = String(plan.status);
  const message =
    typeof plan.message === 'string' && plan.message !== '' ? `: ${plan.message}` : '';
  if (status === 'COMPLETE') return healthy(`${who}: plan ${name} COMPLETE`);
  if (status === 'FATAL_ERROR') return failed(`${who}: plan ${name} FATAL_ERROR${message}`);
  return waiting(`${who}: plan ${name} ${status}${message}`);
}
