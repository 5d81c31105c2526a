// The render pool: template execution for /sync, /finalize and OperatorVersion
// admission runs in worker threads (piscina), each with a memory ceiling
// (resourceLimits), and every task with a wall-clock deadline counted from
// the moment a worker picks it up. A worker over either limit is terminated
// (piscina replaces it) and the caller gets an outcome naming the limit and
// the template that was rendering, never an exception: the server answers it
// as a failed step or an admission denial (docs/serve.md, "Security model").
// The pool starts on the first task, so `serve` starts without it.
import { availableParallelism } from 'node:os';
import type { Piscina } from 'piscina';
import { RenderProgress } from './render-progress.ts';
import type { RenderDeadline, RenderJob, RenderResult, RenderTask } from './render-worker.ts';

export interface RenderLimits {
  /** Most worker threads at once. */
  workers: number;
  /** Heap ceiling of each worker, in bytes. */
  memoryBytes: number;
  /** Longest the renders of one request may run once a worker has picked up its first task, in ms. */
  deadlineMs: number;
  /** Longest a task may wait for a worker, in ms. */
  queueTimeoutMs: number;
  /** How long past the deadline a busy worker is terminated (default HARD_GRACE_MS; tests lower it). */
  graceMs?: number;
}

export type RenderStop = 'memory' | 'deadline' | 'overloaded' | 'crashed';

export type RenderOutcome =
  | { ok: true; value: RenderResult }
  | { ok: false; stop: RenderStop; template: string | undefined; message: string };

/**
 * One request's render deadline, shared by all its attempts: fixed when its
 * first task starts on a worker, so that every render of one /sync, /finalize
 * or admission review spends what remains of the same `--render-deadline`.
 */
export interface RequestDeadline {
  /** Date.now() ms; unset until the first task starts. */
  at?: number;
}

/**
 * How long after the deadline a worker still busy is terminated. The templates
 * read the deadline as they run and stop on it; only one call that cannot be
 * interrupted (a key generation) keeps the worker past it.
 */
export const HARD_GRACE_MS = 250;
/**
 * The longest a later attempt started before the deadline may wait for a
 * worker past it.
 */
export const FINAL_ATTEMPT_MS = 500;

export interface RenderRunner {
  run(
    job: RenderJob,
    refuse: Record<string, string>,
    deadline?: RequestDeadline,
  ): Promise<RenderOutcome>;
  close(): Promise<void>;
}

export const defaultRenderLimits = (): RenderLimits => ({
  workers: Math.max(1, Math.min(4, availableParallelism())),
  memoryBytes: 256 * 1024 * 1024,
  deadlineMs: 5_000,
  queueTimeoutMs: 10_000,
});

const MiB = 1024 * 1024;

/**
 * How the pool gives memory back after a burst: a worker beyond the first
 * that has had no task for `ms` stops, and once a pool that has run at least
 * `recycleAfterTasks` tasks has completed none for `ms` (none waiting), a
 * fresh pool replaces it: the old worker finishes what it runs and exits, and
 * its heap (grown by the burst, holding every template it compiled) goes back
 * to the system, while the new one loads for the next request.
 */
export interface PoolIdle {
  ms: number;
  recycleAfterTasks: number;
}
export const defaultPoolIdle: PoolIdle = { ms: 10_000, recycleAfterTasks: 100 };

/** What a limit is called in messages: the value and the flag that sets it. */
export function limitText(stop: RenderStop, limits: RenderLimits): string {
  switch (stop) {
    case 'memory':
      return `the render worker's memory ceiling of ${Math.round(limits.memoryBytes / MiB)} MiB (--render-memory)`;
    case 'deadline':
      return `the render deadline of ${limits.deadlineMs} ms (--render-deadline)`;
    case 'overloaded':
      return `no render worker was free within ${limits.queueTimeoutMs} ms (--render-workers ${limits.workers})`;
    default:
      return 'the render worker stopped unexpectedly';
  }
}

/** The worker module: the TypeScript source under tsx (tests), the bundled file under dist/. */
function workerFile(): URL {
  const source = import.meta.url.endsWith('.ts');
  return new URL(source ? './render-worker.ts' : './render-worker.js', import.meta.url);
}

