// `maestro plan graph`: a package's plans as a picture (pure).
export { planGraph, selectPlan, triggerPlan, type PlanGraph, type GraphPlan } from './model.ts';
export { layoutGraph, type Layout, type LayoutNode, type LayoutEdge } from './layout.ts';
export { renderSvg, xmlEscape } from './svg.ts';
export { renderMermaid, renderDot } from './text.ts';
