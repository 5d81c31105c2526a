// Metacontroller's dynamic apply (contracts.md §1.6), emulated: a client-side
// three-way merge in the style of `kubectl apply`, with no type knowledge.
//  - Object fields: a field present in last-applied but absent from desired is
//    removed; every desired field is merged in; other observed fields stay.
//  - Lists: merged as maps when every item (observed, last-applied, desired)
//    is an object and all share one of the keys containerPort, port,
//    mountPath, name, uid, ip, path (first wins); other lists are replaced.
//  - A desired scalar replaces whatever is there.
// Then metadata system fields and .status are reverted to the observed ones,
// and the desired body becomes the new last-applied annotation.

import { isRecord } from '../engine/kobject.ts';
import type { KObject } from '../engine/kobject.ts';
import { LAST_APPLIED_ANNOTATION } from '../engine/provenance.ts';
import { serverSetMetadata } from '../engine/system-metadata.ts';

export class MergeError extends Error {
  override name = 'MergeError';
}

/** The merged object: `observed` with the change from `lastApplied` to `desired` applied. */
export function threeWayMerge(observed: unknown, lastApplied: unknown, desired: unknown): unknown {
  return merge('', structuredClone(observed), lastApplied, desired);
}

function merge(path: string, dest: unknown, last: unknown, desired: unknown): unknown {
  if (isRecord(dest)) {
    if (last != null && !isRecord(last))
      throw new MergeError(`lastApplied${path}: expected an object`);
    if (desired != null && !isRecord(desired))
      throw new MergeError(`desired${path}: expected an object`);
    return mergeObject(path, dest, last ?? undefined, desired ?? undefined);
  }
  if (Array.isArray(dest)) {
    if (last != null && !Array.isArray(last))
      throw new MergeError(`lastApplied${path}: expected a list`);
    if (desired != null && !Array.isArray(desired))
      throw new MergeError(`desired${path}: expected a list`);
    const key = listMapKey([
      dest,
      (last as unknown[] | null) ?? [],
      (desired as unknown[] | null) ?? [],
    ]);
    if (key === undefined) return desired;
    return mergeListMap(
      path,
      key,
      dest,
      (last as unknown[] | null) ?? [],
      (desired as unknown[] | null) ?? [],
    );
  }
  return desired;
}

function mergeObject(
  path: string,
  dest: Record<string, unknown>,
  last: Record<string, unknown> | undefined,
  desired: Record<string, unknown> | undefined,
): Record<string, unknown> {
  for (const key of Object.keys(last ?? {})) {
    if (!desired || !(key in desired)) delete dest[key];
  }
  for (const [key, value] of Object.entries(desired ?? {})) {
    dest[key] = merge(`${path}[${key}]`, dest[key], last?.[key], value);
  }
  return dest;
}

const mergeKeys = ['containerPort', 'port', 'mountPath', 'name', 'uid', 'ip', 'path'];

function listMapKey(lists: unknown[][]): string | undefined {
  let common: Set<string> | undefined;
  for (const list of lists) {
    for (const item of list) {
      if (!isRecord(item)) return undefined;
      if (!common) common = new Set(Object.keys(item));
      else for (const k of [...common]) if (!(k in item)) common.delete(k);
    }
  }
  return common ? mergeKeys.find((k) => common.has(k)) : undefined;
}

function keyOf(item: unknown, key: string): string {
  const v = (item as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function mergeListMap(
  path: string,
  key: string,
  dest: unknown[],
  last: unknown[],
  desired: unknown[],
): unknown[] {
  const toMap = (list: unknown[]) => Object.fromEntries(list.map((i) => [keyOf(i, key), i]));
  const destMap = toMap(dest);
  mergeObject(path, destMap, toMap(last), toMap(desired));
  // Keep observed order first, then new desired items in their order.
  const out: unknown[] = [];
  const added = new Set<string>();
  for (const item of [...dest, ...desired]) {
    const k = keyOf(item, key);
    if (!added.has(k) && k in destMap) {
      out.push(destMap[k]);
      added.add(k);
    }
  }
  return out;
}

/** A desired body without the last-applied annotation (Metacontroller never stores it inside itself). */
export function withoutLastApplied(desired: KObject): KObject {
  const copy = structuredClone(desired);
  const ann = copy.metadata.annotations;
  if (isRecord(ann) && LAST_APPLIED_ANNOTATION in ann) {
    const { [LAST_APPLIED_ANNOTATION]: _, ...rest } = ann;
    copy.metadata.annotations = rest;
  }
  return copy;
}

/** The last-applied body recorded on an observed child, or undefined. */
export function lastAppliedOf(observed: KObject): unknown {
  const raw = observed.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  if (typeof raw !== 'string' || raw === '') return undefined;
  return JSON.parse(raw) as unknown;
}

/**
 * The full object Metacontroller would PUT for an update: the merge, with
 * system metadata and status reverted to the observed ones, and the desired
 * body recorded as the new last-applied configuration.
 */
export function applyUpdate(observed: KObject, desired: KObject): KObject {
  const update = withoutLastApplied(desired);
  const merged = threeWayMerge(observed, lastAppliedOf(observed), update) as KObject;
  for (const field of serverSetMetadata) {
    if (field in observed.metadata)
      merged.metadata[field] = structuredClone(observed.metadata[field]);
    else delete merged.metadata[field];
  }
  if ('status' in observed) merged.status = structuredClone(observed.status);
  else delete merged.status;
  merged.metadata.annotations = {
    ...(merged.metadata.annotations ?? {}),
    [LAST_APPLIED_ANNOTATION]: JSON.stringify(update),
  };
  return merged;
}

/** The object Metacontroller POSTs on create: desired, its own last-applied record, and the controller ref. */
export function prepareCreate(desired: KObject, controllerRef: Record<string, unknown>): KObject {
  const body = withoutLastApplied(desired);
  const obj = structuredClone(body);
  obj.metadata.annotations = {
    ...(obj.metadata.annotations ?? {}),
    [LAST_APPLIED_ANNOTATION]: JSON.stringify(body),
  };
  const refs = Array.isArray(obj.metadata.ownerReferences) ? obj.metadata.ownerReferences : [];
  obj.metadata.ownerReferences = [...refs, controllerRef];
  return obj;
}
