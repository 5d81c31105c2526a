// Stage 9, write the status: planStatus in KUDO's layout for every plan of
// the OperatorVersion, the conditions every stage reported and Ready over
// them, and when to sync again.

import type { Assembled } from './assemble.ts';
import { Conditions } from './conditions.ts';
import type { Findings } from './conditions.ts';
import { isRunning, lastMessage } from './execution.ts';
import type { Ledger } from './execution.ts';
import type { OperatorVersionView } from './ov.ts';
import { buildPlanStatus, carryPlanStatus } from './plan-status.ts';
import { SKIP_CLEANUP_ANNOTATION } from './request.ts';
import type { Request } from './request.ts';
import type { EngineState, PlanStatus, SyncOutput } from './types.ts';
import { effectiveValues, parameterDigests } from './params.ts';
import { isRecord } from '../kobject.ts';

export interface Outcome {
  ledger: Ledger;
  assembled: Assembled;
  /** Why unfinished steps wait, and the earliest deadline ahead. */
  waiting: readonly string[];
  deadline: number | undefined;
  /** Every stage's findings, in stage order. */
  findings: readonly Findings[];
}

export function writeStatus(req: Request, ov: OperatorVersionView, o: Outcome): SyncOutput {
  const { state, children } = o.assembled;
  const exec = state.execution;
  const conds = new Conditions(req.inputConditions, req.nowIso);
  for (const f of o.findings)
    for (const c of f.conditions) conds.set(c.type, c.status, c.reason, c.message);
  if (req.deleting && exec?.plan === 'cleanup' && exec.status === 'FATAL_ERROR') {
    conds.set(
      'CleanupFailed',
      'True',
      'PlanFailed',
      `cleanup failed: ${lastMessage(state, exec) ?? 'see planStatus'}; retry it (spec.planControl.retry) or set ${SKIP_CLEANUP_ANNOTATION}: "true"`,
    );
  }
  setReady(conds, o);
  let resync: number | undefined;
  if (state.deleteIntents.length > 0) resync = 1;
  if (o.deadline !== undefined) {
    const s = Math.max(1, Math.ceil((o.deadline - req.now) / 1000));
    resync = resync === undefined ? s : Math.min(resync, s);
  }
  return {
    children: [...children.values()],
    status: {
      planStatus: planStatus(req, ov, o),
      conditions: conds.list(),
      maestro: withoutValues(req, ov, state),
    },
    ...(resync !== undefined && { resyncAfterSeconds: resync }),
    ...(req.finalizing && {
      finalized: exec?.plan === 'cleanup' && exec.status === 'COMPLETE',
    }),
    notes: o.findings.flatMap((f) => f.notes),
  };
}

function planStatus(req: Request, ov: OperatorVersionView, o: Outcome): Record<string, PlanStatus> {
  const { state } = o.assembled;
  const exec = state.execution;
  const out: Record<string, PlanStatus> = {};
  for (const [name, plan] of ov.plans) {
    const settled = o.ledger.planStatus.get(name);
    let ps: PlanStatus;
    if (exec && exec.plan === name) {
      ps = buildPlanStatus(
        plan,
        exec,
        o.ledger.steps,
        settled?.message ?? (exec.status === 'FATAL_ERROR' ? lastMessage(state, exec) : undefined),
      );
      if (settled?.message) ps.message = settled.message;
    } else if (settled) {
      ps = settled;
    } else {
      ps = carryPlanStatus(plan, req.inputPlanStatus[name]);
    }
    const before = req.inputPlanStatus[name];
    out[name] = {
      ...ps,
      lastUpdatedTimestamp:
        before && before.status === ps.status && before.uid === ps.uid
          ? (before.lastUpdatedTimestamp ?? null)
          : ps.status === 'NEVER_RUN'
            ? null
            : req.nowIso,
    };
  }
  return out;
}

function setReady(conds: Conditions, o: Outcome): void {
  const exec = o.assembled.state.execution;
  if (exec && isRunning(exec)) {
    const waiting = o.waiting.length ? `: ${o.waiting.slice(0, 3).join('; ')}` : '';
    conds.set('Ready', 'False', 'PlanInProgress', `plan ${exec.plan} is ${exec.status}${waiting}`);
  } else if (exec && exec.status === 'FATAL_ERROR') {
    conds.set(
      'Ready',
      'False',
      'PlanFailed',
      `plan ${exec.plan} failed: ${lastMessage(o.assembled.state, exec) ?? ''}`,
    );
  } else if (o.assembled.missing > 0) {
    conds.set('Ready', 'False', 'ChildrenMissing', 'some children are missing');
  } else if (
    conds.has('Blocked') ||
    conds.has('InvalidParameters') ||
    conds.has('InvalidOperatorVersion')
  ) {
    conds.set(
      'Ready',
      'False',
      'NotApplied',
      'the latest spec could not be applied; see the other conditions',
    );
  } else {
    conds.set(
      'Ready',
      'True',
      exec ? 'PlanComplete' : 'Recovered',
      exec ? `plan ${exec.plan} is COMPLETE` : 'children recovered',
    );
  }
}

/**
 * The bookkeeping as written: an execution records a digest per parameter,
 * never the values (issue 11). Status written before holds the values
 * (`parameters`): they become digests here, and a running execution without
 * digests (after a retry) gets those of the spec's values.
 */
function withoutValues(req: Request, ov: OperatorVersionView, state: EngineState): EngineState {
  const exec = state.execution;
  if (!exec) return state;
  const { parameters: legacy, ...rest } = exec;
  const recorded = isRecord(rest.parameterDigests) ? rest.parameterDigests : undefined;
  if (legacy === undefined && (recorded !== undefined || !isRunning(exec))) return state;
  const values = isRecord(legacy)
    ? legacy
    : effectiveValues(ov, isRecord(req.spec.parameters) ? req.spec.parameters : {});
  const digests = recorded ?? parameterDigests(ov, values);
  return { ...state, execution: { ...rest, parameterDigests: digests } };
}
