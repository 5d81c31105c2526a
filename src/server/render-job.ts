// One render job, run on whichever thread calls it: the sync and finalize
// hooks whole (answerHook, the body in, the answer's JSON out) and
// OperatorVersion admission's package checks, with the render watch and the
// request's deadline installed. The render pool's workers run it
// (render-worker.ts), and so do the server's own thread for an attempt past
// the deadline and `maestro simulate`, which do not load piscina for it.
import { setRenderClock, setRenderWatch } from '../template/engine.ts';
import {
  answerHook,
  type HookAnswer,
  type HookTask,
} from '../webhooks/metacontroller/hook-task.ts';
import { verifyOperatorVersion } from '../webhooks/admission/operator-version.ts';
import type { RenderProgress } from './render-progress.ts';

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
/** A hook answer as the pool hands it back: its body as UTF-8 bytes, moved rather than copied. */
export type PooledHookAnswer = Omit<HookAnswer, 'payload'> & { payload: string | Uint8Array };
export type PooledResult = PooledHookAnswer | VerifyResult;

/** Runs a job with the render watch installed; also used in-process when no pool is configured. */
export function runJob(
  job: RenderJob,
  refuse: Record<string, string>,
  progress?: RenderProgress,
  deadline?: RenderDeadline,
): RenderResult {
  progress?.start();
  // Every render of the request shares one deadline: the templates read the
  // clock as they run, and once it has passed no further one starts.
  const at = deadline === undefined ? undefined : (deadline.at ?? Date.now() + (deadline.ms ?? 0));
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
