// status.planStatus in KUDO's layout: the running execution's steps, and the
// last known status of every other plan, reshaped to the OperatorVersion.

import type { StepState } from './advance.ts';
import { stepKey } from './ov.ts';
import type { OvPlan } from './ov.ts';
import { asStatus } from './state.ts';
import type { Execution, ExecutionStatus, PhaseStatus, PlanStatus } from './types.ts';

function phaseStatusOf(steps: { status: ExecutionStatus }[]): ExecutionStatus {
  if (steps.length > 0 && steps.every((s) => s.status === 'COMPLETE')) return 'COMPLETE';
  if (steps.some((s) => s.status === 'FATAL_ERROR')) return 'FATAL_ERROR';
  if (steps.some((s) => s.status === 'ERROR')) return 'ERROR';
  if (steps.some((s) => s.status !== 'PENDING' && s.status !== 'NEVER_RUN')) return 'IN_PROGRESS';
  return 'PENDING';
}

export function buildPlanStatus(
  plan: OvPlan | undefined,
  exec: Execution,
  stepStates: ReadonlyMap<string, StepState>,
  message: string | undefined,
): PlanStatus {
  const phases: PhaseStatus[] = (plan?.phases ?? []).map((ph) => {
    const steps = ph.steps.map((s) => {
      const st = stepStates.get(stepKey(ph.name, s.name)) ?? { status: 'PENDING' as const };
      return { name: s.name, status: st.status, ...(st.message && { message: st.message }) };
    });
    let status = phaseStatusOf(steps);
    // KUDO: a transient step ERROR keeps its phase IN_PROGRESS.
    if (status === 'ERROR') status = 'IN_PROGRESS';
    if (exec.status === 'FATAL_ERROR' && status !== 'COMPLETE' && status !== 'PENDING')
      status = 'FATAL_ERROR';
    return { name: ph.name, status, steps };
  });
  return {
    name: exec.plan,
    status: exec.status,
    uid: exec.id,
    ...(message && { message }),
    phases,
  };
}

/** A plan that is not the current execution's: its last status, rebuilt to the OperatorVersion's shape. */
export function carryPlanStatus(plan: OvPlan, before: PlanStatus | undefined): PlanStatus {
  const phases: PhaseStatus[] = plan.phases.map((ph) => {
    const bp = before?.phases?.find((p) => p.name === ph.name);
    return {
      name: ph.name,
      status: asStatus(bp?.status, 'NEVER_RUN'),
      ...(bp?.message && { message: bp.message }),
      steps: ph.steps.map((s) => {
        const bs = bp?.steps?.find((x) => x.name === s.name);
        return {
          name: s.name,
          status: asStatus(bs?.status, 'NEVER_RUN'),
          ...(bs?.message && { message: bs.message }),
        };
      }),
    };
  });
  return {
    name: plan.name,
    status: asStatus(before?.status, 'NEVER_RUN'),
    ...(before?.uid && { uid: before.uid }),
    ...(before?.message && { message: before.message }),
    phases,
  };
}
