// Instance: v1beta1 <-> v1 (the hub). Parameter values are strings in v1beta1
// and any JSON in v1; typed values, plan controls and the engine's status
// travel in the residual annotation. v1beta1 strings stay strings in v1:
// conversion never sees the OperatorVersion, so it cannot type them.
import { V1, V1BETA1 } from '../names.ts';
import type { JsonValue } from '../schema-type.ts';
import type { v1, v1beta1 } from '../types.ts';
import { putResidual, takeResidual } from './annotation.ts';
import { setOwn, wrapValue } from './wrap.ts';
import { cloneJson } from '../clone.ts';

interface Residual {
  parameters?: Record<string, JsonValue>;
  planControl?: v1.PlanControl;
  maestro?: v1.EngineStatus;
}

export function instanceToHub(instance: v1beta1.Instance): v1.Instance {
  const { metadata, residual } = takeResidual<Residual>(instance.metadata);
  const out = cloneJson({ ...instance, metadata }) as unknown as v1.Instance;
  out.apiVersion = V1;
  if (residual.parameters !== undefined || residual.planControl !== undefined) {
    out.spec ??= {};
  }
  const spec = out.spec;
  const params = spec?.parameters;
  for (const [name, value] of Object.entries(residual.parameters ?? {})) {
    if (params === undefined) break;
    // Restore the typed value only while v1beta1 still holds what it was written as
    // (a null was written as no entry at all).
    const present = Object.hasOwn(params, name);
    const unchanged = value === null ? !present : present && params[name] === wrapValue(value);
    if (unchanged) setOwn(params, name, value);
  }
  if (residual.planControl !== undefined && spec !== undefined) {
    spec.planControl = residual.planControl;
  }
  if (residual.maestro !== undefined) {
    out.status = { ...out.status, maestro: residual.maestro };
  }
  return out;
}

export function instanceFromHub(instance: v1.Instance): v1beta1.Instance {
  const out = cloneJson(instance) as unknown as v1beta1.Instance;
  out.apiVersion = V1BETA1;
  const residual: Residual = {};
  const params = instance.spec?.parameters;
  if (params !== undefined && out.spec?.parameters !== undefined) {
    const typed: Record<string, JsonValue> = {};
    const target = out.spec.parameters as Record<string, string | undefined>;
    for (const [name, value] of Object.entries(params)) {
      if (typeof value === 'string' || value === undefined) continue;
      setOwn(typed, name, value);
      const wrapped = wrapValue(value);
      if (wrapped === undefined) delete target[name];
      else setOwn(target, name, wrapped);
    }
    if (Object.keys(typed).length > 0) residual.parameters = typed;
  }
  if (instance.spec?.planControl !== undefined) {
    residual.planControl = instance.spec.planControl;
    delete (out.spec as Record<string, unknown>).planControl;
  }
  if (instance.status?.maestro !== undefined) {
    residual.maestro = instance.status.maestro;
    delete (out.status as Record<string, unknown>).maestro;
  }
  out.metadata = putResidual(instance.metadata, residual as Record<string, unknown>);
  return out;
}
