// Reading `status.conditions`, the list most Kubernetes kinds share.
import { getPath, isRecord } from '../kobject.ts';

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** The condition of that type, or undefined. */
export function findCondition(obj: unknown, type: string): Condition | undefined {
  const list = getPath(obj, 'status', 'conditions');
  if (!Array.isArray(list)) return undefined;
  for (const c of list) {
    if (isRecord(c) && c.type === type && typeof c.status === 'string')
      return c as unknown as Condition;
  }
  return undefined;
}

export function conditionIs(obj: unknown, type: string, status: string): boolean {
  return findCondition(obj, type)?.status === status;
}

/** ` (reason: message)` from a condition, or '' when it says nothing. */
export function conditionDetail(c: Condition | undefined): string {
  if (!c) return '';
  const parts = [c.reason, c.message].filter((p): p is string => typeof p === 'string' && p !== '');
  return parts.length > 0 ? ` (${parts.join(': ')})` : '';
}
