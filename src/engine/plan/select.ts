// Stage 5, choose the execution (plan selection). `choosePlan` is the
// decision, a pure function of a few facts, first match wins:
//   deletion → cleanup; no bookkeeping → deploy (create, or restart of a first
//   deploy whose inputs changed); an unconsumed spec.planExecution → that plan;
//   another OperatorVersion → upgrade, update or deploy; changed trigger
//   digests → that one plan (several: Blocked; another plan running: queued).
// `selectPlan` applies the choice to the ledger.

import { condition } from './conditions.ts';
import type { ConditionSet } from './conditions.ts';
import { isRunning, startExecution, consume, withExecution } from './execution.ts';
import type { Inputs, Ledger, Start } from './execution.ts';
import type { OperatorVersionView } from './ov.ts';
import type { Recovery } from './recover.ts';
import type { Request } from './request.ts';

/** Everything plan selection depends on. */
export interface PlanFacts {
  deleting: boolean;
  /** The current execution, if any. */
  execution: { plan: string; reason: string; running: boolean } | undefined;
  /** Parameter problems (undeclared, missing, wrong type): nothing starts. */
  invalidParameters: boolean;
  /** The inventory was rebuilt from provenance in this sync: nothing starts by itself. */
  recovered: boolean;
  /** status.maestro arrived. */
  bookkeeping: boolean;
  /** The first deploy must be restarted (see recover.ts); its id as the children show it. */
  restart: { first: string | undefined } | undefined;
  /** The plans the OperatorVersion defines, and its name for messages. */
  plans: ReadonlySet<string>;
  ovName: string;
  /** spec.operatorVersion.name, and the baseline's. */
  operatorVersion: string;
  baselineOperatorVersion: string;
  /** Trigger digests now and at the baseline. */
  digests: Record<string, string>;
  baselineDigests: Record<string, string>;
  planExecution: { name: string; uid: string };
  consumedPlanExecutions: readonly string[];
  inputs: unknown;
}

export type Choice =
  | { kind: 'start'; start: Start; restart?: { first: string | undefined } }
  | { kind: 'none'; condition?: ConditionSet; consume?: string; note?: string };

const none: Choice = { kind: 'none' };
const start = (
  plan: string,
  reason: string,
  inputs: unknown,
  uid?: string,
): Extract<Choice, { kind: 'start' }> => ({
  kind: 'start',
  start: { plan, reason, inputs, ...(uid !== undefined && uid !== '' && { uid }) },
});

export function choosePlan(f: PlanFacts): Choice {
  const pe = f.planExecution;
  if (f.deleting) {
    const cleaning = f.execution?.plan === 'cleanup' && f.execution.reason === 'cleanup';
    return cleaning ? none : start('cleanup', 'cleanup', { deleting: true });
  }
  // Nothing starts with bad parameters; after a recovery nothing starts by itself.
  if (f.invalidParameters || f.recovered) return none;
  if (!f.bookkeeping) {
    if (!f.plans.has('deploy'))
      return refuse('InvalidOperatorVersion', 'NoDeployPlan', `${f.ovName} has no deploy plan`);
    if (f.restart) return { ...start('deploy', 'restart', f.inputs, pe.uid), restart: f.restart };
    return start('deploy', 'create', f.inputs, pe.uid);
  }
  if (pe.name !== '' && pe.uid !== '' && !f.consumedPlanExecutions.includes(pe.uid)) {
    if (!f.plans.has(pe.name))
      return refuse(
        'InvalidPlanExecution',
        'PlanNotFound',
        `spec.planExecution names plan ${pe.name}, which ${f.ovName} does not define`,
      );
    if (pe.name === 'cleanup')
      return {
        kind: 'none',
        consume: pe.uid,
        note: 'spec.planExecution cannot trigger cleanup; it runs when the Instance is deleted',
      };
    return start(pe.name, 'planExecution', { planExecution: pe.uid }, pe.uid);
  }
  if (f.baselineOperatorVersion !== f.operatorVersion) {
    const plan = ['upgrade', 'update', 'deploy'].find((p) => f.plans.has(p));
    if (plan) return start(plan, 'upgrade', f.inputs);
    return refuse(
      'InvalidOperatorVersion',
      'NoUpgradePlan',
      `${f.ovName} has no upgrade, update or deploy plan`,
    );
  }
  return chooseForParameters(f);
}

