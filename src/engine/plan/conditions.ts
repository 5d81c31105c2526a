// Instance conditions as the engine writes them: a condition's
// lastTransitionTime changes only when its status does, so re-running a sync
// on its own output is a fixpoint (scenario 12e).

import type { Condition } from './types.ts';

/** Conditions with lastTransitionTime kept while their status is unchanged. */
export class Conditions {
  readonly #input: Map<string, Condition>;
  readonly #out = new Map<string, Condition>();
  readonly #now: string;
  constructor(input: Condition[], now: string) {
    this.#input = new Map(input.map((c) => [c.type, c]));
    this.#now = now;
  }
  set(type: string, status: 'True' | 'False', reason: string, message: string): void {
    const before = this.#input.get(type);
    const lastTransitionTime =
      before && before.status === status && before.lastTransitionTime
        ? before.lastTransitionTime
        : this.#now;
    // The CRD caps a condition message at 32768 characters.
    const capped = message.length > 32_000 ? `${message.slice(0, 32_000)}…` : message;
    this.#out.set(type, { type, status, lastTransitionTime, reason, message: capped });
  }
  has(type: string): boolean {
    return this.#out.has(type);
  }
  list(): Condition[] {
    // Ready first, then by type: a stable order.
    return [...this.#out.values()].sort((a, b) =>
      a.type === 'Ready' ? -1 : b.type === 'Ready' ? 1 : a.type < b.type ? -1 : 1,
    );
  }
}

/** A condition a stage reports; the status stage writes them in order. */
export interface ConditionSet {
  type: string;
  status: 'True' | 'False';
  reason: string;
  message: string;
}

/** What a stage found besides its output: conditions to set and notes for logs. */
export interface Findings {
  conditions: ConditionSet[];
  notes: string[];
}

export const condition = (
  type: string,
  status: 'True' | 'False',
  reason: string,
  message: string,
): ConditionSet => ({ type, status, reason, message });
