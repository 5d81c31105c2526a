// Stage 2, hold back: the requests on which no plan may progress. A label that
// stopped matching, a missing OperatorVersion, a deletion that waits for the
// garbage collector or has no cleanup to run: every observed child is echoed
// (minus the input's delete intents), the bookkeeping is carried, and a
// condition says why.

import { condition, Conditions } from './conditions.ts';
import type { ConditionSet } from './conditions.ts';
import { checkIntents, requestedDeletes } from './intents.ts';
import { isRecord } from '../kobject.ts';
import { effectiveValues } from './params.ts';
import { viewOperatorVersion } from './ov.ts';
import type { OperatorVersionView } from './ov.ts';
import { SKIP_CLEANUP_ANNOTATION } from './request.ts';
import type { Request } from './request.ts';
import type { PlanStatus, SyncOutput } from './types.ts';

export type Admission =
  { kind: 'run'; ov: OperatorVersionView } | { kind: 'hold'; output: SyncOutput };

export function holdBack(req: Request): Admission {
  const namespace = req.ovNamespace;
  // A label stopped matching: Metacontroller calls finalize without a delete.
  if (req.finalizing && !req.deleting) {
    return hold(
      req,
      true,
      condition(
        'Unmanaged',
        'True',
        'SelectorMismatch',
        'the Instance no longer matches the CompositeController parentResource.labelSelector; children are kept as they are',
      ),
      ['Unmanaged', 'the Instance is not managed by this controller'],
    );
  }
  // A ClusterInstance without spec.namespace (admission requires it): its
  // namespaced children would have nowhere to go.
  if (req.instance.clusterParent === true && req.instance.namespace === '') {
    return hold(
      req,
      true,
      condition(
        'InvalidSpec',
        'True',
        'NamespaceMissing',
        'the ClusterInstance has no spec.namespace, the namespace of its namespaced children; children are kept as they are and nothing runs until it is set [MAESTRO_CLUSTER_INSTANCE_NAMESPACE]',
      ),
      ['InvalidSpec', 'spec.namespace is missing'],
    );
  }
  const ovObject = req.operatorVersion;
  if (!ovObject || (ovObject.metadata.name ?? '') !== req.ovName) {
    return hold(
      req,
      false,
      condition(
        'OperatorVersionMissing',
        'True',
        'NotFound',
        `OperatorVersion ${namespace}/${req.ovName} is not in the request; the customize hook asks for it, so it probably does not exist. Children are kept; nothing runs until it exists`,
      ),
      ['OperatorVersionMissing', `OperatorVersion ${req.ovName} not found`],
    );
  }
  const ov = viewOperatorVersion(ovObject as unknown as Record<string, unknown>);
  if (req.deleting && req.gcFinalizers.length > 0) {
    return hold(
      req,
      false,
      condition(
        'WaitingForGarbageCollector',
        'True',
        'GarbageCollectorFinalizer',
        `waiting for the garbage collector (${req.gcFinalizers.join(', ')}) before cleanup can run`,
      ),
      ['Deleting', 'waiting for the garbage collector'],
      ov,
    );
  }
  if (req.deleting && req.skipCleanup) {
    return hold(
      req,
      true,
      undefined,
      ['Deleting', `cleanup skipped (${SKIP_CLEANUP_ANNOTATION})`],
      ov,
    );
  }
  const foreign = foreignOperator(req, ov);
  if (foreign) return foreign;
  if (req.deleting && !ov.plans.has('cleanup'))
    return hold(req, true, undefined, ['Deleting', 'no cleanup plan'], ov);
  return { kind: 'run', ov };
}

/**
 * An Instance runs only its own operator: the OperatorVersion's
 * spec.operator.name must be the Instance's `maestro.dev/operator` label and
 * the operator the controller serves. Otherwise nothing of the
 * OperatorVersion runs: every observed child is echoed as it is (no delete
 * intent is honoured), the plan shows FATAL_ERROR, and a condition says why.
 * The bookkeeping is carried, so pointing spec.operatorVersion back at an
 * OperatorVersion of the right operator resumes where it stood.
 */
function foreignOperator(req: Request, ov: OperatorVersionView): Admission | undefined {
  const { label, controller } = req.operator;
  const theirs = ov.operatorName;
  const wrong: string[] = [];
  if (label !== undefined && label !== theirs)
    wrong.push(`the Instance's maestro.dev/operator label is "${label}"`);
  if (controller !== undefined && controller !== theirs)
    wrong.push(`the CompositeController serves operator "${controller}"`);
  if (wrong.length === 0) return undefined;
  const message = `OperatorVersion ${req.ovNamespace}/${req.ovName} belongs to operator "${theirs}", but ${wrong.join(' and ')}; nothing of it runs and every child is kept as it is. Point spec.operatorVersion at an OperatorVersion of operator "${label ?? controller}" [MAESTRO_OPERATOR_MISMATCH]`;
  const plan = req.state.execution?.plan ?? 'deploy';
  const before = req.inputPlanStatus[plan];
  const failed: PlanStatus = {
    ...(before ?? { name: plan, phases: [] }),
    name: plan,
    status: 'FATAL_ERROR',
    message,
    lastUpdatedTimestamp:
      before?.status === 'FATAL_ERROR' && before.message === message
        ? (before.lastUpdatedTimestamp ?? null)
        : req.nowIso,
  };
  const conds = new Conditions(req.inputConditions, req.nowIso);
  for (const c of req.conditions) conds.set(c.type, c.status, c.reason, c.message);
  conds.set('OperatorMismatch', 'True', 'ForeignOperatorVersion', message);
  conds.set(
    'Ready',
    'False',
    'OperatorMismatch',
    `OperatorVersion ${req.ovName} belongs to operator ${theirs}`,
  );
  return {
    kind: 'hold',
    output: {
      children: [...req.observed.values()].map((o) => o.echo),
      status: {
        planStatus: { ...req.inputPlanStatus, [plan]: failed },
        conditions: conds.list(),
        maestro: req.state,
      },
      ...(req.finalizing && { finalized: false }),
      notes: [...req.notes, message],
    },
  };
}

function hold(
  req: Request,
  finalized: boolean,
  why: ConditionSet | undefined,
  ready: [string, string],
  ov?: OperatorVersionView,
): Admission {
  const checked = checkIntents(req, ov, req.state, () =>
    ov ? effectiveValues(ov, isRecord(req.spec.parameters) ? req.spec.parameters : {}) : {},
  );
  const conds = new Conditions(req.inputConditions, req.nowIso);
  for (const c of [...req.conditions, ...(why ? [why] : []), ...checked.conditions])
    conds.set(c.type, c.status, c.reason, c.message);
  conds.set('Ready', 'False', ready[0], ready[1]);
  const leaveOut = requestedDeletes(req, checked.accounted);
  return {
    kind: 'hold',
    output: {
      children: [...req.observed.values()].filter((o) => !leaveOut.has(o.key)).map((o) => o.echo),
      status: {
        planStatus: req.inputPlanStatus,
        conditions: conds.list(),
        maestro: req.state,
      },
      ...(req.state.deleteIntents.length > 0 && { resyncAfterSeconds: 1 }),
      ...(req.finalizing && { finalized }),
      notes: req.notes,
    },
  };
}
