// What a render worker tells the server while a task runs, through memory the
// two share (a SharedArrayBuffer in the task): that the task has started (the
// render deadline counts from there, not from the queue) and the name of the
// template being rendered (so that a worker stopped by its memory ceiling or
// deadline is answered with the template's name). The server reads it after
// the worker is gone: no message needs to arrive from a dying thread.

// int32 started flag, int32 name length, float64 start time (Date.now() ms).
const HEADER = 16;
const NAME_BYTES = 1024;
export const PROGRESS_BYTES = HEADER + NAME_BYTES;
const encoder = new TextEncoder();

export class RenderProgress {
  readonly #flags: Int32Array;
  readonly #startedAt: Float64Array;
  readonly #name: Uint8Array;
  constructor(readonly buffer: SharedArrayBuffer) {
    this.#flags = new Int32Array(buffer, 0, 2);
    this.#startedAt = new Float64Array(buffer, 8, 1);
    this.#name = new Uint8Array(buffer, HEADER, NAME_BYTES);
  }

  static create(): RenderProgress {
    return new RenderProgress(new SharedArrayBuffer(PROGRESS_BYTES));
  }

  /** Server side: ready for another task (only once the last one's worker finished it). */
  reset(): void {
    Atomics.store(this.#flags, 1, 0);
    Atomics.store(this.#flags, 0, 0);
  }

  /** Worker side: the task started at `now` (Date.now() ms). */
  start(now: number): void {
    this.#startedAt[0] = now;
    // The flag last: whoever sees it set reads the time written before it.
    Atomics.store(this.#flags, 0, 1);
  }

  /** Worker side: `name` is being rendered. */
  rendering(name: string): void {
    const { written } = encoder.encodeInto(name, this.#name);
    Atomics.store(this.#flags, 1, written);
  }

  /** Server side: when the task started on a worker (Date.now() ms), if it has. */
  startedAt(): number | undefined {
    return Atomics.load(this.#flags, 0) === 1 ? this.#startedAt[0] : undefined;
  }

  /** Server side: the template last being rendered, if any. */
  template(): string | undefined {
    const n = Atomics.load(this.#flags, 1);
    if (n === 0) return undefined;
    return new TextDecoder().decode(this.#name.slice(0, n));
  }
}
