// Which parameters an update changes, and which plan those changes trigger
// (KUDO's changedParameters and triggeredByParameterUpdate).
import { jsonEqual } from '../../model/conversion/wrap.ts';
import type { JsonValue } from '../../model/schema-type.ts';
import { selectPlan, type OperatorVersionView, type OvParameter } from '../../engine/plan/ov.ts';

export type Params = Record<string, JsonValue>;

export interface ParameterChanges {
  /** Names whose value changed or that were added. */
  changed: string[];
  /** Names present before and absent now. */
  removed: string[];
}

export function parameterChanges(before: Params, after: Params): ParameterChanges {
  const changed = Object.keys(after)
    .filter((k) => !Object.hasOwn(before, k) || !jsonEqual(before[k], after[k]))
    .sort();
  const removed = Object.keys(before)
    .filter((k) => !Object.hasOwn(after, k))
    .sort();
  return { changed, removed };
}

export type Triggered = { ok: true; plan: string | undefined } | { ok: false; message: string };

/** The one plan the changed parameters trigger; undefined when no parameter changed. */
export function triggeredPlan(defs: OvParameter[], ov: OperatorVersionView): Triggered {
  if (defs.length === 0) return { ok: true, plan: undefined };
  const plans: string[] = [];
  for (const p of defs) {
    if (!p.trigger) continue;
    if (!ov.plans.has(p.trigger)) {
      return {
        ok: false,
        message: `param ${p.name} defined trigger plan ${p.trigger}, but plan not defined in operatorversion; fix the trigger of "${p.name}" in OperatorVersion ${ov.id}`,
      };
    }
    if (!plans.includes(p.trigger)) plans.push(p.trigger);
  }
  if (plans.length === 0) {
    const fallback = selectPlan(ov, ['update', 'deploy']);
    if (fallback === undefined) {
      return {
        ok: false,
        message: `couldn't find any plans that would be triggered by the update; OperatorVersion ${ov.id} needs an 'update' or 'deploy' plan`,
      };
    }
    return { ok: true, plan: fallback };
  }
  if (plans.length > 1) {
    return {
      ok: false,
      message: `triggering multiple plans: [${[...plans].sort().join(' ')}] at once is not allowed; change the parameters of each plan in a separate update`,
    };
  }
  return { ok: true, plan: plans[0] };
}
