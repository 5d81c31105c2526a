// Stage 3 (with recovery), read the inputs a plan starts with: the effective
// parameter values, their trigger digests, and the problems that stop any
// plan from starting (undeclared, missing or ill-typed parameters).

import { isRecord } from '../kobject.ts';
import type { Inputs } from './execution.ts';
import type { OperatorVersionView } from './ov.ts';
import { checkParameters, effectiveValues, triggerDigests } from './params.ts';
import type { Request } from './request.ts';

export function readInputs(
  req: Request,
  ov: OperatorVersionView,
): { inputs: Inputs; problems: string[] } {
  const specParams = isRecord(req.spec.parameters) ? req.spec.parameters : {};
  const values = effectiveValues(ov, specParams);
  const digests = triggerDigests(ov, values);
  return {
    inputs: { values, digests, now: { operatorVersion: req.ovName, digests } },
    problems: checkParameters(ov, specParams),
  };
}
