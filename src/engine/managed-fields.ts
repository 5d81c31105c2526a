// Recovering the body Metacontroller last applied under server-side apply
// (`--apply-strategy=server-side-apply`). There is no last-applied annotation
// then; instead the API server records, in `metadata.managedFields`, the set of
// fields each manager's apply configuration contained. The entry of manager
// `metacontroller` (its `--apply-strategy-ssa-field-manager`) with
// `operation: Apply` lists exactly the fields of the body Maestro returned, and
// the values at those fields in the live object are the applied values (a
// forced apply owns them; nobody else can have changed them without taking
// them over). Extracting those fields from the observed object gives the body
// back, without the fields the server defaulted or others wrote.
//
// The FieldsV1 encoding (structured-merge-diff, mirrored in
// apimachinery's FieldsV1 doc comment) is a trie as JSON: each key is
//   `f:<name>`  a field of a struct or a key of a map,
//   `k:<json>`  an item of an associative list, by its key fields,
//   `v:<json>`  an item of a set, by its exact value,
//   `i:<index>` an item of a list, by position,
//   `.`         the node itself;
// a key mapping to `{}` means that whole field (value) is in the set.
// The server never records apiVersion, kind, metadata.name or
// metadata.namespace (its strip set), so those are taken from the object.
// A controller reference in the entry is Metacontroller's (it claims the
// child in the applied body) and is left out.

import { jsonEqual } from './canonical-json.ts';
import { setOwn } from '../model/clone.ts';
import { cloneJson, isRecord } from './kobject.ts';
import type { KObject } from './kobject.ts';

/** Metacontroller's default `--apply-strategy-ssa-field-manager`. */
export const DEFAULT_FIELD_MANAGER = 'metacontroller';

export type FieldsV1 = Record<string, unknown>;

export interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  apiVersion?: string;
  fieldsType?: string;
  fieldsV1?: FieldsV1;
  subresource?: string;
  time?: string;
}

export type Extracted =
  | { ok: true; body: KObject; entry: ManagedFieldsEntry }
  | {
      ok: false;
      /** absent: no Apply entry for the manager; invalid: an unreadable entry; missing: owned fields not observed. */
      problem: 'absent' | 'invalid' | 'missing';
      reason: string;
    };

/** The `Apply` entry of `manager` on the main resource (not a subresource), if any. */
export function findApplyEntry(obj: KObject, manager: string): ManagedFieldsEntry | undefined {
  const list = obj.metadata.managedFields;
  if (!Array.isArray(list)) return undefined;
  for (const e of list) {
    if (!isRecord(e)) continue;
    if (e.manager === manager && e.operation === 'Apply' && !e.subresource)
      return e as ManagedFieldsEntry;
  }
  return undefined;
}

class Missing extends Error {}

/**
 * Whether an associative item's key fields that its entry does not list are
 * part of the applied body. Usually they are (an item is applied with its
 * key); but when the server defaults a key field the body left out (a port's
 * `protocol`), the key names it while the applier never set it. The caller
 * tells the two apart by the provenance hash.
 */
export type KeyFields = 'include' | 'listed';

/**
 * The fields of `value` in the set `node`, in the observed order. Throws
 * Missing when an owned field or item is not in `value`.
 */
function pick(value: unknown, node: FieldsV1, path: string, keyFields: KeyFields): unknown {
  const keys = Object.keys(node);
  // A leaf: the whole value is owned (a scalar, an atomic list or map).
  if (keys.length === 0) return cloneJson(value);
  if (Array.isArray(value)) return pickItems(value, node, path, keyFields);
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    const wanted = new Set(keys.filter((k) => k.startsWith('f:')).map((k) => k.slice(2)));
    for (const name of wanted) {
      if (!Object.hasOwn(value, name)) throw new Missing(`${path}.${name}`);
    }
    // Observed key order, so that the same object always gives the same bytes.
    for (const [name, v] of Object.entries(value)) {
      if (wanted.has(name))
        setOwn(out, name, pick(v, node[`f:${name}`] as FieldsV1, `${path}.${name}`, keyFields));
    }
    return out;
  }
  // A scalar that only its node itself (`.`) was owned of.
  if (keys.every((k) => k === '.')) return cloneJson(value);
  throw new Missing(`${path} (expected an object or list, found ${JSON.stringify(value)})`);
}

type ItemMatcher = { key: string; child: FieldsV1; match: (item: unknown, i: number) => boolean };

