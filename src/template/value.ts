// Go's value model, in JavaScript. Go's text/template (and sprig) behave
// differently for an int and a float64, a []string and a []interface{}, a nil
// interface and a missing value; printing, `eq`, truthiness, `kindOf`,
// `typeOf` and `printf "%T"` all read the Go type. This module fixes how each
// Go value is represented, so the engine and the function library agree:
//
//   Go                              JavaScript
//   string                          string (Go strings are bytes: byte-wise
//                                   operations go through UTF-8, see bytes.ts)
//   bool                            boolean
//   float64                         number
//   int, int8..int64, uint..uint64  GoInt: a bigint plus its kind, wrapped to
//                                   the kind's width (`goInt(3)`, `goInt(3n, 'int64')`)
//   nil interface{}                 null
//   []interface{}                   array (untagged)
//   []T for a basic T               array tagged with `typedSlice(arr, 'string')`
//   map[string]interface{}          plain object (own enumerable keys); never a Map
//   map[string]T                    object tagged with `typedMap(obj, 'string')`
//   anything else (structs, time,   an instance of GoObject: it names its Go type
//   *semver.Version, error, ...)    and kind, and may expose fields, methods and String()
//
// `undefined` is not a Go value: the engine uses it internally for Go's invalid
// reflect.Value (a missing map key, printed as "<no value>"). Functions never
// receive it; an interface{} parameter receives null instead, as in Go.
//
// Values that a template receives are data: nothing here ever evaluates a
// string as a template.

import type { GoFunc } from './funcs.ts';

/** Go's integer kinds. */
export type IntKind =
  | 'int'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'uintptr';

/** The element (or value) types a slice or map can be tagged with. */
export type ElemType = 'interface {}' | 'string' | 'bool' | 'float64' | IntKind;

const intBits: Record<IntKind, number> = {
  int: 64,
  int8: 8,
  int16: 16,
  int32: 32,
  int64: 64,
  uint: 64,
  uint8: 8,
  uint16: 16,
  uint32: 32,
  uint64: 64,
  uintptr: 64,
};

/** True for the unsigned integer kinds. */
export function isUnsigned(kind: IntKind): boolean {
  return kind.charCodeAt(0) === 117; /* 'u' */
}

/** Wraps a bigint to the width of a kind, as Go's conversions do. */
export function wrapInt(v: bigint, kind: IntKind): bigint {
  const bits = intBits[kind];
  return isUnsigned(kind) ? BigInt.asUintN(bits, v) : BigInt.asIntN(bits, v);
}

/** A Go integer of any kind. Immutable. */
export class GoInt {
  readonly kind: IntKind;
  readonly value: bigint;
  /** Use goInt(): it wraps the value to the kind's width. */
  constructor(value: bigint, kind: IntKind) {
    this.value = value;
    this.kind = kind;
  }
  toString(): string {
    return this.value.toString();
  }
  /** The value as a JS number (exact up to 2^53). */
  toNumber(): number {
    return Number(this.value);
  }
}

const smallInts: GoInt[] = [];
for (let i = -128; i < 1024; i++) smallInts.push(new GoInt(BigInt(i), 'int'));

/** Makes a Go integer; a JS number is truncated toward zero first. */
export function goInt(v: number | bigint, kind: IntKind = 'int'): GoInt {
  if (typeof v === 'number') {
    if (kind === 'int' && Number.isInteger(v) && v >= -128 && v < 1024) {
      return smallInts[v + 128] as GoInt;
    }
    v = Number.isFinite(v) ? BigInt(Math.trunc(v)) : floatToIntBits(v);
  }
  const w = wrapInt(v, kind);
  if (kind === 'int' && w >= -128n && w < 1024n) return smallInts[Number(w) + 128] as GoInt;
  return new GoInt(w, kind);
}

// Go on amd64 converts NaN and ±Inf to the minimum int64.
function floatToIntBits(_v: number): bigint {
  return -(1n << 63n);
}

/** Reflect kinds, spelled as Go's reflect.Kind.String() spells them. */
export type Kind =
  | 'invalid'
  | 'bool'
  | IntKind
  | 'float32'
  | 'float64'
  | 'complex128'
  | 'string'
  | 'slice'
  | 'array'
  | 'map'
  | 'struct'
  | 'ptr'
  | 'func'
  | 'interface'
  | 'chan';

/**
 * A Go value that is neither basic, slice nor map: a struct, a pointer, time.Time,
 * *semver.Version, ... Subclass it (sprig does for time and semver).
 */
export abstract class GoObject {
  /** The Go type, as `%T` prints it: `time.Time`, `*semver.Version`. */
  abstract readonly goType: string;
  /** The reflect kind: usually 'struct' or 'ptr'. */
  abstract readonly goKind: Kind;
  /** Field access `.Name`: return undefined when there is no such field. */
  field(_name: string): GoValue | undefined {
    return undefined;
  }
  /** Exported field names in declaration order, for `%v`/`%+v` of structs. */
  fieldNames(): readonly string[] {
    return [];
  }
  /** Method lookup `.Name args`: return undefined when there is no such method. */
  method(_name: string): GoFunc | undefined {
    return undefined;
  }
  /** Go's fmt.Stringer (or error's Error()): when present, %v and %s print it. */
  goString?(): string;
  /** A nil pointer of this type (template truthiness false, `<nil>` when printed). */
  isNil(): boolean {
    return false;
  }
  /**
   * For a map with non-string keys (goKind 'map'): its key and element types and
   * a lookup, so that `index` works on it as on Go's map[K]V.
   */
  mapKeyType?: string;
  mapElemType?: string;
  mapIndex?(key: GoValue): GoValue | undefined;
  /**
   * For a named integer type (goKind an integer kind: time.Month, time.Duration):
   * its value. Comparisons, truthiness and fmt's integer verbs use it, as in Go.
   */
  intValue?(): bigint;
}

