// Error codes of the plan engine and its hooks. The engine itself reports
// almost everything in status (a failed step, a condition); these are the
// cases where the only safe answer is a 5xx that changes nothing.

export const planEngineErrors = {
  MAESTRO_SYNC_PARENT_VERSION: {
    status: 500,
    summary:
      'The sync hook got a parent that is not maestro.dev/v1; run the CompositeController on v1 (maestro manifests does), whose status schema holds the bookkeeping.',
  },
  MAESTRO_SYNC_FAILED: {
    status: 500,
    summary:
      'The plan engine failed unexpectedly; nothing was applied. The message names the instance; the server log has the details.',
  },
} as const;

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
