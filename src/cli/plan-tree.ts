// The plan tree, as `kubectl kudo plan status` prints it, shared by
// `maestro plan status` and `maestro simulate`. Pure: it reads the
// OperatorVersion's plans and the Instance's status.planStatus and returns
// lines; callers decide where they go and when to redraw.
//
//   Plan(s) for "zk" in namespace "default":
//   .
//   └── zk (Operator-Version: "zookeeper-3.6.2-0.3.3" Active-Plan: "deploy")
//       ├── Plan deploy (serial strategy) [IN_PROGRESS], last updated 2026-12-06 18:20:18
//       │   └── Phase zookeeper (parallel strategy) [IN_PROGRESS]
//       │       └── Step deploy [IN_PROGRESS] (waiting for StatefulSet zk-zookeeper)
//       └── Plan validation (serial strategy) [NOT ACTIVE]
//           └── Phase connection (serial strategy) [NOT ACTIVE]
//               └── Step connection [NOT ACTIVE]

export interface StepDef {
  name: string;
}
export interface PhaseDef {
  name: string;
  strategy?: string | undefined;
  steps: StepDef[];
}
export interface PlanDef {
  name: string;
  strategy?: string | undefined;
  phases: PhaseDef[];
}

export interface StepStatus {
  name?: string;
  status?: string;
  message?: string;
}
export interface PhaseStatus extends StepStatus {
  steps?: StepStatus[];
}
export interface PlanStatusEntry extends StepStatus {
  uid?: string;
  lastUpdatedTimestamp?: string | null;
  phases?: PhaseStatus[];
}

export interface TreeNode {
  label: string;
  children: TreeNode[];
}

const RUNNING = new Set(['PENDING', 'IN_PROGRESS', 'ERROR']);
const TERMINAL = new Set(['COMPLETE', 'FATAL_ERROR']);
export const isTerminalStatus = (s: string | undefined): boolean =>
  s !== undefined && TERMINAL.has(s);

/**
 * Renders a tree as xlab/treeprint does (KUDO's library): "." on the first
 * line, `├── ` before every child but the last, `└── ` before the last, and
 * `│   ` or four spaces below them.
 */
export function renderTree(children: TreeNode[], root = '.'): string[] {
  const lines = [root];
  const walk = (nodes: TreeNode[], prefix: string) => {
    nodes.forEach((node, i) => {
      const last = i === nodes.length - 1;
      lines.push(`${prefix}${last ? '└── ' : '├── '}${node.label}`);
      walk(node.children, `${prefix}${last ? '    ' : '│   '}`);
    });
  };
  walk(children, '');
  return lines;
}

/** Plain ASCII glyphs, for terminals that cannot show box drawing (--ascii). */
export function asciiTree(lines: string[]): string[] {
  return lines.map((l) =>
    l.replaceAll('├── ', '|-- ').replaceAll('└── ', '`-- ').replaceAll('│   ', '|   '),
  );
}

/** The strategy Maestro runs: `parallel` and `canary` as written, anything else serial. */
function strategyOf(s: string | undefined, canary: boolean): string {
  if (s === 'parallel') return 'parallel';
  if (canary && s === 'canary') return 'canary';
  return 'serial';
}

const message = (m: string | undefined) => (m ? ` (${m})` : '');

/** `2026-12-06T18:20:18Z` as KUDO prints it: `2026-12-06 18:20:18`. */
export function kudoTime(ts: string | null | undefined): string | undefined {
  if (!ts) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(ts);
  return m ? `${m[1]} ${m[2]}` : ts;
}

/**
 * KUDO's GetLastExecutedPlanStatus: the plan that runs, else the plan that
 * ran last (newest lastUpdatedTimestamp). Maestro's own record of the
 * execution wins when present.
 */
export function lastExecutedPlan(
  planStatus: Record<string, PlanStatusEntry>,
  execution?: { plan?: string } | undefined,
): string | undefined {
  if (execution?.plan && planStatus[execution.plan]) return execution.plan;
  const names = Object.keys(planStatus).sort();
  const running = names.find((n) => RUNNING.has(planStatus[n]?.status ?? ''));
  if (running) return running;
  let best: string | undefined;
  let bestTs = '';
  for (const n of names) {
    const p = planStatus[n]!;
    if (!p.status || p.status === 'NEVER_RUN') continue;
    const ts = p.lastUpdatedTimestamp ?? '';
    if (best === undefined || ts > bestTs) {
      best = n;
      bestTs = ts;
    }
  }
  return best;
}

/** The OperatorVersion's plans in their order (v1 `spec.plans`), for the tree. */
export function planDefs(ovSpec: unknown): PlanDef[] {
  const plans = (ovSpec as { plans?: Record<string, unknown> } | undefined)?.plans ?? {};
  return Object.entries(plans ?? {}).map(([name, raw]) => {
    const p = (raw ?? {}) as {
      strategy?: string;
      phases?: { name?: string; strategy?: string; steps?: { name?: string }[] }[];
    };
    return {
      name,
      strategy: p.strategy,
      phases: (p.phases ?? []).map((ph) => ({
        name: ph.name ?? '',
        strategy: ph.strategy,
        steps: (ph.steps ?? []).map((s) => ({ name: s.name ?? '' })),
      })),
    };
  });
}

