// Rendering one Pipe task for the plan engine: the pod template with the
// step's variables, KUDO's validation, then the artifacts and the runner
// (render.ts). Each object goes through the engine's own guard (KUDO's
// post-processing and the declared-type check), given by the caller.

import { splitManifests } from '../../package/manifests.ts';
import { isRecord } from '../kobject.ts';
import type { KObject } from '../kobject.ts';
import type { PipeTaskRef } from './names.ts';
import { DEFAULT_PIPE_IMAGE, renderPipe } from './render.ts';
import type { PipeRender } from './render.ts';
import { readPipeFiles, validatePipePod } from './validate.ts';

export interface PipeTaskInput {
  ref: PipeTaskRef;
  namespace: string;
  execution: string | undefined;
  image: string | undefined;
  /** The task's spec.pod and spec.pipe. */
  podFile: string;
  pipe: unknown;
  /** Renders a template file of the OperatorVersion: the text, or an error. */
  render: (file: string) => { ok: true; out: string } | { ok: false; error: string };
  /** The engine's guard: KUDO's enhance and the declared-type check, or an error. */
  guard: (raw: Record<string, unknown>) => KObject | string;
}

export type PipeTaskResult =
  | { ok: true; render: PipeRender; artifactObjects: KObject[]; runnerObjects: KObject[] }
  | { ok: false; error: string };

export function renderPipeTask(i: PipeTaskInput): PipeTaskResult {
  const files = readPipeFiles(i.pipe);
  if (!files.ok) return { ok: false, error: files.message };
  if (i.podFile === '') return { ok: false, error: 'Pipe task has no pod template' };
  const r = i.render(i.podFile);
  if (!r.ok) return { ok: false, error: r.error };
  const parsed = splitManifests(r.out);
  if (!parsed.ok)
    return { ok: false, error: `${i.podFile}: the rendered YAML does not parse: ${parsed.error}` };
  if (parsed.objects.length !== 1 || parsed.objects[0]!.kind !== 'Pod')
    return {
      ok: false,
      error: `${i.podFile}: a pipe pod template must render exactly one Pod, not ${parsed.objects.map((o) => String(o.kind)).join(', ') || 'nothing'}`,
    };
  const pod = parsed.objects[0]! as KObject;
  const spec = isRecord(pod.spec) ? pod.spec : {};
  const valid = validatePipePod(spec, files.files);
  if (!valid.ok) return { ok: false, error: `${i.podFile}: ${valid.message}` };
  if (i.execution === undefined)
    return { ok: false, error: 'a Pipe task runs only within a plan execution' };
  const rendered = renderPipe({
    ref: i.ref,
    namespace: i.namespace,
    execution: i.execution,
    image: i.image ?? DEFAULT_PIPE_IMAGE,
    files: files.files,
    pod,
    mountPath: valid.mountPath,
  });
  const guarded = (objs: KObject[]): KObject[] | string => {
    const out: KObject[] = [];
    for (const o of objs) {
      const g = i.guard(o as unknown as Record<string, unknown>);
      if (typeof g === 'string') return g;
      out.push(g);
    }
    return out;
  };
  const artifactObjects = guarded(rendered.artifactObjects);
  if (typeof artifactObjects === 'string') return { ok: false, error: artifactObjects };
  const runnerObjects = guarded(rendered.runnerObjects);
  if (typeof runnerObjects === 'string') return { ok: false, error: runnerObjects };
  return { ok: true, render: rendered, artifactObjects, runnerObjects };
}
