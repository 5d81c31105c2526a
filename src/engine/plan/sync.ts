// The plan engine: one pure function from a sync request to the desired
// children and the new status (DESIGN.md, "The plan engine"; the revised
// mechanism of reference/plan-engine-scenarios.md). No I/O, no clock but
// `input.now`, no logging. docs/plan-engine.md describes the mechanism as built.

import { stableHash } from '../canonical-json.ts';
import { assessHealth } from '../health/index.ts';
import { describeIdentity, identityKey, identityOf } from '../identity.ts';
import { getString, isRecord } from '../kobject.ts';
import type { KObject } from '../kobject.ts';
import { CONTROLLER_UID_LABEL, readProvenance } from '../provenance.ts';
import { indexObserved } from './children.ts';
import { PlanEngineError } from './errors.ts';
import { planSteps, stepKey, viewOperatorVersion } from './ov.ts';
import { checkParameters, effectiveValues, renderParams, triggerDigests } from './params.ts';
import { recreateMissing } from './recreate.ts';
import { latestRotation } from './run-step.ts';
import { staleRunners } from '../pipe/index.ts';
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
  DeleteIntent,
  EngineState,
  Execution,
  ExecutionStatus,
  InventoryItem,
  PlanStatus,
  SyncInput,
  SyncOutput,
} from './types.ts';
import { Conditions } from './conditions.ts';
import { pruneStale, rotationPending, staleItems } from './stale.ts';
import { advance, markReachedFromChildren, RUN_TO_COMPLETION } from './advance.ts';
import type { Rendered, StepState } from './advance.ts';
import { withProvenance } from './run-step.ts';
import { buildPlanStatus, carryPlanStatus } from './plan-status.ts';

const RUNNING = new Set<ExecutionStatus>(['PENDING', 'IN_PROGRESS', 'ERROR']);
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
      rotation: latestRotation(state.rotations ?? [], `${item.kind}/${item.name}`),
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
