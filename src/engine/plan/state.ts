// Reading and writing the bookkeeping in status.maestro, tolerant of anything:
// status is a cache that may be stale, partial, pruned or gone.

import { isRecord } from '../kobject.ts';
import type {
  Condition,
  DeleteIntent,
  EngineState,
  Execution,
  ExecutionStatus,
  HistoryItem,
  InventoryItem,
  PlanStatus,
  Rotation,
} from './types.ts';
import { setOwn } from '../../model/clone.ts';

const statuses = new Set([
  'NEVER_RUN',
  'PENDING',
  'IN_PROGRESS',
  'COMPLETE',
  'ERROR',
  'FATAL_ERROR',
]);

export function asStatus(v: unknown, d: ExecutionStatus = 'PENDING'): ExecutionStatus {
  return typeof v === 'string' && statuses.has(v) ? (v as ExecutionStatus) : d;
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

const records = <T>(v: unknown): T[] =>
  Array.isArray(v) ? (v.filter(isRecord) as unknown as T[]) : [];

/** The bookkeeping of an input status, or undefined when there is none (never synced, or lost). */
export function readState(status: unknown): EngineState | undefined {
  const m = isRecord(status) ? status.maestro : undefined;
  if (!isRecord(m) || typeof m.sequence !== 'number' || m.sequence < 1) return undefined;
  const execution =
    isRecord(m.execution) && typeof m.execution.id === 'string'
      ? ({
          ...(m.execution as unknown as Execution),
          status: asStatus(m.execution.status),
          steps: records(m.execution.steps),
        } satisfies Execution)
      : undefined;
  const baseline = isRecord(m.baseline)
    ? {
        operatorVersion:
          typeof m.baseline.operatorVersion === 'string' ? m.baseline.operatorVersion : '',
        digests: (isRecord(m.baseline.digests) ? m.baseline.digests : {}) as Record<string, string>,
      }
    : undefined;
  return {
    ...(typeof m.observedGeneration === 'number' && { observedGeneration: m.observedGeneration }),
    sequence: m.sequence,
    ...(baseline && { baseline }),
    consumedPlanExecutions: strings(m.consumedPlanExecutions),
    consumedControls: strings(m.consumedControls),
    ...(execution && { execution }),
    inventory: records<InventoryItem>(m.inventory),
    deleteIntents: records<DeleteIntent>(m.deleteIntents),
    history: records<HistoryItem>(m.history),
    ...(typeof m.recoveredFrom === 'string' && { recoveredFrom: m.recoveredFrom }),
    ...(Array.isArray(m.rotations) && {
      rotations: records<Rotation>(m.rotations).filter((r) => typeof r.uid === 'string'),
    }),
    ...(isRecord(m.pruneRejected) &&
      typeof m.pruneRejected.uid === 'string' && {
        pruneRejected: {
          uid: m.pruneRejected.uid,
          message: String(m.pruneRejected.message ?? ''),
        },
      }),
  };
}

export function readPlanStatus(status: unknown): Record<string, PlanStatus> {
  const ps = isRecord(status) ? status.planStatus : undefined;
  if (!isRecord(ps)) return {};
  const out: Record<string, PlanStatus> = {};
  // setOwn: a plan named "__proto__" in a request's status must not become out's prototype.
  for (const [k, v] of Object.entries(ps)) if (isRecord(v)) setOwn(out, k, v);
  return out;
}

export function readConditions(status: unknown): Condition[] {
  return records<Condition>(isRecord(status) ? status.conditions : undefined);
}

/** RFC 3339 with second precision, as Kubernetes writes timestamps. */
export function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function parseTime(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

/** Keeps the newest `limit` entries of a list whose newest entries are last. */
export function capped<T>(list: T[], limit: number): T[] {
  return list.length > limit ? list.slice(list.length - limit) : list;
}
