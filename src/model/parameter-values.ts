// One answer to "is this parameter value valid for its declared type, and what
// is its typed value", shared by package verify, Instance admission and the
// plan engine so that none of them admits what another refuses.
// - v1beta1 values are strings and are read as KUDO reads them: integer with
//   strconv.ParseInt(s, 10, 64), number with strconv.ParseFloat(s, 64), boolean
//   with strconv.ParseBool, array and map as YAML 1.1 (KUDO's go-yaml).
// - v1 values are typed JSON (docs/api.md): a JSON number for integer/number, a
//   JSON boolean, a list, an object; a string is read the v1beta1 way.
// - A per-parameter JSON Schema (Maestro's extension) is checked on the typed value.
import { Ajv, type ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { parseFloatGo } from '../template/numbers.ts';
import { goQuote } from '../template/quote.ts';
import type { JsonValue } from './schema-type.ts';
import { goYaml } from './go-yaml.ts';

export type ParsedValue =
  | { ok: true; value: JsonValue }
  | {
      ok: false;
      /** What is wrong, as a clause: "it is not a base-10 integer". */
      problem: string;
      /** Go's error text for a string strconv rejects, as KUDO prints it. */
      goError?: string;
    };

const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);
const MAX_I64 = (1n << 63n) - 1n;

/** A strconv result: the value, or Go's error text (`strconv.ParseInt: parsing "x": invalid syntax`). */
export type GoResult<T> = { value: T } | { error: string };

const numError = (fn: string, s: string, err: string) =>
  `strconv.${fn}: parsing ${goQuote(s)}: ${err}`;

/** strconv.ParseInt(s, 10, 64): sign and decimal digits only; no spaces, prefixes or `_`. */
export function goParseInt(s: string): GoResult<bigint> {
  const body = s[0] === '+' || s[0] === '-' ? s.slice(1) : s;
  if (body === '') return { error: numError('ParseInt', s, 'invalid syntax') };
  let n = 0n;
  for (const c of body) {
    if (c < '0' || c > '9') return { error: numError('ParseInt', s, 'invalid syntax') };
    n = n * 10n + BigInt(c.charCodeAt(0) - 48);
    // Go stops at the first overflow, before looking at the remaining characters.
    if (n > MAX_I64 + 1n) return { error: numError('ParseInt', s, 'value out of range') };
  }
  const v = s[0] === '-' ? -n : n;
  if (v > MAX_I64 || v < -MAX_I64 - 1n)
    return { error: numError('ParseInt', s, 'value out of range') };
  return { value: v };
}

/** strconv.ParseFloat(s, 64): Go float literals, `_` between digits, inf/infinity/nan. */
export function goParseFloat(s: string): GoResult<number> {
  const r = parseFloatGo(s);
  return typeof r === 'number' ? { value: r } : { error: numError('ParseFloat', s, r) };
}

/** strconv.ParseBool. */
export function goParseBool(s: string): GoResult<boolean> {
  if (TRUE.has(s)) return { value: true };
  if (FALSE.has(s)) return { value: false };
  return { error: numError('ParseBool', s, 'invalid syntax') };
}

/** The kind of a JSON value, with its article, for messages. */
export function kindOf(v: JsonValue): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return `a ${typeof v}`;
}

const isMap = (v: unknown): v is Record<string, JsonValue> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

function fromYaml(text: string, want: 'array' | 'map'): ParsedValue {
  let parsed: unknown;
  try {
    // YAML 1.1, as go-yaml reads it: `yes` is a boolean and `010` is octal,
    // but `12:30` is a string and a timestamp stays its text.
    parsed = parseYaml(text, goYaml);
  } catch (err) {
    return { ok: false, problem: `it is not valid YAML: ${(err as Error).message.split('\n')[0]}` };
  }
  // null ("", "~", "null\n": KUDO's conversion of a null default) unmarshals
  // into an empty list or map without error.
  if (parsed === null || parsed === undefined) return { ok: true, value: null };
  if (want === 'array' ? !Array.isArray(parsed) : !isMap(parsed)) {
    return { ok: false, problem: `it is not a YAML ${want === 'array' ? 'list' : 'map'}` };
  }
  return { ok: true, value: parsed as JsonValue };
}

function fromGo(r: GoResult<bigint | number | boolean>, problem: string): ParsedValue {
  if ('error' in r) return { ok: false, problem, goError: r.error };
  return { ok: true, value: typeof r.value === 'bigint' ? Number(r.value) : r.value };
}

const MIN_I64 = -(1n << 63n);

