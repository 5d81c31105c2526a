// The plan engine: one pure function from a sync request to the desired
// children and the new status (DESIGN.md, "The plan engine"; the revised
// mechanism of reference/plan-engine-scenarios.md). No I/O, no clock but
// `input.now`, no logging. docs/plan-engine.md describes the mechanism as built.

import { stableHash } from '../canonical-json.ts';
import { canonicalGroup } from '../api-versions.ts';
import { assessHealth } from '../health/index.ts';
import { describeIdentity, identityKey, identityOf } from '../identity.ts';
import type { ChildIdentity } from '../identity.ts';
import { getNumber, getString, isRecord } from '../kobject.ts';
import type { KObject } from '../kobject.ts';
import {
  bodyHash,
  CONTROLLER_UID_LABEL,
  generatedMark,
  provenanceAnnotations,
  readProvenance,
} from '../provenance.ts';
import type { Provenance } from '../provenance.ts';
import { indexObserved } from './children.ts';
import type { ObservedChild } from './children.ts';
import { PlanEngineError } from './errors.ts';
import { planSteps, stepKey, viewOperatorVersion } from './ov.ts';
import type { OperatorVersionView, OvPhase, OvPlan } from './ov.ts';
import { checkParameters, effectiveValues, renderParams, triggerDigests } from './params.ts';
import { recreateMissing } from './recreate.ts';
import { redoDependencyHashes, renderStepCached } from './render.ts';
import type { RenderedObject, RenderedStep, RenderedTask, StepContext } from './render.ts';
import { pipeStep, staleRunners } from '../pipe/index.ts';
import {
  asStatus,
  capped,
  iso,
  parseTime,
  readConditions,
  readPlanStatus,
  readState,
} from './state.ts';
import type {
  Condition,
  DeleteIntent,
  EngineState,
  Execution,
  ExecutionStatus,
  InventoryItem,
  PhaseStatus,
  PlanStatus,
  Rotation,
  StepProgress,
  SyncInput,
  SyncOutput,
} from './types.ts';

const RUNNING = new Set<ExecutionStatus>(['PENDING', 'IN_PROGRESS', 'ERROR']);
const RUN_TO_COMPLETION = new Set(['batch/Job', '/Pod']);
const GC_FINALIZERS = ['foregroundDeletion', 'orphan'];
export const SKIP_CLEANUP_ANNOTATION = 'maestro.dev/skip-cleanup';
/** The reason of a delete intent recorded by spec.planControl.prune. */
const PRUNE_REASON = 'prune';

/** Derived, never random: the same inputs give the same id after a lost status write. */
export function executionId(uid: string, sequence: number, plan: string, inputs: unknown): string {
  // The sequence is readable: children of this instance's first execution are
  // recognisable even when its inputs changed before its status was written.
  return `e${sequence}-${stableHash({ uid, sequence, plan, inputs })}`;
}

interface StepState {
  status: ExecutionStatus;
  message?: string;
}

interface Rendered {
  body: KObject;
  template: string;
}

/** Conditions with lastTransitionTime kept while their status is unchanged. */
class Conditions {
  readonly #input: Map<string, Condition>;
  readonly #out = new Map<string, Condition>();
  readonly #now: string;
  constructor(input: Condition[], now: string) {
    this.#input = new Map(input.map((c) => [c.type, c]));
    this.#now = now;
  }
  set(type: string, status: 'True' | 'False', reason: string, message: string): void {
    const before = this.#input.get(type);
    const lastTransitionTime =
      before && before.status === status && before.lastTransitionTime
        ? before.lastTransitionTime
        : this.#now;
    // The CRD caps a condition message at 32768 characters.
    const capped = message.length > 32_000 ? `${message.slice(0, 32_000)}…` : message;
    this.#out.set(type, { type, status, lastTransitionTime, reason, message: capped });
  }
  has(type: string): boolean {
    return this.#out.has(type);
  }
  list(): Condition[] {
    // Ready first, then by type: a stable order.
    return [...this.#out.values()].sort((a, b) =>
      a.type === 'Ready' ? -1 : b.type === 'Ready' ? 1 : a.type < b.type ? -1 : 1,
    );
  }
}

const emptyState = (): EngineState => ({
  sequence: 0,
  consumedPlanExecutions: [],
  consumedControls: [],
  inventory: [],
  deleteIntents: [],
  history: [],
});

function intentKey(i: { group: string; kind: string; namespace: string; name: string }): string {
  return identityKey(i);
}

