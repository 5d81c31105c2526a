// KUDO's PipesMap for the engine's view of an OperatorVersion: `.Pipes.<key>`
// is the artifact name of every pipe key of the current plan's Pipe tasks.

import type { OperatorVersionView } from '../plan/ov.ts';
import { artifactName } from './names.ts';

export function pipesOfPlan(
  ov: OperatorVersionView,
  instance: string,
  planName: string,
): Record<string, string> {
  const pipes: Record<string, string> = {};
  const plan = ov.plans.get(planName);
  if (!plan) return pipes;
  for (const phase of plan.phases)
    for (const step of phase.steps)
      for (const task of step.tasks) {
        const t = ov.tasks.get(task);
        if (t?.kind !== 'Pipe') continue;
        const entries = (t.spec as { pipe?: unknown }).pipe;
        for (const e of Array.isArray(entries) ? entries : []) {
          const key = (e as { key?: unknown } | null)?.key;
          if (typeof key !== 'string' || key === '' || Object.hasOwn(pipes, key)) continue;
          pipes[key] = artifactName(
            { instance, plan: planName, phase: phase.name, step: step.name, task },
            key,
          );
        }
      }
  return pipes;
}
