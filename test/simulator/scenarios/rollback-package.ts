// The v1 demo package whose deploy Job (step init) fails into a rollback
// plan: shared by the onFailure.plan engine and scenario tests.
import { loadPackage } from '../../engine/plan/support.ts';
import type { LoadedPackage } from '../../engine/plan/support.ts';
import { demoFiles } from '../../engine/plan/demo-package.ts';

export type Plans = Record<
  string,
  { onFailure?: unknown; phases: { steps: Record<string, unknown>[] }[] }
>;

/** The v1 demo package whose deploy Job (step init) fails into a rollback plan. */
export function withRollback(
  o: { rollbackTasks?: string[]; rollbackOnFailure?: Record<string, unknown> } = {},
): LoadedPackage {
  const p = loadPackage(
    demoFiles({
      operatorApiVersion: 'maestro.dev/v1',
      withCleanup: true,
      extraTasks: `  - name: rollback-config
    kind: Apply
    spec:
      resources: [rollback.yaml]
  - name: rollback-job
    kind: Apply
    spec:
      resources: [rollback-job.yaml]
`,
      extraPlans: `  rollback:
    strategy: serial
    phases:
      - name: rollback
        strategy: serial
        steps:
          - name: restore
            tasks: [${(o.rollbackTasks ?? ['rollback-config']).join(', ')}]
`,
      templates: {
        'rollback.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Name }}-rolled-back
data:
  plan: {{ .PlanName }}
`,
        'rollback-job.yaml': `apiVersion: batch/v1
kind: Job
metadata:
  name: {{ .Name }}-rollback
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: rollback
          image: busybox
`,
      },
    }),
  );
  const plans = (p.ov.spec as { plans: Plans }).plans;
  plans.deploy!.phases[0]!.steps[2]!.onFailure = {
    retries: 1,
    backoffSeconds: 10,
    plan: 'rollback',
  };
  if (o.rollbackOnFailure) plans.rollback!.onFailure = o.rollbackOnFailure;
  return p;
}
