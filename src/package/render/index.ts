// `render --raw`: the raw output of every template, before KUDO's
// post-processing. Pure; templates go through TemplateSupport. (What a plan
// emits is the engine's renderer, src/engine/plan/render-plan.ts, the one
// /sync runs.)
import { packageResources } from '../resources.ts';
import type { Package } from '../types.ts';
import { paramsMap, pipesMap, templateVariables } from '../variables.ts';
import type { TemplateSupport } from '../verify/template-support.ts';

export interface RenderOptions {
  instance: string;
  namespace: string;
  plan: string;
  /** .PhaseName and .StepName for --raw (a plan render uses each step's own). */
  phase: string;
  step: string;
  /** Instance parameter values in KUDO's string form. */
  values: Record<string, string>;
}

export type RawResult = Record<string, { ok: true; out: string } | { ok: false; err: string }>;

interface Prepared {
  params: Record<string, unknown>;
  pipes: Record<string, string>;
}

function prepare(
  pkg: Package,
  o: RenderOptions,
): { ok: true; p: Prepared } | { ok: false; error: string } {
  const ov = packageResources(pkg, o.instance).operatorVersion.spec!;
  const declared = new Set((ov.parameters ?? []).map((p) => p.name));
  for (const name of Object.keys(o.values)) {
    if (!declared.has(name))
      return {
        ok: false,
        error: `parameter ${JSON.stringify(name)} is not declared in params.yaml`,
      };
  }
  const missing = (ov.parameters ?? [])
    .filter(
      (p) =>
        p.required === true && p.default === undefined && (o.values[p.name ?? ''] ?? '') === '',
    )
    .map((p) => p.name);
  if (missing.length > 0)
    return { ok: false, error: `missing required parameters: ${missing.join(',')}` };
  const params = paramsMap(ov.parameters ?? [], o.values);
  if (!params.ok) return { ok: false, error: params.error };
  const plan = pkg.operator.plans?.[o.plan];
  let pipes: Record<string, string> = {};
  if (plan !== undefined) {
    const p = pipesMap(o.instance, o.plan, plan, pkg.operator.tasks ?? []);
    if (!p.ok) return { ok: false, error: p.error };
    pipes = p.pipes;
  }
  return { ok: true, p: { params: params.params, pipes } };
}

function variables(pkg: Package, o: RenderOptions, p: Prepared, phase: string, step: string) {
  return templateVariables({
    operatorName: pkg.operator.name ?? '',
    name: o.instance,
    namespace: o.namespace,
    appVersion: pkg.operator.appVersion ?? '',
    operatorVersion: pkg.operator.operatorVersion ?? '',
    planName: o.plan,
    phaseName: phase,
    stepName: step,
    params: p.params,
    pipes: p.pipes,
  });
}

/** `render --raw`: every template's output before post-processing. */
export function renderRaw(
  pkg: Package,
  support: TemplateSupport,
  o: RenderOptions,
): RawResult | { error: string } {
  const prepared = prepare(pkg, o);
  if (!prepared.ok) return { error: prepared.error };
  const data = variables(pkg, o, prepared.p, o.phase, o.step);
  const out: RawResult = {};
  for (const [name, text] of Object.entries(pkg.templates)) {
    const r = support.render(name, text, data);
    out[name] = r.ok ? { ok: true, out: r.out } : { ok: false, err: r.error };
  }
  return out;
}
