// Stage 6, advance the steps: KUDO's engine pass over one plan execution —
// which steps run, retries and backoff (onFailure), step deadlines, canary
// holds — and progress read back from the children when status lags them
// (scenario 3). `decideStep` is the verdict on one step's attempt, a pure
// function of its outcome; `advance` applies it step by step and returns
// the execution, its step states, the rendered children and the delete
// intents, never writing to what it was given.

import type { DeclaredType } from '../api-versions.ts';
import type { InstanceRef } from './types.ts';
import { assessHealth } from '../health/index.ts';
import type { KObject } from '../kobject.ts';
import type { ObservedChild } from './children.ts';
import { planSteps, stepKey } from './ov.ts';
import type { OnFailure, OperatorVersionView, OvPhase, OvPlan } from './ov.ts';
import { iso, parseTime } from './state.ts';
import type { DeleteIntent, Execution, ExecutionStatus, Rotation, StepProgress } from './types.ts';
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

/** The sync's surroundings of a step: read-only. */
export interface Scope {
  ov: OperatorVersionView;
  observed: ReadonlyMap<string, ObservedChild>;
  /** Keys of the observed children this sync leaves out (honoured delete intents). */
  leaveOut: ReadonlySet<string>;
  rotations: readonly Rotation[];
  now: number;
  nowIso: string;
  instance: InstanceRef;
  declared: readonly DeclaredType[];
  pipeImage?: string | undefined;
}

/** One pass over one execution. */
export interface Pass {
  plan: OvPlan;
  exec: Execution;
  steps: ReadonlyMap<string, StepState>;
  /** Delete intents recorded so far in this sync. */
  intents: ReadonlyMap<string, DeleteIntent>;
  params: Record<string, unknown>;
  paused: boolean;
}

export interface AdvanceResult {
  status: ExecutionStatus;
  message?: string;
  /** The earliest retry or step deadline still ahead. */
  deadline: number | undefined;
  /** FATAL_ERROR only: the failed step's (else the plan's) `onFailure.plan`. */
  followUp?: string;
  exec: Execution;
  steps: Map<string, StepState>;
  /** What the pass rendered, by key, in emit order (a later step wins). */
  rendered: Map<string, Rendered>;
  /** The delete intents of the sync so far: the pass's and those it was given. */
  intents: Map<string, DeleteIntent>;
  /** Why unfinished steps wait. */
  waiting: string[];
}

/** A step an observed child of this execution carries has been reached; in serial order, every earlier step is COMPLETE. */
export function markReachedFromChildren(
  plan: OvPlan,
  exec: Execution,
  observed: ReadonlyMap<string, ObservedChild>,
  given: ReadonlyMap<string, StepState>,
): Map<string, StepState> {
  const stepStates = new Map([...given].map(([k, s]) => [k, { ...s }]));
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
  return stepStates;
}

/** What an attempt of a step came to. */
export interface Attempt {
  /** Its children converged and are healthy. */
  done: boolean;
  /** Why not, when not done. */
  reasons: readonly string[];
  /** A render failure or a terminal child (fatal), or a transient error. */
  failure?: { fatal: boolean; message: string } | undefined;
  /** The step's deadline (progress.deadline), if it has one. */
  deadline: string | undefined;
  /** Earlier failed attempts of the step. */
  attempts: number;
  onFailure: OnFailure | undefined;
  now: number;
}

export type StepVerdict =
  | { kind: 'done' }
  | { kind: 'wait'; deadline: number | undefined }
  | { kind: 'retry'; at: number; message: string }
  | { kind: 'continue'; message: string }
  | { kind: 'fail'; fatal: boolean; message: string };

