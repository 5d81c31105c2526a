// Health of one observed child. `healthy` says whether a step may count it as
// done; `terminal` says that waiting longer cannot help (a failed Job), so the
// step fails at once instead of at its deadline. `reason` is for people: it
// names the child and the cause, and goes into step messages as it is.

export interface HealthResult {
  healthy: boolean;
  terminal?: 'failed';
  reason: string;
}

/** v1's declared checks (kudo#1518): every listed condition holds... */
export interface ConditionsCheck {
  conditions: { type: string; status: string }[];
}

/** ...or one field equals a value. `fieldPath` is `status.phase`, `.status.items[0].ready` or `metadata.annotations['a/b']`. */
export interface FieldCheck {
  fieldPath: string;
  equals: unknown;
}

export type HealthCheck = ConditionsCheck | FieldCheck;

export const healthy = (reason: string): HealthResult => ({ healthy: true, reason });
export const waiting = (reason: string): HealthResult => ({ healthy: false, reason });
export const failed = (reason: string): HealthResult => ({
  healthy: false,
  terminal: 'failed',
  reason,
});
