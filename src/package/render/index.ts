// `render`: what a plan of a package emits, or the raw output of every
// template. Pure; templates go through TemplateSupport.
import { parse } from 'yaml';
import { V1, kudoAnnotations, labels, operatorVersionName } from '../../model/names.ts';
import { splitManifests } from '../manifests.ts';
import { packageResources } from '../resources.ts';
import type { Package, PackageTask } from '../types.ts';
import { paramsMap, pipesMap, templateVariables } from '../variables.ts';
import type { TemplateSupport } from '../verify/template-support.ts';
import { enhance } from './enhance.ts';
import { goYaml } from '../go-yaml.ts';
import { goParseBool } from '../../model/parameter-values.ts';
import { kudoString } from '../../model/kudo-parameters.ts';

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
type Obj = Record<string, unknown>;

/** Parameter values given as YAML (a -P file): KUDO's string form of each. */
export const stringifyParameterValue = kudoString;

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

export interface PlanRender {
  objects: Obj[];
  errors: string[];
  /** Tasks whose children only exist at run time (Pipe), or that emit nothing (Dummy). */
  notes: string[];
}

const identity = (o: Obj): string => {
  const apiVersion = String(o.apiVersion ?? '');
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const meta = (o.metadata ?? {}) as Obj;
  return [group, String(o.kind), String(meta.namespace ?? ''), String(meta.name ?? '')].join(
    '\u0000',
  );
};

/** The children a plan emits once all of its steps have run, post-processed as KUDO does. */
export function renderPlan(pkg: Package, support: TemplateSupport, o: RenderOptions): PlanRender {
  const result: PlanRender = { objects: [], errors: [], notes: [] };
  const plan = pkg.operator.plans?.[o.plan];
  if (plan === undefined) {
    result.errors.push(`plan ${JSON.stringify(o.plan)} is not defined in operator.yaml`);
    return result;
  }
  const prepared = prepare(pkg, o);
  if (!prepared.ok) {
    result.errors.push(prepared.error);
    return result;
  }
  const children = new Map<string, Obj>();
  const tasks = new Map((pkg.operator.tasks ?? []).map((t) => [t.name ?? '', t] as const));
  for (const phase of plan.phases ?? []) {
    for (const step of phase.steps ?? []) {
      const ctx = {
        operatorName: pkg.operator.name ?? '',
        instanceName: o.instance,
        namespace: o.namespace,
        operatorVersion: pkg.operator.operatorVersion ?? '',
        planName: o.plan,
        phaseName: phase.name ?? '',
        stepName: step.name ?? '',
      };
      const data = variables(pkg, o, prepared.p, ctx.phaseName, ctx.stepName);
      const renderAll = (task: PackageTask): Obj[] | undefined => {
        const objs: Obj[] = [];
        for (const name of task.spec?.resources ?? []) {
          const text = pkg.templates[name];
          if (text === undefined) {
            result.errors.push(
              `task ${task.name}: template ${JSON.stringify(name)} is not defined`,
            );
            return undefined;
          }
          const r = support.render(name, text, data);
          if (!r.ok) {
            result.errors.push(`${name}: ${r.error}`);
            return undefined;
          }
          const parsed = splitManifests(r.out);
          if (!parsed.ok) {
            result.errors.push(`parsing rendered YAML from ${name} failed: ${parsed.error}`);
            return undefined;
          }
          objs.push(...parsed.objects.map((obj) => enhance(obj, ctx)));
        }
        return objs;
      };
      for (const taskName of step.tasks ?? []) {
        const task = tasks.get(taskName);
        if (task === undefined) {
          result.errors.push(`task ${JSON.stringify(taskName)} is not defined`);
          continue;
        }
        let mode: 'apply' | 'delete' | undefined;
        if (task.kind === 'Apply') mode = 'apply';
        else if (task.kind === 'Delete') mode = 'delete';
        else if (task.kind === 'Toggle') {
          const value = String(prepared.p.params[task.spec?.parameter ?? ''] ?? '');
          // A Toggle reads its parameter with Go's strconv.ParseBool, as KUDO does.
          const on = goParseBool(value);
          if ('value' in on) mode = on.value ? 'apply' : 'delete';
          else {
            result.errors.push(
              `task ${taskName}: parameter ${task.spec?.parameter} is ${JSON.stringify(value)}, not a boolean`,
            );
            continue;
          }
        } else if (task.kind === 'KudoOperator') {
          const child = childInstance(pkg, support, o, prepared.p, task, ctx);
          if (typeof child === 'string') result.errors.push(child);
          else children.set(identity(child), child);
          continue;
        } else {
          result.notes.push(
            `${o.plan}.${ctx.phaseName}.${ctx.stepName}.${taskName}: ${task.kind} task emits no rendered children`,
          );
          continue;
        }
        const objs = renderAll(task);
        if (objs === undefined) continue;
        for (const obj of objs) {
          if (mode === 'apply') {
            children.delete(identity(obj));
            children.set(identity(obj), obj);
          } else children.delete(identity(obj));
        }
      }
    }
  }
  result.objects = [...children.values()];
  return result;
}

/** A KudoOperator task's child Instance, with parameters from its rendered parameter file. */
function childInstance(
  pkg: Package,
  support: TemplateSupport,
  o: RenderOptions,
  p: Prepared,
  task: PackageTask,
  ctx: Parameters<typeof enhance>[1],
): Obj | string {
  const spec = task.spec ?? {};
  const parameters: Record<string, string> = {};
  if ((spec.parameterFile ?? '') !== '') {
    const text = pkg.templates[spec.parameterFile!];
    if (text === undefined)
      return `task ${task.name}: template ${JSON.stringify(spec.parameterFile)} is not defined`;
    const data = {
      OperatorName: pkg.operator.name ?? '',
      Name: o.instance,
      Namespace: o.namespace,
      AppVersion: pkg.operator.appVersion ?? '',
      OperatorVersion: pkg.operator.operatorVersion ?? '',
      Params: p.params,
    };
    const r = support.render(spec.parameterFile!, text, data);
    if (!r.ok) return `${spec.parameterFile}: ${r.error}`;
    let values: unknown;
    try {
      values = parse(r.out, goYaml) ?? {};
    } catch (err) {
      return `${spec.parameterFile}: ${(err as Error).message.split('\n')[0]}`;
    }
    if (typeof values !== 'object' || Array.isArray(values) || values === null) {
      return `${spec.parameterFile}: the rendered parameter file is not a map`;
    }
    for (const [k, v] of Object.entries(values)) parameters[k] = stringifyParameterValue(v);
  }
  const pkgName = spec.package ?? '';
  // Not enhanced like other children: its operator labels name the child's operator,
  // which is what that operator's CompositeController selects on.
  return {
    apiVersion: V1,
    kind: 'Instance',
    metadata: {
      name: (spec.instanceName ?? '') !== '' ? spec.instanceName : `${o.instance}-${pkgName}`,
      namespace: o.namespace,
      labels: {
        [labels.kudoOperator]: pkgName,
        [labels.managedBy]: 'maestro',
        [labels.operator]: pkgName,
      },
      annotations: {
        [kudoAnnotations.plan]: ctx.planName,
        [kudoAnnotations.phase]: ctx.phaseName,
        [kudoAnnotations.step]: ctx.stepName,
      },
    },
    spec: {
      operatorVersion: {
        name: operatorVersionName(pkgName, spec.appVersion, spec.operatorVersion ?? ''),
      },
      parameters,
    },
  };
}
