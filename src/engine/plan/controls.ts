// Stage 4, apply the plan controls (v1 spec.planControl): one-shot controls
// carry a uid that is consumed once. abort ends the execution FATAL_ERROR;
// retry sends failed and running steps back to PENDING and replaces their
// failed Jobs and Pods through a two-phase delete; forceComplete marks one
// step COMPLETE; continue releases canary holds; rotate records a rotation.
// `paused` and `prune` are read by the advance and assemble stages.

import { assessHealth } from '../health/index.ts';
import { isRecord } from '../kobject.ts';
import { RUN_TO_COMPLETION } from './advance.ts';
import { consume, endExecution, isRunning, planMessage } from './execution.ts';
import type { Ledger } from './execution.ts';
import { stepKey } from './ov.ts';
import type { Request } from './request.ts';
import { capped } from './state.ts';
import type { DeleteIntent } from './types.ts';

export interface Controlled {
  ledger: Ledger;
  /** Delete intents of Jobs and Pods a retry replaces. */
  intents: Map<string, DeleteIntent>;
  notes: string[];
}

type Control = Record<string, unknown>;

/** A one-shot control not yet consumed, and the ledger with it consumed. */
function take(l: Ledger, req: Request, name: string): { ledger: Ledger; control?: Control } {
  const c = req.control[name];
  if (!isRecord(c) || typeof c.uid !== 'string' || c.uid === '') return { ledger: l };
  if (l.state.consumedControls.includes(c.uid)) return { ledger: l };
  return { ledger: { ...l, state: consume(l.state, req, 'consumedControls', c.uid) }, control: c };
}

export function applyControls(req: Request, ledger: Ledger, recovered: boolean): Controlled {
  const none: Controlled = { ledger, intents: new Map(), notes: [] };
  if (!req.inputState || recovered) return none;
  const abort = take(ledger, req, 'abort');
  let l = abort.control ? abortExecution(abort.ledger, req, abort.control) : abort.ledger;
  const retry = take(l, req, 'retry');
  const retried = retry.control ? retryExecution(retry.ledger, req) : undefined;
  l = retried?.ledger ?? retry.ledger;
  const force = take(l, req, 'forceComplete');
  const forced = force.control ? forceComplete(force.ledger, force.control) : undefined;
  l = forced?.ledger ?? force.ledger;
  const cont = take(l, req, 'continue');
  l = cont.control ? continueCanary(cont.ledger) : cont.ledger;
  const rotate = take(l, req, 'rotate');
  l = rotate.control ? recordRotation(rotate.ledger, req, rotate.control) : rotate.ledger;
  return {
    ledger: l,
    intents: retried?.intents ?? new Map(),
    notes: forced?.note ? [forced.note] : [],
  };
}

function abortExecution(l: Ledger, req: Request, abort: Control): Ledger {
  const exec = l.state.execution;
  if (!exec || !isRunning(exec)) return l;
  const message = `aborted by spec.planControl.abort (uid ${String(abort.uid)}); nothing is rolled back`;
  return endExecution(planMessage(l, req, exec.plan, message), req, 'FATAL_ERROR', message);
}

function retryExecution(
  l: Ledger,
  req: Request,
): { ledger: Ledger; intents: Map<string, DeleteIntent> } | undefined {
  const exec = l.state.execution;
  if (!exec || (exec.status !== 'FATAL_ERROR' && exec.status !== 'ERROR')) return undefined;
  const intents = new Map<string, DeleteIntent>();
  const steps = new Map(l.steps);
  let progress = exec.steps;
  for (const [k, s] of l.steps) {
    if (s.status !== 'FATAL_ERROR' && s.status !== 'ERROR' && s.status !== 'IN_PROGRESS') continue;
    steps.set(k, { status: 'PENDING' });
    progress = progress.filter((p) => stepKey(p.phase, p.step) !== k);
    // A failed Job or Pod of the step is replaced: delete first (two phases), then re-create.
    for (const o of req.observed.values()) {
      const p = o.provenance;
      if (!p || p.execution !== exec.id || stepKey(p.phase, p.step) !== k) continue;
      if (!RUN_TO_COMPLETION.has(`${o.identity.group}/${o.identity.kind}`)) continue;
      if (!assessHealth(o.object).terminal) continue;
      intents.set(o.key, {
        ...o.identity,
        apiVersion: o.object.apiVersion,
        execution: exec.id,
        reason: `retry replaces the failed ${o.identity.kind}`,
      });
    }
  }
  const { endTime: _ended, ...rest } = {
    ...exec,
    steps: progress,
    status: 'IN_PROGRESS' as const,
    reason: 'retry',
  };
  // A retry renders with the spec's values as they are now (status keeps
  // digests, not the values the execution started with); the status writer
  // records their digests.
  const { parameters: _values, parameterDigests: _digests, ...again } = rest;
  return { ledger: { ...l, state: { ...l.state, execution: again }, steps }, intents };
}

function forceComplete(l: Ledger, force: Control): { ledger: Ledger; note?: string } {
  const exec = l.state.execution;
  if (!exec) return { ledger: l };
  const forPlan = typeof force.plan !== 'string' || force.plan === '' || force.plan === exec.plan;
  const k = stepKey(String(force.phase), String(force.step));
  if (!forPlan || !l.steps.has(k)) {
    return {
      ledger: l,
      note: `planControl.forceComplete names ${k}, which is not a step of the current execution`,
    };
  }
  const steps = new Map(l.steps).set(k, {
    status: 'COMPLETE',
    message: `forced COMPLETE by spec.planControl.forceComplete (uid ${String(force.uid)})`,
  });
  if (exec.status !== 'FATAL_ERROR') return { ledger: { ...l, steps } };
  const { endTime: _ended, ...rest } = { ...exec, status: 'IN_PROGRESS' as const };
  return { ledger: { ...l, state: { ...l.state, execution: rest }, steps } };
}

function continueCanary(l: Ledger): Ledger {
  const exec = l.state.execution;
  if (!exec) return l;
  const steps = exec.steps.map((p) => (p.waiting === true ? { ...p, waiting: false } : p));
  return { ...l, state: { ...l.state, execution: { ...exec, steps } } };
}

function recordRotation(l: Ledger, req: Request, rotate: Control): Ledger {
  const names = Array.isArray(rotate.names)
    ? rotate.names.filter((n): n is string => typeof n === 'string')
    : [];
  const rotations = capped(
    [
      ...(l.state.rotations ?? []).filter((r) => r.uid !== rotate.uid),
      { uid: String(rotate.uid), ...(names.length > 0 && { names }) },
    ],
    req.limits.consumed,
  );
  return { ...l, state: { ...l.state, rotations } };
}
