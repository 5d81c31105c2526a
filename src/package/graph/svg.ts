// A Layout as a standalone SVG document (pure): inline styles, no external
// reference (no href, no web font, no script), so it opens unchanged in a
// browser or an editor preview. Coordinates are the layout's, unchanged.
import { FONT_SIZE, LINE_HEIGHT, type Layout, type LayoutEdge, type LayoutNode } from './layout.ts';

/** Text as XML character data or attribute value. */
export function xmlEscape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\p{Cc}/gu, (c) => (c === '\n' || c === '\t' || c === '\r' ? c : ''));
}

const num = (n: number) => String(Math.round(n * 10) / 10);

const style = `
    .row { fill: #f7f8fa; stroke: #e3e6eb; }
    .phase-group { fill: #ffffff; stroke: #c9ced6; stroke-dasharray: 4 3; }
    .node rect { stroke-width: 1.2; }
    .trigger rect { fill: #fff7e0; stroke: #d9a400; }
    .plan rect { fill: #e8f0fe; stroke: #3366cc; }
    .phase rect { fill: #eef7ee; stroke: #3d8b40; }
    .step rect { fill: #ffffff; stroke: #55606e; }
    .dependency rect { fill: #f3e8fd; stroke: #7b3fbf; }
    text { fill: #1f2328; }
    .title { font-weight: bold; }
    .dim { fill: #57606a; }
    .edge { fill: none; stroke: #57606a; stroke-width: 1.2; }
    .edge.trigger { stroke: #d9a400; }
    .edge.parallel { stroke: #3d8b40; }
    .edge.dependency { stroke: #7b3fbf; stroke-dasharray: 5 3; }
    .edge.onFailure { stroke: #cf222e; stroke-dasharray: 6 3; }
    .legend text { fill: #57606a; }`;

function node(n: LayoutNode): string {
  const tip = n.tooltip === undefined ? '' : `<title>${xmlEscape(n.tooltip)}</title>`;
  const texts = n.lines
    .map((l, i) => {
      const cls = l.style === undefined ? '' : ` class="${l.style}"`;
      const y = n.y + 8 + FONT_SIZE - 1 + i * LINE_HEIGHT;
      return `<text x="${num(n.x + 8)}" y="${num(y)}"${cls} xml:space="preserve">${xmlEscape(l.text)}</text>`;
    })
    .join('');
  return `<g class="node ${n.kind}" id="${xmlEscape(n.id)}">${tip}<rect x="${num(n.x)}" y="${num(n.y)}" width="${num(n.w)}" height="${num(n.h)}" rx="${n.kind === 'plan' ? 10 : 4}"/>${texts}</g>`;
}

function edge(e: LayoutEdge): string {
  const d = e.points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${num(x)},${num(y)}`).join(' ');
  const marker = e.kind === 'onFailure' ? 'arrow-red' : 'arrow';
  return `<path class="edge ${e.kind}" d="${d}" marker-end="url(#${marker})"><title>${xmlEscape(`${e.kind}: ${e.from} → ${e.to}`)}</title></path>`;
}

export function renderSvg(layout: Layout): string {
  const legendY = layout.height + 4;
  let legendX = 16;
  const height = layout.height + 28;
  const legend = [
    ['trigger', 'parameters that start the plan'],
    ['sequence', 'then'],
    ['parallel', 'in parallel'],
    ['dependency', 'KudoOperator'],
    ['onFailure', 'onFailure plan'],
  ]
    .map(([kind, label]) => {
      const x = legendX;
      legendX += 48 + label!.length * 7.3 + 24;
      return `<path class="edge ${kind}" d="M${x},${legendY + 8} L${x + 28},${legendY + 8}" marker-end="url(#${kind === 'onFailure' ? 'arrow-red' : 'arrow'})"/><text x="${x + 36}" y="${legendY + 12}">${xmlEscape(label!)}</text>`;
    })
    .join('');
  const width = Math.ceil(Math.max(layout.width, legendX));
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="${FONT_SIZE}">`,
    `<title>${xmlEscape(layout.title)}</title>`,
    `<defs><style>${style}\n  </style>`,
    `<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#57606a"/></marker>`,
    `<marker id="arrow-red" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#cf222e"/></marker></defs>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...[
      ...layout.clusters.filter((c) => c.kind === 'row'),
      ...layout.clusters.filter((c) => c.kind !== 'row'),
    ].map(
      (c) =>
        `<rect class="${c.kind === 'row' ? 'row' : 'phase-group'}" x="${num(c.x)}" y="${num(c.y)}" width="${num(c.w)}" height="${num(c.h)}" rx="6"/>`,
    ),
    ...layout.edges.map(edge),
    ...layout.nodes.map(node),
    `<g class="legend">${legend}</g>`,
    `</svg>`,
    '',
  ].join('\n');
}
