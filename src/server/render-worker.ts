// The render worker: runs one task at a time for the render pool
// (render-pool.ts) under the pool's memory ceiling and deadline. Template
// execution is all that happens here: the sync and finalize hooks whole
// (answerHook, a string in and out) and OperatorVersion admission's package
// checks. The render watch records which template runs and refuses the ones
// that stopped an earlier attempt at the same request.
import { setRenderWatch } from '../template/engine.ts';
import {
  answerHook,
  type HookAnswer,
  type HookTask,
} from '../webhooks/metacontroller/hook-task.ts';
import { verifyOperatorVersion } from '../webhooks/admission/operator-version.ts';
import { setPriority } from 'node:os';
import { RenderProgress } from './render-progress.ts';
import { IDLE_GC_MS, idleCollector } from './idle-gc.ts';

// Renders are background work next to the event loop, which answers /healthz
// and hands out the work: on Linux a thread has its own nice value, and this
// lowers only the worker's, so that a busy pool cannot starve the server's
// thread of CPU. Where it is not allowed, nothing changes.
try {
  setPriority(10);
} catch {
  // Not permitted here (some containers): the worker keeps the default priority.
}

// A worker that goes quiet after a burst gives its heap back (idle-gc.ts).
idleCollector(IDLE_GC_MS);

export type RenderJob =
  { kind: 'hook'; task: HookTask } | { kind: 'verify-operator-version'; object: unknown };

export interface RenderTask {
  job: RenderJob;
  /** Templates refused with the given message (they stopped an earlier attempt). */
  refuse: Record<string, string>;
  progress: SharedArrayBuffer;
}

export type VerifyResult = ReturnType<typeof verifyOperatorVersion>;
export type RenderResult = HookAnswer | VerifyResult;

/** Runs a job with the render watch installed; also used in-process when no pool is configured. */
export function runJob(
  job: RenderJob,
  refuse: Record<string, string>,
  progress?: RenderProgress,
): RenderResult {
  progress?.start();
  const previous = setRenderWatch((name) => {
    progress?.rendering(name);
    return Object.hasOwn(refuse, name) ? refuse[name] : undefined;
  });
  try {
    return job.kind === 'hook' ? answerHook(job.task) : verifyOperatorVersion(job.object);
  } finally {
    setRenderWatch(previous);
  }
}

export default function render(task: RenderTask): RenderResult {
  return runJob(task.job, task.refuse, new RenderProgress(task.progress));
}