/**
 * A JSON value on an integer parameter: an integer that fits 64 bits. A bigint
 * (an integer literal beyond 2^53, read exactly: src/model/json.ts) keeps its
 * exact value; a JS number is exact as long as it is an integer at all.
 */
function exactInteger(value: unknown): ParsedValue {
  if (typeof value === 'bigint') {
    if (value > MAX_I64 || value < MIN_I64) {
      return { ok: false, problem: 'it is out of range for a 64-bit integer' };
    }
    return { ok: true, value: value as unknown as JsonValue };
  }
  if (typeof value !== 'number')
    return { ok: false, problem: `it is ${kindOf(value as JsonValue)}` };
  if (!Number.isFinite(value) || !Number.isInteger(value)) {
    return { ok: false, problem: 'it is a number with a fraction, not an integer' };
  }
  // 2^63 itself is the first float64 outside int64.
  if (value >= 2 ** 63 || value < -(2 ** 63)) {
    return { ok: false, problem: 'it is out of range for a 64-bit integer' };
  }
  return { ok: true, value };
}

/**
 * A set value read as its declared type. Types KUDO does not know ('' among
 * them) behave as string. Integers beyond 2^53 lose precision in the typed
 * value (a JSON number); the check itself is exact.
 */
export function parseParameterValue(type: string, value: JsonValue): ParsedValue {
  const text = typeof value === 'string' ? value : undefined;
  switch (type) {
    case 'integer':
      if (text !== undefined) {
        const r = goParseInt(text);
        const range = 'error' in r && r.error.endsWith('value out of range');
        return fromGo(
          r,
          range ? 'it is out of range for a 64-bit integer' : 'it is not a base-10 integer',
        );
      }
      return exactInteger(value);
    case 'number':
      if (text !== undefined) {
        const r = goParseFloat(text);
        const range = 'error' in r && r.error.endsWith('value out of range');
        return fromGo(r, range ? 'it is out of range for a 64-bit float' : 'it is not a number');
      }
      if (typeof value === 'number') return { ok: true, value };
      // An integer beyond 2^53, read exactly: a number type holds it as float64.
      if (typeof value === 'bigint') return { ok: true, value: Number(value) };
      return { ok: false, problem: `it is ${kindOf(value)}` };
    case 'boolean':
      if (text !== undefined) return fromGo(goParseBool(text), 'it is not true or false');
      if (typeof value === 'boolean') return { ok: true, value };
      return { ok: false, problem: `it is ${kindOf(value)}` };
    case 'array':
      if (text !== undefined) return fromYaml(text, 'array');
      if (Array.isArray(value)) return { ok: true, value };
      return { ok: false, problem: `it is ${kindOf(value)}` };
    case 'map':
      if (text !== undefined) return fromYaml(text, 'map');
      if (isMap(value)) return { ok: true, value };
      return { ok: false, problem: `it is ${kindOf(value)}` };
    default:
      // Any scalar renders as KUDO renders it; a list or map has no string form.
      if (value !== null && typeof value === 'object') {
        return { ok: false, problem: `it is ${kindOf(value)}; write it as a string` };
      }
      return { ok: true, value };
  }
}

/** True when a value counts as "not set", as KUDO's empty string does. */
export const isUnset = (v: JsonValue | undefined): boolean =>
  v === undefined || v === null || v === '';

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new Map<string, ValidateFunction>();
const MAX_COMPILED = 256;

/** Compiles a parameter's JSON Schema once (bounded cache keyed by its text); throws if it does not compile. */
export function schemaValidator(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let fn = compiled.get(key);
  if (fn === undefined) {
    fn = ajv.compile(schema);
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value as string);
    compiled.set(key, fn);
  }
  return fn;
}

/** Why a schema does not compile, or undefined when it does. */
export function schemaProblem(schema: unknown): string | undefined {
  if (!isMap(schema)) return 'it is not an object';
  try {
    schemaValidator(schema);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

export type SchemaCheck =
  | { ok: true }
  | { ok: false; compileError: string }
  | { ok: false; errors: { path: string; message: string }[] };

/** A typed value against a parameter's JSON Schema; each error names its path ('' for the value). */
export function checkSchema(schema: Record<string, unknown>, value: JsonValue): SchemaCheck {
  let validate: ValidateFunction;
  try {
    validate = schemaValidator(schema);
  } catch (err) {
    return { ok: false, compileError: (err as Error).message };
  }
  if (validate(value)) return { ok: true };
  return {
    ok: false,
    errors: (validate.errors ?? []).map((e) => ({
      path: e.instancePath,
      message: e.message ?? 'is invalid',
    })),
  };
}
