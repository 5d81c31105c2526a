// Instance UPDATE: KUDO's admitUpdate (pkg/webhook/instance_admission.go,
// kudo-semantics.md §2.1 and §5) with its rule table for updates while a plan
// is scheduled or running, read from spec and status as plan-state.ts
// explains, and extended to Maestro's plan controls (plan-controls.ts).
// Messages are KUDO's, followed by what the user can do about them.
import { stringifyJsonExact } from '../../model/json.ts';
import type { JsonValue } from '../../model/schema-type.ts';
import { selectPlan, type OperatorVersionView, type OvParameter } from '../../engine/plan/ov.ts';
import { parameterChanges, triggeredPlan, type Params } from './parameter-changes.ts';
import { valueProblem } from './parameter-values.ts';
import { checkPlanControls } from './plan-controls.ts';
import { activePlan, isTerminal, type InstanceLike } from './plan-state.ts';
import { upgradeProblem } from './upgrade.ts';

export interface UpdateOutcome {
  /** The plan to write into spec.planExecution, when the update triggers one. */
  plan?: string;
  /** Parameter values to drop: the new OperatorVersion no longer declares them. */
  removeParams: string[];
  warnings: string[];
}

export type UpdateResult =
  | { ok: true; outcome: UpdateOutcome }
  | { ok: false; code: number; message: string; warnings: string[] };

export interface UpdateInput {
  old: InstanceLike;
  fresh: InstanceLike;
  namespace: string;
  /** The parent in messages; `Instance <namespace>/<name>` when unset. */
  who?: string;
  /** The OperatorVersion the updated Instance names. */
  ov: OperatorVersionView;
  /** The one it named before: the same object unless this is an upgrade. */
  oldOv: OperatorVersionView;
}

const INVALID = 422;
const CONFLICT = 409;

const paramsOf = (i: InstanceLike): Params => (i.spec?.parameters ?? {}) as Params;

function ovRefChanged(old: InstanceLike, fresh: InstanceLike): boolean {
  const a = old.spec?.operatorVersion ?? {};
  const b = fresh.spec?.operatorVersion ?? {};
  return (a.name ?? '') !== (b.name ?? '') || (a.namespace ?? '') !== (b.namespace ?? '');
}

const show = (v: JsonValue | undefined) =>
  v === undefined ? '' : typeof v === 'string' ? v : stringifyJsonExact(v);