export function sync(input: SyncInput): SyncOutput {
  const inst = input.instance;
  if (inst.apiVersion !== 'maestro.dev/v1') {
    throw new PlanEngineError(
      'MAESTRO_SYNC_PARENT_VERSION',
      `Instance ${inst.metadata.namespace ?? ''}/${inst.metadata.name ?? ''} arrived as ${inst.apiVersion}; the CompositeController must watch maestro.dev/v1 instances, whose status schema holds the plan bookkeeping`,
    );
  }
  const now = input.now;
  const nowIso = iso(now);
  const historyLimit = input.options?.historyLimit ?? 10;
  const consumedLimit = input.options?.consumedLimit ?? 20;
  const uid = inst.metadata.uid ?? '';
  const name = inst.metadata.name ?? '';
  const namespace = inst.metadata.namespace ?? '';
  const spec = isRecord(inst.spec) ? inst.spec : {};
  const ovName = getString(spec, 'operatorVersion', 'name') ?? '';
  const notes: string[] = [];
  const observed = indexObserved(
    input.observedChildren,
    input.options?.fieldManager !== undefined ? { fieldManager: input.options.fieldManager } : {},
  );
  for (const o of observed.values())
    if (o.echoNote) notes.push(`${describeIdentity(o.identity)}: ${o.echoNote}`);
  const inputState = readState(inst.status);
  const inputPlanStatus = readPlanStatus(inst.status);
  const conds = new Conditions(readConditions(inst.status), nowIso);
  const deleting = typeof inst.metadata.deletionTimestamp === 'string';
  const state: EngineState = inputState ? structuredClone(inputState) : emptyState();
  state.observedGeneration = inst.metadata.generation ?? 0;
  // Prune intents are honoured only once the plan selection below confirms
  // that no plan runs (see "Prune"); until then they keep their child.
  const inputIntents = new Set(
    (inputState?.deleteIntents ?? []).filter((i) => i.reason !== PRUNE_REASON).map(intentKey),
  );
  for (const p of input.controllerProblems ?? []) notes.push(`controller: ${p}`);
  if ((input.controllerProblems ?? []).length > 0) {
    conds.set(
      'ControllerMisconfigured',
      'True',
      'CompositeController',
      (input.controllerProblems ?? []).join('; '),
    );
  }

  /** Every observed child as last emitted, except those the input status intends to delete. */
  const echoAll = (): KObject[] =>
    [...observed.values()].filter((o) => !inputIntents.has(o.key)).map((o) => o.echo);

  const finishWithoutProgress = (finalized: boolean, ready: [string, string]): SyncOutput => {
    conds.set('Ready', 'False', ready[0], ready[1]);
    return {
      children: echoAll(),
      status: { planStatus: inputPlanStatus, conditions: conds.list(), maestro: state },
      ...(state.deleteIntents.length > 0 && { resyncAfterSeconds: 1 }),
      ...(input.finalizing && { finalized }),
      notes,
    };
  };

  // A label stopped matching: Metacontroller calls finalize without a delete.
  if (input.finalizing && !deleting) {
    conds.set(
      'Unmanaged',
      'True',
      'SelectorMismatch',
      'the Instance no longer matches the CompositeController parentResource.labelSelector; children are kept as they are',
    );
    return finishWithoutProgress(true, [
      'Unmanaged',
      'the Instance is not managed by this controller',
    ]);
  }

  const ovObject = input.operatorVersion;
  if (!ovObject || (ovObject.metadata.name ?? '') !== ovName) {
    conds.set(
      'OperatorVersionMissing',
      'True',
      'NotFound',
      `OperatorVersion ${namespace}/${ovName} is not in the request; the customize hook asks for it, so it probably does not exist. Children are kept; nothing runs until it exists`,
    );
    return finishWithoutProgress(false, [
      'OperatorVersionMissing',
      `OperatorVersion ${ovName} not found`,
    ]);
  }
  const ov = viewOperatorVersion(ovObject as unknown as Record<string, unknown>);

  if (deleting) {
    const finalizers = (inst.metadata.finalizers as string[] | undefined) ?? [];
    const gc = finalizers.filter((f) => GC_FINALIZERS.includes(f));
    if (gc.length > 0) {
      conds.set(
        'WaitingForGarbageCollector',
        'True',
        'GarbageCollectorFinalizer',
        `waiting for the garbage collector (${gc.join(', ')}) before cleanup can run`,
      );
      return finishWithoutProgress(false, ['Deleting', 'waiting for the garbage collector']);
    }
    const skip = inst.metadata.annotations?.[SKIP_CLEANUP_ANNOTATION] === 'true';
    if (skip || !ov.plans.has('cleanup')) {
      return finishWithoutProgress(true, [
        'Deleting',
        skip ? `cleanup skipped (${SKIP_CLEANUP_ANNOTATION})` : 'no cleanup plan',
      ]);
    }
  }

  const specParams = isRecord(spec.parameters) ? spec.parameters : {};
  const paramProblems = checkParameters(ov, specParams);
  const values = effectiveValues(ov, specParams);
  const digests = triggerDigests(ov, values);
  const inputsNow = { operatorVersion: ovName, digests };

  // ---- Recovery: bookkeeping lost while children carry provenance (scenario 2).
  const provChildren = [...observed.values()].filter((o) => o.provenance !== undefined);
  let recovered = false;
  // Children that only this instance's first deploy (execution 1, this uid's
  // controller-uid label) made mean its status writes are not in the cache
  // yet, which is routine right after create (F1): continue it. Anything else
  // with no bookkeeping is a recovery.
  // The first deploy's parameter snapshot went with the status: if the inputs
  // changed since it started (its readable id no longer matches them), it is
  // not continued with the new inputs, which would fold the change into it
  // and re-render (and re-run) children it already applied. It is superseded
  // by a second deploy of the current inputs instead, whose id is derived and
  // so the same on every sync until a status write lands.
  const firstId = executionId(uid, 1, 'deploy', inputsNow);
  const restartId = executionId(uid, 2, 'deploy', inputsNow);
  const onlyFirstSync = provChildren.every(
    (o) =>
      (o.provenance!.execution.startsWith('e1-') || o.provenance!.execution === restartId) &&
      o.provenance!.plan === 'deploy' &&
      (o.object.metadata.labels?.[CONTROLLER_UID_LABEL] ?? uid) === uid,
  );
  const firstIds = [
    ...new Set(
      provChildren.map((o) => o.provenance!.execution).filter((id) => id.startsWith('e1-')),
    ),
  ].sort();
  const restartFirst =
    !inputState && onlyFirstSync && provChildren.some((o) => o.provenance!.execution !== firstId);
  if (!inputState && provChildren.length > 0 && !onlyFirstSync) {
    recovered = true;
    state.sequence = 1;
    state.baseline = { operatorVersion: ovName, digests };
    const pe = getString(spec, 'planExecution', 'uid');
    if (pe) state.consumedPlanExecutions = [pe];
    state.recoveredFrom = `provenance of ${provChildren.length} children`;
    state.inventory = provChildren.map((o) =>
      inventoryFrom(o.echo, o.object.apiVersion, undefined),
    );
  }
  if (state.recoveredFrom) {
    conds.set(
      'Recovered',
      'True',
      'BookkeepingLost',
      `status.maestro was missing; the inventory was rebuilt from the ${state.recoveredFrom} and no plan was started`,
    );
  }

  // ---- The execution, with its step states from the input planStatus.
  let exec: Execution | undefined = state.execution;
  const stepStates = new Map<string, StepState>();
  const overridePlanStatus = new Map<string, PlanStatus>();
  const loadSteps = (e: Execution | undefined) => {
    stepStates.clear();
    if (!e) return;
    const plan = ov.plans.get(e.plan);
    const ps = inputPlanStatus[e.plan];
    const same = ps && ps.uid === e.id;
    for (const ref of plan ? planSteps(plan) : []) {
      const st = same
        ? ps.phases?.find((p) => p.name === ref.phase)?.steps?.find((s) => s.name === ref.step)
        : undefined;
      stepStates.set(stepKey(ref.phase, ref.step), {
        status: asStatus(st?.status, 'PENDING'),
        ...(st?.message && { message: st.message }),
      });
    }
  };
  loadSteps(exec);
  const running = () => exec !== undefined && RUNNING.has(exec.status);

  const endExecution = (status: ExecutionStatus, message?: string) => {
    if (!exec) return;
    exec.status = status;
    exec.endTime = nowIso;
    // The snapshot is kept for a retry; only a finished execution drops it.
    if (status === 'COMPLETE') delete exec.parameters;
    state.history = capped(
      [
        ...state.history.filter((h) => h.id !== exec!.id),
        {
          id: exec.id,
          plan: exec.plan,
          status,
          reason: exec.reason,
          operatorVersion: exec.operatorVersion,
          startTime: exec.startTime,
          endTime: nowIso,
          ...(message && { message }),
        },
      ],
      historyLimit,
    );
  };

  const newIntents = new Map<string, DeleteIntent>();
  // A uid the spec still holds is never dropped by the cap: dropping it would
  // run that request again (a prune, an abort) long after it was consumed.
  const held = new Set<string>();
  if (isRecord(spec.planExecution) && typeof spec.planExecution.uid === 'string')
    held.add(spec.planExecution.uid);
  if (isRecord(spec.planControl))
    for (const c of Object.values(spec.planControl))
      if (isRecord(c) && typeof c.uid === 'string') held.add(c.uid);
  const consume = (list: 'consumedPlanExecutions' | 'consumedControls', id: string) => {
    const next = [...state[list].filter((x) => x !== id), id];
    let excess = next.length - consumedLimit;
    state[list] = next.filter((x) => !(excess > 0 && !held.has(x) && excess-- > 0));
  };

  // ---- Plan controls (v1 spec.planControl): one-shot controls carry a uid consumed once.
  const control = isRecord(spec.planControl) ? spec.planControl : {};
  const paused = control.paused === true;
  const oneShot = (k: string): Record<string, unknown> | undefined => {
    const c = control[k];
    if (!isRecord(c) || typeof c.uid !== 'string' || c.uid === '') return undefined;
    if (state.consumedControls.includes(c.uid)) return undefined;
    consume('consumedControls', c.uid);
    return c;
  };
  if (inputState && !recovered) {
    const abort = oneShot('abort');
    if (abort && running()) {
      const message = `aborted by spec.planControl.abort (uid ${String(abort.uid)}); nothing is rolled back`;
      planMessage(exec!.plan, message);
      endExecution('FATAL_ERROR', message);
    }
    const retry = oneShot('retry');
    if (retry && exec && (exec.status === 'FATAL_ERROR' || exec.status === 'ERROR')) {
      for (const [k, s] of stepStates)
        if (s.status === 'FATAL_ERROR' || s.status === 'ERROR' || s.status === 'IN_PROGRESS') {
          stepStates.set(k, { status: 'PENDING' });
          exec.steps = exec.steps.filter((p) => stepKey(p.phase, p.step) !== k);
          // A failed Job or Pod of the step is replaced: delete first (two phases), then re-create.
          for (const o of observed.values()) {
            const p = o.provenance;
            if (!p || p.execution !== exec.id || stepKey(p.phase, p.step) !== k) continue;
            if (!RUN_TO_COMPLETION.has(`${o.identity.group}/${o.identity.kind}`)) continue;
            if (!assessHealth(o.object).terminal) continue;
            newIntents.set(o.key, {
              ...o.identity,
              apiVersion: o.object.apiVersion,
              execution: exec.id,
              reason: `retry replaces the failed ${o.identity.kind}`,
            });
          }
        }
      exec.status = 'IN_PROGRESS';
      exec.reason = 'retry';
      delete exec.endTime;
      exec.parameters ??= values;
    }
    const force = oneShot('forceComplete');
    if (force && exec) {
      const forPlan =
        typeof force.plan !== 'string' || force.plan === '' || force.plan === exec.plan;
      const k = stepKey(String(force.phase), String(force.step));
      if (forPlan && stepStates.has(k)) {
        stepStates.set(k, {
          status: 'COMPLETE',
          message: `forced COMPLETE by spec.planControl.forceComplete (uid ${String(force.uid)})`,
        });
        if (exec.status === 'FATAL_ERROR') {
          exec.status = 'IN_PROGRESS';
          delete exec.endTime;
          exec.parameters ??= values;
        }
      } else {
        notes.push(
          `planControl.forceComplete names ${k}, which is not a step of the current execution`,
        );
      }
    }
    const cont = oneShot('continue');
    if (cont && exec) for (const p of exec.steps) if (p.waiting === true) p.waiting = false;
    const rotate = oneShot('rotate');
    if (rotate) {
      const names = Array.isArray(rotate.names)
        ? rotate.names.filter((n): n is string => typeof n === 'string')
        : [];
      state.rotations = capped(
        [
          ...(state.rotations ?? []).filter((r) => r.uid !== rotate.uid),
          { uid: String(rotate.uid), ...(names.length > 0 && { names }) },
        ],
        consumedLimit,
      );
    }
  }
  function planMessage(plan: string, message: string) {
    const base = overridePlanStatus.get(plan) ?? inputPlanStatus[plan];
    if (base) overridePlanStatus.set(plan, { ...base, message });
  }

  // ---- Plan selection: first match wins.
  const start = (plan: string, reason: string, inputs: unknown, peUid?: string) => {
    if (running()) {
      const message = `superseded by plan ${plan} (${reason})`;
      const old = exec!;
      endExecution('FATAL_ERROR', message);
      if (old.plan !== plan)
        overridePlanStatus.set(
          old.plan,
          buildPlanStatus(ov.plans.get(old.plan), old, stepStates, message),
        );
    }
    const sequence = state.sequence + 1;
    state.sequence = sequence;
    // A follow-up (onFailure) consumes no input: a queued parameter change still runs after it.
    if (reason !== 'cleanup' && reason !== 'onFailure')
      state.baseline = { operatorVersion: ovName, digests };
    if (peUid) consume('consumedPlanExecutions', peUid);
    delete state.recoveredFrom;
    const planDef = ov.plans.get(plan)!;
    exec = {
      id: executionId(uid, sequence, plan, inputs),
      sequence,
      plan,
      status: 'IN_PROGRESS',
      reason,
      ...(peUid && { uid: peUid }),
      operatorVersion: ovName,
      parameters: values,
      startTime: nowIso,
      ...(planDef.timeoutSeconds !== undefined && {
        deadline: iso(now + planDef.timeoutSeconds * 1000),
      }),
      steps: [],
    };
    state.execution = exec;
    stepStates.clear();
    for (const ref of planSteps(planDef))
      stepStates.set(stepKey(ref.phase, ref.step), { status: 'PENDING' });
  };

  const pe = isRecord(spec.planExecution) ? spec.planExecution : {};
  const peName = typeof pe.planName === 'string' ? pe.planName : '';
  const peUid = typeof pe.uid === 'string' ? pe.uid : '';
  if (paramProblems.length > 0) {
    conds.set('InvalidParameters', 'True', 'ParameterCheck', paramProblems.join('; '));
  }
  if (deleting) {
    if (!(exec && exec.plan === 'cleanup' && exec.reason === 'cleanup'))
      start('cleanup', 'cleanup', { deleting: true });
  } else if (paramProblems.length > 0 || recovered) {
    // Nothing starts with bad parameters; after a recovery nothing starts by itself.
  } else if (!inputState) {
    if (!ov.plans.has('deploy')) {
      conds.set('InvalidOperatorVersion', 'True', 'NoDeployPlan', `${ov.name} has no deploy plan`);
    } else if (restartFirst) {
      // The first deploy, as far as its children show it, then its successor.
      state.sequence = 1;
      const first = firstIds[0];
      if (first) {
        exec = {
          id: first,
          sequence: 1,
          plan: 'deploy',
          status: 'IN_PROGRESS',
          reason: 'create',
          operatorVersion: ovName,
          startTime: nowIso,
          steps: [],
        };
        state.execution = exec;
      }
      start('deploy', 'restart', inputsNow, peUid !== '' ? peUid : undefined);
    } else {
      start('deploy', 'create', inputsNow, peUid !== '' ? peUid : undefined);
    }
  } else if (peName !== '' && peUid !== '' && !state.consumedPlanExecutions.includes(peUid)) {
    if (!ov.plans.has(peName)) {
      conds.set(
        'InvalidPlanExecution',
        'True',
        'PlanNotFound',
        `spec.planExecution names plan ${peName}, which ${ov.name} does not define`,
      );
    } else if (peName === 'cleanup') {
      consume('consumedPlanExecutions', peUid);
      notes.push('spec.planExecution cannot trigger cleanup; it runs when the Instance is deleted');
    } else {
      start(peName, 'planExecution', { planExecution: peUid }, peUid);
    }
  } else if ((state.baseline?.operatorVersion ?? '') !== ovName) {
    const plan = ['upgrade', 'update', 'deploy'].find((p) => ov.plans.has(p));
    if (plan) start(plan, 'upgrade', inputsNow);
    else
      conds.set(
        'InvalidOperatorVersion',
        'True',
        'NoUpgradePlan',
        `${ov.name} has no upgrade, update or deploy plan`,
      );
  } else {
    const before = state.baseline?.digests ?? {};
    const changed = [...new Set([...Object.keys(digests), ...Object.keys(before)])]
      .filter((p) => digests[p] !== before[p])
      .sort();
    const unknown = changed.filter((p) => !ov.plans.has(p));
    if (unknown.length > 0) {
      conds.set(
        'InvalidOperatorVersion',
        'True',
        'TriggerPlanNotFound',
        `parameters trigger plans ${unknown.join(', ')}, which ${ov.name} does not define`,
      );
    } else if (changed.length > 1) {
      conds.set(
        'Blocked',
        'True',
        'MultiplePlansTriggered',
        `the parameter changes trigger plans ${changed.join(', ')} at once; change the parameters of one plan at a time`,
      );
    } else if (changed.length === 1) {
      const plan = changed[0]!;
      if (running() && exec!.plan !== plan) {
        conds.set(
          'PlanQueued',
          'True',
          'WaitingForPlan',
          `a change for plan ${plan} waits until plan ${exec!.plan} ends`,
        );
      } else {
        start(plan, 'parameters', inputsNow);
      }
    }
  }

  // ---- Prune intents of the input status (two phases): a child is left out only
  // while it is still stale under this OperatorVersion and no plan runs.
  const staleNow = new Set(staleItems(state.inventory, ov).map(intentKey));
  if (!running())
    for (const i of inputState?.deleteIntents ?? [])
      if (i.reason === PRUNE_REASON && staleNow.has(intentKey(i))) inputIntents.add(intentKey(i));
  // ---- onFailure.plan: a plan that ended FATAL_ERROR in this sync starts its
  // follow-up (e.g. a rollback) at once, as a new execution whose id derives
  // from the failed one: a recomputation after a lost status write fails the
  // same way and reaches the same id, so it neither starts twice nor is
  // skipped. Consumed once: `onFailure/<failed id>` goes to consumedPlanExecutions
  // and is the follow-up's own `uid`.
  // One level only (a follow-up's own failure triggers nothing), never for
  // cleanup or while deleting; abort and supersede are not failures.
  const startFollowUp = () => {
    const failed = exec;
    const next = followUp;
    if (!failed || failed.status !== 'FATAL_ERROR' || next === undefined) return;
    // A follow-up keeps its marker as its consumed uid, even once retried.
    const isFollowUp = failed.reason === 'onFailure' || failed.uid?.startsWith('onFailure/');
    if (deleting || failed.plan === 'cleanup' || isFollowUp) return;
    const marker = `onFailure/${failed.id}`;
    if (state.consumedPlanExecutions.includes(marker)) return;
    if (!ov.plans.has(next) || next === 'cleanup') {
      notes.push(
        `plan ${failed.plan} failed; its onFailure plan ${next} is ${next === 'cleanup' ? 'cleanup, which runs only on delete' : `not defined in ${ov.name}`}`,
      );
      return;
    }
    const message = `${lastMessage(state, failed) ?? 'failed'}; started plan ${next} (onFailure.plan)`;
    state.history = state.history.map((h) => (h.id === failed.id ? { ...h, message } : h));
    overridePlanStatus.set(
      failed.plan,
      buildPlanStatus(ov.plans.get(failed.plan), failed, stepStates, message),
    );
    start(next, 'onFailure', { onFailureOf: failed.id }, marker);
    advanceExecution();
  };

  // ---- Advance the execution.
  const rendered = new Map<string, Rendered>();
  const waitingReasons: string[] = [];
  let nextDeadline: number | undefined;
  let followUp: string | undefined;
  const advanceExecution = () => {
    followUp = undefined;
    if (!exec || !running()) return;
    const plan = ov.plans.get(exec.plan);
    if (!plan) {
      const message = `plan ${exec.plan} is not defined in ${ov.name}`;
      endExecution('FATAL_ERROR', message);
      planMessage(exec.plan, message);
    } else {
      markReachedFromChildren(plan, exec, observed, stepStates);
      const snapshot = renderParams(ov, exec.parameters ?? values);
      const result = snapshot.ok
        ? advance({
            ov,
            plan,
            exec,
            stepStates,
            observed,
            rendered,
            newIntents,
            inputIntents,
            waitingReasons,
            params: snapshot.params,
            paused,
            rotations: state.rotations ?? [],
            now,
            nowIso,
            instance: { name, namespace, uid },
            declared: input.declaredTypes,
            ...(input.options?.pipeImage !== undefined && { pipeImage: input.options.pipeImage }),
          })
        : {
            status: 'FATAL_ERROR' as const,
            message: `could not parse parameters: ${snapshot.error}`,
            deadline: undefined,
          };
      if (result.deadline !== undefined)
        nextDeadline = Math.min(nextDeadline ?? result.deadline, result.deadline);
      if (result.status === 'COMPLETE') endExecution('COMPLETE');
      else if (result.status === 'FATAL_ERROR') {
        endExecution('FATAL_ERROR', result.message);
        followUp = result.followUp;
      } else exec.status = result.status;
      if (result.message && result.status === 'FATAL_ERROR' && !snapshot.ok)
        planMessage(exec.plan, result.message);
      if (paused && running())
        conds.set(
          'Paused',
          'True',
          'PlanControl',
          `plan ${exec.plan} is paused (spec.planControl.paused); no new step starts`,
        );
      if (exec.deadline && running()) {
        const d = parseTime(exec.deadline)!;
        if (now >= d)
          planMessage(
            exec.plan,
            `plan ${exec.plan} did not finish by its deadline ${exec.deadline}`,
          );
        else nextDeadline = Math.min(nextDeadline ?? d, d);
      }
    }
  };
  advanceExecution();
  startFollowUp();

  // ---- Pipe runners whose step is over (src/engine/pipe/cleanup.ts).
  for (const r of staleRunners({
    observed: observed.values(),
    emitted: (key) => rendered.has(key),
    execution: exec?.id,
    stepComplete: (phase, step) => stepStates.get(stepKey(phase, step))?.status === 'COMPLETE',
  }))
    if (!newIntents.has(r.key))
      newIntents.set(r.key, {
        ...identityOf(r.object),
        apiVersion: r.object.apiVersion,
        execution: exec?.id ?? '',
        reason: r.reason,
      });

  // ---- Desired children: echo, then the in-progress steps' renders, minus input intents.
  const children = new Map<string, KObject>();
  for (const o of observed.values()) if (!inputIntents.has(o.key)) children.set(o.key, o.echo);
  for (const [key, r] of rendered) children.set(key, r.body);
  const intents = new Map<string, DeleteIntent>();
  for (const i of inputState?.deleteIntents ?? []) {
    const k = intentKey(i);
    // A prune intent whose child is no longer stale (a newer OperatorVersion
    // renders it again) is withdrawn: the child stays.
    if (i.reason === PRUNE_REASON && !staleNow.has(k)) continue;
    if (observed.has(k)) intents.set(k, i);
  }
  for (const [k, i] of newIntents) if (!intents.has(k)) intents.set(k, i);
  state.deleteIntents = [...intents.values()].sort((a, b) =>
    intentKey(a) < intentKey(b) ? -1 : 1,
  );

  // ---- Inventory: what carries this instance's provenance, by identity.
  const inventory = new Map(state.inventory.map((i) => [intentKey(i), i]));
  for (const [key, body] of children) {
    const prov = readProvenance(body);
    if (!prov) continue;
    const template = rendered.get(key)?.template ?? inventory.get(key)?.template;
    inventory.set(key, inventoryFrom(body, body.apiVersion, template));
  }
  const inputIntentKeys = new Set((inputState?.deleteIntents ?? []).map(intentKey));
  const missing: (InventoryItem & { reason: string })[] = [];
  // Parameters to render a vanished child's step with, parsed once and only if needed.
  let recreateWith: Record<string, unknown> | undefined;
  const recreateParams = () => {
    if (recreateWith) return recreateWith;
    const p = renderParams(ov, exec?.parameters ?? values);
    recreateWith = p.ok ? p.params : {};
    return recreateWith;
  };
  for (const [key, item] of inventory) {
    if (observed.has(key) || rendered.has(key)) continue;
    const runToCompletion = RUN_TO_COMPLETION.has(`${item.group}/${item.kind}`);
    // Any intent of the input status counts here, a deferred prune intent too:
    // the child is gone already, so there is nothing left to defer.
    const intended = inputIntentKeys.has(key) || intents.has(key);
    if (runToCompletion || intended) {
      // Deleted on purpose, or a Job/Pod that ran and went away: done, never re-created.
      inventory.delete(key);
      continue;
    }
    const again = recreateMissing({
      ov,
      item,
      params: recreateParams(),
      nowMs: executionStart(state, exec, item.execution) ?? now,
      instance: { name, namespace, uid },
      declared: input.declaredTypes,
      withProvenance,
    });
    if (again.ok) {
      children.set(key, again.body);
      notes.push(`re-created ${item.kind}/${item.name}: applied by ${item.execution}, then gone`);
      continue;
    }
    missing.push({ ...item, reason: again.reason });
  }
  state.inventory = [...inventory.values()].sort((a, b) => (intentKey(a) < intentKey(b) ? -1 : 1));
  if (missing.length > 0) {
    conds.set(
      'ChildrenMissing',
      'True',
      'NotObserved',
      `${missing.map((m) => `${m.kind}/${m.name} (${m.reason})`).join('; ')}: applied, not observed, and not re-created; re-run the step that applies ${missing.length === 1 ? 'it' : 'them'}`,
    );
  }
  const stale = staleItems(state.inventory, ov);
  // ---- Prune (v1 spec.planControl.prune): stale children go through two-phase deletes.
  const prune = isRecord(control.prune) ? control.prune : {};
  const pruneUid = typeof prune.uid === 'string' ? prune.uid : '';
  if (pruneUid !== '' && inputState && !recovered && !state.consumedControls.includes(pruneUid)) {
    if (running()) {
      conds.set(
        'PrunePending',
        'True',
        'PlanRunning',
        `spec.planControl.prune (uid ${pruneUid}) waits until plan ${exec!.plan} ends: a step of a running plan may still render a child that looks stale`,
      );
    } else {
      consume('consumedControls', pruneUid);
      const r = pruneStale(stale, prune.names, ov.name);
      if (!r.ok) {
        state.pruneRejected = { uid: pruneUid, message: r.message };
      } else {
        delete state.pruneRejected;
        for (const item of r.items) {
          const key = intentKey(item);
          const obs = observed.get(key);
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
            state.inventory = state.inventory.filter((i) => intentKey(i) !== key);
          }
        }
        state.deleteIntents = [...intents.values()].sort((a, b) =>
          intentKey(a) < intentKey(b) ? -1 : 1,
        );
      }
    }
  }
  if (state.pruneRejected && state.pruneRejected.uid === pruneUid) {
    conds.set('PruneRejected', 'True', 'NotStale', state.pruneRejected.message);
  }
  const kept = new Set(state.inventory.map(intentKey));
  const staleLeft = stale.filter((i) => kept.has(intentKey(i)));
  if (staleLeft.length > 0) {
    state.staleChildren = staleLeft.map((s) => `${s.kind}/${s.name}`).sort();
    const pruning = (i: InventoryItem) =>
      intents.get(intentKey(i))?.reason === PRUNE_REASON ? ' (being pruned)' : '';
    conds.set(
      'StaleChildren',
      'True',
      'NotRenderedByOperatorVersion',
      `${staleLeft.map((s) => `${s.kind}/${s.name}${pruning(s)}`).join(', ')} ${staleLeft.length === 1 ? 'is' : 'are'} no longer rendered by ${ov.name}; kept until a Delete task, a prune (spec.planControl.prune) or the deletion of the Instance`,
    );
  } else {
    delete state.staleChildren;
  }
  rotationPending(observed, children, state.rotations ?? [], conds);

  // ---- Status.
  if (exec) state.execution = exec;
  const planStatus: Record<string, PlanStatus> = {};
  for (const [pname, plan] of ov.plans) {
    const override = overridePlanStatus.get(pname);
    let ps: PlanStatus;
    if (exec && exec.plan === pname) {
      ps = buildPlanStatus(
        plan,
        exec,
        stepStates,
        override?.message ?? (exec.status === 'FATAL_ERROR' ? lastMessage(state, exec) : undefined),
      );
      if (override?.message) ps.message = override.message;
    } else if (override) {
      ps = override;
    } else {
      ps = carryPlanStatus(plan, inputPlanStatus[pname]);
    }
    const before = inputPlanStatus[pname];
    ps.lastUpdatedTimestamp =
      before && before.status === ps.status && before.uid === ps.uid
        ? (before.lastUpdatedTimestamp ?? null)
        : ps.status === 'NEVER_RUN'
          ? null
          : nowIso;
    planStatus[pname] = ps;
  }

  let finalized: boolean | undefined;
  if (input.finalizing) finalized = exec?.plan === 'cleanup' && exec.status === 'COMPLETE';
  if (deleting && exec?.plan === 'cleanup' && exec.status === 'FATAL_ERROR') {
    conds.set(
      'CleanupFailed',
      'True',
      'PlanFailed',
      `cleanup failed: ${lastMessage(state, exec) ?? 'see planStatus'}; retry it (spec.planControl.retry) or set ${SKIP_CLEANUP_ANNOTATION}: "true"`,
    );
  }
  if (exec && running()) {
    conds.set(
      'Ready',
      'False',
      'PlanInProgress',
      `plan ${exec.plan} is ${exec.status}${waitingReasons.length ? `: ${waitingReasons.slice(0, 3).join('; ')}` : ''}`,
    );
  } else if (exec && exec.status === 'FATAL_ERROR') {
    conds.set(
      'Ready',
      'False',
      'PlanFailed',
      `plan ${exec.plan} failed: ${lastMessage(state, exec) ?? ''}`,
    );
  } else if (missing.length > 0) {
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

  let resync: number | undefined;
  if (state.deleteIntents.length > 0) resync = 1;
  if (nextDeadline !== undefined) {
    const s = Math.max(1, Math.ceil((nextDeadline - now) / 1000));
    resync = resync === undefined ? s : Math.min(resync, s);
  }
  return {
    children: [...children.values()],
    status: { planStatus, conditions: conds.list(), maestro: state },
    ...(resync !== undefined && { resyncAfterSeconds: resync }),
    ...(finalized !== undefined && { finalized }),
    notes,
  };
}

