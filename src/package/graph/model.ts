// What `maestro plan graph` draws, read from a package (pure): each plan's
// phases in order with their strategy, the steps and the tasks they run with
// the templates those apply, which parameters trigger which plan, onFailure
// edges, and the operators that KudoOperator tasks install.
import type { Package, PackageTask } from '../types.ts';

export interface GraphTask {
  name: string;
  kind: string;
  /** What the task applies or reads: templates, a pipe pod and its files, a toggle parameter. */
  uses: string[];
  /** For a KudoOperator task: the operator it installs. */
  dependency?: { package: string; version: string; instanceName?: string };
}

export interface GraphStep {
  name: string;
  tasks: GraphTask[];
  timeout?: string;
  retries?: number;
  action?: string;
  onFailurePlan?: string;
}

export interface GraphPhase {
  name: string;
  strategy: string;
  timeout?: string;
  canarySteps?: number;
  steps: GraphStep[];
}

export interface GraphPlan {
  name: string;
  strategy: string;
  timeout?: string;
  onFailurePlan?: string;
  /** Parameters whose change starts this plan, in params.yaml order. */
  triggers: string[];
  phases: GraphPhase[];
}

export interface PlanGraph {
  operator: string;
  version: string;
  plans: GraphPlan[];
}

/** KUDO's default trigger: the parameter's own, else update, else deploy. */
export function triggerPlan(pkg: Package, trigger: string | undefined): string {
  if (trigger !== undefined && trigger !== '') return trigger;
  return Object.hasOwn(pkg.operator.plans ?? {}, 'update') ? 'update' : 'deploy';
}

function taskOf(name: string, t: PackageTask | undefined): GraphTask {
  if (t === undefined) return { name, kind: 'undefined', uses: [] };
  const spec = t.spec ?? {};
  const kind = t.kind ?? '';
  const out: GraphTask = { name, kind, uses: [] };
  switch (kind) {
    case 'Apply':
    case 'Delete':
      out.uses = [...(spec.resources ?? [])];
      break;
    case 'Toggle':
      out.uses = [`if ${spec.parameter ?? '?'}:`, ...(spec.resources ?? [])];
      break;
    case 'Pipe':
      out.uses = [
        `pod ${spec.pod ?? '?'}`,
        ...(spec.pipe ?? []).map(
          (p) => `${p.file ?? p.envFile ?? '?'} → ${p.kind ?? '?'} ${p.key ?? '?'}`,
        ),
      ];
      break;
    case 'KudoOperator':
      out.dependency = {
        package: spec.package ?? '',
        version: [spec.appVersion, spec.operatorVersion].filter((v) => v).join('-') || 'latest',
        ...(spec.instanceName && { instanceName: spec.instanceName }),
      };
      if (spec.parameterFile) out.uses = [`parameters ${spec.parameterFile}`];
      break;
  }
  return out;
}

/** Plans in a stable order: deploy, update, upgrade, cleanup first, then by name. */
function planOrder(names: string[]): string[] {
  const first = ['deploy', 'update', 'upgrade', 'cleanup'];
  return [
    ...first.filter((n) => names.includes(n)),
    ...names.filter((n) => !first.includes(n)).sort(),
  ];
}

export function planGraph(pkg: Package): PlanGraph {
  const plans = pkg.operator.plans ?? {};
  const tasks = new Map((pkg.operator.tasks ?? []).map((t) => [t.name ?? '', t]));
  const triggers = new Map<string, string[]>();
  for (const p of pkg.params.parameters ?? []) {
    const plan = triggerPlan(pkg, p.trigger);
    triggers.set(plan, [...(triggers.get(plan) ?? []), p.name ?? '']);
  }
  return {
    operator: pkg.operator.name ?? '',
    version: pkg.operator.operatorVersion ?? '',
    plans: planOrder(Object.keys(plans)).map((name) => {
      const plan = plans[name]!;
      return {
        name,
        strategy: plan.strategy ?? 'serial',
        ...(plan.timeout && { timeout: plan.timeout }),
        ...(plan.onFailure?.plan && { onFailurePlan: plan.onFailure.plan }),
        triggers: triggers.get(name) ?? [],
        phases: (plan.phases ?? []).map((ph) => ({
          name: ph.name ?? '',
          strategy: ph.strategy ?? 'serial',
          ...(ph.timeout && { timeout: ph.timeout }),
          ...(ph.canary?.steps !== undefined && { canarySteps: ph.canary.steps }),
          steps: (ph.steps ?? []).map((st) => ({
            name: st.name ?? '',
            tasks: (st.tasks ?? []).map((t) => taskOf(t, tasks.get(t))),
            ...(st.timeout && { timeout: st.timeout }),
            ...(st.onFailure?.retries !== undefined && { retries: st.onFailure.retries }),
            ...(st.onFailure?.action && { action: st.onFailure.action }),
            ...(st.onFailure?.plan && { onFailurePlan: st.onFailure.plan }),
          })),
        })),
      };
    }),
  };
}

/** The graph of one plan (with the plans its onFailure edges lead to), or undefined. */
export function selectPlan(graph: PlanGraph, plan: string): PlanGraph | undefined {
  const chosen = graph.plans.find((p) => p.name === plan);
  if (chosen === undefined) return undefined;
  const targets = new Set<string>([plan]);
  const add = (p: GraphPlan) => {
    for (const next of [
      p.onFailurePlan,
      ...p.phases.flatMap((ph) => ph.steps.map((s) => s.onFailurePlan)),
    ]) {
      if (next !== undefined && !targets.has(next)) {
        targets.add(next);
        const n = graph.plans.find((x) => x.name === next);
        if (n) add(n);
      }
    }
  };
  add(chosen);
  return { ...graph, plans: graph.plans.filter((p) => targets.has(p.name)) };
}
