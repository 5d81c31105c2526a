// A deterministic layout of a PlanGraph (pure): one row per plan, left to
// right: the parameters that trigger it, the plan, then its phases as columns
// in order, each phase's steps stacked in it, and the operators KudoOperator
// tasks install beside their step. Sizes come from the text (a monospace
// font, so the width of a line is its length), edges are orthogonal
// polylines, and onFailure edges run in reserved channels (a gap after each
// phase, a channel above each row, a gutter on the left) so that they cross
// no box of their own making. Same graph in, same coordinates out.
import type { GraphPlan, GraphStep, PlanGraph } from './model.ts';

export const FONT_SIZE = 12;
/** Advance of one monospace character at FONT_SIZE, rounded up. */
export const CHAR_WIDTH = 7.3;
export const LINE_HEIGHT = 16;
const PAD = 8;
const MARGIN = 16;
const MAX_CHARS = 46;
const MAX_TRIGGER_LINES = 8;
const COLUMN_GAP = 44;
const LANE = 7;

export type NodeKind = 'trigger' | 'plan' | 'phase' | 'step' | 'dependency';
export type EdgeKind = 'trigger' | 'sequence' | 'parallel' | 'onFailure' | 'dependency';

export interface Line {
  text: string;
  style?: 'title' | 'dim';
}

export interface LayoutNode {
  id: string;
  kind: NodeKind;
  x: number;
  y: number;
  w: number;
  h: number;
  lines: Line[];
  /** The whole text, for a tooltip, when lines were shortened. */
  tooltip?: string;
}

export interface LayoutCluster {
  id: string;
  kind: 'row' | 'phase';
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface LayoutEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  points: [number, number][];
}

export interface Layout {
  width: number;
  height: number;
  title: string;
  nodes: LayoutNode[];
  clusters: LayoutCluster[];
  edges: LayoutEdge[];
}

const clip = (text: string): string =>
  text.length <= MAX_CHARS ? text : `${text.slice(0, MAX_CHARS - 1)}…`;

function sized(id: string, kind: NodeKind, lines: Line[], tooltip?: string): LayoutNode {
  const clipped = lines.map((l) => ({ ...l, text: clip(l.text) }));
  const longest = Math.max(...clipped.map((l) => l.text.length), 8);
  const shortened = clipped.some((l, i) => l.text !== lines[i]!.text);
  const tip = tooltip ?? (shortened ? lines.map((l) => l.text).join('\n') : undefined);
  return {
    id,
    kind,
    x: 0,
    y: 0,
    w: Math.ceil(longest * CHAR_WIDTH + 2 * PAD),
    h: clipped.length * LINE_HEIGHT + 2 * PAD - 4,
    lines: clipped,
    ...(tip !== undefined && { tooltip: tip }),
  };
}

