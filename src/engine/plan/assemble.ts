// Stage 8, assemble the children: every observed child echoed (minus those
// whose delete intent the input status holds), the rendered children over
// them; the delete intents to record; the inventory of what carries this
// instance's provenance, with vanished children re-created or reported; an
// explicit prune; and the stale children report.

import { identityKey, identityOf } from '../identity.ts';
import { isRecord } from '../kobject.ts';
import type { KObject } from '../kobject.ts';
import { readProvenance } from '../provenance.ts';
import { RUN_TO_COMPLETION } from './advance.ts';
import type { StepState } from './advance.ts';
import { condition } from './conditions.ts';
import type { ConditionSet } from './conditions.ts';
import { consume, isRunning } from './execution.ts';
import type { Inputs } from './execution.ts';
import type { Progress } from './execute.ts';
import type { Honoured } from './intents.ts';
import { inventoryFrom } from './inventory.ts';
import { stepKey } from './ov.ts';
import type { OperatorVersionView } from './ov.ts';
import { executionParams } from './params.ts';
import { recreateMissing } from './recreate.ts';
import { PRUNE_REASON } from './request.ts';
import type { Request } from './request.ts';
import { latestRotation, withProvenance } from './run-step.ts';
import { parseTime } from './state.ts';
import { pruneStale, rotationPending, staleItems } from './stale.ts';
import { staleRunners } from '../pipe/index.ts';
import type { DeleteIntent, EngineState, Execution, InventoryItem } from './types.ts';

export interface Assembled {
  children: Map<string, KObject>;
  /** The bookkeeping with the delete intents, inventory, stale children and prune outcome. */
  state: EngineState;
  /** Children applied, gone, and not re-created. */
  missing: number;
  conditions: ConditionSet[];
  notes: string[];
}

const byKey = (a: { group: string; kind: string; namespace: string; name: string }, b: typeof a) =>
  identityKey(a) < identityKey(b) ? -1 : 1;

export function assembleChildren(
  req: Request,
  ov: OperatorVersionView,
  inputs: Inputs,
  progress: Progress,
  honoured: Honoured,
): Assembled {
  const { state, steps } = progress.ledger;
  const exec = state.execution;
  const newIntents = withRunnerIntents(req, progress, exec, steps);
  const children = new Map<string, KObject>();
  for (const o of req.observed.values())
    if (!honoured.leaveOut.has(o.key)) children.set(o.key, o.echo);
  for (const [key, r] of progress.rendered) children.set(key, r.body);
  const intents = new Map<string, DeleteIntent>();
  for (const i of req.inputState?.deleteIntents ?? []) {
    const k = identityKey(i);
    // A prune intent whose child is no longer stale (a newer OperatorVersion
    // renders it again) is withdrawn: the child stays.
    if (i.reason === PRUNE_REASON && !honoured.staleNow.has(k)) continue;
    // Only an intent something accounts for is carried (intents.ts); the rest are dropped.
    if (honoured.accounted.has(k)) intents.set(k, i);
  }
  for (const [k, i] of newIntents) if (!intents.has(k)) intents.set(k, i);
  const inv = takeInventory(req, ov, inputs, progress, children, intents);
  const pruned = prune(
    req,
    ov,
    { ...state, deleteIntents: [...intents.values()].sort(byKey), inventory: inv.inventory },
    intents,
  );
  const conditions = [...inv.conditions, ...pruned.conditions];
  const rotation = rotationPending(req.observed, inv.children, pruned.state.rotations ?? []);
  if (rotation) conditions.push(rotation);
  return {
    children: inv.children,
    state: pruned.state,
    missing: inv.missing,
    conditions,
    notes: inv.notes,
  };
}

/** Pipe runners whose step is over (src/engine/pipe/cleanup.ts) get delete intents. */
function withRunnerIntents(
  req: Request,
  progress: Progress,
  exec: Execution | undefined,
  steps: ReadonlyMap<string, StepState>,
): Map<string, DeleteIntent> {
  const intents = new Map(progress.intents);
  for (const r of staleRunners({
    observed: req.observed.values(),
    emitted: (key) => progress.rendered.has(key),
    execution: exec?.id,
    stepComplete: (phase, step) => steps.get(stepKey(phase, step))?.status === 'COMPLETE',
  }))
    if (!intents.has(r.key))
      intents.set(r.key, {
        ...identityOf(r.object),
        apiVersion: r.object.apiVersion,
        execution: exec?.id ?? '',
        reason: r.reason,
      });
  return intents;
}

