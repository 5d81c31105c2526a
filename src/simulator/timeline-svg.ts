// A Timeline as a standalone SVG (pure): one lane per step, bars for its
// states on the virtual clock, marks where it started, completed or failed,
// and a tick for every sync. Self-contained like `plan graph`'s pictures.
import { xmlEscape } from '../package/graph/svg.ts';
import type { Lane, LaneEvent, LaneState, Timeline } from './timeline.ts';

const CHAR = 7.3;
const LANE_H = 22;
const PLOT_W = 760;
const TOP = 58;

const colors: Record<LaneState, string> = {
  pending: '#d0d7de',
  running: '#4f8fe6',
  waiting: '#e3b341',
  error: '#f0883e',
  failed: '#cf222e',
};
const labels: Record<LaneState, string> = {
  pending: 'pending',
  running: 'running',
  waiting: 'waiting (canary)',
  error: 'error, retrying',
  failed: 'failed',
};

/** `+1m30s`, `+2.5s`, `+0s` */
export function offset(ms: number): string {
  if (ms === 0) return '+0s';
  const s = ms / 1000;
  if (s < 60) return `+${Number(s.toFixed(3))}s`;
  const m = Math.floor(s / 60);
  const rest = Number((s - m * 60).toFixed(3));
  if (m < 60) return `+${m}m${rest ? `${rest}s` : ''}`;
  const h = Math.floor(m / 60);
  return `+${h}h${m % 60 ? `${m % 60}m` : ''}`;
}

const MIN_GAP = 14;

/**
 * The x of each sync: proportional to virtual time, but at least MIN_GAP after
 * the previous one, so that syncs at the same instant stay apart and readable.
 */
export function syncPositions(times: readonly number[], left: number, width: number): number[] {
  if (times.length === 0) return [];
  const span = times[times.length - 1]! - times[0]!;
  const room = Math.max(0, width - MIN_GAP * (times.length - 1));
  const scale = span > 0 ? room / span : 0;
  const xs = [left];
  for (let i = 1; i < times.length; i++)
    xs.push(xs[i - 1]! + Math.max(MIN_GAP, (times[i]! - times[i - 1]!) * scale));
  return xs;
}

const num = (n: number) => String(Math.round(n * 10) / 10);

function mark(event: LaneEvent, x: number, y: number): string {
  const t = `<title>${event}</title>`;
  if (event === 'started')
    return `<path class="mark started" d="M${num(x)},${num(y - 6)} L${num(x + 6)},${num(y)} L${num(x)},${num(y + 6)} z">${t}</path>`;
  if (event === 'completed')
    return `<circle class="mark completed" cx="${num(x)}" cy="${num(y)}" r="5">${t}</circle>`;
  return `<path class="mark failed" d="M${num(x - 5)},${num(y - 5)} L${num(x + 5)},${num(y + 5)} M${num(x - 5)},${num(y + 5)} L${num(x + 5)},${num(y - 5)}">${t}</path>`;
}

const laneName = (l: Lane) => `${l.plan} › ${l.phase} › ${l.step}`;

export function renderTimelineSvg(t: Timeline, title = 'maestro simulate'): string {
  const labelW = Math.ceil(Math.max(12, ...t.lanes.map((l) => laneName(l).length)) * CHAR) + 24;
  const xs = syncPositions(
    t.syncs.map((s) => s.at),
    labelW,
    PLOT_W,
  );
  const x = (i: number) => xs[i] ?? labelW;
  const at = (i: number) => (t.syncs[i]?.at ?? t.start) - t.start;
  const width = Math.max(Math.ceil((xs.at(-1) ?? labelW) + 60), 1000);
  const plotBottom = TOP + t.lanes.length * LANE_H;
  const height = plotBottom + 70;
  const out: string[] = [];
  out.push(
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="12">`,
    `<title>${xmlEscape(title)}</title>`,
    `<defs><style>
    text { fill: #1f2328; }
    .dim { fill: #57606a; }
    .sync { stroke: #8c959f; stroke-width: 1; }
    .grid { stroke: #eaeef2; stroke-width: 1; }
    .lane { fill: #f6f8fa; }
    .started { fill: #1f6feb; }
    .completed { fill: #2da44e; stroke: #ffffff; stroke-width: 1; }
    .failed { stroke: #cf222e; stroke-width: 2.5; fill: none; }
  </style></defs>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="16" y="22" font-weight="bold">${xmlEscape(title)}</text>`,
    `<text x="16" y="40" class="dim">${t.syncs.length} syncs over ${xmlEscape(offset(t.end - t.start).slice(1))} of virtual time; a tick per sync (syncs at one instant are drawn apart)</text>`,
  );
  // Lanes.
  t.lanes.forEach((l, i) => {
    const y = TOP + i * LANE_H;
    if (i % 2 === 0)
      out.push(`<rect class="lane" x="8" y="${y}" width="${width - 16}" height="${LANE_H}"/>`);
    out.push(`<text x="16" y="${y + 15}">${xmlEscape(laneName(l))}</text>`);
  });
  // A tick per sync, with its number and time as a tooltip; the time under
  // the first sync of each instant, when there is room.
  let lastLabel = -Infinity;
  t.syncs.forEach((s, i) => {
    const sx = x(i);
    const newInstant = i === 0 || s.at !== t.syncs[i - 1]!.at;
    if (newInstant)
      out.push(
        `<line class="grid" x1="${num(sx)}" y1="${TOP}" x2="${num(sx)}" y2="${plotBottom}"/>`,
      );
    out.push(
      `<line class="sync" x1="${num(sx)}" y1="${plotBottom + 4}" x2="${num(sx)}" y2="${plotBottom + 14}"><title>sync ${s.seq} at ${xmlEscape(offset(s.at - t.start))}</title></line>`,
    );
    if (newInstant && sx - lastLabel >= 56) {
      out.push(
        `<text class="dim" x="${num(sx)}" y="${plotBottom + 30}" text-anchor="middle">${xmlEscape(offset(s.at - t.start))}</text>`,
      );
      lastLabel = sx;
    }
  });
  // Bars and marks.
  t.lanes.forEach((l, i) => {
    const y = TOP + i * LANE_H;
    for (const seg of l.segments) {
      const x0 = x(seg.from);
      const w = Math.max(3, x(seg.to) - x0);
      out.push(
        `<rect x="${num(x0)}" y="${y + 5}" width="${num(w)}" height="${LANE_H - 10}" rx="2" fill="${colors[seg.state]}"><title>${xmlEscape(`${labels[seg.state]} ${offset(at(seg.from))} → ${offset(at(seg.to))} (syncs ${t.syncs[seg.from]?.seq} to ${t.syncs[seg.to]?.seq})`)}</title></rect>`,
      );
    }
    for (const e of l.events) out.push(mark(e.event, x(e.at), y + LANE_H / 2));
  });
  // Legend.
  let lx = 16;
  const ly = plotBottom + 52;
  for (const state of Object.keys(colors) as LaneState[]) {
    out.push(
      `<rect x="${lx}" y="${ly - 9}" width="18" height="10" rx="2" fill="${colors[state]}"/>`,
      `<text x="${lx + 24}" y="${ly}">${labels[state]}</text>`,
    );
    lx += 24 + labels[state].length * CHAR + 20;
  }
  for (const event of ['started', 'completed', 'failed'] as const) {
    out.push(mark(event, lx + 5, ly - 4), `<text x="${lx + 16}" y="${ly}">${event}</text>`);
    lx += 16 + event.length * CHAR + 20;
  }
  out.push('</svg>', '');
  return out.join('\n');
}
