// What admission decides about one object, before it is put on the wire.
import type { ErrorCode } from '../../errors.ts';
// `mutated` is Maestro's mutated copy of request.object (mutating webhook only).

export type Decision =
  | { allowed: true; warnings: string[]; mutated?: unknown }
  | { allowed: false; code: number; message: string; warnings: string[]; errorCode?: ErrorCode };

export const allow = (warnings: string[] = [], mutated?: unknown): Decision =>
  mutated === undefined ? { allowed: true, warnings } : { allowed: true, warnings, mutated };

/** A denial the user can fix: a 4xx code and a message that says what to do. */
export const deny = (code: number, message: string, warnings: string[] = []): Decision => ({
  allowed: false,
  code,
  message,
  warnings,
});

/** Maestro could not decide (a lookup failed, a bug): code 500, still a denial, never a guess. */
export const internal = (
  message: string,
  errorCode: ErrorCode = 'MAESTRO_INTERNAL',
  warnings: string[] = [],
): Decision => ({
  allowed: false,
  code: 500,
  message,
  warnings,
  errorCode,
});