/** The verdict on one attempt of a step (onFailure, deadlines): a pure function. */
export function decideStep(a: Attempt): StepVerdict {
  let failure = a.failure;
  const deadline = parseTime(a.deadline);
  if (!failure && !a.done && deadline !== undefined && a.now >= deadline) {
    failure = {
      fatal: a.onFailure !== undefined,
      message: `not converged by its deadline ${a.deadline}: ${a.reasons.join('; ') || 'still waiting'} (an immutable field, a name conflict or an admission denial shows as SyncError events on the Instance)`,
    };
  }
  const onFailure = a.onFailure;
  if (failure && onFailure) {
    const retries = onFailure.retries ?? 0;
    if (a.attempts < retries) {
      const at = a.now + Math.max(1000, (onFailure.backoffSeconds ?? 0) * 1000);
      return {
        kind: 'retry',
        at,
        message: `attempt ${a.attempts + 1} of ${retries + 1} failed: ${failure.message}; retrying at ${iso(at)}`,
      };
    }
    if (onFailure.action === 'Continue')
      return {
        kind: 'continue',
        message: `failed after ${a.attempts + 1} attempts (${failure.message}); continuing (onFailure.action: Continue)`,
      };
    return {
      kind: 'fail',
      fatal: true,
      message: `failed after ${a.attempts + 1} attempts: ${failure.message}`,
    };
  }
  if (failure) return { kind: 'fail', ...failure };
  if (a.done) return { kind: 'done' };
  return {
    kind: 'wait',
    deadline: deadline !== undefined && a.now < deadline ? deadline : undefined,
  };
}

/** The pass's own copies: what `advance` changes and returns. */
interface Work {
  exec: Execution;
  steps: Map<string, StepState>;
  rendered: Map<string, Rendered>;
  intents: Map<string, DeleteIntent>;
  waiting: string[];
  deadline: number | undefined;
}

const earliest = (a: number | undefined, b: number): number => Math.min(a ?? b, b);

/** KUDO's engine pass (kudo-semantics.md §2.3) with the convergence gate and two-phase deletes. */
export function advance(scope: Scope, pass: Pass): AdvanceResult {
  const { plan } = pass;
  const w: Work = {
    exec: { ...pass.exec, steps: pass.exec.steps.map((p) => ({ ...p })) },
    steps: new Map([...pass.steps].map(([k, s]) => [k, { ...s }])),
    rendered: new Map(),
    intents: new Map(pass.intents),
    waiting: [],
    deadline: undefined,
  };
  const complete = (ph: OvPhase) =>
    ph.steps.every((s) => w.steps.get(stepKey(ph.name, s.name))?.status === 'COMPLETE');
  const done = (status: ExecutionStatus, fatal?: PhaseOutcome['fatal']): AdvanceResult => ({
    status,
    ...(fatal && { message: fatal.message }),
    deadline: w.deadline,
    ...(fatal?.followUp && { followUp: fatal.followUp }),
    exec: w.exec,
    steps: w.steps,
    rendered: w.rendered,
    intents: w.intents,
    waiting: w.waiting,
  });
  for (const phase of plan.phases) {
    if (complete(phase)) continue;
    const outcome = advancePhase(scope, pass, w, phase);
    if (outcome.fatal) return done('FATAL_ERROR', outcome.fatal);
    if (outcome.paused) break;
    if (!complete(phase) && plan.strategy === 'serial') break;
  }
  return done(plan.phases.every(complete) ? 'COMPLETE' : 'IN_PROGRESS');
}

interface PhaseOutcome {
  fatal?: { message: string; followUp: string | undefined };
  /** A step would start while the plan is paused. */
  paused?: boolean;
}

const progressOf = (exec: Execution, phase: string, step: string): StepProgress | undefined =>
  exec.steps.find((p) => p.phase === phase && p.step === step);

