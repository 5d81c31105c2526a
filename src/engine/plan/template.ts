// Binding to Maestro's template engine with KUDO's options: missingkey=error,
// sprig 3.2.3 and toYaml. Determinism (DESIGN.md, "Templates"): random
// functions draw from a seed of the instance UID and the template name (each
// call in a render advances the same seeded source, so the call order is part
// of the seed), and `now` reads the active execution's recorded start.

import { createEngine } from '../../template/engine.ts';
import type { Engine } from '../../template/engine.ts';
import { sprigFuncMap } from '../../template/sprig/index.ts';
import type { GoValue } from '../../template/value.ts';

/** `generated`: the render drew from the seeded random source (src/template/engine.ts). */
export type TemplateOutcome =
  { ok: true; out: string; generated: boolean } | { ok: false; error: string };

const engines = new Map<string, Engine>();
const MAX_ENGINES = 128;

function engineFor(seed: string, nowMs: number): Engine {
  const key = `${seed}\u0000${nowMs}`;
  let engine = engines.get(key);
  if (engine) {
    // Keep recently used engines (and their parse caches) at the end.
    engines.delete(key);
    engines.set(key, engine);
    return engine;
  }
  engine = createEngine({
    funcs: sprigFuncMap(),
    missingkey: 'error',
    seed,
    now: () => BigInt(nowMs) * 1_000_000n,
    cacheSize: 16,
  });
  if (engines.size >= MAX_ENGINES) engines.delete(engines.keys().next().value as string);
  engines.set(key, engine);
  return engine;
}

export interface RenderContext {
  /** The instance UID: part of the random seed. */
  instanceUid: string;
  /** Milliseconds since the epoch that `now` and the date functions see. */
  nowMs: number;
  /**
   * A rotate request's uid (spec.planControl.rotate): part of the seed, so a
   * rotation draws new values, and re-drawing it after a lost status write
   * gives the same ones.
   */
  rotation?: string;
}

/** Renders one template file. The error text names the file and line (Go's format). */
export function renderTemplate(
  name: string,
  text: string,
  data: Record<string, unknown>,
  ctx: RenderContext,
): TemplateOutcome {
  const seed =
    ctx.rotation === undefined
      ? `${ctx.instanceUid}\u0000${name}`
      : `${ctx.instanceUid}\u0000${name}\u0000${ctx.rotation}`;
  const engine = engineFor(seed, ctx.nowMs);
  try {
    const r = engine.tryRender(name, text, data as unknown as GoValue);
    if (r.ok) return { ok: true, out: r.out, generated: r.generated === true };
    return { ok: false, error: r.err };
  } catch (err) {
    return { ok: false, error: `${name}: ${err instanceof Error ? err.message : String(err)}` };
  }
}
