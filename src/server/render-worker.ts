// The render worker: runs one task at a time for the render pool
// (render-pool.ts) under the pool's memory ceiling and deadline. Template
// execution is all that happens here: the sync and finalize hooks whole
// (answerHook, a string in and out) and OperatorVersion admission's package
// checks. The render watch records which template runs and refuses the ones
// that stopped an earlier attempt at the same request.
import { setRenderClock, setRenderWatch } from '../template/engine.ts';
import {
  answerHook,
  type HookAnswer,
  type HookTask,
} from '../webhooks/metacontroller/hook-task.ts';
import { verifyOperatorVersion } from '../webhooks/admission/operator-version.ts';
import { setPriority } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import { RenderProgress } from './render-progress.ts';

// Renders are background work next to the event loop, which answers /healthz
// and hands out the work: on Linux a thread has its own nice value, and this
// lowers only the worker's, so that a busy pool cannot starve the server's
// thread of CPU. Where it is not allowed, nothing changes.
// The server imports this module too, for an attempt past the deadline
// (render-pool.ts): its own thread keeps its priority.
if (!isMainThread) {
  try {
    setPriority(10);
  } catch {
    // Not permitted here (some containers): the worker keeps the default priority.
  }
}

export type RenderJob =
  { kind: 'hook'; task: HookTask } | { kind: 'verify-operator-version'; object: unknown };

/**
 * What is left of the request's render deadline: `ms` from the moment the
 * task starts (a first attempt), or the instant `at` (Date.now() ms) fixed by
 * an earlier attempt. `message` is what a render stopped by it says.
 */
export interface RenderDeadline {
  ms?: number;
  at?: number;
  message: string;
}

export interface RenderTask {
  job: RenderJob;
  /** Templates refused with the given message (they stopped an earlier attempt). */
  refuse: Record<string, string>;
  progress: SharedArrayBuffer;
  deadline?: RenderDeadline;
}

export type VerifyResult = ReturnType<typeof verifyOperatorVersion>;
export type RenderResult = HookAnswer | VerifyResult;

/** Runs a job with the render watch installed; also used in-process when no pool is configured. */
export function runJob(
  job: RenderJob,
  refuse: Record<string, string>,
  progress?: RenderProgress,
  deadline?: RenderDeadline,
): RenderResult {
  // The server reads the start from the progress memory and fixes the same
  // deadline for the request's later attempts.
  const started = Date.now();
  progress?.start(started);
  // Every render of the request shares one deadline: the templates read the
  // clock as they run, and once it has passed no further one starts.
  const at = deadline === undefined ? undefined : (deadline.at ?? started + (deadline.ms ?? 0));
  const late = (): string | undefined =>
    at !== undefined && Date.now() >= at ? (deadline as RenderDeadline).message : undefined;
  const previousClock = at === undefined ? undefined : setRenderClock(late);
  const previous = setRenderWatch((name) => {
    progress?.rendering(name);
    return Object.hasOwn(refuse, name) ? refuse[name] : late();
  });
  try {
    return job.kind === 'hook' ? answerHook(job.task) : verifyOperatorVersion(job.object);
  } finally {
    setRenderWatch(previous);
    if (at !== undefined) setRenderClock(previousClock);
  }
}

export default function render(task: RenderTask): RenderResult {
  return runJob(task.job, task.refuse, new RenderProgress(task.progress), task.deadline);
}
