// Stage 7, run the execution: one engine pass over the current execution
// (advance.ts), its end (COMPLETE, FATAL_ERROR), the plan deadline, and the
// onFailure follow-up plan, which starts at once and gets a pass of its own.

import { advance, markReachedFromChildren } from './advance.ts';
import type { AdvanceResult, Rendered, Scope } from './advance.ts';
import { condition } from './conditions.ts';
import type { ConditionSet } from './conditions.ts';
import {
  endExecution,
  isRunning,
  lastMessage,
  planMessage,
  startExecution,
  withExecution,
} from './execution.ts';
import type { Inputs, Ledger } from './execution.ts';
import type { Honoured } from './intents.ts';
import type { OperatorVersionView } from './ov.ts';
import { changedSince, executionParams } from './params.ts';
import { buildPlanStatus } from './plan-status.ts';
import type { Request } from './request.ts';
import { parseTime } from './state.ts';
import type { DeleteIntent } from './types.ts';

export interface Progress {
  ledger: Ledger;
  /** Children rendered by the passes, in emit order. */
  rendered: Map<string, Rendered>;
  /** Delete intents recorded in this sync (controls, steps). */
  intents: Map<string, DeleteIntent>;
  /** Why unfinished steps wait (for the Ready condition). */
  waiting: string[];
  /** The earliest retry, step or plan deadline ahead. */
  deadline: number | undefined;
  conditions: ConditionSet[];
  notes: string[];
}

export function runExecution(
  req: Request,
  ov: OperatorVersionView,
  inputs: Inputs,
  ledger: Ledger,
  intents: ReadonlyMap<string, DeleteIntent>,
  honoured: Honoured,
): Progress {
  const scope: Scope = {
    ov,
    observed: req.observed,
    leaveOut: honoured.leaveOut,
    rotations: ledger.state.rotations ?? [],
    now: req.now,
    nowIso: req.nowIso,
    instance: req.instance,
    declared: req.declaredTypes,
    pipeImage: req.pipeImage,
  };
  const empty: Progress = {
    ledger,
    rendered: new Map(),
    intents: new Map(intents),
    waiting: [],
    deadline: undefined,
    conditions: [],
    notes: [],
  };
  const first = pass(req, scope, inputs, empty);
  const next = followUp(req, ov, inputs, first.progress.ledger, first.followUp);
  if (!next.ledger) return { ...first.progress, notes: [...first.progress.notes, ...next.notes] };
  return pass(req, scope, inputs, { ...first.progress, ledger: next.ledger }).progress;
}

/** One engine pass over the current execution, if it runs. */
function pass(
  req: Request,
  scope: Scope,
  inputs: Inputs,
  before: Progress,
): { progress: Progress; followUp?: string | undefined } {
  const { ov } = scope;
  const exec = before.ledger.state.execution;
  if (!exec || !isRunning(exec)) return { progress: before };
  const plan = ov.plans.get(exec.plan);
  if (!plan) {
    const message = `plan ${exec.plan} is not defined in ${ov.name}`;
    const ended = endExecution(before.ledger, req, 'FATAL_ERROR', message);
    return { progress: { ...before, ledger: planMessage(ended, req, exec.plan, message) } };
  }
  const steps = markReachedFromChildren(plan, exec, req.observed, before.ledger.steps);
  const snapshot = executionParams(ov, exec, inputs.values);
  const paused = req.control.paused === true;
  const result: AdvanceResult | undefined = snapshot.ok
    ? advance(scope, {
        plan,
        exec,
        steps,
        intents: before.intents,
        params: snapshot.params,
        paused,
      })
    : undefined;
  let ledger: Ledger = result
    ? withExecution({ ...before.ledger, steps: result.steps }, result.exec)
    : { ...before.ledger, steps };
  let deadline = before.deadline;
  if (result?.deadline !== undefined)
    deadline = Math.min(deadline ?? result.deadline, result.deadline);
  const status = result?.status ?? 'FATAL_ERROR';
  const message = result
    ? result.message
    : `could not parse parameters: ${snapshot.ok ? '' : snapshot.error}`;
  if (status === 'COMPLETE') ledger = endExecution(ledger, req, 'COMPLETE');
  else if (status === 'FATAL_ERROR') ledger = endExecution(ledger, req, 'FATAL_ERROR', message);
  else ledger = withExecution(ledger, { ...ledger.state.execution!, status });
  if (message && status === 'FATAL_ERROR' && !snapshot.ok)
    ledger = planMessage(ledger, req, exec.plan, message);
  const conditions = [...before.conditions];
  const current = ledger.state.execution!;
  const changed = isRunning(current) ? changedSince(ov, current, inputs.values) : [];
  if (changed.length > 0)
    conditions.push(
      condition(
        'ParametersChanged',
        'True',
        'ChangedSinceStart',
        `parameters ${changed.join(', ')} changed since execution ${current.id} started; status keeps digests, not the values it started with, so a template of plan ${current.plan} that reads one fails instead of rendering the new value`,
      ),
    );
  if (paused && isRunning(current))
    conditions.push(
      condition(
        'Paused',
        'True',
        'PlanControl',
        `plan ${current.plan} is paused (spec.planControl.paused); no new step starts`,
      ),
    );
  if (current.deadline && isRunning(current)) {
    const d = parseTime(current.deadline)!;
    if (req.now >= d)
      ledger = planMessage(
        ledger,
        req,
        current.plan,
        `plan ${current.plan} did not finish by its deadline ${current.deadline}`,
      );
    else deadline = Math.min(deadline ?? d, d);
  }
  return {
    progress: {
      ledger,
      rendered: merge(before.rendered, result?.rendered),
      intents: result?.intents ?? before.intents,
      waiting: [...before.waiting, ...(result?.waiting ?? [])],
      deadline,
      conditions,
      notes: before.notes,
    },
    followUp: status === 'FATAL_ERROR' ? result?.followUp : undefined,
  };
}