/** One task in flight, as the watchdog sees it. */
interface Watch {
  progress: RenderProgress;
  request: RequestDeadline;
  /** Date.now() ms after which a task no worker has started is dropped. */
  queuedUntil: number;
  abort: AbortController;
  /** Set when the watchdog stopped the task. */
  stop?: RenderStop;
  /** Armed once the task is seen started: terminates its worker at the deadline and its grace. */
  kill?: NodeJS.Timeout;
}

/** How often the watchdog looks at the tasks in flight, in ms. */
const WATCH_EVERY_MS = 20;
/** Progress memories kept for reuse. */
const SPARE_PROGRESS = 64;

export class RenderPool implements RenderRunner {
  #pool: Promise<Piscina> | undefined;
  readonly #watches = new Set<Watch>();
  #watchdog: NodeJS.Timeout | undefined;
  readonly #progress: RenderProgress[] = [];
  #closed = false;
  /** Workers stopped by a limit since start, by limit (a metric reads it). */
  readonly stopped: Record<RenderStop, number> = {
    memory: 0,
    deadline: 0,
    overloaded: 0,
    crashed: 0,
  };

  #recycler: NodeJS.Timeout | undefined;
  /** Pools replaced after a burst since start (a test reads it). */
  recycled = 0;

  constructor(
    readonly limits: RenderLimits,
    readonly idle: PoolIdle = defaultPoolIdle,
  ) {}

