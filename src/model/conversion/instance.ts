// Instance: v1beta1 <-> v1 (the hub). Parameter values are strings in v1beta1
// and any JSON in v1; typed values, plan controls and the engine's status
// travel in the residual annotation. v1beta1 strings stay strings in v1:
// conversion never sees the OperatorVersion, so it cannot type them.
//
// Copy on write: the input is never changed, and the result shares every
// part that conversion leaves as it is (most of an Instance), so converting
// a list costs little more than reading it. Only the objects on the path to a
// changed field are copied.
import { V1, V1BETA1 } from '../names.ts';
import type { JsonValue } from '../schema-type.ts';
import type { v1, v1beta1 } from '../types.ts';
import { putResidual, takeResidual } from './annotation.ts';
import { setOwn, wrapValue } from './wrap.ts';

interface Residual {
  parameters?: Record<string, JsonValue>;
  planControl?: v1.PlanControl;
  maestro?: v1.EngineStatus;
}

type Params = Record<string, unknown>;

export function instanceToHub(instance: v1beta1.Instance): v1.Instance {
  const { metadata, residual } = takeResidual<Residual>(instance.metadata);
  const out = { ...instance, apiVersion: V1, metadata } as unknown as v1.Instance;
  if (residual.parameters !== undefined || residual.planControl !== undefined) {
    const spec: v1.InstanceSpec = { ...(out.spec ?? {}) };
    out.spec = spec;
    const params = spec.parameters as Params | undefined;
    let restored: Params | undefined;
    for (const [name, value] of Object.entries(residual.parameters ?? {})) {
      if (params === undefined) break;
      // Restore the typed value only while v1beta1 still holds what it was written as
      // (a null was written as no entry at all).
      const present = Object.hasOwn(params, name);
      const unchanged = value === null ? !present : present && params[name] === wrapValue(value);
      if (!unchanged) continue;
      restored ??= { ...params };
      setOwn(restored, name, value);
    }
    if (restored !== undefined) spec.parameters = restored as v1.InstanceSpec['parameters'];
    if (residual.planControl !== undefined) spec.planControl = residual.planControl;
  }
  if (residual.maestro !== undefined) {
    out.status = { ...out.status, maestro: residual.maestro };
  }
  return out;
}

export function instanceFromHub(instance: v1.Instance): v1beta1.Instance {
  const out = { ...instance, apiVersion: V1BETA1 } as unknown as v1beta1.Instance;
  const residual: Residual = {};
  const spec = instance.spec;
  const params = spec?.parameters as Params | undefined;
  let outSpec: Record<string, unknown> | undefined;
  if (params !== undefined) {
    const typed: Record<string, JsonValue> = {};
    let target: Params | undefined;
    // Object.keys, not Object.entries: a 200-parameter map is a dictionary-mode
    // object, and entries() costs four times as much on those.
    for (const name of Object.keys(params)) {
      const value = params[name];
      if (typeof value === 'string' || value === undefined) continue;
      setOwn(typed, name, value);
      target ??= { ...params };
      const wrapped = wrapValue(value as JsonValue);
      if (wrapped === undefined) delete target[name];
      else setOwn(target, name, wrapped);
    }
    if (target !== undefined) {
      residual.parameters = typed;
      outSpec = { ...spec, parameters: target };
    }
  }
  if (spec?.planControl !== undefined) {
    residual.planControl = spec.planControl;
    const { planControl: _moved, ...rest } = (outSpec ?? spec) as Record<string, unknown>;
    outSpec = rest;
  }
  if (outSpec !== undefined) out.spec = outSpec as v1beta1.Instance['spec'];
  if (instance.status?.maestro !== undefined) {
    residual.maestro = instance.status.maestro;
    const { maestro: _moved, ...rest } = instance.status as Record<string, unknown>;
    out.status = rest as v1beta1.Instance['status'];
  }
  out.metadata = putResidual(instance.metadata, residual as Record<string, unknown>);
  return out;
}
