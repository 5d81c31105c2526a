// Stage: honour the delete intents of the input status. Deletes take two
// phases: a sync records an intent and still emits the child; a later sync
// whose *input* status holds the intent leaves the child out. Prune intents
// are honoured only while their child is still stale and no plan runs.

import { identityKey } from '../identity.ts';
import type { OperatorVersionView } from './ov.ts';
import { PRUNE_REASON } from './request.ts';
import type { Request } from './request.ts';
import { staleItems } from './stale.ts';
import type { EngineState } from './types.ts';

export interface Honoured {
  /** Keys of the observed children this sync leaves out. */
  leaveOut: ReadonlySet<string>;
  /** Keys of the inventory items the OperatorVersion no longer renders. */
  staleNow: ReadonlySet<string>;
}

/** The input intents that leave their child out whatever the plans do (all but prunes). */
export function requestedDeletes(req: Request): Set<string> {
  return new Set(
    (req.inputState?.deleteIntents ?? []).filter((i) => i.reason !== PRUNE_REASON).map(identityKey),
  );
}

export function honourIntents(
  req: Request,
  ov: OperatorVersionView,
  state: EngineState,
  running: boolean,
): Honoured {
  const leaveOut = requestedDeletes(req);
  const staleNow = new Set(staleItems(state.inventory, ov).map(identityKey));
  if (!running)
    for (const i of req.inputState?.deleteIntents ?? [])
      if (i.reason === PRUNE_REASON && staleNow.has(identityKey(i))) leaveOut.add(identityKey(i));
  return { leaveOut, staleNow };
}