/** The integer value of a GoInt or of a named integer GoObject; undefined otherwise. */
export function integerOf(v: unknown): bigint | undefined {
  if (v instanceof GoInt) return v.value;
  if (
    v instanceof GoObject &&
    v.intValue !== undefined &&
    intBits[v.goKind as IntKind] !== undefined
  ) {
    return v.intValue();
  }
  return undefined;
}

/** The integer kind of a GoInt or of a named integer GoObject; undefined otherwise. */
export function integerKindOf(v: unknown): IntKind | undefined {
  if (v instanceof GoInt) return v.kind;
  if (
    v instanceof GoObject &&
    v.intValue !== undefined &&
    intBits[v.goKind as IntKind] !== undefined
  ) {
    return v.goKind as IntKind;
  }
  return undefined;
}

/** A complex128 (only template constants such as `1i` create them). */
export class GoComplex extends GoObject {
  readonly goType = 'complex128';
  readonly goKind = 'complex128' as const;
  constructor(
    readonly re: number,
    readonly im: number,
  ) {
    super();
  }
}

/** Any Go value the engine and functions exchange. */
export type GoValue =
  string | number | boolean | null | GoInt | GoValue[] | GoMap | GoObject | GoFunc;

/** map[string]T: a plain object; its keys are the own enumerable string keys. */
export interface GoMap {
  [key: string]: GoValue;
}

const elemTag = Symbol.for('maestro.template.elem');

/** Tags an array as []T (e.g. []string); returns the same array. */
export function typedSlice<T extends GoValue[]>(arr: T, elem: ElemType): T {
  if (elem !== 'interface {}') {
    Object.defineProperty(arr, elemTag, { value: elem, enumerable: false, configurable: true });
  }
  return arr;
}

/** Tags an object as map[string]T (e.g. map[string]string); returns it. */
export function typedMap<T extends GoMap>(obj: T, elem: ElemType): T {
  if (elem !== 'interface {}') {
    Object.defineProperty(obj, elemTag, { value: elem, enumerable: false, configurable: true });
  }
  return obj;
}

/** The element type of a slice or map value ('interface {}' when untagged). */
export function elemTypeOf(v: GoValue[] | GoMap): ElemType {
  return ((v as unknown as Record<symbol, ElemType | undefined>)[elemTag] ??
    'interface {}') as ElemType;
}

/** True for a map value (a plain object that is not a GoObject or array). */
export function isGoMap(v: unknown): v is GoMap {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof GoInt) &&
    !(v instanceof GoObject)
  );
}

/** True for a function value (Go's func kind, see funcs.ts). */
export function isGoFunc(v: unknown): v is GoFunc {
  return typeof v === 'object' && v !== null && (v as { goFunc?: unknown }).goFunc === true;
}

/** Go's reflect kind of a value; `undefined` and `null` are 'invalid'. */
export function kindOf(v: GoValue | undefined): Kind {
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'undefined':
      return 'invalid';
  }
  if (v === null) return 'invalid';
  if (v instanceof GoInt) return v.kind;
  if (Array.isArray(v)) return 'slice';
  if (v instanceof GoObject) return v.goKind;
  if (isGoFunc(v)) return 'func';
  return 'map';
}

/** Go's type name of a value, as `printf "%T"` prints it (`<nil>` for nil). */
export function typeOf(v: GoValue | undefined): string {
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'undefined':
      return '<nil>';
  }
  if (v === null) return '<nil>';
  if (v instanceof GoInt) return v.kind;
  if (Array.isArray(v)) return `[]${elemTypeOf(v)}`;
  if (v instanceof GoObject) return v.goType;
  if (isGoFunc(v)) return v.goType();
  return `map[string]${elemTypeOf(v)}`;
}

/**
 * Go's truthiness for `if`, `with`, `and`, `or`, `not`: the zero value of a type
 * (and an empty slice or map) is false. Structs are always true.
 */
export function isTrue(v: GoValue | undefined): boolean {
  switch (typeof v) {
    case 'string':
      return v.length > 0;
    case 'number':
      return v !== 0;
    case 'boolean':
      return v;
    case 'undefined':
      return false;
  }
  if (v === null) return false;
  if (v instanceof GoInt) return v.value !== 0n;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof GoComplex) return v.re !== 0 || v.im !== 0;
  if (v instanceof GoObject) {
    const n = integerOf(v);
    return n !== undefined ? n !== 0n : !v.isNil();
  }
  if (isGoFunc(v)) return true;
  for (const k in v) if (Object.prototype.hasOwnProperty.call(v, k)) return true;
  return false;
}

/** The sorted keys of a map, in Go's order (byte-wise, i.e. code-point order). */
export function sortedKeys(m: GoMap): string[] {
  return Object.keys(m).sort(compareGoStrings);
}

/** Compares strings as Go does (by UTF-8 bytes, which is code-point order). */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      // Surrogates (0xD800-0xDFFF) encode code points above 0xFFFF and so sort
      // after every other BMP unit in code-point order.
      const sx = x >= 0xd800 && x <= 0xdfff;
      const sy = y >= 0xd800 && y <= 0xdfff;
      if (sx !== sy) return sx ? 1 : -1;
      return x < y ? -1 : 1;
    }
  }
  return a.length - b.length;
}
