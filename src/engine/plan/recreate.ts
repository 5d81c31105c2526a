// Re-creating a declarative child that was applied and then vanished (someone
// deleted a Service or a ConfigMap by hand). The engine keeps no copy of the
// body, so it renders the child's recorded step again, and emits the result
// only when it hashes to what was applied (plan-engine-scenarios.md, mechanism
// 3d). A render that differs (the parameters or the OperatorVersion moved on,
// the template reads `now`) would be a change no plan made, so the child is
// then only reported, under ChildrenMissing.

import type { DeclaredType } from '../api-versions.ts';
import { identityKey, identityOf } from '../identity.ts';
import type { KObject } from '../kobject.ts';
import type { Provenance } from '../provenance.ts';
import type { OperatorVersionView } from './ov.ts';
import { renderStepCached } from './render.ts';
import type { InventoryItem } from './types.ts';

export interface RecreateArgs {
  ov: OperatorVersionView;
  item: InventoryItem;
  /** KUDO's ParamsMap to render with: the running execution's snapshot, else the spec's values. */
  params: Record<string, unknown>;
  /** `now` for templates: the start of the execution that applied the child, when known. */
  nowMs: number;
  instance: { name: string; namespace: string; uid: string };
  declared: readonly DeclaredType[];
  withProvenance: (body: KObject, hash: string, p: Provenance) => KObject;
}

export type Recreated = { ok: true; body: KObject } | { ok: false; reason: string };

export function recreateMissing(a: RecreateArgs): Recreated {
  const { item } = a;
  const where = `${item.plan}.${item.phase}.${item.step}`;
  const step = a.ov.plans
    .get(item.plan)
    ?.phases.find((p) => p.name === item.phase)
    ?.steps.find((s) => s.name === item.step);
  if (!step) return { ok: false, reason: `its step ${where} is not in ${a.ov.name}` };
  const r = renderStepCached(a.ov, step.tasks, {
    instanceName: a.instance.name,
    namespace: a.instance.namespace,
    instanceUid: a.instance.uid,
    plan: item.plan,
    phase: item.phase,
    step: item.step,
    params: a.params,
    nowMs: a.nowMs,
    declared: a.declared,
    execution: item.execution,
  });
  if (!r.ok) return { ok: false, reason: `rendering ${where} again fails: ${r.failure.message}` };
  const key = identityKey(item);
  for (const t of r.tasks) {
    if (t.mode !== 'apply' || t.task !== item.task) continue;
    const o = t.objects.find((x) => identityKey(identityOf(x.body)) === key);
    if (!o) continue;
    if (o.hash !== item.hash) {
      return {
        ok: false,
        reason: `rendering ${where} again gives a different body (hash ${o.hash}, applied ${item.hash})`,
      };
    }
    const body = a.withProvenance(o.body, o.hash, {
      execution: item.execution,
      plan: item.plan,
      phase: item.phase,
      step: item.step,
      task: item.task,
    });
    return { ok: true, body };
  }
  return { ok: false, reason: `task ${item.task} of ${where} no longer renders it` };
}
