// Error codes of the Metacontroller hook wire. Metacontroller treats every
// non-200 answer the same way (nothing applied, retried with backoff), so the
// status only helps people reading logs: 400 for a request Maestro cannot read,
// 500 for a response Maestro refuses to send. The integrator spreads this table
// into errorCatalogue (src/errors.ts); docs/metacontroller.md lists each code.

export const hookWireErrors = {
  MAESTRO_HOOK_BAD_REQUEST: {
    status: 400,
    summary:
      'A hook request does not have the shape Metacontroller sends; the message names the field.',
  },
  MAESTRO_HOOK_BAD_KEY: {
    status: 400,
    summary: 'A children or related key is not `Kind.version` or `Kind.group/version`.',
  },
  MAESTRO_HOOK_BAD_RESPONSE: {
    status: 500,
    summary:
      'Maestro refused to send a hook response that would damage children: no status, a child without a name, or a duplicate child.',
  },
} as const;

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
