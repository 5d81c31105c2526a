// How a template function is declared, called and registered. A function
// carries its Go signature (`func(int, string) string`), so that the engine can
// reproduce Go's argument handling exactly: untyped constants convert to the
// parameter's type (`indent 4 .X`), a value of the wrong type fails with Go's
// `wrong type for value; expected string; got int`, a missing value fails with
// `invalid value; expected string`, and an `error` result turns into
// `error calling NAME: ...`.
//
// What an implementation receives, by declared parameter type:
//   string -> string        bool -> boolean       float64, float32 -> number
//   int, int8..uint64 -> bigint (already wrapped to the kind)
//   interface {} -> any GoValue (null for nil; never undefined)
//   []interface {}, []string, ... -> the array; map[string]T -> the object
// What it may return, by declared result type (the engine normalizes it):
//   an integer kind: number (truncated), bigint or GoInt -> GoInt of that kind
//   float64: number (or GoInt) -> number
//   []T / map[string]T: an array / object, tagged as []T / map[string]T
//   interface {} and everything else: a GoValue, returned as is
// A function with an `(T, error)` result reports its error by throwing
// FuncError (any other thrown Error is treated the same way, like a recovered
// Go panic). BudgetError, thrown by ctx.charge(), is never wrapped.
import { GoInt, goInt, type GoValue, type IntKind, typedMap, typedSlice } from './value.ts';

/** A parsed Go function signature. */
export interface Signature {
  /** Parameter types, the variadic one included (as its element type). */
  params: string[];
  /** True when the last parameter is `...T`. */
  variadic: boolean;
  /** The first result type ('' for none; text/template requires one). */
  result: string;
  /** True when the function also returns an `error`. */
  error: boolean;
}

/** The budget of one render. Every field is an upper bound. */
export interface Budget {
  /** Evaluation steps (one per node evaluated, plus what functions charge). */
  steps: number;
  /** Bytes of output. */
  outputBytes: number;
  /** Nesting of template calls and of sub-pipelines. */
  depth: number;
  /**
   * Bytes (string code units, 8 per list element) of the values functions
   * are called with and return, charged before each call allocates: every
   * intermediate string and list a render builds (cat, append, join, b64enc...).
   */
  allocBytes: number;
  /**
   * Weighted calls of the functions that cost CPU whatever their input, a
   * unit being about 50 ms: password hashing (bcrypt, htpasswd,
   * derivePassword: 2 each), certificate signatures (1), RSA keys (2048 bits:
   * 4, 4096 bits: 32, the whole default budget), DSA keys (16).
   */
  costly: number;
}

export const defaultBudget: Readonly<Budget> = {
  steps: 20_000_000,
  outputBytes: 16 * 1024 * 1024,
  depth: 2_000,
  allocBytes: 64 * 1024 * 1024,
  costly: 32,
};

/** A deterministic random source, seeded by the caller (see createRandom). */
export interface RandomSource {
  /** A uniformly distributed integer in [0, 2^32). */
  uint32(): number;
  /** A float in [0, 1). */
  float64(): number;
  /** An integer in [0, n) for 0 < n <= 2^32. */
  intn(n: number): number;
  /** n random bytes. */
  bytes(n: number): Uint8Array;
}

/** What a function can reach while it runs. */
export interface CallContext {
  /** The name of the template being executed (for error messages). */
  readonly templateName: string;
  /**
   * Charges `units` to the render's step budget. Call it BEFORE allocating
   * anything whose size the template controls (one unit per element or byte).
   * Throws BudgetError when the budget is exhausted.
   */
  charge(units: number): void;
  /**
   * Charges `units` of the render's budget of costly calls (key generation,
   * password hashing) BEFORE doing the work; `what` names the function.
   * Throws BudgetError when the budget is exhausted.
   */
  chargeCostly(units: number, what: string): void;
  /**
   * Charges `bytes` to the render's allocation budget BEFORE building a value
   * whose size the arguments do not show (until's list from a count). Throws
   * BudgetError when the budget is exhausted.
   */
  chargeBytes(bytes: number): void;
  /** The caller's deterministic random source. */
  readonly rand: RandomSource;
  /** The caller's clock: nanoseconds since the Unix epoch. */
  now(): bigint;
  /** The caller's time zone (IANA name, e.g. 'UTC'), for `now` and `date`. */
  readonly location: string;
  /** Executes a template of the same set by name (Helm's `include`; unused by sprig). */
  execTemplate(name: string, data: GoValue): string;
}