/**
 * Children whose recorded task no longer exists, or no longer lists the
 * recorded template: found by name, without rendering the OperatorVersion.
 */
function staleItems(inventory: readonly InventoryItem[], ov: OperatorVersionView): InventoryItem[] {
  return inventory.filter((i) => {
    const task = ov.tasks.get(i.task);
    if (!task) return true;
    if (i.template && i.kind !== 'Instance')
      return ![...(task.spec.resources ?? []), task.spec.pod].includes(i.template);
    return false;
  });
}

/** The stale children a prune request selects; a name that is not stale refuses the whole request. */
function pruneStale(
  stale: readonly InventoryItem[],
  names: unknown,
  ovName: string,
): { ok: true; items: InventoryItem[] } | { ok: false; message: string } {
  const list = Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
  if (list.length === 0) return { ok: true, items: [...stale] };
  const label = (i: InventoryItem) => `${i.kind}/${i.name}`;
  const unknown = list.filter((n) => !stale.some((i) => label(i) === n));
  if (unknown.length > 0) {
    return {
      ok: false,
      message: `spec.planControl.prune names ${unknown.join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} not stale (still rendered by ${ovName}, or not a child of this Instance); nothing was pruned. Stale children: ${stale.map(label).join(', ') || '(none)'}`,
    };
  }
  return { ok: true, items: stale.filter((i) => list.includes(label(i))) };
}

