// The render worker: the render pool's entry (render-pool.ts), one task at a
// time under the pool's memory ceiling and deadline. It runs the job
// (render-job.ts) and hands a hook answer's body back as bytes. The render
// watch records which template runs and refuses the ones that stopped an
// earlier attempt at the same request.
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { setPriority } from 'node:os';
import { RenderProgress } from './render-progress.ts';
import { runJob, type PooledHookAnswer, type PooledResult, type RenderTask } from './render-job.ts';
import type { HookAnswer } from '../webhooks/metacontroller/hook-task.ts';

// Renders are background work next to the event loop, which answers /healthz
// and hands out the work: on Linux a thread has its own nice value, and this
// lowers only the worker's, so that a busy pool cannot starve the server's
// thread of CPU. Where it is not allowed, nothing changes. Only workers load
// this module.
try {
  setPriority(10);
} catch {
  // Not permitted here (some containers): the worker keeps the default priority.
}

const utf8 = new TextEncoder();

/** A hook answer whose body's buffer piscina moves (its transfer list) instead of copying. */
class MovedAnswer {
  constructor(readonly answer: PooledHookAnswer & { payload: Uint8Array }) {}
  get [transferableSymbol](): ArrayBuffer[] {
    return [this.answer.payload.buffer as ArrayBuffer];
  }
  get [valueSymbol](): PooledHookAnswer {
    return this.answer;
  }
}

/**
 * The pool's entry. A hook answer's body goes back as UTF-8 bytes in a buffer
 * of its own, moved to the server's thread (piscina's move) rather than
 * cloned: the server sends the bytes as they are, with no string to copy,
 * encode or collect on the thread that answers every request.
 */
export default function render(task: RenderTask): PooledResult {
  const result = runJob(task.job, task.refuse, new RenderProgress(task.progress), task.deadline);
  if (task.job.kind !== 'hook') return result;
  const answer = result as HookAnswer;
  return move(
    new MovedAnswer({ ...answer, payload: utf8.encode(answer.payload) }),
  ) as unknown as PooledResult;
}
