// How a typed v1 value is written into a v1beta1 string field, as KUDO wraps
// parameter values (src/model/kudo-parameters.ts): strings as they are,
// arrays and maps as yaml.v2 writes them (YAML 1.1-safe), other scalars as
// their text. `undefined` means "no value" (a JSON null has no v1beta1 form).
import { wrapTyped } from '../kudo-parameters.ts';
import type { JsonValue } from '../schema-type.ts';

export function wrapValue(value: JsonValue | undefined): string | undefined {
  return wrapTyped(value);
}

/** Deep equality of JSON values (object key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const bo = b as Record<string, unknown>;
  return ka.every(
    (k) => Object.hasOwn(bo, k) && jsonEqual((a as Record<string, unknown>)[k], bo[k]),
  );
}

/** JSON text with object keys sorted: stable annotation values. Keeps -0, which JSON.stringify drops. */
export function canonicalJson(value: unknown): string {
  // Plain loops and string concatenation: this runs for every object of a
  // ConversionReview that carries v1-only fields.
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      // JSON.stringify writes a finite number as Number#toString does, and -0 as 0.
      return Object.is(value, -0) ? '-0' : Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'object':
      if (value === null) return 'null';
      break;
    default:
      return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) text += ',';
      text += canonicalJson(value[i] ?? null);
    }
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let text = '{';
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    if (text.length > 1) text += ',';
    text += `${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `${text}}`;
}

export { setOwn } from '../clone.ts';