/** One phase of the pass: serial phases stop at the first unfinished step, parallel ones do not. */
function advancePhase(scope: Scope, pass: Pass, w: Work, phase: OvPhase): PhaseOutcome {
  const { plan } = pass;
  const serial = phase.strategy !== 'parallel';
  for (const [i, step] of phase.steps.entries()) {
    const st = w.steps.get(stepKey(phase.name, step.name))!;
    if (st.status === 'COMPLETE') {
      if (canaryHold(phase, i, progressOf(w.exec, phase.name, step.name), w)) break;
      continue;
    }
    const followUp = step.onFailure?.plan ?? plan.onFailure?.plan;
    if (st.status === 'FATAL_ERROR')
      return {
        fatal: { message: `step ${phase.name}.${step.name}: ${st.message ?? 'failed'}`, followUp },
      };
    let progress = progressOf(w.exec, phase.name, step.name);
    if (!progress) {
      if (pass.paused) return { paused: true };
      progress = { phase: phase.name, step: step.name, startTime: scope.nowIso };
      if (step.timeoutSeconds !== undefined)
        progress.deadline = iso(scope.now + step.timeoutSeconds * 1000);
      w.exec.steps.push(progress);
    }
    // onFailure (v1): a failed attempt waits for its backoff, then runs again.
    const retryAt = parseTime(progress.nextRetryTime);
    if (retryAt !== undefined) {
      if (scope.now < retryAt) {
        w.deadline = earliest(w.deadline, retryAt);
        w.waiting.push(`${phase.name}.${step.name} retries at ${progress.nextRetryTime}`);
        if (serial) break;
        continue;
      }
      delete progress.nextRetryTime;
      progress.attempts = (progress.attempts ?? 0) + 1;
      progress.startTime = scope.nowIso;
      if (step.timeoutSeconds !== undefined)
        progress.deadline = iso(scope.now + step.timeoutSeconds * 1000);
      st.status = 'IN_PROGRESS';
      delete st.message;
    }
    if (st.status === 'PENDING') st.status = 'IN_PROGRESS';
    const run = runStep(
      scope,
      { plan, exec: w.exec, params: pass.params, intents: w.intents },
      phase,
      step.name,
      step.tasks,
    );
    for (const e of run.emit) {
      w.rendered.delete(e.key);
      w.rendered.set(e.key, { body: e.body, template: e.template });
    }
    for (const [k, intent] of run.intents) w.intents.set(k, intent);
    const verdict = decideStep({
      done: run.done,
      reasons: run.reasons,
      failure: run.failure,
      deadline: progress.deadline,
      attempts: progress.attempts ?? 0,
      onFailure: step.onFailure ?? plan.onFailure,
      now: scope.now,
    });
    if (verdict.kind === 'retry') {
      progress.nextRetryTime = iso(verdict.at);
      st.status = 'ERROR';
      st.message = verdict.message;
      replaceFailed(scope, w, phase.name, step.name);
      w.deadline = earliest(w.deadline, parseTime(progress.nextRetryTime)!);
      if (serial) break;
      continue;
    }
    if (verdict.kind === 'continue') {
      st.status = 'COMPLETE';
      st.message = verdict.message;
      continue;
    }
    if (verdict.kind === 'fail') {
      st.status = verdict.fatal ? 'FATAL_ERROR' : 'ERROR';
      st.message = verdict.message;
      if (verdict.fatal) return { fatal: { message: verdict.message, followUp } };
    } else if (verdict.kind === 'done') {
      st.status = 'COMPLETE';
      delete st.message;
      if (canaryHold(phase, i, progress, w)) break;
      continue;
    } else {
      w.waiting.push(...run.reasons);
      if (verdict.deadline !== undefined) w.deadline = earliest(w.deadline, verdict.deadline);
    }
    if (serial) break;
  }
  return {};
}

/** Delete intents for the failed Jobs and Pods of a step, so its next attempt re-creates them. */
function replaceFailed(scope: Scope, w: Work, phase: string, step: string): void {
  for (const o of scope.observed.values()) {
    const p = o.provenance;
    if (!p || p.execution !== w.exec.id || p.phase !== phase || p.step !== step) continue;
    if (!RUN_TO_COMPLETION.has(`${o.identity.group}/${o.identity.kind}`)) continue;
    if (!assessHealth(o.object).terminal) continue;
    w.intents.set(o.key, {
      ...o.identity,
      apiVersion: o.object.apiVersion,
      execution: w.exec.id,
      reason: `onFailure retry replaces the failed ${o.identity.kind}`,
    });
  }
}

/** Canary phases: after each of the first `canarySteps` steps, wait for spec.planControl.continue. */
function canaryHold(
  phase: OvPhase,
  index: number,
  progress: StepProgress | undefined,
  w: Work,
): boolean {
  if (phase.strategy !== 'canary' || index >= phase.canarySteps || index === phase.steps.length - 1)
    return false;
  if (!progress) return false;
  if (progress.waiting === false) return false;
  progress.waiting = true;
  w.waiting.push(
    `canary phase ${phase.name} waits after step ${progress.step} for spec.planControl.continue`,
  );
  return true;
}