/** Words joined by ", " into lines of at most `width` characters. */
function wrap(words: string[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const [i, w] of words.entries()) {
    const piece = i < words.length - 1 ? `${w},` : w;
    if (line !== '' && line.length + 1 + piece.length > width) {
      lines.push(line);
      line = piece;
    } else line = line === '' ? piece : `${line} ${piece}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

const facts = (parts: (string | undefined | false)[]) =>
  parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' · ');

function stepLines(step: GraphStep): Line[] {
  const lines: Line[] = [{ text: `step ${step.name}`, style: 'title' }];
  for (const t of step.tasks) {
    lines.push({ text: `${t.name} · ${t.kind}` });
    for (const u of t.uses) lines.push({ text: `  ↳ ${u}`, style: 'dim' });
  }
  const policy = facts([
    step.timeout && `timeout ${step.timeout}`,
    step.retries !== undefined && `retries ${step.retries}`,
    step.action && `then ${step.action}`,
  ]);
  if (policy) lines.push({ text: policy, style: 'dim' });
  if (step.onFailurePlan) lines.push({ text: `onFailure → ${step.onFailurePlan}`, style: 'dim' });
  return lines;
}

function planLines(plan: GraphPlan): Line[] {
  const lines: Line[] = [
    { text: `plan ${plan.name}`, style: 'title' },
    { text: facts([plan.strategy, plan.timeout && `timeout ${plan.timeout}`]), style: 'dim' },
  ];
  if (plan.onFailurePlan) lines.push({ text: `onFailure → ${plan.onFailurePlan}`, style: 'dim' });
  return lines;
}

function triggerNode(id: string, plan: GraphPlan): LayoutNode {
  const names = wrap(plan.triggers, 34);
  const shown = names.slice(0, MAX_TRIGGER_LINES);
  const lines: Line[] = [
    {
      text: `${plan.triggers.length} parameter${plan.triggers.length === 1 ? '' : 's'}`,
      style: 'title',
    },
    ...shown.map((text) => ({ text })),
  ];
  const hidden = plan.triggers.length - shown.join(' ').split(' ').length;
  if (names.length > shown.length) lines.push({ text: `… and ${hidden} more`, style: 'dim' });
  return sized(id, 'trigger', lines, `triggers plan ${plan.name}:\n${plan.triggers.join('\n')}`);
}

interface OnFailureEdge {
  from: string;
  fromRow: number;
  /** The gap (phase index) a step's edge leaves by; -1 for a plan's own onFailure. */
  gap: number;
  to: string;
  toRow: number;
}

/** Ids of the parts of plan p: stable and readable. */
export const ids = {
  row: (p: number) => `plan${p}`,
  plan: (p: number) => `plan${p}`,
  trigger: (p: number) => `plan${p}-triggers`,
  phase: (p: number, ph: number) => `plan${p}-phase${ph}`,
  step: (p: number, ph: number, s: number) => `plan${p}-phase${ph}-step${s}`,
  dependency: (p: number, ph: number, s: number, t: number) =>
    `plan${p}-phase${ph}-step${s}-dep${t}`,
};

export function layoutGraph(graph: PlanGraph): Layout {
  const nodes: LayoutNode[] = [];
  const clusters: LayoutCluster[] = [];
  const edges: LayoutEdge[] = [];
  const rowOf = new Map(graph.plans.map((p, i) => [p.name, i]));

  // onFailure edges first: they decide the channel, gap and gutter widths.
  const failures: OnFailureEdge[] = [];
  graph.plans.forEach((plan, p) => {
    const target = (name: string | undefined) => (name === undefined ? undefined : rowOf.get(name));
    const t = target(plan.onFailurePlan);
    if (t !== undefined)
      failures.push({ from: ids.plan(p), fromRow: p, gap: -1, to: ids.plan(t), toRow: t });
    plan.phases.forEach((phase, ph) =>
      phase.steps.forEach((step, s) => {
        const ts = target(step.onFailurePlan);
        if (ts !== undefined)
          failures.push({
            from: ids.step(p, ph, s),
            fromRow: p,
            gap: ph,
            to: ids.plan(ts),
            toRow: ts,
          });
      }),
    );
  });
  const channelLanes = graph.plans.map(
    (_, r) =>
      failures.filter((f) => f.fromRow === r).length + failures.filter((f) => f.toRow === r).length,
  );
  const gutter = failures.length === 0 ? 0 : 12 + failures.length * LANE;
  const left = MARGIN + gutter;

  const byId = new Map<string, LayoutNode>();
  const place = (n: LayoutNode, x: number, y: number) => {
    n.x = Math.round(x);
    n.y = Math.round(y);
    nodes.push(n);
    byId.set(n.id, n);
    return n;
  };
  const channelY = new Map<number, number[]>(); // row -> lane ys, handed out in order
  const gapX = new Map<string, number[]>(); // `${row}/${gap}` -> lane xs
  let y = MARGIN;
  let width = 0;

  graph.plans.forEach((plan, p) => {
    const rowTop = y;
    const channel = channelLanes[p]! === 0 ? 0 : 10 + channelLanes[p]! * LANE;
    channelY.set(
      p,
      Array.from({ length: channelLanes[p]! }, (_, i) => rowTop + 8 + i * LANE),
    );
    const top = rowTop + channel + 12;
    let x = left + 12;
    let bottom = top;

    const planNode = sized(ids.plan(p), 'plan', planLines(plan));
    if (plan.triggers.length > 0) {
      const trig = place(triggerNode(ids.trigger(p), plan), x, top);
      x += trig.w + COLUMN_GAP;
      bottom = Math.max(bottom, trig.y + trig.h);
      const yMid = top + Math.min(trig.h, planNode.h) / 2;
      edges.push({
        from: trig.id,
        to: planNode.id,
        kind: 'trigger',
        points: [
          [trig.x + trig.w, yMid],
          [x, yMid],
        ],
      });
    }
    place(planNode, x, top);
    x += planNode.w + COLUMN_GAP;
    bottom = Math.max(bottom, planNode.y + planNode.h);

    // Headers share one height so that phase-to-phase arrows are straight.
    const headers = plan.phases.map((phase, ph) =>
      sized(ids.phase(p, ph), 'phase', [
        { text: `phase ${phase.name}`, style: 'title' },
        {
          text: facts([
            phase.strategy,
            phase.canarySteps !== undefined && `pause after ${phase.canarySteps}`,
            phase.timeout && `timeout ${phase.timeout}`,
          ]),
          style: 'dim',
        },
      ]),
    );
    const headerH = Math.max(0, ...headers.map((h) => h.h));
    let prevHeader: LayoutNode = planNode;
    plan.phases.forEach((phase, ph) => {
      const colX = x;
      const header = headers[ph]!;
      header.h = headerH;
      place(header, colX + 8, top + 8);
      const stepX = colX + 24;
      let sy = header.y + header.h + 22;
      let colRight = header.x + header.w;
      let prevStep: LayoutNode | undefined;
      phase.steps.forEach((step, s) => {
        const node = place(sized(ids.step(p, ph, s), 'step', stepLines(step)), stepX, sy);
        let slotBottom = node.y + node.h;
        let depY = node.y;
        step.tasks.forEach((task, t) => {
          if (task.dependency === undefined) return;
          const d = task.dependency;
          const dep = place(
            sized(ids.dependency(p, ph, s, t), 'dependency', [
              { text: `operator ${d.package}`, style: 'title' },
              { text: d.version, style: 'dim' },
              ...(d.instanceName
                ? [{ text: `instance ${d.instanceName}`, style: 'dim' as const }]
                : []),
            ]),
            node.x + node.w + 30,
            depY,
          );
          const yFrom = Math.min(node.y + node.h - 6, dep.y + dep.h / 2);
          const mid = node.x + node.w + 15;
          edges.push({
            from: node.id,
            to: dep.id,
            kind: 'dependency',
            points: [
              [node.x + node.w, yFrom],
              [mid, yFrom],
              [mid, dep.y + dep.h / 2],
              [dep.x, dep.y + dep.h / 2],
            ],
          });
          depY = dep.y + dep.h + 10;
          slotBottom = Math.max(slotBottom, dep.y + dep.h);
          colRight = Math.max(colRight, dep.x + dep.w);
        });
        colRight = Math.max(colRight, node.x + node.w);
        const cx = stepX + 20;
        if (phase.strategy === 'parallel') {
          const bus = colX + 14;
          edges.push({
            from: header.id,
            to: node.id,
            kind: 'parallel',
            points: [
              [bus, header.y + header.h],
              [bus, node.y + 12],
              [node.x, node.y + 12],
            ],
          });
        } else {
          const from = prevStep ?? header;
          edges.push({
            from: from.id,
            to: node.id,
            kind: 'sequence',
            points: [
              [cx, from.y + from.h],
              [cx, node.y],
            ],
          });
        }
        prevStep = node;
        sy = slotBottom + 22;
      });
      const colBottom = Math.max(header.y + header.h, sy - 22) + 10;
      const colW = colRight - colX + 10;
      clusters.push({
        id: `${header.id}-group`,
        kind: 'phase',
        x: colX,
        y: top,
        w: colW,
        h: colBottom - top,
      });
      bottom = Math.max(bottom, colBottom);
      // The arrow from the previous phase (or the plan) to this one.
      const yFrom =
        prevHeader === planNode
          ? planNode.y + Math.min(planNode.h, header.h) / 2
          : prevHeader.y + prevHeader.h / 2;
      const yTo = header.y + header.h / 2;
      const xFrom = prevHeader.x + prevHeader.w;
      const pts: [number, number][] =
        yFrom === yTo
          ? [
              [xFrom, yFrom],
              [header.x, yTo],
            ]
          : [
              [xFrom, yFrom],
              [colX - 14, yFrom],
              [colX - 14, yTo],
              [header.x, yTo],
            ];
      edges.push({ from: prevHeader.id, to: header.id, kind: 'sequence', points: pts });
      prevHeader = header;
      // The gap after the column: one lane per onFailure edge leaving a step of this phase.
      const leaving = failures.filter((f) => f.fromRow === p && f.gap === ph).length;
      gapX.set(
        `${p}/${ph}`,
        Array.from({ length: leaving }, (_, i) => colX + colW + 10 + i * LANE),
      );
      x = colX + colW + COLUMN_GAP + leaving * LANE;
    });
    width = Math.max(width, x - COLUMN_GAP + MARGIN + 12);
    const rowBottom = bottom + 14;
    clusters.push({
      id: ids.row(p) + '-row',
      kind: 'row',
      x: left,
      y: rowTop,
      w: 0,
      h: rowBottom - rowTop,
    });
    y = rowBottom + 16;
  });
  for (const c of clusters) if (c.kind === 'row') c.w = width - left - MARGIN;

  // Route the onFailure edges: out of the source, up to its row's channel,
  // left to the gutter, to the target row's channel, down into the plan.
  const takeChannel = (row: number) => channelY.get(row)!.shift()!;
  failures.forEach((f, i) => {
    const src = byId.get(f.from)!;
    const dst = byId.get(f.to)!;
    const gx = MARGIN + 6 + i * LANE;
    const srcLane = takeChannel(f.fromRow);
    const dstLane = takeChannel(f.toRow);
    const dstX = dst.x + dst.w - 10 - (i % 4) * 6;
    const points: [number, number][] = [];
    if (f.gap < 0) {
      const sx = src.x + 10 + (i % 4) * 6;
      points.push([sx, src.y], [sx, srcLane]);
    } else {
      const lane = gapX.get(`${f.fromRow}/${f.gap}`)!.shift()!;
      const sy = src.y + src.h - 8;
      points.push([src.x + src.w, sy], [lane, sy], [lane, srcLane]);
    }
    points.push([gx, srcLane], [gx, dstLane], [dstX, dstLane], [dstX, dst.y]);
    edges.push({ from: f.from, to: f.to, kind: 'onFailure', points });
  });

  return {
    width: Math.ceil(width),
    height: Math.ceil(y - 16 + MARGIN),
    title: `${graph.operator} ${graph.version}: ${graph.plans.map((p) => p.name).join(', ')}`,
    nodes,
    clusters,
    edges,
  };
}
