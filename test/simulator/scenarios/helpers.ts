// Helpers for the scenario tests (reference/plan-engine-scenarios.md).
import { getPath, isRecord } from '../../../src/engine/kobject.ts';
import type { KObject } from '../../../src/engine/kobject.ts';
import type { PlanSimulation } from '../../../src/simulator/plan-simulation.ts';
import { run as simulate } from '../../../src/cli/commands/simulate.ts';
import { collectingIO } from '../../package/cli-io.ts';

export const names = (s: PlanSimulation): string[] =>
  s.children().map((c) => `${c.kind}/${c.metadata.name ?? ''}`);

/** How often Metacontroller created `Kind/name` over the whole run. */
export const creations = (s: PlanSimulation, who: string): number =>
  s.sim.records.flatMap((r) => r.operations).filter((op) => op === `create ${who}`).length;

export const deletions = (s: PlanSimulation, who: string): number =>
  s.sim.records
    .flatMap((r) => r.operations)
    .filter((op) => op === `delete ${who}` || op === `recreate ${who}`).length;

export const condition = (s: PlanSimulation, type: string): Record<string, unknown> | undefined => {
  const list = getPath(s.status, 'conditions');
  return Array.isArray(list)
    ? (list.find((c) => isRecord(c) && c.type === type) as Record<string, unknown> | undefined)
    : undefined;
};

export const child = (s: PlanSimulation, kind: string, name: string): KObject | undefined =>
  s.children().find((c) => c.kind === kind && c.metadata.name === name);

/** Queues a sync now and runs until quiet (bounded). */
export function resync(s: PlanSimulation, maxSyncs = 50): void {
  const inst = s.instance!;
  s.sim.metacontroller.enqueue(`${inst.metadata.namespace}/${inst.metadata.name}`, 0);
  s.sim.run({ maxSyncs });
}

export function triggerPlan(s: PlanSimulation, plan: string, uid: string): void {
  s.updateSpec((spec) => {
    spec.planExecution = { planName: plan, uid };
  });
}

/** The image of the demo package's Deployment (`inst-app`). */
export const appImage = (s: PlanSimulation): unknown =>
  getPath(child(s, 'Deployment', 'inst-app'), 'spec', 'template', 'spec', 'containers', 0, 'image');

/** What `maestro simulate -o json` prints, as the scenario tests read it. */
export interface SimDoc {
  plans: Record<string, { status: string }>;
  children: { apiVersion: string; kind: string; namespace: string; name: string }[];
  deleted?: boolean;
  problems: string[];
  notes: string[];
}

/** Runs `maestro simulate ARGS -o json`: the exit code and the document. */
export async function simulateJson(args: string[]): Promise<{ code: number; doc: SimDoc }> {
  const c = collectingIO();
  const code = await simulate([...args, '-o', 'json'], c.io);
  return { code, doc: JSON.parse(c.stdout()) as SimDoc };
}
