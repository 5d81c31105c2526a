// KUDO's engine pass over one plan execution: which steps run, retries and
// backoff (onFailure), step deadlines, canary holds, and progress read back
// from the children when status lags them (scenario 3).

import { assessHealth } from '../health/index.ts';
import type { KObject } from '../kobject.ts';
import type { ObservedChild } from './children.ts';
import { planSteps, stepKey } from './ov.ts';
import type { OperatorVersionView, OvPhase, OvPlan } from './ov.ts';
import { iso, parseTime } from './state.ts';
import type {
  DeleteIntent,
  Execution,
  ExecutionStatus,
  Rotation,
  StepProgress,
  SyncInput,
} from './types.ts';
import { runStep } from './run-step.ts';

/** Jobs and bare Pods: run to completion, so a vanished one is done, never re-created. */
export const RUN_TO_COMPLETION = new Set(['batch/Job', '/Pod']);

export interface StepState {
  status: ExecutionStatus;
  message?: string;
}

export interface Rendered {
  body: KObject;
  template: string;
}

/** A step an observed child of this execution carries has been reached; in serial order, every earlier step is COMPLETE. */
export function markReachedFromChildren(
  plan: OvPlan,
  exec: Execution,
  observed: Map<string, ObservedChild>,
  stepStates: Map<string, StepState>,
): void {
  const steps = planSteps(plan);
  for (const o of observed.values()) {
    const p = o.provenance;
    if (!p || p.execution !== exec.id) continue;
    const idx = steps.findIndex((s) => s.phase === p.phase && s.step === p.step);
    if (idx < 0) continue;
    const ref = steps[idx]!;
    const st = stepStates.get(stepKey(ref.phase, ref.step));
    if (st && st.status === 'PENDING') st.status = 'IN_PROGRESS';
    for (const earlier of steps.slice(0, idx)) {
      const samePhase = earlier.phaseIndex === ref.phaseIndex;
      const serial = samePhase
        ? plan.phases[ref.phaseIndex]!.strategy !== 'parallel'
        : plan.strategy === 'serial';
      if (!serial) continue;
      const es = stepStates.get(stepKey(earlier.phase, earlier.step));
      if (es && es.status !== 'COMPLETE') {
        es.status = 'COMPLETE';
        delete es.message;
      }
    }
  }
}

export interface AdvanceArgs {
  ov: OperatorVersionView;
  plan: OvPlan;
  exec: Execution;
  stepStates: Map<string, StepState>;
  observed: Map<string, ObservedChild>;
  rendered: Map<string, Rendered>;
  newIntents: Map<string, DeleteIntent>;
  inputIntents: Set<string>;
  waitingReasons: string[];
  params: Record<string, unknown>;
  paused: boolean;
  rotations: readonly Rotation[];
  now: number;
  nowIso: string;
  instance: { name: string; namespace: string; uid: string };
  declared: SyncInput['declaredTypes'];
  pipeImage?: string;
}

export interface AdvanceResult {
  status: ExecutionStatus;
  message?: string;
  deadline: number | undefined;
  /** FATAL_ERROR only: the failed step's (else the plan's) `onFailure.plan`. */
  followUp?: string;
}