/** Condition RotationPending: generated children a rotate request names, not yet regenerated. */
function rotationPending(
  observed: Map<string, ObservedChild>,
  children: Map<string, KObject>,
  rotations: readonly Rotation[],
  conds: Conditions,
): void {
  if (rotations.length === 0) return;
  const pending: string[] = [];
  for (const o of observed.values()) {
    if (!o.provenance) continue;
    const mark = generatedMark(o.echo);
    if (mark === undefined) continue;
    const who = `${o.identity.kind}/${o.identity.name}`;
    const uid = latestRotation(rotations, who);
    if (uid === undefined || uid === mark) continue;
    const emitted = children.get(o.key);
    if (emitted && generatedMark(emitted) === uid) continue;
    pending.push(who);
  }
  if (pending.length === 0) return;
  pending.sort();
  conds.set(
    'RotationPending',
    'True',
    'WaitingForStep',
    `${pending.join(', ')} will be regenerated (spec.planControl.rotate) the next time a plan runs ${pending.length === 1 ? 'its step' : 'their steps'}; trigger one, e.g. spec.planExecution of deploy`,
  );
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

function lastMessage(state: EngineState, exec: Execution): string | undefined {
  return state.history.find((h) => h.id === exec.id)?.message;
}

function inventoryFrom(
  body: KObject,
  apiVersion: string,
  template: string | undefined,
): InventoryItem {
  const id = identityOf(body);
  const prov = readProvenance(body)!;
  return {
    ...id,
    apiVersion,
    hash: prov.hash,
    execution: prov.execution,
    plan: prov.plan,
    phase: prov.phase,
    step: prov.step,
    task: prov.task,
    ...(template !== undefined && template !== '' && { template }),
  };
}

/** A step an observed child of this execution carries has been reached; in serial order, every earlier step is COMPLETE. */
function markReachedFromChildren(
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

interface AdvanceArgs {
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

interface AdvanceResult {
  status: ExecutionStatus;
  message?: string;
  deadline: number | undefined;
  /** FATAL_ERROR only: the failed step's (else the plan's) `onFailure.plan`. */
  followUp?: string;
}

/** KUDO's engine pass (kudo-semantics.md §2.3) with the convergence gate and two-phase deletes. */
function advance(a: AdvanceArgs): AdvanceResult {
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

interface StepRun {
  done: boolean;
  reasons: string[];
  failure?: { fatal: boolean; message: string };
}

function runStep(a: AdvanceArgs, phase: OvPhase, step: string, tasks: string[]): StepRun {
  const ctx: StepContext = {
    instanceName: a.instance.name,
    namespace: a.instance.namespace,
    instanceUid: a.instance.uid,
    plan: a.plan.name,
    phase: phase.name,
    step,
    params: a.params,
    nowMs: parseTime(a.exec.startTime) ?? a.now,
    declared: a.declared,
    execution: a.exec.id,
    ...(a.pipeImage !== undefined && { pipeImage: a.pipeImage }),
  };
  const r = renderStepCached(a.ov, tasks, ctx);
  if (!r.ok) return { done: false, reasons: [], failure: r.failure };
  const chosen = stickyChoices(a, r.tasks, (rotation) =>
    renderStepCached(a.ov, tasks, { ...ctx, rotation }),
  );
  let done = true;
  const reasons: string[] = [];
  for (const t of r.tasks) {
    if (t.mode === 'dummy') {
      if (!t.done) {
        done = false;
        reasons.push(`${phase.name}.${step}.${t.task}: Dummy task never finishes (done: false)`);
      }
      continue;
    }
    if (t.mode === 'pipe') {
      const prov = {
        execution: a.exec.id,
        plan: a.plan.name,
        phase: phase.name,
        step,
        task: t.task,
      };
      const p = pipeStep({
        task: t.task,
        objects: t.objects,
        pipe: t.pipe!,
        observed: a.observed,
        inputIntents: a.inputIntents,
        execution: a.exec.id,
        namespace: a.instance.namespace,
        where: `${a.plan.name}.${phase.name}.${step}`,
        withProvenance: (body, hash) => withProvenance(body, hash, prov),
      });
      for (const e of p.emit) {
        a.rendered.delete(e.key);
        a.rendered.set(e.key, { body: e.body, template: e.template });
      }
      for (const d of p.deletes)
        a.newIntents.set(d.key, {
          ...identityOf(d.object),
          apiVersion: d.object.apiVersion,
          execution: a.exec.id,
          reason: d.reason,
        });
      if (p.failure) return { done: false, reasons, failure: { fatal: true, message: p.failure } };
      if (!p.done) {
        done = false;
        reasons.push(...p.reasons);
      }
      continue;
    }
    for (const rendered of t.objects) {
      // The body to emit: the render, or a sticky child's echo or rotation.
      const o = chosen.get(rendered) ?? rendered;
      const id: ChildIdentity = identityOf(o.body);
      const key = identityKey(id);
      const who = describeIdentity(id);
      const obs = a.observed.get(key);
      if (t.mode === 'delete') {
        if (obs) {
          done = false;
          reasons.push(`${who} is being deleted`);
          a.newIntents.set(key, {
            ...id,
            apiVersion: obs.object.apiVersion,
            execution: a.exec.id,
            reason: `${t.kind} task ${t.task} of ${a.plan.name}.${phase.name}.${step}`,
          });
        }
        continue;
      }
      const want = o.hash;
      const body = withProvenance(o.body, want, {
        execution: a.exec.id,
        plan: a.plan.name,
        phase: phase.name,
        step,
        task: t.task,
      });
      const replacing = a.newIntents.has(key) || a.inputIntents.has(key);
      if (replacing) {
        // Being replaced: left out once the intent is in the input status, then re-created.
        done = false;
        reasons.push(`${who} is being replaced`);
        if (a.inputIntents.has(key) && obs) continue;
      }
      a.rendered.delete(key);
      a.rendered.set(key, { body, template: rendered.template });
      if (replacing) continue;
      if (!obs || obs.provenance?.hash !== want) {
        done = false;
        reasons.push(`${who} ${obs ? 'not yet updated' : 'not yet created'}`);
        continue;
      }
      const checks = a.ov.healthChecks.get(
        `${canonicalGroup(body.apiVersion, body.kind)}/${body.kind}`,
      );
      // A child Instance must have been synced for its current spec (scenario
      // 6e). Its top-level observedGeneration is pruned by the v1 schema, so
      // the engine's own record in status.maestro is read.
      if (obs.identity.group === 'maestro.dev' && obs.identity.kind === 'Instance') {
        const seen = getNumber(obs.object, 'status', 'maestro', 'observedGeneration');
        const generation = obs.object.metadata.generation;
        if (seen !== undefined && generation !== undefined && seen < generation) {
          done = false;
          reasons.push(`${who}: waiting for its plan engine to observe generation ${generation}`);
          continue;
        }
      }
      const health = assessHealth(obs.object, checks ? { checks } : {});
      if (health.terminal)
        return { done: false, reasons, failure: { fatal: true, message: health.reason } };
      if (!health.healthy) {
        done = false;
        reasons.push(health.reason);
      }
    }
  }
  return { done, reasons };
}

/**
 * Sticky generated children (scenario 11c). A child whose template drew from
 * the random source carries GENERATED_ANNOTATION. Once it is observed with
 * Maestro's provenance and converged (its applied body matches its hash), a
 * step that renders it again emits the applied body instead: a renamed
 * template, a new generator call before an old one, an upgrade or a
 * parameter update never regenerate a password or a certificate. A rotate
 * request (spec.planControl.rotate) that names the child makes the step emit
 * a render seeded with the request's uid instead, marked with that uid, so
 * the rotation happens once however often the status write is lost. The
 * dependency hashes of the step's pod templates follow the bodies emitted.
 * Returns the substitutions, keyed by the rendered object.
 */
function stickyChoices(
  a: AdvanceArgs,
  tasks: readonly RenderedTask[],
  rotated: (rotation: string) => RenderedStep,
): Map<RenderedObject, RenderedObject> {
  const chosen = new Map<RenderedObject, RenderedObject>();
  for (const t of tasks) {
    if (t.mode !== 'apply' || t.kind === 'KudoOperator') continue;
    for (const o of t.objects) {
      const key = identityKey(identityOf(o.body));
      const obs = a.observed.get(key);
      const mark = obs?.provenance ? generatedMark(obs.echo) : undefined;
      if (!o.generated && mark === undefined) continue;
      const uid = latestRotation(a.rotations, `${o.body.kind}/${o.body.metadata.name ?? ''}`);
      // Converged: applied with a matching hash. A child applied before the
      // mark existed counts too when its new render is generated.
      const converged = obs?.provenance !== undefined && bodyHash(obs.echo) === obs.provenance.hash;
      if (converged && (uid === undefined || uid === mark)) {
        chosen.set(o, { ...o, body: obs!.echo, hash: obs!.provenance!.hash });
        continue;
      }
      if (uid === undefined) continue;
      const again = rotated(uid);
      const twin = again.ok
        ? again.tasks
            .find((x) => x.task === t.task)
            ?.objects.find((x) => identityKey(identityOf(x.body)) === key)
        : undefined;
      if (twin) chosen.set(o, { ...twin, template: o.template });
      else if (converged) chosen.set(o, { ...o, body: obs!.echo, hash: obs!.provenance!.hash });
    }
  }
  const swapped = new Map<RenderedObject, KObject>();
  for (const [o, c] of chosen) swapped.set(o, c.body);
  for (const [o, c] of redoDependencyHashes(tasks, swapped)) chosen.set(o, c);
  return chosen;
}

/** The uid of the latest rotate request that covers `who` (`Kind/name`). */
function latestRotation(rotations: readonly Rotation[], who: string): string | undefined {
  for (let i = rotations.length - 1; i >= 0; i--) {
    const r = rotations[i]!;
    if (!r.names || r.names.length === 0 || r.names.includes(who)) return r.uid;
  }
  return undefined;
}

/**
 * A rendered body with its provenance annotations: a shallow copy (the
 * rendered body is shared by the render cache and never mutated), with the
 * hash computed once at render time.
 */
function withProvenance(body: KObject, hash: string, p: Provenance): KObject {
  return {
    ...body,
    metadata: {
      ...body.metadata,
      annotations: {
        ...(body.metadata.annotations ?? {}),
        [provenanceAnnotations.execution]: p.execution,
        [provenanceAnnotations.plan]: p.plan,
        [provenanceAnnotations.phase]: p.phase,
        [provenanceAnnotations.step]: p.step,
        [provenanceAnnotations.task]: p.task,
        [provenanceAnnotations.hash]: hash,
      },
    },
  };
}

function phaseStatusOf(steps: { status: ExecutionStatus }[]): ExecutionStatus {
  if (steps.length > 0 && steps.every((s) => s.status === 'COMPLETE')) return 'COMPLETE';
  if (steps.some((s) => s.status === 'FATAL_ERROR')) return 'FATAL_ERROR';
  if (steps.some((s) => s.status === 'ERROR')) return 'ERROR';
  if (steps.some((s) => s.status !== 'PENDING' && s.status !== 'NEVER_RUN')) return 'IN_PROGRESS';
  return 'PENDING';
}

function buildPlanStatus(
  plan: OvPlan | undefined,
  exec: Execution,
  stepStates: Map<string, StepState>,
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
function carryPlanStatus(plan: OvPlan, before: PlanStatus | undefined): PlanStatus {
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
