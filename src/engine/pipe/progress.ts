// When a Pipe task is done (docs/pipe.md, "Step progress"): every artifact is
// observed holding its data key and stamped with the active execution. Until
// then the runner (Job and RBAC) is emitted; a failed Job fails the step
// FATAL with a message that says where to look. Pure: reads observed objects.

import { getPath, isRecord } from '../kobject.ts';
import type { KObject } from '../kobject.ts';
import { PIPE_EXECUTION_ANNOTATION } from './render.ts';
import type { PipeArtifact } from './render.ts';

export interface PipeVerdict {
  /** Every artifact carries its data from this execution: the step is done, the runner goes. */
  published: boolean;
  reasons: string[];
  failure?: string;
}

/** True when the artifact holds the data key and was filled by this execution. */
export function artifactPublished(
  obj: KObject | undefined,
  a: PipeArtifact,
  execution: string,
): boolean {
  if (!obj) return false;
  if (obj.metadata.annotations?.[PIPE_EXECUTION_ANNOTATION] !== execution) return false;
  const field = a.kind === 'ConfigMap' ? ['binaryData', 'data'] : ['data', 'stringData'];
  return field.some((f) => {
    const data = obj[f];
    return isRecord(data) && typeof data[a.dataKey] === 'string';
  });
}

function failedCondition(job: KObject): Record<string, unknown> | undefined {
  const conds = getPath(job, 'status', 'conditions');
  if (!Array.isArray(conds)) return undefined;
  return conds.find((c) => isRecord(c) && c.type === 'Failed' && c.status === 'True') as
    Record<string, unknown> | undefined;
}

export function pipeVerdict(o: {
  artifacts: readonly PipeArtifact[];
  observedArtifact: (a: PipeArtifact) => KObject | undefined;
  job: KObject | undefined;
  jobName: string;
  namespace: string;
  execution: string;
}): PipeVerdict {
  const missing = o.artifacts.filter(
    (a) => !artifactPublished(o.observedArtifact(a), a, o.execution),
  );
  if (missing.length === 0) return { published: true, reasons: [] };
  if (o.job) {
    const failed = failedCondition(o.job);
    if (failed) {
      const why = [failed.reason, failed.message].filter((x) => typeof x === 'string').join(': ');
      return {
        published: false,
        reasons: [],
        failure: `pipe Job ${o.namespace}/${o.jobName} failed${why ? ` (${why})` : ''}; read the log of its publish container (kubectl logs -n ${o.namespace} job/${o.jobName} -c publish) and of its init container`,
      };
    }
  }
  const names = missing.map((a) => `${a.kind}/${a.name}`).join(', ');
  return {
    published: false,
    reasons: [
      o.job
        ? `pipe Job ${o.jobName} has not yet published ${names}`
        : `pipe Job ${o.jobName} not yet created; ${names} not yet published`,
    ],
  };
}
