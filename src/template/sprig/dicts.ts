// sprig's dict functions (dict.go) and mergo 0.3's map merge semantics, which
// decide what `merge` and `mergeOverwrite` keep.
import { FuncError, goFunc, type CallContext, type FuncMap } from '../funcs.ts';
import {
  GoObject,
  elemTypeOf,
  isGoMap,
  sortedKeys,
  typedMap,
  typedSlice,
  type GoMap,
  type GoValue,
} from '../value.ts';
import { strval } from './goformat.ts';
import { isEmpty, isNilSlice, nilMap, nilSlice, setKey, typeOf } from './reflect.ts';

/**
 * What a new map entry weighs for the allocation budget: its key, and about
 * what V8 spends on a slot of a dictionary-mode object. Maps are charged
 * where entries are made (dict, set, merge, deepCopy, pick, omit), not on
 * every call they pass through (exec.ts allocWeight).
 */
export const entryBytes = (key: string): number => 128 + key.length;

const has = (m: GoMap | null, k: string): boolean =>
  m !== null && Object.prototype.hasOwnProperty.call(m, k);
// Go passes a nil map (null here) for `nil` or a missing value: it reads as empty.
const orEmpty = (m: GoMap | null): GoMap => m ?? {};

// mergo's isEmptyValue on an element (an interface holding v).
const emptyElem = (v: GoValue | undefined): boolean => isEmpty(v);

/** mergo.deepMerge of a map into a map (both map[string]interface{}), in place. */
export function mergeInto(ctx: CallContext, dst: GoMap, src: GoMap, overwrite: boolean): void {
  const srcEmpty = Object.keys(src).length === 0;
  for (const key of sortedKeys(src)) {
    ctx.charge(1);
    const s = src[key] as GoValue;
    const dstValid = has(dst, key);
    if (!dstValid) ctx.chargeBytes(entryBytes(key));
    const d = dst[key];
    if (s === null) {
      if (overwrite) setKey(dst, key, null);
      continue;
    }
    const sIsMap = isGoMap(s) || s instanceof GoObject;
    const sIsSlice = Array.isArray(s);
    if (sIsMap) {
      // Recursion only changes anything when the destination is itself a map.
      if (isGoMap(s) && dstValid && d !== null && isGoMap(d)) mergeInto(ctx, d, s, overwrite);
    } else if (sIsSlice) {
      const dstEmptyMap = Object.keys(dst).length === 0;
      let dstSlice: GoValue;
      if (!dstValid || d === null || (Array.isArray(d) && isNilSlice(d))) {
        dstSlice = typedSlice([], elemTypeOf(s));
      } else dstSlice = d as GoValue;
      if (!srcEmpty && (overwrite || dstEmptyMap)) dstSlice = s;
      setKey(dst, key, dstSlice);
    }
    if (dstValid && !emptyElem(d) && (isGoMap(s) || sIsSlice)) continue;
    if (overwrite || !dstValid || emptyElem(d)) setKey(dst, key, s);
  }
}

function deepCopy(ctx: CallContext, v: GoValue): GoValue {
  ctx.charge(1);
  if (Array.isArray(v)) {
    ctx.chargeBytes(16 * v.length);
    const c = typedSlice(
      v.map((x) => deepCopy(ctx, x)),
      elemTypeOf(v),
    );
    return isNilSlice(v) ? nilSlice(c) : c;
  }
  if (isGoMap(v)) {
    const out: GoMap = {};
    for (const k of Object.keys(v)) {
      ctx.chargeBytes(entryBytes(k));
      setKey(out, k, deepCopy(ctx, v[k] as GoValue));
    }
    return typedMap(out, elemTypeOf(v));
  }
  return v;
}

function asDict(v: GoValue, want = 'map[string]interface {}'): GoMap {
  if (v !== null && isGoMap(v) && typeOf(v) === want) return v;
  const got = v === null ? 'nil' : typeOf(v);
  throw new FuncError(`interface conversion: interface {} is ${got}, not ${want}`);
}

function dig(ps: GoValue[]): GoValue {
  if (ps.length < 3) throw new FuncError('dig needs at least three arguments');
  const dict = asDict(ps[ps.length - 1] as GoValue);
  const def = ps[ps.length - 2] as GoValue;
  const ks = ps.slice(0, -2).map((k) => {
    if (typeof k !== 'string') {
      const got = k === null ? 'nil' : typeOf(k);
      throw new FuncError(`interface conversion: interface {} is ${got}, not string`);
    }
    return k;
  });
  let cur = dict;
  for (let i = 0; ; i++) {
    const k = ks[i] as string;
    if (!has(cur, k)) return def;
    const step = cur[k] as GoValue;
    if (i === ks.length - 1) return step;
    cur = asDict(step);
  }
}

