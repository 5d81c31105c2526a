// Error codes of the Metacontroller hook wire. Metacontroller treats every
// non-200 answer the same way (nothing applied, retried with backoff), so the
// status only helps people reading logs: 400 for a request Maestro cannot read,
// 500 for a response Maestro refuses to send. The table itself lives in the
// catalogue (src/errors.ts) with every other area's; docs/errors.md lists it.
import { hookWireErrors } from '../../../errors.ts';

export { hookWireErrors };

export type HookWireErrorCode = keyof typeof hookWireErrors;

/** An error of the hook wire; `field` is the JSON path it is about. */
export class HookWireError extends Error {
  override name = 'HookWireError';
  readonly code: HookWireErrorCode;
  readonly statusCode: number;
  readonly field: string;

  constructor(code: HookWireErrorCode, field: string, message: string) {
    super(`${field}: ${message}`);
    this.code = code;
    this.statusCode = hookWireErrors[code].status;
    this.field = field;
  }
}
