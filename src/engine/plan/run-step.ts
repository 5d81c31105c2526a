// Running one step: render its tasks, keep sticky generated children
// (scenario 11c), stamp provenance, record delete intents, and gate completion
// on each child being observed with the desired hash and healthy.

import { canonicalGroup } from '../api-versions.ts';
import { assessHealth } from '../health/index.ts';
import { describeIdentity, identityKey, identityOf } from '../identity.ts';
import type { ChildIdentity } from '../identity.ts';
import { getNumber } from '../kobject.ts';
import type { KObject } from '../kobject.ts';
import { bodyHash, generatedMark, provenanceAnnotationsOf } from '../provenance.ts';
import type { Provenance } from '../provenance.ts';
import type { OvPhase } from './ov.ts';
import type { ObservedChild } from './children.ts';
import { redoDependencyHashes } from './dependency-hash.ts';
import { instanceContext, renderStepCached } from './render.ts';
import type { RenderedObject, RenderedStep, RenderedTask, StepContext } from './render.ts';
import { pipeStep } from '../pipe/index.ts';
import { parseTime } from './state.ts';
import type { Rotation } from './types.ts';
import type { Scope } from './advance.ts';
import type { OvPlan } from './ov.ts';
import type { DeleteIntent, Execution } from './types.ts';

/** The execution a step belongs to, and the delete intents of the sync so far. */
export interface StepPass {
  plan: OvPlan;
  exec: Execution;
  params: Record<string, unknown>;
  intents: ReadonlyMap<string, DeleteIntent>;
}

export interface StepRun {
  done: boolean;
  reasons: string[];
  failure?: { fatal: boolean; message: string };
  /** Bodies to emit, in order (a later one of the same key wins). */
  emit: { key: string; body: KObject; template: string }[];
  /** Delete intents the step records. */
  intents: Map<string, DeleteIntent>;
}

export function runStep(
  scope: Scope,
  pass: StepPass,
  phase: OvPhase,
  step: string,
  tasks: string[],
): StepRun {
  const ctx: StepContext = {
    ...instanceContext(scope.instance),
    plan: pass.plan.name,
    phase: phase.name,
    step,
    params: pass.params,
    nowMs: parseTime(pass.exec.startTime) ?? scope.now,
    declared: scope.declared,
    execution: pass.exec.id,
    ...(scope.pipeImage !== undefined && { pipeImage: scope.pipeImage }),
  };
  const emit: StepRun['emit'] = [];
  const intents = new Map<string, DeleteIntent>();
  const r = renderStepCached(scope.ov, tasks, ctx);
  if (!r.ok) return { done: false, reasons: [], failure: r.failure, emit, intents };
  const chosen = stickyChoices(scope, r.tasks, (rotation) =>
    renderStepCached(scope.ov, tasks, { ...ctx, rotation }),
  );
  const intended = (key: string) => intents.has(key) || pass.intents.has(key);
  let done = true;
  const reasons: string[] = [];
  for (const t of r.tasks) {
    if (t.mode === 'dummy') {
      if (!t.done) {
        done = false;
        reasons.push(`${phase.name}.${step}.${t.task}: Dummy task never finishes (done: false)`);
      }
      continue;
    }
    if (t.mode === 'pipe') {
      const p = pipeStep({
        task: t.task,
        objects: t.objects,
        pipe: t.pipe!,
        observed: scope.observed,
        inputIntents: scope.leaveOut,
        execution: pass.exec.id,
        namespace: scope.instance.namespace,
        where: `${pass.plan.name}.${phase.name}.${step}`,
        withProvenance: (body, hash) =>
          withProvenance(body, hash, {
            execution: pass.exec.id,
            plan: pass.plan.name,
            phase: phase.name,
            step,
            task: t.task,
          }),
      });
      emit.push(...p.emit);
      for (const d of p.deletes)
        intents.set(d.key, {
          ...identityOf(d.object),
          apiVersion: d.object.apiVersion,
          execution: pass.exec.id,
          reason: d.reason,
        });
      if (p.failure)
        return {
          done: false,
          reasons,
          failure: { fatal: true, message: p.failure },
          emit,
          intents,
        };
      if (!p.done) {
        done = false;
        reasons.push(...p.reasons);
      }
      continue;
    }
    for (const rendered of t.objects) {
      // The body to emit: the render, or a sticky child's echo or rotation.
      const o = chosen.get(rendered) ?? rendered;
      const id: ChildIdentity = identityOf(o.body);
      const key = identityKey(id);
      const who = describeIdentity(id);
      const obs = scope.observed.get(key);
      if (t.mode === 'delete') {
        if (obs) {
          done = false;
          reasons.push(`${who} is being deleted`);
          intents.set(key, {
            ...id,
            apiVersion: obs.object.apiVersion,
            execution: pass.exec.id,
            reason: `${t.kind} task ${t.task} of ${pass.plan.name}.${phase.name}.${step}`,
          });
        }
        continue;
      }
      const want = o.hash;
      const body = withProvenance(o.body, want, {
        execution: pass.exec.id,
        plan: pass.plan.name,
        phase: phase.name,
        step,
        task: t.task,
      });
      const replacing = intended(key) || scope.leaveOut.has(key);
      if (replacing) {
        // Being replaced: left out once the intent is in the input status, then re-created.
        done = false;
        reasons.push(`${who} is being replaced`);
        if (scope.leaveOut.has(key) && obs) continue;
      }
      emit.push({ key, body, template: rendered.template });
      if (replacing) continue;
      if (!obs || obs.provenance?.hash !== want) {
        done = false;
        reasons.push(`${who} ${obs ? 'not yet updated' : 'not yet created'}`);
        continue;
      }
      const verdict = childVerdict(scope, obs, body, who);
      if (verdict.terminal)
        return {
          done: false,
          reasons,
          failure: { fatal: true, message: verdict.reason },
          emit,
          intents,
        };
      if (!verdict.ready) {
        done = false;
        reasons.push(verdict.reason);
      }
    }
  }
  return { done, reasons, emit, intents };
}

