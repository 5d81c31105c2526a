// Reflection helpers shared by sprig's families: Go's reflect kind names for
// error messages, reflect.DeepEqual, sprig's empty(), and nil slices.
import {
  GoInt,
  GoObject,
  elemTypeOf,
  isGoFunc,
  kindOf,
  typeOf,
  type GoMap,
  type GoValue,
} from '../value.ts';

const nilTag = Symbol.for('maestro.template.sprig.nilslice');

/**
 * m[k] = v for a Go map held in a plain object. "__proto__" is an ordinary
 * key in Go: defining the property keeps it one here too (an assignment would
 * replace the object's prototype instead).
 */
export function setKey(m: GoMap, k: string, v: GoValue): void {
  if (k === '__proto__') {
    Object.defineProperty(m, k, { value: v, enumerable: true, writable: true, configurable: true });
  } else m[k] = v;
}

/** Marks an empty array as a Go nil slice (JSON null); returns it. */
export function nilSlice<T extends GoValue[]>(arr: T): T {
  Object.defineProperty(arr, nilTag, { value: true, enumerable: false });
  return arr;
}

/** True for an array marked as a Go nil slice. */
export function isNilSlice(v: GoValue[]): boolean {
  return (v as unknown as Record<symbol, boolean | undefined>)[nilTag] === true && v.length === 0;
}

const nilMapTag = Symbol.for('maestro.template.sprig.nilmap');

/** Marks an empty object as a Go nil map (JSON null); returns it. */
export function nilMap<T extends GoMap>(m: T): T {
  Object.defineProperty(m, nilMapTag, { value: true, enumerable: false, configurable: true });
  return m;
}

/** True for an object marked as a Go nil map that is still empty. */
export function isNilMap(v: GoMap): boolean {
  return (
    (v as unknown as Record<symbol, boolean | undefined>)[nilMapTag] === true &&
    Object.keys(v).length === 0
  );
}

/** reflect.TypeOf(v).Kind() as sprig prints it in "Cannot push on type %s". */
export function kindName(v: GoValue): string {
  return kindOf(v);
}

/** sprig's empty(): the zero value of its type, or an empty slice/map/string. */
export function isEmpty(v: GoValue | undefined): boolean {
  if (v === null || v === undefined) return true;
  switch (typeof v) {
    case 'string':
      return v.length === 0;
    case 'number':
      return v === 0;
    case 'boolean':
      return !v;
  }
  if (v instanceof GoInt) return v.value === 0n;
  if (Array.isArray(v)) return v.length === 0;
  if (v instanceof GoObject) return v.goKind === 'struct' ? false : v.isNil();
  if (isGoFunc(v)) return false;
  for (const k in v) if (Object.prototype.hasOwnProperty.call(v, k)) return false;
  return true;
}

/** reflect.DeepEqual for template values. */
export function deepEqual(a: GoValue | undefined, b: GoValue | undefined): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === null || b === null) return a === b;
  if (typeOf(a) !== typeOf(b)) return false;
  if (a instanceof GoInt) return a.value === (b as GoInt).value;
  if (typeof a === 'number') return a === b; // NaN != NaN, as in Go
  if (typeof a !== 'object') return a === b;
  if (Array.isArray(a)) {
    const bb = b as GoValue[];
    if (isNilSlice(a) !== isNilSlice(bb)) return false;
    if (a.length !== bb.length) return false;
    if (a === bb) return true;
    return a.every((x, i) => deepEqual(x, bb[i]));
  }
  if (a instanceof GoObject) {
    const bo = b as GoObject;
    if (a === bo) return true;
    const eq = (a as unknown as { goEqual?: (o: GoObject) => boolean }).goEqual;
    if (eq) return eq.call(a, bo);
    const names = a.fieldNames();
    return names.every((nm) => deepEqual(a.field(nm), bo.field(nm)));
  }
  if (isGoFunc(a)) return false;
  const am = a as GoMap;
  const bm = b as GoMap;
  if (am === bm) return true;
  const ak = Object.keys(am);
  if (ak.length !== Object.keys(bm).length) return false;
  return ak.every((k) => Object.prototype.hasOwnProperty.call(bm, k) && deepEqual(am[k], bm[k]));
}

export { elemTypeOf, kindOf, typeOf };
