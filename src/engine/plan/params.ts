// Parameters as KUDO resolves them, and their digests per trigger plan.
// - Effective values: the instance value, else the default (typed JSON in v1,
//   strings when they came from v1beta1).
// - Render values: KUDO's ParamsMap; string/integer/number/boolean stay Go
//   strings, array and map are parsed from YAML (kudo-semantics.md §3.2).
// - Digests: one per trigger plan over the canonical typed values, so a no-op
//   `kubectl apply` of a KUDO manifest ("3" for 3) triggers nothing (scenario 9e).

import { stableHash } from '../canonical-json.ts';
import { kudoString, templateParams, type TemplateParams } from '../../model/kudo-parameters.ts';
import { checkSchema, isUnset, parseParameterValue } from '../../model/parameter-values.ts';
import type { JsonValue } from '../../model/schema-type.ts';
import { setOwn } from '../../model/clone.ts';
import { isRecord } from '../kobject.ts';
import type { OperatorVersionView, OvParameter } from './ov.ts';

export type ParamValues = Record<string, unknown>;

/** The values a plan runs with: instance values over defaults, for declared parameters only. */
export function effectiveValues(ov: OperatorVersionView, spec: ParamValues): ParamValues {
  const out: ParamValues = {};
  for (const p of ov.parameters) {
    // setOwn: a parameter named "__proto__" is a parameter like any other.
    if (Object.hasOwn(spec, p.name)) setOwn(out, p.name, spec[p.name]);
    else if (p.default !== undefined) setOwn(out, p.name, p.default);
  }
  return out;
}

/**
 * The typed form of a value by its declared type (strings from v1beta1 are
 * parsed the way admission and KUDO parse them); a value that does not parse
 * stays as it is, and checkParameters reports it.
 */
export function canonicalValue(p: OvParameter, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  const parsed = parseParameterValue(p.type, value as JsonValue);
  return parsed.ok ? parsed.value : value;
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
    setOwn(
      (groups[plan] ??= {}),
      p.name,
      Object.hasOwn(values, p.name) ? canonicalValue(p, values[p.name]) : null,
    );
  }
  const out: Record<string, string> = {};
  for (const plan of Object.keys(groups).sort()) out[plan] = stableHash(groups[plan]);
  return out;
}

/**
 * One digest per parameter of its canonical effective value: what an
 * execution records of the values it started with. Status carries no
 * parameter value (issue 11): whoever may read an Instance's status is not
 * necessarily allowed to read the Secrets its values end up in.
 */
export function parameterDigests(
  ov: OperatorVersionView,
  values: ParamValues,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of ov.parameters)
    setOwn(
      out,
      p.name,
      stableHash(Object.hasOwn(values, p.name) ? canonicalValue(p, values[p.name]) : null),
    );
  return out;
}

/** What an execution of the status says of its parameters. */
export interface ExecutionParameters {
  parameterDigests?: Record<string, string>;
  /** Status written before issue 11 (the values themselves): read, never written. */
  parameters?: Record<string, unknown>;
}

/**
 * The parameters that changed since an execution started: those whose digest
 * differs from the one it recorded. None for an execution with the values
 * themselves (status written before issue 11) or with no record.
 */
export function changedSince(
  ov: OperatorVersionView,
  exec: ExecutionParameters | undefined,
  values: ParamValues,
): string[] {
  if (isRecord(exec?.parameters)) return [];
  const started = exec?.parameterDigests;
  if (!isRecord(started)) return [];
  const now = parameterDigests(ov, values);
  return [...new Set([...Object.keys(now), ...Object.keys(started)])]
    .filter((name) => now[name] !== started[name])
    .sort();
}

/**
 * The template parameters an execution renders with. Status keeps digests, not
 * values: the spec's values, without the parameters that changed since the
 * execution started (a template that reads one fails with missingkey=error,
 * naming it, rather than render a value the execution did not start with).
 * Status written before issue 11 still has the values, and they are used.
 */
export function executionParams(
  ov: OperatorVersionView,
  exec: ExecutionParameters | undefined,
  values: ParamValues,
): RenderParams {
  if (isRecord(exec?.parameters)) return renderParams(ov, exec.parameters);
  const p = renderParams(ov, values);
  const changed = changedSince(ov, exec, values);
  if (!p.ok || changed.length === 0) return p;
  const params = { ...p.params };
  for (const name of changed) delete params[name];
  return { ok: true, params };
}

export type RenderParams = TemplateParams;
export { kudoString };

/** KUDO's ParamsMap over the effective values (src/model/kudo-parameters.ts). */
export function renderParams(ov: OperatorVersionView, values: ParamValues): RenderParams {
  return templateParams(ov.parameters, values);
}

/**
 * Problems with the instance's values: undeclared names, missing required
 * values, values of the wrong type, values outside their schema. Each names
 * the parameter. A bad parameter starts no plan and deletes nothing. Values
 * are judged as admission judges them (src/model/parameter-values.ts), so a
 * value admission lets in is one the engine runs with.
 */
export function checkParameters(ov: OperatorVersionView, spec: ParamValues): string[] {
  const problems: string[] = [];
  const declared = new Map(ov.parameters.map((p) => [p.name, p]));
  for (const name of Object.keys(spec).sort()) {
    if (!declared.has(name)) problems.push(`parameter ${name} is not declared by ${ov.name}`);
  }
  for (const p of ov.parameters) {
    const value = spec[p.name] as JsonValue | undefined;
    if (isUnset(value)) {
      if (p.required && p.default === undefined)
        problems.push(`parameter ${p.name} is required and has no default`);
      continue;
    }
    const parsed = parseParameterValue(p.type, value as JsonValue);
    if (!parsed.ok) {
      problems.push(
        `parameter ${p.name}: the value is not a valid ${p.type || 'string'}: ${parsed.problem}`,
      );
      continue;
    }
    if (p.schema) {
      const check = checkSchema(p.schema, parsed.value);
      if (!check.ok && 'compileError' in check) {
        problems.push(`parameter ${p.name}: its schema does not compile (${check.compileError})`);
      } else if (!check.ok) {
        const e = check.errors[0];
        problems.push(
          `parameter ${p.name}: the value ${e ? `${e.path} ${e.message}`.trim() : 'does not match its schema'}`,
        );
      }
    }
  }
  return problems;
}