function merge(
  a: Map<string, Rendered>,
  b: Map<string, Rendered> | undefined,
): Map<string, Rendered> {
  if (!b || b.size === 0) return a;
  const out = new Map(a);
  for (const [k, r] of b) {
    out.delete(k);
    out.set(k, r);
  }
  return out;
}

/**
 * onFailure.plan: a plan that ended FATAL_ERROR in this sync starts its
 * follow-up (e.g. a rollback) at once, as a new execution whose id derives
 * from the failed one: a recomputation after a lost status write fails the
 * same way and reaches the same id, so it neither starts twice nor is
 * skipped. Consumed once: `onFailure/<failed id>` goes to
 * consumedPlanExecutions and is the follow-up's own `uid`. One level only (a
 * follow-up's own failure triggers nothing), never for cleanup or while
 * deleting; abort and supersede are not failures.
 */
function followUp(
  req: Request,
  ov: OperatorVersionView,
  inputs: Inputs,
  ledger: Ledger,
  next: string | undefined,
): { ledger?: Ledger; notes: string[] } {
  const failed = ledger.state.execution;
  if (!failed || failed.status !== 'FATAL_ERROR' || next === undefined) return { notes: [] };
  // A follow-up keeps its marker as its consumed uid, even once retried.
  const isFollowUp = failed.reason === 'onFailure' || failed.uid?.startsWith('onFailure/');
  if (req.deleting || failed.plan === 'cleanup' || isFollowUp) return { notes: [] };
  const marker = `onFailure/${failed.id}`;
  if (ledger.state.consumedPlanExecutions.includes(marker)) return { notes: [] };
  if (!ov.plans.has(next) || next === 'cleanup') {
    return {
      notes: [
        `plan ${failed.plan} failed; its onFailure plan ${next} is ${next === 'cleanup' ? 'cleanup, which runs only on delete' : `not defined in ${ov.name}`}`,
      ],
    };
  }
  const message = `${lastMessage(ledger.state, failed) ?? 'failed'}; started plan ${next} (onFailure.plan)`;
  const history = ledger.state.history.map((h) => (h.id === failed.id ? { ...h, message } : h));
  const ps = buildPlanStatus(ov.plans.get(failed.plan), failed, ledger.steps, message);
  const marked: Ledger = {
    ...ledger,
    state: { ...ledger.state, history },
    planStatus: new Map(ledger.planStatus).set(failed.plan, ps),
  };
  return {
    ledger: startExecution(marked, req, ov, inputs, {
      plan: next,
      reason: 'onFailure',
      inputs: { onFailureOf: failed.id },
      uid: marker,
    }),
    notes: [],
  };
}
