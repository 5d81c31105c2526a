// `maestro plan graph`: every corpus package's plans draw with no two node
// boxes overlapping and every edge running from its source box to its target
// box; the SVG is well-formed XML with no external reference; the layout is
// deterministic; Mermaid and DOT name the same parts.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { run } from '../../src/cli/commands/plan.ts';
import { loadPackageFiles } from '../../src/package/loader/index.ts';
import { parsePackageOrThrow } from '../../src/package/parse.ts';
import {
  layoutGraph,
  planGraph,
  renderDot,
  renderMermaid,
  renderSvg,
  selectPlan,
  type Layout,
  type PlanGraph,
} from '../../src/package/graph/index.ts';
import { collectingIO } from './cli-io.ts';
import { corpusPackages } from './corpus.ts';

const onFailureFixture = new URL('../fixtures/graph-onfailure', import.meta.url).pathname;
const graphOf = (dir: string) => planGraph(parsePackageOrThrow(loadPackageFiles(dir)));

type Box = { x: number; y: number; w: number; h: number };
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const onBorder = ([px, py]: [number, number], b: Box) => {
  const e = 0.01;
  const inX = px >= b.x - e && px <= b.x + b.w + e;
  const inY = py >= b.y - e && py <= b.y + b.h + e;
  return (
    (inX && (Math.abs(py - b.y) < e || Math.abs(py - (b.y + b.h)) < e)) ||
    (inY && (Math.abs(px - b.x) < e || Math.abs(px - (b.x + b.w)) < e))
  );
};

/** Every geometric property the picture promises; returns the problems found. */
function layoutProblems(layout: Layout): string[] {
  const problems: string[] = [];
  const { nodes, edges, clusters } = layout;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  if (byId.size !== nodes.length) problems.push('duplicate node ids');
  for (let i = 0; i < nodes.length; i++) {
    const a = nodes[i]!;
    if (a.x < 0 || a.y < 0 || a.x + a.w > layout.width || a.y + a.h > layout.height)
      problems.push(`${a.id} is outside the picture`);
    for (let j = i + 1; j < nodes.length; j++) {
      if (overlap(a, nodes[j]!)) problems.push(`${a.id} overlaps ${nodes[j]!.id}`);
    }
  }
  for (const e of edges) {
    const from = byId.get(e.from);
    const to = byId.get(e.to);
    if (!from || !to) {
      problems.push(`edge ${e.from} → ${e.to} names a missing node`);
      continue;
    }
    if (e.points.length < 2) problems.push(`edge ${e.from} → ${e.to} has no length`);
    if (!onBorder(e.points[0]!, from))
      problems.push(`edge ${e.from} → ${e.to} does not leave its source`);
    if (!onBorder(e.points.at(-1)!, to))
      problems.push(`edge ${e.from} → ${e.to} does not end on its target`);
    for (let k = 1; k < e.points.length; k++) {
      const [x0, y0] = e.points[k - 1]!;
      const [x1, y1] = e.points[k]!;
      if (x0 !== x1 && y0 !== y1) problems.push(`edge ${e.from} → ${e.to} has a diagonal segment`);
    }
  }
  // A phase's header and steps sit inside its group; groups of a row do not overlap.
  const groups = clusters.filter((c) => c.kind === 'phase');
  for (const g of groups) {
    const prefix = g.id.replace(/-group$/, '');
    for (const n of nodes.filter((n) => n.id === prefix || n.id.startsWith(`${prefix}-`))) {
      if (n.x < g.x || n.y < g.y || n.x + n.w > g.x + g.w || n.y + n.h > g.y + g.h)
        problems.push(`${n.id} sticks out of ${g.id}`);
    }
  }
  for (let i = 0; i < groups.length; i++)
    for (let j = i + 1; j < groups.length; j++)
      if (overlap(groups[i]!, groups[j]!))
        problems.push(`${groups[i]!.id} overlaps ${groups[j]!.id}`);
  return problems;
}

