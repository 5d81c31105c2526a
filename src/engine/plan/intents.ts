// Stage 6, honour the delete intents of the input status. Deletes take two
// phases: a sync records an intent and still emits the child; a later sync
// whose *input* status holds the intent leaves the child out. Status is a
// cache anyone with write access to it can edit, so it may hint, never
// order: an intent is honoured only when the child is in the inventory with
// this Instance's provenance and a delete of the recorded executions
// accounts for it — a Delete or Toggle task that renders it, a replacement
// of a failed Job or Pod, a finished Pipe runner, or a prune of a child that
// is stale. Anything else is ignored (the child is kept) and reported.
// Prune intents are honoured only while no plan runs.

import { assessHealth } from '../health/index.ts';
import { identityKey, identityOf } from '../identity.ts';
import { isRecord } from '../kobject.ts';
import { PIPE_RUNNER_ANNOTATION } from '../pipe/cleanup.ts';
import { RUN_TO_COMPLETION } from './advance.ts';
import { condition } from './conditions.ts';
import type { ConditionSet } from './conditions.ts';
import type { OperatorVersionView } from './ov.ts';
import { executionParams } from './params.ts';
import { instanceContext, renderStepCached } from './render.ts';
import { PRUNE_REASON } from './request.ts';
import type { Request } from './request.ts';
import { staleItems } from './stale.ts';
import { parseTime } from './state.ts';
import type { DeleteIntent, EngineState, InventoryItem } from './types.ts';

export interface Honoured {
  /** Keys of the observed children this sync leaves out. */
  leaveOut: ReadonlySet<string>;
  /** Keys of the inventory items the OperatorVersion no longer renders. */
  staleNow: ReadonlySet<string>;
  /** Keys of the observed children whose input intent is accounted for (prunes too). */
  accounted: ReadonlySet<string>;
  /** The condition naming the intents nothing accounts for, if any. */
  conditions: ConditionSet[];
}

/** The effective values, for rendering a step of an execution whose snapshot is gone. */
type Values = () => Record<string, unknown>;

/** Why nothing accounts for an intent, or undefined when something does. */
function unaccounted(
  req: Request,
  ov: OperatorVersionView,
  state: EngineState,
  intent: DeleteIntent,
  values: Values,
): string | undefined {
  const key = identityKey(intent);
  const obs = req.observed.get(key);
  if (!obs) return 'not observed';
  const item = state.inventory.find((i) => identityKey(i) === key);
  const prov = obs.provenance;
  if (!item || !prov) return 'not in the inventory';
  if (prov.execution !== item.execution || prov.task !== item.task)
    return 'the inventory does not match its provenance';
  if (intent.reason === PRUNE_REASON) return unprunable(req, ov, state, item);
  const recorded =
    state.execution?.id === intent.execution ||
    state.history.some((h) => h.id === intent.execution);
  if (!recorded) return `its execution ${intent.execution || '(none)'} is not recorded`;
  if (obs.object.metadata.annotations?.[PIPE_RUNNER_ANNOTATION] !== undefined) return undefined;
  if (
    RUN_TO_COMPLETION.has(`${intent.group}/${intent.kind}`) &&
    /replaces the failed/.test(intent.reason)
  ) {
    if (prov.execution !== intent.execution) return 'it belongs to another execution';
    return assessHealth(obs.object).terminal ? undefined : 'it has not failed';
  }
  return deletedByTask(req, ov, state, intent, item, values)
    ? undefined
    : `no Delete or Toggle task of execution ${intent.execution} deletes it`;
}

/** A prune accounts for a child the user's consumed prune request selects and that is stale. */
function unprunable(
  req: Request,
  ov: OperatorVersionView,
  state: EngineState,
  item: InventoryItem,
): string | undefined {
  const prune = isRecord(req.control.prune) ? req.control.prune : {};
  const uid = typeof prune.uid === 'string' ? prune.uid : '';
  if (uid === '' || !state.consumedControls.includes(uid))
    return 'no prune request (spec.planControl.prune) was consumed';
  const names = Array.isArray(prune.names) ? prune.names : [];
  if (names.length > 0 && !names.includes(`${item.kind}/${item.name}`))
    return 'the prune request does not name it';
  return staleItems([item], ov).length > 0 ? undefined : `still rendered by ${ov.name}`;
}

