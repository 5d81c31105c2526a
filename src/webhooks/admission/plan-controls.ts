// Maestro's plan controls (spec.planControl: pause, resume, abort, retry,
// continue, force-complete a step), which KUDO lacked (kudo#1764). Admission
// extends KUDO's rule table to them: a control goes in an update of its own,
// cleanup cannot be aborted, retry applies to a failed plan, and a forced step
// must exist. A control with nothing to act on is allowed, with a warning.
import type { OperatorVersionView } from './operator-version-view.ts';
import { latestExecutionStatus, type InstanceLike } from './plan-state.ts';

export interface ControlInput {
  old: InstanceLike;
  fresh: InstanceLike;
  ov: OperatorVersionView;
  /** The plan scheduled or running before the update, or ''. */
  oldPlan: string;
  isDeleting: boolean;
  /** The same update also changes parameters, the OperatorVersion or spec.planExecution. */
  otherChange: boolean;
}

export type ControlResult =
  | { ok: true; warnings: string[] }
  | { ok: false; code: number; message: string; warnings: string[] };

interface OneShot {
  uid?: string;
  plan?: string;
  phase?: string;
  step?: string;
}

type Controls = { paused?: boolean } & Record<string, OneShot | boolean | undefined>;

const ONE_SHOTS = ['abort', 'retry', 'continue', 'forceComplete'] as const;

/** The controls this update sets: one-shots with a new uid, and pause or resume. */
export function changedControls(old: InstanceLike, fresh: InstanceLike): string[] {
  const before = (old.spec?.planControl ?? {}) as Controls;
  const after = (fresh.spec?.planControl ?? {}) as Controls;
  const out: string[] = [];
  if (Boolean(after.paused) !== Boolean(before.paused)) out.push(after.paused ? 'pause' : 'resume');
  for (const name of ONE_SHOTS) {
    const uid = (after[name] as OneShot | undefined)?.uid;
    if (uid && uid !== (before[name] as OneShot | undefined)?.uid) out.push(name);
  }
  return out;
}

export function checkPlanControls(input: ControlInput): ControlResult {
  const { fresh, ov, oldPlan, isDeleting } = input;
  const warnings: string[] = [];
  const denied = (code: number, message: string): ControlResult => ({
    ok: false,
    code,
    message,
    warnings,
  });
  const changed = changedControls(input.old, fresh);
  if (changed.length === 0) return { ok: true, warnings };
  const list = changed.map((c) => `spec.planControl ${c}`).join(', ');

  if (input.otherChange) {
    return denied(
      409,
      `${list} together with a parameter update, an upgrade or a plan trigger is not allowed; apply the plan control in an update of its own, then the other change`,
    );
  }
  const running = oldPlan !== '';
  const latest = latestExecutionStatus(input.old);
  for (const control of changed) {
    switch (control) {
      case 'abort':
        if (isDeleting) {
          return denied(
            409,
            `'cleanup' plan can not be aborted since the instance is being deleted; to get past a stuck step, use spec.planControl.forceComplete`,
          );
        }
        if (!running)
          warnings.push(
            'spec.planControl.abort: no plan is scheduled or running, so there is nothing to abort',
          );
        break;
      case 'retry':
        if (running && latest !== 'ERROR' && latest !== 'FATAL_ERROR') {
          return denied(
            409,
            `plan '${oldPlan}' is running and has not failed; retry applies to a failed plan: wait until it fails, or abort it first`,
          );
        }
        if (!running && latest !== 'FATAL_ERROR') {
          warnings.push(
            'spec.planControl.retry: the latest plan did not fail, so there is nothing to retry',
          );
        }
        break;
      case 'continue':
        if (!running)
          warnings.push(
            'spec.planControl.continue: no plan is running, so there is nothing to continue',
          );
        break;
      case 'forceComplete': {
        const fc = ((fresh.spec?.planControl ?? {}) as Controls).forceComplete as OneShot;
        const plan = fc.plan || oldPlan;
        if (!plan) {
          return denied(
            422,
            'spec.planControl.forceComplete: no plan is scheduled or running; name the plan in spec.planControl.forceComplete.plan',
          );
        }
        const def = ov.plans.get(plan);
        if (def === undefined) {
          return denied(
            422,
            `spec.planControl.forceComplete: plan ${plan} does not exist in OperatorVersion ${ov.id}`,
          );
        }
        const phase = (def.phases ?? []).find((p) => p.name === fc.phase);
        if (phase === undefined) {
          return denied(
            422,
            `spec.planControl.forceComplete: plan ${plan} has no phase "${fc.phase ?? ''}"; its phases are ${(def.phases ?? []).map((p) => p.name).join(', ') || '(none)'}`,
          );
        }
        if (!(phase.steps ?? []).some((s) => s.name === fc.step)) {
          return denied(
            422,
            `spec.planControl.forceComplete: phase "${phase.name}" of plan ${plan} has no step "${fc.step ?? ''}"; its steps are ${(phase.steps ?? []).map((s) => s.name).join(', ') || '(none)'}`,
          );
        }
        if (plan !== oldPlan) {
          warnings.push(
            `spec.planControl.forceComplete: plan ${plan} is not running; the step is marked complete only while it runs`,
          );
        }
        break;
      }
      case 'pause':
        if (isDeleting)
          warnings.push(
            'spec.planControl.paused: pausing holds the deletion of the instance until it is resumed',
          );
        break;
    }
  }
  return { ok: true, warnings };
}
