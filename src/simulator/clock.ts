// A virtual clock with an event queue. Nothing in the simulator reads wall
// time: delays and timeouts move this clock, so a whole deploy runs in
// milliseconds and every run with the same inputs is identical.

/** 2026-01-01T00:00:00Z: a fixed origin so timestamps are stable across runs. */
export const SIMULATION_EPOCH_MS = Date.UTC(2026, 0, 1);

export interface ScheduledEvent {
  at: number;
  seq: number;
  label: string;
  /** Background events (periodic resyncs) do not keep a run alive on their own. */
  background: boolean;
  run: () => void;
}

export class VirtualClock {
  #now: number;
  #seq = 0;
  #queue: ScheduledEvent[] = [];

  constructor(startMs = SIMULATION_EPOCH_MS) {
    this.#now = startMs;
  }

  /** Milliseconds since the Unix epoch, virtual. */
  now(): number {
    return this.#now;
  }

  /** RFC 3339 with second precision, as Kubernetes writes timestamps. */
  iso(ms = this.#now): string {
    return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  }

  /** Runs `run` at `now + delayMs`. Events at the same time run in scheduling order. */
  schedule(delayMs: number, label: string, run: () => void, background = false): ScheduledEvent {
    const event = {
      at: this.#now + Math.max(0, delayMs),
      seq: this.#seq++,
      label,
      background,
      run,
    };
    // Insert keeping (at, seq) order; queues stay small, so a linear scan is fine.
    let i = this.#queue.length;
    while (i > 0 && this.#queue[i - 1]!.at > event.at) i--;
    this.#queue.splice(i, 0, event);
    return event;
  }

  cancel(event: ScheduledEvent): void {
    const i = this.#queue.indexOf(event);
    if (i >= 0) this.#queue.splice(i, 1);
  }

  /** True when something other than background events is pending. */
  hasForegroundWork(): boolean {
    return this.#queue.some((e) => !e.background);
  }

  peek(): ScheduledEvent | undefined {
    return this.#queue[0];
  }

  /** Advances to the next event and runs it; false when the queue is empty. */
  step(): boolean {
    const event = this.#queue.shift();
    if (!event) return false;
    this.#now = Math.max(this.#now, event.at);
    event.run();
    return true;
  }

  /** Moves time forward without running anything (events due meanwhile run on the next steps). */
  advance(ms: number): void {
    this.#now += Math.max(0, ms);
  }
}
