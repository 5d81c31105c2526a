// OperatorVersion: v1beta1 <-> v1 (the hub). v1 is a superset of v1beta1 with
// `value-type` renamed to `type` and typed defaults and enums; everything v1
// adds travels in the residual annotation, keyed by list index and name.
//
// The input is never changed. Conversion works on a copy of the parts it
// edits (the parameters, plans and upgrade list) and shares the rest, the
// templates and tasks that make up most of an OperatorVersion.
import { V1, V1BETA1 } from '../names.ts';
import type { JsonValue } from '../schema-type.ts';
import type { v1, v1beta1 } from '../types.ts';
import { locate, putResidual, takeResidual } from './annotation.ts';
import { jsonEqual, setOwn, wrapValue } from './wrap.ts';
import { cloneJson } from '../clone.ts';

type AnySpec = v1.OperatorVersionSpec | v1beta1.OperatorVersionSpec;

/** A copy of spec that conversion may edit: its own parameters (one level), plans and upgrade list. */
function editableSpec<S extends AnySpec>(spec: S): S {
  const out = { ...spec };
  if (Array.isArray(spec.parameters)) {
    (out as { parameters: unknown[] }).parameters = spec.parameters.map((p: object) => ({ ...p }));
  }
  if (spec.plans !== undefined && spec.plans !== null)
    out.plans = cloneJson(spec.plans) as S['plans'];
  if (Array.isArray(spec.upgradableFrom))
    out.upgradableFrom = cloneJson(spec.upgradableFrom) as S['upgradableFrom'];
  return out;
}

interface ParamResidual {
  i: number;
  name?: string;
  default?: { value: JsonValue };
  enum?: JsonValue[];
  schema?: v1.Parameter['schema'];
}
interface StepResidual {
  i: number;
  name?: string;
  timeout?: string;
  onFailure?: v1.OnFailure;
}
interface PhaseResidual {
  i: number;
  name?: string;
  canary?: { steps?: number };
  timeout?: string;
  steps?: StepResidual[];
}
interface PlanResidual {
  timeout?: string;
  onFailure?: v1.OnFailure;
  phases?: PhaseResidual[];
}
interface Residual {
  parameters?: ParamResidual[];
  plans?: Record<string, PlanResidual>;
  healthChecks?: v1.HealthCheck[];
  upgradableFrom?: { i: number; name?: string; versions: string }[];
}

type V1Phase = NonNullable<v1.Plan['phases']>[number];
type V1Step = NonNullable<V1Phase['steps']>[number];

/** Enum values have no "absent": a null becomes the empty string. */
const wrapEnum = (v: JsonValue): string => wrapValue(v) ?? '';

const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length > 0 ? list : undefined);

export function operatorVersionToHub(ov: v1beta1.OperatorVersion): v1.OperatorVersion {
  const { metadata, residual } = takeResidual<Residual>(ov.metadata);
  const out = { ...ov, apiVersion: V1, metadata } as unknown as v1.OperatorVersion;
  if (out.spec === undefined) return out;
  const spec = editableSpec(out.spec);
  out.spec = spec;

  spec.parameters?.forEach((p) => {
    const raw = p as Record<string, unknown>;
    if (Object.hasOwn(raw, 'value-type')) {
      raw.type = raw['value-type'];
      delete raw['value-type'];
    }
  });
  for (const r of residual.parameters ?? []) {
    const p = locate(spec.parameters, r.i, r.name);
    if (p === undefined) continue;
    if (r.default !== undefined && p.default === wrapValue(r.default.value)) {
      p.default = r.default.value;
    }
    if (r.enum !== undefined && jsonEqual(p.enum, r.enum.map(wrapEnum))) p.enum = r.enum;
    if (r.schema !== undefined) p.schema = r.schema;
  }
  for (const [planName, r] of Object.entries(residual.plans ?? {})) {
    const plan = spec.plans?.[planName];
    if (plan === undefined || plan === null) continue;
    if (r.timeout !== undefined) plan.timeout = r.timeout;
    if (r.onFailure !== undefined) plan.onFailure = r.onFailure;
    for (const rp of r.phases ?? []) {
      const phase = locate(plan.phases, rp.i, rp.name);
      if (phase === undefined) continue;
      if (rp.canary !== undefined) phase.canary = rp.canary;
      if (rp.timeout !== undefined) phase.timeout = rp.timeout;
      for (const rs of rp.steps ?? []) {
        const step = locate(phase.steps, rs.i, rs.name);
        if (step === undefined) continue;
        if (rs.timeout !== undefined) step.timeout = rs.timeout;
        if (rs.onFailure !== undefined) step.onFailure = rs.onFailure;
      }
    }
  }
  if (residual.healthChecks !== undefined) spec.healthChecks = residual.healthChecks;
  for (const r of residual.upgradableFrom ?? []) {
    const ref = spec.upgradableFrom?.[r.i];
    if (ref !== undefined && ref.name === r.name) ref.versions = r.versions;
  }
  return out;
}