/** An observed child with the desired hash: ready (healthy and synced), waiting, or terminal. */
function childVerdict(
  scope: Scope,
  obs: ObservedChild,
  body: KObject,
  who: string,
): { ready: boolean; terminal: boolean; reason: string } {
  // A child Instance must have been synced for its current spec (scenario
  // 6e). Its top-level observedGeneration is pruned by the v1 schema, so
  // the engine's own record in status.maestro is read.
  if (obs.identity.group === 'maestro.dev' && obs.identity.kind === 'Instance') {
    const seen = getNumber(obs.object, 'status', 'maestro', 'observedGeneration');
    const generation = obs.object.metadata.generation;
    if (seen !== undefined && generation !== undefined && seen < generation)
      return {
        ready: false,
        terminal: false,
        reason: `${who}: waiting for its plan engine to observe generation ${generation}`,
      };
  }
  const checks = scope.ov.healthChecks.get(
    `${canonicalGroup(body.apiVersion, body.kind)}/${body.kind}`,
  );
  const health = assessHealth(obs.object, checks ? { checks } : {});
  return { ready: health.healthy, terminal: health.terminal !== undefined, reason: health.reason };
}

/**
 * Sticky generated children (scenario 11c). A child whose template drew from
 * the random source carries GENERATED_ANNOTATION. Once it is observed with
 * Maestro's provenance and converged (its applied body matches its hash), a
 * step that renders it again emits the applied body instead: a renamed
 * template, a new generator call before an old one, an upgrade or a
 * parameter update never regenerate a password or a certificate. A rotate
 * request (spec.planControl.rotate) that names the child makes the step emit
 * a render seeded with the request's uid instead, marked with that uid, so
 * the rotation happens once however often the status write is lost. The
 * dependency hashes of the step's pod templates follow the bodies emitted.
 * Returns the substitutions, keyed by the rendered object.
 */
function stickyChoices(
  a: Scope,
  tasks: readonly RenderedTask[],
  rotated: (rotation: string) => RenderedStep,
): Map<RenderedObject, RenderedObject> {
  const chosen = new Map<RenderedObject, RenderedObject>();
  for (const t of tasks) {
    if (t.mode !== 'apply' || t.kind === 'KudoOperator') continue;
    for (const o of t.objects) {
      const key = identityKey(identityOf(o.body));
      const obs = a.observed.get(key);
      const mark = obs?.provenance ? generatedMark(obs.echo) : undefined;
      if (!o.generated && mark === undefined) continue;
      const uid = latestRotation(a.rotations, `${o.body.kind}/${o.body.metadata.name ?? ''}`);
      // Converged: applied with a matching hash. A child applied before the
      // mark existed counts too when its new render is generated.
      const converged = obs?.provenance !== undefined && bodyHash(obs.echo) === obs.provenance.hash;
      if (converged && (uid === undefined || uid === mark)) {
        chosen.set(o, { ...o, body: obs!.echo, hash: obs!.provenance!.hash });
        continue;
      }
      if (uid === undefined) continue;
      const again = rotated(uid);
      const twin = again.ok
        ? again.tasks
            .find((x) => x.task === t.task)
            ?.objects.find((x) => identityKey(identityOf(x.body)) === key)
        : undefined;
      if (twin) chosen.set(o, { ...twin, template: o.template });
      else if (converged) chosen.set(o, { ...o, body: obs!.echo, hash: obs!.provenance!.hash });
    }
  }
  const swapped = new Map<RenderedObject, KObject>();
  for (const [o, c] of chosen) swapped.set(o, c.body);
  for (const [o, c] of redoDependencyHashes(tasks, swapped)) chosen.set(o, c);
  return chosen;
}

/** The uid of the latest rotate request that covers `who` (`Kind/name`). */
export function latestRotation(rotations: readonly Rotation[], who: string): string | undefined {
  for (let i = rotations.length - 1; i >= 0; i--) {
    const r = rotations[i]!;
    if (!r.names || r.names.length === 0 || r.names.includes(who)) return r.uid;
  }
  return undefined;
}

/**
 * A rendered body with its provenance annotations: a shallow copy (the
 * rendered body is shared by the render cache and never mutated), with the
 * hash computed once at render time.
 */
export function withProvenance(body: KObject, hash: string, p: Provenance): KObject {
  return {
    ...body,
    metadata: {
      ...body.metadata,
      annotations: { ...(body.metadata.annotations ?? {}), ...provenanceAnnotationsOf(p, hash) },
    },
  };
}
