// Parameters as KUDO reads them, in one place for every path (package verify,
// render, simulate, admission, the plan engine, conversion):
// - the declared type, from either form: `value-type` (v1beta1 and KUDO's CRD)
//   or `type` (packages and v1);
// - KUDO's wrapping of a value into its string form (pkg/util/convert
//   WrapParamValue, kudo-semantics.md §1.3): array and map through
//   sigs.k8s.io/yaml.Marshal (a null or absent default is "null\n"), other
//   types with fmt's %v (a null default is no default);
// - KUDO's unwrapping for templates (ParamsMap, §3.2): array and map are read
//   as YAML, everything else is the Go string; null reaches templates as nil.
//
// The YAML text written here is yaml.v2's own emitter output (the port behind
// the template function toYaml), so a string that YAML 1.1 would read as a
// boolean, null, number or timestamp is quoted, and reading the text back the
// way KUDO reads it gives the same value (docs/packages.md, "Parameters").
import { createCallContext } from '../template/funcs.ts';
import { toYaml } from '../template/sprig/yaml.ts';
import { goInt, type GoMap, type GoValue } from '../template/value.ts';
import { goFloat } from './go-format.ts';
import { setOwn } from './clone.ts';
import { parseParameterValue } from './parameter-values.ts';
import type { JsonValue } from './schema-type.ts';

/** A parameter declaration in any of its forms (package, v1beta1, v1). */
export interface AnyParamDecl {
  name?: unknown;
  type?: unknown;
  'value-type'?: unknown;
  default?: unknown;
}

/** The declared type: `type`, else `value-type`, else '' (which behaves as string). */
export function declaredType(p: AnyParamDecl): string {
  const t = p.type ?? p['value-type'];
  return typeof t === 'string' ? t : '';
}

const MAX_I64 = (1n << 63n) - 1n;
const MIN_I64 = -(1n << 63n);
const MAX_U64 = (1n << 64n) - 1n;

/**
 * A JSON number as yaml.v2 sees it after encoding/json wrote it: an integer
 * literal that fits int64 or uint64 is an int, anything else a float64.
 */
function yamlNumber(n: number | bigint): GoValue {
  if (typeof n === 'number') {
    if (!Number.isFinite(n)) return n;
    // encoding/json writes a float64 as JS does (the same exponent thresholds).
    const text = String(n);
    if (!/^-?\d+$/.test(text)) return n;
    n = BigInt(text);
  }
  if (n >= MIN_I64 && n <= MAX_I64) return goInt(n, 'int64');
  if (n >= 0n && n <= MAX_U64) return goInt(n, 'uint64');
  return Number(n);
}

function toGo(v: unknown): GoValue {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
    case 'bigint':
      return yamlNumber(v);
    case 'object':
      break;
    default:
      return null;
  }
  if (Array.isArray(v)) return v.map(toGo);
  const record = v as Record<string, unknown>;
  if (typeof (record as { isLosslessNumber?: unknown }).isLosslessNumber === 'boolean') {
    return yamlNumber(BigInt((record as { value: string }).value));
  }
  const out: GoMap = {};
  // yaml.v2's key order is not a total order for some keys ("0A", "010",
  // "1e+3"), so its result depends on the order it starts from: start from
  // one fixed order, so that the same map always gives the same text.
  for (const k of Object.keys(record).sort()) {
    if (record[k] !== undefined) setOwn(out, k, toGo(record[k]));
  }
  return out;
}

/** sigs.k8s.io/yaml.Marshal of a JSON value: yaml.v2's output, keys sorted, null is "null\n". */
export function goYamlMarshal(value: unknown): string {
  // One departure from yaml.v2: a `<<` string is quoted, since yaml.v2 would
  // read it back as a merge key (and fail).
  return toYaml(createCallContext({ steps: Number.MAX_SAFE_INTEGER }), toGo(value), true);
}

/** fmt's %v of a decoded JSON value (map keys sorted), for odd defaults such as `default: [a]` on a string parameter. */
function goPrint(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goPrint).join(' ')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const entries = Object.keys(record)
      .sort()
      .map((k) => `${k}:${goPrint(record[k])}`);
    return `map[${entries.join(' ')}]`;
  }
  if (typeof value === 'number') return goFloat(value);
  return String(value);
}

/**
 * KUDO's WrapParamValue of a package default or enum value (decoded as JSON,
 * so numbers are float64): the v1beta1 string, or undefined for "no default".
 */
export function kudoWrap(value: unknown, type: string | undefined): string | undefined {
  if (type === 'array' || type === 'map') return goYamlMarshal(value ?? null);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return goFloat(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return goPrint(value);
}

/**
 * How a typed v1 value is written into a v1beta1 string (conversion):
 * strings as they are, lists and maps as KUDO's YAML, other scalars as their
 * JSON text (integers exactly, bigints included). undefined: "no value".
 */
export function wrapTyped(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'object') {
    if (typeof (value as { isLosslessNumber?: unknown }).isLosslessNumber === 'boolean') {
      return (value as { value: string }).value;
    }
    return goYamlMarshal(value);
  }
  return JSON.stringify(value);
}

/** KUDO's string form of a set value (what a v1beta1 Instance holds): scalars with %v, lists and maps as YAML. */
export function kudoString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return goFloat(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null || value === undefined) return '';
  return goYamlMarshal(value);
}

export interface TemplateParamDecl {
  name: string;
  type: string;
  /** The default in either form: KUDO's string, or a typed v1 value. */
  default?: unknown;
}

export type TemplateParams =
  { ok: true; params: Record<string, unknown> } | { ok: false; error: string };

/**
 * KUDO's ParamsMap: every declared parameter, valued by the instance value,
 * else the default, else "". string/integer/number/boolean are the Go string;
 * array and map are read as KUDO reads YAML (numbers float64). A null array is
 * an empty list (Go's nil []interface{}), a null map is nil.
 */
export function templateParams(
  decls: readonly TemplateParamDecl[],
  values: Readonly<Record<string, unknown>>,
): TemplateParams {
  const params: Record<string, unknown> = {};
  for (const p of decls) {
    const raw = Object.hasOwn(values, p.name) ? values[p.name] : p.default;
    if (p.type === 'array' || p.type === 'map') {
      const parsed = parseParameterValue(p.type, (raw ?? '') as JsonValue);
      if (!parsed.ok) {
        return {
          ok: false,
          error: `parameter ${p.name}: type is "${p.type}" but ${parsed.problem}`,
        };
      }
      const value = parsed.value;
      setOwn(params, p.name, p.type === 'array' ? (value ?? []) : value);
    } else {
      setOwn(params, p.name, kudoString(raw));
    }
  }
  return { ok: true, params };
}

/** The declarations of an OperatorVersion spec or params.yaml, in any form, for templateParams. */
export function templateDecls(
  parameters: readonly AnyParamDecl[] | undefined,
): TemplateParamDecl[] {
  return (parameters ?? []).map((p) => ({
    name: typeof p.name === 'string' ? p.name : '',
    type: declaredType(p),
    ...(p.default !== undefined && p.default !== null && { default: p.default }),
  }));
}
