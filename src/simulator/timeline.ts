// A simulated run as lanes on the virtual clock (pure): one lane per step
// that ran, its state between syncs (pending, running, waiting, error,
// failed), when it started, completed or failed, and every sync. Read from
// the Instance status each sync wrote (KUDO's planStatus, and Maestro's
// execution for canary waits and retry backoff).

export type LaneState = 'pending' | 'running' | 'waiting' | 'error' | 'failed';
export type LaneEvent = 'started' | 'completed' | 'failed';

export interface TimelineSample {
  seq: number;
  /** Virtual time of the sync (ISO). */
  at: string;
  /** The Instance status the sync wrote, if it wrote one. */
  status: unknown;
}

/** Positions are indexes into Timeline.syncs: several syncs can share one virtual instant. */
export interface Lane {
  plan: string;
  phase: string;
  step: string;
  segments: { state: LaneState; from: number; to: number }[];
  events: { event: LaneEvent; at: number }[];
}

export interface Timeline {
  /** Virtual milliseconds of the first and last sync. */
  start: number;
  end: number;
  syncs: { seq: number; at: number }[];
  lanes: Lane[];
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): Rec[] => (Array.isArray(v) ? v.filter(isRec) : []);

interface StepView {
  plan: string;
  phase: string;
  step: string;
  state: LaneState | 'complete' | undefined;
}

/** Every step of every plan in one status, with its state (undefined: not part of a run). */
function stepsOf(status: unknown): StepView[] {
  if (!isRec(status) || !isRec(status.planStatus)) return [];
  const maestro = isRec(status.maestro) ? status.maestro : {};
  const execution = isRec(maestro.execution) ? maestro.execution : {};
  const progress = list(execution.steps);
  const out: StepView[] = [];
  for (const plan of Object.keys(status.planStatus).sort()) {
    const ps = status.planStatus[plan];
    if (!isRec(ps)) continue;
    const planRunning = ps.status === 'IN_PROGRESS' || ps.status === 'PENDING';
    for (const ph of list(ps.phases)) {
      for (const st of list(ph.steps)) {
        const phase = String(ph.name ?? '');
        const step = String(st.name ?? '');
        const p =
          execution.plan === plan
            ? progress.find((x) => x.phase === phase && x.step === step)
            : undefined;
        let state: StepView['state'];
        switch (st.status) {
          case 'PENDING':
            state = planRunning ? 'pending' : undefined;
            break;
          case 'IN_PROGRESS':
            state = p?.waiting === true ? 'waiting' : 'running';
            break;
          case 'ERROR':
            state = 'error';
            break;
          case 'FATAL_ERROR':
            state = 'failed';
            break;
          case 'COMPLETE':
            state = 'complete';
            break;
          default:
            state = undefined;
        }
        if (p?.waiting === true && state === 'pending') state = 'waiting';
        out.push({ plan, phase, step, state });
      }
    }
  }
  return out;
}

export function buildTimeline(samples: readonly TimelineSample[]): Timeline {
  const syncs = samples.map((s) => ({ seq: s.seq, at: Date.parse(s.at) }));
  const start = syncs.length === 0 ? 0 : Math.min(...syncs.map((s) => s.at));
  const end = syncs.length === 0 ? 0 : Math.max(...syncs.map((s) => s.at));
  const lanes = new Map<string, Lane & { last?: StepView['state']; lastAt: number }>();
  let previous: StepView[] = [];
  for (const [at, sample] of samples.entries()) {
    // A sync that wrote no status leaves every step as it was.
    const views = isRec(sample.status) ? stepsOf(sample.status) : previous;
    previous = views;
    for (const v of views) {
      const key = `${v.plan}\u0000${v.phase}\u0000${v.step}`;
      let lane = lanes.get(key);
      if (lane === undefined) {
        if (v.state === undefined) continue;
        lane = { plan: v.plan, phase: v.phase, step: v.step, segments: [], events: [], lastAt: at };
        lanes.set(key, lane);
      }
      const open = lane.segments.at(-1);
      const ongoing = lane.last !== undefined && lane.last !== 'complete';
      if (open && ongoing && open.to < at) open.to = at;
      if (v.state !== lane.last) {
        if (v.state === 'running' && lane.last !== 'waiting' && lane.last !== 'error')
          lane.events.push({ event: 'started', at });
        if (v.state === 'complete') lane.events.push({ event: 'completed', at });
        if (v.state === 'failed') lane.events.push({ event: 'failed', at });
        if (v.state !== undefined && v.state !== 'complete')
          lane.segments.push({ state: v.state, from: at, to: at });
        lane.last = v.state;
      }
      lane.lastAt = at;
    }
  }
  // Lanes in the order their plans first ran, then phase and step order.
  const ordered = [...lanes.values()];
  const firstAt = new Map<string, number>();
  for (const l of ordered) {
    const t = Math.min(...l.segments.map((s) => s.from), ...l.events.map((e) => e.at));
    firstAt.set(l.plan, Math.min(firstAt.get(l.plan) ?? Infinity, t));
  }
  const index = new Map(ordered.map((l, i) => [l, i]));
  ordered.sort(
    (a, b) =>
      firstAt.get(a.plan)! - firstAt.get(b.plan)! ||
      a.plan.localeCompare(b.plan) ||
      index.get(a)! - index.get(b)!,
  );
  return {
    start,
    end,
    syncs,
    lanes: ordered.map(({ plan, phase, step, segments, events }) => ({
      plan,
      phase,
      step,
      segments,
      events,
    })),
  };
}
