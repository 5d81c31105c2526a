// Stage 3, recover the inventory: bookkeeping lost while children carry
// provenance (scenario 2). Children that only this instance's first deploy
// (execution 1, this uid's controller-uid label) made mean its status writes
// are not in the cache yet, which is routine right after create (F1): that
// deploy is continued, or restarted when the inputs changed since it started.
// Anything else with no bookkeeping is a recovery: the inventory is rebuilt
// from the children's provenance and no plan starts by itself.

import { getString } from '../kobject.ts';
import { CONTROLLER_UID_LABEL } from '../provenance.ts';
import { inventoryFrom } from './inventory.ts';
import { condition } from './conditions.ts';
import type { ConditionSet } from './conditions.ts';
import { executionId } from './execution.ts';
import type { Inputs } from './execution.ts';
import type { Request } from './request.ts';
import type { EngineState } from './types.ts';

export interface Recovery {
  state: EngineState;
  /** The inventory was rebuilt from provenance in this sync. */
  recovered: boolean;
  /**
   * The first deploy's children exist but its inputs changed before its status
   * was written: the first deploy (its id as the children show it, if any) is
   * superseded by a second deploy of the current inputs.
   */
  restart: { first: string | undefined } | undefined;
  conditions: ConditionSet[];
}

export function recoverInventory(req: Request, inputs: Inputs): Recovery {
  const { uid } = req.instance;
  const provChildren = [...req.observed.values()].filter((o) => o.provenance !== undefined);
  // The first deploy's parameter snapshot went with the status: if the inputs
  // changed since it started (its readable id no longer matches them), it is
  // not continued with the new inputs, which would fold the change into it
  // and re-render (and re-run) children it already applied. It is superseded
  // by a second deploy of the current inputs instead, whose id is derived and
  // so the same on every sync until a status write lands.
  const firstId = executionId(uid, 1, 'deploy', inputs.now);
  const restartId = executionId(uid, 2, 'deploy', inputs.now);
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
  const restart =
    !req.inputState &&
    onlyFirstSync &&
    provChildren.some((o) => o.provenance!.execution !== firstId)
      ? { first: firstIds[0] }
      : undefined;
  let state = req.state;
  let recovered = false;
  if (!req.inputState && provChildren.length > 0 && !onlyFirstSync) {
    recovered = true;
    const pe = getString(req.spec, 'planExecution', 'uid');
    state = {
      ...state,
      sequence: 1,
      baseline: { operatorVersion: req.ovName, digests: inputs.digests },
      ...(pe && { consumedPlanExecutions: [pe] }),
      recoveredFrom: `provenance of ${provChildren.length} children`,
      inventory: provChildren.map((o) => inventoryFrom(o.echo, o.object.apiVersion, undefined)),
    };
  }
  const conditions = state.recoveredFrom
    ? [
        condition(
          'Recovered',
          'True',
          'BookkeepingLost',
          `status.maestro was missing; the inventory was rebuilt from the ${state.recoveredFrom} and no plan was started`,
        ),
      ]
    : [];
  return { state, recovered, restart, conditions };
}
