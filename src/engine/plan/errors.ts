// The plan engine's error: a code from its table in src/errors.ts (the one
// catalogue every layer reads) and the HTTP status the hook answers with.

import { planEngineErrors } from '../../errors.ts';

export { planEngineErrors };
export type PlanEngineErrorCode = keyof typeof planEngineErrors;

export class PlanEngineError extends Error {
  override name = 'PlanEngineError';
  readonly code: PlanEngineErrorCode;
  readonly statusCode: number;
  constructor(code: PlanEngineErrorCode, message: string) {
    super(message);
    this.code = code;
    this.statusCode = planEngineErrors[code].status;
  }
}
