// The smallest useful view of a Kubernetes object as JSON. The engine, the hook
// wire and the simulator all pass objects around as plain JSON values; these
// helpers read the few fields they need without trusting the shape.
import { cloneJson } from '../model/clone.ts';

/** A JSON value as it crosses the wire. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A Kubernetes object: a JSON object with at least apiVersion, kind and metadata. */
export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: KMetadata;
  [field: string]: unknown;
}

export interface KMetadata {
  name?: string;
  namespace?: string;
  uid?: string;
  generation?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [field: string]: unknown;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when `value` has the fields every Kubernetes object has. */
export function isKObject(value: unknown): value is KObject {
  return (
    isRecord(value) &&
    typeof value.apiVersion === 'string' &&
    typeof value.kind === 'string' &&
    isRecord(value.metadata)
  );
}

/** Reads a nested field (`get(obj, 'status', 'phase')`); undefined when any step is missing. */
export function getPath(value: unknown, ...path: (string | number)[]): unknown {
  let cur: unknown = value;
  for (const key of path) {
    if (typeof key === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[key];
    } else {
      if (!isRecord(cur)) return undefined;
      cur = cur[key];
    }
  }
  return cur;
}

/** A number field, or undefined when absent or not a number. */
export function getNumber(value: unknown, ...path: string[]): number | undefined {
  const v = getPath(value, ...path);
  return typeof v === 'number' ? v : undefined;
}

/** A string field, or undefined when absent or not a string. */
export function getString(value: unknown, ...path: string[]): string | undefined {
  const v = getPath(value, ...path);
  return typeof v === 'string' ? v : undefined;
}

/** A deep copy of a JSON value (objects from the wire hold nothing else). */
export { cloneJson };
