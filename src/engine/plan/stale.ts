// Children the OperatorVersion no longer renders (scenario 11a), the explicit
// prune that removes them, and rotate requests still waiting for their step.

import type { KObject } from '../kobject.ts';
import { generatedMark } from '../provenance.ts';
import type { ObservedChild } from './children.ts';
import type { OperatorVersionView } from './ov.ts';
import type { InventoryItem, Rotation } from './types.ts';
import { condition } from './conditions.ts';
import type { ConditionSet } from './conditions.ts';
import { latestRotation } from './run-step.ts';

/**
 * Children whose recorded task no longer exists, or no longer lists the
 * recorded template: found by name, without rendering the OperatorVersion.
 */
export function staleItems(
  inventory: readonly InventoryItem[],
  ov: OperatorVersionView,
): InventoryItem[] {
  return inventory.filter((i) => {
    const task = ov.tasks.get(i.task);
    if (!task) return true;
    if (i.template && i.kind !== 'Instance')
      return ![...(task.spec.resources ?? []), task.spec.pod].includes(i.template);
    return false;
  });
}

/** The stale children a prune request selects; a name that is not stale refuses the whole request. */
export function pruneStale(
  stale: readonly InventoryItem[],
  names: unknown,
  ovName: string,
): { ok: true; items: InventoryItem[] } | { ok: false; message: string } {
  const list = Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
  if (list.length === 0) return { ok: true, items: [...stale] };
  const label = (i: InventoryItem) => `${i.kind}/${i.name}`;
  const unknown = list.filter((n) => !stale.some((i) => label(i) === n));
  if (unknown.length > 0) {
    return {
      ok: false,
      message: `spec.planControl.prune names ${unknown.join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} not stale (still rendered by ${ovName}, or not a child of this Instance); nothing was pruned. Stale children: ${stale.map(label).join(', ') || '(none)'}`,
    };
  }
  return { ok: true, items: stale.filter((i) => list.includes(label(i))) };
}

/** Condition RotationPending: generated children a rotate request names, not yet regenerated. */
export function rotationPending(
  observed: ReadonlyMap<string, ObservedChild>,
  children: ReadonlyMap<string, KObject>,
  rotations: readonly Rotation[],
): ConditionSet | undefined {
  if (rotations.length === 0) return undefined;
  const pending: string[] = [];
  for (const o of observed.values()) {
    if (!o.provenance) continue;
    const mark = generatedMark(o.echo);
    if (mark === undefined) continue;
    const who = `${o.identity.kind}/${o.identity.name}`;
    const uid = latestRotation(rotations, who);
    if (uid === undefined || uid === mark) continue;
    const emitted = children.get(o.key);
    if (emitted && generatedMark(emitted) === uid) continue;
    pending.push(who);
  }
  if (pending.length === 0) return undefined;
  pending.sort();
  return condition(
    'RotationPending',
    'True',
    'WaitingForStep',
    `${pending.join(', ')} will be regenerated (spec.planControl.rotate) the next time a plan runs ${pending.length === 1 ? 'its step' : 'their steps'}; trigger one, e.g. spec.planExecution of deploy`,
  );
}
