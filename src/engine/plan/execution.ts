// The execution ledger the stages hand on: the bookkeeping (whose `execution`
// is the current execution), the current execution's step states, and the
// planStatus entries a stage settled for other plans (a superseded or failed
// plan, a message). Every function here returns a new ledger; none changes
// the one it is given.

import { stableHash } from '../canonical-json.ts';
import type { StepState } from './advance.ts';
import { planSteps, stepKey } from './ov.ts';
import type { OperatorVersionView } from './ov.ts';
import { parameterDigests } from './params.ts';
import { buildPlanStatus } from './plan-status.ts';
import type { Request } from './request.ts';
import { asStatus, capped, iso } from './state.ts';
import type { EngineState, Execution, ExecutionStatus, PlanStatus } from './types.ts';

export interface Ledger {
  /** status.maestro as it stands; `state.execution` is the current execution. */
  readonly state: EngineState;
  /** The current execution's step states, by stepKey. */
  readonly steps: ReadonlyMap<string, StepState>;
  /** planStatus entries decided for plans before the status stage builds the rest. */
  readonly planStatus: ReadonlyMap<string, PlanStatus>;
}

/** What a plan starts with: effective values, their trigger digests, and the inputs an id derives from. */
export interface Inputs {
  values: Record<string, unknown>;
  digests: Record<string, string>;
  /** The inputs of a create, upgrade or parameter change: { operatorVersion, digests }. */
  now: { operatorVersion: string; digests: Record<string, string> };
}

const RUNNING = new Set<ExecutionStatus>(['PENDING', 'IN_PROGRESS', 'ERROR']);

export function isRunning(exec: Execution | undefined): boolean {
  return exec !== undefined && RUNNING.has(exec.status);
}

/** Derived, never random: the same inputs give the same id after a lost status write. */
export function executionId(uid: string, sequence: number, plan: string, inputs: unknown): string {
  // The sequence is readable: children of this instance's first execution are
  // recognisable even when its inputs changed before its status was written.
  return `e${sequence}-${stableHash({ uid, sequence, plan, inputs })}`;
}

/** The ledger of the input bookkeeping: step states from the input planStatus of its execution. */
export function openLedger(req: Request, ov: OperatorVersionView, state: EngineState): Ledger {
  const steps = new Map<string, StepState>();
  const e = state.execution;
  const plan = e ? ov.plans.get(e.plan) : undefined;
  const ps = e ? req.inputPlanStatus[e.plan] : undefined;
  const same = ps !== undefined && ps.uid === e?.id;
  for (const ref of plan ? planSteps(plan) : []) {
    const st = same
      ? ps.phases?.find((p) => p.name === ref.phase)?.steps?.find((s) => s.name === ref.step)
      : undefined;
    steps.set(stepKey(ref.phase, ref.step), {
      status: asStatus(st?.status, 'PENDING'),
      ...(st?.message && { message: st.message }),
    });
  }
  return { state, steps, planStatus: new Map() };
}

export function withExecution(l: Ledger, exec: Execution): Ledger {
  return { ...l, state: { ...l.state, execution: exec } };
}

/** The current execution ends; the history records it. */
export function endExecution(
  l: Ledger,
  req: Request,
  status: ExecutionStatus,
  message?: string,
): Ledger {
  const exec = l.state.execution;
  if (!exec) return l;
  const {
    parameters: _snapshot,
    parameterDigests: _digests,
    ...rest
  } = { ...exec, status, endTime: req.nowIso };
  // The digests are kept for a retry; only a finished execution drops them.
  const ended: Execution = status === 'COMPLETE' ? rest : { ...exec, status, endTime: req.nowIso };
  const history = capped(
    [
      ...l.state.history.filter((h) => h.id !== exec.id),
      {
        id: exec.id,
        plan: exec.plan,
        status,
        reason: exec.reason,
        operatorVersion: exec.operatorVersion,
        startTime: exec.startTime,
        endTime: req.nowIso,
        ...(message && { message }),
      },
    ],
    req.limits.history,
  );
  return { ...l, state: { ...l.state, execution: ended, history } };
}

/** A message on a plan's status, over what a stage or the input said of it. */
export function planMessage(l: Ledger, req: Request, plan: string, message: string): Ledger {
  const base = l.planStatus.get(plan) ?? req.inputPlanStatus[plan];
  if (!base) return l;
  return { ...l, planStatus: new Map(l.planStatus).set(plan, { ...base, message }) };
}

/** A uid goes to a consumed list; the oldest not held by the spec go past the cap. */
export function consume(
  state: EngineState,
  req: Request,
  list: 'consumedPlanExecutions' | 'consumedControls',
  id: string,
): EngineState {
  const next = [...state[list].filter((x) => x !== id), id];
  let excess = next.length - req.limits.consumed;
  const kept: string[] = [];
  for (const x of next) {
    if (excess > 0 && !req.held.has(x)) excess--;
    else kept.push(x);
  }
  return { ...state, [list]: kept };
}

export interface Start {
  plan: string;
  reason: string;
  inputs: unknown;
  /** The consumed uid: spec.planExecution.uid, or `onFailure/<failed id>`. */
  uid?: string;
}

/** A new execution; a running one is superseded (ends FATAL_ERROR). */
export function startExecution(
  l: Ledger,
  req: Request,
  ov: OperatorVersionView,
  inputs: Inputs,
  s: Start,
): Ledger {
  let ledger = l;
  const old = ledger.state.execution;
  if (old && isRunning(old)) {
    const message = `superseded by plan ${s.plan} (${s.reason})`;
    ledger = endExecution(ledger, req, 'FATAL_ERROR', message);
    if (old.plan !== s.plan) {
      const ended = ledger.state.execution!;
      const ps = buildPlanStatus(ov.plans.get(old.plan), ended, ledger.steps, message);
      ledger = { ...ledger, planStatus: new Map(ledger.planStatus).set(old.plan, ps) };
    }
  }
  const sequence = ledger.state.sequence + 1;
  let state: EngineState = { ...ledger.state, sequence };
  // A follow-up (onFailure) consumes no input: a queued parameter change still runs after it.
  if (s.reason !== 'cleanup' && s.reason !== 'onFailure')
    state = { ...state, baseline: { operatorVersion: req.ovName, digests: inputs.digests } };
  if (s.uid) state = consume(state, req, 'consumedPlanExecutions', s.uid);
  const { recoveredFrom: _done, ...rest } = state;
  const planDef = ov.plans.get(s.plan)!;
  const exec: Execution = {
    id: executionId(req.instance.uid, sequence, s.plan, s.inputs),
    sequence,
    plan: s.plan,
    status: 'IN_PROGRESS',
    reason: s.reason,
    ...(s.uid && { uid: s.uid }),
    operatorVersion: req.ovName,
    parameterDigests: parameterDigests(ov, inputs.values),
    startTime: req.nowIso,
    ...(planDef.timeoutSeconds !== undefined && {
      deadline: iso(req.now + planDef.timeoutSeconds * 1000),
    }),
    steps: [],
  };
  const steps = new Map<string, StepState>();
  for (const ref of planSteps(planDef))
    steps.set(stepKey(ref.phase, ref.step), { status: 'PENDING' });
  return { state: { ...rest, execution: exec }, steps, planStatus: ledger.planStatus };
}

/** The message the history holds for an execution. */
export function lastMessage(state: EngineState, exec: Execution): string | undefined {
  return state.history.find((h) => h.id === exec.id)?.message;
}