/** KUDO's engine pass (kudo-semantics.md §2.3) with the convergence gate and two-phase deletes. */
export function advance(a: AdvanceArgs): AdvanceResult {
  const { plan, exec, stepStates } = a;
  let deadline: number | undefined;
  const progressOf = (phase: string, step: string): StepProgress | undefined =>
    exec.steps.find((p) => p.phase === phase && p.step === step);
  let stop = false;
  for (const phase of plan.phases) {
    if (stop) break;
    const phaseDone = () =>
      phase.steps.every((s) => stepStates.get(stepKey(phase.name, s.name))?.status === 'COMPLETE');
    if (phaseDone()) continue;
    for (const [i, step] of phase.steps.entries()) {
      const k = stepKey(phase.name, step.name);
      const st = stepStates.get(k)!;
      if (st.status === 'COMPLETE') {
        if (canaryHold(phase, i, progressOf(phase.name, step.name), a)) break;
        continue;
      }
      const followUp = step.onFailure?.plan ?? plan.onFailure?.plan;
      if (st.status === 'FATAL_ERROR') {
        return {
          status: 'FATAL_ERROR',
          message: `step ${phase.name}.${step.name}: ${st.message ?? 'failed'}`,
          deadline,
          ...(followUp && { followUp }),
        };
      }
      let progress = progressOf(phase.name, step.name);
      if (!progress) {
        if (a.paused) {
          stop = true;
          break;
        }
        progress = { phase: phase.name, step: step.name, startTime: a.nowIso };
        if (step.timeoutSeconds !== undefined)
          progress.deadline = iso(a.now + step.timeoutSeconds * 1000);
        exec.steps.push(progress);
      }
      // onFailure (v1): a failed attempt waits for its backoff, then runs again.
      const onFailure = step.onFailure ?? plan.onFailure;
      const retryAt = parseTime(progress.nextRetryTime);
      if (retryAt !== undefined) {
        if (a.now < retryAt) {
          deadline = Math.min(deadline ?? retryAt, retryAt);
          a.waitingReasons.push(`${phase.name}.${step.name} retries at ${progress.nextRetryTime}`);
          if (phase.strategy !== 'parallel') break;
          continue;
        }
        delete progress.nextRetryTime;
        progress.attempts = (progress.attempts ?? 0) + 1;
        progress.startTime = a.nowIso;
        if (step.timeoutSeconds !== undefined)
          progress.deadline = iso(a.now + step.timeoutSeconds * 1000);
        st.status = 'IN_PROGRESS';
        delete st.message;
      }
      if (st.status === 'PENDING') st.status = 'IN_PROGRESS';
      const r = runStep(a, phase, step.name, step.tasks);
      let failure = r.failure;
      if (!failure && !r.done) {
        const d = parseTime(progress.deadline);
        if (d !== undefined && a.now >= d) {
          failure = {
            fatal: onFailure !== undefined,
            message: `not converged by its deadline ${progress.deadline}: ${r.reasons.join('; ') || 'still waiting'} (an immutable field, a name conflict or an admission denial shows as SyncError events on the Instance)`,
          };
        }
      }
      if (failure && onFailure) {
        const attempts = progress.attempts ?? 0;
        if (attempts < (onFailure.retries ?? 0)) {
          const backoff = (onFailure.backoffSeconds ?? 0) * 1000;
          progress.nextRetryTime = iso(a.now + Math.max(1000, backoff));
          st.status = 'ERROR';
          st.message = `attempt ${attempts + 1} of ${(onFailure.retries ?? 0) + 1} failed: ${failure.message}; retrying at ${progress.nextRetryTime}`;
          replaceFailed(a, phase.name, step.name);
          const t = parseTime(progress.nextRetryTime)!;
          deadline = Math.min(deadline ?? t, t);
          if (phase.strategy !== 'parallel') break;
          continue;
        }
        if (onFailure.action === 'Continue') {
          st.status = 'COMPLETE';
          st.message = `failed after ${attempts + 1} attempts (${failure.message}); continuing (onFailure.action: Continue)`;
          continue;
        }
        failure = {
          fatal: true,
          message: `failed after ${attempts + 1} attempts: ${failure.message}`,
        };
      }
      if (failure) {
        st.status = failure.fatal ? 'FATAL_ERROR' : 'ERROR';
        st.message = failure.message;
        if (failure.fatal)
          return {
            status: 'FATAL_ERROR',
            message: failure.message,
            deadline,
            ...(followUp && { followUp }),
          };
      } else if (r.done) {
        st.status = 'COMPLETE';
        delete st.message;
        if (canaryHold(phase, i, progress, a)) break;
        continue;
      } else {
        a.waitingReasons.push(...r.reasons);
        const d = parseTime(progress.deadline);
        if (d !== undefined && a.now < d) deadline = Math.min(deadline ?? d, d);
      }
      if (phase.strategy !== 'parallel') break;
    }
    if (!phaseDone() && plan.strategy === 'serial') break;
  }
  const all = plan.phases.every((ph) =>
    ph.steps.every((s) => stepStates.get(stepKey(ph.name, s.name))?.status === 'COMPLETE'),
  );
  return { status: all ? 'COMPLETE' : 'IN_PROGRESS', deadline };
}

/** Delete intents for the failed Jobs and Pods of a step, so its next attempt re-creates them. */
function replaceFailed(a: AdvanceArgs, phase: string, step: string): void {
  for (const o of a.observed.values()) {
    const p = o.provenance;
    if (!p || p.execution !== a.exec.id || p.phase !== phase || p.step !== step) continue;
    if (!RUN_TO_COMPLETION.has(`${o.identity.group}/${o.identity.kind}`)) continue;
    if (!assessHealth(o.object).terminal) continue;
    a.newIntents.set(o.key, {
      ...o.identity,
      apiVersion: o.object.apiVersion,
      execution: a.exec.id,
      reason: `onFailure retry replaces the failed ${o.identity.kind}`,
    });
  }
}

/** Canary phases: after each of the first `canarySteps` steps, wait for spec.planControl.continue. */
function canaryHold(
  phase: OvPhase,
  index: number,
  progress: StepProgress | undefined,
  a: AdvanceArgs,
): boolean {
  if (phase.strategy !== 'canary' || index >= phase.canarySteps || index === phase.steps.length - 1)
    return false;
  if (!progress) return false;
  if (progress.waiting === false) return false;
  progress.waiting = true;
  a.waitingReasons.push(
    `canary phase ${phase.name} waits after step ${progress.step} for spec.planControl.continue`,
  );
  return true;
}
