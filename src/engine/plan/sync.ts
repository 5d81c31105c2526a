// The plan engine: one pure function from a sync request to the desired
// children and the new status (DESIGN.md, "The plan engine"; the revised
// mechanism of reference/plan-engine-scenarios.md). No I/O, no clock but
// `input.now`, no logging. It is a pipeline of stages, each a pure function
// from a typed input to a typed output, in the order docs/plan-engine.md
// describes the mechanism.

import { applyControls } from './controls.ts';
import { assembleChildren } from './assemble.ts';
import { isRunning, openLedger } from './execution.ts';
import { runExecution } from './execute.ts';
import { holdBack } from './hold.ts';
import { readInputs } from './inputs.ts';
import { honourIntents } from './intents.ts';
import { recoverInventory } from './recover.ts';
import { readRequest } from './request.ts';
import { selectPlan } from './select.ts';
import { writeStatus } from './status.ts';
import type { SyncInput, SyncOutput } from './types.ts';

export { executionId } from './execution.ts';
export { SKIP_CLEANUP_ANNOTATION } from './request.ts';

export function sync(input: SyncInput): SyncOutput {
  // 1. Read the request; 2. hold back when no plan may progress.
  const req = readRequest(input);
  const admission = holdBack(req);
  if (admission.kind === 'hold') return admission.output;
  const { ov } = admission;
  // 3. The inputs a plan starts with, and the inventory recovered from provenance.
  const { inputs, problems } = readInputs(req, ov);
  const recovery = recoverInventory(req, inputs);
  // 4. Plan controls; 5. plan selection.
  const controlled = applyControls(req, openLedger(req, ov, recovery.state), recovery.recovered);
  const selected = selectPlan(req, ov, inputs, problems, recovery, controlled.ledger);
  // 6. Delete intents of the input status; 7. advance the execution's steps (rendering them).
  const honoured = honourIntents(
    req,
    ov,
    selected.ledger.state,
    isRunning(selected.ledger.state.execution),
    inputs.values,
  );
  const progress = runExecution(req, ov, inputs, selected.ledger, controlled.intents, honoured);
  // 8. Children, intents and inventory; 9. status.
  const assembled = assembleChildren(req, ov, inputs, progress, honoured);
  return writeStatus(req, ov, {
    ledger: progress.ledger,
    assembled,
    waiting: progress.waiting,
    deadline: progress.deadline,
    findings: [
      req,
      { conditions: recovery.conditions, notes: [] },
      { conditions: [], notes: controlled.notes },
      selected,
      { conditions: honoured.conditions, notes: [] },
      progress,
      assembled,
    ],
  });
}
