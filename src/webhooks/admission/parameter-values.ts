// Parameter values against their definitions, as KUDO's Parameter.ValidateValue
// does for v1beta1 strings, extended to v1's typed values and JSON Schemas.
// v1beta1 values are strings (arrays and maps as YAML text); v1 values are
// any JSON, or strings that came from v1beta1 and are read the KUDO way.
// Reading a value by its type is shared with package verify and the plan
// engine (src/model/parameter-values.ts); the wording here is admission's.
import { wrapValue } from '../../model/conversion/wrap.ts';
import { checkSchema, isUnset, parseParameterValue } from '../../model/parameter-values.ts';
import type { JsonValue } from '../../model/schema-type.ts';
import type { OvParameter } from '../../engine/plan/ov.ts';
import { stringifyJsonExact } from '../../model/json.ts';

const show = (v: JsonValue): string => (typeof v === 'string' ? v : stringifyJsonExact(v));

/**
 * Checks one parameter's value; returns the problem in KUDO's words, or
 * undefined. `value` undefined means the instance does not set it.
 */
export function valueProblem(def: OvParameter, value: JsonValue | undefined): string | undefined {
  if (isUnset(value)) {
    if (def.required && def.default === undefined) {
      return `parameter "${def.name}" is required but has no value set; set spec.parameters.${def.name}`;
    }
    return undefined;
  }
  const v = value as JsonValue;
  const typed = parseParameterValue(def.type, v);
  if (!typed.ok) {
    return `parameter "${def.name}" has an invalid value "${show(v)}": type is "${def.type || 'string'}" but ${typed.problem}`;
  }
  if (def.enum !== undefined) {
    const allowed = def.enum.map((e) => wrapValue(e) ?? '');
    const given = wrapValue(v) ?? '';
    if (
      !allowed.includes(given) &&
      !def.enum.some((e) => stringifyJsonExact(e) === stringifyJsonExact(typed.value))
    ) {
      return `parameter "${def.name}" has an invalid value "${show(v)}": value is "${given}", but only allowed values are [${allowed.join(' ')}]`;
    }
  }
  if (def.schema !== undefined) {
    const check = checkSchema(def.schema, typed.value);
    if (!check.ok && 'compileError' in check) {
      return `parameter "${def.name}" has a schema that does not compile (${check.compileError}); fix the OperatorVersion`;
    }
    if (!check.ok) {
      const why = check.errors.map((e) => `${e.path || '(value)'} ${e.message}`).join('; ');
      return `parameter "${def.name}" has an invalid value "${show(v)}": it does not match its schema: ${why}`;
    }
  }
  return undefined;
}
