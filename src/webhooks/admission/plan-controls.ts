// Maestro's plan controls (spec.planControl: pause, resume, abort, retry,
// continue, force-complete a step), which KUDO lacked (kudo#1764). Admission
// extends KUDO's rule table to them: a control goes in an update of its own,
// cleanup cannot be aborted, retry applies to a failed plan, and a forced step
// must exist. A control with nothing to act on is allowed, with a warning.
// rotate and prune (docs/plan-engine.md) name children as `Kind/name`; prune
// may name only children the status lists as stale. rotate runs no plan by
// itself, so it may come with the plan trigger that re-runs the step.
import type { OperatorVersionView } from '../../engine/plan/ov.ts';
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
  names?: unknown;
  plan?: string;
  phase?: string;
  step?: string;
}

type Controls = { paused?: boolean } & Record<string, OneShot | boolean | undefined>;

const ONE_SHOTS = ['abort', 'retry', 'continue', 'forceComplete', 'rotate', 'prune'] as const;

/** Controls that may share an update with a parameter change, an upgrade or a plan trigger. */
const COMBINABLE = new Set(['rotate']);

/** The `names` of rotate or prune that are not `Kind/name`. */
function badNames(names: unknown): string[] {
  if (names === undefined) return [];
  if (!Array.isArray(names)) return [String(names)];
  return names.map(String).filter((n) => !/^[A-Za-z][A-Za-z0-9]*\/[^/\s]+$/.test(n));
}

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
  const exclusive = changed.filter((c) => !COMBINABLE.has(c));
  const list = exclusive.map((c) => `spec.planControl ${c}`).join(', ');

  if (input.otherChange && exclusive.length > 0) {
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
      case 'rotate':
      case 'prune': {
        const ctl = ((fresh.spec?.planControl ?? {}) as Controls)[control] as OneShot;
        const bad = badNames(ctl.names);
        if (bad.length > 0) {
          return denied(
            422,
            `spec.planControl.${control}.names: ${bad.map((b) => JSON.stringify(b)).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not Kind/name (for example Secret/my-instance-creds)`,
          );
        }
        if (control === 'rotate') {
          if (!running)
            warnings.push(
              'spec.planControl.rotate: generated children are regenerated the next time their step runs; no plan runs by itself (trigger one with spec.planExecution)',
            );
          break;
        }
        const staleList = (input.old.status?.maestro as { staleChildren?: unknown } | undefined)
          ?.staleChildren;
        const stale = Array.isArray(staleList) ? staleList.map(String) : [];
        const names = Array.isArray(ctl.names) ? ctl.names.map(String) : [];
        const notStale = names.filter((n) => !stale.includes(n));
        if (notStale.length > 0) {
          return denied(
            422,
            `spec.planControl.prune.names: ${notStale.join(', ')} ${notStale.length === 1 ? 'is' : 'are'} not stale (status.maestro.staleChildren lists ${stale.join(', ') || 'none'}); prune deletes only children the OperatorVersion no longer renders`,
          );
        }
        if (stale.length === 0)
          warnings.push('spec.planControl.prune: no child is stale, so there is nothing to prune');
        if (running)
          warnings.push(
            `spec.planControl.prune: it waits until plan '${oldPlan}' ends (a running plan may still render a child that looks stale)`,
          );
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