export function admitUpdate(input: UpdateInput): UpdateResult {
  const { old, fresh, ov, oldOv } = input;
  const who =
    input.who ?? `Instance ${input.namespace}/${fresh.metadata?.name ?? old.metadata?.name ?? ''}`;
  const prefix = `failed to update ${who}: `;
  const warnings: string[] = [];
  const denied = (code: number, message: string): UpdateResult => ({
    ok: false,
    code,
    message,
    warnings,
  });

  const oldPe = old.spec?.planExecution ?? {};
  const newPe = fresh.spec?.planExecution ?? {};
  const newPlan = newPe.planName ?? '';
  const peChanged = (oldPe.planName ?? '') !== newPlan || (oldPe.uid ?? '') !== (newPe.uid ?? '');
  const oldPlan = activePlan(old) ?? '';
  const hadPlan = oldPlan !== '';
  const isUpgrade = ovRefChanged(old, fresh);
  const requested = peChanged && newPlan !== '';
  const isNovelPlan = !hadPlan && requested;
  const isPlanOverride = hadPlan && requested && newPlan !== oldPlan;
  const isPlanRetriggered = hadPlan && requested && newPlan === oldPlan;
  const isPlanCancellation =
    hadPlan && peChanged && newPlan === '' && (oldPe.planName ?? '') !== '';
  const isDeleting = Boolean(fresh.metadata?.deletionTimestamp);
  const isPlanTerminal = isTerminal(newPe.status) && newPe.status !== oldPe.status;

  if (requested && !ov.plans.has(newPlan)) {
    return denied(
      INVALID,
      `plan ${newPlan} does not exist; OperatorVersion ${ov.id} has the plans ${[...ov.plans.keys()].sort().join(', ') || '(none)'}`,
    );
  }
  if (isUpgrade) {
    const problem = upgradeProblem(oldOv, ov);
    if (problem !== undefined) return denied(INVALID, prefix + problem);
  }

  const before = paramsOf(old);
  const after: Params = { ...paramsOf(fresh) };
  const { changed, removed } = parameterChanges(before, after);
  const changedDefs: OvParameter[] = [];
  for (const name of changed) {
    const def = ov.byName.get(name);
    if (def === undefined) {
      return denied(
        INVALID,
        `${prefix}failed to find parameter "${name}" in the OperatorVersion ${ov.id}; remove it from spec.parameters or check its spelling`,
      );
    }
    changedDefs.push(def);
  }
  const removedDefs = removed
    .map((n) => ov.byName.get(n))
    .filter((d): d is OvParameter => d !== undefined);

  // Immutable parameters (KUDO's checkImmutableParameters and validateOVUpgrade).
  const removeParams: string[] = [];
  const immutablePrefix = `failed to check immutable parameters for ${who}: `;
  if (!isUpgrade) {
    const bad = changedDefs.find((p) => p.immutable);
    if (bad !== undefined) {
      return denied(
        INVALID,
        `${immutablePrefix}parameter '${bad.name}' is immutable but was changed from '${show(before[bad.name])}' to '${show(after[bad.name])}'; an immutable parameter keeps the value the Instance was created with: set it back, or create a new Instance`,
      );
    }
  } else {
    for (const p of ov.parameters) {
      const was = oldOv.byName.get(p.name);
      if (was === undefined || was.immutable === p.immutable || !p.immutable) continue;
      if (!Object.hasOwn(after, p.name)) {
        return denied(
          INVALID,
          `${immutablePrefix}parameter '${p.name}' was changed to immutable in operator version ${ov.name} but no value was provided; set spec.parameters.${p.name} in the same update`,
        );
      }
    }
    for (const p of oldOv.parameters) {
      if (!ov.byName.has(p.name) && Object.hasOwn(after, p.name)) {
        removeParams.push(p.name);
        delete after[p.name];
      }
    }
    for (const p of ov.parameters) {
      if (oldOv.byName.has(p.name) || !p.immutable || Object.hasOwn(after, p.name)) continue;
      const hint = `; set spec.parameters.${p.name} in the same update`;
      return denied(
        INVALID,
        p.default !== undefined
          ? `${immutablePrefix}parameter '${p.name}' was added in operator version ${ov.name}, but no value was provided (default would be ${show(p.default)})${hint}`
          : `${immutablePrefix}parameter '${p.name}' was added in operator version ${ov.name}, but no value was provided${hint}`,
      );
    }
  }

  const problems = ov.parameters
    .map((p) => valueProblem(p, after[p.name]))
    .filter((p) => p !== undefined);
  if (problems.length > 0) {
    return denied(INVALID, `failed to validate parameters for ${who}: ${problems.join('; ')}`);
  }

  const triggered = triggeredPlan([...changedDefs, ...removedDefs], ov);
  if (!triggered.ok) return denied(INVALID, prefix + triggered.message);
  const triggeredByParams = triggered.plan;
  const isParameterUpdate = triggeredByParams !== undefined;
  const updateIncompatibleWithUpgrade = isParameterUpdate && triggeredByParams !== 'deploy';

  const controls = checkPlanControls({
    old,
    fresh,
    ov,
    oldPlan,
    isDeleting,
    otherChange: isParameterUpdate || isUpgrade || requested,
  });
  warnings.push(...controls.warnings);
  if (!controls.ok) return denied(controls.code, prefix + controls.message);

  // The instance is being deleted: only 'cleanup' may run (KUDO's uninstall rules).
  if (isDeleting) {
    if (oldPlan === 'cleanup' && peChanged && newPlan !== 'cleanup') {
      return denied(
        CONFLICT,
        `${prefix}'cleanup' plan can not be cancelled or overridden by another plan since the instance is being deleted; wait for the deletion to finish`,
      );
    }
    if (isParameterUpdate || isUpgrade) {
      return denied(
        CONFLICT,
        `${prefix}parameter update and/or upgrade is not allowed when an instance is being deleted; create a new Instance for the new parameters or version`,
      );
    }
    if (requested && newPlan !== 'cleanup') {
      return denied(
        CONFLICT,
        `${prefix}only 'cleanup' plan can be scheduled when an instance is being deleted; wait for the deletion to finish`,
      );
    }
    return { ok: true, outcome: { removeParams, warnings } };
  }

  const ovName = fresh.spec?.operatorVersion?.name ?? '';
  const waitOrAbort = `wait until '${oldPlan}' finishes, or abort it with spec.planControl.abort, then apply the change again`;
  if (hadPlan && isParameterUpdate && triggeredByParams !== oldPlan) {
    return denied(
      CONFLICT,
      `${prefix}plan '${oldPlan}' is scheduled (or running) and an update would trigger a different plan '${triggeredByParams}'; ${waitOrAbort}`,
    );
  }
  if (isUpgrade && hadPlan) {
    return denied(
      CONFLICT,
      `${prefix}upgrade to new OperatorVersion ${ovName} while a plan '${oldPlan}' is scheduled (or running) is not allowed; ${waitOrAbort}`,
    );
  }
  if (isUpgrade && isNovelPlan) {
    return denied(
      CONFLICT,
      `${prefix}upgrade to new OperatorVersion ${ovName} and triggering new plan '${newPlan}' is not allowed; upgrade first, then trigger '${newPlan}' in a separate update`,
    );
  }
  if (isUpgrade && updateIncompatibleWithUpgrade) {
    return denied(
      CONFLICT,
      `${prefix}upgrade to new OperatorVersion ${ovName} together with a parameter update triggering '${triggeredByParams}' is not allowed; upgrade first, then change the parameters in a separate update`,
    );
  }
  if (isPlanOverride) {
    return denied(
      CONFLICT,
      `${prefix}overriding currently scheduled (or running) plan '${oldPlan}' with '${newPlan}' is not supported; wait until '${oldPlan}' finishes, or abort it with spec.planControl.abort, then trigger '${newPlan}'`,
    );
  }
  if (isPlanCancellation) {
    return denied(
      CONFLICT,
      `${prefix}cancelling currently scheduled (or running) plan '${oldPlan}' is not supported; to stop it, set spec.planControl.abort with a new uid instead of clearing spec.planExecution`,
    );
  }
  if (isParameterUpdate && isNovelPlan) {
    return denied(
      CONFLICT,
      `${prefix}triggering one plan '${newPlan}' directly and through parameter update '${triggeredByParams}' is not allowed; change parameters and trigger plans in separate updates`,
    );
  }
  if (requested && newPlan === 'cleanup') {
    return denied(
      CONFLICT,
      `${prefix}only the controller schedules the 'cleanup' plan when the instance is deleted; delete the Instance to run it`,
    );
  }

  let plan: string | undefined;
  if (isUpgrade) {
    plan = selectPlan(ov, ['upgrade', 'update', 'deploy']);
    if (plan === undefined) {
      return denied(
        INVALID,
        `${prefix}couldn't find any suitable plan that would be triggered by an OperatorVersion upgrade; OperatorVersion ${ov.id} needs an 'upgrade', 'update' or 'deploy' plan`,
      );
    }
  } else if (isParameterUpdate) {
    plan = triggeredByParams;
  } else if (isNovelPlan || isPlanRetriggered) {
    plan = newPlan;
  } else if (isPlanTerminal) {
    // KUDO cleared spec.planExecution here; Maestro keeps it, and its terminal status marks it done.
    plan = undefined;
  }
  return { ok: true, outcome: { ...(plan !== undefined ? { plan } : {}), removeParams, warnings } };
}
