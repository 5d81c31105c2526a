// Helpers the scenarios share: deploy zookeeper, read its children back,
// variants of its OperatorVersion.
import assert from 'node:assert/strict';
import type { Stack } from './stack.ts';
import { resourcePath } from './kube.ts';
import { ZOOKEEPER, type ScenarioContext } from './scenario.ts';

export const stsOf = (stack: Stack, ns: string, instance: string) =>
  stack.kube.get(resourcePath('apps/v1', 'statefulsets', ns, `${instance}-zookeeper`));

/** Installs zookeeper in `ns`, creates the Instance, optionally disturbs the plan, waits for COMPLETE. */
export async function deployZookeeper(
  stack: Stack,
  ns: string,
  name: string,
  ctx: ScenarioContext,
  midPlan?: () => Promise<void>,
): Promise<any> {
  await stack.namespace(ns);
  const { operator, ov } = stack.installPackage(ZOOKEEPER, ns);
  ctx.parents.push(`${ns}/${name}`);
  await stack.createInstance(ns, name, operator, ov);
  if (midPlan) await midPlan();
  const inst = await stack.planStatus(ns, name, 'deploy', 'COMPLETE');
  assert.equal(inst.status.conditions.find((c: any) => c.type === 'Ready')?.status, 'True');
  const set = await stsOf(stack, ns, name);
  assert.equal(set.status.readyReplicas, 3);
  return set;
}

/** Each Job whose pods the kubelet stand-in ran, ran once in its plan execution. */
export function assertNoJobRanTwice(stack: Stack, ns: string): void {
  const jobs = stack.kubelet.jobPods.filter((j) => j.startsWith(`${ns}/`));
  assert.equal(
    new Set(jobs).size,
    jobs.length,
    `a Job ran twice in one execution: ${jobs.join(', ')}`,
  );
}

const CHILD_TYPES: [string, string][] = [
  ['apps/v1', 'statefulsets'],
  ['v1', 'services'],
  ['v1', 'configmaps'],
  ['policy/v1beta1', 'poddisruptionbudgets'],
  ['batch/v1', 'jobs'],
];

/** `Kind/name uid` of every child type object in `ns` (owned by `owner`, when given), sorted. */
export async function childrenOf(stack: Stack, ns: string, owner?: string): Promise<string[]> {
  const out: string[] = [];
  for (const [v, plural] of CHILD_TYPES)
    for (const o of await stack.kube.list(resourcePath(v, plural, ns))) {
      if (o.metadata.name === 'kube-root-ca.crt') continue;
      if (owner && !(o.metadata.ownerReferences ?? []).some((r: any) => r.uid === owner)) continue;
      out.push(`${o.kind ?? plural}/${o.metadata.name} ${o.metadata.uid}`);
    }
  return out.sort();
}

/** An OperatorVersion rewrite: another version, with templates and plans changed. */
export function ovVariant(
  version: string,
  templates: (t: Record<string, string>) => Record<string, string>,
  plans: (p: Record<string, unknown>) => Record<string, unknown> = (p) => p,
): (ov: any) => void {
  return (ov) => {
    ov.metadata.name = `zookeeper-3.6.2-${version}`;
    ov.spec.version = version;
    ov.spec.templates = templates(ov.spec.templates);
    ov.spec.plans = plans(ov.spec.plans);
  };
}
