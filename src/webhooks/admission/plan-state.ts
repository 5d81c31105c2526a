// Which plan an Instance has scheduled or running, read from spec and status.
// KUDO's webhook cleared spec.planExecution when a plan ended, through the
// status it saw; Maestro's engine writes only status (Metacontroller cannot
// write spec), so a planExecution stays in spec after its plan ran. It counts
// as scheduled only while no status shows it consumed or finished.
import { createHash } from 'node:crypto';

export interface PlanExecution {
  planName?: string;
  uid?: string;
  status?: string;
}

interface PlanStatusEntry {
  status?: string;
  uid?: string;
}

export interface InstanceLike {
  metadata?: {
    name?: string;
    generateName?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    deletionTimestamp?: string | null;
    [k: string]: unknown;
  };
  spec?: {
    operatorVersion?: { name?: string; namespace?: string };
    parameters?: Record<string, unknown>;
    planExecution?: PlanExecution;
    planControl?: Record<string, unknown>;
    [k: string]: unknown;
  };
  status?: {
    planStatus?: Record<string, PlanStatusEntry>;
    maestro?: {
      execution?: { plan?: string; status?: string; uid?: string };
      consumedPlanExecutions?: string[];
    };
    [k: string]: unknown;
  };
}

const RUNNING = new Set(['PENDING', 'IN_PROGRESS', 'ERROR']);
const TERMINAL = new Set(['COMPLETE', 'FATAL_ERROR']);

export const isRunning = (s: string | undefined): boolean => s !== undefined && RUNNING.has(s);
export const isTerminal = (s: string | undefined): boolean => s !== undefined && TERMINAL.has(s);

/** True when status shows that the planExecution with this uid already started or ended. */
function consumed(instance: InstanceLike, uid: string | undefined): boolean {
  if (!uid) return false;
  const m = instance.status?.maestro;
  if (m?.consumedPlanExecutions?.includes(uid)) return true;
  if (m?.execution?.uid === uid) return true;
  return Object.values(instance.status?.planStatus ?? {}).some(
    (p) => p?.uid === uid && (isTerminal(p.status) || isRunning(p.status)),
  );
}

/** The plan scheduled by spec and not yet picked up by the engine, if any. */
export function scheduledPlan(instance: InstanceLike): string | undefined {
  const pe = instance.spec?.planExecution;
  if (!pe?.planName || isTerminal(pe.status) || consumed(instance, pe.uid)) return undefined;
  return pe.planName;
}

/** The plan the engine reports running (PENDING, IN_PROGRESS or ERROR), if any. */
export function runningPlan(instance: InstanceLike): string | undefined {
  const exec = instance.status?.maestro?.execution;
  if (exec?.plan && isRunning(exec.status)) return exec.plan;
  if (exec?.plan && isTerminal(exec.status)) return undefined;
  const running = Object.entries(instance.status?.planStatus ?? {})
    .filter(([, p]) => isRunning(p?.status))
    .map(([name]) => name)
    .sort();
  return running[0];
}

/** KUDO's "has a scheduled plan": scheduled in spec, or running per status. */
export function activePlan(instance: InstanceLike): string | undefined {
  return scheduledPlan(instance) ?? runningPlan(instance);
}

/** The status of the latest execution (for retry and abort), if any. */
export function latestExecutionStatus(instance: InstanceLike): string | undefined {
  const exec = instance.status?.maestro?.execution;
  if (exec?.status) return exec.status;
  const statuses = Object.values(instance.status?.planStatus ?? {}).map((p) => p?.status);
  if (statuses.some(isRunning)) return statuses.find(isRunning);
  if (statuses.includes('FATAL_ERROR')) return 'FATAL_ERROR';
  return undefined;
}

/**
 * The uid Maestro writes into spec.planExecution. Derived, never random: from
 * the instance and the version being updated, so the validating webhook
 * recognises what the mutating webhook wrote for the same update.
 */
export function derivedPlanUid(old: InstanceLike, plan: string): string {
  const m = old.metadata ?? {};
  const parts = ['update', m.uid ?? '', m.resourceVersion ?? '', plan];
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  // Shaped like a UUID (version nibble 5, variant 10) so tools that expect one accept it.
  const v = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${v}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
