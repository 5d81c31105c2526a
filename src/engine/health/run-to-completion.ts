// Jobs and bare Pods: things that finish. A failed Job is terminal: KUDO
// reports it FATAL, and waiting cannot make it succeed (kudo-semantics.md §2.5).

import { getNumber, getString } from '../kobject.ts';
import type { KObject } from '../kobject.ts';
import { conditionDetail, conditionIs, findCondition } from './conditions.ts';
import { failed, healthy, waiting } from './types.ts';
import type { HealthResult } from './types.ts';

export function jobHealth(obj: KObject, who: string): HealthResult {
  const failure = findCondition(obj, 'Failed');
  if (failure?.status === 'True') return failed(`${who}: failed${conditionDetail(failure)}`);
  if (conditionIs(obj, 'Complete', 'True')) return healthy(`${who}: complete`);
  // Clusters before the Complete condition (and mid-update ones) only count.
  const completions = getNumber(obj, 'spec', 'completions') ?? 1;
  const succeeded = getNumber(obj, 'status', 'succeeded') ?? 0;
  if (succeeded >= completions)
    return healthy(`${who}: ${succeeded} of ${completions} completions succeeded`);
  const active = getNumber(obj, 'status', 'active') ?? 0;
  return waiting(`${who}: ${succeeded} of ${completions} completions succeeded, ${active} running`);
}

export function podHealth(obj: KObject, who: string): HealthResult {
  const phase = getString(obj, 'status', 'phase') ?? 'Pending';
  const restart = getString(obj, 'spec', 'restartPolicy') ?? 'Always';
  if (phase === 'Succeeded') {
    return restart === 'Always'
      ? waiting(`${who}: exited although restartPolicy is Always`)
      : healthy(`${who}: ran to completion`);
  }
  if (phase === 'Failed') {
    const why = getString(obj, 'status', 'reason') ?? getString(obj, 'status', 'message');
    return failed(`${who}: failed${why ? ` (${why})` : ''}`);
  }
  if (phase !== 'Running') return waiting(`${who}: phase ${phase}`);
  const ready = findCondition(obj, 'Ready');
  if (ready?.status !== 'True')
    return waiting(`${who}: running but not ready${conditionDetail(ready)}`);
  return healthy(`${who}: running and ready`);
}
