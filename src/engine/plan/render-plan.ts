// `maestro render`: what a plan emits, step by step, through the same
// renderStep that /sync runs (src/engine/plan/render.ts). So the objects
// render prints for a step are the bodies the first sync of that step emits,
// less the provenance annotations (maestro.dev/execution, hash, ...) that
// only a running execution has.

import type { DeclaredType } from '../api-versions.ts';
import { identityKey, identityOf } from '../identity.ts';
import type { KObject } from '../kobject.ts';
import { viewOperatorVersion } from './ov.ts';
import type { OperatorVersionView } from './ov.ts';
import { checkParameters, effectiveValues, renderParams } from './params.ts';
import type { ParamValues } from './params.ts';
import { renderStep } from './render.ts';
import type { RenderedTask, StepContext } from './render.ts';

export interface PlanRenderOptions {
  instance: string;
  /** The namespace of namespaced children (an Instance's, or a ClusterInstance's spec.namespace). */
  namespace: string;
  /** Render for a ClusterInstance: cluster-scoped kinds are children, not a failed step. */
  clusterParent?: boolean;
  /** Custom kinds whose CRD says `scope: Cluster` (they get no namespace). */
  clusterKinds?: readonly string[];
  plan: string;
  /** The Instance's spec.parameters: KUDO strings (v1beta1) or typed values (v1). */
  values: ParamValues;
  /** Child types the CompositeController declares (`maestro manifests` prints them). */
  declared: readonly DeclaredType[];
  /** The Instance uid: seeds the random functions. */
  instanceUid?: string;
  /** What `now` returns in templates (the execution's start in /sync). */
  nowMs?: number;
  /** The execution id a Pipe task's Job is named after (default `render`). */
  execution?: string;
  /** The `maestro pipe publish` image for Pipe tasks. */
  pipeImage?: string;
}

export interface RenderedPlanStep {
  phase: string;
  step: string;
  tasks: RenderedTask[];
}

export interface PlanRender {
  /** The children once every step has run: applied, minus deleted, in order of first apply. */
  objects: KObject[];
  /** Each step's own render, in plan order (what its first sync emits). */
  steps: RenderedPlanStep[];
  errors: string[];
  /** Set when the parameter values are what is wrong (the CLI's error code). */
  invalidParameters?: boolean;
  /** Tasks that emit nothing (Dummy) or only at run time (Pipe). */
  notes: string[];
}

/** The step context /sync builds for an execution, for a render outside any cluster. */
export function stepContext(
  o: PlanRenderOptions,
  params: Record<string, unknown>,
  phase: string,
  step: string,
): StepContext {
  return {
    instanceName: o.instance,
    namespace: o.namespace,
    ...(o.clusterParent === true && { clusterParent: true }),
    ...(o.clusterKinds !== undefined &&
      o.clusterKinds.length > 0 && { clusterKinds: o.clusterKinds }),
    instanceUid: o.instanceUid ?? '',
    plan: o.plan,
    phase,
    step,
    params,
    nowMs: o.nowMs ?? 0,
    declared: o.declared,
    execution: o.execution ?? 'render',
    ...(o.pipeImage !== undefined && { pipeImage: o.pipeImage }),
  };
}

/** Renders every step of a plan of a v1 OperatorVersion object. */
export function renderPlan(
  operatorVersion: Record<string, unknown>,
  o: PlanRenderOptions,
): PlanRender {
  return renderPlanOf(viewOperatorVersion(operatorVersion), o);
}

export function renderPlanOf(ov: OperatorVersionView, o: PlanRenderOptions): PlanRender {
  const result: PlanRender = { objects: [], steps: [], errors: [], notes: [] };
  const plan = ov.plans.get(o.plan);
  if (plan === undefined) {
    result.errors.push(`plan ${JSON.stringify(o.plan)} is not defined in ${ov.name}`);
    return result;
  }
  // As /sync: bad parameters start no plan.
  const problems = checkParameters(ov, o.values);
  if (problems.length > 0) {
    result.errors.push(...problems);
    result.invalidParameters = true;
    return result;
  }
  const params = renderParams(ov, effectiveValues(ov, o.values));
  if (!params.ok) {
    result.errors.push(params.error);
    return result;
  }
  const children = new Map<string, KObject>();
  for (const phase of plan.phases) {
    for (const step of phase.steps) {
      const r = renderStep(ov, step.tasks, stepContext(o, params.params, phase.name, step.name));
      if (!r.ok) {
        result.errors.push(r.failure.message);
        continue;
      }
      result.steps.push({ phase: phase.name, step: step.name, tasks: r.tasks });
      for (const t of r.tasks) {
        const where = `${o.plan}.${phase.name}.${step.name}.${t.task}`;
        if (t.mode === 'dummy') result.notes.push(`${where}: ${t.kind} task emits no children`);
        if (t.mode === 'pipe')
          result.notes.push(
            `${where}: Pipe task; its Job and artifacts are shown as a run creates them`,
          );
        // A Pipe task's Job and artifacts exist only while a run fills them.
        if (t.mode === 'pipe') continue;
        for (const obj of t.objects) {
          const key = identityKey(identityOf(obj.body));
          children.delete(key);
          if (t.mode !== 'delete') children.set(key, obj.body);
        }
      }
    }
  }
  result.objects = [...children.values()];
  return result;
}