  #start(): Promise<Piscina> {
    this.#recycleWhenIdle();
    // The engine is loaded on this thread too, with the pool rather than on
    // the first attempt past a deadline, which must answer at once.
    if (this.#pool === undefined) void import('./render-worker.ts');
    this.#pool ??= import('piscina').then(
      ({ Piscina }) =>
        new Piscina({
          filename: workerFile().href,
          // One worker stays (started on the first render, not with the
          // server); under load the pool grows to --render-workers, and a
          // worker idle for a while stops (PoolIdle), so that RSS settles after
          // a burst. While busy, when a limit stops one worker, the request's
          // next attempt finds another already loaded.
          minThreads: 1,
          maxThreads: this.limits.workers,
          idleTimeout: this.idle.ms,
          concurrentTasksPerWorker: 1,
          resourceLimits: {
            maxOldGenerationSizeMb: Math.max(16, Math.floor(this.limits.memoryBytes / MiB)),
            maxYoungGenerationSizeMb: Math.max(
              4,
              Math.min(32, Math.floor(this.limits.memoryBytes / MiB / 8)),
            ),
          },
        }),
    );
    return this.#pool;
  }

  async run(
    job: RenderJob,
    refuse: Record<string, string>,
    request: RequestDeadline = {},
  ): Promise<RenderOutcome> {
    if (this.#closed) return this.#fail('overloaded', undefined);
    const message = `render stopped: it exceeded ${limitText('deadline', this.limits)} [MAESTRO_RENDER_LIMIT]`;
    if (request.at !== undefined && Date.now() >= request.at)
      return this.#pastDeadline(job, refuse, request.at, message);
    const pool = await this.#start();
    const progress = this.#progress.pop() ?? RenderProgress.create();
    const deadline: RenderDeadline =
      request.at === undefined
        ? { ms: this.limits.deadlineMs, message }
        : { at: request.at, message };
    // A later attempt waits for a worker no longer than what its answer may still take.
    const queueMs =
      request.at === undefined
        ? this.limits.queueTimeoutMs
        : Math.min(
            this.limits.queueTimeoutMs,
            Math.max(0, request.at - Date.now()) + FINAL_ATTEMPT_MS,
          );
    const watch: Watch = {
      progress,
      request,
      queuedUntil: Date.now() + queueMs,
      abort: new AbortController(),
    };
    this.#watch(watch);
    const task: RenderTask = { job, refuse, progress: progress.buffer, deadline };
    try {
      const value = (await pool.run(task, { signal: watch.abort.signal })) as RenderResult;
      // The worker is done with the progress memory: the next task may have it.
      progress.reset();
      if (this.#progress.length < SPARE_PROGRESS) this.#progress.push(progress);
      return { ok: true, value };
    } catch (err) {
      // A worker stopped before the watchdog looked still fixes the request's deadline.
      this.#noteStart(watch);
      const code = (err as { code?: string }).code;
      const stop =
        watch.stop ?? (code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : ('crashed' as const));
      // A later attempt that found no worker before the deadline had passed.
      if (stop === 'overloaded' && request.at !== undefined && Date.now() >= request.at)
        return this.#pastDeadline(job, refuse, request.at, message);
      return this.#fail(stop, progress.template(), err);
    } finally {
      this.#unwatch(watch);
    }
  }

  /**
   * The deadline runs from the moment a worker picks the request's first
   * task up (the worker writes that moment into the task's progress memory);
   * the queue has its own. One timer looks at every task in flight, rather
   * than a wait per task: a task past its queue time is dropped as
   * overloaded, and a task seen started gets a timer of its own, which
   * terminates its worker (piscina replaces it) if it is still busy at the
   * deadline and its grace, to the millisecond.
   */
  #watch(watch: Watch): void {
    this.#watches.add(watch);
    if (this.#watchdog === undefined) {
      this.#watchdog = setInterval(() => this.#look(), WATCH_EVERY_MS);
      this.#watchdog.unref();
    }
  }

  #unwatch(watch: Watch): void {
    clearTimeout(watch.kill);
    this.#watches.delete(watch);
    if (this.#watches.size === 0 && this.#watchdog !== undefined) {
      clearInterval(this.#watchdog);
      this.#watchdog = undefined;
    }
  }

  #noteStart(watch: Watch): boolean {
    const startedAt = watch.progress.startedAt();
    if (startedAt === undefined) return false;
    watch.request.at ??= startedAt + this.limits.deadlineMs;
    return true;
  }

  #look(): void {
    const now = Date.now();
    const grace = this.limits.graceMs ?? HARD_GRACE_MS;
    for (const watch of this.#watches) {
      if (watch.stop !== undefined || watch.kill !== undefined) continue;
      if (this.#noteStart(watch)) {
        watch.kill = setTimeout(
          () => {
            watch.stop = 'deadline';
            watch.abort.abort();
          },
          Math.max(0, watch.request.at! + grace - now),
        );
      } else if (now >= watch.queuedUntil) {
        watch.stop = 'overloaded';
        watch.abort.abort();
      }
    }
  }

  /**
   * An attempt after the request's deadline renders nothing: every template
   * is refused, and only the engine runs, to answer the failed step with
   * every existing child echoed. That is work linear in the body, like
   * parsing it, so it runs on this thread rather than waiting for a worker
   * (one just terminated may still be starting again).
   */
  async #pastDeadline(
    job: RenderJob,
    refuse: Record<string, string>,
    at: number,
    message: string,
  ): Promise<RenderOutcome> {
    const { runJob } = await import('./render-worker.ts');
    return { ok: true, value: runJob(job, refuse, undefined, { at, message }) };
  }

  #fail(stop: RenderStop, template: string | undefined, err?: unknown): RenderOutcome {
    this.stopped[stop] += 1;
    const detail = stop === 'crashed' && err instanceof Error ? `: ${err.message}` : '';
    return { ok: false, stop, template, message: `${limitText(stop, this.limits)}${detail}` };
  }

  /** Replaces the pool with a fresh one once it is quiet after a burst (PoolIdle). */
  #recycleWhenIdle(): void {
    if (this.#recycler !== undefined) return;
    let seen = 0;
    let busy = false;
    this.#recycler = setInterval(() => {
      const current = this.#pool;
      if (current === undefined) return;
      void current.then((pool) => {
        if (this.#pool !== current || this.#closed) return;
        const done = pool.completed;
        if (done !== seen) {
          seen = done;
          busy = true;
          return;
        }
        if (!busy || done < this.idle.recycleAfterTasks || pool.queueSize > 0) return;
        busy = false;
        seen = 0;
        this.#pool = undefined;
        this.recycled += 1;
        // Not destroy(): a task still running finishes first.
        void pool.close().catch(() => undefined);
        void this.#start();
      });
    }, this.idle.ms);
    this.#recycler.unref();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#recycler);
    clearInterval(this.#watchdog);
    const pool = this.#pool;
    this.#pool = undefined;
    if (pool !== undefined) await (await pool).destroy();
  }
}

/** Runs jobs on the calling thread: no limits but the template budget (tests, `maestro simulate`). */
export class InProcessRenderer implements RenderRunner {
  async run(job: RenderJob, refuse: Record<string, string>): Promise<RenderOutcome> {
    const { runJob } = await import('./render-worker.ts');
    return { ok: true, value: runJob(job, refuse) };
  }
  async close(): Promise<void> {}
}