/** A function value: a registered template function, a method, or a func field. */
export interface GoFunc {
  readonly goFunc: true;
  readonly name: string;
  readonly sig: Signature;
  readonly impl: (ctx: CallContext, ...args: never[]) => unknown;
  /** The Go type, e.g. `func(string) string`. */
  goType(): string;
}

/** Name -> function, as Go's template.FuncMap. */
export type FuncMap = Record<string, GoFunc>;

/** An error a function returns as its `error` result (or a recovered panic). */
export class FuncError extends Error {
  override name = 'FuncError';
}

/** The render ran out of budget. Never caught by function-call error wrapping. */
export class BudgetError extends Error {
  override name = 'BudgetError';
}

/**
 * Declares a function from its Go signature, e.g.
 * `goFunc('indent', 'func(spaces int, v string) string', (_ctx, n: bigint, s: string) => ...)`.
 */
export function goFunc(
  name: string,
  signature: string,
  impl: (ctx: CallContext, ...args: never[]) => unknown,
): GoFunc {
  const sig = parseSignature(signature);
  const type = formatSignature(sig);
  return { goFunc: true, name, sig, impl, goType: () => type };
}

/** Parses `func(a int, b ...interface{}) (string, error)` (parameter names optional). */
export function parseSignature(text: string): Signature {
  const m = /^func\s*\((.*?)\)\s*(.*)$/s.exec(text.trim());
  if (!m) throw new Error(`bad Go signature: ${text}`);
  const params: string[] = [];
  let variadic = false;
  const paramText = (m[1] ?? '').trim();
  if (paramText !== '') {
    const parts = splitTopLevel(paramText);
    // Go allows `a, b string`: a bare name takes the type of the next typed one.
    const pending: number[] = [];
    for (const part of parts) {
      const p = part.trim();
      const sp = /^([A-Za-z_][A-Za-z0-9_]*)\s+(.+)$/s.exec(p);
      let type: string;
      if (sp && !['interface', 'chan', 'func', 'map', 'struct'].includes(sp[1] ?? '')) {
        type = (sp[2] ?? '').trim();
      } else if (/^[a-z_][A-Za-z0-9_]*$/.test(p) && !isTypeName(p)) {
        pending.push(params.length);
        params.push('');
        continue;
      } else type = p;
      if (type.startsWith('...')) {
        variadic = true;
        type = type.slice(3).trim();
      }
      type = normalizeType(type);
      for (const i of pending) params[i] = type;
      pending.length = 0;
      params.push(type);
    }
  }
  let resText = (m[2] ?? '').trim();
  let error = false;
  let result = '';
  if (resText.startsWith('(')) resText = resText.slice(1, -1);
  if (resText !== '') {
    const rs = splitTopLevel(resText).map((r) => normalizeType(r.trim()));
    result = rs[0] ?? '';
    if (rs.length === 2 && rs[1] === 'error') error = true;
    else if (rs.length === 1 && result === 'error') {
      result = 'error';
    } else if (rs.length > 2 || (rs.length === 2 && rs[1] !== 'error')) {
      throw new Error(`bad Go signature (results): ${text}`);
    }
  }
  return { params, variadic, result, error };
}

/** Prints a signature as Go's reflect does: `func(int, ...interface {}) string`. */
export function formatSignature(sig: Signature): string {
  const ps = sig.params.map((p, i) =>
    sig.variadic && i === sig.params.length - 1 ? `...${p}` : p,
  );
  const res = sig.error ? ` (${sig.result}, error)` : sig.result ? ` ${sig.result}` : '';
  return `func(${ps.join(', ')})${res}`;
}

const basicTypes = new Set([
  'string',
  'bool',
  'float64',
  'float32',
  'int',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'uintptr',
  'error',
  'byte',
  'rune',
  'any',
]);

