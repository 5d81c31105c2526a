// What a pipe Job does in a cluster (docs/pipe.md), played by the simulator:
// its `publish` container's arguments name each artifact and file; each file
// is "generated" with content derived from its name and merged into its
// artifact, with the annotations `maestro pipe publish` writes. Then the Job
// succeeds. The caller records a note, since the content is made up.

import { createHash } from 'node:crypto';
import { getPath, isRecord } from '../engine/kobject.ts';
import type { KObject } from '../engine/kobject.ts';
import {
  PIPE_EXECUTION_ANNOTATION,
  PIPE_JOB_ANNOTATION,
  PIPE_PUBLISHED_ANNOTATION,
} from '../engine/pipe/index.ts';
import type { Cluster } from './cluster.ts';

export interface PublishTarget {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  file: string;
}

export function isPipeJob(job: KObject): boolean {
  return job.kind === 'Job' && job.metadata.annotations?.[PIPE_JOB_ANNOTATION] === 'true';
}

/** Reads `maestro pipe publish` arguments from the Job's `publish` container. */
export function publishTargets(job: KObject): { execution?: string; targets: PublishTarget[] } {
  const containers = getPath(job, 'spec', 'template', 'spec', 'containers');
  const publish = Array.isArray(containers)
    ? containers.find((c) => isRecord(c) && c.name === 'publish')
    : undefined;
  const args = isRecord(publish) && Array.isArray(publish.args) ? publish.args.map(String) : [];
  const targets: PublishTarget[] = [];
  let execution: string | undefined;
  for (let i = 0; i < args.length - 1; i++) {
    const flag = args[i];
    const value = args[i + 1]!;
    if (flag === '--execution') execution = value;
    if (flag !== '--configmap' && flag !== '--secret') continue;
    const eq = value.indexOf('=');
    targets.push({
      kind: flag === '--configmap' ? 'ConfigMap' : 'Secret',
      name: value.slice(0, eq),
      file: value.slice(eq + 1),
    });
  }
  return { ...(execution !== undefined && { execution }), targets };
}

/** The made-up content of a generated file: a line naming it. */
export function simulatedContent(file: string): Buffer {
  return Buffer.from(`simulated content of ${file}\n`);
}

/**
 * Publishes every target of the Job into its artifact. Returns the names
 * published, or the first artifact that does not exist yet (the real
 * publisher waits for it; the caller retries).
 */
export function publishPipeJob(
  cluster: Cluster,
  job: KObject,
): { ok: true; published: string[] } | { ok: false; missing: string } {
  const ns = job.metadata.namespace ?? '';
  const { execution, targets } = publishTargets(job);
  for (const t of targets) {
    if (!cluster.get({ group: '', kind: t.kind, namespace: ns, name: t.name }))
      return { ok: false, missing: `${t.kind}/${t.name}` };
  }
  const published: string[] = [];
  for (const t of targets) {
    const current = cluster.get({ group: '', kind: t.kind, namespace: ns, name: t.name })!;
    const content = simulatedContent(t.file);
    const field = t.kind === 'ConfigMap' ? 'binaryData' : 'data';
    const next = structuredClone(current);
    const key = t.file.slice(t.file.lastIndexOf('/') + 1);
    next[field] = {
      ...(isRecord(current[field]) ? current[field] : {}),
      [key]: content.toString('base64'),
    };
    next.metadata.annotations = {
      ...(next.metadata.annotations ?? {}),
      [PIPE_PUBLISHED_ANNOTATION]: `sha256:${createHash('sha256').update(content).digest('hex')}`,
      ...(execution !== undefined && { [PIPE_EXECUTION_ANNOTATION]: execution }),
    };
    cluster.update(next);
    published.push(`${t.kind}/${t.name}`);
  }
  return { ok: true, published };
}