const merge = (name: string, overwrite: boolean, must: boolean) =>
  goFunc(
    name,
    `func(dst map[string]interface{}, srcs ...map[string]interface{}) ${must ? '(interface{}, error)' : 'interface{}'}`,
    (ctx, dst0: GoMap | null, ...srcs: (GoMap | null)[]) => {
      // mergo replaces a nil destination by a new map as soon as a source is not nil.
      const dst = dst0 ?? (srcs.some((s) => s !== null) ? {} : nilMap({}));
      for (const s of srcs) if (s !== null) mergeInto(ctx, dst, s, overwrite);
      return dst;
    },
  );

const copyFn = (name: string, must: boolean) =>
  goFunc(
    name,
    `func(i interface{}) ${must ? '(interface{}, error)' : 'interface{}'}`,
    (ctx, v: GoValue) => {
      if (v === null) throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
      return deepCopy(ctx, v);
    },
  );

export const dictFuncs: FuncMap = {
  dict: goFunc('dict', 'func(v ...interface{}) map[string]interface{}', (ctx, ...v: GoValue[]) => {
    ctx.charge(v.length);
    const d: GoMap = {};
    for (let i = 0; i < v.length; i += 2) {
      const key = strval(v[i] as GoValue);
      ctx.chargeBytes(entryBytes(key));
      setKey(d, key, i + 1 >= v.length ? '' : (v[i + 1] as GoValue));
    }
    return d;
  }),
  get: goFunc(
    'get',
    'func(d map[string]interface{}, key string) interface{}',
    (_c, d: GoMap | null, k: string) => (has(d, k) ? ((d as GoMap)[k] as GoValue) : ''),
  ),
  set: goFunc(
    'set',
    'func(d map[string]interface{}, key string, value interface{}) map[string]interface{}',
    (ctx, d: GoMap | null, k: string, v: GoValue) => {
      if (d === null) throw new FuncError('assignment to entry in nil map');
      ctx.charge(1);
      if (!has(d, k)) ctx.chargeBytes(entryBytes(k));
      setKey(d, k, v);
      return d;
    },
  ),
  unset: goFunc(
    'unset',
    'func(d map[string]interface{}, key string) map[string]interface{}',
    (_c, d: GoMap | null, k: string) => {
      if (d === null) return nilMap({});
      delete d[k];
      return d;
    },
  ),
  hasKey: goFunc(
    'hasKey',
    'func(d map[string]interface{}, key string) bool',
    (_c, d: GoMap | null, k: string) => has(d, k),
  ),
  pluck: goFunc(
    'pluck',
    'func(key string, d ...map[string]interface{}) []interface{}',
    (ctx, k: string, ...ds: (GoMap | null)[]) => {
      ctx.charge(ds.length);
      return ds.filter((d) => has(d, k)).map((d) => (d as GoMap)[k] as GoValue);
    },
  ),
  keys: goFunc(
    'keys',
    'func(dicts ...map[string]interface{}) []string',
    (ctx, ...ds: (GoMap | null)[]) => {
      const out: string[] = [];
      for (const d of ds) {
        const ks = sortedKeys(orEmpty(d));
        ctx.charge(ks.length);
        out.push(...ks);
      }
      return out;
    },
  ),
  pick: goFunc(
    'pick',
    'func(dict map[string]interface{}, keys ...string) map[string]interface{}',
    (ctx, d0: GoMap | null, ...ks: string[]) => {
      const d = orEmpty(d0);
      ctx.charge(ks.length);
      const out: GoMap = {};
      for (const k of ks) {
        if (!has(d, k)) continue;
        ctx.chargeBytes(entryBytes(k));
        setKey(out, k, d[k] as GoValue);
      }
      return out;
    },
  ),
  omit: goFunc(
    'omit',
    'func(dict map[string]interface{}, keys ...string) map[string]interface{}',
    (ctx, d0: GoMap | null, ...ks: string[]) => {
      const d = orEmpty(d0);
      const drop = new Set(ks);
      const out: GoMap = {};
      const all = Object.keys(d);
      ctx.charge(all.length + ks.length);
      for (const k of all) {
        if (drop.has(k)) continue;
        ctx.chargeBytes(entryBytes(k));
        setKey(out, k, d[k] as GoValue);
      }
      return out;
    },
  ),
  merge: merge('merge', false, false),
  mustMerge: merge('mustMerge', false, true),
  mergeOverwrite: merge('mergeOverwrite', true, false),
  mustMergeOverwrite: merge('mustMergeOverwrite', true, true),
  values: goFunc(
    'values',
    'func(dict map[string]interface{}) []interface{}',
    (ctx, d0: GoMap | null) => {
      const d = orEmpty(d0);
      const ks = sortedKeys(d);
      ctx.charge(ks.length);
      return ks.map((k) => d[k] as GoValue);
    },
  ),
  deepCopy: copyFn('deepCopy', false),
  mustDeepCopy: copyFn('mustDeepCopy', true),
  dig: goFunc('dig', 'func(ps ...interface{}) (interface{}, error)', (_c, ...ps: GoValue[]) =>
    dig(ps),
  ),
};
