// Parameters as KUDO resolves them, and their digests per trigger plan.
// - Effective values: the instance value, else the default (typed JSON in v1,
//   strings when they came from v1beta1).
// - Render values: KUDO's ParamsMap; string/integer/number/boolean stay Go
//   strings, array and map are parsed from YAML (kudo-semantics.md §3.2).
// - Digests: one per trigger plan over the canonical typed values, so a no-op
//   `kubectl apply` of a KUDO manifest ("3" for 3) triggers nothing (scenario 9e).

import { Ajv } from 'ajv';
import { parse, stringify } from 'yaml';
import { stableHash } from '../canonical-json.ts';
import { goFloat } from '../../package/go-format.ts';
import { isRecord } from '../kobject.ts';
import type { OperatorVersionView, OvParameter } from './ov.ts';

export type ParamValues = Record<string, unknown>;

/** The values a plan runs with: instance values over defaults, for declared parameters only. */
export function effectiveValues(ov: OperatorVersionView, spec: ParamValues): ParamValues {
  const out: ParamValues = {};
  for (const p of ov.parameters) {
    if (Object.hasOwn(spec, p.name)) out[p.name] = spec[p.name];
    else if (p.default !== undefined) out[p.name] = p.default;
  }
  return out;
}

/** KUDO's string form of a value (what a v1beta1 Instance would hold). */
export function kudoString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return goFloat(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null || value === undefined) return '';
  return stringify(value, { sortMapEntries: true });
}

/** The typed form of a value by its declared type; strings from v1beta1 are parsed. */
export function canonicalValue(p: OvParameter, value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  switch (p.type) {
    case 'integer':
    case 'number': {
      const n = Number(value);
      return value.trim() !== '' && Number.isFinite(n) ? n : value;
    }
    case 'boolean':
      return value === 'true' ? true : value === 'false' ? false : value;
    case 'array':
    case 'map':
      try {
        return parse(value, { version: '1.1' }) ?? null;
      } catch {
        return value;
      }
    default:
      return value;
  }
}

/** The plan a parameter triggers: its own, else update, else deploy (KUDO's fallback). */
export function triggerOf(ov: OperatorVersionView, p: OvParameter): string {
  if (p.trigger) return p.trigger;
  return ov.plans.has('update') ? 'update' : 'deploy';
}

/** One digest per trigger plan of the canonical effective values of its parameters. */
export function triggerDigests(
  ov: OperatorVersionView,
  values: ParamValues,
): Record<string, string> {
  const groups: Record<string, Record<string, unknown>> = {};
  for (const p of ov.parameters) {
    const plan = triggerOf(ov, p);
    (groups[plan] ??= {})[p.name] = Object.hasOwn(values, p.name)
      ? canonicalValue(p, values[p.name])
      : null;
  }
  const out: Record<string, string> = {};
  for (const plan of Object.keys(groups).sort()) out[plan] = stableHash(groups[plan]);
  return out;
}

export type RenderParams =
  { ok: true; params: Record<string, unknown> } | { ok: false; error: string };

/** KUDO's ParamsMap over the effective values. */
export function renderParams(ov: OperatorVersionView, values: ParamValues): RenderParams {
  const params: Record<string, unknown> = {};
  for (const p of ov.parameters) {
    const text = Object.hasOwn(values, p.name) ? kudoString(values[p.name]) : '';
    if (p.type === 'array' || p.type === 'map') {
      const raw = values[p.name];
      let value: unknown;
      if (typeof raw !== 'string' && raw !== undefined) {
        // Typed v1 value: already the parsed form; numbers are float64 either way.
        value = raw;
      } else {
        try {
          value = parse(text, { version: '1.1' }) ?? null;
        } catch (err) {
          return {
            ok: false,
            error: `parameter ${p.name}: ${(err as Error).message.split('\n')[0]}`,
          };
        }
      }
      if (p.type === 'array' && value !== null && !Array.isArray(value)) {
        return {
          ok: false,
          error: `parameter ${p.name}: type is "array" but value is not an array`,
        };
      }
      params[p.name] = p.type === 'array' ? (value ?? []) : value;
    } else {
      params[p.name] = text;
    }
  }
  return { ok: true, params };
}

const ajv = new Ajv({ strict: false, allErrors: false });
const compiled = new Map<string, ReturnType<typeof ajv.compile>>();

/**
 * Problems with the instance's values: undeclared names, missing required
 * values, values of the wrong type, values outside their schema. Each names
 * the parameter. A bad parameter starts no plan and deletes nothing.
 */
export function checkParameters(ov: OperatorVersionView, spec: ParamValues): string[] {
  const problems: string[] = [];
  const declared = new Map(ov.parameters.map((p) => [p.name, p]));
  for (const name of Object.keys(spec).sort()) {
    if (!declared.has(name)) problems.push(`parameter ${name} is not declared by ${ov.name}`);
  }
  for (const p of ov.parameters) {
    const has = Object.hasOwn(spec, p.name);
    if (p.required && !has && p.default === undefined) {
      problems.push(`parameter ${p.name} is required and has no default`);
      continue;
    }
    if (!has) continue;
    const v = canonicalValue(p, spec[p.name]);
    const bad =
      (p.type === 'integer' && !(typeof v === 'number' && Number.isInteger(v))) ||
      (p.type === 'number' && typeof v !== 'number') ||
      (p.type === 'boolean' && typeof v !== 'boolean') ||
      (p.type === 'array' && v !== null && !Array.isArray(v)) ||
      (p.type === 'map' && v !== null && !isRecord(v));
    if (bad) {
      problems.push(
        `parameter ${p.name}: ${JSON.stringify(spec[p.name])} is not a valid ${p.type}`,
      );
      continue;
    }
    if (p.schema) {
      const key = JSON.stringify(p.schema);
      let validate = compiled.get(key);
      if (!validate) {
        try {
          validate = ajv.compile(p.schema);
        } catch (err) {
          problems.push(
            `parameter ${p.name}: its schema does not compile (${(err as Error).message})`,
          );
          continue;
        }
        compiled.set(key, validate);
      }
      if (!validate(v)) {
        const e = validate.errors?.[0];
        problems.push(
          `parameter ${p.name}: ${JSON.stringify(v)} ${e ? `${e.instancePath || ''} ${e.message ?? ''}`.trim() : 'does not match its schema'}`,
        );
      }
    }
  }
  return problems;
}