export interface PlanTreeInput {
  instance: string;
  /** The Instance's namespace; for a ClusterInstance, the namespace of its namespaced children. */
  namespace: string;
  /** A ClusterInstance (cluster-scoped parent): the header says so. */
  cluster?: boolean;
  operatorVersion: string;
  plans: PlanDef[];
  planStatus: Record<string, PlanStatusEntry>;
  /** The plan whose phases and steps show their status (lastExecutedPlan). */
  active: string | undefined;
  /**
   * `all` (plan status): every plan, those not active as [NOT ACTIVE], as KUDO.
   * `ran` (simulate): only plans that ran, each with its own status.
   */
  show: 'all' | 'ran';
}

function statusNode(def: PlanDef | undefined, name: string, st: PlanStatusEntry): TreeNode {
  const updated = kudoTime(st.lastUpdatedTimestamp);
  const phaseDefs = new Map((def?.phases ?? []).map((p) => [p.name, p]));
  return {
    label: `Plan ${name} (${strategyOf(def?.strategy, false)} strategy) [${st.status ?? 'NEVER_RUN'}]${message(st.message)}${updated ? `, last updated ${updated}` : ''}`,
    children: (st.phases ?? []).map((ph) => ({
      label: `Phase ${ph.name ?? ''} (${strategyOf(phaseDefs.get(ph.name ?? '')?.strategy, true)} strategy) [${ph.status ?? 'NEVER_RUN'}]${message(ph.message)}`,
      children: (ph.steps ?? []).map((s) => ({
        label: `Step ${s.name ?? ''} [${s.status ?? 'NEVER_RUN'}]${message(s.message)}`,
        children: [],
      })),
    })),
  };
}

function inactiveNode(def: PlanDef): TreeNode {
  return {
    label: `Plan ${def.name} (${strategyOf(def.strategy, false)} strategy) [NOT ACTIVE]`,
    children: def.phases.map((ph) => ({
      label: `Phase ${ph.name} (${strategyOf(ph.strategy, true)} strategy) [NOT ACTIVE]`,
      children: ph.steps.map((s) => ({ label: `Step ${s.name} [NOT ACTIVE]`, children: [] })),
    })),
  };
}

/** The tree under its root line (the Instance). */
export function planTree(input: PlanTreeInput): TreeNode {
  const defs = new Map(input.plans.map((p) => [p.name, p]));
  // The OperatorVersion's order; plans only the status knows (an upgrade removed them) after.
  const names = [
    ...input.plans.map((p) => p.name),
    ...Object.keys(input.planStatus)
      .filter((n) => !defs.has(n))
      .sort(),
  ];
  const children: TreeNode[] = [];
  for (const name of names) {
    const st = input.planStatus[name];
    if (input.show === 'ran') {
      if (st === undefined || !st.status || st.status === 'NEVER_RUN') continue;
      children.push(statusNode(defs.get(name), name, st));
    } else if (name === input.active && st !== undefined) {
      children.push(statusNode(defs.get(name), name, st));
    } else if (defs.has(name)) {
      children.push(inactiveNode(defs.get(name)!));
    }
  }
  return {
    label: `${input.instance} (Operator-Version: "${input.operatorVersion}" Active-Plan: "${input.active ?? ''}")`,
    children,
  };
}

/** Every line `maestro plan status` prints. */
export function planStatusLines(input: PlanTreeInput): string[] {
  if (input.active === undefined && input.show === 'all') {
    return [`No plan ever run for instance - nothing to show for instance ${input.instance}`];
  }
  return [
    input.cluster === true
      ? `Plan(s) for ClusterInstance "${input.instance}" (namespaced children in "${input.namespace}"):`
      : `Plan(s) for "${input.instance}" in namespace "${input.namespace}":`,
    ...renderTree([planTree(input)]),
  ];
}

/** One plain line per step whose status changed, for --wait when stdout is not a terminal. */
export function stepChanges(
  before: Record<string, PlanStatusEntry> | undefined,
  after: Record<string, PlanStatusEntry>,
  plan: string,
): string[] {
  const old = new Map<string, string>();
  for (const ph of before?.[plan]?.phases ?? [])
    for (const s of ph.steps ?? []) old.set(`${ph.name}/${s.name}`, s.status ?? '');
  const out: string[] = [];
  const p = after[plan];
  const planLine =
    (before?.[plan]?.status ?? '') !== (p?.status ?? '')
      ? `plan ${plan} ${p?.status ?? 'NEVER_RUN'}${message(p?.message)}`
      : undefined;
  // A plan that starts is announced before its steps; one that ends, after them.
  const ends = isTerminalStatus(p?.status);
  if (planLine && !ends) out.push(planLine);
  for (const ph of p?.phases ?? [])
    for (const s of ph.steps ?? []) {
      const key = `${ph.name}/${s.name}`;
      if (old.get(key) !== (s.status ?? ''))
        out.push(`step ${plan}/${key} ${s.status ?? ''}${message(s.message)}`);
    }
  if (planLine && ends) out.push(planLine);
  return out;
}

/** "3/5 steps complete" for the progress line. */
export function stepCounts(entry: PlanStatusEntry | undefined): { done: number; total: number } {
  let done = 0;
  let total = 0;
  for (const ph of entry?.phases ?? [])
    for (const s of ph.steps ?? []) {
      total++;
      if (s.status === 'COMPLETE') done++;
    }
  return { done, total };
}
