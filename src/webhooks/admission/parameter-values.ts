// Parameter values against their definitions, as KUDO's Parameter.ValidateValue
// does for v1beta1 strings, extended to v1's typed values and JSON Schemas.
// v1beta1 values are strings (arrays and maps as YAML text); v1 values are
// any JSON, or strings that came from v1beta1 and are read the KUDO way.
import { Ajv, type ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { wrapValue } from '../../model/conversion/wrap.ts';
import type { JsonValue } from '../../model/schema-type.ts';
import type { ParameterDef } from './operator-version-view.ts';

const GO_BOOL = new Set([
  '1',
  't',
  'T',
  'TRUE',
  'true',
  'True',
  '0',
  'f',
  'F',
  'FALSE',
  'false',
  'False',
]);
const GO_INT = /^[+-]?[0-9]+$/;
const GO_FLOAT = /^[+-]?(([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?|inf|infinity|nan)$/i;

type Typed = { ok: true; value: JsonValue } | { ok: false; problem: string };

function kindOf(v: JsonValue): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return `a ${typeof v}`;
}

function fromYaml(text: string, want: 'array' | 'map'): Typed {
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch (err) {
    return { ok: false, problem: `it is not valid YAML: ${(err as Error).message.split('\n')[0]}` };
  }
  const isArray = Array.isArray(parsed);
  const isMap = parsed !== null && typeof parsed === 'object' && !isArray;
  if (want === 'array' ? !isArray : !isMap) {
    return { ok: false, problem: `it is not a YAML ${want === 'array' ? 'list' : 'map'}` };
  }
  return { ok: true, value: parsed as JsonValue };
}

/** The value read as its declared type: what the engine will render with. */
export function typedValue(type: string, value: JsonValue): Typed {
  const text = typeof value === 'string' ? value : undefined;
  switch (type) {
    case 'integer':
      if (typeof value === 'number' && Number.isInteger(value)) return { ok: true, value };
      if (text !== undefined && GO_INT.test(text)) return { ok: true, value: Number(text) };
      return {
        ok: false,
        problem: `it is ${text === undefined ? kindOf(value) : 'not a base-10 integer'}`,
      };
    case 'number':
      if (typeof value === 'number') return { ok: true, value };
      if (text !== undefined && GO_FLOAT.test(text)) return { ok: true, value: Number(text) };
      return { ok: false, problem: `it is ${text === undefined ? kindOf(value) : 'not a number'}` };
    case 'boolean':
      if (typeof value === 'boolean') return { ok: true, value };
      if (text !== undefined && GO_BOOL.has(text)) {
        return { ok: true, value: ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text) };
      }
      return {
        ok: false,
        problem: `it is ${text === undefined ? kindOf(value) : 'not true or false'}`,
      };
    case 'array':
      if (Array.isArray(value)) return { ok: true, value };
      if (text !== undefined) return fromYaml(text, 'array');
      return { ok: false, problem: `it is ${kindOf(value)}` };
    case 'map':
      if (value !== null && typeof value === 'object' && !Array.isArray(value))
        return { ok: true, value };
      if (text !== undefined) return fromYaml(text, 'map');
      return { ok: false, problem: `it is ${kindOf(value)}` };
    default:
      // string, '' or a type KUDO does not know: any scalar, as KUDO renders it.
      if (value !== null && typeof value === 'object') {
        return { ok: false, problem: `it is ${kindOf(value)}; write it as a string` };
      }
      return { ok: true, value };
  }
}

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new Map<string, ValidateFunction>();
const MAX_COMPILED = 256;

/** Compiles a parameter's JSON Schema once (bounded cache keyed by its text). */
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

/** A schema that does not compile: the OperatorVersion check reports it. */
export function schemaProblem(schema: unknown): string | undefined {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema))
    return 'it is not an object';
  try {
    schemaValidator(schema as Record<string, unknown>);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

const show = (v: JsonValue): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** True when a value counts as "not set", as KUDO's empty string does. */
export const isUnset = (v: JsonValue | undefined): boolean =>
  v === undefined || v === null || v === '';

/**
 * Checks one parameter's value; returns the problem in KUDO's words, or
 * undefined. `value` undefined means the instance does not set it.
 */
export function valueProblem(def: ParameterDef, value: JsonValue | undefined): string | undefined {
  if (isUnset(value)) {
    if (def.required && def.default === undefined) {
      return `parameter "${def.name}" is required but has no value set; set spec.parameters.${def.name}`;
    }
    return undefined;
  }
  const v = value as JsonValue;
  const typed = typedValue(def.type, v);
  if (!typed.ok) {
    return `parameter "${def.name}" has an invalid value "${show(v)}": type is "${def.type || 'string'}" but ${typed.problem}`;
  }
  if (def.enum !== undefined) {
    const allowed = def.enum.map((e) => wrapValue(e) ?? '');
    const given = wrapValue(v) ?? '';
    if (
      !allowed.includes(given) &&
      !def.enum.some((e) => JSON.stringify(e) === JSON.stringify(typed.value))
    ) {
      return `parameter "${def.name}" has an invalid value "${show(v)}": value is "${given}", but only allowed values are [${allowed.join(' ')}]`;
    }
  }
  if (def.schema !== undefined) {
    let validate: ValidateFunction;
    try {
      validate = schemaValidator(def.schema);
    } catch (err) {
      return `parameter "${def.name}" has a schema that does not compile (${(err as Error).message}); fix the OperatorVersion`;
    }
    if (!validate(typed.value)) {
      const why = (validate.errors ?? [])
        .map((e) => `${e.instancePath || '(value)'} ${e.message ?? 'is invalid'}`)
        .join('; ');
      return `parameter "${def.name}" has an invalid value "${show(v)}": it does not match its schema: ${why}`;
    }
  }
  return undefined;
}