function svgProblems(svg: string): string[] {
  const problems: string[] = [];
  const valid = XMLValidator.validate(svg);
  if (valid !== true) problems.push(`invalid XML: ${JSON.stringify(valid.err)}`);
  const doc = new XMLParser({ ignoreAttributes: false }).parse(svg) as {
    svg?: { '@_xmlns'?: string };
  };
  if (doc.svg?.['@_xmlns'] !== 'http://www.w3.org/2000/svg') problems.push('no SVG root');
  // Nothing to fetch: no links, no imports, no url() but to the document's own markers.
  if (/href|@import|<script|<image|<foreignObject/i.test(svg)) problems.push('external reference');
  for (const m of svg.matchAll(/url\(([^)]*)\)/g))
    if (!m[1]!.startsWith('#')) problems.push(`url(${m[1]})`);
  const urls = [...svg.matchAll(/https?:\/\/[^"\s]+/g)].map((m) => m[0]);
  if (urls.some((u) => u !== 'http://www.w3.org/2000/svg'))
    problems.push(`URLs: ${urls.join(' ')}`);
  return problems;
}

const cases: [string, PlanGraph][] = [];
for (const [name, dir] of corpusPackages()) {
  const graph = graphOf(dir);
  cases.push([name, graph]);
  for (const plan of graph.plans)
    cases.push([`${name} --plan ${plan.name}`, selectPlan(graph, plan.name)!]);
}
cases.push(['onFailure and KudoOperator fixture', graphOf(onFailureFixture)]);

for (const [name, graph] of cases) {
  test(`${name}: boxes do not overlap, edges run box to box, the SVG is self-contained XML`, () => {
    const layout = layoutGraph(graph);
    assert.ok(layout.nodes.length > 0);
    assert.deepStrictEqual(layoutProblems(layout), []);
    assert.deepStrictEqual(svgProblems(renderSvg(layout)), []);
  });
}

test('every part of the model is drawn: one node per trigger set, plan, phase, step, dependency', () => {
  for (const [name, graph] of cases) {
    const layout = layoutGraph(graph);
    const count = (kind: string) => layout.nodes.filter((n) => n.kind === kind).length;
    const phases = graph.plans.flatMap((p) => p.phases);
    const steps = phases.flatMap((ph) => ph.steps);
    assert.equal(count('plan'), graph.plans.length, name);
    assert.equal(count('trigger'), graph.plans.filter((p) => p.triggers.length > 0).length, name);
    assert.equal(count('phase'), phases.length, name);
    assert.equal(count('step'), steps.length, name);
    assert.equal(
      count('dependency'),
      steps.flatMap((s) => s.tasks).filter((t) => t.dependency).length,
      name,
    );
  }
});

test('the fixture draws its onFailure edges, dependencies, parallel and canary phases', () => {
  const graph = graphOf(onFailureFixture);
  const layout = layoutGraph(graph);
  const kinds = (k: string) =>
    layout.edges.filter((e) => e.kind === k).map((e) => `${e.from}→${e.to}`);
  assert.deepStrictEqual(kinds('onFailure'), [
    'plan0→plan1',
    'plan0-phase0-step0→plan1',
    'plan0-phase1-step1→plan1',
  ]);
  assert.deepStrictEqual(kinds('dependency'), [
    'plan0-phase0-step0→plan0-phase0-step0-dep0',
    'plan0-phase0-step1→plan0-phase0-step1-dep0',
  ]);
  assert.deepStrictEqual(kinds('parallel'), [
    'plan0-phase0→plan0-phase0-step0',
    'plan0-phase0→plan0-phase0-step1',
  ]);
  const canary = layout.nodes.find((n) => n.id === 'plan0-phase1')!;
  assert.deepStrictEqual(
    canary.lines.map((l) => l.text),
    ['phase app', 'canary · pause after 1'],
  );
  const dep = layout.nodes.find((n) => n.id === 'plan0-phase0-step0-dep0')!;
  assert.deepStrictEqual(
    dep.lines.map((l) => l.text),
    ['operator postgres', '1.2.0', 'instance shop-db'],
  );
  // --plan rollback has no onFailure edge; --plan deploy brings rollback along.
  assert.deepStrictEqual(
    selectPlan(graph, 'rollback')!.plans.map((p) => p.name),
    ['rollback'],
  );
  assert.deepStrictEqual(
    selectPlan(graph, 'deploy')!.plans.map((p) => p.name),
    ['deploy', 'rollback'],
  );
});

test('triggers follow KUDO: a parameter with no trigger starts update if there is one, else deploy', () => {
  const [, kafka] = cases.find(([n]) => n.startsWith('kafka/'))!;
  const byPlan = new Map(kafka.plans.map((p) => [p.name, p.triggers]));
  assert.ok(byPlan.get('update-instance')!.includes('BROKER_COUNT'));
  const total = [...byPlan.values()].reduce((n, t) => n + t.length, 0);
  const params = parsePackageOrThrow(
    loadPackageFiles(corpusPackages().find(([n]) => n.startsWith('kafka/'))![1]),
  ).params.parameters!.length;
  assert.equal(total, params);
});

test('the layout and the SVG are deterministic', () => {
  for (const [, graph] of cases.slice(0, 6)) {
    assert.equal(renderSvg(layoutGraph(graph)), renderSvg(layoutGraph(structuredClone(graph))));
  }
});

test('long parameter lists are cut in the box and given whole in its tooltip', () => {
  const [, kafka] = cases.find(([n]) => n.startsWith('kafka/'))!;
  const trig = layoutGraph(kafka).nodes.find(
    (n) => n.kind === 'trigger' && n.tooltip?.includes('update-instance'),
  )!;
  assert.match(trig.lines.at(-1)!.text, /^… and \d+ more$/);
  assert.ok(trig.lines.length <= 10);
  assert.equal(
    trig.tooltip!.split('\n').length - 1,
    kafka.plans.find((p) => p.name === 'update-instance')!.triggers.length,
  );
});

test('Mermaid and DOT name every plan, phase and step and every onFailure edge', () => {
  const graph = graphOf(onFailureFixture);
  const mermaid = renderMermaid(graph);
  const dot = renderDot(graph);
  assert.match(mermaid, /^flowchart LR\n/);
  assert.match(dot, /^digraph "shop 0.1.0" \{\n/);
  for (const id of [
    'plan0',
    'plan1',
    'plan0-phase0',
    'plan0-phase1-step1',
    'plan0-phase0-step0-dep0',
  ]) {
    assert.ok(mermaid.includes(id.replace(/-/g, '_')), id);
    assert.ok(dot.includes(`"${id}"`), id);
  }
  assert.match(mermaid, /plan0_phase0_step0 -\.->\|onFailure\| plan1/);
  assert.match(
    dot,
    /"plan0-phase0-step0" -> "plan1" \[label="onFailure", color="#cf222e", style=dashed\];/,
  );
  // Braces balance in DOT; every Mermaid subgraph ends.
  assert.equal((dot.match(/\{/g) ?? []).length, (dot.match(/\}/g) ?? []).length);
  assert.equal(
    (mermaid.match(/^\s*subgraph /gm) ?? []).length,
    (mermaid.match(/^\s*end$/gm) ?? []).length,
  );
});

test('plan graph CLI: svg to a file, mermaid and dot to stdout, errors', async () => {
  const [, dir] = corpusPackages().find(([n]) => n.startsWith('kafka/'))!;
  const out = join(mkdtempSync(join(tmpdir(), 'maestro-graph-')), 'kafka.svg');
  const c = collectingIO();
  assert.equal(await run(['graph', dir, '--out', out], c.io), 0);
  assert.deepStrictEqual(svgProblems(readFileSync(out, 'utf8')), []);
  const m = collectingIO();
  assert.equal(await run(['graph', dir, '--plan', 'deploy', '-o', 'mermaid'], m.io), 0);
  assert.match(m.stdout(), /plan deploy/);
  assert.doesNotMatch(m.stdout(), /plan mirrormaker/);
  const d = collectingIO();
  assert.equal(await run(['graph', dir, '-o', 'dot'], d.io), 0);
  assert.match(d.stdout(), /^digraph /);
  const missing = collectingIO();
  assert.equal(await run(['graph', dir, '--plan', 'nope'], missing.io), 1);
  assert.match(missing.stderr(), /no plan "nope"; the package has deploy/);
  await assert.rejects(
    run(['graph', dir, '-o', 'png'], collectingIO().io),
    /-o must be svg, mermaid or dot/,
  );
  await assert.rejects(run(['draw', dir], collectingIO().io), /expected graph/);
  const gone = collectingIO();
  assert.equal(await run(['graph', '/no/such/package'], gone.io), 1);
  assert.match(gone.stderr(), /\/no\/such\/package/);
});

test('odd packages still draw: no plans, a phase with no steps, a step naming no task', () => {
  const pkg = (operator: string) =>
    planGraph(
      parsePackageOrThrow(
        new Map([
          ['operator.yaml', `name: odd\noperatorVersion: 0.1.0\n${operator}`],
          ['params.yaml', ''],
        ]),
      ),
    );
  for (const graph of [
    pkg(''),
    pkg('plans:\n  deploy:\n    phases:\n      - name: empty\n'),
    pkg(
      'plans:\n  deploy:\n    phases:\n      - name: p\n        steps:\n          - name: s\n            tasks: [ghost]\n',
    ),
  ]) {
    const layout = layoutGraph(graph);
    assert.deepStrictEqual(layoutProblems(layout), []);
    assert.deepStrictEqual(svgProblems(renderSvg(layout)), []);
  }
  const ghost = layoutGraph(
    pkg(
      'plans:\n  deploy:\n    phases:\n      - name: p\n        steps:\n          - name: s\n            tasks: [ghost]\n',
    ),
  ).nodes.find((n) => n.kind === 'step')!;
  assert.deepStrictEqual(
    ghost.lines.map((l) => l.text),
    ['step s', 'ghost · undefined'],
  );
});