function isTypeName(p: string): boolean {
  return (
    basicTypes.has(p) || /^(?:[[*.]|map\b|interface\b|func\b|chan\b)/.test(p) || p.includes('.')
  );
}

function normalizeType(t: string): string {
  return t
    .replace(/\binterface\s*\{\s*\}/g, 'interface {}')
    .replace(/\bany\b/g, 'interface {}')
    .replace(/\bbyte\b/g, 'uint8')
    .replace(/\brune\b/g, 'int32');
}

function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim() !== '') out.push(cur);
  return out;
}

const intKinds = new Set<string>([
  'int',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'uintptr',
]);

/** True for Go's integer type names. */
export function isIntType(t: string): t is IntKind {
  return intKinds.has(t);
}

/**
 * Normalizes what an implementation returned to a GoValue of the declared
 * result type (see the module header). Used by the engine after each call.
 */
export function normalizeResult(type: string, v: unknown): GoValue {
  if (v === undefined) return null;
  if (isIntType(type)) {
    if (v instanceof GoInt) return v.kind === type ? v : goInt(v.value, type);
    if (typeof v === 'number' || typeof v === 'bigint') return goInt(v, type);
    return v as GoValue;
  }
  if (type === 'float64' || type === 'float32') {
    if (v instanceof GoInt) return Number(v.value);
    return v as GoValue;
  }
  if (type.startsWith('[]') && Array.isArray(v)) {
    const elem = type.slice(2);
    if (elem === 'string' || elem === 'bool' || elem === 'float64' || isIntType(elem)) {
      return typedSlice(v as GoValue[], elem);
    }
    return v as GoValue[];
  }
  if (type.startsWith('map[string]') && typeof v === 'object' && v !== null) {
    const elem = type.slice('map[string]'.length);
    if (elem === 'string' || elem === 'bool' || elem === 'float64' || isIntType(elem)) {
      return typedMap(v as Record<string, GoValue>, elem);
    }
  }
  return v as GoValue;
}

/** A small, fast, seedable PRNG (sfc32 seeded through a string hash). */
export function createRandom(seed: string | number): RandomSource {
  // cyrb128-style hashing of the seed into four 32-bit words.
  const s = String(seed);
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < s.length; i++) {
    const k = s.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  let a = h1 >>> 0,
    b = h2 >>> 0,
    c = h3 >>> 0,
    d = h4 >>> 0;
  const uint32 = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) uint32();
  return {
    uint32,
    float64: () => (uint32() * 2 ** 21 + (uint32() >>> 11)) / 2 ** 53,
    intn: (n: number) => {
      if (!(n > 0)) throw new Error('intn: n must be positive');
      return Math.floor(((uint32() * 2 ** 21 + (uint32() >>> 11)) / 2 ** 53) * n);
    },
    bytes: (n: number) => {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i += 4) {
        let w = uint32();
        for (let j = i; j < Math.min(n, i + 4); j++) {
          out[j] = w & 0xff;
          w >>>= 8;
        }
      }
      return out;
    },
  };
}

/** Options for a standalone call context (tests of single functions). */
export interface ContextOptions {
  templateName?: string;
  seed?: string | number;
  now?: () => bigint;
  location?: string;
  steps?: number;
}

/**
 * A call context outside any render: for unit tests of a function. The engine
 * builds its own per render (same semantics: the step budget is shared).
 */
export function createCallContext(opts: ContextOptions = {}): CallContext {
  let left = opts.steps ?? defaultBudget.steps;
  let costly = defaultBudget.costly;
  let allocLeft = defaultBudget.allocBytes;
  const name = opts.templateName ?? 't';
  return {
    templateName: name,
    charge(units: number) {
      left -= units;
      if (left < 0) throw new BudgetError(`template: ${name}: step budget exhausted`);
    },
    chargeBytes(bytes: number) {
      allocLeft -= bytes;
      if (allocLeft < 0) throw new BudgetError(`template: ${name}: allocation budget exhausted`);
    },
    chargeCostly(units: number, what: string) {
      costly -= units;
      if (costly < 0) throw new BudgetError(`template: ${name}: too many costly calls (${what})`);
    },
    rand: createRandom(opts.seed ?? 0),
    now: opts.now ?? (() => 0n),
    location: opts.location ?? 'UTC',
    execTemplate() {
      throw new FuncError('no template set in a standalone call context');
    },
  };
}