function chooseForParameters(f: PlanFacts): Choice {
  const before = f.baselineDigests;
  const changed = [...new Set([...Object.keys(f.digests), ...Object.keys(before)])]
    .filter((p) => f.digests[p] !== before[p])
    .sort();
  const unknown = changed.filter((p) => !f.plans.has(p));
  if (unknown.length > 0)
    return refuse(
      'InvalidOperatorVersion',
      'TriggerPlanNotFound',
      `parameters trigger plans ${unknown.join(', ')}, which ${f.ovName} does not define`,
    );
  if (changed.length > 1)
    return refuse(
      'Blocked',
      'MultiplePlansTriggered',
      `the parameter changes trigger plans ${changed.join(', ')} at once; change the parameters of one plan at a time`,
    );
  if (changed.length === 0) return none;
  const plan = changed[0]!;
  const exec = f.execution;
  if (exec?.running && exec.plan !== plan)
    return refuse(
      'PlanQueued',
      'WaitingForPlan',
      `a change for plan ${plan} waits until plan ${exec.plan} ends`,
    );
  return start(plan, 'parameters', f.inputs);
}

function refuse(type: string, reason: string, message: string): Choice {
  return { kind: 'none', condition: condition(type, 'True', reason, message) };
}

export interface Selected {
  ledger: Ledger;
  conditions: ConditionSet[];
  notes: string[];
}

export function selectPlan(
  req: Request,
  ov: OperatorVersionView,
  inputs: Inputs,
  paramProblems: readonly string[],
  recovery: Recovery,
  ledger: Ledger,
): Selected {
  const exec = ledger.state.execution;
  const choice = choosePlan({
    deleting: req.deleting,
    execution: exec && { plan: exec.plan, reason: exec.reason, running: isRunning(exec) },
    invalidParameters: paramProblems.length > 0,
    recovered: recovery.recovered,
    bookkeeping: req.inputState !== undefined,
    restart: recovery.restart,
    plans: new Set(ov.plans.keys()),
    ovName: ov.name,
    operatorVersion: req.ovName,
    baselineOperatorVersion: ledger.state.baseline?.operatorVersion ?? '',
    digests: inputs.digests,
    baselineDigests: ledger.state.baseline?.digests ?? {},
    planExecution: req.planExecution,
    consumedPlanExecutions: ledger.state.consumedPlanExecutions,
    inputs: inputs.now,
  });
  const conditions: ConditionSet[] =
    paramProblems.length > 0
      ? [condition('InvalidParameters', 'True', 'ParameterCheck', paramProblems.join('; '))]
      : [];
  if (choice.kind === 'none') {
    const state = choice.consume
      ? consume(ledger.state, req, 'consumedPlanExecutions', choice.consume)
      : ledger.state;
    return {
      ledger: { ...ledger, state },
      conditions: [...conditions, ...(choice.condition ? [choice.condition] : [])],
      notes: choice.note ? [choice.note] : [],
    };
  }
  let l = ledger;
  if (choice.restart) {
    // The first deploy, as far as its children show it, then its successor.
    l = { ...l, state: { ...l.state, sequence: 1 } };
    const first = choice.restart.first;
    if (first)
      l = withExecution(l, {
        id: first,
        sequence: 1,
        plan: 'deploy',
        status: 'IN_PROGRESS',
        reason: 'create',
        operatorVersion: req.ovName,
        startTime: req.nowIso,
        steps: [],
      });
  }
  return { ledger: startExecution(l, req, ov, inputs, choice.start), conditions, notes: [] };
}
