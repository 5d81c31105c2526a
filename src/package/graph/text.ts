// A PlanGraph as Mermaid (flowchart) or Graphviz DOT source, for docs (pure).
// Same parts and ids as the SVG layout (layout.ts `ids`).
import { ids } from './layout.ts';
import type { GraphStep, PlanGraph } from './model.ts';

function stepText(step: GraphStep): string[] {
  const out = [`step ${step.name}`];
  for (const t of step.tasks) {
    out.push(`${t.name} · ${t.kind}${t.uses.length ? `: ${t.uses.join(', ')}` : ''}`);
  }
  if (step.timeout) out.push(`timeout ${step.timeout}`);
  if (step.retries !== undefined)
    out.push(`retries ${step.retries}${step.action ? ` then ${step.action}` : ''}`);
  return out;
}

interface Parts {
  node(
    id: string,
    shape: 'plan' | 'trigger' | 'phase' | 'step' | 'dependency',
    lines: string[],
  ): string;
  edge(from: string, to: string, kind: 'solid' | 'failure' | 'dependency', label?: string): string;
  open(id: string, label: string): string;
  close(): string;
}

function walk(graph: PlanGraph, parts: Parts, indent: string): string[] {
  const out: string[] = [];
  const rowOf = new Map(graph.plans.map((p, i) => [p.name, i]));
  graph.plans.forEach((plan, p) => {
    out.push(indent + parts.open(`${ids.row(p)}_row`, `plan ${plan.name}`));
    const inner = `${indent}  `;
    out.push(
      inner +
        parts.node(ids.plan(p), 'plan', [
          `plan ${plan.name}`,
          [plan.strategy, plan.timeout && `timeout ${plan.timeout}`].filter(Boolean).join(' · '),
        ]),
    );
    if (plan.triggers.length > 0) {
      out.push(inner + parts.node(ids.trigger(p), 'trigger', [plan.triggers.join(', ')]));
      out.push(inner + parts.edge(ids.trigger(p), ids.plan(p), 'solid', 'triggers'));
    }
    let prev = ids.plan(p);
    plan.phases.forEach((phase, ph) => {
      const phaseId = ids.phase(p, ph);
      out.push(inner + parts.open(`${phaseId}_group`, `phase ${phase.name} · ${phase.strategy}`));
      out.push(
        `${inner}  ${parts.node(phaseId, 'phase', [`phase ${phase.name}`, phase.strategy])}`,
      );
      let prevStep = phaseId;
      phase.steps.forEach((step, s) => {
        const stepId = ids.step(p, ph, s);
        out.push(`${inner}  ${parts.node(stepId, 'step', stepText(step))}`);
        out.push(
          `${inner}  ${parts.edge(phase.strategy === 'parallel' ? phaseId : prevStep, stepId, 'solid')}`,
        );
        prevStep = stepId;
        step.tasks.forEach((task, t) => {
          if (task.dependency === undefined) return;
          const depId = ids.dependency(p, ph, s, t);
          out.push(
            `${inner}  ${parts.node(depId, 'dependency', [`operator ${task.dependency.package}`, task.dependency.version])}`,
          );
          out.push(`${inner}  ${parts.edge(stepId, depId, 'dependency', 'installs')}`);
        });
      });
      out.push(inner + parts.close());
      out.push(inner + parts.edge(prev, phaseId, 'solid'));
      prev = phaseId;
    });
    out.push(indent + parts.close());
  });
  graph.plans.forEach((plan, p) => {
    const to = (name: string | undefined) => (name === undefined ? undefined : rowOf.get(name));
    const t = to(plan.onFailurePlan);
    if (t !== undefined)
      out.push(indent + parts.edge(ids.plan(p), ids.plan(t), 'failure', 'onFailure'));
    plan.phases.forEach((phase, ph) =>
      phase.steps.forEach((step, s) => {
        const ts = to(step.onFailurePlan);
        if (ts !== undefined)
          out.push(indent + parts.edge(ids.step(p, ph, s), ids.plan(ts), 'failure', 'onFailure'));
      }),
    );
  });
  return out;
}

const mermaidId = (id: string) => id.replace(/-/g, '_');
const mermaidText = (lines: string[]) =>
  `"${lines
    .map((l) =>
      l.replace(/&/g, '#amp;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;'),
    )
    .join('<br/>')}"`;

export function renderMermaid(graph: PlanGraph): string {
  const shapes = {
    plan: ['([', '])'],
    trigger: ['[/', '/]'],
    phase: ['[[', ']]'],
    step: ['[', ']'],
    dependency: ['[(', ')]'],
  } as const;
  const parts: Parts = {
    node: (id, shape, lines) =>
      `${mermaidId(id)}${shapes[shape][0]}${mermaidText(lines)}${shapes[shape][1]}`,
    edge: (from, to, kind, label) => {
      const arrow = kind === 'failure' ? '-.->' : kind === 'dependency' ? '-.->' : '-->';
      return `${mermaidId(from)} ${arrow}${label ? `|${label}|` : ''} ${mermaidId(to)}`;
    },
    open: (id, label) => `subgraph ${mermaidId(id)}[${mermaidText([label])}]`,
    close: () => 'end',
  };
  return ['flowchart LR', ...walk(graph, parts, '  '), ''].join('\n');
}

const dotString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export function renderDot(graph: PlanGraph): string {
  const shapes = {
    plan: 'shape=box, style="rounded,filled", fillcolor="#e8f0fe"',
    trigger: 'shape=note, style=filled, fillcolor="#fff7e0"',
    phase: 'shape=box, style=filled, fillcolor="#eef7ee"',
    step: 'shape=box',
    dependency: 'shape=component, style=filled, fillcolor="#f3e8fd"',
  } as const;
  const parts: Parts = {
    node: (id, shape, lines) =>
      `${dotString(id)} [label=${dotString(lines.join('\n'))}, ${shapes[shape]}];`,
    edge: (from, to, kind, label) => {
      const attrs = [
        label && `label=${dotString(label)}`,
        kind === 'failure' && 'color="#cf222e", style=dashed',
        kind === 'dependency' && 'style=dashed',
      ].filter(Boolean);
      return `${dotString(from)} -> ${dotString(to)}${attrs.length ? ` [${attrs.join(', ')}]` : ''};`;
    },
    open: (id, label) => `subgraph ${dotString(`cluster_${id}`)} { label=${dotString(label)};`,
    close: () => '}',
  };
  return [
    `digraph ${dotString(`${graph.operator} ${graph.version}`)} {`,
    '  rankdir=LR;',
    '  node [fontname="monospace", fontsize=10];',
    ...walk(graph, parts, '  '),
    '}',
    '',
  ].join('\n');
}
