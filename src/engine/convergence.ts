// The convergence gate (plan-engine-scenarios.md, scenario 6): a child counts
// for its step only when the observed object carries the body hash the step
// wants, and is healthy. Without the hash check, a rolled-out old
// StatefulSet passes kubectl's rules before Metacontroller applied the new
// one, and an update Metacontroller failed to apply (an immutable field, a
// denial) looks like success.

import { assessHealth } from './health/index.ts';
import type { AssessOptions, HealthResult } from './health/index.ts';
import { describeIdentity } from './identity.ts';
import type { ChildIdentity } from './identity.ts';
import type { KObject } from './kobject.ts';
import { provenanceAnnotations } from './provenance.ts';

export interface Convergence extends HealthResult {
  /** The observed object carries the desired hash (whatever its health). */
  converged: boolean;
}

export function assessConvergence(
  id: ChildIdentity,
  observed: KObject | undefined,
  desiredHash: string,
  options: AssessOptions = {},
): Convergence {
  const who = describeIdentity(id);
  if (!observed) return { converged: false, healthy: false, reason: `${who}: not observed yet` };
  if (observed.metadata.deletionTimestamp) {
    return { converged: false, healthy: false, reason: `${who}: being deleted` };
  }
  const hash = observed.metadata.annotations?.[provenanceAnnotations.hash];
  if (hash !== desiredHash) {
    const was = hash ? `body hash ${hash}` : 'no Maestro body hash';
    return {
      converged: false,
      healthy: false,
      reason: `${who}: not yet updated (observed ${was}, want ${desiredHash})`,
    };
  }
  return { converged: true, ...assessHealth(observed, options) };
}
