// What a render worker tells the server while a task runs, through memory the
// two share (a SharedArrayBuffer in the task): that the task has started (the
// render deadline counts from there, not from the queue) and the name of the
// template being rendered (so that a worker stopped by its memory ceiling or
// deadline is answered with the template's name). The server reads it after
// the worker is gone: no message needs to arrive from a dying thread.

const HEADER = 8; // int32 started flag, int32 name length
const NAME_BYTES = 1024;
export const PROGRESS_BYTES = HEADER + NAME_BYTES;

export class RenderProgress {
  readonly #flags: Int32Array;
  readonly #name: Uint8Array;
  constructor(readonly buffer: SharedArrayBuffer) {
    this.#flags = new Int32Array(buffer, 0, 2);
    this.#name = new Uint8Array(buffer, HEADER, NAME_BYTES);
  }

  static create(): RenderProgress {
    return new RenderProgress(new SharedArrayBuffer(PROGRESS_BYTES));
  }

  /** Worker side: the task has started. */
  start(): void {
    Atomics.store(this.#flags, 0, 1);
    Atomics.notify(this.#flags, 0);
  }

  /** Worker side: `name` is being rendered. */
  rendering(name: string): void {
    const { written } = new TextEncoder().encodeInto(name, this.#name);
    Atomics.store(this.#flags, 1, written);
  }

  /** Server side: resolves true once the task starts, false after `timeoutMs` without a start. */
  async started(timeoutMs: number): Promise<boolean> {
    // Node 20 has Atomics.waitAsync; TypeScript's lib types it from ES2024 on.
    const waitAsync = (
      Atomics as unknown as {
        waitAsync(
          a: Int32Array,
          i: number,
          v: number,
          t: number,
        ): { async: false; value: string } | { async: true; value: Promise<string> };
      }
    ).waitAsync;
    const w = waitAsync(this.#flags, 0, 0, timeoutMs);
    const outcome = w.async ? await w.value : w.value;
    return outcome !== 'timed-out' || Atomics.load(this.#flags, 0) === 1;
  }

  /** Server side: the template last being rendered, if any. */
  template(): string | undefined {
    const n = Atomics.load(this.#flags, 1);
    if (n === 0) return undefined;
    return new TextDecoder().decode(this.#name.slice(0, n));
  }
}
