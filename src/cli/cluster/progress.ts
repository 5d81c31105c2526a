// Following a plan through the Instance's status, as the engine writes it:
// the pure "is it done" test, and the watcher that prints progress (a tree
// redrawn in place with a progress line on a terminal, plain lines when piped).
import type { KObject } from '../../engine/kobject.ts';
import {
  isTerminalStatus,
  lastExecutedPlan,
  planDefs,
  planStatusLines,
  stepChanges,
  stepCounts,
  type PlanStatusEntry,
} from '../plan-tree.ts';

export interface WaitTarget {
  /** The plan expected to run (deploy after install). */
  plan?: string | undefined;
  /** The spec.planExecution uid admission wrote for the change, when it scheduled a plan. */
  planExecutionUid?: string | undefined;
  /** The spec.planControl one-shot uid (retry), when the wait follows a plan control. */
  controlUid?: string | undefined;
}

interface EngineStatus {
  execution?: { plan?: string; status?: string; uid?: string };
  consumedPlanExecutions?: string[];
  consumedControls?: string[];
}

export function statusOf(instance: KObject | undefined): {
  planStatus: Record<string, PlanStatusEntry>;
  maestro: EngineStatus;
} {
  const st = (instance?.status ?? {}) as {
    planStatus?: Record<string, PlanStatusEntry>;
    maestro?: EngineStatus;
  };
  return { planStatus: st.planStatus ?? {}, maestro: st.maestro ?? {} };
}

/**
 * The terminal status of the awaited plan (COMPLETE or FATAL_ERROR), or
 * undefined while it has not finished. KUDO's IsInstanceDone waited for a
 * changed plan uid and COMPLETE, so a FATAL_ERROR hung until the timeout;
 * here a FATAL_ERROR ends the wait too (with exit code 1).
 */
export function planOutcome(instance: KObject, target: WaitTarget): string | undefined {
  const { planStatus, maestro } = statusOf(instance);
  const exec = maestro.execution;
  if (target.planExecutionUid) {
    if (exec?.uid === target.planExecutionUid)
      return isTerminalStatus(exec.status) ? exec.status : undefined;
    // Consumed, and a later execution took over: the plan's own last status.
    if (maestro.consumedPlanExecutions?.includes(target.planExecutionUid) && target.plan) {
      const s = planStatus[target.plan]?.status;
      return isTerminalStatus(s) ? s : undefined;
    }
    return undefined;
  }
  if (target.controlUid) {
    if (!maestro.consumedControls?.includes(target.controlUid)) return undefined;
    return isTerminalStatus(exec?.status) ? exec?.status : undefined;
  }
  const plan = target.plan ?? lastExecutedPlan(planStatus, exec);
  if (plan === undefined) return undefined;
  if (exec?.plan === plan) return isTerminalStatus(exec.status) ? exec.status : undefined;
  const s = planStatus[plan]?.status;
  return isTerminalStatus(s) ? s : undefined;
}

/** Whether the Instance's plans are paused (spec.planControl.paused). */
export function isPaused(instance: KObject): boolean {
  return (
    (instance.spec as { planControl?: { paused?: unknown } } | undefined)?.planControl?.paused ===
    true
  );
}

/**
 * The tree lines of `plan status` for an Instance and its OperatorVersion;
 * a paused Instance says so under the tree (the statuses alone show a plan
 * IN_PROGRESS whose steps stay PENDING).
 */
export function treeLines(instance: KObject, ov: KObject | undefined): string[] {
  const { planStatus, maestro } = statusOf(instance);
  const spec = (instance.spec ?? {}) as { operatorVersion?: { name?: string }; namespace?: string };
  const cluster = instance.kind === 'ClusterInstance';
  const paused = isPaused(instance)
    ? [
        `Paused (spec.planControl.paused): no new step starts until \`maestro plan resume ${instance.metadata.name ?? ''}\``,
      ]
    : [];
  const lines = planStatusLines({
    instance: instance.metadata.name ?? '',
    namespace: (cluster ? spec.namespace : instance.metadata.namespace) ?? '',
    ...(cluster && { cluster }),
    operatorVersion: spec.operatorVersion?.name ?? '',
    plans: planDefs(ov?.spec),
    planStatus,
    active: lastExecutedPlan(planStatus, maestro.execution),
    show: 'all',
  });
  return [...lines, ...paused];
}

export interface Screen {
  write(text: string): void;
  isTTY: boolean;
  /** Terminal width; 0 when unknown (nothing is clipped). */
  columns: number;
}

/** Draws successive states: in place on a terminal, as change lines otherwise. */
export class ProgressView {
  private drawn = 0;
  private before: Record<string, PlanStatusEntry> | undefined;
  private readonly started: number;
  private frame = 0;

  /** `baseline`: the Instance before the change, so only what changed after it is printed. */
  constructor(
    private readonly screen: Screen,
    private readonly now: () => number = Date.now,
    baseline?: KObject,
  ) {
    this.started = now();
    if (baseline) this.before = structuredClone(statusOf(baseline).planStatus);
  }

  update(instance: KObject, ov: KObject | undefined, plan: string | undefined): void {
    const { planStatus, maestro } = statusOf(instance);
    const active = plan ?? lastExecutedPlan(planStatus, maestro.execution);
    if (this.screen.isTTY) {
      const lines = treeLines(instance, ov);
      const { done, total } = stepCounts(active ? planStatus[active] : undefined);
      const secs = Math.round((this.now() - this.started) / 1000);
      const spin = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏'[this.frame++ % 10];
      lines.push(
        `${spin} ${active ? `plan ${active}: ${done}/${total} steps complete` : 'waiting for a plan to start'}${isPaused(instance) ? ', paused' : ''} (${secs}s)`,
      );
      // A terminal of unknown width (a pty with no size reports 0 columns,
      // as under `script` or some CI runners): no clipping.
      const width = this.screen.columns > 0 ? Math.max(20, this.screen.columns) : Infinity;
      const clipped = lines.map((l) =>
        [...l].length > width ? [...l].slice(0, width - 1).join('') + '…' : l,
      );
      this.screen.write(
        (this.drawn > 0 ? `\x1b[${this.drawn}F\x1b[J` : '') + clipped.join('\n') + '\n',
      );
      this.drawn = clipped.length;
      return;
    }
    if (active === undefined) return;
    for (const line of stepChanges(this.before, planStatus, active)) this.screen.write(`${line}\n`);
    this.before = structuredClone(planStatus);
  }

  /** The final state: the full tree (on a terminal, in place of the last frame). */
  finish(instance: KObject, ov: KObject | undefined, plan?: string): void {
    // Piped: the last changes as lines too, so the log ends with the outcome.
    if (!this.screen.isTTY) this.update(instance, ov, plan);
    const lines = treeLines(instance, ov);
    const clear = this.screen.isTTY && this.drawn > 0 ? `\x1b[${this.drawn}F\x1b[J` : '';
    this.screen.write(`${clear}${lines.join('\n')}\n`);
    this.drawn = 0;
  }
}