/** A Delete or Toggle task (a cleanup's too) of the recorded execution renders the child for deletion. */
function deletedByTask(
  req: Request,
  ov: OperatorVersionView,
  state: EngineState,
  intent: DeleteIntent,
  item: InventoryItem,
  values: Values,
): boolean {
  const exec = state.execution?.id === intent.execution ? state.execution : undefined;
  const record = exec ?? state.history.find((h) => h.id === intent.execution);
  const plan = record ? ov.plans.get(record.plan) : undefined;
  if (!record || !plan) return false;
  const key = identityKey(item);
  for (const phase of plan.phases)
    for (const step of phase.steps)
      for (const name of step.tasks) {
        const kind = ov.tasks.get(name)?.kind;
        if (kind !== 'Delete' && kind !== 'Toggle') continue;
        if (intent.reason !== `${kind} task ${name} of ${plan.name}.${phase.name}.${step.name}`)
          continue;
        const params = executionParams(ov, exec, values());
        if (!params.ok) return false;
        const r = renderStepCached(ov, step.tasks, {
          ...instanceContext(req.instance),
          plan: plan.name,
          phase: phase.name,
          step: step.name,
          params: params.params,
          nowMs: parseTime(record.startTime) ?? req.now,
          declared: req.declaredTypes,
          execution: record.id,
          ...(req.pipeImage !== undefined && { pipeImage: req.pipeImage }),
        });
        if (!r.ok) return false;
        const task = r.tasks.find((t) => t.task === name && t.mode === 'delete');
        if (task?.objects.some((o) => identityKey(identityOf(o.body)) === key)) return true;
      }
  return false;
}

/** The input intents, split into those something accounts for and a report of the rest. */
export function checkIntents(
  req: Request,
  ov: OperatorVersionView | undefined,
  state: EngineState,
  values: Values,
): { accounted: Set<string>; conditions: ConditionSet[] } {
  const accounted = new Set<string>();
  const ignored: string[] = [];
  for (const intent of req.inputState?.deleteIntents ?? []) {
    const key = identityKey(intent);
    if (!req.observed.has(key)) continue;
    const why = ov
      ? unaccounted(req, ov, state, intent, values)
      : 'the OperatorVersion that would account for it is missing';
    if (why === undefined) accounted.add(key);
    else ignored.push(`${intent.kind}/${intent.name} (${why})`);
  }
  if (ignored.length === 0) return { accounted, conditions: [] };
  const message = `status.maestro.deleteIntents names ${ignored.join('; ')}: no Delete task, prune or cleanup of a recorded execution accounts for ${ignored.length === 1 ? 'it' : 'them'}, so ${ignored.length === 1 ? 'it is' : 'they are'} ignored and the children kept [MAESTRO_STATUS_INTENT_IGNORED]`;
  return {
    accounted,
    conditions: [condition('DeleteIntentsIgnored', 'True', 'NotAccountedFor', message)],
  };
}

/** The children a sync leaves out whatever the plans do: accounted intents other than prunes. */
export function requestedDeletes(req: Request, accounted: ReadonlySet<string>): Set<string> {
  return new Set(
    (req.inputState?.deleteIntents ?? [])
      .filter((i) => i.reason !== PRUNE_REASON)
      .map(identityKey)
      .filter((k) => accounted.has(k)),
  );
}

export function honourIntents(
  req: Request,
  ov: OperatorVersionView,
  state: EngineState,
  running: boolean,
  values: Record<string, unknown>,
): Honoured {
  const checked = checkIntents(req, ov, state, () => values);
  const leaveOut = requestedDeletes(req, checked.accounted);
  const staleNow = new Set(staleItems(state.inventory, ov).map(identityKey));
  if (!running)
    for (const i of req.inputState?.deleteIntents ?? [])
      if (
        i.reason === PRUNE_REASON &&
        staleNow.has(identityKey(i)) &&
        checked.accounted.has(identityKey(i))
      )
        leaveOut.add(identityKey(i));
  return { leaveOut, staleNow, accounted: checked.accounted, conditions: checked.conditions };
}
