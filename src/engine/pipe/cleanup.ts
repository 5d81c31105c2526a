// When a pipe runner (Job, ServiceAccount, Role, RoleBinding) goes away. The
// pipe step usually sends the delete intents itself when it sees the
// artifacts published, but a step can also become COMPLETE without running
// (a later step's child proves it, after lost status writes), and an
// execution can be superseded. So every sync also looks at the runners it
// observes: one that no in-progress step emitted this sync is deleted when
// its step is COMPLETE in the active execution, or when it belongs to another
// execution — except a runner whose Job failed, kept for its logs.

import { getPath, isRecord } from '../kobject.ts';
import type { KObject } from '../kobject.ts';
import type { ReadProvenance } from '../provenance.ts';

/** On each runner object: the Job's name, which the four share. */
export const PIPE_RUNNER_ANNOTATION = 'maestro.dev/pipe-runner';

export interface RunnerView {
  key: string;
  object: KObject;
  provenance: ReadProvenance | undefined;
}

function jobFailed(job: KObject | undefined): boolean {
  const conds = getPath(job ?? {}, 'status', 'conditions');
  return (
    Array.isArray(conds) &&
    conds.some((c) => isRecord(c) && c.type === 'Failed' && c.status === 'True')
  );
}

/** The keys of observed runners to delete, with the reason. */
export function staleRunners(o: {
  observed: Iterable<RunnerView>;
  emitted: (key: string) => boolean;
  execution: string | undefined;
  stepComplete: (phase: string, step: string) => boolean;
}): { key: string; object: KObject; reason: string }[] {
  const all = [...o.observed];
  const failedJobs = new Set(
    all
      .filter((v) => v.object.kind === 'Job' && jobFailed(v.object))
      .map((v) => v.object.metadata.annotations?.[PIPE_RUNNER_ANNOTATION]),
  );
  const out: { key: string; object: KObject; reason: string }[] = [];
  for (const v of all) {
    const runner = v.object.metadata.annotations?.[PIPE_RUNNER_ANNOTATION];
    if (runner === undefined || o.emitted(v.key)) continue;
    const p = v.provenance;
    if (p && p.execution === o.execution) {
      if (o.stepComplete(p.phase, p.step))
        out.push({ ...v, reason: `pipe step ${p.phase}.${p.step} is COMPLETE` });
    } else if (!failedJobs.has(runner)) {
      out.push({ ...v, reason: 'pipe runner of another execution' });
    }
  }
  return out;
}