/** The inventory: what carries this instance's provenance, by identity; vanished children re-created or reported. */
function takeInventory(
  req: Request,
  ov: OperatorVersionView,
  inputs: Inputs,
  progress: Progress,
  given: ReadonlyMap<string, KObject>,
  intents: ReadonlyMap<string, DeleteIntent>,
): {
  children: Map<string, KObject>;
  inventory: InventoryItem[];
  missing: number;
  conditions: ConditionSet[];
  notes: string[];
} {
  const { state } = progress.ledger;
  const exec = state.execution;
  const children = new Map(given);
  const inventory = new Map(state.inventory.map((i) => [identityKey(i), i]));
  for (const [key, body] of children) {
    if (!readProvenance(body)) continue;
    const template = progress.rendered.get(key)?.template ?? inventory.get(key)?.template;
    inventory.set(key, inventoryFrom(body, body.apiVersion, template));
  }
  const inputIntentKeys = new Set((req.inputState?.deleteIntents ?? []).map(identityKey));
  const missing: (InventoryItem & { reason: string })[] = [];
  const notes: string[] = [];
  // Parameters to render a vanished child's step with, parsed once and only if needed.
  let params: Record<string, unknown> | undefined;
  for (const [key, item] of inventory) {
    if (req.observed.has(key) || progress.rendered.has(key)) continue;
    const runToCompletion = RUN_TO_COMPLETION.has(`${item.group}/${item.kind}`);
    // Any intent of the input status counts here, a deferred prune intent too:
    // the child is gone already, so there is nothing left to defer.
    const intended = inputIntentKeys.has(key) || intents.has(key);
    if (runToCompletion || intended) {
      // Deleted on purpose, or a Job/Pod that ran and went away: done, never re-created.
      inventory.delete(key);
      continue;
    }
    if (!params) {
      const p = executionParams(ov, exec, inputs.values);
      params = p.ok ? p.params : {};
    }
    const again = recreateMissing({
      ov,
      item,
      rotation: latestRotation(state.rotations ?? [], `${item.kind}/${item.name}`),
      params,
      nowMs: executionStart(state, exec, item.execution) ?? req.now,
      instance: req.instance,
      declared: req.declaredTypes,
      withProvenance,
    });
    if (again.ok) {
      children.set(key, again.body);
      notes.push(`re-created ${item.kind}/${item.name}: applied by ${item.execution}, then gone`);
      continue;
    }
    missing.push({ ...item, reason: again.reason });
  }
  const conditions =
    missing.length > 0
      ? [
          condition(
            'ChildrenMissing',
            'True',
            'NotObserved',
            `${missing.map((m) => `${m.kind}/${m.name} (${m.reason})`).join('; ')}: applied, not observed, and not re-created; re-run the step that applies ${missing.length === 1 ? 'it' : 'them'}`,
          ),
        ]
      : [];
  return {
    children,
    inventory: [...inventory.values()].sort(byKey),
    missing: missing.length,
    conditions,
    notes,
  };
}

/** When the execution that applied a child started: `now` for rendering its step again. */
function executionStart(
  state: EngineState,
  exec: Execution | undefined,
  id: string,
): number | undefined {
  const start =
    exec?.id === id ? exec.startTime : state.history.find((h) => h.id === id)?.startTime;
  return start === undefined ? undefined : parseTime(start);
}

/** Prune (v1 spec.planControl.prune): stale children go through two-phase deletes; then the StaleChildren report. */
function prune(
  req: Request,
  ov: OperatorVersionView,
  given: EngineState,
  givenIntents: ReadonlyMap<string, DeleteIntent>,
): { state: EngineState; conditions: ConditionSet[] } {
  let state = given;
  const exec = state.execution;
  const intents = new Map(givenIntents);
  const conditions: ConditionSet[] = [];
  const stale = staleItems(state.inventory, ov);
  const control = isRecord(req.control.prune) ? req.control.prune : {};
  const pruneUid = typeof control.uid === 'string' ? control.uid : '';
  if (pruneUid !== '' && req.inputState && !state.consumedControls.includes(pruneUid)) {
    if (exec && isRunning(exec)) {
      conditions.push(
        condition(
          'PrunePending',
          'True',
          'PlanRunning',
          `spec.planControl.prune (uid ${pruneUid}) waits until plan ${exec.plan} ends: a step of a running plan may still render a child that looks stale`,
        ),
      );
    } else {
      state = consume(state, req, 'consumedControls', pruneUid);
      const r = pruneStale(stale, control.names, ov.name);
      if (!r.ok) {
        state = { ...state, pruneRejected: { uid: pruneUid, message: r.message } };
      } else {
        const { pruneRejected: _refused, ...rest } = state;
        state = rest;
        for (const item of r.items) {
          const key = identityKey(item);
          const obs = req.observed.get(key);
          if (obs) {
            if (!intents.has(key))
              intents.set(key, {
                ...obs.identity,
                apiVersion: obs.object.apiVersion,
                execution: exec?.id ?? '',
                reason: PRUNE_REASON,
              });
          } else {
            // Nothing to delete: only the record goes.
            state = { ...state, inventory: state.inventory.filter((i) => identityKey(i) !== key) };
          }
        }
        state = { ...state, deleteIntents: [...intents.values()].sort(byKey) };
      }
    }
  }
  if (state.pruneRejected && state.pruneRejected.uid === pruneUid)
    conditions.push(condition('PruneRejected', 'True', 'NotStale', state.pruneRejected.message));
  const kept = new Set(state.inventory.map(identityKey));
  const staleLeft = stale.filter((i) => kept.has(identityKey(i)));
  if (staleLeft.length === 0) {
    const { staleChildren: _none, ...rest } = state;
    return { state: rest, conditions };
  }
  const pruning = (i: InventoryItem) =>
    intents.get(identityKey(i))?.reason === PRUNE_REASON ? ' (being pruned)' : '';
  conditions.push(
    condition(
      'StaleChildren',
      'True',
      'NotRenderedByOperatorVersion',
      `${staleLeft.map((s) => `${s.kind}/${s.name}${pruning(s)}`).join(', ')} ${staleLeft.length === 1 ? 'is' : 'are'} no longer rendered by ${ov.name}; kept until a Delete task, a prune (spec.planControl.prune) or the deletion of the Instance`,
    ),
  );
  return {
    state: { ...state, staleChildren: staleLeft.map((s) => `${s.kind}/${s.name}`).sort() },
    conditions,
  };
}
