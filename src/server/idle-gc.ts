// After a burst of requests, give the memory back: V8 collects garbage only
// when a thread allocates, so a thread that goes quiet after a burst keeps
// the heap it grew (parsed bodies, answers, promoted during the burst) until
// the next burst. Every interval the collector reads the thread's event-loop
// utilisation; the first quiet interval after a busy one runs one full
// collection that also shrinks the heap's spaces, and V8 returns the pages.
// The server's thread and every render worker run one (app.ts,
// render-worker.ts). Work that arrives during it waits for it: tens of ms,
// once per burst.
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isMainThread } from 'node:worker_threads';

type Collect = () => void;
type V8Gc = (options: { type: 'major'; execution: 'async' }) => void;

/** The interval of the render workers' collectors (the server's is --idle-gc, MAESTRO_IDLE_GC). */
export const IDLE_GC_MS = 3_000;

/** Above this share of an interval spent running code, the thread counts as busy. */
const BUSY = 0.05;

let exposed: Collect | null | undefined;
/**
 * V8's gc() without --expose-gc on the command line: the server's thread sets
 * the flag, which applies to every context made after it, the render workers'
 * included (they start later). A worker never sets a flag itself (V8's flags
 * are the process's, and other threads are running); without the flag it has
 * no collection (null).
 */
export function fullGc(): Collect | null {
  if (exposed === undefined) {
    if (isMainThread) setFlagsFromString('--expose-gc');
    const gc = runInNewContext('typeof gc === "function" ? gc : null') as V8Gc | null;
    // One full (mark-compact) collection, run as V8 schedules it on this
    // thread (incremental marking, short pauses) rather than one long pause;
    // after a quiet interval the allocation rate is low and V8 also shrinks
    // the young generation the burst grew.
    exposed = gc === null ? null : () => gc({ type: 'major', execution: 'async' });
  }
  return exposed;
}

export interface IdleCollector {
  close(): void;
}

/**
 * Starts the collector of the calling thread. `utilization` and `collect` are
 * for tests: the event-loop utilisation since the previous call, and the collection.
 */
export function idleCollector(
  intervalMs: number,
  o: { utilization?: () => number; collect?: Collect } = {},
): IdleCollector {
  let last = performance.eventLoopUtilization();
  const utilization =
    o.utilization ??
    (() => {
      const now = performance.eventLoopUtilization();
      const share = performance.eventLoopUtilization(now, last).utilization;
      last = now;
      return share;
    });
  const collect = o.collect ?? fullGc();
  if (collect === null) return { close: () => undefined };
  let afterBurst = false;
  const timer = setInterval(() => {
    if (utilization() > BUSY) afterBurst = true;
    else if (afterBurst) {
      afterBurst = false;
      collect();
    }
  }, intervalMs);
  timer.unref();
  return { close: () => clearInterval(timer) };
}
