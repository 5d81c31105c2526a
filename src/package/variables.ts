// The variables KUDO passes to templates (kudo-semantics.md §3.2):
// .Params (typed as KUDO types them), .Pipes, .Name, .Namespace,
// .OperatorName, .OperatorVersion, .AppVersion, .PlanName, .PhaseName, .StepName.
import { templateDecls, templateParams } from '../model/kudo-parameters.ts';
import { pipeArtifactName } from '../model/names.ts';
import type { PackagePlan, PackageTask } from './types.ts';

export interface ParamDecl {
  name?: string;
  default?: string;
  /** KUDO's value-type (v1beta1 and the CRD form). */
  'value-type'?: string;
  /** The package and v1 spelling of the same. */
  type?: string;
}

/**
 * KUDO's ParamsMap over an OperatorVersion's parameters (either spelling of
 * the type): src/model/kudo-parameters.ts, shared with the plan engine.
 */
export function paramsMap(
  decls: ParamDecl[],
  values: Record<string, string>,
): { ok: true; params: Record<string, unknown> } | { ok: false; error: string } {
  return templateParams(templateDecls(decls), values);
}

/** KUDO's PipesMap: the artifact name of every pipe key of a plan's Pipe tasks. */
export function pipesMap(
  instance: string,
  planName: string,
  plan: PackagePlan,
  tasks: PackageTask[],
): { ok: true; pipes: Record<string, string> } | { ok: false; error: string } {
  const pipes: Record<string, string> = {};
  for (const phase of plan.phases ?? []) {
    for (const step of phase.steps ?? []) {
      for (const taskName of step.tasks ?? []) {
        const task = tasks.find((t) => t.name === taskName);
        if (task?.kind !== 'Pipe') continue;
        for (const pipe of task.spec?.pipe ?? []) {
          const key = pipe.key ?? '';
          if (Object.hasOwn(pipes, key)) return { ok: false, error: `duplicated pipe key ${key}` };
          pipes[key] = pipeArtifactName(
            {
              instance,
              plan: planName,
              phase: phase.name ?? '',
              step: step.name ?? '',
              task: taskName,
            },
            key,
          );
        }
      }
    }
  }
  return { ok: true, pipes };
}

export interface TemplateContext {
  operatorName: string;
  name: string;
  namespace: string;
  appVersion: string;
  operatorVersion: string;
  planName: string;
  phaseName: string;
  stepName: string;
  params: Record<string, unknown>;
  pipes: Record<string, string>;
}

export function templateVariables(c: TemplateContext): Record<string, unknown> {
  return {
    OperatorName: c.operatorName,
    Name: c.name,
    Namespace: c.namespace,
    AppVersion: c.appVersion,
    OperatorVersion: c.operatorVersion,
    PlanName: c.planName,
    PhaseName: c.phaseName,
    StepName: c.stepName,
    Params: c.params,
    Pipes: c.pipes,
  };
}

/** The names templates may use at the root (KUDO's WithDefaults). */
export const implicitNames = new Set([
  'OperatorName',
  'Name',
  'Namespace',
  'AppVersion',
  'OperatorVersion',
  'PlanName',
  'PhaseName',
  'StepName',
]);
