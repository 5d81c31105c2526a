// One sync of a Pipe task's step (docs/pipe.md, "Step progress"): which
// objects to emit, which runners to delete, and whether the task is done.
// The artifacts are always emitted; the runner (Job and its RBAC) only until
// every artifact holds this execution's data, then it gets delete intents. A
// Job already observed in this execution is echoed, never re-rendered, so
// nothing (not even a new --pipe-image) makes Metacontroller recreate it.

import { identityKey, identityOf } from '../identity.ts';
import type { KObject } from '../kobject.ts';
import type { ReadProvenance } from '../provenance.ts';
import { pipeVerdict } from './progress.ts';
import type { PipeRender } from './render.ts';

export interface PipeStepInput {
  task: string;
  objects: readonly { body: KObject; template: string; hash: string }[];
  pipe: PipeRender & { runnerKeys: string[] };
  observed: ReadonlyMap<string, { object: KObject; echo: KObject; provenance?: ReadProvenance }>;
  inputIntents: ReadonlySet<string>;
  execution: string;
  namespace: string;
  /** `plan.phase.step`, for reasons. */
  where: string;
  /** The rendered body with this step's provenance annotations. */
  withProvenance: (body: KObject, hash: string) => KObject;
}

export interface PipeStepOutput {
  emit: { key: string; body: KObject; template: string }[];
  deletes: { key: string; object: KObject; reason: string }[];
  done: boolean;
  reasons: string[];
  failure?: string;
}

export function pipeStep(i: PipeStepInput): PipeStepOutput {
  const runner = new Set(i.pipe.runnerKeys);
  const observedOf = (group: string, kind: string, name: string) =>
    i.observed.get(identityKey({ group, kind, namespace: i.namespace, name }));
  const verdict = pipeVerdict({
    artifacts: i.pipe.artifacts,
    observedArtifact: (a) => observedOf('', a.kind, a.name)?.object,
    job: observedOf('batch', 'Job', i.pipe.jobName)?.object,
    jobName: i.pipe.jobName,
    namespace: i.namespace,
    execution: i.execution,
  });
  const out: PipeStepOutput = {
    emit: [],
    deletes: [],
    done: verdict.published,
    reasons: verdict.reasons,
  };
  if (verdict.failure !== undefined) out.failure = verdict.failure;
  for (const o of i.objects) {
    const key = identityKey(identityOf(o.body));
    const obs = i.observed.get(key);
    if (runner.has(key)) {
      if (verdict.published) {
        if (obs)
          out.deletes.push({
            key,
            object: obs.object,
            reason: `Pipe task ${i.task} of ${i.where} published its artifacts`,
          });
        continue;
      }
      // Being deleted (a retry replacing a failed Job): left out, then re-created.
      if (i.inputIntents.has(key) && obs) continue;
      if (obs && obs.provenance?.execution === i.execution) {
        out.emit.push({ key, body: obs.echo, template: o.template });
        continue;
      }
    }
    out.emit.push({ key, body: i.withProvenance(o.body, o.hash), template: o.template });
  }
  return out;
}