function itemMatcher(key: string, child: FieldsV1, path: string): ItemMatcher | undefined {
  const kind = key.slice(0, 2);
  if (key === '.') return undefined;
  if (kind === 'k:' || kind === 'v:') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(key.slice(2));
    } catch {
      throw new Missing(`${path}: unreadable item key ${key}`);
    }
    if (kind === 'v:') return { key, child, match: (item) => jsonEqual(item, parsed) };
    if (!isRecord(parsed)) throw new Missing(`${path}: item key ${key} is not an object`);
    const fields = Object.entries(parsed);
    return {
      key,
      child,
      match: (item) => isRecord(item) && fields.every(([f, v]) => jsonEqual(item[f], v)),
    };
  }
  if (kind === 'i:') {
    const index = Number(key.slice(2));
    return { key, child, match: (_item, i) => i === index };
  }
  throw new Missing(`${path}: ${key} is not a list item key`);
}

function pickItems(list: unknown[], node: FieldsV1, path: string, keyFields: KeyFields): unknown[] {
  const matchers = Object.entries(node)
    .map(([k, child]) => itemMatcher(k, (isRecord(child) ? child : {}) as FieldsV1, path))
    .filter((m): m is ItemMatcher => m !== undefined);
  const found = new Set<string>();
  const out: unknown[] = [];
  list.forEach((item, i) => {
    const m = matchers.find((x) => !found.has(x.key) && x.match(item, i));
    if (!m) return;
    found.add(m.key);
    let picked = pick(item, m.child, `${path}[${m.key}]`, keyFields);
    // An item's key fields are part of what was applied (an associative item
    // cannot be applied without them), whether or not they are listed.
    if (keyFields === 'include' && m.key.startsWith('k:') && isRecord(picked) && isRecord(item)) {
      const keyFields = JSON.parse(m.key.slice(2)) as Record<string, unknown>;
      const withKeys: Record<string, unknown> = {};
      for (const [f, v] of Object.entries(item)) {
        if (Object.hasOwn(picked, f)) setOwn(withKeys, f, picked[f]);
        else if (Object.hasOwn(keyFields, f)) setOwn(withKeys, f, cloneJson(v));
      }
      picked = withKeys;
    }
    out.push(picked);
  });
  for (const m of matchers) if (!found.has(m.key)) throw new Missing(`${path}[${m.key}]`);
  return out;
}

/**
 * The body `manager` last applied to `observed`: apiVersion, kind, name and
 * namespace from the object, and exactly the fields its Apply entry owns.
 * No hash check here (see recoverEmittedBody in last-applied.ts).
 */
export function extractApplied(
  observed: KObject,
  manager: string = DEFAULT_FIELD_MANAGER,
  keyFields: KeyFields = 'include',
): Extracted {
  const entry = findApplyEntry(observed, manager);
  if (!entry) {
    return {
      ok: false,
      problem: 'absent',
      reason: `no managedFields entry for manager ${JSON.stringify(manager)} with operation Apply`,
    };
  }
  if (entry.fieldsType !== 'FieldsV1' || !isRecord(entry.fieldsV1)) {
    return {
      ok: false,
      problem: 'invalid',
      reason: `the managedFields entry of ${JSON.stringify(manager)} has fieldsType ${JSON.stringify(entry.fieldsType)}, not FieldsV1`,
    };
  }
  let picked: Record<string, unknown>;
  try {
    picked = pick(observed, entry.fieldsV1, '', keyFields) as Record<string, unknown>;
  } catch (err) {
    if (!(err instanceof Missing)) throw err;
    return {
      ok: false,
      problem: 'missing',
      reason: `${manager} owns ${err.message}, which the object does not have`,
    };
  }
  const meta = isRecord(picked.metadata) ? picked.metadata : {};
  // Metacontroller v4 adds its controller reference to the body it applies
  // (claimOwnership), so the entry owns it; Maestro never emitted it.
  if (Array.isArray(meta.ownerReferences)) {
    const refs = meta.ownerReferences.filter((r) => !(isRecord(r) && r.controller === true));
    if (refs.length > 0) meta.ownerReferences = refs;
    else delete meta.ownerReferences;
  }
  const { metadata: _m, apiVersion: _a, kind: _k, ...rest } = picked;
  const body: KObject = {
    apiVersion: observed.apiVersion,
    kind: observed.kind,
    metadata: {
      ...(observed.metadata.name !== undefined && { name: observed.metadata.name }),
      ...(observed.metadata.namespace !== undefined && {
        namespace: observed.metadata.namespace,
      }),
      ...meta,
    },
    ...rest,
  };
  return { ok: true, body, entry };
}