export function operatorVersionFromHub(ov: v1.OperatorVersion): v1beta1.OperatorVersion {
  const out = { ...ov, apiVersion: V1BETA1 } as unknown as v1beta1.OperatorVersion;
  const spec = ov.spec;
  if (spec === undefined) return out;
  const target = editableSpec(out.spec!);
  out.spec = target;
  const residual: Residual = {};

  const params: ParamResidual[] = [];
  spec.parameters?.forEach((p, i) => {
    const t = target.parameters![i] as Record<string, unknown>;
    if (Object.hasOwn(t, 'type')) {
      t['value-type'] = t.type;
      delete t.type;
    }
    const r: ParamResidual = { i, name: p.name };
    if (Object.hasOwn(p, 'default') && typeof p.default !== 'string') {
      r.default = { value: (p.default ?? null) as JsonValue };
      const wrapped = wrapValue(p.default as JsonValue);
      if (wrapped === undefined) delete t.default;
      else t.default = wrapped;
    }
    if (p.enum !== undefined && p.enum.some((v) => typeof v !== 'string')) {
      r.enum = p.enum as JsonValue[];
      t.enum = p.enum.map((v) => wrapEnum(v as JsonValue));
    }
    if (p.schema !== undefined) {
      r.schema = p.schema;
      delete t.schema;
    }
    if (r.default !== undefined || r.enum !== undefined || r.schema !== undefined) params.push(r);
  });
  residual.parameters = nonEmpty(params);

  const plans: Record<string, PlanResidual> = {};
  for (const [planName, plan] of Object.entries(spec.plans ?? {})) {
    const t = target.plans![planName] as Record<string, unknown> | null;
    if (plan === null || t === null) continue;
    const r: PlanResidual = { timeout: plan.timeout, onFailure: plan.onFailure };
    delete t.timeout;
    delete t.onFailure;
    const phases: PhaseResidual[] = [];
    plan.phases?.forEach((phase: V1Phase, pi) => {
      const tp = (t.phases as Record<string, unknown>[])[pi]!;
      const rp: PhaseResidual = {
        i: pi,
        name: phase.name,
        canary: phase.canary,
        timeout: phase.timeout,
      };
      delete tp.canary;
      delete tp.timeout;
      const steps: StepResidual[] = [];
      phase.steps?.forEach((step: V1Step, si) => {
        const ts = (tp.steps as Record<string, unknown>[])[si]!;
        if (step.timeout !== undefined || step.onFailure !== undefined) {
          steps.push({ i: si, name: step.name, timeout: step.timeout, onFailure: step.onFailure });
        }
        delete ts.timeout;
        delete ts.onFailure;
      });
      rp.steps = nonEmpty(steps);
      if (rp.canary !== undefined || rp.timeout !== undefined || rp.steps !== undefined) {
        phases.push(rp);
      }
    });
    r.phases = nonEmpty(phases);
    if (r.timeout !== undefined || r.onFailure !== undefined || r.phases !== undefined) {
      setOwn(plans, planName, r);
    }
  }
  residual.plans = Object.keys(plans).length > 0 ? plans : undefined;

  if (spec.healthChecks !== undefined) {
    residual.healthChecks = spec.healthChecks;
    delete (target as Record<string, unknown>).healthChecks;
  }
  const upgradable: NonNullable<Residual['upgradableFrom']> = [];
  spec.upgradableFrom?.forEach((ref, i) => {
    if (ref.versions === undefined) return;
    upgradable.push({ i, name: ref.name, versions: ref.versions });
    delete (target.upgradableFrom![i] as Record<string, unknown>).versions;
  });
  residual.upgradableFrom = nonEmpty(upgradable);

  out.metadata = putResidual(ov.metadata, residual as Record<string, unknown>);
  return out;
}
