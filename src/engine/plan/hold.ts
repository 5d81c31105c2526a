// Stage 2, hold back: the requests on which no plan may progress. A label that
// stopped matching, a missing OperatorVersion, a deletion that waits for the
// garbage collector or has no cleanup to run: every observed child is echoed
// (minus the input's delete intents), the bookkeeping is carried, and a
// condition says why.

import { condition, Conditions } from './conditions.ts';
import type { ConditionSet } from './conditions.ts';
import { requestedDeletes } from './intents.ts';
import { viewOperatorVersion } from './ov.ts';
import type { OperatorVersionView } from './ov.ts';
import { SKIP_CLEANUP_ANNOTATION } from './request.ts';
import type { Request } from './request.ts';
import type { SyncOutput } from './types.ts';

export type Admission =
  { kind: 'run'; ov: OperatorVersionView } | { kind: 'hold'; output: SyncOutput };

export function holdBack(req: Request): Admission {
  const { namespace } = req.instance;
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
    );
  }
  if (req.deleting && (req.skipCleanup || !ov.plans.has('cleanup'))) {
    return hold(req, true, undefined, [
      'Deleting',
      req.skipCleanup ? `cleanup skipped (${SKIP_CLEANUP_ANNOTATION})` : 'no cleanup plan',
    ]);
  }
  return { kind: 'run', ov };
}

function hold(
  req: Request,
  finalized: boolean,
  why: ConditionSet | undefined,
  ready: [string, string],
): Admission {
  const conds = new Conditions(req.inputConditions, req.nowIso);
  for (const c of [...req.conditions, ...(why ? [why] : [])])
    conds.set(c.type, c.status, c.reason, c.message);
  conds.set('Ready', 'False', ready[0], ready[1]);
  const leaveOut = requestedDeletes(req);
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
